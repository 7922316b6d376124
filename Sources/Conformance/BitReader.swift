/// Reads a DEFLATE stream's bits least-significant first, checking every read against the end of the input.
struct BitReader {
    private let bytes: [UInt8]
    /// The next byte to load into `buffer`.
    private var position: Int
    private var buffer: UInt64 = 0
    /// Valid bits in `buffer`.
    private(set) var bitCount = 0

    init(_ bytes: [UInt8], from start: Int) {
        self.bytes = bytes
        position = min(max(start, 0), bytes.count)
    }

    /// Offset of the first byte not yet consumed, counting whole bytes left in the buffer as unconsumed.
    var byteOffset: Int { position - bitCount / 8 }

    /// Loads bytes until the buffer holds at least 57 bits or the input ends.
    @inline(__always)
    mutating func refill() {
        while bitCount <= 56 && position < bytes.count {
            buffer |= UInt64(bytes[position]) << UInt64(bitCount)
            position += 1
            bitCount += 8
        }
    }

    /// The next `count` (at most 56) bits without consuming them; bits beyond the input read as zero.
    @inline(__always)
    func peek(_ count: Int) -> Int {
        Int(truncatingIfNeeded: buffer & ((1 << UInt64(count)) &- 1))
    }

    /// Drops `count` bits that `peek` showed and that the buffer holds.
    @inline(__always)
    mutating func consume(_ count: Int) {
        buffer >>= UInt64(count)
        bitCount -= count
    }

    /// Reads `count` (at most 56) bits as an integer, first bit lowest.
    @inline(__always)
    mutating func bits(_ count: Int) throws(InflateError) -> Int {
        if bitCount < count {
            refill()
            guard bitCount >= count else { throw .truncated }
        }
        let value = peek(count)
        consume(count)
        return value
    }

    /// Skips to the next byte boundary.
    mutating func alignToByte() {
        consume(bitCount % 8)
    }

    /// Reads `count` whole bytes after `alignToByte`.
    mutating func alignedBytes(_ count: Int) throws(InflateError) -> ArraySlice<UInt8> {
        let start = byteOffset
        guard count >= 0, count <= bytes.count - start else { throw .truncated }
        position = start + count
        buffer = 0
        bitCount = 0
        return bytes[start..<start + count]
    }
}
