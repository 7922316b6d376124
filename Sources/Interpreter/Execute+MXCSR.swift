import X86

/// LDMXCSR and STMXCSR: the SSE control and status register.
extension InterpreterCore {
    /// LDMXCSR: #GP(0) for a value with bits outside MXCSR_MASK.
    mutating func loadMXCSR(_ instruction: DecodedInstruction) throws(Interruption) {
        try requireSSE()
        let value = UInt32(truncatingIfNeeded: try rmOperand(instruction, size: 4))
        guard value & ~state.fpu.mxcsrMask == 0 else { throw .generalProtection() }
        state.fpu.mxcsr = value
    }

    mutating func storeMXCSR(_ instruction: DecodedInstruction) throws(Interruption) {
        try requireSSE()
        try setRMOperand(instruction, size: 4, UInt64(state.fpu.mxcsr))
    }
}
