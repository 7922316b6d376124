/// A vector whose outcome differed from the real processor's: each difference, expected against actual.
public struct ConformanceFailure: Sendable, CustomStringConvertible {
    /// One thing that differed.
    public enum Difference: Sendable, Equatable {
        /// A register; `mask` is what was compared (the FLAGS mask of undefined flags, else 0xFFFF).
        case register(VectorRegister, expected: UInt16, actual: UInt16, mask: UInt16)
        case memory(address: UInt32, expected: UInt8, actual: UInt8)
        /// The engine stopped instead of completing the instruction.
        case stopped(reason: String)
    }

    public var name: String
    public var bytes: [UInt8]
    public var differences: [Difference]

    public init(name: String, bytes: [UInt8], differences: [Difference]) {
        self.name = name
        self.bytes = bytes
        self.differences = differences
    }

    /// A line naming the vector and its bytes, then one indented line per difference.
    public var description: String {
        let header = "\"\(name)\" bytes \(bytes.map { Self.hex($0, digits: 2) }.joined(separator: " "))"
        return ([header] + differences.map { "  " + Self.describe($0) }).joined(separator: "\n")
    }

    private static func describe(_ difference: Difference) -> String {
        switch difference {
        case .register(let register, let expected, let actual, let mask):
            var line = "\(register.name): expected 0x\(hex(expected, digits: 4)), actual 0x\(hex(actual, digits: 4))"
            if register == .flags {
                line += " (differ: \(flagNames(expected & mask ^ actual & mask)))"
                if mask != 0xFFFF { line += " compared under mask 0x\(hex(mask, digits: 4))" }
            }
            return line
        case .memory(let address, let expected, let actual):
            return "[0x\(hex(address, digits: 5))]: expected 0x\(hex(expected, digits: 2)), actual 0x\(hex(actual, digits: 2))"
        case .stopped(let reason):
            return "stopped: \(reason)"
        }
    }

    /// The names of the FLAGS bits set in `bits`.
    private static func flagNames(_ bits: UInt16) -> String {
        let names: [(UInt16, String)] = [
            (1 << 0, "CF"), (1 << 2, "PF"), (1 << 4, "AF"), (1 << 6, "ZF"), (1 << 7, "SF"),
            (1 << 8, "TF"), (1 << 9, "IF"), (1 << 10, "DF"), (1 << 11, "OF"),
        ]
        var found = names.filter { bits & $0.0 != 0 }.map(\.1)
        let other = bits & ~names.reduce(0) { $0 | $1.0 }
        if other != 0 { found.append("0x\(hex(other, digits: 4))") }
        return found.joined(separator: " ")
    }

    private static func hex<Value: BinaryInteger>(_ value: Value, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
