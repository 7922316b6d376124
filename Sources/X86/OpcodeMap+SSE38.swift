/// The SSSE3, SSE4.1 and SSE4.2 rows of the 0F 38 map.
extension OpcodeMap {
    static let sse38: [OpcodeSlot] = {
        var map = [OpcodeSlot](repeating: .invalid, count: 256)
        let ssse3: [Int: (String, SIMDIntegerOperation)] = [
            0x00: ("pshufb", .pshufb), 0x01: ("phaddw", .phaddw), 0x02: ("phaddd", .phaddd), 0x03: ("phaddsw", .phaddsw),
            0x04: ("pmaddubsw", .pmaddubsw), 0x05: ("phsubw", .phsubw), 0x06: ("phsubd", .phsubd), 0x07: ("phsubsw", .phsubsw),
            0x08: ("psignb", .psignb), 0x09: ("psignw", .psignw), 0x0A: ("psignd", .psignd), 0x0B: ("pmulhrsw", .pmulhrsw),
            0x1C: ("pabsb", .pabsb), 0x1D: ("pabsw", .pabsw), 0x1E: ("pabsd", .pabsd),
        ]
        for (opcode, form) in ssse3 { map[opcode] = mmxAndSSE(form.0, form.1) }
        let sse4: [Int: (String, SIMDIntegerOperation)] = [
            0x10: ("pblendvb", .pblendvb), 0x14: ("blendvps", .blendvps), 0x15: ("blendvpd", .blendvpd),
            0x20: ("pmovsxbw", .pmovsxbw), 0x21: ("pmovsxbd", .pmovsxbd), 0x22: ("pmovsxbq", .pmovsxbq),
            0x23: ("pmovsxwd", .pmovsxwd), 0x24: ("pmovsxwq", .pmovsxwq), 0x25: ("pmovsxdq", .pmovsxdq),
            0x28: ("pmuldq", .pmuldq), 0x29: ("pcmpeqq", .pcmpeqq), 0x2B: ("packusdw", .packusdw),
            0x30: ("pmovzxbw", .pmovzxbw), 0x31: ("pmovzxbd", .pmovzxbd), 0x32: ("pmovzxbq", .pmovzxbq),
            0x33: ("pmovzxwd", .pmovzxwd), 0x34: ("pmovzxwq", .pmovzxwq), 0x35: ("pmovzxdq", .pmovzxdq),
            0x37: ("pcmpgtq", .pcmpgtq), 0x38: ("pminsb", .pminsb), 0x39: ("pminsd", .pminsd), 0x3A: ("pminuw", .pminuw),
            0x3B: ("pminud", .pminud), 0x3C: ("pmaxsb", .pmaxsb), 0x3D: ("pmaxsd", .pmaxsd), 0x3E: ("pmaxuw", .pmaxuw),
            0x3F: ("pmaxud", .pmaxud), 0x40: ("pmulld", .pmulld), 0x41: ("phminposuw", .phminposuw),
        ]
        for (opcode, form) in sse4 { map[opcode] = sse66(form.0, form.1) }
        map[0x17] = prefixed(x66: OpcodeEntry(.ptest, "ptest", [.V, .W]))
        map[0x2A] = prefixed(x66: move("movntdqa", [.V, .M], .loadAligned))
        return map
    }()

    /// CRC32 r32/r64, r/m8 (F2 0F 38 F0); `extra` 1 marks the byte source.
    static let crc32Byte = OpcodeEntry(.crc32, "crc32", [.G(.y), .E(.b)], extra: 1)
    /// CRC32 r32/r64, r/m16/32/64 (F2 0F 38 F1).
    static let crc32 = OpcodeEntry(.crc32, "crc32", [.G(.y), .E(.v)])
}
