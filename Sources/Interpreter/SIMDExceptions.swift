import X86

/// The SIMD floating-point exception rules of SSE instructions.
extension InterpreterCore {
    /// Merges the exception flags an instruction's elements raised into MXCSR, before the
    /// instruction writes its destination. An unmasked invalid, denormal or divide-by-zero
    /// exception in any element sets only those pre-computation flags; otherwise an unmasked
    /// exception sets every flag raised. Either way the instruction ends with #XM, or #UD when
    /// CR4.OSXMMEXCPT is clear, and writes nothing.
    @inline(__always)
    mutating func commitSIMDExceptions(_ flags: UInt32) throws(Interruption) {
        let mxcsr = state.fpu.mxcsr
        let unmasked = ~(mxcsr >> MXCSR.maskShift) & MXCSR.exceptionFlags
        let precomputation = flags & MXCSR.precomputationFlags
        if precomputation & unmasked != 0 {
            state.fpu.mxcsr = mxcsr | precomputation
            throw simdFloatingPointException
        }
        state.fpu.mxcsr = mxcsr | flags
        if flags & unmasked != 0 { throw simdFloatingPointException }
    }

    /// #XM (vector 19) when the operating system handles it (CR4.OSXMMEXCPT), else #UD.
    var simdFloatingPointException: Interruption {
        state.cr4 & CR4.osxmmexcpt != 0 ? .exception(vector: 19, errorCode: nil) : .invalidOpcode
    }
}
