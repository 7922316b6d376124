/// Bit masks of MXCSR, the SSE control and status register.
public enum MXCSR {
    /// The six exception flags, in the order of their masks: invalid, denormal, divide-by-zero,
    /// overflow, underflow, precision.
    public static let invalid: UInt32 = 1 << 0
    public static let denormal: UInt32 = 1 << 1
    public static let divideByZero: UInt32 = 1 << 2
    public static let overflow: UInt32 = 1 << 3
    public static let underflow: UInt32 = 1 << 4
    public static let precision: UInt32 = 1 << 5
    public static let exceptionFlags: UInt32 = 0x3F
    /// The exceptions detected before computing a result; the rest are detected after it.
    public static let precomputationFlags: UInt32 = invalid | denormal | divideByZero
    public static let denormalsAreZero: UInt32 = 1 << 6
    /// The six exception masks: the flags shifted left by this.
    public static let maskShift: UInt32 = 7
    public static let exceptionMasks: UInt32 = 0x3F << 7
    public static let roundingShift: UInt32 = 13
    public static let roundingControl: UInt32 = 3 << 13
    public static let flushToZero: UInt32 = 1 << 15
}
