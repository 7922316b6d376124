/// The host side of the fuzz machine's RAM: the harness's own writes into guest memory, each
/// checked against the RAM's size.
struct RAMImage {
    let base: UnsafeMutableRawPointer
    let size: Int

    func store<T: FixedWidthInteger>(_ value: T, at address: UInt64) {
        precondition(address <= UInt64(size - MemoryLayout<T>.size), "harness write outside fuzz RAM")
        base.storeBytes(of: value.littleEndian, toByteOffset: Int(address), as: T.self)
    }

    func write(_ bytes: [UInt8], at address: UInt64) {
        precondition(address <= UInt64(size - bytes.count), "harness write outside fuzz RAM")
        bytes.withUnsafeBytes { source in
            if let start = source.baseAddress { (base + Int(address)).copyMemory(from: start, byteCount: bytes.count) }
        }
    }

    func zero(_ range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= size, "harness write outside fuzz RAM")
        (base + range.lowerBound).initializeMemory(as: UInt8.self, repeating: 0, count: range.count)
    }

    /// A pointer to `count` bytes at `address`, for bulk copies.
    func pointer(at address: UInt64, count: Int) -> UnsafeMutableRawPointer {
        precondition(address <= UInt64(size - count), "harness write outside fuzz RAM")
        return base + Int(address)
    }
}
