import X86

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

    /// The FLAGS mask for `instruction`: its opcode's, or its ModRM reg's for a group opcode.
    public func flagsMask(for instruction: DecodedInstruction) -> UInt16 {
        let key = String(instruction.opcode, radix: 16, uppercase: true)
        guard let entry = opcodes[key.count == 1 ? "0" + key : key] else { return 0xFFFF }
        if let groups = entry.reg, let group = groups[String(instruction.reg & 7)] {
            return group.flagsMask ?? 0xFFFF
        }
        return entry.flagsMask ?? 0xFFFF
    }
}
