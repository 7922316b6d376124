import Testing

/// SSE and SSE2 data movement against the host processor.
@Suite struct SSEMoveTests {
    @Test func loadsAndStores() throws {
        try SIMDOracleCheck.check([
            SIMDForm("movaps %xmm1, %xmm0"), SIMDForm("movaps (%rsi), %xmm2", misaligned: true),
            SIMDForm("movaps %xmm3, 16(%rsi)", misaligned: true), SIMDForm("movups 3(%rsi), %xmm9"),
            SIMDForm("movups %xmm12, 5(%rsi)"), SIMDForm("movapd (%rsi), %xmm4", misaligned: true),
            SIMDForm("movupd 7(%rsi), %xmm4"), SIMDForm("movupd %xmm15, 9(%rsi)"),
            SIMDForm("movdqa (%rsi), %xmm10", misaligned: true), SIMDForm("movdqa %xmm10, (%rsi)", misaligned: true),
            SIMDForm("movdqu 1(%rsi), %xmm1"), SIMDForm("movdqu %xmm1, 11(%rsi)"), SIMDForm("lddqu 13(%rsi), %xmm7"),
            SIMDForm("movntps %xmm2, (%rsi)", misaligned: true), SIMDForm("movntpd %xmm2, 32(%rsi)"),
            SIMDForm("movntdq %xmm3, (%rsi)", misaligned: true), SIMDForm("movntdqa (%rsi), %xmm5", misaligned: true),
            SIMDForm("movnti %eax, 3(%rsi)"), SIMDForm("movnti %r9, 6(%rsi)"),
        ])
    }

    @Test func scalarAndHalfMoves() throws {
        try SIMDOracleCheck.check([
            SIMDForm("movss %xmm1, %xmm0"), SIMDForm("movss 2(%rsi), %xmm3"), SIMDForm("movss %xmm4, 1(%rsi)"),
            SIMDForm("movsd %xmm1, %xmm8"), SIMDForm("movsd 4(%rsi), %xmm3"), SIMDForm("movsd %xmm14, 3(%rsi)"),
            SIMDForm("movlps 1(%rsi), %xmm2"), SIMDForm("movlps %xmm2, 5(%rsi)"), SIMDForm("movhps 9(%rsi), %xmm2"),
            SIMDForm("movhps %xmm2, 6(%rsi)"), SIMDForm("movlpd 1(%rsi), %xmm11"), SIMDForm("movlpd %xmm2, 5(%rsi)"),
            SIMDForm("movhpd 9(%rsi), %xmm2"), SIMDForm("movhpd %xmm13, 6(%rsi)"), SIMDForm("movhlps %xmm1, %xmm2"),
            SIMDForm("movlhps %xmm9, %xmm2"), SIMDForm("movsldup %xmm3, %xmm4"), SIMDForm("movshdup (%rsi), %xmm4", misaligned: true),
            SIMDForm("movddup %xmm5, %xmm6"), SIMDForm("movddup 3(%rsi), %xmm6"), SIMDForm("movq 3(%rsi), %xmm1"),
            SIMDForm("movq %xmm2, %xmm1"), SIMDForm("movq %xmm9, 5(%rsi)"),
        ])
    }

    /// RIP-relative operands end at the immediate; 32-bit addressing wraps the address.
    @Test func addressing() throws {
        let constant = "jmp 2f\n.p2align 4\n1: .quad 0x3F8000004B000001, 0xC2F6000000000009\n2: "
        try SIMDOracleCheck.check([
            SIMDForm(constant + "pshufd $0x1B, 1b(%rip), %xmm3"), SIMDForm(constant + "roundps $1, 1b(%rip), %xmm3", .singles),
            SIMDForm(constant + "pcmpestri $0x0C, 1b(%rip), %xmm3", .strings), SIMDForm(constant + "movaps 1b(%rip), %xmm15"),
            SIMDForm(constant + "pinsrw $3, 1b(%rip), %mm1", mmx: true), SIMDForm("addps (%esi), %xmm0", .singles),
            SIMDForm("mov $0xFFFFFFF0, %eax\nmovdqu 0x13(%esi,%eax,1), %xmm0"),
        ], cases: 8)
    }

    @Test func generalRegisterMovesMasksAndExtracts() throws {
        try SIMDOracleCheck.check([
            SIMDForm("movd %eax, %xmm1"), SIMDForm("movd 3(%rsi), %xmm8"), SIMDForm("movq %rbx, %xmm2"),
            SIMDForm("movd %xmm3, %ecx"), SIMDForm("movd %xmm3, 2(%rsi)"), SIMDForm("movq %xmm12, %r11"),
            SIMDForm("movq %xmm4, 6(%rsi)"), SIMDForm("movmskps %xmm1, %eax"), SIMDForm("movmskpd %xmm9, %r10d"),
            SIMDForm("pmovmskb %xmm2, %edx"), SIMDForm("pextrw $5, %xmm3, %eax"), SIMDForm("pextrw $0x13, %xmm3, %r9d"),
            SIMDForm("pinsrw $3, %ecx, %xmm4"), SIMDForm("pinsrw $12, 3(%rsi), %xmm4"),
            SIMDForm("maskmovdqu %xmm1, %xmm2"), SIMDForm("pextrb $9, %xmm1, %eax"), SIMDForm("pextrb $3, %xmm1, 5(%rsi)"),
            SIMDForm("pextrw $6, %xmm1, 7(%rsi)"), SIMDForm("pextrd $2, %xmm1, %ebx"), SIMDForm("pextrd $1, %xmm1, 1(%rsi)"),
            SIMDForm("pextrq $1, %xmm10, %r12"), SIMDForm("pextrq $0, %xmm1, 3(%rsi)"), SIMDForm("extractps $3, %xmm1, %eax"),
            SIMDForm("extractps $1, %xmm1, 9(%rsi)"), SIMDForm("pinsrb $7, %ebx, %xmm2"), SIMDForm("pinsrb $15, 4(%rsi), %xmm2"),
            SIMDForm("pinsrd $2, %ecx, %xmm2"), SIMDForm("pinsrd $3, 1(%rsi), %xmm2"), SIMDForm("pinsrq $1, %r8, %xmm14"),
            SIMDForm("pinsrq $0, 2(%rsi), %xmm2"), SIMDForm("insertps $0x5A, %xmm3, %xmm2"), SIMDForm("insertps $0xE1, 3(%rsi), %xmm2"),
            SIMDForm("pinsrb $2, %esi, %xmm2"), SIMDForm("pextrb $1, %xmm1, %edi"),
        ])
    }
}
