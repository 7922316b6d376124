import CX87
import X86

/// The numeric side of x87 forms: the host FPU runs the same form under the guest's control word
/// (precision, rounding, masks), condition codes and status flags, so results, rounding, C0–C3,
/// EFLAGS, exception flags and whether an unmasked exception stopped the form (no store, no pop)
/// are those of a real processor; the guest's stack, tags and exception delivery stay in Swift.
extension InterpreterCore {
    /// Runs the host form `encoding` with ST(0) = `first`, ST(1) = `second` and a memory operand.
    mutating func x87Host(
        _ encoding: UInt16, _ first: X87Register, _ second: X87Register, memory: (low: UInt64, high: UInt64) = (0, 0)
    ) throws(Interruption) -> CX87Frame {
        var frame = CX87Frame(
            st0Significand: first.significand, st1Significand: second.significand,
            st0SignExponent: first.signAndExponent, st1SignExponent: second.signAndExponent,
            control: state.fpu.controlWord, status: state.fpu.statusWord, flags: UInt16(truncatingIfNeeded: flags.bits),
            memoryLow: memory.low, memoryHigh: memory.high)
        guard cx87_execute(&frame, encoding) == 0 else {
            throw .failure("x87 form \(String(encoding, radix: 16)) has no host operation")
        }
        return frame
    }

    /// The form's opcode and ModRM byte as the host runs it: a memory operand at [rax] (mod 00, r/m 000),
    /// and with `stackOperandInST1` the form's ST(i) as ST(1).
    func x87HostEncoding(_ instruction: DecodedInstruction, stackOperandInST1: Bool = false) -> UInt16 {
        var modrm = UInt16(instruction.reg & 7) << 3
        if !instruction.hasMemoryOperand {
            modrm |= 0xC0 | (stackOperandInST1 ? 1 : UInt16(instruction.rm & 7))
        }
        return UInt16(instruction.opcode) << 8 | modrm
    }

    /// Takes the host's condition codes and exception flags into the guest status word.
    mutating func x87Merge(_ hostStatus: UInt16) {
        state.fpu.setConditionCodes(hostStatus)
        state.fpu.statusWord |= hostStatus & X87Flags.exceptions
        state.fpu.updateErrorSummary()
    }

    /// Records a stack overflow (C1 = 1) or underflow (C1 = 0); returns whether the invalid-operation
    /// exception is masked, so that the masked response goes ahead.
    mutating func x87StackFault(overflow: Bool) -> Bool {
        state.fpu.statusWord |= X87Flags.invalid | X87Flags.stackFault
        state.fpu.setC1(overflow)
        state.fpu.updateErrorSummary()
        return state.fpu.controlWord & X87Flags.invalid != 0
    }
}

extension CX87Frame {
    /// The host's ST(0) after the form.
    var st0: X87Register { X87Register(significand: st0Significand, signAndExponent: st0SignExponent) }
    /// The host's ST(1) after the form.
    var st1: X87Register { X87Register(significand: st1Significand, signAndExponent: st1SignExponent) }
    /// How far the host's TOP moved from the 6 it started at: -1 for a push, 1 or 2 for pops.
    var stackChange: Int {
        let moved = (Int(status >> 11) &- 6) & 7
        return moved >= 4 ? moved - 8 : moved
    }
}
