import Testing

/// MMX forms (and the SSE and SSSE3 forms on MMX registers) against the host processor: results,
/// the x87 aliasing (exponent all ones, TOP 0, every tag valid), EMMS and pending x87 exceptions.
@Suite struct MMXTests {
    static func forms(_ mnemonics: [String], immediate: String = "") -> [SIMDForm] {
        mnemonics.flatMap { mnemonic in
            [SIMDForm("\(mnemonic) \(immediate)%mm1, %mm0", mmx: true), SIMDForm("\(mnemonic) \(immediate)3(%rsi), %mm6", mmx: true)]
        }
    }

    @Test func arithmeticComparisonsAndLogic() throws {
        try SIMDOracleCheck.check(Self.forms([
            "paddb", "paddw", "paddd", "paddq", "paddsb", "paddsw", "paddusb", "paddusw",
            "psubb", "psubw", "psubd", "psubq", "psubsb", "psubsw", "psubusb", "psubusw",
            "pmullw", "pmulhw", "pmulhuw", "pmuludq", "pmaddwd", "psadbw", "pavgb", "pavgw",
            "pminub", "pmaxub", "pminsw", "pmaxsw", "pcmpeqb", "pcmpeqw", "pcmpeqd", "pcmpgtb", "pcmpgtw", "pcmpgtd",
            "pand", "pandn", "por", "pxor",
        ]), cases: 24)
    }

    @Test func packsShufflesAndSSSE3() throws {
        var forms = Self.forms([
            "packsswb", "packssdw", "packuswb", "punpcklbw", "punpcklwd", "punpckldq", "punpckhbw", "punpckhwd", "punpckhdq",
            "pshufb", "phaddw", "phaddd", "phaddsw", "pmaddubsw", "phsubw", "phsubd", "phsubsw",
            "psignb", "psignw", "psignd", "pmulhrsw", "pabsb", "pabsw", "pabsd",
        ])
        for immediate in [0, 3, 8, 9, 15, 16, 100] { forms += Self.forms(["palignr"], immediate: "$\(immediate), ") }
        for immediate in [0x1B, 0xE4, 0x00, 0x93] { forms += Self.forms(["pshufw"], immediate: "$\(immediate), ") }
        try SIMDOracleCheck.check(forms, cases: 24)
    }

    @Test func shifts() throws {
        var forms = Self.forms(["psrlw", "psrld", "psrlq", "psraw", "psrad", "psllw", "pslld", "psllq"])
        for count in [0, 1, 15, 16, 31, 32, 63, 64, 255] {
            for mnemonic in ["psrlw", "psrld", "psrlq", "psraw", "psrad", "psllw", "pslld", "psllq"] {
                forms.append(SIMDForm("\(mnemonic) $\(count), %mm\(count % 8)", mmx: true))
            }
        }
        forms.append(SIMDForm("movq %rax, %mm1\npsraw %mm1, %mm0", mmx: true))
        forms.append(SIMDForm("movq %rdx, %mm1\npsllq %mm1, %mm2", mmx: true))
        try SIMDOracleCheck.check(forms, cases: 16)
    }

    @Test func movesAndTheX87Aliasing() throws {
        try SIMDOracleCheck.check([
            SIMDForm("movd %eax, %mm1", mmx: true), SIMDForm("movd 3(%rsi), %mm2", mmx: true), SIMDForm("movq %rbx, %mm3", mmx: true),
            SIMDForm("movd %mm4, %ecx", mmx: true), SIMDForm("movd %mm4, 2(%rsi)", mmx: true), SIMDForm("movq %mm5, %r9", mmx: true),
            SIMDForm("movq %mm1, %mm7", mmx: true), SIMDForm("movq 5(%rsi), %mm0", mmx: true), SIMDForm("movq %mm6, 7(%rsi)", mmx: true),
            SIMDForm("movntq %mm6, 16(%rsi)", mmx: true), SIMDForm("movq2dq %mm3, %xmm9", mmx: true),
            SIMDForm("movdq2q %xmm10, %mm2", mmx: true), SIMDForm("pmovmskb %mm3, %eax", mmx: true),
            SIMDForm("pextrw $2, %mm3, %ebx", mmx: true), SIMDForm("pextrw $7, %mm3, %r10d", mmx: true),
            SIMDForm("pinsrw $1, %ecx, %mm3", mmx: true), SIMDForm("pinsrw $6, 3(%rsi), %mm3", mmx: true),
            SIMDForm("maskmovq %mm1, %mm2", mmx: true), SIMDForm("emms", mmx: true), SIMDForm("movq %mm1, %mm2\nemms", mmx: true),
            SIMDForm("paddb %xmm1, %xmm2", mmx: true),
        ])
    }

    @Test func pendingX87ExceptionIsDeliveredFirst() throws {
        try SIMDOracleCheck.check([
            SIMDForm("paddb %mm1, %mm0", mmx: true, x87ExceptionPending: true),
            SIMDForm("movq 3(%rsi), %mm0", mmx: true, x87ExceptionPending: true),
            SIMDForm("emms", mmx: true, x87ExceptionPending: true),
            SIMDForm("cvtpi2ps %mm1, %xmm0", mmx: true, x87ExceptionPending: true),
            SIMDForm("movq2dq %mm1, %xmm0", mmx: true, x87ExceptionPending: true),
            SIMDForm("paddb %xmm1, %xmm0", mmx: true, x87ExceptionPending: true),
        ], cases: 8)
    }
}
