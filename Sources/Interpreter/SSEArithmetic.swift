import CHostSSE
import X86

/// The floating-point arithmetic of one SSE instruction: the guest's MXCSR controls going in, the
/// exception flags its elements raise coming out (for `InterpreterCore.commitSIMDExceptions`).
/// NaN operands, MIN/MAX, comparisons and rounding to an integer follow the x86 rules here; the
/// correctly rounded operations (add, subtract, multiply, divide, square root, conversions) and the
/// reciprocal approximations run on the host processor under the guest's rounding, DAZ and FTZ.
struct SSEArithmetic {
    let mxcsr: UInt32
    /// What the host's MXCSR holds while it computes: the guest's controls with every exception
    /// masked, and flush-to-zero only while underflow is masked (it has no effect otherwise).
    let hostControl: UInt32
    var flags: UInt32 = 0

    init(mxcsr: UInt32) {
        self.mxcsr = mxcsr
        var control = mxcsr & (MXCSR.roundingControl | MXCSR.denormalsAreZero | MXCSR.flushToZero) | MXCSR.exceptionMasks
        if !Self.isMasked(MXCSR.underflow, in: mxcsr) { control &= ~MXCSR.flushToZero }
        hostControl = control
    }

    @inline(__always) static func isMasked(_ flag: UInt32, in mxcsr: UInt32) -> Bool { mxcsr & flag << MXCSR.maskShift != 0 }

    @inline(__always) var denormalsAreZero: Bool { mxcsr & MXCSR.denormalsAreZero != 0 }
    /// MXCSR.RC: 0 nearest, 1 down, 2 up, 3 toward zero.
    @inline(__always) var roundingMode: UInt32 { (mxcsr & MXCSR.roundingControl) >> MXCSR.roundingShift }

    /// A host operation whose result is a float of format `F`, its flags adjusted for unmasked
    /// overflow and underflow (see `rangeAdjusted`).
    @inline(__always)
    mutating func host<F: IEEEBinaryFormat>(_ operation: CHostSSEOperation, _ a: F.Bits, _ b: F.Bits, _ format: F.Type) -> F.Bits {
        let result = F.host(operation, control: hostControl, UInt64(a), UInt64(b))
        let bits = F.Bits(truncatingIfNeeded: result.bits)
        var raised = result.flags
        if let underflow = unmaskedRangeException(raised, tiny: F.isDenormal(bits)) {
            raised = rangeAdjusted(raised, underflow: underflow, inexact: Self.isInexactUnbounded(operation, a, b, F.self))
        }
        flags |= raised
        return bits
    }

    /// The host computes with every exception masked; an unmasked overflow or underflow reports
    /// differently. This says whether one happened (true for underflow, false for overflow):
    /// unmasked underflow is any tiny result, exact or not.
    @inline(__always)
    func unmaskedRangeException(_ raised: UInt32, tiny: Bool) -> Bool? {
        if !Self.isMasked(MXCSR.underflow, in: mxcsr) && (tiny || raised & MXCSR.underflow != 0) { return true }
        if !Self.isMasked(MXCSR.overflow, in: mxcsr) && raised & MXCSR.overflow != 0 { return false }
        return nil
    }

    /// The flags of an unmasked overflow or underflow: the result is rounded to the format's
    /// precision with an unbounded exponent, and the precision exception says whether that was exact.
    @inline(__always)
    func rangeAdjusted(_ raised: UInt32, underflow: Bool, inexact: Bool) -> UInt32 {
        raised & ~MXCSR.precision | (underflow ? MXCSR.underflow : 0) | (inexact ? MXCSR.precision : 0)
    }

    /// Whether `operation`'s exact result needs more significant bits than the format holds.
    static func isInexactUnbounded<F: IEEEBinaryFormat>(_ operation: CHostSSEOperation, _ a: F.Bits, _ b: F.Bits, _ format: F.Type) -> Bool {
        let precision = F.fractionWidth + 1
        let x = UInt128(oddSignificand(a, F.self))
        let y = UInt128(oddSignificand(b, F.self))
        switch operation {
        case CHostSSEMultiply: return significantBits(x * y) > precision
        case CHostSSEDivide: return y == 0 || x % y != 0 || significantBits(x / y) > precision
        case CHostSSEAdd, CHostSSESubtract:
            if x == 0 || y == 0 { return false }
            let subtract = (a ^ b) & F.signMask != 0 ? operation == CHostSSEAdd : operation == CHostSSESubtract
            let exponentA = lowestBitExponent(a, F.self)
            let exponentB = lowestBitExponent(b, F.self)
            let distance = abs(exponentA - exponentB)
            // Further apart, the sum spans more bits than the format holds (and than UInt128 has).
            if distance >= 128 - precision { return true }
            let (larger, smaller) = exponentA >= exponentB ? (x, y) : (y, x)
            let aligned = larger << distance
            let sum = subtract ? (aligned > smaller ? aligned - smaller : smaller - aligned) : aligned + smaller
            return significantBits(sum >> sum.trailingZeroBitCount) > precision
        default: return false
        }
    }

