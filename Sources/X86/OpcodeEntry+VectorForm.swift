extension OpcodeEntry {
    /// Whether the form names an MMX or XMM register operand: its 66 prefix is then mandatory,
    /// selecting the form, and never an operand-size override.
    public var isVectorForm: Bool {
        operands.contains {
            switch $0 {
            case .V, .W, .P, .Q: true
            default: false
            }
        }
    }
}
