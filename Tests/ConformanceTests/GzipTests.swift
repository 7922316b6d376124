import Conformance
import Testing

/// The gzip and DEFLATE decoder: every block type, the header's optional fields, and corrupt input.
@Suite struct GzipTests {
    /// What the fixed- and dynamic-block samples hold (made with zlib).
    static let content = Array((0..<200).map { "vector \($0 % 13) passes; " }.joined().utf8)

    /// "stored block" at compression level 0: one stored block.
    static let stored = bytes("1f8b0800000000000403010c00f3ff73746f72656420626c6f636b94a3243d0c000000")
    /// `content` with zlib's Z_FIXED strategy: one fixed-Huffman block.
    static let fixed = bytes("""
        1f8b08000000000002032b4b4d2ec92f52305028482c2e4e2db65628830818a20b18a10b18a30b98a00b98a20b98a10b98a30b58a00b5862\
        380cd3a9186e35c470eca8ff46fd37eabf51ff8dfa6fd47fa3fe1bf5dfa8ff46fd37eabf51ff0d8cff0088f297c5750d0000
        """)
    /// `content` at level 9: one dynamic-Huffman block.
    static let dynamic = bytes("""
        1f8b0800000000000203edcfb90d80301005d156b604cc6510d520e4d8c88b5c3f01d9df0248269d685e2fd7539b0d769feec50feb5f48\
        1a460d938659c3a261d590356c1af6301657c36b0ab3f8f0e1c3870f1f3e7cf8f0e1c3f78fef0588f297c5750d0000
        """)

    static func bytes(_ hex: String) -> [UInt8] {
        let digits = Array(hex.utf8)
        return stride(from: 0, to: digits.count - 1, by: 2).map { UInt8(String(decoding: digits[$0...$0 + 1], as: UTF8.self), radix: 16) ?? 0 }
    }

    /// A gzip member around raw DEFLATE data, with a zero CRC and length.
    static func member(_ deflate: [UInt8]) -> [UInt8] {
        [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3] + deflate + [UInt8](repeating: 0, count: 8)
    }

    @Test func storedBlock() throws {
        #expect(try Gzip.decompress(Self.stored) == Array("stored block".utf8))
    }

    @Test func fixedHuffmanBlock() throws {
        #expect(try Gzip.decompress(Self.fixed) == Self.content)
    }

    @Test func dynamicHuffmanBlock() throws {
        #expect(try Gzip.decompress(Self.dynamic) == Self.content)
    }

    @Test func optionalHeaderFieldsAreSkipped() throws {
        let flags: UInt8 = 1 << 1 | 1 << 2 | 1 << 3 | 1 << 4
        let header: [UInt8] = [0x1F, 0x8B, 8, flags, 0, 0, 0, 0, 0, 3]
        let extra: [UInt8] = [3, 0, 0xAA, 0xBB, 0xCC]
        let name = Array("vectors.json".utf8) + [0]
        let comment = Array("a comment".utf8) + [0]
        let headerCRC: [UInt8] = [0x12, 0x34]
        let withFields = header + extra + name + comment + headerCRC + Self.dynamic.dropFirst(10)
        #expect(try Gzip.decompress(withFields) == Self.content)
    }

    @Test func concatenatedMembersDecodeInOrder() throws {
        #expect(try Gzip.decompress(Self.stored + Self.dynamic) == Array("stored block".utf8) + Self.content)
    }

    @Test func notGzip() {
        #expect(throws: InflateError.notGzip) { try Gzip.decompress(Array("[{\"name\": 1}]".utf8)) }
        #expect(throws: InflateError.notGzip) { try Gzip.decompress(Self.stored + [0x00, 0x01]) }
        #expect(throws: InflateError.unsupportedHeader("compression method 7")) {
            try Gzip.decompress([0x1F, 0x8B, 7] + Self.stored.dropFirst(3))
        }
    }

    @Test func everyTruncationIsAnError() {
        for length in 0..<Self.dynamic.count {
            #expect(throws: InflateError.self) { try Gzip.decompress(Array(Self.dynamic.prefix(length))) }
        }
    }

    @Test func checksumAndLengthAreChecked() {
        var badCRC = Self.dynamic
        badCRC[badCRC.count - 8] ^= 1
        #expect(throws: InflateError.checksumMismatch) { try Gzip.decompress(badCRC) }
        var badLength = Self.dynamic
        badLength[badLength.count - 1] ^= 1
        #expect(throws: InflateError.checksumMismatch) { try Gzip.decompress(badLength) }
    }

    @Test func corruptBlocksAreNamed() {
        // BFINAL=1 with the reserved block type 3.
        #expect(throws: InflateError.reservedBlockType) { try Gzip.decompress(Self.member([0x07])) }
        // A stored block whose NLEN is not the complement of LEN.
        #expect(throws: InflateError.storedLengthMismatch) { try Gzip.decompress(Self.member([0x01, 0x01, 0x00, 0x00, 0x00, 0x41])) }
        // A fixed block that starts with a length-3 match at distance 1: nothing to copy from.
        #expect(throws: InflateError.distanceTooFar) { try Gzip.decompress(Self.member([0x03, 0x02, 0x00])) }
        // A dynamic block whose code-length code gives four symbols one-bit codes.
        #expect(throws: InflateError.invalidCodeLengths("over-subscribed Huffman code")) {
            try Gzip.decompress(Self.member([0x05, 0x00, 0x92, 0x04]))
        }
    }

    @Test func outputLimitStopsExpansion() {
        #expect(throws: InflateError.outputTooLarge(limit: 100)) { try Gzip.decompress(Self.dynamic, outputLimit: 100) }
    }

    /// Flipping any bit of a member must end in an error or (where the bit does not matter) the same data, never a trap.
    @Test func bitFlipsNeverTrap() {
        for sample in [Self.fixed, Self.dynamic] {
            for index in sample.indices {
                for bit in 0..<8 {
                    var corrupt = sample
                    corrupt[index] ^= 1 << UInt8(bit)
                    if let output = try? Gzip.decompress(corrupt) { #expect(output == Self.content) }
                }
            }
        }
    }
}