    /// The significand of `x` (with its implicit bit) without trailing zeros; 0 for zero.
    static func oddSignificand<F: IEEEBinaryFormat>(_ x: F.Bits, _ format: F.Type) -> UInt64 {
        let significand = UInt64(x & F.fractionMask) | (x & F.exponentMask == 0 ? 0 : 1 << F.fractionWidth)
        return significand == 0 ? 0 : significand >> significand.trailingZeroBitCount
    }

    /// The exponent of the lowest set bit of `x`'s significand (`x` = odd significand × 2^this).
    static func lowestBitExponent<F: IEEEBinaryFormat>(_ x: F.Bits, _ format: F.Type) -> Int {
        let field = Int(truncatingIfNeeded: (x & F.exponentMask) >> F.fractionWidth)
        let significand = UInt64(x & F.fractionMask) | (field == 0 ? 0 : 1 << F.fractionWidth)
        return max(field, 1) + significand.trailingZeroBitCount
    }

    @inline(__always) static func significantBits(_ value: UInt128) -> Int { 128 - value.leadingZeroBitCount }

    /// A host conversion, whose result is an integer or a float of the other format.
    @inline(__always)
    mutating func convert<F: IEEEBinaryFormat>(_ operation: CHostSSEOperation, _ source: UInt64, from format: F.Type) -> UInt64 {
        let result = F.host(operation, control: hostControl, 0, source)
        flags |= result.flags
        return result.bits
    }

    /// RCP and RSQRT: the host's approximation, which raises no exception.
    @inline(__always)
    func approximation<F: IEEEBinaryFormat>(_ operation: CHostSSEOperation, _ b: F.Bits, _ format: F.Type) -> F.Bits {
        F.Bits(truncatingIfNeeded: F.host(operation, control: hostControl, 0, UInt64(b)).bits)
    }

    /// Double to single precision (CVTSD2SS, CVTPD2PS), with the unmasked-underflow rule of `host`.
    @inline(__always)
    mutating func narrowed(_ value: UInt64) -> UInt32 {
        let result = Binary64.host(CHostSSEConvertFormat, control: hostControl, 0, value)
        let bits = UInt32(truncatingIfNeeded: result.bits)
        var raised = result.flags
        if let underflow = unmaskedRangeException(raised, tiny: Binary32.isDenormal(bits)) {
            let inexact = 64 - Self.oddSignificand(value, Binary64.self).leadingZeroBitCount > Binary32.fractionWidth + 1
            raised = rangeAdjusted(raised, underflow: underflow, inexact: inexact)
        }
        flags |= raised
        return bits
    }

    /// Add, subtract, multiply or divide: a NaN operand propagates (the first one when both are),
    /// quieted, and an SNaN signals invalid.
    @inline(__always)
    mutating func arithmetic<F: IEEEBinaryFormat>(_ operation: CHostSSEOperation, _ a: F.Bits, _ b: F.Bits, _ format: F.Type) -> F.Bits {
        if F.isNaN(a) || F.isNaN(b) {
            if F.isSignaling(a) || F.isSignaling(b) { flags |= MXCSR.invalid }
            return F.quieted(F.isNaN(a) ? a : b)
        }
        return host(operation, a, b, F.self)
    }

    @inline(__always)
    mutating func squareRoot<F: IEEEBinaryFormat>(_ b: F.Bits, _ format: F.Type) -> F.Bits {
        if F.isNaN(b) {
            if F.isSignaling(b) { flags |= MXCSR.invalid }
            return F.quieted(b)
        }
        return host(CHostSSESquareRoot, 0, b, F.self)
    }

    /// The operands of a comparison after DAZ, with the denormal flag raised otherwise.
    @inline(__always)
    mutating func comparable<F: IEEEBinaryFormat>(_ a: F.Bits, _ b: F.Bits, _ format: F.Type) -> (F.Bits, F.Bits) {
        if denormalsAreZero { return (F.flushed(a), F.flushed(b)) }
        if F.isDenormal(a) || F.isDenormal(b) { flags |= MXCSR.denormal }
        return (a, b)
    }

