import CHostSSE

/// An IEEE 754 binary format SSE computes in, seen through its bit patterns: the classification
/// and NaN rules the interpreter applies itself, and the host operations it borrows.
protocol IEEEBinaryFormat {
    associatedtype Bits: FixedWidthInteger & UnsignedInteger
    static var width: Int { get }
    static var fractionWidth: Int { get }
    /// Runs a scalar operation on the host processor with its MXCSR set to `control`.
    static func host(_ operation: CHostSSEOperation, control: UInt32, _ a: UInt64, _ b: UInt64) -> CHostSSEResult
    /// Whether `a` < `b`, for operands that are not NaN.
    static func isLess(_ a: Bits, _ b: Bits) -> Bool
    /// Whether `a` == `b`, for operands that are not NaN (so +0 equals -0).
    static func isEqual(_ a: Bits, _ b: Bits) -> Bool
}

extension IEEEBinaryFormat {
    @inline(__always) static var signMask: Bits { 1 << (width - 1) }
    @inline(__always) static var fractionMask: Bits { (1 << fractionWidth) - 1 }
    @inline(__always) static var exponentMask: Bits { ~signMask & ~fractionMask }
    @inline(__always) static var quietBit: Bits { 1 << (fractionWidth - 1) }
    @inline(__always) static var exponentBias: Int { (1 << (width - fractionWidth - 2)) - 1 }
    /// The QNaN floating-point indefinite.
    @inline(__always) static var defaultNaN: Bits { signMask | exponentMask | quietBit }
    /// Elements in a 128-bit register.
    @inline(__always) static var laneCount: Int { 128 / width }

    @inline(__always) static func isNaN(_ x: Bits) -> Bool { x & exponentMask == exponentMask && x & fractionMask != 0 }
    @inline(__always) static func isSignaling(_ x: Bits) -> Bool { isNaN(x) && x & quietBit == 0 }
    @inline(__always) static func isDenormal(_ x: Bits) -> Bool { x & exponentMask == 0 && x & fractionMask != 0 }
    @inline(__always) static func isZero(_ x: Bits) -> Bool { x & ~signMask == 0 }
    @inline(__always) static func quieted(_ x: Bits) -> Bits { x | quietBit }
    /// A denormal replaced by zero of its sign (DAZ).
    @inline(__always) static func flushed(_ x: Bits) -> Bits { isDenormal(x) ? x & signMask : x }
    /// The unbiased exponent.
    @inline(__always) static func exponent(_ x: Bits) -> Int { Int(truncatingIfNeeded: (x & exponentMask) >> fractionWidth) - exponentBias }

    @inline(__always) static func lane(_ vector: UInt128, _ index: Int) -> Bits {
        Bits(truncatingIfNeeded: vector >> (index * width))
    }

    @inline(__always) static func replacingLane(_ vector: UInt128, _ index: Int, with value: Bits) -> UInt128 {
        let shift = index * width
        let mask = (UInt128(1) << width &- 1) << shift
        return vector & ~mask | UInt128(value) << shift
    }
}

/// Single precision.
enum Binary32: IEEEBinaryFormat {
    typealias Bits = UInt32
    static var width: Int { 32 }
    static var fractionWidth: Int { 23 }

    @inline(__always)
    static func host(_ operation: CHostSSEOperation, control: UInt32, _ a: UInt64, _ b: UInt64) -> CHostSSEResult {
        chostsse_single(operation, control, a, b)
    }

    @inline(__always) static func isLess(_ a: UInt32, _ b: UInt32) -> Bool { Float(bitPattern: a) < Float(bitPattern: b) }
    @inline(__always) static func isEqual(_ a: UInt32, _ b: UInt32) -> Bool { Float(bitPattern: a) == Float(bitPattern: b) }
}

/// Double precision.
enum Binary64: IEEEBinaryFormat {
    typealias Bits = UInt64
    static var width: Int { 64 }
    static var fractionWidth: Int { 52 }

    @inline(__always)
    static func host(_ operation: CHostSSEOperation, control: UInt32, _ a: UInt64, _ b: UInt64) -> CHostSSEResult {
        chostsse_double(operation, control, a, b)
    }

    @inline(__always) static func isLess(_ a: UInt64, _ b: UInt64) -> Bool { Double(bitPattern: a) < Double(bitPattern: b) }
    @inline(__always) static func isEqual(_ a: UInt64, _ b: UInt64) -> Bool { Double(bitPattern: a) == Double(bitPattern: b) }
}
