import Testing

/// LDMXCSR and STMXCSR against the host processor.
@Suite struct MXCSRTests {
    @Test func loadAndStore() throws {
        try SIMDOracleCheck.check([
            SIMDForm("stmxcsr 3(%rsi)"), SIMDForm("andl $0xFFFF, 4(%rsi)\nldmxcsr 4(%rsi)"),
            SIMDForm("orl $0x10000, 4(%rsi)\nldmxcsr 4(%rsi)"), SIMDForm("andl $0xFFFF, 4(%rsi)\nldmxcsr 4(%rsi)\nstmxcsr 9(%rsi)"),
        ])
    }
}
