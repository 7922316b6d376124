/// One decoded instruction: plain data the interpreter executes and the disassembler prints.
public struct DecodedInstruction: Equatable, Sendable {
    public var handler: InstructionHandler = .invalid
    /// The form's variant (ALU operation, condition code, shift kind, segment).
    public var extra: UInt8 = 0
    public var length: UInt8 = 0
    /// Effective operand size in bytes (1 for byte forms).
    public var operandSize: UInt8 = 4
    /// Effective address size in bytes.
    public var addressSize: UInt8 = 4
    /// Segment override (a `SegmentName` raw value), or `noSegmentOverride`.
    public var segmentOverride: UInt8 = DecodedInstruction.noSegmentOverride
    public var prefixes: InstructionPrefixes = []
    public var rex: UInt8 = 0
    /// The form reads memory through ModRM (or a moffs).
    public var hasMemoryOperand = false
    public var modrmMod: UInt8 = 0
    /// ModRM reg extended by REX.R (or the register of a Z form's opcode when there is no ModRM).
    public var reg: UInt8 = 0
    /// ModRM r/m extended by REX.B when it names a register; the bare r/m bits of a memory form.
    public var rm: UInt8 = 0
    /// Memory base register, `noRegister`, or `ripRelative`.
    public var base: UInt8 = DecodedInstruction.noRegister
    public var index: UInt8 = DecodedInstruction.noRegister
    public var scaleShift: UInt8 = 0
    public var displacement: Int64 = 0
    /// The first immediate, sign- or zero-extended as its form says.
    public var immediate: UInt64 = 0
    /// The second immediate (ENTER's nesting level, a far pointer's selector).
    public var immediate2: UInt64 = 0
    /// Opcode map (0 one-byte, 1 0F, 2 0F38, 3 0F3A) and opcode byte, for the disassembler.
    public var opcodeMap: UInt8 = 0
    public var opcode: UInt8 = 0
    public var attributes: InstructionAttributes = []
    /// The ModRM byte as fetched (0 when the form has none), for the disassembler to re-find the form.
    public var modrm: UInt8 = 0
    /// The mandatory prefix that selected the form (0x66, 0xF3 or 0xF2), or 0.
    public var mandatoryPrefix: UInt8 = 0

    public init() {}

    @inlinable public static var noSegmentOverride: UInt8 { 0xFF }
    @inlinable public static var noRegister: UInt8 { 0xFF }
    @inlinable public static var ripRelative: UInt8 { 0x10 }

    /// Whether a register-form operand is a high-byte register (AH, CH, DH, BH) for `register` at byte width.
    @inlinable @inline(always)
    public func isHighByte(_ register: UInt8) -> Bool { rex == 0 && register >= 4 && register < 8 }

    /// The default segment of the memory operand: SS for RSP/RBP bases, DS otherwise.
    @inlinable
    public var memorySegment: Int {
        @inline(always) get {
        if segmentOverride != Self.noSegmentOverride { return Int(segmentOverride) }
        return base == 4 || base == 5 ? SegmentName.ss.rawValue : SegmentName.ds.rawValue
        }
    }
}

/// The legacy prefixes an instruction carried.
public struct InstructionPrefixes: OptionSet, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let lock = InstructionPrefixes(rawValue: 1 << 0)
    public static let repeatEqual = InstructionPrefixes(rawValue: 1 << 1)
    public static let repeatNotEqual = InstructionPrefixes(rawValue: 1 << 2)
    public static let operandSize = InstructionPrefixes(rawValue: 1 << 3)
    public static let addressSize = InstructionPrefixes(rawValue: 1 << 4)
}
