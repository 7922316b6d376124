/// The MMX, SSE, SSE2 and SSE3 rows of the 0F map.
extension OpcodeMap {
    static func installSIMDRows(_ map: inout [OpcodeSlot]) {
        map[0x10] = prefixed(
            move("movups", [.V, .W], .loadUnaligned), x66: move("movupd", [.V, .W], .loadUnaligned),
            f3: move("movss", [.V, .W], .loadScalarSingle), f2: move("movsd", [.V, .W], .loadScalarDouble))
        map[0x11] = prefixed(
            move("movups", [.W, .V], .storeUnaligned), x66: move("movupd", [.W, .V], .storeUnaligned),
            f3: move("movss", [.W, .V], .storeScalarSingle), f2: move("movsd", [.W, .V], .storeScalarDouble))
        map[0x12] = .mandatoryPrefix(
            none: registerOrMemory(register: move("movhlps", [.V, .W], .highToLow), memory: move("movlps", [.V, .M], .loadLow)),
            operandSize: .entry(move("movlpd", [.V, .M], .loadLow)),
            repeat: .entry(move("movsldup", [.V, .W], .duplicateEvenSingles)),
            repeatNotEqual: .entry(move("movddup", [.V, .W], .duplicateLowDouble)))
        map[0x13] = prefixed(move("movlps", [.M, .V], .storeLow), x66: move("movlpd", [.M, .V], .storeLow))
        map[0x14] = prefixed(sse("unpcklps", .unpcklps), x66: sse("unpcklpd", .unpcklpd))
        map[0x15] = prefixed(sse("unpckhps", .unpckhps), x66: sse("unpckhpd", .unpckhpd))
        map[0x16] = .mandatoryPrefix(
            none: registerOrMemory(register: move("movlhps", [.V, .W], .lowToHigh), memory: move("movhps", [.V, .M], .loadHigh)),
            operandSize: .entry(move("movhpd", [.V, .M], .loadHigh)),
            repeat: .entry(move("movshdup", [.V, .W], .duplicateOddSingles)), repeatNotEqual: .invalid)
        map[0x17] = prefixed(move("movhps", [.M, .V], .storeHigh), x66: move("movhpd", [.M, .V], .storeHigh))
        map[0x28] = prefixed(move("movaps", [.V, .W], .loadAligned), x66: move("movapd", [.V, .W], .loadAligned))
        map[0x29] = prefixed(move("movaps", [.W, .V], .storeAligned), x66: move("movapd", [.W, .V], .storeAligned))
        map[0x2A] = prefixed(
            convert("cvtpi2ps", [.V, .Q], .int32PairToSingles), x66: convert("cvtpi2pd", [.V, .Q], .int32PairToDoubles),
            f3: convert("cvtsi2ss", [.V, .E(.y)], .integerToSingle), f2: convert("cvtsi2sd", [.V, .E(.y)], .integerToDouble))
        map[0x2B] = prefixed(move("movntps", [.M, .V], .storeAligned), x66: move("movntpd", [.M, .V], .storeAligned))
        map[0x2C] = prefixed(
            convert("cvttps2pi", [.P, .W], .singlesToInt32PairTruncating),
            x66: convert("cvttpd2pi", [.P, .W], .doublesToInt32PairTruncating),
            f3: convert("cvttss2si", [.G(.y), .W], .singleToIntegerTruncating),
            f2: convert("cvttsd2si", [.G(.y), .W], .doubleToIntegerTruncating))
        map[0x2D] = prefixed(
            convert("cvtps2pi", [.P, .W], .singlesToInt32Pair), x66: convert("cvtpd2pi", [.P, .W], .doublesToInt32Pair),
            f3: convert("cvtss2si", [.G(.y), .W], .singleToInteger), f2: convert("cvtsd2si", [.G(.y), .W], .doubleToInteger))
        map[0x2E] = prefixed(
            OpcodeEntry(.sseScalarSingle, "ucomiss", [.V, .W], extra: SIMDFloatOperation.compareToFlags.rawValue),
            x66: OpcodeEntry(.sseScalarDouble, "ucomisd", [.V, .W], extra: SIMDFloatOperation.compareToFlags.rawValue))
        map[0x2F] = prefixed(
            OpcodeEntry(.sseScalarSingle, "comiss", [.V, .W], extra: SIMDFloatOperation.compareToFlagsSignaling.rawValue),
            x66: OpcodeEntry(.sseScalarDouble, "comisd", [.V, .W], extra: SIMDFloatOperation.compareToFlagsSignaling.rawValue))
        map[0x50] = .mandatoryPrefix(
            none: registerOnly(move("movmskps", [.G(.d), .W], .maskSingles)),
            operandSize: registerOnly(move("movmskpd", [.G(.d), .W], .maskDoubles)), repeat: .invalid, repeatNotEqual: .invalid)
        map[0x51] = floatForms("sqrt", .squareRoot)
        map[0x52] = floatForms("rsqrt", .reciprocalSquareRoot, double: false)
        map[0x53] = floatForms("rcp", .reciprocal, double: false)
        map[0x54] = prefixed(sse("andps", .pand), x66: sse("andpd", .pand))
        map[0x55] = prefixed(sse("andnps", .pandn), x66: sse("andnpd", .pandn))
        map[0x56] = prefixed(sse("orps", .por), x66: sse("orpd", .por))
        map[0x57] = prefixed(sse("xorps", .pxor), x66: sse("xorpd", .pxor))
        map[0x58] = floatForms("add", .add)
        map[0x59] = floatForms("mul", .multiply)
        map[0x5A] = prefixed(
            convert("cvtps2pd", [.V, .W], .singlesToDoubles), x66: convert("cvtpd2ps", [.V, .W], .doublesToSingles),
            f3: convert("cvtss2sd", [.V, .W], .singleToDouble), f2: convert("cvtsd2ss", [.V, .W], .doubleToSingle))
        map[0x5B] = prefixed(
            convert("cvtdq2ps", [.V, .W], .int32sToSingles), x66: convert("cvtps2dq", [.V, .W], .singlesToInt32s),
            f3: convert("cvttps2dq", [.V, .W], .singlesToInt32sTruncating))
        map[0x5C] = floatForms("sub", .subtract)
        map[0x5D] = floatForms("min", .minimum)
        map[0x5E] = floatForms("div", .divide)
        map[0x5F] = floatForms("max", .maximum)
        let lowRow: [(String, SIMDIntegerOperation)] = [
            ("punpcklbw", .punpcklbw), ("punpcklwd", .punpcklwd), ("punpckldq", .punpckldq), ("packsswb", .packsswb),
            ("pcmpgtb", .pcmpgtb), ("pcmpgtw", .pcmpgtw), ("pcmpgtd", .pcmpgtd), ("packuswb", .packuswb),
            ("punpckhbw", .punpckhbw), ("punpckhwd", .punpckhwd), ("punpckhdq", .punpckhdq), ("packssdw", .packssdw),
        ]
        for (offset, form) in lowRow.enumerated() { map[0x60 + offset] = mmxAndSSE(form.0, form.1) }
        map[0x6C] = sse66("punpcklqdq", .punpcklqdq)
        map[0x6D] = sse66("punpckhqdq", .punpckhqdq)
        map[0x6E] = prefixed(move("movd", [.P, .E(.y)], .mmxFromGeneral), x66: move("movd", [.V, .E(.y)], .xmmFromGeneral))
        map[0x6F] = prefixed(
            move("movq", [.P, .Q], .mmxLoad), x66: move("movdqa", [.V, .W], .loadAligned),
            f3: move("movdqu", [.V, .W], .loadUnaligned))
        map[0x70] = prefixed(
            mmx("pshufw", .pshufw, immediate: true), x66: sse("pshufd", .pshufd, immediate: true),
            f3: sse("pshufhw", .pshufhw, immediate: true), f2: sse("pshuflw", .pshuflw, immediate: true))
        map[0x71] = shiftImmediateGroup([(2, "psrlw", .psrlw, true), (4, "psraw", .psraw, true), (6, "psllw", .psllw, true)])
        map[0x72] = shiftImmediateGroup([(2, "psrld", .psrld, true), (4, "psrad", .psrad, true), (6, "pslld", .pslld, true)])
        map[0x73] = shiftImmediateGroup([
            (2, "psrlq", .psrlq, true), (3, "psrldq", .psrldq, false), (6, "psllq", .psllq, true), (7, "pslldq", .pslldq, false),
        ])
        map[0x74] = mmxAndSSE("pcmpeqb", .pcmpeqb)
        map[0x75] = mmxAndSSE("pcmpeqw", .pcmpeqw)
        map[0x76] = mmxAndSSE("pcmpeqd", .pcmpeqd)
        map[0x77] = prefixed(OpcodeEntry(.emms, "emms"))
        map[0x7C] = sse3FloatForms("hadd", .horizontalAdd)
        map[0x7D] = sse3FloatForms("hsub", .horizontalSubtract)
        map[0x7E] = prefixed(
            move("movd", [.E(.y), .P], .generalFromMMX), x66: move("movd", [.E(.y), .V], .generalFromXMM),
            f3: move("movq", [.V, .W], .loadQuadword))
        map[0x7F] = prefixed(
            move("movq", [.Q, .P], .mmxStore), x66: move("movdqa", [.W, .V], .storeAligned),
            f3: move("movdqu", [.W, .V], .storeUnaligned))
        map[0xC2] = floatForms("cmp", .compare, immediate: true)
        map[0xC3] = prefixed(OpcodeEntry(.movRMReg, "movnti", [.M, .G(.y)]))
        map[0xC4] = prefixed(
            move("pinsrw", [.P, .E(.w), .I(.b)], .insertWordMMX), x66: move("pinsrw", [.V, .E(.w), .I(.b)], .insertWord))
        map[0xC5] = .mandatoryPrefix(
            none: registerOnly(move("pextrw", [.G(.d), .Q, .I(.b)], .extractWordMMX)),
            operandSize: registerOnly(move("pextrw", [.G(.d), .W, .I(.b)], .extractWordToRegister)),
            repeat: .invalid, repeatNotEqual: .invalid)
        map[0xC6] = prefixed(sse("shufps", .shufps, immediate: true), x66: sse("shufpd", .shufpd, immediate: true))
        map[0xD0] = sse3FloatForms("addsub", .addSubtract)
        map[0xD6] = .mandatoryPrefix(
            none: .invalid, operandSize: .entry(move("movq", [.W, .V], .storeQuadword)),
            repeat: registerOnly(move("movq2dq", [.V, .Q], .xmmFromMMX)),
            repeatNotEqual: registerOnly(move("movdq2q", [.P, .W], .mmxFromXMM)))
        map[0xD7] = .mandatoryPrefix(
            none: registerOnly(move("pmovmskb", [.G(.d), .Q], .maskBytesMMX)),
            operandSize: registerOnly(move("pmovmskb", [.G(.d), .W], .maskBytesXMM)), repeat: .invalid, repeatNotEqual: .invalid)
        map[0xE6] = prefixed(
            x66: convert("cvttpd2dq", [.V, .W], .doublesToInt32sTruncating), f3: convert("cvtdq2pd", [.V, .W], .int32sToDoubles),
            f2: convert("cvtpd2dq", [.V, .W], .doublesToInt32s))
        map[0xE7] = prefixed(move("movntq", [.M, .P], .mmxStore), x66: move("movntdq", [.M, .V], .storeAligned))
        map[0xF0] = prefixed(f2: move("lddqu", [.V, .M], .loadUnaligned))
        map[0xF7] = .mandatoryPrefix(
            none: registerOnly(move("maskmovq", [.P, .Q], .maskedStoreMMX)),
            operandSize: registerOnly(move("maskmovdqu", [.V, .W], .maskedStoreXMM)), repeat: .invalid, repeatNotEqual: .invalid)
        let highRows: [Int: (String, SIMDIntegerOperation)] = [
            0xD1: ("psrlw", .psrlw), 0xD2: ("psrld", .psrld), 0xD3: ("psrlq", .psrlq), 0xD4: ("paddq", .paddq),
            0xD5: ("pmullw", .pmullw), 0xD8: ("psubusb", .psubusb), 0xD9: ("psubusw", .psubusw), 0xDA: ("pminub", .pminub),
            0xDB: ("pand", .pand), 0xDC: ("paddusb", .paddusb), 0xDD: ("paddusw", .paddusw), 0xDE: ("pmaxub", .pmaxub),
            0xDF: ("pandn", .pandn), 0xE0: ("pavgb", .pavgb), 0xE1: ("psraw", .psraw), 0xE2: ("psrad", .psrad),
            0xE3: ("pavgw", .pavgw), 0xE4: ("pmulhuw", .pmulhuw), 0xE5: ("pmulhw", .pmulhw), 0xE8: ("psubsb", .psubsb),
            0xE9: ("psubsw", .psubsw), 0xEA: ("pminsw", .pminsw), 0xEB: ("por", .por), 0xEC: ("paddsb", .paddsb),
            0xED: ("paddsw", .paddsw), 0xEE: ("pmaxsw", .pmaxsw), 0xEF: ("pxor", .pxor), 0xF1: ("psllw", .psllw),
            0xF2: ("pslld", .pslld), 0xF3: ("psllq", .psllq), 0xF4: ("pmuludq", .pmuludq), 0xF5: ("pmaddwd", .pmaddwd),
            0xF6: ("psadbw", .psadbw), 0xF8: ("psubb", .psubb), 0xF9: ("psubw", .psubw), 0xFA: ("psubd", .psubd),
            0xFB: ("psubq", .psubq), 0xFC: ("paddb", .paddb), 0xFD: ("paddw", .paddw), 0xFE: ("paddd", .paddd),
        ]
        for (opcode, form) in highRows { map[opcode] = mmxAndSSE(form.0, form.1) }
    }
}
