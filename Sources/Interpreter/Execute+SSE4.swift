import X86

/// SSE4.1, SSE4.2 and PCLMULQDQ integer operations with no MMX counterpart: PHMINPOSUW, MPSADBW,
/// PCLMULQDQ, PTEST and CRC32.
extension InterpreterCore {
    /// PHMINPOSUW: the smallest unsigned word and the index of its first occurrence.
    static func minimumPosition(_ value: UInt128) -> UInt128 {
        let words = value.words
        var minimum = words[0]
        var position = 0
        for index in 1..<8 where words[index] < minimum {
            minimum = words[index]
            position = index
        }
        return UInt128(UInt64(minimum) | UInt64(position) << 16)
    }

    /// MPSADBW: eight sums of absolute differences between a sliding 4-byte window of a (from
    /// imm8 bit 2) and a fixed 4-byte block of b (from imm8 bits 1:0).
    static func multipleSumsOfAbsoluteDifferences(_ a: UInt128, _ b: UInt128, immediate: UInt8) -> UInt128 {
        let window = a.bytes
        let block = b.bytes
        let windowStart = Int(immediate >> 2 & 1) * 4
        let blockStart = Int(immediate & 3) * 4
        var sums = SIMD8<UInt16>(repeating: 0)
        for index in 0..<8 {
            var sum: UInt16 = 0
            for offset in 0..<4 {
                let x = window[windowStart + index + offset]
                let y = block[blockStart + offset]
                sum &+= UInt16(x > y ? x &- y : y &- x)
            }
            sums[index] = sum
        }
        return UInt128(lanes: sums)
    }

    /// PCLMULQDQ: the carry-less product of the quadwords imm8 bits 0 and 4 pick from a and b.
    static func carrylessMultiply(_ a: UInt128, _ b: UInt128, immediate: UInt8) -> UInt128 {
        let x = UInt128(immediate & 1 == 0 ? a.low : a.high)
        let y = immediate & 0x10 == 0 ? b.low : b.high
        var product: UInt128 = 0
        for bit in 0..<64 where y >> bit & 1 != 0 {
            product ^= x << bit
        }
        return product
    }

    /// PTEST: ZF when a AND b is zero, CF when (NOT a) AND b is zero; the other flags clear.
    mutating func executePTest(_ instruction: DecodedInstruction) throws(Interruption) {
        try requireSSE()
        let a = xmmRegister(instruction.reg)
        let b = try xmmSource(instruction, size: 16, aligned: true)
        flags.materialize((a & b == 0 ? RFlags.zero : 0) | (~a & b == 0 ? RFlags.carry : 0))
    }

    /// CRC32: accumulates CRC-32C (polynomial 0x1EDC6F41, bit-reflected) over the source bytes.
    mutating func executeCRC32(_ instruction: DecodedInstruction) throws(Interruption) {
        let sourceSize = instruction.extra == 1 ? 1 : Int(instruction.operandSize)
        let source = try rmOperand(instruction, size: sourceSize)
        var crc = UInt32(truncatingIfNeeded: register(instruction.reg, size: 4, highByte: false))
        for index in 0..<sourceSize {
            crc ^= UInt32(truncatingIfNeeded: source >> (index * 8)) & 0xFF
            for _ in 0..<8 {
                crc = crc & 1 != 0 ? crc >> 1 ^ 0x82F6_3B78 : crc >> 1
            }
        }
        setRegister(instruction.reg, size: instruction.rex & 8 != 0 ? 8 : 4, highByte: false, UInt64(crc))
    }
}
