import Testing

/// Packs, unpacks, shuffles, alignment, blends and SSSE3 horizontal arithmetic against the host.
@Suite struct SSEShuffleTests {
    @Test func packsAndUnpacks() throws {
        try SIMDOracleCheck.check(SSEIntegerTests.forms([
            "packsswb", "packssdw", "packuswb", "packusdw", "punpcklbw", "punpcklwd", "punpckldq", "punpcklqdq",
            "punpckhbw", "punpckhwd", "punpckhdq", "punpckhqdq", "unpcklps", "unpckhps", "unpcklpd", "unpckhpd",
        ]))
    }

    @Test func shufflesWithImmediates() throws {
        var forms = [SIMDForm]()
        for immediate in [0x00, 0x1B, 0xE4, 0x93, 0x4E, 0xFF, 0x27] {
            forms += SSEIntegerTests.forms(["pshufd", "pshufhw", "pshuflw", "shufps", "shufpd"], immediate: "$\(immediate), ")
        }
        for immediate in [0, 1, 4, 8, 15, 16, 17, 24, 31, 32, 200] {
            forms += SSEIntegerTests.forms(["palignr"], immediate: "$\(immediate), ")
        }
        try SIMDOracleCheck.check(forms, cases: 16)
    }

    @Test func blends() throws {
        var forms = SSEIntegerTests.forms(["pblendvb", "blendvps", "blendvpd"])
        for immediate in [0x00, 0xFF, 0xA5, 0x3C, 0x01, 0x80, 0x5A] {
            forms += SSEIntegerTests.forms(["blendps", "blendpd", "pblendw"], immediate: "$\(immediate), ")
        }
        try SIMDOracleCheck.check(forms, cases: 16)
    }

    @Test func ssse3() throws {
        try SIMDOracleCheck.check(SSEIntegerTests.forms([
            "pshufb", "phaddw", "phaddd", "phaddsw", "pmaddubsw", "phsubw", "phsubd", "phsubsw",
            "psignb", "psignw", "psignd", "pmulhrsw", "pabsb", "pabsw", "pabsd",
        ]))
    }
}
