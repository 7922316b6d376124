/// The operation of an SSE floating-point form: the `extra` of `.ssePackedSingle`,
/// `.ssePackedDouble`, `.sseScalarSingle` and `.sseScalarDouble`.
public enum SIMDFloatOperation: UInt8, Sendable {
    case add, subtract, multiply, divide, minimum, maximum, squareRoot
    /// RCPPS/RCPSS and RSQRTPS/RSQRTSS: the processor's approximations.
    case reciprocal, reciprocalSquareRoot
    /// CMPPS…CMPSD: the immediate's predicate makes an all-ones or all-zeros mask.
    case compare
    /// UCOMISS/UCOMISD and COMISS/COMISD: ZF, PF and CF from a scalar comparison.
    case compareToFlags, compareToFlagsSignaling
    /// SSE3.
    case addSubtract, horizontalAdd, horizontalSubtract
    /// SSE4.1: ROUNDPS…ROUNDSD, DPPS and DPPD.
    case round, dotProduct
}
