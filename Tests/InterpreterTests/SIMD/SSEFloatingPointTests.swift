import Testing

/// SSE, SSE2, SSE3 and SSE4.1 floating-point arithmetic against the host processor: rounding
/// modes, DAZ, FTZ, exception flags, masked and unmasked exceptions, NaN rules.
@Suite struct SSEFloatingPointTests {
    static func forms(_ stems: [String], suffixes: [(String, SIMDForm.Values)], immediate: String = "") -> [SIMDForm] {
        var forms = [SIMDForm]()
        for stem in stems {
            for (suffix, values) in suffixes {
                forms.append(SIMDForm("\(stem)\(suffix) \(immediate)%xmm1, %xmm0", values, unmasked: true))
                forms.append(SIMDForm("\(stem)\(suffix) \(immediate)(%rsi), %xmm10", values, unmasked: true, misaligned: suffix.hasPrefix("s")))
            }
        }
        return forms
    }

    static let allFormats: [(String, SIMDForm.Values)] = [("ps", .singles), ("pd", .doubles), ("ss", .singles), ("sd", .doubles)]

    @Test func arithmetic() throws {
        try SIMDOracleCheck.check(Self.forms(["add", "sub", "mul", "div", "sqrt"], suffixes: Self.allFormats), cases: 96)
    }

    @Test func minimumAndMaximum() throws {
        try SIMDOracleCheck.check(Self.forms(["min", "max"], suffixes: Self.allFormats), cases: 96)
    }

    @Test func comparisons() throws {
        var forms = [SIMDForm]()
        for predicate in 0..<8 {
            forms += Self.forms(["cmp"], suffixes: Self.allFormats, immediate: "$\(predicate), ")
        }
        forms.append(SIMDForm("cmpps $0xF9, %xmm1, %xmm0", .singles, unmasked: true))
        try SIMDOracleCheck.check(forms, cases: 64)
    }

    @Test func comparisonsToFlags() throws {
        try SIMDOracleCheck.check([
            SIMDForm("comiss %xmm1, %xmm0", .singles, unmasked: true), SIMDForm("comiss 1(%rsi), %xmm9", .singles, unmasked: true),
            SIMDForm("ucomiss %xmm1, %xmm0", .singles, unmasked: true), SIMDForm("ucomiss 2(%rsi), %xmm0", .singles, unmasked: true),
            SIMDForm("comisd %xmm1, %xmm0", .doubles, unmasked: true), SIMDForm("comisd 3(%rsi), %xmm0", .doubles, unmasked: true),
            SIMDForm("ucomisd %xmm11, %xmm0", .doubles, unmasked: true), SIMDForm("ucomisd 4(%rsi), %xmm0", .doubles, unmasked: true),
        ], cases: 128)
    }

    @Test func approximations() throws {
        try SIMDOracleCheck.check(Self.forms(["rcp", "rsqrt"], suffixes: [("ps", .singles), ("ss", .singles)]), cases: 64)
    }

    @Test func sse3Arithmetic() throws {
        try SIMDOracleCheck.check(Self.forms(["addsub", "hadd", "hsub"], suffixes: [("ps", .singles), ("pd", .doubles)]), cases: 96)
    }

    @Test func rounding() throws {
        var forms = [SIMDForm]()
        for immediate in [0, 1, 2, 3, 4, 8, 9, 10, 11, 12] {
            forms += Self.forms(["round"], suffixes: Self.allFormats, immediate: "$\(immediate), ")
        }
        try SIMDOracleCheck.check(forms, cases: 48)
    }

    @Test func dotProducts() throws {
        var forms = [SIMDForm]()
        for immediate in [0xFF, 0xF1, 0x3C, 0xA5, 0x5A, 0x33, 0x00] {
            forms += Self.forms(["dp"], suffixes: [("ps", .singles), ("pd", .doubles)], immediate: "$\(immediate), ")
        }
        try SIMDOracleCheck.check(forms, cases: 64)
    }
}
