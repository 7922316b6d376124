import Machine

extension GuestMemory {
    /// True when all `length` bytes at `address` are RAM within one region.
    func isRAM(at address: UInt64, length: UInt64) -> Bool {
        guard length <= UInt64(Int.max) else { return false }
        return hostPointer(at: address, length: Int(length))?.kind == .ram
    }

    /// Copies `bytes` to RAM at `address` and zero-fills the rest of `length` bytes; false, writing nothing,
    /// unless all of them are RAM.
    @discardableResult
    func loadRAM(_ bytes: ArraySlice<UInt8>, at address: UInt64, zeroFilledTo length: UInt64) -> Bool {
        guard UInt64(bytes.count) <= length, isRAM(at: address, length: length),
              let target = hostPointer(at: address, length: Int(length)) else { return false }
        bytes.withUnsafeBytes { source in
            if let base = source.baseAddress { target.pointer.copyMemory(from: base, byteCount: source.count) }
        }
        (target.pointer + bytes.count).initializeMemory(as: UInt8.self, repeating: 0, count: Int(length) - bytes.count)
        return true
    }

    /// The RAM's address ranges in ascending order, adjacent regions merged.
    var ramRanges: [Range<UInt64>] {
        var ranges: [Range<UInt64>] = []
        for region in regions where region.kind == .ram {
            if let last = ranges.last, last.upperBound == region.guestBase {
                ranges[ranges.count - 1] = last.lowerBound..<region.guestEnd
            } else {
                ranges.append(region.guestBase..<region.guestEnd)
            }
        }
        return ranges
    }
}
