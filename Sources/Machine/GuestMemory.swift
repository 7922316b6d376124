/// The guest-physical address space: RAM and ROM regions over host mappings; every other address
/// is a hole that routes to the MMIO bus. Every accessor checks bounds.
public final class GuestMemory: @unchecked Sendable {
    /// Highest guest-physical address + 1 that swiftvmm supports (52-bit physical addresses).
    public static let addressLimit: UInt64 = 1 << 52

    public private(set) var regions: [MemoryRegion] = []

    public init() {}

    /// Adds zero-filled RAM at `base`.
    @discardableResult
    public func addRAM(name: String, at base: UInt64, size: UInt64) throws(MemoryLayoutError) -> MemoryRegion {
        try checkPlacement(name: name, base: base, size: size)
        guard size <= UInt64(Int.max) else { throw .hostMappingFailed(bytes: size) }
        let region = MemoryRegion(
            name: name, kind: .ram, guestBase: base, size: size, mapping: try HostMapping(size: Int(size)), mappingOffset: 0)
        insert(region)
        return region
    }

    /// Adds a read-only region holding `contents` at `base`, or aliases an existing mapping.
    @discardableResult
    public func addROM(name: String, at base: UInt64, contents: [UInt8]) throws(MemoryLayoutError) -> MemoryRegion {
        let size = UInt64(contents.count)
        try checkPlacement(name: name, base: base, size: size)
        let mapping = try HostMapping(size: contents.count)
        contents.withUnsafeBytes { mapping.pointer.copyMemory(from: $0.baseAddress!, byteCount: contents.count) }
        let region = MemoryRegion(name: name, kind: .rom, guestBase: base, size: size, mapping: mapping, mappingOffset: 0)
        insert(region)
        return region
    }

    /// Maps the last `size` bytes of an existing ROM a second time at `base`.
    @discardableResult
    public func addROMAlias(of rom: MemoryRegion, name: String, at base: UInt64, size: UInt64) throws(MemoryLayoutError) -> MemoryRegion {
        try checkPlacement(name: name, base: base, size: size)
        guard size <= rom.size else { throw .outsideAddressSpace(name: name, base: base, size: size) }
        let region = MemoryRegion(
            name: name, kind: .rom, guestBase: base, size: size, mapping: rom.mapping,
            mappingOffset: rom.mappingOffset + Int(rom.size - size))
        insert(region)
        return region
    }

    /// The region that holds `address`, if any.
    public func region(containing address: UInt64) -> MemoryRegion? {
        regions.first { $0.contains(address) }
    }

    /// A host pointer to `length` bytes at `address` when all of them lie inside one region.
    public func hostPointer(at address: UInt64, length: Int) -> (pointer: UnsafeMutableRawPointer, kind: MemoryRegion.Kind)? {
        guard length >= 0, let region = region(containing: address) else { return nil }
        let offset = address - region.guestBase
        guard UInt64(length) <= region.size - offset else { return nil }
        return (region.host + Int(offset), region.kind)
    }

    /// Copies `bytes` into RAM or ROM at `address` (loaders write ROM this way); false when any byte falls outside.
    @discardableResult
    public func write(_ bytes: [UInt8], at address: UInt64) -> Bool {
        guard let target = hostPointer(at: address, length: bytes.count) else { return false }
        bytes.withUnsafeBytes { source in
            if let base = source.baseAddress { target.pointer.copyMemory(from: base, byteCount: bytes.count) }
        }
        return true
    }

    /// Reads `count` bytes at `address`, or nil when any byte falls outside RAM and ROM.
    public func read(at address: UInt64, count: Int) -> [UInt8]? {
        guard let source = hostPointer(at: address, length: count) else { return nil }
        return Array(UnsafeRawBufferPointer(start: source.pointer, count: count))
    }

    /// Reads a little-endian integer, or nil outside RAM and ROM.
    public func load<T: FixedWidthInteger>(_ type: T.Type, at address: UInt64) -> T? {
        guard let source = hostPointer(at: address, length: MemoryLayout<T>.size) else { return nil }
        return T(littleEndian: source.pointer.loadUnaligned(as: T.self))
    }

    /// Writes a little-endian integer into RAM; false outside RAM.
    @discardableResult
    public func store<T: FixedWidthInteger>(_ value: T, at address: UInt64) -> Bool {
        guard let target = hostPointer(at: address, length: MemoryLayout<T>.size), target.kind == .ram else { return false }
        target.pointer.storeBytes(of: value.littleEndian, as: T.self)
        return true
    }

    /// Total bytes of RAM.
    public var ramSize: UInt64 { regions.filter { $0.kind == .ram }.reduce(0) { $0 + $1.size } }

    private func checkPlacement(name: String, base: UInt64, size: UInt64) throws(MemoryLayoutError) {
        guard size > 0 else { throw .emptyRegion }
        guard base < Self.addressLimit, size <= Self.addressLimit - base else {
            throw .outsideAddressSpace(name: name, base: base, size: size)
        }
        if regions.contains(where: { base < $0.guestEnd && $0.guestBase < base + size }) {
            throw .overlap(name: name, base: base, size: size)
        }
    }

    private func insert(_ region: MemoryRegion) {
        regions.append(region)
        regions.sort { $0.guestBase < $1.guestBase }
    }
}
