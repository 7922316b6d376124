import X86

/// SSE integer forms, and the integer operations MMX shares: element-wise arithmetic, comparisons,
/// logic and shifts, and the dispatch to the cross-lane operations.
extension InterpreterCore {
    /// xmm, xmm/m128 forms (16-byte aligned memory, or the narrower reads of the extensions).
    mutating func executeSSEInteger(_ instruction: DecodedInstruction) throws(Interruption) {
        try requireSSE()
        guard let operation = SIMDIntegerOperation(rawValue: instruction.extra) else { throw .invalidOpcode }
        let size = operation.sourceBytes(registerBytes: 16)
        let source = try xmmSource(instruction, size: size, aligned: size == 16)
        let result = Self.integerOperation(
            operation, xmmRegister(instruction.reg), source,
            immediate: UInt8(truncatingIfNeeded: instruction.immediate), width: 16, selector: state.fpu.xmm[0])
        setXMMRegister(instruction.reg, result)
    }

    /// PSRLW…PSLLDQ xmm, imm8 (the register is ModRM r/m).
    mutating func executeSSEShiftImmediate(_ instruction: DecodedInstruction) throws(Interruption) {
        try requireSSE()
        guard let operation = SIMDIntegerOperation(rawValue: instruction.extra) else { throw .invalidOpcode }
        setXMMRegister(instruction.rm, Self.shift(operation, xmmRegister(instruction.rm), count: instruction.immediate & 0xFF))
    }

