import Testing
import X86

/// Lengths and validity of encodings whose decoding has a rule behind it.
@Suite struct DecoderTests {
    /// (mode, bytes, length or nil for #UD/#GP).
    static let cases: [(DecodeMode, String, Int?)] = [
        // ModRM, SIB, displacements and immediates.
        (.bits32, "8b 04 24", 3), (.bits32, "8b 44 24 08", 4), (.bits32, "8b 84 24 00 01 00 00", 7),
        (.bits32, "8b 05 78 56 34 12", 6), (.bits32, "8b 04 25 78 56 34 12", 7),
        (.bits16, "8b 06 34 12", 4), (.bits16, "8b 46 02", 3), (.bits16, "67 8b 04 24", 4),
        (.bits32, "67 8b 06 34 12", 5), (.bits64, "8b 05 10 00 00 00", 6),
        (.bits64, "48 b8 01 02 03 04 05 06 07 08", 10), (.bits64, "48 c7 c0 01 02 03 04", 7),
        (.bits64, "48 a1 01 02 03 04 05 06 07 08", 10), (.bits64, "67 a1 01 02 03 04", 6),
        (.bits32, "66 68 34 12", 4), (.bits32, "c8 10 00 01", 4), (.bits32, "9a 78 56 34 12 00 10", 7),
        (.bits16, "ea 34 12 00 10", 5), (.bits16, "66 ea 78 56 34 12 00 10", 8),
        (.bits32, "f7 c0 01 02 03 04", 6), (.bits32, "f7 d0", 2),
        // Near branches: 66 changes the displacement outside 64-bit mode only (Intel).
        (.bits32, "66 e9 34 12", 4), (.bits64, "66 e9 34 12 00 00", 6), (.bits64, "66 0f 84 00 00 00 00", 7),
        // The 15-byte limit: 14 prefixes and NOP fit, 15 do not.
        (.bits32, String(repeating: "66 ", count: 14) + "90", 15),
        (.bits32, String(repeating: "66 ", count: 15) + "90", nil),
        (.bits64, "26 26 26 26 26 26 26 26 26 26 48 b8 01 02 03 04 05 06 07 08", nil),
        // REX: only directly before the opcode; in legacy modes 40-4F are INC and DEC.
        (.bits64, "48 66 90", 3), (.bits64, "41 90", 2), (.bits32, "48", 1), (.bits32, "40 90", 1),
        // Mode validity.
        (.bits64, "06", nil), (.bits64, "27", nil), (.bits64, "60", nil), (.bits64, "62 00", nil),
        (.bits64, "82 c0 01", nil), (.bits64, "9a 00 00 00 00 00 00", nil), (.bits64, "c4 00", nil),
        (.bits64, "ce", nil), (.bits64, "d4 0a", nil), (.bits64, "d6", nil), (.bits64, "ea 00 00 00 00 00 00", nil),
        (.bits32, "63 c0", 2), (.bits64, "63 c0", 2),
        (.bits64, "0f 05", 2), (.bits32, "0f 05", nil), (.bits16, "0f 07", nil), (.bits64, "0f 07", 2),
        (.bits64, "0f 01 f8", 3), (.bits32, "0f 01 f8", nil),
        (.bits64, "f3 0f ae c0", 4), (.bits32, "f3 0f ae c0", nil), (.bits64, "f3 0f 01 ee", 4), (.bits32, "f3 0f 01 ee", nil),
        // VEX, EVEX and XOP: #UD (no AVX, no AVX-512, not AMD); LES, LDS and BOUND need memory.
        (.bits32, "c4 e2 79 18 00", nil), (.bits32, "c5 f8 77", nil), (.bits32, "c4 00", 2), (.bits32, "c5 00", 2),
        (.bits32, "62 00", 2), (.bits32, "62 c0", nil), (.bits32, "8f c0", 2), (.bits32, "8f c8", nil),
        // Invalid opcodes of the 0F map.
        (.bits32, "0f 04", nil), (.bits32, "0f 0a", nil), (.bits32, "0f 0c", nil), (.bits32, "0f 0e", nil),
        (.bits32, "0f 0f c0 0d", nil), (.bits32, "0f 24 c0", nil), (.bits32, "0f 26 c0", nil), (.bits32, "0f 36", nil),
        (.bits32, "0f a6 c0", nil), (.bits32, "0f a7 c0", nil), (.bits32, "0f b8 c0", nil), (.bits32, "f3 0f b8 c0", 4),
        (.bits32, "0f 37", 2), (.bits32, "0f aa", 2), (.bits32, "0f b9 c0", 3), (.bits32, "0f 0b", 2),
        // Groups: register forms are whole instructions; undefined digits are #UD.
        (.bits32, "0f 01 c1", 3), (.bits32, "0f 01 c8", 3), (.bits32, "0f 01 d0", 3), (.bits32, "0f 01 f9", 3),
        (.bits32, "0f 01 d8", nil), (.bits32, "0f 01 fa", nil), (.bits32, "0f 01 c7", nil), (.bits32, "0f 01 28", nil),
        (.bits32, "f3 0f 01 28", 4), (.bits32, "66 0f 01 d0", nil), (.bits32, "0f 01 e0", 3), (.bits32, "0f 01 10", 3),
        (.bits32, "0f ae e8", 3), (.bits32, "0f ae ef", 3), (.bits32, "0f ae f0", 3), (.bits32, "0f ae f1", nil),
        (.bits32, "0f ae f8", 3), (.bits32, "66 0f ae 38", 4), (.bits32, "66 0f ae 00", nil), (.bits32, "0f ae 20", 3),
        (.bits32, "0f c7 08", 3), (.bits32, "f2 0f c7 08", 4), (.bits32, "0f c7 f0", 3), (.bits32, "f2 0f c7 f0", nil),
        (.bits32, "0f c7 c8", nil), (.bits32, "66 0f c7 30", 4), (.bits32, "f3 0f c7 30", 4),
        (.bits32, "c6 f8 01", 3), (.bits32, "c7 f8 00 00 00 00", 6), (.bits32, "c6 c8 01", nil),
        (.bits32, "8f c0", 2), (.bits32, "fe d0", nil), (.bits32, "ff d8", nil), (.bits32, "ff 18", 2),
        (.bits32, "0f 00 f0", nil), (.bits32, "0f 0d c0", nil), (.bits32, "0f 0d 08", 3), (.bits32, "0f 18 c0", 3),
        // LOCK: only lockable forms with a memory destination.
        (.bits32, "f0 01 00", 3), (.bits32, "f0 01 c0", nil), (.bits32, "f0 39 00", nil), (.bits32, "f0 90", nil),
        (.bits32, "f0 0f c7 08", 4), (.bits32, "f0 0f ba 28 01", 5), (.bits32, "f0 0f ba 20 01", nil),
        // Truncated: the bytes end before the instruction does.
        (.bits32, "8b", nil), (.bits32, "8b 05 00", nil), (.bits64, "0f", nil), (.bits32, "66", nil),
    ]

