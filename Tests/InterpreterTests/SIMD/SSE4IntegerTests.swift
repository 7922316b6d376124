import Testing

/// SSE4.1, SSE4.2 and PCLMULQDQ integer forms, PTEST and CRC32 against the host processor.
@Suite struct SSE4IntegerTests {
    @Test func arithmeticAndComparisons() throws {
        var forms = SSEIntegerTests.forms([
            "pmuldq", "pcmpeqq", "pcmpgtq", "pmulld", "phminposuw", "pminsb", "pminsd", "pminuw", "pminud",
            "pmaxsb", "pmaxsd", "pmaxuw", "pmaxud", "ptest",
        ])
        for immediate in [0, 1, 2, 3, 4, 5, 6, 7] {
            forms += SSEIntegerTests.forms(["mpsadbw"], immediate: "$\(immediate), ")
        }
        for immediate in [0x00, 0x01, 0x10, 0x11, 0xEE] {
            forms += SSEIntegerTests.forms(["pclmulqdq"], immediate: "$\(immediate), ")
        }
        forms.append(SIMDForm("ptest %xmm0, %xmm0"))
        forms.append(SIMDForm("pcmpeqd %xmm1, %xmm1\nptest %xmm1, %xmm0"))
        try SIMDOracleCheck.check(forms)
    }

    @Test func extensions() throws {
        var forms = [SIMDForm]()
        for mnemonic in ["pmovsxbw", "pmovsxbd", "pmovsxbq", "pmovsxwd", "pmovsxwq", "pmovsxdq",
                         "pmovzxbw", "pmovzxbd", "pmovzxbq", "pmovzxwd", "pmovzxwq", "pmovzxdq"] {
            forms.append(SIMDForm("\(mnemonic) %xmm1, %xmm0"))
            forms.append(SIMDForm("\(mnemonic) 3(%rsi), %xmm11"))
        }
        try SIMDOracleCheck.check(forms)
    }

    @Test func crc32() throws {
        try SIMDOracleCheck.check([
            SIMDForm("crc32b %bl, %eax"), SIMDForm("crc32b %ah, %ecx"), SIMDForm("crc32b %sil, %edx"),
            SIMDForm("crc32w %bx, %eax"), SIMDForm("crc32l %ebx, %r8d"), SIMDForm("crc32q %rbx, %rax"),
            SIMDForm("crc32b %r9b, %rax"), SIMDForm("crc32b 3(%rsi), %eax"), SIMDForm("crc32w 1(%rsi), %eax"),
            SIMDForm("crc32l 5(%rsi), %eax"), SIMDForm("crc32q 7(%rsi), %r15"),
            SIMDForm("movbe 3(%rsi), %eax"), SIMDForm("movbe %rcx, 1(%rsi)"), SIMDForm("movbe 2(%rsi), %bx"),
        ])
    }
}