    /// MINPS…MAXSD: a NaN in either operand, or two zeros, give the second operand; any NaN
    /// signals invalid.
    @inline(__always)
    mutating func minimumOrMaximum<F: IEEEBinaryFormat>(_ a: F.Bits, _ b: F.Bits, maximum: Bool, _ format: F.Type) -> F.Bits {
        if F.isNaN(a) || F.isNaN(b) {
            flags |= MXCSR.invalid
            return denormalsAreZero ? F.flushed(b) : b
        }
        let (x, y) = comparable(a, b, F.self)
        if F.isZero(x) && F.isZero(y) { return y }
        return (maximum ? F.isLess(y, x) : F.isLess(x, y)) ? x : y
    }

    /// CMPPS…CMPSD predicate `predicate` (imm8 bits 2:0): EQ, LT, LE, UNORD, NEQ, NLT, NLE, ORD.
    /// LT, LE, NLT and NLE signal invalid on any NaN, the others only on an SNaN.
    @inline(__always)
    mutating func compare<F: IEEEBinaryFormat>(_ a: F.Bits, _ b: F.Bits, predicate: UInt8, _ format: F.Type) -> Bool {
        let unordered = F.isNaN(a) || F.isNaN(b)
        let signalsOnQuietNaN = predicate & 3 != 0 && predicate & 3 != 3
        if F.isSignaling(a) || F.isSignaling(b) || (unordered && signalsOnQuietNaN) { flags |= MXCSR.invalid }
        if unordered { return predicate & 7 >= 3 && predicate & 7 != 7 }
        let (x, y) = comparable(a, b, F.self)
        let less = F.isLess(x, y)
        let equal = F.isEqual(x, y)
        switch predicate & 7 {
        case 0: return equal
        case 1: return less
        case 2: return less || equal
        case 4: return !equal
        case 5: return !less
        case 6: return !(less || equal)
        default: return predicate & 7 == 7
        }
    }

    /// COMISS…UCOMISD: ZF, PF and CF as RFLAGS bits (all set when unordered). COMIS signals
    /// invalid on any NaN, UCOMIS only on an SNaN.
    @inline(__always)
    mutating func compareToFlags<F: IEEEBinaryFormat>(_ a: F.Bits, _ b: F.Bits, signaling: Bool, _ format: F.Type) -> UInt64 {
        let unordered = F.isNaN(a) || F.isNaN(b)
        if F.isSignaling(a) || F.isSignaling(b) || (unordered && signaling) { flags |= MXCSR.invalid }
        if unordered { return RFlags.zero | RFlags.parity | RFlags.carry }
        let (x, y) = comparable(a, b, F.self)
        if F.isEqual(x, y) { return RFlags.zero }
        return F.isLess(x, y) ? RFlags.carry : 0
    }

    /// ROUNDPS…ROUNDSD: rounds to an integral value in `mode` (the MXCSR encoding); the precision
    /// exception is suppressed on request.
    mutating func roundToIntegral<F: IEEEBinaryFormat>(_ b: F.Bits, mode: UInt32, suppressPrecision: Bool, _ format: F.Type) -> F.Bits {
        if F.isNaN(b) {
            if F.isSignaling(b) { flags |= MXCSR.invalid }
            return F.quieted(b)
        }
        let value = denormalsAreZero ? F.flushed(b) : b
        if F.isZero(value) { return value }
        let exponent = F.exponent(value)
        if exponent >= F.fractionWidth { return value }
        let sign = value & F.signMask
        let negative = sign != 0
        if exponent < 0 {
            if !suppressPrecision { flags |= MXCSR.precision }
            let roundsAway: Bool
            switch mode {
            case 0: roundsAway = exponent == -1 && value & F.fractionMask != 0
            case 1: roundsAway = negative
            case 2: roundsAway = !negative
            default: roundsAway = false
            }
            return roundsAway ? sign | F.Bits(F.exponentBias) << F.fractionWidth : sign
        }
        let fractionalWidth = F.fractionWidth - exponent
        let unit: F.Bits = 1 << fractionalWidth
        let fraction = value & (unit &- 1)
        if fraction == 0 { return value }
        if !suppressPrecision { flags |= MXCSR.precision }
        let truncated = value & ~(unit &- 1)
        let roundsAway: Bool
        switch mode {
        case 0:
            let half = unit >> 1
            roundsAway = fraction > half || (fraction == half && truncated & unit != 0)
        case 1: roundsAway = negative
        case 2: roundsAway = !negative
        default: roundsAway = false
        }
        return roundsAway ? truncated &+ unit : truncated
    }
}
