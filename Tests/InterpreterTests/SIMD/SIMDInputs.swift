import SeededRandom
import X86

/// Random operand values that reach the interesting corners: special floats (zeros, infinities,
/// QNaNs, SNaNs, denormals, extremes, halves for rounding, integers' limits) and integer extremes.
enum SIMDInputs {
    /// A single-precision value.
    static func single(_ random: inout SeededGenerator) -> UInt32 {
        let sign = UInt32(random.next() & 1) << 31
        let fraction = UInt32(truncatingIfNeeded: random.next()) & 0x7F_FFFF
        func number(_ exponent: Int) -> UInt32 { sign | UInt32(exponent + 127) << 23 | fraction }
        switch random.next() % 16 {
        case 0: return sign
        case 1: return sign | 0x7F80_0000
        case 2: return sign | 0x7FC0_0000 | fraction >> 1
        case 3: return sign | 0x7F80_0000 | (fraction >> 1 | 1)
        case 4: return sign | (fraction | 1) >> UInt32(random.next() % 20)
        case 5: return sign | [0x0080_0000, 0x7F7F_FFFF, 0x0080_0001, 0x7F7F_FFFE, 0x3F80_0000, 0x4F00_0000, 0x5F00_0000][Int(random.next() % 7)]
        case 6: return sign | [0x3F00_0000, 0x3FC0_0000, 0x4020_0000, 0x3F80_0000, 0x4000_0000, 0x3EFF_FFFF, 0x4B00_0001][Int(random.next() % 7)]
        case 7: return number(120 + Int(random.next() % 8))
        case 8: return number(-126 + Int(random.next() % 6))
        case 9: return UInt32(truncatingIfNeeded: random.next())
        case 10: return number(20 + Int(random.next() % 45))
        default: return number(Int(random.next() % 17) - 8)
        }
    }

    /// A double-precision value.
    static func double(_ random: inout SeededGenerator) -> UInt64 {
        let sign = (random.next() & 1) << 63
        let fraction = random.next() & 0xF_FFFF_FFFF_FFFF
        func number(_ exponent: Int) -> UInt64 { sign | UInt64(exponent + 1023) << 52 | fraction }
        switch random.next() % 16 {
        case 0: return sign
        case 1: return sign | 0x7FF0_0000_0000_0000
        case 2: return sign | 0x7FF8_0000_0000_0000 | fraction >> 1
        case 3: return sign | 0x7FF0_0000_0000_0000 | (fraction >> 1 | 1)
        case 4: return sign | (fraction | 1) >> (random.next() % 40)
        case 5:
            let extremes: [UInt64] = [0x0010_0000_0000_0000, 0x7FEF_FFFF_FFFF_FFFF, 0x41E0_0000_0000_0000, 0x43E0_0000_0000_0000, 0x3FF0_0000_0000_0000, 0x41DF_FFFF_FFFF_FFFF, 0x41E0_0000_0020_0000]
            return sign | extremes[Int(random.next() % UInt64(extremes.count))]
        case 6:
            let halves: [UInt64] = [0x3FE0_0000_0000_0000, 0x3FF8_0000_0000_0000, 0x4004_0000_0000_0000, 0x4000_0000_0000_0000, 0x3FDF_FFFF_FFFF_FFFF, 0x4330_0000_0000_0001]
            return sign | halves[Int(random.next() % UInt64(halves.count))]
        case 7: return number(1016 + Int(random.next() % 8))
        case 8: return number(-1022 + Int(random.next() % 6))
        case 9: return random.next()
        case 10: return number(20 + Int(random.next() % 45))
        case 11:
            // Values a single-precision conversion overflows, underflows or rounds.
            return number(Int(random.next() % 40) - 150 + (random.next() & 1 == 0 ? 0 : 270))
        default: return number(Int(random.next() % 17) - 8)
        }
    }

