import X86

/// x87 loads, stores, exchanges and conditional moves.
extension InterpreterCore {
    /// Pushes a value converted from m32fp, m64fp, m16int, m32int, m64int or m80bcd.
    mutating func x87LoadMemory(_ instruction: DecodedInstruction) throws(Interruption) {
        let operand = try x87ReadOperand(instruction)
        guard x87CanPush() else { return }
        let frame = try x87Host(x87HostEncoding(instruction), state.fpu.st(0), state.fpu.st(0), memory: operand)
        x87Merge(frame.status)
        if frame.stackChange == -1 { state.fpu.push(frame.st0) }
    }

    /// FLD m80fp: pushes the value unchanged.
    mutating func x87LoadExtended(_ instruction: DecodedInstruction) throws(Interruption) {
        let operand = try x87ReadOperand(instruction)
        guard x87CanPush() else { return }
        state.fpu.push(X87Register(significand: operand.low, signAndExponent: UInt16(truncatingIfNeeded: operand.high)))
        state.fpu.setC1(false)
    }

    /// FLD ST(i).
    mutating func x87LoadRegister(_ index: Int) {
        guard !state.fpu.isEmpty(index) else {
            if x87StackFault(overflow: false) { state.fpu.push(.indefinite) }
            return
        }
        guard x87CanPush() else { return }
        state.fpu.push(state.fpu.st(index))
        state.fpu.setC1(false)
    }

    /// FLD1, FLDL2T, FLDL2E, FLDPI, FLDLG2, FLDLN2, FLDZ: the constant rounded as the control word says.
    mutating func x87LoadConstant(_ instruction: DecodedInstruction) throws(Interruption) {
        guard x87CanPush() else { return }
        let frame = try x87Host(x87HostEncoding(instruction), state.fpu.st(0), state.fpu.st(0))
        x87Merge(frame.status)
        if frame.stackChange == -1 { state.fpu.push(frame.st0) }
    }

    /// Stores ST(0) converted to m32fp, m64fp, m16int, m32int, m64int or m80bcd (FISTTP truncating),
    /// then perhaps pops. The host runs the popping form (FST and FIST are reg 2, FSTP and FISTP reg 3),
    /// so its pop tells whether it stored: an unmasked exception stops both.
    mutating func x87StoreMemory(_ instruction: DecodedInstruction, pop: Bool) throws(Interruption) {
        let encoding = x87HostEncoding(instruction) | (pop ? 0 : 0x08)
        guard !state.fpu.isEmpty(0) else {
            let indefinite = try x87Host(encoding, .indefinite, .indefinite)
            try x87StoreUnderflow(instruction, (indefinite.memoryLow, indefinite.memoryHigh), pop: pop)
            return
        }
        let frame = try x87Host(encoding, state.fpu.st(0), state.fpu.st(0))
        let stored = frame.stackChange == 1
        if stored { try x87WriteOperand(instruction, (frame.memoryLow, frame.memoryHigh)) }
        x87Merge(frame.status)
        if stored && pop { state.fpu.pop() }
    }

    /// FSTP m80fp: stores ST(0) unchanged, then pops.
    mutating func x87StoreExtended(_ instruction: DecodedInstruction) throws(Interruption) {
        guard !state.fpu.isEmpty(0) else {
            let indefinite = X87Register.indefinite
            try x87StoreUnderflow(instruction, (indefinite.significand, UInt64(indefinite.signAndExponent)), pop: true)
            return
        }
        let value = state.fpu.st(0)
        try x87WriteOperand(instruction, (value.significand, UInt64(value.signAndExponent)))
        state.fpu.setC1(false)
        state.fpu.pop()
    }

    /// FST ST(i) and FSTP ST(i).
    mutating func x87StoreRegister(_ index: Int, pop: Bool) {
        guard !state.fpu.isEmpty(0) else {
            if x87StackFault(overflow: false) {
                state.fpu.setST(index, .indefinite)
                if pop { state.fpu.pop() }
            }
            return
        }
        state.fpu.setST(index, state.fpu.st(0))
        state.fpu.setC1(false)
        if pop { state.fpu.pop() }
    }

    /// FXCH ST(i); an empty register takes part as the indefinite when the underflow is masked.
    mutating func x87Exchange(_ index: Int) {
        let first = state.fpu.isEmpty(0) ? X87Register.indefinite : state.fpu.st(0)
        let second = state.fpu.isEmpty(index) ? X87Register.indefinite : state.fpu.st(index)
        if state.fpu.isEmpty(0) || state.fpu.isEmpty(index) {
            guard x87StackFault(overflow: false) else { return }
        } else {
            state.fpu.setC1(false)
        }
        state.fpu.setST(0, second)
        state.fpu.setST(index, first)
    }

    /// FCMOVcc: ST(0) ← ST(i) when the EFLAGS condition `condition` (Jcc numbering) holds.
    mutating func x87ConditionalMove(_ index: Int, condition: UInt8) {
        guard !state.fpu.isEmpty(0), !state.fpu.isEmpty(index) else {
            if x87StackFault(overflow: false) { state.fpu.setST(0, .indefinite) }
            return
        }
        if flags.condition(condition) { state.fpu.setST(0, state.fpu.st(index)) }
    }

    /// Checks that a push finds ST(7) empty; on overflow applies the masked response (push the
    /// indefinite) and returns false.
    private mutating func x87CanPush() -> Bool {
        guard !state.fpu.isEmpty(7) else { return true }
        if x87StackFault(overflow: true) { state.fpu.push(.indefinite) }
        return false
    }

    /// A store from an empty ST(0): with the underflow masked, the indefinite in the destination format, then the pop.
    private mutating func x87StoreUnderflow(
        _ instruction: DecodedInstruction, _ indefinite: (UInt64, UInt64), pop: Bool
    ) throws(Interruption) {
        if state.fpu.controlWord & X87Flags.invalid != 0 { try x87WriteOperand(instruction, indefinite) }
        guard x87StackFault(overflow: false) else { return }
        if pop { state.fpu.pop() }
    }
}
