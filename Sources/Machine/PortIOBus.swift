/// The 64 KiB port-I/O space. Unclaimed ports read as all ones and drop writes; both are counted.
public final class PortIOBus {
    private var map = AddressRangeMap<any PortIODevice>()
    public private(set) var unclaimedAccesses = 0

    public init() {}

    /// Gives `device` the ports `range`.
    public func claim(_ range: ClosedRange<UInt16>, name: String, device: any PortIODevice) throws(BusError) {
        try map.claim(UInt64(range.lowerBound), UInt64(range.upperBound), name: name, owner: device)
    }

    public func read(_ port: UInt16, size: Int) -> UInt64 {
        guard let entry = map.lookup(UInt64(port)) else {
            unclaimedAccesses += 1
            return allOnes(size)
        }
        return entry.owner.portRead(port, size: size) & allOnes(size)
    }

    public func write(_ port: UInt16, size: Int, value: UInt64) {
        guard let entry = map.lookup(UInt64(port)) else {
            unclaimedAccesses += 1
            return
        }
        entry.owner.portWrite(port, size: size, value: value & allOnes(size))
    }
}

/// A mask of `size` bytes of ones (size 1 to 8).
func allOnes(_ size: Int) -> UInt64 {
    size >= 8 ? UInt64.max : (1 << (UInt64(size) * 8)) &- 1
}
