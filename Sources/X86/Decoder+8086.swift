extension Decoder {
    /// Decodes an 8086 instruction: its prefixes, the 8086 opcode map, 16-bit operands and
    /// addresses, and no invalid-opcode or LOCK checks (the 8086 has neither).
    static func decode8086(_ bytes: UnsafeRawBufferPointer) throws(DecodeError) -> DecodedInstruction {
        var cursor = ByteCursor(bytes: bytes)
        var instruction = DecodedInstruction()
        var opcode: UInt8
        prefixes: while true {
            let byte = try cursor.next()
            switch byte {
            case 0x26, 0x2E, 0x36, 0x3E: instruction.segmentOverride = (byte >> 3) & 3
            case 0xF0, 0xF1: instruction.prefixes.insert(.lock)
            case 0xF2:
                instruction.prefixes.remove(.repeatEqual)
                instruction.prefixes.insert(.repeatNotEqual)
            case 0xF3:
                instruction.prefixes.remove(.repeatNotEqual)
                instruction.prefixes.insert(.repeatEqual)
            default:
                opcode = byte
                break prefixes
            }
        }
        instruction.opcode = opcode
        let entry: OpcodeEntry
        switch OpcodeMap.i8086[Int(opcode)] {
        case .entry(let found):
            entry = found
        case .group(let memory, let register, _):
            let modrm = try cursor.peek()
            entry = (modrm >> 6 == 3 ? register ?? memory : memory)[Int((modrm >> 3) & 7)]
        default:
            throw .invalid
        }
        guard entry.handler != .invalid else { throw .invalid }
        instruction.handler = entry.handler
        instruction.extra = entry.extra
        instruction.attributes = entry.attributes
        instruction.operandSize = entry.attributes.contains(.byteOperation) ? 1 : 2
        instruction.addressSize = 2
        if entry.needsModRM {
            let modrm = try cursor.next()
            try decodeModRM(modrm, entry: entry, into: &instruction, cursor: &cursor)
            // The 8086 decodes only two bits of a segment register number: 4–7 name ES, CS, SS, DS again.
            if entry.operands.contains(.S) { instruction.reg &= 3 }
        }
        try decodeOperands(entry, hasModRM: entry.needsModRM, into: &instruction, cursor: &cursor)
        // The interpreter fetches at most 15 bytes; more (a long run of prefixes) would also overflow the length.
        guard cursor.offset <= maximumLength else { throw .tooLong }
        instruction.length = UInt8(cursor.offset)
        return instruction
    }
}
