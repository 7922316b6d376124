/// Why a gzip or DEFLATE stream could not be decoded.
public enum InflateError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input ended inside a header, block or trailer.
    case truncated
    /// The input does not start with the gzip magic bytes.
    case notGzip
    /// A gzip header field this decoder does not accept (compression method, reserved flags).
    case unsupportedHeader(String)
    /// Block type 3, which DEFLATE reserves.
    case reservedBlockType
    /// A stored block whose length and its complement disagree.
    case storedLengthMismatch
    /// Huffman code lengths that describe no valid code.
    case invalidCodeLengths(String)
    /// A bit pattern that is no symbol of the block's code, or a symbol DEFLATE does not define.
    case invalidSymbol
    /// A back-reference to before the start of the output.
    case distanceTooFar
    /// The gzip trailer's CRC-32 or length does not match the decoded data.
    case checksumMismatch
    /// The decoded data would exceed the size limit.
    case outputTooLarge(limit: Int)

    public var description: String {
        switch self {
        case .truncated: "truncated compressed data"
        case .notGzip: "not gzip data (bad magic bytes)"
        case .unsupportedHeader(let field): "unsupported gzip header: \(field)"
        case .reservedBlockType: "corrupt DEFLATE data: reserved block type"
        case .storedLengthMismatch: "corrupt DEFLATE data: stored block length check failed"
        case .invalidCodeLengths(let why): "corrupt DEFLATE data: \(why)"
        case .invalidSymbol: "corrupt DEFLATE data: invalid Huffman code"
        case .distanceTooFar: "corrupt DEFLATE data: back-reference before the start of the output"
        case .checksumMismatch: "corrupt gzip data: CRC-32 or length mismatch"
        case .outputTooLarge(let limit): "decompressed data exceeds \(limit) bytes"
        }
    }
}
