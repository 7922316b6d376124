import Testing

/// SSE2 integer arithmetic, comparisons, logic and shifts against the host processor.
@Suite struct SSEIntegerTests {
    /// Each mnemonic with a register source and an aligned (or misaligned, to see #GP) memory source.
    static func forms(_ mnemonics: [String], immediate: String = "") -> [SIMDForm] {
        mnemonics.flatMap { mnemonic in
            [SIMDForm("\(mnemonic) \(immediate)%xmm1, %xmm0"), SIMDForm("\(mnemonic) \(immediate)(%rsi), %xmm13", misaligned: true)]
        }
    }

    @Test func arithmetic() throws {
        try SIMDOracleCheck.check(Self.forms([
            "paddb", "paddw", "paddd", "paddq", "paddsb", "paddsw", "paddusb", "paddusw",
            "psubb", "psubw", "psubd", "psubq", "psubsb", "psubsw", "psubusb", "psubusw",
            "pmullw", "pmulhw", "pmulhuw", "pmuludq", "pmaddwd", "psadbw", "pavgb", "pavgw",
            "pminub", "pmaxub", "pminsw", "pmaxsw",
        ]))
    }

    @Test func comparisonsAndLogic() throws {
        try SIMDOracleCheck.check(Self.forms([
            "pcmpeqb", "pcmpeqw", "pcmpeqd", "pcmpgtb", "pcmpgtw", "pcmpgtd", "pand", "pandn", "por", "pxor",
            "andps", "andnps", "orps", "xorps", "andpd", "andnpd", "orpd", "xorpd",
        ]))
    }

    @Test func shifts() throws {
        var forms = Self.forms(["psrlw", "psrld", "psrlq", "psraw", "psrad", "psllw", "pslld", "psllq"])
        for count in [0, 1, 7, 15, 16, 31, 32, 63, 64, 200] {
            for mnemonic in ["psrlw", "psrld", "psrlq", "psraw", "psrad", "psllw", "pslld", "psllq", "psrldq", "pslldq"] {
                forms.append(SIMDForm("\(mnemonic) $\(count), %xmm\(count % 16)"))
            }
        }
        // Register counts: small ones in the low quadword now and then.
        forms.append(SIMDForm("movq %rax, %xmm1\npsrlw %xmm1, %xmm0"))
        forms.append(SIMDForm("movq %rdx, %xmm2\npsrad %xmm2, %xmm0"))
        forms.append(SIMDForm("movq %rax, %xmm1\npsllq %xmm1, %xmm0"))
        try SIMDOracleCheck.check(forms, cases: 24)
    }
}
