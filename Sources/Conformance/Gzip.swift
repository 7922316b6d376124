/// Decompresses gzip data (RFC 1952): one or more members, each checked against its CRC-32 and length.
public enum Gzip {
    /// The most bytes `decompress` produces before it gives up.
    public static let defaultOutputLimit = 1 << 30

    private static let headerCRCFlag: UInt8 = 1 << 1
    private static let extraFlag: UInt8 = 1 << 2
    private static let nameFlag: UInt8 = 1 << 3
    private static let commentFlag: UInt8 = 1 << 4

    /// The decompressed contents of `data`.
    public static func decompress(_ data: [UInt8], outputLimit: Int = defaultOutputLimit) throws(InflateError) -> [UInt8] {
        guard data.count >= 2, data[0] == 0x1F, data[1] == 0x8B else { throw .notGzip }
        var result: [UInt8] = []
        var offset = 0
        while offset < data.count {
            let start = try skipHeader(data, at: offset)
            let sizeHint = data.count >= 4 ? Int(littleEndian32(data, at: data.count - 4)) : 0
            var inflater = Inflater(data, from: start, outputLimit: outputLimit - result.count, expectedSize: sizeHint)
            try inflater.run()
            let trailer = inflater.endOffset
            guard data.count - trailer >= 8 else { throw .truncated }
            let member = inflater.output
            guard littleEndian32(data, at: trailer) == CRC32.checksum(member),
                  littleEndian32(data, at: trailer + 4) == UInt32(truncatingIfNeeded: member.count)
            else { throw .checksumMismatch }
            result.append(contentsOf: member)
            offset = trailer + 8
        }
        return result
    }

    /// Checks a member header at `offset` and returns where its DEFLATE stream starts.
    private static func skipHeader(_ data: [UInt8], at offset: Int) throws(InflateError) -> Int {
        guard zip(data[offset...], [0x1F, 0x8B]).allSatisfy({ $0 == $1 }) else { throw .notGzip }
        guard data.count - offset >= 10 else { throw .truncated }
        guard data[offset + 2] == 8 else { throw .unsupportedHeader("compression method \(data[offset + 2])") }
        let flags = data[offset + 3]
        guard flags & 0xE0 == 0 else { throw .unsupportedHeader("reserved flags 0x\(String(flags, radix: 16))") }
        var position = offset + 10
        if flags & extraFlag != 0 {
            guard data.count - position >= 2 else { throw .truncated }
            let length = Int(data[position]) | Int(data[position + 1]) << 8
            guard data.count - position - 2 >= length else { throw .truncated }
            position += 2 + length
        }
        for flag in [nameFlag, commentFlag] where flags & flag != 0 {
            guard let end = data[position...].firstIndex(of: 0) else { throw .truncated }
            position = end + 1
        }
        if flags & headerCRCFlag != 0 {
            guard data.count - position >= 2 else { throw .truncated }
            position += 2
        }
        return position
    }

    private static func littleEndian32(_ data: [UInt8], at offset: Int) -> UInt32 {
        (0..<4).reduce(0) { value, index in value | UInt32(data[offset + index]) << UInt32(index * 8) }
    }
}
