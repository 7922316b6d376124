import X86

/// The 8086's multiply and divide microcode: shift-and-add (CORX) and shift-and-subtract (CORD)
/// over magnitudes, with the signed forms' negations around them. It decides the 8086's results,
/// when it raises a divide error, and the flags it leaves. A REP prefix sets the microcode's F1
/// flag, which inverts the sign of a signed result (and negates an unsigned product).
enum I8086Microcode {
    /// What MUL or IMUL leaves: the double-width product's halves and the status flags.
    struct Product {
        var low: UInt64
        var high: UInt64
        var flags: UInt64
    }

    /// What DIV or IDIV leaves; `overflow` means a divide error, raised with `flags` as they stand.
    struct Quotient {
        var quotient: UInt64 = 0
        var remainder: UInt64 = 0
        var flags: UInt64
        var overflow = false
    }

    /// MUL (`signed` false) or IMUL of two `size`-byte operands.
    static func multiply(_ multiplicand: UInt64, by multiplier: UInt64, size: Int, signed: Bool, repeatPrefix: Bool) -> Product {
        let bits = UInt64(size * 8)
        let mask: UInt64 = (1 << bits) - 1
        let sign: UInt64 = 1 << (bits - 1)
        var left = multiplicand & mask
        var right = multiplier & mask
        var negate = repeatPrefix
        if signed {
            if left & sign != 0 { left = (0 &- left) & mask; negate.toggle() }
            if right & sign != 0 { right = (0 &- right) & mask; negate.toggle() }
        }
        var product = left &* right
        if negate { product = (0 &- product) & (mask << bits | mask) }
        let low = product & mask
        let high = product >> bits
        // The flags come from the high half, plus the low half's sign bit for IMUL.
        var tested = high
        var auxiliary = false
        if signed {
            tested = (high &+ (low & sign != 0 ? 1 : 0)) & mask
            auxiliary = (high ^ tested) & 0x10 != 0
        }
        let overflow = tested != 0
        let flags = LazyFlags.resultFlags(tested, size: size, carry: overflow, overflow: overflow, auxiliary: auxiliary)
        return Product(low: low, high: high, flags: flags)
    }

    /// DIV (`signed` false) or IDIV of the double-width `high`:`low` by a `size`-byte divisor.
    static func divide(high: UInt64, low: UInt64, by divisor: UInt64, size: Int, signed: Bool, repeatPrefix: Bool) -> Quotient {
        let bits = UInt64(size * 8)
        let mask: UInt64 = (1 << bits) - 1
        let sign: UInt64 = 1 << (bits - 1)
        var remainder = high & mask
        var shifted = low & mask
        var divisor = divisor & mask
        var negate = repeatPrefix
        let negativeDividend = remainder & sign != 0
        if signed {
            if negativeDividend {
                let magnitude = (0 &- (remainder << bits | shifted)) & (mask << bits | mask)
                remainder = magnitude >> bits
                shifted = magnitude & mask
                negate.toggle()
            }
            if divisor & sign != 0 { divisor = (0 &- divisor) & mask; negate.toggle() }
        }
        var flags = subtractionFlags(remainder, divisor, size: size)
        // The first trial subtraction must borrow, or the quotient cannot fit.
        var carry = divisor > remainder
        guard carry else { return Quotient(flags: flags, overflow: true) }
        for _ in 0..<bits {
            let carryOutOfShifted = shifted & sign != 0
            shifted = (shifted << 1 | (carry ? 1 : 0)) & mask
            let carryOutOfRemainder = remainder & sign != 0
            remainder = (remainder << 1 | (carryOutOfShifted ? 1 : 0)) & mask
            let difference = (remainder &- divisor) & mask
            if carryOutOfRemainder {
                carry = false
                remainder = difference
            } else {
                flags = subtractionFlags(remainder, divisor, size: size)
                carry = divisor > remainder
                if !carry { remainder = difference }
            }
        }
        // The bits shifted in are borrows: the quotient's complement.
        shifted = (shifted << 1 | (carry ? 1 : 0)) & mask
        carry = shifted & sign != 0
        flags = flags & ~RFlags.carry | (carry ? RFlags.carry : 0)
        guard signed else { return Quotient(quotient: ~shifted & mask, remainder: remainder, flags: flags) }
        guard carry else { return Quotient(flags: flags, overflow: true) }
        if negativeDividend { remainder = (0 &- remainder) & mask }
        let quotient = negate ? (shifted &+ 1) & mask : ~shifted & mask
        return Quotient(quotient: quotient, remainder: remainder, flags: flags & ~(RFlags.carry | RFlags.overflow))
    }

    /// The flags of `minuend` − `subtrahend` at `size` bytes.
    private static func subtractionFlags(_ minuend: UInt64, _ subtrahend: UInt64, size: Int) -> UInt64 {
        let mask: UInt64 = (1 << UInt64(size * 8)) - 1
        let result = (minuend &- subtrahend) & mask
        let overflow = (minuend ^ subtrahend) & (minuend ^ result) & (1 << UInt64(size * 8 - 1)) != 0
        return LazyFlags.resultFlags(
            result, size: size, carry: subtrahend > minuend, overflow: overflow, auxiliary: (minuend ^ subtrahend ^ result) & 0x10 != 0)
    }
}
