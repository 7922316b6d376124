import X86

/// x87 arithmetic, comparisons and functions. Swift checks the guest's stack and gives the masked
/// responses to stack faults; the host FPU runs the form itself, and its results, condition codes,
/// flags and whether it pushed or popped (which an unmasked exception can prevent) are taken over.
extension InterpreterCore {
    /// ST(0) ← ST(0) op m32fp, m64fp, m16int or m32int.
    mutating func x87ArithmeticMemory(_ instruction: DecodedInstruction) throws(Interruption) {
        let operand = try x87ReadOperand(instruction)
        guard !state.fpu.isEmpty(0) else {
            if x87StackFault(overflow: false) { state.fpu.setST(0, .indefinite) }
            return
        }
        let frame = try x87Host(x87HostEncoding(instruction), state.fpu.st(0), state.fpu.st(0), memory: operand)
        x87Merge(frame.status)
        state.fpu.setST(0, frame.st0)
    }

    /// ST(0) ← ST(0) op ST(i), or ST(i) ← ST(i) op ST(0) and perhaps pop.
    mutating func x87Arithmetic(_ instruction: DecodedInstruction, toSTi: Bool, pop: Bool) throws(Interruption) {
        let index = Int(instruction.rm & 7)
        guard !state.fpu.isEmpty(0), !state.fpu.isEmpty(index) else {
            if x87StackFault(overflow: false) {
                state.fpu.setST(toSTi ? index : 0, .indefinite)
                if pop { state.fpu.pop() }
            }
            return
        }
        let frame = try x87Host(x87HostEncoding(instruction, stackOperandInST1: true), state.fpu.st(0), state.fpu.st(index))
        x87Merge(frame.status)
        // The host's destination is its ST(0) for D8 and its ST(1) for DC; DE pops unless stopped.
        if !toSTi {
            state.fpu.setST(0, frame.st0)
        } else if !pop {
            state.fpu.setST(index, frame.st1)
        } else if frame.stackChange == 1 {
            state.fpu.setST(index, frame.st0)
            state.fpu.pop()
        }
    }

    /// C0, C2, C3 ← compare ST(0) with a memory operand, then perhaps pop.
    mutating func x87CompareMemory(_ instruction: DecodedInstruction, pop: Bool) throws(Interruption) {
        let operand = try x87ReadOperand(instruction)
        guard !state.fpu.isEmpty(0) else {
            x87Unordered(pops: x87StackFault(overflow: false) && pop ? 1 : 0)
            return
        }
        let frame = try x87Host(x87HostEncoding(instruction), state.fpu.st(0), state.fpu.st(0), memory: operand)
        x87Merge(frame.status)
        x87Pop(frame.stackChange)
    }

    /// C0, C2, C3 ← compare ST(0) with ST(i) (ST(1) for FCOMPP and FUCOMPP), then pop as the form says.
    mutating func x87Compare(_ instruction: DecodedInstruction, pops: Int) throws(Interruption) {
        let index = Int(instruction.rm & 7)
        guard !state.fpu.isEmpty(0), !state.fpu.isEmpty(index) else {
            x87Unordered(pops: x87StackFault(overflow: false) ? pops : 0)
            return
        }
        let frame = try x87Host(x87HostEncoding(instruction, stackOperandInST1: true), state.fpu.st(0), state.fpu.st(index))
        x87Merge(frame.status)
        x87Pop(frame.stackChange)
    }

    /// ZF, PF, CF ← compare ST(0) with ST(i) (OF, SF and AF cleared), then perhaps pop. An empty
    /// register reports unordered whether or not the fault is masked.
    mutating func x87CompareFlags(_ instruction: DecodedInstruction, pop: Bool) throws(Interruption) {
        let index = Int(instruction.rm & 7)
        guard !state.fpu.isEmpty(0), !state.fpu.isEmpty(index) else {
            flags.materialize(RFlags.zero | RFlags.parity | RFlags.carry)
            if x87StackFault(overflow: false) && pop { state.fpu.pop() }
            return
        }
        let frame = try x87Host(x87HostEncoding(instruction, stackOperandInST1: true), state.fpu.st(0), state.fpu.st(index))
        x87Merge(frame.status)
        flags.materialize(UInt64(frame.flags))
        x87Pop(frame.stackChange)
    }

    /// FTST: C0, C2, C3 ← compare ST(0) with 0.0.
    mutating func x87Test(_ instruction: DecodedInstruction) throws(Interruption) {
        guard !state.fpu.isEmpty(0) else {
            _ = x87StackFault(overflow: false)
            x87Unordered(pops: 0)
            return
        }
        x87Merge(try x87Host(x87HostEncoding(instruction), state.fpu.st(0), state.fpu.st(0)).status)
    }

