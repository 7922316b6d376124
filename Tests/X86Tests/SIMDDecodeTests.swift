import Testing
import X86

/// Decoding of the MMX and SSE forms: mandatory prefixes, REX.W forms, immediates after ModRM,
/// register-only forms, and CRC32 beside MOVBE.
@Suite struct SIMDDecodeTests {
    func decode(_ bytes: [UInt8], mode: DecodeMode = .bits64) throws(DecodeError) -> DecodedInstruction {
        var result: Result<DecodedInstruction, DecodeError> = .failure(.invalid)
        bytes.withUnsafeBytes { buffer in
            result = Result { () throws(DecodeError) in try Decoder.decode(buffer, mode: mode) }
        }
        return try result.get()
    }

    @Test func mandatoryPrefixSelectsTheForm() throws {
        #expect(try decode([0x0F, 0x58, 0xC1]).handler == .ssePackedSingle)
        #expect(try decode([0x66, 0x0F, 0x58, 0xC1]).handler == .ssePackedDouble)
        #expect(try decode([0xF3, 0x0F, 0x58, 0xC1]).handler == .sseScalarSingle)
        #expect(try decode([0xF2, 0x0F, 0x58, 0xC1]).handler == .sseScalarDouble)
        #expect(try decode([0x0F, 0xFC, 0xC1]).handler == .mmxInteger)
        #expect(try decode([0x66, 0x0F, 0xFC, 0xC1]).handler == .sseInteger)
        #expect(throws: DecodeError.invalid) { try decode([0x66, 0x0F, 0x77]) }
    }

    @Test func operandSizePrefixIsNotAnOperandSizeForVectorForms() throws {
        let movd = try decode([0x66, 0x0F, 0x7E, 0xC0])
        #expect(movd.operandSize == 4)
        #expect(!movd.prefixes.contains(.operandSize))
        #expect(try decode([0x66, 0x48, 0x0F, 0x7E, 0xC0]).operandSize == 8)
        #expect(try decode([0x66, 0x48, 0x0F, 0x3A, 0x16, 0xC0, 0x01]).operandSize == 8)
        #expect(try decode([0xF3, 0x48, 0x0F, 0x2A, 0xC0]).operandSize == 8)
        #expect(try decode([0x66, 0x0F, 0xBC, 0xC1]).operandSize == 2)
    }

    @Test func immediatesFollowModRM() throws {
        #expect(try decode([0x66, 0x0F, 0x70, 0x04, 0x24, 0x1B]).length == 6)
        #expect(try decode([0x66, 0x0F, 0x3A, 0x0F, 0x44, 0x24, 0x08, 0x03]).length == 8)
        #expect(try decode([0x0F, 0xC2, 0xC1, 0x02]).immediate == 2)
        #expect(try decode([0x66, 0x0F, 0x3A, 0x63, 0xCA, 0x0C]).handler == .stringCompare)
    }

    @Test func registerOnlyForms() throws {
        #expect(try decode([0x66, 0x0F, 0x71, 0xD0, 0x05]).handler == .sseShiftImmediate)
        #expect(throws: DecodeError.invalid) { try decode([0x66, 0x0F, 0x71, 0x10, 0x05]) }
        #expect(try decode([0x0F, 0x50, 0xC1]).handler == .simdMove)
        #expect(throws: DecodeError.invalid) { try decode([0x0F, 0x50, 0x01]) }
        #expect(throws: DecodeError.invalid) { try decode([0x0F, 0xF7, 0x01]) }
        #expect(try decode([0x0F, 0x12, 0xC1]).extra == SIMDMove.highToLow.rawValue)
        #expect(try decode([0x0F, 0x12, 0x01]).extra == SIMDMove.loadLow.rawValue)
        #expect(throws: DecodeError.invalid) { try decode([0x66, 0x0F, 0x12, 0xC1]) }
    }

    @Test func crc32SharesItsOpcodesWithMOVBE() throws {
        #expect(try decode([0x0F, 0x38, 0xF0, 0x06]).handler == .movbeRegMem)
        #expect(try decode([0x66, 0x0F, 0x38, 0xF1, 0x06]).operandSize == 2)
        let byteForm = try decode([0xF2, 0x0F, 0x38, 0xF0, 0xC3])
        #expect(byteForm.handler == .crc32 && byteForm.extra == 1)
        #expect(try decode([0x66, 0xF2, 0x0F, 0x38, 0xF1, 0xC3]).operandSize == 2)
        #expect(try decode([0xF2, 0x48, 0x0F, 0x38, 0xF1, 0xC3]).operandSize == 8)
        #expect(throws: DecodeError.invalid) { try decode([0x0F, 0x38, 0xF0, 0xC0]) }
    }

    @Test func fencesConsumeTheirModRMAndTakeNoPrefix() throws {
        #expect(try decode([0x0F, 0xAE, 0xE8]).length == 3)
        #expect(try decode([0x0F, 0xAE, 0xF8]).length == 3)
        #expect(try decode([0x0F, 0x01, 0xD0]).length == 3)
        #expect(throws: DecodeError.invalid) { try decode([0x66, 0x0F, 0xAE, 0xE8]) }
        #expect(throws: DecodeError.invalid) { try decode([0xF3, 0x0F, 0xAE, 0x16]) }
    }

    @Test func sseDecodesInThirtyTwoBitCode() throws {
        let instruction = try decode([0x66, 0x0F, 0x6F, 0x44, 0x24, 0x10], mode: .bits32)
        #expect(instruction.handler == .simdMove && instruction.length == 6 && instruction.base == 4)
    }
}
