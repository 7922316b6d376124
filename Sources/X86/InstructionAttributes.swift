/// Facts about an instruction form beyond its operands.
public struct InstructionAttributes: OptionSet, Sendable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// Invalid in 64-bit mode.
    public static let invalid64 = InstructionAttributes(rawValue: 1 << 0)
    /// Operand size defaults to 64 bits in 64-bit mode (a 66 prefix still selects 16).
    public static let default64 = InstructionAttributes(rawValue: 1 << 1)
    /// Operand size is always 64 bits in 64-bit mode.
    public static let force64 = InstructionAttributes(rawValue: 1 << 2)
    /// A LOCK prefix is allowed (with a memory destination).
    public static let lockable = InstructionAttributes(rawValue: 1 << 3)
    /// Faults with #GP unless CPL is 0.
    public static let privileged = InstructionAttributes(rawValue: 1 << 4)
    /// Reads or writes privileged state without trapping at CPL 3: a virtualization hole.
    public static let sensitiveUnprivileged = InstructionAttributes(rawValue: 1 << 5)
    /// Accesses I/O ports (subject to IOPL and the I/O permission bitmap).
    public static let io = InstructionAttributes(rawValue: 1 << 6)
    /// Ends a basic block: transfers control.
    public static let branch = InstructionAttributes(rawValue: 1 << 7)
    /// A REP or REPNE prefix repeats it.
    public static let repeatable = InstructionAttributes(rawValue: 1 << 8)
    /// Only valid in 64-bit mode.
    public static let only64 = InstructionAttributes(rawValue: 1 << 9)
    /// Operates on bytes whatever the operand size.
    public static let byteOperation = InstructionAttributes(rawValue: 1 << 10)
}