    /// 32 random bits, often an extreme of some element width.
    static func integer(_ random: inout SeededGenerator) -> UInt32 {
        switch random.next() % 10 {
        case 0: return 0
        case 1: return 0xFFFF_FFFF
        case 2: return [0x8000_0000, 0x7FFF_FFFF, 0x8000_8000, 0x7FFF_7FFF, 0x8080_8080, 0x7F7F_7F7F, 0x0001_0001][Int(random.next() % 7)]
        case 3: return UInt32(truncatingIfNeeded: random.next()) & 0x00FF_00FF
        default: return UInt32(truncatingIfNeeded: random.next())
        }
    }

    /// 128 bits of `kind` values.
    static func vector(_ kind: SIMDForm.Values, _ random: inout SeededGenerator) -> UInt128 {
        var value: UInt128 = 0
        switch kind {
        case .integers: for index in 0..<4 { value |= UInt128(integer(&random)) << (index * 32) }
        case .singles: for index in 0..<4 { value |= UInt128(single(&random)) << (index * 32) }
        case .doubles: for index in 0..<2 { value |= UInt128(double(&random)) << (index * 64) }
        case .strings:
            let alphabet: [UInt8] = [0, 0x61, 0x62, 0x63, 0x64, 0x80, 0xFF, 0x7F]
            for index in 0..<16 { value |= UInt128(alphabet[Int(random.next() % (index % 5 == 4 ? 8 : 7) + (index % 5 == 4 ? 0 : 1))]) << (index * 8) }
        }
        return value
    }

    /// A starting state for `form`, its snippet at `offset`.
    static func state(for form: SIMDForm, offset: UInt64, _ random: inout SeededGenerator) -> SIMDMachineState {
        var state = SIMDMachineState()
        state.offset = offset
        for index in 0..<16 { state.gpr[index] = random.next() }
        // Small explicit string lengths now and then; sign-extension corner cases otherwise.
        for index in [0, 2] where random.next() & 1 == 0 {
            state.gpr[index] = UInt64(bitPattern: Int64(random.next() % 41) - 20)
        }
        state.gpr[4] = 0
        state.gpr[6] = HostSIMDOracle.dataAddress + 16 * (random.next() % 8) + (form.misaligned ? random.next() % 16 : 0)
        state.gpr[7] = HostSIMDOracle.dataAddress + 16 * (random.next() % 8) + random.next() % 16
        state.rflags = 0x202 | random.next() & 0x8D5
        state.setWord16(0, 0x037F)
        if form.mmx {
            state.setWord16(2, UInt16(truncatingIfNeeded: random.next()) & 0x7F00)
            state.fxsave[4] = UInt8(truncatingIfNeeded: random.next())
        }
        if form.x87ExceptionPending {
            state.setWord16(0, 0x037E)
            // ES and B (which mirrors ES), for the invalid-operation exception.
            state.setWord16(2, state.word16(2) | 0x8081)
        }
        let rounding = UInt32(random.next() % 4) << 13
        let controls = UInt32(truncatingIfNeeded: random.next()) & (1 << 6 | 1 << 15)
        let masks = form.unmasked ? UInt32(truncatingIfNeeded: random.next()) & 0x3F : 0x3F
        let flags = UInt32(truncatingIfNeeded: random.next()) & 0x3F & (random.next() & 1 == 0 ? 0 : 0x3F)
        state.mxcsr = rounding | controls | masks << 7 | flags
        for index in 0..<8 {
            let register = X87Register(significand: random.next(), signAndExponent: UInt16(truncatingIfNeeded: random.next()))
            state.setWord64(32 + index * 16, register.significand)
            state.setWord16(32 + index * 16 + 8, register.signAndExponent)
        }
        for index in 0..<16 { state.setXMM(index, vector(form.values, &random)) }
        for chunk in 0..<(SIMDMachineState.memorySize / 16) {
            let value = vector(form.values, &random)
            for index in 0..<16 { state.memory[chunk * 16 + index] = UInt8(truncatingIfNeeded: value >> (index * 8)) }
        }
        return state
    }
}
