/// The memory operand of an x87 form, in the notation of the SDM's instruction pages.
public enum X87MemoryWidth: UInt8, Sendable {
    case m32fp, m64fp, m80fp
    case m16int, m32int, m64int
    case m80bcd
    /// A control or status word.
    case m2byte
    /// The environment: 14 bytes with a 16-bit operand size, else 28.
    case m14or28byte
    /// The environment and the eight registers: 94 bytes with a 16-bit operand size, else 108.
    case m94or108byte

    /// The operand's size in bytes for an instruction of `operandSize` bytes.
    public func byteCount(operandSize: UInt8) -> UInt8 {
        switch self {
        case .m16int, .m2byte: 2
        case .m32fp, .m32int: 4
        case .m64fp, .m64int: 8
        case .m80fp, .m80bcd: 10
        case .m14or28byte: operandSize == 2 ? 14 : 28
        case .m94or108byte: operandSize == 2 ? 94 : 108
        }
    }
}
