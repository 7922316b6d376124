import Testing
import X86

/// The 8086 opcode map through the decoder: no 0F escape, its aliases, 16-bit forms, and every
/// opcode byte an instruction (the 8086 has no invalid-opcode exception).
@Suite struct Decoder8086Tests {
    func decode(_ bytes: [UInt8]) throws(DecodeError) -> DecodedInstruction {
        let padded = bytes + [UInt8](repeating: 0x90, count: 8)
        let result = padded.withUnsafeBytes { buffer in
            Result { () throws(DecodeError) in try Decoder.decode(buffer, mode: .bits16, model: .i8086) }
        }
        return try result.get()
    }

    @Test func everyOpcodeWithAMemoryOperandDecodes() throws {
        let prefixes: Set<UInt8> = [0x26, 0x2E, 0x36, 0x3E, 0xF0, 0xF1, 0xF2, 0xF3]
        for opcode in UInt8.min...UInt8.max where !prefixes.contains(opcode) {
            for reg in UInt8(0)..<8 where !(opcode == 0xFE && reg >= 2) {
                let instruction = try decode([opcode, reg << 3 | 6, 0x34, 0x12])
                #expect(instruction.opcode == opcode)
                #expect(instruction.addressSize == 2)
            }
        }
    }

    @Test func aliasesDecodeAsTheirOriginals() throws {
        for (alias, original) in [(0x60, 0x70), (0x6F, 0x7F), (0xC0, 0xC2), (0xC1, 0xC3), (0xC8, 0xCA), (0xC9, 0xCB)] as [(UInt8, UInt8)] {
            let aliased = try decode([alias, 0x10, 0x20])
            let plain = try decode([original, 0x10, 0x20])
            #expect(aliased.handler == plain.handler && aliased.extra == plain.extra && aliased.length == plain.length)
        }
        #expect(try decode([0xFF, 0x3F]).handler == .pushRM)
        #expect(try decode([0x8E, 0xE0]).reg == 0)
        #expect(try decode([0xF6, 0xC8, 0x01]).handler == .testRMImm)
    }

    @Test func noEscapeAndNoOperandSizePrefix() throws {
        let popCS = try decode([0x0F, 0x01])
        #expect(popCS.handler == .popSeg && popCS.length == 1)
        #expect(try decode([0x66, 0x90]).handler == .jcc)
        let move = try decode([0xB8, 0x34, 0x12])
        #expect(move.operandSize == 2 && move.length == 3)
    }

    @Test func prefixesBelongToTheInstruction() throws {
        let instruction = try decode([0xF1, 0x2E, 0xF3, 0xA4])
        #expect(instruction.handler == .movs && instruction.length == 4)
        #expect(instruction.prefixes.contains(.lock) && instruction.prefixes.contains(.repeatEqual))
        #expect(instruction.segmentOverride == 1)
    }
}
