/// The 0F 3A map: SSSE3 PALIGNR and the SSE4.1, SSE4.2 and PCLMULQDQ forms with an imm8.
extension OpcodeMap {
    public static let threeByte3A: [OpcodeSlot] = {
        var map = [OpcodeSlot](repeating: .invalid, count: 256)
        func float(_ handler: InstructionHandler, _ mnemonic: String, _ operation: SIMDFloatOperation) -> OpcodeSlot {
            prefixed(x66: OpcodeEntry(handler, mnemonic, [.V, .W, .I(.b)], extra: operation.rawValue))
        }
        map[0x08] = float(.ssePackedSingle, "roundps", .round)
        map[0x09] = float(.ssePackedDouble, "roundpd", .round)
        map[0x0A] = float(.sseScalarSingle, "roundss", .round)
        map[0x0B] = float(.sseScalarDouble, "roundsd", .round)
        map[0x0C] = sse66("blendps", .blendps, immediate: true)
        map[0x0D] = sse66("blendpd", .blendpd, immediate: true)
        map[0x0E] = sse66("pblendw", .pblendw, immediate: true)
        map[0x0F] = mmxAndSSE("palignr", .palignr, immediate: true)
        map[0x14] = prefixed(x66: move("pextrb", [.E(.b), .V, .I(.b)], .extractByte))
        map[0x15] = prefixed(x66: move("pextrw", [.E(.w), .V, .I(.b)], .extractWord))
        map[0x16] = prefixed(x66: move("pextrd", [.E(.y), .V, .I(.b)], .extractInteger))
        map[0x17] = prefixed(x66: move("extractps", [.E(.d), .V, .I(.b)], .extractSingle))
        map[0x20] = prefixed(x66: move("pinsrb", [.V, .E(.b), .I(.b)], .insertByte))
        map[0x21] = prefixed(x66: move("insertps", [.V, .W, .I(.b)], .insertSingle))
        map[0x22] = prefixed(x66: move("pinsrd", [.V, .E(.y), .I(.b)], .insertInteger))
        map[0x40] = float(.ssePackedSingle, "dpps", .dotProduct)
        map[0x41] = float(.ssePackedDouble, "dppd", .dotProduct)
        map[0x42] = sse66("mpsadbw", .mpsadbw, immediate: true)
        map[0x44] = sse66("pclmulqdq", .pclmulqdq, immediate: true)
        for variant in 0..<4 {
            let mnemonic = ["pcmpestrm", "pcmpestri", "pcmpistrm", "pcmpistri"][variant]
            map[0x60 + variant] = prefixed(x66: OpcodeEntry(.stringCompare, mnemonic, [.V, .W, .I(.b)], extra: UInt8(variant)))
        }
        return map
    }()
}
