import X86

/// x87 arithmetic, comparisons and functions: the stack checks and masked responses here, the
/// numbers from the host FPU running the same form.
extension InterpreterCore {
    /// ST(0) ← ST(0) op m32fp, m64fp, m16int or m32int.
    mutating func x87ArithmeticMemory(_ instruction: DecodedInstruction) throws(Interruption) {
        let operand = try x87ReadOperand(instruction)
        guard !state.fpu.isEmpty(0) else {
            if x87StackFault(overflow: false) { state.fpu.setST(0, .indefinite) }
            return
        }
        let frame = try x87Host(x87HostEncoding(instruction), state.fpu.st(0), state.fpu.st(0), memory: operand)
        if x87MergeAccepting(frame.status) { state.fpu.setST(0, frame.st0) }
    }

    /// ST(0) ← ST(0) op ST(i), or ST(i) ← ST(i) op ST(0) and perhaps pop.
    mutating func x87Arithmetic(_ instruction: DecodedInstruction, toSTi: Bool, pop: Bool) throws(Interruption) {
        let index = Int(instruction.rm & 7)
        let destination = toSTi ? index : 0
        guard !state.fpu.isEmpty(0), !state.fpu.isEmpty(index) else {
            if x87StackFault(overflow: false) {
                state.fpu.setST(destination, .indefinite)
                if pop { state.fpu.pop() }
            }
            return
        }
        let frame = try x87Host(x87HostEncoding(instruction, stackOperandInST1: true), state.fpu.st(0), state.fpu.st(index))
        guard x87MergeAccepting(frame.status) else { return }
        // The host leaves the result in ST(0) for the D8 and popping DE forms, in ST(1) for DC.
        let result = toSTi && !pop ? frame.st1 : frame.st0
        state.fpu.setST(destination, result)
        if pop { state.fpu.pop() }
    }

    /// C0, C2, C3 ← compare ST(0) with a memory operand.
    mutating func x87CompareMemory(_ instruction: DecodedInstruction, pop: Bool) throws(Interruption) {
        let operand = try x87ReadOperand(instruction)
        guard !state.fpu.isEmpty(0) else {
            if x87StackFault(overflow: false) { x87Unordered(pops: pop ? 1 : 0) }
            return
        }
        let frame = try x87Host(x87HostEncoding(instruction), state.fpu.st(0), state.fpu.st(0), memory: operand)
        if x87MergeAccepting(frame.status) && pop { state.fpu.pop() }
    }

    /// C0, C2, C3 ← compare ST(0) with ST(i), then pop `pops` times.
    mutating func x87Compare(_ instruction: DecodedInstruction, pops: Int) throws(Interruption) {
        let index = Int(instruction.rm & 7)
        guard !state.fpu.isEmpty(0), !state.fpu.isEmpty(index) else {
            if x87StackFault(overflow: false) { x87Unordered(pops: pops) }
            return
        }
        let frame = try x87Host(x87HostEncoding(instruction, stackOperandInST1: true), state.fpu.st(0), state.fpu.st(index))
        guard x87MergeAccepting(frame.status) else { return }
        for _ in 0..<pops { state.fpu.pop() }
    }

    /// ZF, PF, CF ← compare ST(0) with ST(i) (OF, SF and AF cleared), then perhaps pop.
    mutating func x87CompareFlags(_ instruction: DecodedInstruction, pop: Bool) throws(Interruption) {
        let index = Int(instruction.rm & 7)
        guard !state.fpu.isEmpty(0), !state.fpu.isEmpty(index) else {
            if x87StackFault(overflow: false) {
                x87SetComparisonFlags(RFlags.zero | RFlags.parity | RFlags.carry)
                if pop { state.fpu.pop() }
            }
            return
        }
        let frame = try x87Host(x87HostEncoding(instruction, stackOperandInST1: true), state.fpu.st(0), state.fpu.st(index))
        guard x87MergeAccepting(frame.status) else { return }
        x87SetComparisonFlags(UInt64(frame.flags))
        if pop { state.fpu.pop() }
    }