    @Test(arguments: cases.indices)
    func decodesLengthAndValidity(_ index: Int) {
        let (mode, hex, expected) = Self.cases[index]
        #expect(length(hex, mode) == expected, "\(mode) \(hex)")
    }

    @Test func tooLongIsGeneralProtectionNotTruncation() {
        #expect(throws: DecodeError.tooLong) { try decode(String(repeating: "66 ", count: 15) + "90", .bits32).get() }
        #expect(throws: DecodeError.tooLong) { try decode(String(repeating: "66 ", count: 15), .bits32).get() }
        #expect(throws: DecodeError.truncated(needed: 2)) { try decode("8b", .bits32).get() }
        #expect(throws: DecodeError.invalid) { try decode("0f 04", .bits32).get() }
    }

    @Test func shiftDoubleByCLKeepsItsSourceRegister() throws {
        let instruction = try decode("0f a5 d8", .bits32).get()
        #expect(instruction.reg == 3)
        #expect(instruction.rm == 0)
    }

    @Test func ripRelativeAndSegmentOverrides() throws {
        let relative = try decode("8b 05 10 00 00 00", .bits64).get()
        #expect(relative.base == DecodedInstruction.ripRelative)
        #expect(relative.displacement == 0x10)
        #expect(try decode("8b 05 10 00 00 00", .bits32).get().base == DecodedInstruction.noRegister)
        #expect(try decode("64 8b 00", .bits64).get().segmentOverride == UInt8(SegmentName.fs.rawValue))
        #expect(try decode("2e 8b 00", .bits64).get().segmentOverride == DecodedInstruction.noSegmentOverride)
        #expect(try decode("2e 8b 00", .bits32).get().segmentOverride == UInt8(SegmentName.cs.rawValue))
    }

    @Test func mandatoryPrefixesSelectFormsAndAreConsumed() throws {
        let pause = try decode("f3 90", .bits32).get()
        #expect(pause.handler == .pause)
        #expect(!pause.prefixes.contains(.repeatEqual))
        #expect(try decode("f3 0f bc c0", .bits32).get().handler == .tzcnt)
        #expect(try decode("f2 0f bc c0", .bits32).get().handler == .bsf)
        let string = try decode("f3 a5", .bits32).get()
        #expect(string.prefixes.contains(.repeatEqual))
    }
}
