import X86

/// MMX and SSE forms that move elements between lanes: packs, unpacks, shuffles, alignment,
/// blends and the SSSE3 horizontal arithmetic.
extension InterpreterCore {
    /// The cross-lane operations of `integerOperation`.
    static func rearrangement(
        _ operation: SIMDIntegerOperation, _ a: UInt128, _ b: UInt128, immediate: UInt8, width: Int, selector: UInt128
    ) -> UInt128 {
        // Packs and horizontal operations read a's elements, then b's: for MMX, one 128-bit register
        // holding both gives the same low half.
        let pair = width == 8 ? UInt128(high: b.low, low: a.low) : a
        let other = width == 8 ? pair : b
        switch operation {
        case .packsswb: return saturatingSignedBytes(SIMD16<Int16>(lowHalf: pair.signedWords, highHalf: other.signedWords))
        case .packuswb: return saturatingUnsignedBytes(SIMD16<Int16>(lowHalf: pair.signedWords, highHalf: other.signedWords))
        case .packssdw: return saturatingSignedWords(SIMD8<Int32>(lowHalf: pair.signedDoublewords, highHalf: other.signedDoublewords))
        case .packusdw: return saturatingUnsignedWords(SIMD8<Int32>(lowHalf: pair.signedDoublewords, highHalf: other.signedDoublewords))
        case .phaddw: return UInt128(lanes: horizontal(pair.words, other.words, &+))
        case .phaddd: return UInt128(lanes: horizontal(pair.doublewords, other.doublewords, &+))
        case .phsubw: return UInt128(lanes: horizontal(pair.words, other.words, &-))
        case .phsubd: return UInt128(lanes: horizontal(pair.doublewords, other.doublewords, &-))
        case .phaddsw: return saturatingSignedWords(horizontal(widened(pair.signedWords), widened(other.signedWords), &+))
        case .phsubsw: return saturatingSignedWords(horizontal(widened(pair.signedWords), widened(other.signedWords), &-))
        case .punpcklbw: return unpack(a, b, elementBits: 8, high: false, width: width)
        case .punpcklwd: return unpack(a, b, elementBits: 16, high: false, width: width)
        case .punpckldq, .unpcklps: return unpack(a, b, elementBits: 32, high: false, width: width)
        case .punpcklqdq, .unpcklpd: return unpack(a, b, elementBits: 64, high: false, width: width)
        case .punpckhbw: return unpack(a, b, elementBits: 8, high: true, width: width)
        case .punpckhwd: return unpack(a, b, elementBits: 16, high: true, width: width)
        case .punpckhdq, .unpckhps: return unpack(a, b, elementBits: 32, high: true, width: width)
        case .punpckhqdq, .unpckhpd: return unpack(a, b, elementBits: 64, high: true, width: width)
        case .pshufw: return shuffle(b, elementBits: 16, count: 4, immediate: immediate)
        case .pshufd: return shuffle(b, elementBits: 32, count: 4, immediate: immediate)
        case .pshuflw: return UInt128(high: b.high, low: shuffle(b, elementBits: 16, count: 4, immediate: immediate).low)
        case .pshufhw: return UInt128(high: shuffle(b >> 64, elementBits: 16, count: 4, immediate: immediate).low, low: b.low)
        case .shufps:
            let low = shuffle(a, elementBits: 32, count: 2, immediate: immediate).low
            return UInt128(high: shuffle(b, elementBits: 32, count: 2, immediate: immediate >> 4).low, low: low)
        case .shufpd: return UInt128(high: immediate & 2 == 0 ? b.low : b.high, low: immediate & 1 == 0 ? a.low : a.high)
        case .palignr: return alignRight(a, b, immediate: immediate, width: width)
        case .pshufb: return shuffleBytes(a, b, width: width)
        case .pblendvb: return blend(a, b, choice: mask(selector.signedBytes .< 0, SIMD16<Int8>.self))
        case .blendvps: return blend(a, b, choice: mask(selector.signedDoublewords .< 0, SIMD4<Int32>.self))
        case .blendvpd: return blend(a, b, choice: mask(selector.signedQuadwords .< 0, SIMD2<Int64>.self))
        case .blendps: return blend(a, b, elementBits: 32, count: 4, immediate: immediate)
        case .blendpd: return blend(a, b, elementBits: 64, count: 2, immediate: immediate)
        case .pblendw: return blend(a, b, elementBits: 16, count: 8, immediate: immediate)
        default: return sse4Operation(operation, a, b, immediate: immediate)
        }
    }

