import X86

/// MMX integer forms on mm, mm/m64, and EMMS. Once its operands are read, every MMX instruction
/// makes the x87-to-MMX transition (see `enterMMXState`).
extension InterpreterCore {
    /// mm, mm/m64 forms.
    mutating func executeMMXInteger(_ instruction: DecodedInstruction) throws(Interruption) {
        try requireMMX()
        guard let operation = SIMDIntegerOperation(rawValue: instruction.extra) else { throw .invalidOpcode }
        let source = try mmxSource(instruction, size: operation.sourceBytes(registerBytes: 8))
        enterMMXState()
        let result = Self.integerOperation(
            operation, UInt128(mmxRegister(instruction.reg)), UInt128(source),
            immediate: UInt8(truncatingIfNeeded: instruction.immediate), width: 8, selector: 0)
        setMMXRegister(instruction.reg, result.low)
    }

    /// PSRLW…PSLLQ mm, imm8 (the register is ModRM r/m).
    mutating func executeMMXShiftImmediate(_ instruction: DecodedInstruction) throws(Interruption) {
        try requireMMX()
        guard let operation = SIMDIntegerOperation(rawValue: instruction.extra) else { throw .invalidOpcode }
        enterMMXState()
        let result = Self.shift(operation, UInt128(mmxRegister(instruction.rm)), count: instruction.immediate & 0xFF)
        setMMXRegister(instruction.rm, result.low)
    }

    /// EMMS: every x87 register empty, TOP 0.
    mutating func executeEMMS() throws(Interruption) {
        try requireMMX()
        state.fpu.statusWord &= ~0x3800
        state.fpu.abridgedTagWord = 0
    }
}
