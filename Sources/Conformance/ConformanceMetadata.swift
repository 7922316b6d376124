/// The vectors' metadata.json: per opcode (and per ModRM reg of a group) which FLAGS bits the
/// real processor leaves undefined.
public struct ConformanceMetadata: Sendable, Decodable {
    /// What metadata.json says about one opcode or one reg of a group opcode.
    public struct Entry: Sendable, Decodable {
        public var status: String?
        /// FLAGS bits to compare (undefined ones clear); nil compares all.
        public var flagsMask: UInt16?
        /// Per ModRM reg field ("0"…"7") of a group opcode.
        public var reg: [String: Entry]?

        private enum CodingKeys: String, CodingKey {
            case status
            case flagsMask = "flags-mask"
            case reg
        }
    }

    /// Entries keyed by opcode in upper-case hexadecimal ("D3").
    public var opcodes: [String: Entry]

    public init(opcodes: [String: Entry]) {
        self.opcodes = opcodes
    }

    /// The FLAGS mask for the instruction `bytes` hold: its opcode's, or its ModRM reg's for a
    /// group opcode. Bytes whose entry has the status "prefix" are skipped.
    public func flagsMask(for bytes: [UInt8]) -> UInt16 {
        for (index, byte) in bytes.enumerated() {
            guard let entry = opcodes[Self.key(byte)] else { return 0xFFFF }
            if entry.status == "prefix" { continue }
            if let groups = entry.reg {
                guard index + 1 < bytes.count, let group = groups[String((bytes[index + 1] >> 3) & 7)] else { return 0xFFFF }
                return group.flagsMask ?? 0xFFFF
            }
            return entry.flagsMask ?? 0xFFFF
        }
        return 0xFFFF
    }

    private static func key(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
    }
}
