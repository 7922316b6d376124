/// A canonical Huffman code as DEFLATE defines it by its code lengths, decoded through a table of
/// the codes up to `fastBits` long and bit by bit beyond.
struct HuffmanCode {
    static let maximumBits = 15
    static let fastBits = 9

    /// Number of codes of each length, 0…15.
    private var counts = [Int](repeating: 0, count: maximumBits + 1)
    /// Symbols in canonical code order.
    private var symbols: [Int]
    /// Indexed by the next `fastBits` input bits: symbol << 4 | length, or 0 for longer codes.
    private var fast = [Int](repeating: 0, count: 1 << fastBits)

    /// A code with no symbols: every decode fails.
    init() { symbols = [] }

    /// Builds the code for symbols 0..<lengths.count; a length of 0 leaves that symbol out.
    /// An over-subscribed set of lengths is rejected; an incomplete one fails only on an unused code.
    init(lengths: [Int]) throws(InflateError) {
        for length in lengths {
            guard length >= 0, length <= Self.maximumBits else { throw .invalidCodeLengths("code length out of range") }
            counts[length] += 1
        }
        counts[0] = 0
        var left = 1
        for length in 1...Self.maximumBits {
            left = (left << 1) - counts[length]
            guard left >= 0 else { throw .invalidCodeLengths("over-subscribed Huffman code") }
        }
        var offsets = [Int](repeating: 0, count: Self.maximumBits + 2)
        for length in 1...Self.maximumBits { offsets[length + 1] = offsets[length] + counts[length] }
        symbols = [Int](repeating: 0, count: offsets[Self.maximumBits + 1])
        var nextCode = [Int](repeating: 0, count: Self.maximumBits + 1)
        var code = 0
        for length in 1...Self.maximumBits {
            code = (code + counts[length - 1]) << 1
            nextCode[length] = code
        }
        for (symbol, length) in lengths.enumerated() where length != 0 {
            symbols[offsets[length]] = symbol
            offsets[length] += 1
            guard length <= Self.fastBits else { continue }
            let reversed = Self.reverse(nextCode[length], bits: length)
            nextCode[length] += 1
            var index = reversed
            while index < 1 << Self.fastBits {
                fast[index] = symbol << 4 | length
                index += 1 << length
            }
        }
    }

    /// Decodes one symbol from `reader`.
    @inline(__always)
    func decode(_ reader: inout BitReader) throws(InflateError) -> Int {
        if reader.bitCount < Self.maximumBits { reader.refill() }
        let entry = fast[reader.peek(Self.fastBits)]
        if entry != 0 {
            let length = entry & 15
            guard length <= reader.bitCount else { throw .truncated }
            reader.consume(length)
            return entry >> 4
        }
        return try decodeLong(&reader)
    }

    /// The canonical decoding, one bit at a time, for codes longer than `fastBits`.
    private func decodeLong(_ reader: inout BitReader) throws(InflateError) -> Int {
        let available = reader.bitCount
        let window = reader.peek(min(available, Self.maximumBits))
        var code = 0
        var first = 0
        var index = 0
        for length in 1...Self.maximumBits {
            guard length <= available else { throw .truncated }
            code |= (window >> (length - 1)) & 1
            let count = counts[length]
            if code - first < count {
                reader.consume(length)
                return symbols[index + code - first]
            }
            index += count
            first = (first + count) << 1
            code <<= 1
        }
        throw .invalidSymbol
    }

    private static func reverse(_ code: Int, bits: Int) -> Int {
        var result = 0
        var value = code
        for _ in 0..<bits {
            result = result << 1 | value & 1
            value >>= 1
        }
        return result
    }
}