    /// The result of `operation` on `a` (the destination) and `b` (the source), `width` bytes wide
    /// (8 for MMX, with the operands in the low halves); `selector` is XMM0 for the variable blends.
    static func integerOperation(
        _ operation: SIMDIntegerOperation, _ a: UInt128, _ b: UInt128, immediate: UInt8, width: Int, selector: UInt128
    ) -> UInt128 {
        switch operation {
        case .paddb: return UInt128(lanes: a.bytes &+ b.bytes)
        case .paddw: return UInt128(lanes: a.words &+ b.words)
        case .paddd: return UInt128(lanes: a.doublewords &+ b.doublewords)
        case .paddq: return UInt128(lanes: a.quadwords &+ b.quadwords)
        case .psubb: return UInt128(lanes: a.bytes &- b.bytes)
        case .psubw: return UInt128(lanes: a.words &- b.words)
        case .psubd: return UInt128(lanes: a.doublewords &- b.doublewords)
        case .psubq: return UInt128(lanes: a.quadwords &- b.quadwords)
        case .paddsb: return saturatingSignedBytes(widened(a.signedBytes) &+ widened(b.signedBytes))
        case .psubsb: return saturatingSignedBytes(widened(a.signedBytes) &- widened(b.signedBytes))
        case .paddusb: return saturatingUnsignedBytes(widened(a.bytes) &+ widened(b.bytes))
        case .psubusb: return saturatingUnsignedBytes(widened(a.bytes) &- widened(b.bytes))
        case .paddsw: return saturatingSignedWords(widened(a.signedWords) &+ widened(b.signedWords))
        case .psubsw: return saturatingSignedWords(widened(a.signedWords) &- widened(b.signedWords))
        case .paddusw: return saturatingUnsignedWords(widened(a.words) &+ widened(b.words))
        case .psubusw: return saturatingUnsignedWords(widened(a.words) &- widened(b.words))
        case .pmullw: return UInt128(lanes: a.words &* b.words)
        case .pmulhw:
            return UInt128(lanes: SIMD8<Int16>(truncatingIfNeeded: (widened(a.signedWords) &* widened(b.signedWords)) &>> 16))
        case .pmulhuw:
            return UInt128(lanes: SIMD8<UInt16>(truncatingIfNeeded: (widened(a.words) &* widened(b.words)) &>> 16))
        case .pmulhrsw:
            let product = widened(a.signedWords) &* widened(b.signedWords)
            return UInt128(lanes: SIMD8<Int16>(truncatingIfNeeded: ((product &>> 14) &+ 1) &>> 1))
        case .pmuludq:
            let low = SIMD2<UInt64>(repeating: 0xFFFF_FFFF)
            return UInt128(lanes: (a.quadwords & low) &* (b.quadwords & low))
        case .pmuldq:
            let left = SIMD2<Int64>(truncatingIfNeeded: a.signedDoublewords.evenHalf)
            return UInt128(lanes: left &* SIMD2<Int64>(truncatingIfNeeded: b.signedDoublewords.evenHalf))
        case .pmulld: return UInt128(lanes: a.doublewords &* b.doublewords)
        case .pmaddwd:
            let products = widened(a.signedWords) &* widened(b.signedWords)
            return UInt128(lanes: products.evenHalf &+ products.oddHalf)
        case .pmaddubsw:
            let products = SIMD16<Int32>(truncatingIfNeeded: a.bytes) &* SIMD16<Int32>(truncatingIfNeeded: b.signedBytes)
            return saturatingSignedWords(products.evenHalf &+ products.oddHalf)
        case .psadbw: return sumOfAbsoluteDifferences(a, b)
        case .pavgb: return UInt128(lanes: SIMD16<UInt8>(truncatingIfNeeded: (widened(a.bytes) &+ widened(b.bytes) &+ 1) &>> 1))
        case .pavgw: return UInt128(lanes: SIMD8<UInt16>(truncatingIfNeeded: (widened(a.words) &+ widened(b.words) &+ 1) &>> 1))
        case .pminub: return UInt128(lanes: pointwiseMin(a.bytes, b.bytes))
        case .pmaxub: return UInt128(lanes: pointwiseMax(a.bytes, b.bytes))
        case .pminsw: return UInt128(lanes: pointwiseMin(a.signedWords, b.signedWords))
        case .pmaxsw: return UInt128(lanes: pointwiseMax(a.signedWords, b.signedWords))
        case .pminsb: return UInt128(lanes: pointwiseMin(a.signedBytes, b.signedBytes))
        case .pmaxsb: return UInt128(lanes: pointwiseMax(a.signedBytes, b.signedBytes))
        case .pminuw: return UInt128(lanes: pointwiseMin(a.words, b.words))
        case .pmaxuw: return UInt128(lanes: pointwiseMax(a.words, b.words))
        case .pminsd: return UInt128(lanes: pointwiseMin(a.signedDoublewords, b.signedDoublewords))
        case .pmaxsd: return UInt128(lanes: pointwiseMax(a.signedDoublewords, b.signedDoublewords))
        case .pminud: return UInt128(lanes: pointwiseMin(a.doublewords, b.doublewords))
        case .pmaxud: return UInt128(lanes: pointwiseMax(a.doublewords, b.doublewords))
        case .pcmpeqb: return mask(a.bytes .== b.bytes, SIMD16<UInt8>.self)
        case .pcmpeqw: return mask(a.words .== b.words, SIMD8<UInt16>.self)
        case .pcmpeqd: return mask(a.doublewords .== b.doublewords, SIMD4<UInt32>.self)
        case .pcmpeqq: return mask(a.quadwords .== b.quadwords, SIMD2<UInt64>.self)
        case .pcmpgtb: return mask(a.signedBytes .> b.signedBytes, SIMD16<UInt8>.self)
        case .pcmpgtw: return mask(a.signedWords .> b.signedWords, SIMD8<UInt16>.self)
        case .pcmpgtd: return mask(a.signedDoublewords .> b.signedDoublewords, SIMD4<UInt32>.self)
        case .pcmpgtq: return mask(a.signedQuadwords .> b.signedQuadwords, SIMD2<UInt64>.self)
        case .pand: return a & b
        case .pandn: return ~a & b
        case .por: return a | b
        case .pxor: return a ^ b
        case .psignb: return UInt128(lanes: sign(a.signedBytes, by: b.signedBytes))
        case .psignw: return UInt128(lanes: sign(a.signedWords, by: b.signedWords))
        case .psignd: return UInt128(lanes: sign(a.signedDoublewords, by: b.signedDoublewords))
        case .pabsb: return UInt128(lanes: sign(b.signedBytes, by: b.signedBytes))
        case .pabsw: return UInt128(lanes: sign(b.signedWords, by: b.signedWords))
        case .pabsd: return UInt128(lanes: sign(b.signedDoublewords, by: b.signedDoublewords))
        case .psrlw, .psrld, .psrlq, .psraw, .psrad, .psllw, .pslld, .psllq, .psrldq, .pslldq:
            return shift(operation, a, count: b.low)
        case .packsswb:
            let (x, y) = paired(a, b, width: width)
            return saturatingSignedBytes(SIMD16<Int16>(lowHalf: x.signedWords, highHalf: y.signedWords))
        case .packuswb:
            let (x, y) = paired(a, b, width: width)
            return saturatingUnsignedBytes(SIMD16<Int16>(lowHalf: x.signedWords, highHalf: y.signedWords))
        case .packssdw:
            let (x, y) = paired(a, b, width: width)
            return saturatingSignedWords(SIMD8<Int32>(lowHalf: x.signedDoublewords, highHalf: y.signedDoublewords))
        case .packusdw:
            let (x, y) = paired(a, b, width: width)
            return saturatingUnsignedWords(SIMD8<Int32>(lowHalf: x.signedDoublewords, highHalf: y.signedDoublewords))
        case .phaddw:
            let (x, y) = paired(a, b, width: width)
            return UInt128(lanes: horizontal(x.words, y.words, &+))
        case .phaddd:
            let (x, y) = paired(a, b, width: width)
            return UInt128(lanes: horizontal(x.doublewords, y.doublewords, &+))
        case .phsubw:
            let (x, y) = paired(a, b, width: width)
            return UInt128(lanes: horizontal(x.words, y.words, &-))
        case .phsubd:
            let (x, y) = paired(a, b, width: width)
            return UInt128(lanes: horizontal(x.doublewords, y.doublewords, &-))
        case .phaddsw:
            let (x, y) = paired(a, b, width: width)
            return saturatingSignedWords(horizontal(widened(x.signedWords), widened(y.signedWords), &+))
        case .phsubsw:
            let (x, y) = paired(a, b, width: width)
            return saturatingSignedWords(horizontal(widened(x.signedWords), widened(y.signedWords), &-))
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
        case .pmovsxbw: return UInt128(lanes: SIMD8<Int16>(truncatingIfNeeded: b.signedBytes.lowHalf))
        case .pmovsxbd: return UInt128(lanes: SIMD4<Int32>(truncatingIfNeeded: b.signedBytes.lowHalf.lowHalf))
        case .pmovsxbq: return UInt128(lanes: SIMD2<Int64>(truncatingIfNeeded: b.signedBytes.lowHalf.lowHalf.lowHalf))
        case .pmovsxwd: return UInt128(lanes: SIMD4<Int32>(truncatingIfNeeded: b.signedWords.lowHalf))
        case .pmovsxwq: return UInt128(lanes: SIMD2<Int64>(truncatingIfNeeded: b.signedWords.lowHalf.lowHalf))
        case .pmovsxdq: return UInt128(lanes: SIMD2<Int64>(truncatingIfNeeded: b.signedDoublewords.lowHalf))
        case .pmovzxbw: return UInt128(lanes: SIMD8<UInt16>(truncatingIfNeeded: b.bytes.lowHalf))
        case .pmovzxbd: return UInt128(lanes: SIMD4<UInt32>(truncatingIfNeeded: b.bytes.lowHalf.lowHalf))
        case .pmovzxbq: return UInt128(lanes: SIMD2<UInt64>(truncatingIfNeeded: b.bytes.lowHalf.lowHalf.lowHalf))
        case .pmovzxwd: return UInt128(lanes: SIMD4<UInt32>(truncatingIfNeeded: b.words.lowHalf))
        case .pmovzxwq: return UInt128(lanes: SIMD2<UInt64>(truncatingIfNeeded: b.words.lowHalf.lowHalf))
        case .pmovzxdq: return UInt128(lanes: SIMD2<UInt64>(truncatingIfNeeded: b.doublewords.lowHalf))
        case .phminposuw: return minimumPosition(b)
        case .mpsadbw: return multipleSumsOfAbsoluteDifferences(a, b, immediate: immediate)
        case .pclmulqdq: return carrylessMultiply(a, b, immediate: immediate)
        }
    }

