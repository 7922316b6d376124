import Testing

/// SSE and SSE2 conversions against the host processor: rounding, truncation, the integer
/// indefinite, precision and range exceptions, MMX operands.
@Suite struct SSEConversionTests {
    @Test func floatToFloat() throws {
        try SIMDOracleCheck.check([
            SIMDForm("cvtps2pd %xmm1, %xmm0", .singles, unmasked: true), SIMDForm("cvtps2pd 4(%rsi), %xmm9", .singles, unmasked: true),
            SIMDForm("cvtpd2ps %xmm1, %xmm0", .doubles, unmasked: true),
            SIMDForm("cvtpd2ps (%rsi), %xmm2", .doubles, unmasked: true, misaligned: true),
            SIMDForm("cvtss2sd %xmm1, %xmm0", .singles, unmasked: true), SIMDForm("cvtss2sd 3(%rsi), %xmm0", .singles, unmasked: true),
            SIMDForm("cvtsd2ss %xmm1, %xmm0", .doubles, unmasked: true), SIMDForm("cvtsd2ss 5(%rsi), %xmm12", .doubles, unmasked: true),
        ], cases: 128)
    }

    @Test func floatToInteger() throws {
        try SIMDOracleCheck.check([
            SIMDForm("cvtps2dq %xmm1, %xmm0", .singles, unmasked: true), SIMDForm("cvttps2dq (%rsi), %xmm0", .singles, unmasked: true),
            SIMDForm("cvtpd2dq %xmm1, %xmm0", .doubles, unmasked: true), SIMDForm("cvttpd2dq (%rsi), %xmm3", .doubles, unmasked: true),
            SIMDForm("cvtss2si %xmm1, %eax", .singles, unmasked: true), SIMDForm("cvtss2si 1(%rsi), %r9", .singles, unmasked: true),
            SIMDForm("cvttss2si %xmm1, %rbx", .singles, unmasked: true), SIMDForm("cvttss2si 2(%rsi), %ecx", .singles, unmasked: true),
            SIMDForm("cvtsd2si %xmm1, %edx", .doubles, unmasked: true), SIMDForm("cvtsd2si 3(%rsi), %r12", .doubles, unmasked: true),
            SIMDForm("cvttsd2si %xmm11, %rax", .doubles, unmasked: true), SIMDForm("cvttsd2si 4(%rsi), %eax", .doubles, unmasked: true),
            SIMDForm("cvtps2pi %xmm1, %mm0", .singles, unmasked: true, mmx: true),
            SIMDForm("cvttps2pi 5(%rsi), %mm3", .singles, unmasked: true, mmx: true),
            SIMDForm("cvtpd2pi %xmm1, %mm7", .doubles, unmasked: true, mmx: true),
            SIMDForm("cvttpd2pi (%rsi), %mm2", .doubles, unmasked: true, misaligned: true, mmx: true),
        ], cases: 128)
    }

    @Test func integerToFloat() throws {
        try SIMDOracleCheck.check([
            SIMDForm("cvtdq2ps %xmm1, %xmm0", unmasked: true), SIMDForm("cvtdq2ps (%rsi), %xmm0", unmasked: true, misaligned: true),
            SIMDForm("cvtdq2pd %xmm1, %xmm0", unmasked: true), SIMDForm("cvtdq2pd 3(%rsi), %xmm0", unmasked: true),
            SIMDForm("cvtsi2ss %eax, %xmm0", unmasked: true), SIMDForm("cvtsi2ssq %rbx, %xmm0", unmasked: true),
            SIMDForm("cvtsi2ssl 1(%rsi), %xmm8", unmasked: true), SIMDForm("cvtsi2ssq 2(%rsi), %xmm0", unmasked: true),
            SIMDForm("cvtsi2sd %ecx, %xmm0", unmasked: true), SIMDForm("cvtsi2sdq %r10, %xmm0", unmasked: true),
            SIMDForm("cvtsi2sdl 3(%rsi), %xmm0", unmasked: true), SIMDForm("cvtsi2sdq 4(%rsi), %xmm15", unmasked: true),
            SIMDForm("cvtpi2ps %mm1, %xmm0", unmasked: true, mmx: true), SIMDForm("cvtpi2ps 5(%rsi), %xmm0", unmasked: true, mmx: true),
            SIMDForm("cvtpi2pd %mm1, %xmm0", unmasked: true, mmx: true), SIMDForm("cvtpi2pd 6(%rsi), %xmm0", unmasked: true, mmx: true),
        ], cases: 128)
    }
}
