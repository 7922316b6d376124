/// Non-overlapping address ranges, each owned by one value, looked up by address.
struct AddressRangeMap<Owner> {
    struct Entry {
        let first: UInt64
        let last: UInt64
        let name: String
        let owner: Owner
    }

    private(set) var entries: [Entry] = []

    mutating func claim(_ first: UInt64, _ last: UInt64, name: String, owner: Owner) throws(BusError) {
        if entries.contains(where: { first <= $0.last && $0.first <= last }) {
            throw .rangeTaken(name: name, first: first, last: last)
        }
        entries.append(Entry(first: first, last: last, name: name, owner: owner))
        entries.sort { $0.first < $1.first }
    }

    func lookup(_ address: UInt64) -> Entry? {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].last < address { low = middle + 1 } else { high = middle }
        }
        guard low < entries.count, entries[low].first <= address else { return nil }
        return entries[low]
    }
}