    /// PSRLW…PSLLDQ: counts past the element width clear it (or fill it with the sign).
    static func shift(_ operation: SIMDIntegerOperation, _ value: UInt128, count: UInt64) -> UInt128 {
        switch operation {
        case .psrlw: return count > 15 ? 0 : UInt128(lanes: value.words &>> UInt16(count))
        case .psrld: return count > 31 ? 0 : UInt128(lanes: value.doublewords &>> UInt32(count))
        case .psrlq: return count > 63 ? 0 : UInt128(lanes: value.quadwords &>> count)
        case .psllw: return count > 15 ? 0 : UInt128(lanes: value.words &<< UInt16(count))
        case .pslld: return count > 31 ? 0 : UInt128(lanes: value.doublewords &<< UInt32(count))
        case .psllq: return count > 63 ? 0 : UInt128(lanes: value.quadwords &<< count)
        case .psraw: return UInt128(lanes: value.signedWords &>> Int16(min(count, 15)))
        case .psrad: return UInt128(lanes: value.signedDoublewords &>> Int32(min(count, 31)))
        case .psrldq: return count > 15 ? 0 : value >> (count * 8)
        default: return count > 15 ? 0 : value << (count * 8)  // PSLLDQ
        }
    }

    @inline(__always) static func widened(_ lanes: SIMD16<Int8>) -> SIMD16<Int16> { SIMD16<Int16>(truncatingIfNeeded: lanes) }
    @inline(__always) static func widened(_ lanes: SIMD16<UInt8>) -> SIMD16<Int16> { SIMD16<Int16>(truncatingIfNeeded: lanes) }
    @inline(__always) static func widened(_ lanes: SIMD8<Int16>) -> SIMD8<Int32> { SIMD8<Int32>(truncatingIfNeeded: lanes) }
    @inline(__always) static func widened(_ lanes: SIMD8<UInt16>) -> SIMD8<Int32> { SIMD8<Int32>(truncatingIfNeeded: lanes) }