    /// PHADD/PHSUB: `combine` of adjacent element pairs, a's pairs in the low half and b's in the high.
    static func horizontal<Lanes: SIMD>(_ a: Lanes, _ b: Lanes, _ combine: (Lanes.Scalar, Lanes.Scalar) -> Lanes.Scalar) -> Lanes {
        var result = a
        let half = a.scalarCount / 2
        for index in 0..<half {
            result[index] = combine(a[2 * index], a[2 * index + 1])
            result[half + index] = combine(b[2 * index], b[2 * index + 1])
        }
        return result
    }

    /// PUNPCKL/PUNPCKH: the elements of one half of a and b interleaved, a's first.
    static func unpack(_ a: UInt128, _ b: UInt128, elementBits: Int, high: Bool, width: Int) -> UInt128 {
        let halfBits = width * 4
        let start = high ? halfBits : 0
        let mask: UInt128 = (1 << elementBits) &- 1
        var result: UInt128 = 0
        for index in 0..<(halfBits / elementBits) {
            let shift = start + index * elementBits
            result |= (a >> shift & mask) << (2 * index * elementBits)
            result |= (b >> shift & mask) << ((2 * index + 1) * elementBits)
        }
        return result
    }

    /// `count` elements of `source`, each picked by the next two bits of `immediate`.
    static func shuffle(_ source: UInt128, elementBits: Int, count: Int, immediate: UInt8) -> UInt128 {
        let mask: UInt128 = (1 << elementBits) &- 1
        var result: UInt128 = 0
        for index in 0..<count {
            let pick = Int(immediate >> (2 * index) & 3)
            result |= (source >> (pick * elementBits) & mask) << (index * elementBits)
        }
        return result
    }

    /// PALIGNR: a:b (b low) shifted right by `immediate` bytes, its low `width` bytes.
    static func alignRight(_ a: UInt128, _ b: UInt128, immediate: UInt8, width: Int) -> UInt128 {
        let shift = Int(immediate) * 8
        if width == 8 {
            return shift >= 128 ? 0 : UInt128(UInt64(truncatingIfNeeded: UInt128(high: a.low, low: b.low) >> shift))
        }
        if shift >= 256 { return 0 }
        if shift >= 128 { return a >> (shift - 128) }
        return shift == 0 ? b : b >> shift | a << (128 - shift)
    }

    /// PSHUFB: each byte of b picks a byte of a, or zero when its top bit is set.
    static func shuffleBytes(_ a: UInt128, _ b: UInt128, width: Int) -> UInt128 {
        let table = a.bytes
        let picks = b.bytes
        var result = SIMD16<UInt8>(repeating: 0)
        for index in 0..<width where picks[index] & 0x80 == 0 {
            result[index] = table[Int(picks[index]) & (width - 1)]
        }
        return UInt128(lanes: result)
    }

    /// PBLENDVB, BLENDVPS, BLENDVPD: b's bits where `choice` is set (the selector's sign, spread).
    static func blend(_ a: UInt128, _ b: UInt128, choice: UInt128) -> UInt128 { a & ~choice | b & choice }

    /// BLENDPS, BLENDPD, PBLENDW: b's elements where `immediate` has a bit set.
    static func blend(_ a: UInt128, _ b: UInt128, elementBits: Int, count: Int, immediate: UInt8) -> UInt128 {
        var choice: UInt128 = 0
        for index in 0..<count where immediate >> index & 1 != 0 {
            choice |= ((1 << elementBits) &- 1) << (index * elementBits)
        }
        return blend(a, b, choice: choice)
    }
}
