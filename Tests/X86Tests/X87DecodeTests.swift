import Testing
import X86

/// The x87 rows D8–DF of the one-byte map: forms, lengths and memory operand widths.
@Suite struct X87DecodeTests {
    func decode(_ bytes: [UInt8], _ mode: DecodeMode = .bits32) throws(DecodeError) -> DecodedInstruction {
        let result = bytes.withUnsafeBytes { buffer in Result { () throws(DecodeError) in try Decoder.decode(buffer, mode: mode) } }
        return try result.get()
    }

    func operation(_ bytes: [UInt8]) throws -> X87Operation? {
        let instruction = try decode(bytes)
        #expect(instruction.handler == .x87)
        return X87Operation(rawValue: instruction.extra)
    }

    @Test(arguments: [
        ([0xD8, 0x06], 4), ([0xDC, 0x06], 8), ([0xDA, 0x06], 4), ([0xDE, 0x06], 2),
        ([0xD9, 0x06], 4), ([0xDD, 0x06], 8), ([0xDB, 0x2E], 10), ([0xDF, 0x26], 10), ([0xDF, 0x2E], 8),
        ([0xD9, 0x2E], 2), ([0xD9, 0x26], 28), ([0x66, 0xD9, 0x26], 14), ([0xDD, 0x36], 108), ([0x66, 0xDD, 0x36], 94),
    ] as [([UInt8], Int)])
    func memoryFormsCarryTheirOperandWidth(bytes: [UInt8], width: Int) throws {
        let instruction = try decode(bytes)
        #expect(instruction.hasMemoryOperand)
        #expect(Int(instruction.operandSize) == width)
        #expect(Int(instruction.length) == bytes.count)
    }

    @Test func registerFormsConsumeTheirModRMByte() throws {
        for bytes: [UInt8] in [[0xD9, 0xE8], [0xDE, 0xD9], [0xDA, 0xE9], [0xDF, 0xE0], [0xDB, 0xE3], [0xD9, 0xC9], [0xDD, 0xDB]] {
            let instruction = try decode(bytes)
            #expect(instruction.length == 2)
            #expect(instruction.modrmMod == 3)
        }
        // A group form that names no operand still has its ModRM byte (SWAPGS is 0F 01 F8, LFENCE 0F AE E8).
        #expect(try decode([0x0F, 0x01, 0xF8], .bits64).length == 3)
        #expect(try decode([0x0F, 0xAE, 0xE8]).length == 3)
    }

    @Test func formsMapToTheirStackBehaviour() throws {
        #expect(try operation([0xD8, 0xC1]) == .arithmeticToST0)
        #expect(try operation([0xDC, 0xE9]) == .arithmeticToSTi)
        #expect(try operation([0xDE, 0xF9]) == .arithmeticToSTiPop)
        #expect(try operation([0xD8, 0xD9]) == .comparePop)
        #expect(try operation([0xDE, 0xD9]) == .comparePopTwice)
        #expect(try operation([0xDF, 0xF1]) == .compareFlagsPop)
        #expect(try operation([0xD9, 0xEB]) == .loadConstant)
        #expect(try operation([0xD9, 0xF2]) == .trigonometricPush)
        #expect(try operation([0xD9, 0xF8]) == .partialRemainder)
        #expect(try operation([0xDA, 0xD9]) == .moveIfUnordered)
        #expect(try operation([0xDB, 0xC9]) == .moveIfNotEqual)
        #expect(try operation([0xDD, 0x3E]) == .storeStatusWord)
        #expect(try operation([0xDF, 0xE0]) == .storeStatusWordAX)
        #expect(try operation([0xDB, 0xE0]) == .ignored)
    }

    @Test func reservedEncodingsAreInvalid() {
        for bytes: [UInt8] in [[0xD9, 0x0E], [0xD9, 0xD1], [0xD9, 0xD8], [0xD9, 0xE2], [0xD9, 0xEF], [0xDA, 0xE8],
                               [0xDB, 0x26], [0xDB, 0xE5], [0xDC, 0xD0], [0xDD, 0x2E], [0xDD, 0xC8], [0xDE, 0xD0], [0xDF, 0xC8]] {
            #expect(throws: DecodeError.invalid) { try decode(bytes) }
        }
    }

    @Test func lockIsInvalidOnEveryEscape() {
        #expect(throws: DecodeError.invalid) { try decode([0xF0, 0xD8, 0x06]) }
    }
}
