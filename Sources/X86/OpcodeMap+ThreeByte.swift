extension OpcodeMap {
    /// The 0F 38 map: MOVBE, CRC32 and the SIMD rows.
    static func threeByte38(_ opcode: UInt8) -> OpcodeSlot {
        switch opcode {
        case 0xF0:
            .mandatoryPrefix(
                none: .entry(OpcodeEntry(.movbeRegMem, "movbe", [.G(.v), .M])),
                operandSize: .entry(OpcodeEntry(.movbeRegMem, "movbe", [.G(.v), .M])),
                repeat: .invalid, repeatNotEqual: .entry(crc32Byte))
        case 0xF1:
            .mandatoryPrefix(
                none: .entry(OpcodeEntry(.movbeMemReg, "movbe", [.M, .G(.v)])),
                operandSize: .entry(OpcodeEntry(.movbeMemReg, "movbe", [.M, .G(.v)])),
                repeat: .invalid, repeatNotEqual: .entry(crc32))
        default:
            sse38[Int(opcode)]
        }
    }
}
