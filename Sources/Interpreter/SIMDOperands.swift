import X86

/// MMX and XMM register operands, the MMX view of the x87 registers, and the device checks that
/// MMX and SSE instructions make before they run.
extension InterpreterCore {
    /// SSE instructions: #UD with CR0.EM or without CR4.OSFXSR, #NM with CR0.TS.
    @inline(__always)
    func requireSSE() throws(Interruption) {
        if state.cr0 & CR0.emulation != 0 || state.cr4 & CR4.osfxsr == 0 { throw .invalidOpcode }
        if state.cr0 & CR0.taskSwitched != 0 { throw .deviceNotAvailable }
    }

    /// MMX instructions: #UD with CR0.EM, #NM with CR0.TS, then a pending x87 exception.
    @inline(__always)
    func requireMMX() throws(Interruption) {
        if state.cr0 & CR0.emulation != 0 { throw .invalidOpcode }
        if state.cr0 & CR0.taskSwitched != 0 { throw .deviceNotAvailable }
        try throwIfX87ExceptionPending()
    }

    /// SSE instructions with an MMX register operand: the SSE checks, then a pending x87 exception.
    @inline(__always)
    func requireSSEWithMMX() throws(Interruption) {
        try requireSSE()
        try throwIfX87ExceptionPending()
    }

    /// The hook for the x87 unit: #MF when the status word's error summary says an unmasked x87
    /// exception waits and CR0.NE asks for native reporting.
    @inline(__always)
    func throwIfX87ExceptionPending() throws(Interruption) {
        if state.fpu.statusWord & 0x80 != 0 && state.cr0 & CR0.numericError != 0 {
            throw .exception(vector: 16, errorCode: nil)
        }
    }

    /// The x87-to-MMX transition every instruction on an MMX register makes: TOP is 0 and every
    /// register is valid.
    @inline(__always)
    mutating func enterMMXState() {
        state.fpu.statusWord &= ~0x3800
        state.fpu.abridgedTagWord = 0xFF
    }

    /// MMX register `index` (ModRM bits; REX is ignored): the significand of physical x87 register `index`.
    @inline(__always)
    func mmxRegister(_ index: UInt8) -> UInt64 { state.fpu.registers[Int(index & 7)].significand }

    /// Writes MMX register `index`; the x87 register's sign and exponent become all ones.
    @inline(__always)
    mutating func setMMXRegister(_ index: UInt8, _ value: UInt64) {
        state.fpu.registers[Int(index & 7)] = X87Register(significand: value, signAndExponent: 0xFFFF)
    }

    @inline(__always)
    func xmmRegister(_ index: UInt8) -> UInt128 { state.fpu.xmm[Int(index & 15)] }

    @inline(__always)
    mutating func setXMMRegister(_ index: UInt8, _ value: UInt128) { state.fpu.xmm[Int(index & 15)] = value }

    /// The W operand: an XMM register, or `size` bytes of memory (16-byte aligned when `aligned`).
    @inline(__always)
    mutating func xmmSource(_ instruction: DecodedInstruction, size: Int, aligned: Bool) throws(Interruption) -> UInt128 {
        if instruction.modrmMod == 3 { return xmmRegister(instruction.rm) }
        return try readVector(segment: instruction.memorySegment, offset: effectiveAddress(instruction), size: size, aligned: aligned)
    }

    /// The Q operand: an MMX register, or `size` bytes of memory.
    @inline(__always)
    mutating func mmxSource(_ instruction: DecodedInstruction, size: Int = 8) throws(Interruption) -> UInt64 {
        if instruction.modrmMod == 3 { return mmxRegister(instruction.rm) }
        return try read(segment: instruction.memorySegment, offset: effectiveAddress(instruction), size: size)
    }

    /// Writes the W operand: an XMM register, or the low `size` bytes of `value` to memory.
    @inline(__always)
    mutating func setXMMDestination(_ instruction: DecodedInstruction, size: Int, aligned: Bool, _ value: UInt128) throws(Interruption) {
        if instruction.modrmMod == 3 {
            setXMMRegister(instruction.rm, value)
        } else {
            try writeVector(segment: instruction.memorySegment, offset: effectiveAddress(instruction), size: size, aligned: aligned, value)
        }
    }
}