    /// FTST: C0, C2, C3 ← compare ST(0) with 0.0.
    mutating func x87Test(_ instruction: DecodedInstruction) throws(Interruption) {
        guard !state.fpu.isEmpty(0) else {
            if x87StackFault(overflow: false) { x87Unordered(pops: 0) }
            return
        }
        let frame = try x87Host(x87HostEncoding(instruction), state.fpu.st(0), state.fpu.st(0))
        x87Merge(frame.status)
    }

    /// FXAM: C3, C2, C0 ← the class of ST(0) (empty is 101), C1 ← its sign.
    mutating func x87Examine(_ instruction: DecodedInstruction) throws(Interruption) {
        guard !state.fpu.isEmpty(0) else {
            let sign = state.fpu.st(0).signAndExponent >> 15 != 0
            state.fpu.setConditionCodes(X87Flags.c3 | X87Flags.c0 | (sign ? X87Flags.c1 : 0))
            return
        }
        let frame = try x87Host(x87HostEncoding(instruction), state.fpu.st(0), state.fpu.st(0))
        x87Merge(frame.status)
    }

    /// ST(0) ← f(ST(0)): FSQRT, FRNDINT, F2XM1, FSIN, FCOS.
    mutating func x87Unary(_ instruction: DecodedInstruction) throws(Interruption) {
        guard !state.fpu.isEmpty(0) else {
            if x87StackFault(overflow: false) { state.fpu.setST(0, .indefinite) }
            return
        }
        let frame = try x87Host(x87HostEncoding(instruction), state.fpu.st(0), state.fpu.st(0))
        if x87MergeAccepting(frame.status) { state.fpu.setST(0, frame.st0) }
    }

    /// ST(0) ← f(ST(0), ST(1)): FSCALE, FPREM, FPREM1.
    mutating func x87BinaryToST0(_ instruction: DecodedInstruction) throws(Interruption) {
        guard !state.fpu.isEmpty(0), !state.fpu.isEmpty(1) else {
            if x87StackFault(overflow: false) { state.fpu.setST(0, .indefinite) }
            return
        }
        let frame = try x87Host(x87HostEncoding(instruction), state.fpu.st(0), state.fpu.st(1))
        if x87MergeAccepting(frame.status) { state.fpu.setST(0, frame.st0) }
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
        guard x87MergeAccepting(frame.status) else { return }
        state.fpu.setST(1, frame.st0)
        state.fpu.pop()
    }

    /// ST(0) ← f(ST(0)), then push a second result: FPTAN, FSINCOS, FXTRACT. An operand out of
    /// range (C2 set) leaves the stack as it was.
    mutating func x87UnaryPush(_ instruction: DecodedInstruction) throws(Interruption) {
        if state.fpu.isEmpty(0) || !state.fpu.isEmpty(7) {
            if x87StackFault(overflow: !state.fpu.isEmpty(0)) {
                state.fpu.setST(0, .indefinite)
                state.fpu.push(.indefinite)
            }
            return
        }
        let frame = try x87Host(x87HostEncoding(instruction), state.fpu.st(0), state.fpu.st(0))
        guard x87MergeAccepting(frame.status) else { return }
        // The host started with two registers loaded (TOP 6); TOP 5 means it pushed.
        guard (frame.status & X87Flags.top) >> 11 == 5 else {
            state.fpu.setST(0, frame.st0)
            return
        }
        state.fpu.setST(0, frame.st1)
        state.fpu.push(frame.st0)
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

    /// The masked response of a comparison with an empty register: unordered, then the pops.
    private mutating func x87Unordered(pops: Int) {
        state.fpu.setConditionCodes(X87Flags.c3 | X87Flags.c2 | X87Flags.c0)
        for _ in 0..<pops { state.fpu.pop() }
    }

    /// Sets ZF, PF and CF from `bits` and clears OF, SF and AF.
    private mutating func x87SetComparisonFlags(_ bits: UInt64) {
        flags.materialize(bits & (RFlags.zero | RFlags.parity | RFlags.carry))
    }
}
