/// One range of guest-physical addresses backed by host memory.
public struct MemoryRegion: Sendable {
    /// RAM is read-write for the guest; ROM is read-only (guest writes to it are dropped).
    public enum Kind: Sendable { case ram, rom }

    public let name: String
    public let kind: Kind
    public let guestBase: UInt64
    public let size: UInt64
    /// The host mapping that holds the bytes; two ROM aliases may share one.
    public let mapping: HostMapping
    /// Offset of this region's first byte within `mapping`.
    public let mappingOffset: Int

    public var guestEnd: UInt64 { guestBase &+ size }
    public var host: UnsafeMutableRawPointer { mapping.pointer + mappingOffset }

    public func contains(_ address: UInt64) -> Bool { address >= guestBase && address - guestBase < size }
}
