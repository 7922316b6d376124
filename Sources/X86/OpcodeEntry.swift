/// One instruction form: its handler, mnemonic, operands and attributes.
public struct OpcodeEntry: Sendable {
    public let handler: InstructionHandler
    /// The Intel-syntax name; names that vary with the operand size are written as alternatives
    /// for 16, 32 and 64 bits ("cbw/cwde/cdqe"), with the address size as "jcxz|jecxz|jrcxz".
    public let mnemonic: String
    public let operands: [OperandSpec]
    public let attributes: InstructionAttributes
    /// The variant the handler executes (ALU operation, condition code, shift kind, segment).
    public let extra: UInt8

    public init(
        _ handler: InstructionHandler, _ mnemonic: String, _ operands: [OperandSpec] = [],
        _ attributes: InstructionAttributes = [], extra: UInt8 = 0
    ) {
        self.handler = handler
        self.mnemonic = mnemonic
        self.operands = operands
        self.attributes = attributes
        self.extra = extra
    }

    public static let invalid = OpcodeEntry(.invalid, "(bad)")

    /// Whether the form reads a ModRM byte.
    public var needsModRM: Bool { operands.contains { $0.needsModRM } }
}

/// What one opcode byte of a map selects.
public indirect enum OpcodeSlot: Sendable {
    case entry(OpcodeEntry)
    /// ModRM reg picks one of eight; `registerForms` overrides by reg×8+rm when mod is 3.
    case group(memory: [OpcodeEntry], register: [OpcodeEntry]?, registerForms: [UInt8: OpcodeEntry])
    /// The form depends on the mandatory prefix: none, 66, F3 or F2.
    case mandatoryPrefix(none: OpcodeSlot, operandSize: OpcodeSlot, repeat: OpcodeSlot, repeatNotEqual: OpcodeSlot)
    /// 64-bit mode has a different form.
    case modeDependent(legacy: OpcodeSlot, long: OpcodeSlot)
    /// The prefix or escape byte is handled by the decoder itself.
    case prefix
    case invalid
}
