import X86

/// x87 control: initialization, the control word and moving TOP.
extension InterpreterCore {
    /// FNINIT: default control word, clear status, every register empty, pointers and opcode zero.
    mutating func x87Initialize() {
        state.fpu.controlWord = X87Flags.initialControl
        state.fpu.statusWord = 0
        state.fpu.abridgedTagWord = 0
        state.fpu.lastOpcode = 0
        state.fpu.lastInstructionPointer = 0
        state.fpu.lastDataPointer = 0
    }

    /// FLDCW: bits 6 (reserved, reads 1), 7 and 13–15 (reserved, read 0) are fixed; a flag that the
    /// new word unmasks becomes a pending error.
    mutating func x87SetControlWord(_ word: UInt16) {
        state.fpu.controlWord = word & 0x1F3F | 0x0040
        state.fpu.updateErrorSummary()
    }

    /// FINCSTP and FDECSTP: TOP moves without changing any tag; C1 ← 0.
    mutating func x87MoveTop(by delta: Int) {
        state.fpu.setTop(state.fpu.top &+ delta)
        state.fpu.setC1(false)
    }

    /// FFREE and FFREEP: tag ST(i) empty, perhaps pop; C1 ← 0 (as the host processor leaves it).
    mutating func x87Free(_ index: Int, pop: Bool) {
        state.fpu.free(index)
        if pop { state.fpu.pop() }
        state.fpu.setC1(false)
    }
}
