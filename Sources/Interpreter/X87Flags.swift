/// Bits of the x87 status and control words.
enum X87Flags {
    /// The invalid-operation flag (status word) or mask (control word); the others follow it up to bit 5.
    static let invalid: UInt16 = 1 << 0
    /// The six exception flags of the status word (invalid, denormal, zero-divide, overflow,
    /// underflow, precision), or their masks in the control word.
    static let exceptions: UInt16 = 0x3F
    static let stackFault: UInt16 = 1 << 6
    static let errorSummary: UInt16 = 1 << 7
    static let c0: UInt16 = 1 << 8
    static let c1: UInt16 = 1 << 9
    static let c2: UInt16 = 1 << 10
    static let top: UInt16 = 7 << 11
    static let c3: UInt16 = 1 << 14
    static let busy: UInt16 = 1 << 15
    static let conditionCodes: UInt16 = c0 | c1 | c2 | c3
    /// The control word after FINIT: 64-bit precision, round to nearest, every exception masked.
    static let initialControl: UInt16 = 0x037F
}