    /// FXAM: C3, C2, C0 ← the class of ST(0) (empty is 101), C1 ← its sign.
    mutating func x87Examine(_ instruction: DecodedInstruction) throws(Interruption) {
        guard !state.fpu.isEmpty(0) else {
            let sign = state.fpu.st(0).signAndExponent >> 15 != 0
            state.fpu.setConditionCodes(X87Flags.c3 | X87Flags.c0 | (sign ? X87Flags.c1 : 0))
            return
        }
        x87Merge(try x87Host(x87HostEncoding(instruction), state.fpu.st(0), state.fpu.st(0)).status)
    }

    /// ST(0) ← f(ST(0)) or f(ST(0), ST(1)): FSQRT, FRNDINT, F2XM1, FSIN, FCOS, FSCALE, FPREM, FPREM1.
    mutating func x87ReplaceST0(_ instruction: DecodedInstruction, operands: Int, reportsIncomplete: Bool) throws(Interruption) {
        guard !state.fpu.isEmpty(0), operands == 1 || !state.fpu.isEmpty(1) else {
            if x87FunctionStackFault(overflow: false, reportsIncomplete: reportsIncomplete) { state.fpu.setST(0, .indefinite) }
            return
        }
        let frame = try x87Host(x87HostEncoding(instruction), state.fpu.st(0), state.fpu.st(1))
        x87Merge(frame.status)
        state.fpu.setST(0, frame.st0)
    }

    /// ST(1) ← f(ST(0), ST(1)), then pop: FYL2X, FYL2XP1, FPATAN.
    mutating func x87BinaryPop(_ instruction: DecodedInstruction) throws(Interruption) {
        guard !state.fpu.isEmpty(0), !state.fpu.isEmpty(1) else {
            if x87StackFault(overflow: false) {
                state.fpu.setST(1, .indefinite)
                state.fpu.pop()
            }
            return
        }
        let frame = try x87Host(x87HostEncoding(instruction), state.fpu.st(0), state.fpu.st(1))
        x87Merge(frame.status)
        if frame.stackChange == 1 {
            state.fpu.setST(1, frame.st0)
            state.fpu.pop()
        }
    }

    /// ST(0) ← f(ST(0)), then push a second result: FXTRACT, FPTAN, FSINCOS. An operand out of
    /// range (C2 set) leaves the stack as it was.
    mutating func x87UnaryPush(_ instruction: DecodedInstruction, reportsIncomplete: Bool) throws(Interruption) {
        guard !state.fpu.isEmpty(0), state.fpu.isEmpty(7) else {
            if x87FunctionStackFault(overflow: !state.fpu.isEmpty(0), reportsIncomplete: reportsIncomplete) {
                state.fpu.setST(0, .indefinite)
                state.fpu.push(.indefinite)
            }
            return
        }
        let frame = try x87Host(x87HostEncoding(instruction), state.fpu.st(0), state.fpu.st(0))
        x87Merge(frame.status)
        if frame.stackChange == -1 {
            state.fpu.setST(0, frame.st1)
            state.fpu.push(frame.st0)
        } else {
            state.fpu.setST(0, frame.st0)
        }
    }

    /// FCHS and FABS: flip or clear the sign of ST(0); C1 ← 0.
    mutating func x87ChangeSign(clear: Bool) {
        guard !state.fpu.isEmpty(0) else {
            if x87StackFault(overflow: false) { state.fpu.setST(0, .indefinite) }
            return
        }
        var value = state.fpu.st(0)
        value.signAndExponent = clear ? value.signAndExponent & 0x7FFF : value.signAndExponent ^ 0x8000
        state.fpu.setST(0, value)
        state.fpu.setC1(false)
    }

    /// A comparison with an empty register reports unordered (C1 0) whether or not the fault is
    /// masked; only a masked fault pops.
    private mutating func x87Unordered(pops: Int) {
        state.fpu.setConditionCodes(X87Flags.c3 | X87Flags.c2 | X87Flags.c0)
        x87Pop(pops)
    }

    /// A stack fault of a function: C2 cleared where it reports an incomplete operation; returns
    /// whether the masked response goes ahead.
    private mutating func x87FunctionStackFault(overflow: Bool, reportsIncomplete: Bool) -> Bool {
        if reportsIncomplete { state.fpu.statusWord &= ~X87Flags.c2 }
        return x87StackFault(overflow: overflow)
    }

    private mutating func x87Pop(_ count: Int) {
        for _ in 0..<max(count, 0) { state.fpu.pop() }
    }
}