    static func saturatingSignedBytes(_ lanes: SIMD16<Int16>) -> UInt128 {
        UInt128(lanes: SIMD16<Int8>(truncatingIfNeeded: lanes.clamped(lowerBound: .init(repeating: -128), upperBound: .init(repeating: 127))))
    }

    static func saturatingUnsignedBytes(_ lanes: SIMD16<Int16>) -> UInt128 {
        UInt128(lanes: SIMD16<UInt8>(truncatingIfNeeded: lanes.clamped(lowerBound: .init(repeating: 0), upperBound: .init(repeating: 255))))
    }

    static func saturatingSignedWords(_ lanes: SIMD8<Int32>) -> UInt128 {
        UInt128(lanes: SIMD8<Int16>(truncatingIfNeeded: lanes.clamped(lowerBound: .init(repeating: -32768), upperBound: .init(repeating: 32767))))
    }

    static func saturatingUnsignedWords(_ lanes: SIMD8<Int32>) -> UInt128 {
        UInt128(lanes: SIMD8<UInt16>(truncatingIfNeeded: lanes.clamped(lowerBound: .init(repeating: 0), upperBound: .init(repeating: 65535))))
    }

    /// All ones in the lanes where `condition` holds.
    static func mask<Lanes: SIMD>(_ condition: SIMDMask<Lanes.MaskStorage>, _ type: Lanes.Type) -> UInt128
    where Lanes.Scalar: FixedWidthInteger {
        UInt128(lanes: Lanes(repeating: 0).replacing(with: ~0, where: condition))
    }

    /// PSIGN (and, with `value` as its own sign, PABS): negated where `sign` is negative, zero where it is zero.
    static func sign<Lanes: SIMD>(_ value: Lanes, by sign: Lanes) -> Lanes where Lanes.Scalar: FixedWidthInteger & SignedInteger {
        let zero = Lanes(repeating: 0)
        return value.replacing(with: zero &- value, where: sign .< zero).replacing(with: zero, where: sign .== zero)
    }

    /// PSADBW: per quadword, the sum of the bytes' absolute differences in its low word.
    static func sumOfAbsoluteDifferences(_ a: UInt128, _ b: UInt128) -> UInt128 {
        let difference = widened(a.bytes) &- widened(b.bytes)
        let absolute = sign(difference, by: difference)
        return UInt128(high: UInt64(absolute.highHalf.wrappedSum()), low: UInt64(absolute.lowHalf.wrappedSum()))
    }
}
