import Testing

/// SSE4.2 PCMPESTRI, PCMPESTRM, PCMPISTRI and PCMPISTRM against the host processor, for every
/// data format, aggregation, polarity and output selection.
@Suite struct StringCompareTests {
    static func forms(_ mnemonic: String) -> [SIMDForm] {
        (0..<128).map { control in
            SIMDForm(control % 8 == 0 ? "\(mnemonic) $\(control), 5(%rsi), %xmm1" : "\(mnemonic) $\(control), %xmm2, %xmm1", .strings)
        }
    }

    @Test func explicitLengthIndex() throws { try SIMDOracleCheck.check(Self.forms("pcmpestri"), cases: 12) }
    @Test func explicitLengthMask() throws { try SIMDOracleCheck.check(Self.forms("pcmpestrm"), cases: 12) }
    @Test func implicitLengthIndex() throws { try SIMDOracleCheck.check(Self.forms("pcmpistri"), cases: 12) }
    @Test func implicitLengthMask() throws { try SIMDOracleCheck.check(Self.forms("pcmpistrm"), cases: 12) }

    @Test func explicitLengthsInRAXAndRDXWithREXW() throws {
        try SIMDOracleCheck.check([0x0C, 0x18, 0x45, 0x3A, 0x01].flatMap { control in
            [SIMDForm(".byte 0x66, 0x48, 0x0F, 0x3A, 0x61, 0xCA, \(control)", .strings),
             SIMDForm(".byte 0x66, 0x48, 0x0F, 0x3A, 0x60, 0xCA, \(control)", .strings)]
        }, cases: 24)
    }
}
