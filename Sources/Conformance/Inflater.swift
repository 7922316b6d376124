/// Decodes a raw DEFLATE stream (RFC 1951): stored, fixed-Huffman and dynamic-Huffman blocks.
struct Inflater {
    /// Base lengths of length symbols 257…285 and their extra bits.
    private static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    /// Base distances of distance symbols 0…29 and their extra bits.
    private static let distanceBase = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769,
        1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
    ]
    private static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    /// The order in which a dynamic block lists the code-length code's lengths.
    private static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// The fixed literal/length and distance codes of block type 1.
    private static let fixedCodes: (literals: HuffmanCode, distances: HuffmanCode) = {
        var lengths = [Int](repeating: 8, count: 288)
        for symbol in 144..<256 { lengths[symbol] = 9 }
        for symbol in 256..<280 { lengths[symbol] = 7 }
        // The fixed lengths form complete codes, so building them cannot fail.
        let literals = (try? HuffmanCode(lengths: lengths)) ?? HuffmanCode()
        let distances = (try? HuffmanCode(lengths: [Int](repeating: 5, count: 30))) ?? HuffmanCode()
        return (literals, distances)
    }()

    private var reader: BitReader
    private(set) var output: [UInt8] = []
    private let outputLimit: Int

    /// Prepares to decode the stream that starts at `start` in `input`, producing at most `outputLimit` bytes.
    init(_ input: [UInt8], from start: Int, outputLimit: Int, expectedSize: Int = 0) {
        reader = BitReader(input, from: start)
        self.outputLimit = outputLimit
        output.reserveCapacity(max(0, min(expectedSize, outputLimit, 1 << 28)))
    }

    /// Offset in the input of the first byte after the stream (valid once `run` returned).
    var endOffset: Int { reader.byteOffset }

    /// Decodes blocks until the final one.
    mutating func run() throws(InflateError) {
        var final = false
        while !final {
            final = try reader.bits(1) == 1
            switch try reader.bits(2) {
            case 0: try storedBlock()
            case 1: try huffmanBlock(Self.fixedCodes.literals, Self.fixedCodes.distances)
            case 2:
                let codes = try dynamicCodes()
                try huffmanBlock(codes.literals, codes.distances)
            default: throw .reservedBlockType
            }
        }
        reader.alignToByte()
    }

    private mutating func storedBlock() throws(InflateError) {
        reader.alignToByte()
        let length = try reader.bits(16)
        let complement = try reader.bits(16)
        guard length == complement ^ 0xFFFF else { throw .storedLengthMismatch }
        guard length <= outputLimit - output.count else { throw .outputTooLarge(limit: outputLimit) }
        output.append(contentsOf: try reader.alignedBytes(length))
    }

    private mutating func dynamicCodes() throws(InflateError) -> (literals: HuffmanCode, distances: HuffmanCode) {
        let literalCount = try reader.bits(5) + 257
        let distanceCount = try reader.bits(5) + 1
        let codeLengthCount = try reader.bits(4) + 4
        guard literalCount <= 286, distanceCount <= 30 else { throw .invalidCodeLengths("too many length or distance codes") }
        var codeLengthLengths = [Int](repeating: 0, count: 19)
        for index in 0..<codeLengthCount { codeLengthLengths[Self.codeLengthOrder[index]] = try reader.bits(3) }
        let codeLengthCode = try HuffmanCode(lengths: codeLengthLengths)
        var lengths: [Int] = []
        lengths.reserveCapacity(literalCount + distanceCount)
        while lengths.count < literalCount + distanceCount {
            let symbol = try codeLengthCode.decode(&reader)
            let repeated: Int
            let count: Int
            switch symbol {
            case 0...15:
                lengths.append(symbol)
                continue
            case 16:
                guard let previous = lengths.last else { throw .invalidCodeLengths("repeat with no previous length") }
                repeated = previous
                count = 3 + (try reader.bits(2))
            case 17:
                repeated = 0
                count = 3 + (try reader.bits(3))
            default:
                repeated = 0
                count = 11 + (try reader.bits(7))
            }
            guard lengths.count + count <= literalCount + distanceCount else { throw .invalidCodeLengths("code lengths overrun") }
            lengths.append(contentsOf: repeatElement(repeated, count: count))
        }
        guard lengths[256] != 0 else { throw .invalidCodeLengths("no end-of-block code") }
        let literals = try HuffmanCode(lengths: Array(lengths[0..<literalCount]))
        let distances = try HuffmanCode(lengths: Array(lengths[literalCount...]))
        return (literals, distances)
    }

    private mutating func huffmanBlock(_ literals: HuffmanCode, _ distances: HuffmanCode) throws(InflateError) {
        while true {
            let symbol = try literals.decode(&reader)
            if symbol < 256 {
                guard output.count < outputLimit else { throw .outputTooLarge(limit: outputLimit) }
                output.append(UInt8(truncatingIfNeeded: symbol))
                continue
            }
            if symbol == 256 { return }
            let lengthIndex = symbol - 257
            guard lengthIndex < Self.lengthBase.count else { throw .invalidSymbol }
            let length = Self.lengthBase[lengthIndex] + (try reader.bits(Self.lengthExtra[lengthIndex]))
            let distanceSymbol = try distances.decode(&reader)
            guard distanceSymbol < Self.distanceBase.count else { throw .invalidSymbol }
            let distance = Self.distanceBase[distanceSymbol] + (try reader.bits(Self.distanceExtra[distanceSymbol]))
            guard distance <= output.count else { throw .distanceTooFar }
            guard length <= outputLimit - output.count else { throw .outputTooLarge(limit: outputLimit) }
            var source = output.count - distance
            for _ in 0..<length {
                output.append(output[source])
                source += 1
            }
        }
    }
}
