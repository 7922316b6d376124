/// The width code of an operand, in the notation of the SDM's opcode maps.
public enum OperandWidth: UInt8, Sendable {
    /// byte
    case b
    /// word
    case w
    /// doubleword
    case d
    /// quadword
    case q
    /// word, doubleword or quadword by operand size
    case v
    /// word or doubleword (quadword operand size still reads 32 bits, sign-extended)
    case z
    /// doubleword or quadword (64-bit only with REX.W)
    case y
    /// a far pointer: 16-bit selector plus a v-sized offset
    case p
    /// 128 bits
    case x
}

/// One operand of an instruction form, in the notation of the SDM's opcode maps.
public enum OperandSpec: Sendable, Equatable {
    /// ModRM r/m: a register or memory.
    case E(OperandWidth)
    /// ModRM reg: a general register.
    case G(OperandWidth)
    /// An immediate.
    case I(OperandWidth)
    /// An immediate byte sign-extended to the operand size.
    case sI
    /// The register in the opcode's low three bits (extended by REX.B).
    case Z(OperandWidth)
    /// A relative branch offset.
    case J(OperandWidth)
    /// ModRM r/m that must be memory.
    case M
    /// A segment register in ModRM reg.
    case S
    /// A memory offset of address size (moffs).
    case O(OperandWidth)
    /// A direct far pointer.
    case A
    /// A control register in ModRM reg.
    case C
    /// A debug register in ModRM reg.
    case D
    /// ModRM r/m that must be a general register.
    case R(OperandWidth)
    /// The constant 1 of the shift-by-one forms.
    case one
    /// A named accumulator-family register at a width.
    case fixed(GeneralRegister, OperandWidth)
    /// A named segment register.
    case segment(SegmentName)
    /// An XMM register in ModRM reg.
    case V
    /// An XMM register or 128-bit memory in ModRM r/m.
    case W
    /// An MMX register in ModRM reg.
    case P
    /// An MMX register or 64-bit memory in ModRM r/m.
    case Q
    /// The x87 stack top ST(0).
    case st0
    /// The x87 register ST(i), i in ModRM r/m.
    case sti
    /// ModRM r/m that must be memory, holding an x87 operand.
    case x87Memory(X87MemoryWidth)

    /// Whether the operand needs a ModRM byte.
    var needsModRM: Bool {
        switch self {
        case .E, .G, .M, .S, .C, .D, .R, .V, .W, .P, .Q, .sti, .x87Memory: true
        default: false
        }
    }
}
