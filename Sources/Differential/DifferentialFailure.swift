import X86

/// One sequence on which the interpreter and the real processor disagreed.
public struct DifferentialFailure: Sendable, CustomStringConvertible {
    public let sequence: Int
    public let mode: DifferentialMode
    /// The instruction's bytes.
    public let bytes: [UInt8]
    /// What differed, one item per line.
    public let differences: [String]

    public var description: String {
        let hex = bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined(separator: " ")
        return "sequence \(sequence) (\(mode.rawValue)-bit) instruction [\(hex)]:\n" + differences.map { "  " + $0 }.joined(separator: "\n")
    }
}
