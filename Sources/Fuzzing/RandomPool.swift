import SeededRandom

/// A fixed block of pseudo-random bytes, made once, that inputs copy guest memory from at an
/// offset of their choosing: cheaper than drawing every byte, and the same in every run.
struct RandomPool {
    static let size = 1 << 20

    let bytes: [UInt8]

    init() {
        var random = SeededGenerator(seed: 0x5EED_F022)
        var bytes = [UInt8](repeating: 0, count: Self.size)
        for index in stride(from: 0, to: Self.size, by: 8) {
            let word = random.next()
            for byte in 0..<8 { bytes[index + byte] = UInt8(truncatingIfNeeded: word >> UInt64(byte * 8)) }
        }
        self.bytes = bytes
    }

    /// Copies `count` bytes starting at a random offset to `destination`.
    func fill(_ destination: UnsafeMutableRawPointer, count: Int, using random: inout SeededGenerator) {
        let offset = Int.random(in: 0...(Self.size - count), using: &random)
        bytes.withUnsafeBytes { source in
            destination.copyMemory(from: source.baseAddress! + offset, byteCount: count)
        }
    }
}
