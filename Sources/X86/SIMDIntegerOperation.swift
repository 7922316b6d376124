/// The operation of an MMX or SSE integer, logic, shuffle or blend form: the `extra` of
/// `.mmxInteger`, `.sseInteger`, `.mmxShiftImmediate` and `.sseShiftImmediate`.
public enum SIMDIntegerOperation: UInt8, Sendable {
    // Wrapping and saturating arithmetic.
    case paddb, paddw, paddd, paddq, paddsb, paddsw, paddusb, paddusw
    case psubb, psubw, psubd, psubq, psubsb, psubsw, psubusb, psubusw
    case pmullw, pmulhw, pmulhuw, pmuludq, pmaddwd, psadbw, pavgb, pavgw
    case pminub, pmaxub, pminsw, pmaxsw
    case pcmpeqb, pcmpeqw, pcmpeqd, pcmpgtb, pcmpgtw, pcmpgtd
    // Logic (the PS and PD logic forms share these).
    case pand, pandn, por, pxor
    // Shifts by a register, memory or immediate count.
    case psrlw, psrld, psrlq, psraw, psrad, psllw, pslld, psllq, psrldq, pslldq
    // Packs, unpacks and shuffles.
    case packsswb, packssdw, packuswb, packusdw
    case punpcklbw, punpcklwd, punpckldq, punpcklqdq, punpckhbw, punpckhwd, punpckhdq, punpckhqdq
    case unpcklps, unpckhps, unpcklpd, unpckhpd
    case pshufw, pshufd, pshufhw, pshuflw, shufps, shufpd, palignr
    // SSSE3.
    case pshufb, phaddw, phaddd, phaddsw, pmaddubsw, phsubw, phsubd, phsubsw
    case psignb, psignw, psignd, pmulhrsw, pabsb, pabsw, pabsd
    // SSE4.1 and SSE4.2.
    case pblendvb, blendvps, blendvpd, blendps, blendpd, pblendw
    case pmuldq, pcmpeqq, pcmpgtq, pmulld, phminposuw, mpsadbw
    case pminsb, pminsd, pminuw, pminud, pmaxsb, pmaxsd, pmaxuw, pmaxud
    case pmovsxbw, pmovsxbd, pmovsxbq, pmovsxwd, pmovsxwq, pmovsxdq
    case pmovzxbw, pmovzxbd, pmovzxbq, pmovzxwd, pmovzxwq, pmovzxdq
    // PCLMULQDQ.
    case pclmulqdq

    /// Bytes a memory source operand holds when the register operands are `registerBytes` wide
    /// (8 for MMX, 16 for XMM): the low-half unpacks of MMX read 4, the sign and zero extensions less.
    public func sourceBytes(registerBytes: Int) -> Int {
        switch self {
        case .punpcklbw, .punpcklwd, .punpckldq: registerBytes == 8 ? 4 : 16
        case .pmovsxbw, .pmovsxwd, .pmovsxdq, .pmovzxbw, .pmovzxwd, .pmovzxdq: 8
        case .pmovsxbd, .pmovsxwq, .pmovzxbd, .pmovzxwq: 4
        case .pmovsxbq, .pmovzxbq: 2
        default: registerBytes
        }
    }
}
