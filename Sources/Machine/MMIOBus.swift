/// The memory-mapped I/O space: guest-physical addresses outside RAM and ROM. Unclaimed addresses
/// read as all ones and drop writes; both are counted.
public final class MMIOBus {
    private var map = AddressRangeMap<any MMIODevice>()
    public private(set) var unclaimedAccesses = 0

    public init() {}

    /// Gives `device` the `size` bytes at `base`.
    public func claim(base: UInt64, size: UInt64, name: String, device: any MMIODevice) throws(BusError) {
        try map.claim(base, base &+ size &- 1, name: name, owner: device)
    }

    public func read(_ address: UInt64, size: Int) -> UInt64 {
        guard let entry = map.lookup(address) else {
            unclaimedAccesses += 1
            return allOnes(size)
        }
        return entry.owner.mmioRead(offset: address - entry.first, size: size) & allOnes(size)
    }

    public func write(_ address: UInt64, size: Int, value: UInt64) {
        guard let entry = map.lookup(address) else {
            unclaimedAccesses += 1
            return
        }
        entry.owner.mmioWrite(offset: address - entry.first, size: size, value: value & allOnes(size))
    }
}
