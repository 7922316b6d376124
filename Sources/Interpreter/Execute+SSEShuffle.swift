import X86

/// The MMX and SSE operations that move elements between lanes: packs, unpacks, shuffles,
/// alignment, blends and the SSSE3 horizontal arithmetic.
extension InterpreterCore {
    /// The operands of packs and horizontal operations, which take a's elements, then b's. For
    /// MMX, one 128-bit value holding a in its low half and b in its high half, used for both,
    /// gives the same low half.
    @inline(__always)
    static func paired(_ a: UInt128, _ b: UInt128, width: Int) -> (UInt128, UInt128) {
        if width == 16 { return (a, b) }
        let both = UInt128(high: b.low, low: a.low)
        return (both, both)
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
