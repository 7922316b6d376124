import SeededRandom

/// Reproducible random x87 states and memory operands for the oracle tests: values from every
/// class the FPU distinguishes (zeros, denormals, pseudo-denormals, unnormals, infinities, QNaNs,
/// SNaNs, pseudo-NaNs, values near the overflow and underflow thresholds of each format).
struct X87RandomState {
    private var seed: UInt64

    init(seed: UInt64) { self.seed = seed }

    /// SeededGenerator.
    mutating func next() -> UInt64 {
        seed &+= 0x9E37_79B9_7F4A_7C15
        var z = seed
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: UInt64) -> UInt64 { next() % bound }

    /// An 80-bit value as (significand, sign and exponent).
    mutating func extended() -> (UInt64, UInt16) {
        let sign: UInt16 = next() & 1 == 0 ? 0 : 0x8000
        let random = next()
        let integer: UInt64 = 1 << 63
        switch below(18) {
        case 0: return (0, sign)
        case 1: return (random >> 1 | 1, sign)
        case 2: return (random | integer, sign)
        case 3: return (integer, sign | 0x7FFF)
        case 4: return (random | 3 << 62, sign | 0x7FFF)
        case 5: return (random & ~(1 << 62) | integer | 1, sign | 0x7FFF)
        case 6: return (0xC000_0000_0000_0000, 0xFFFF)
        case 7: return (random >> 1, sign | UInt16(1 + below(0x7FFE)))
        case 8: return (random >> 1, sign | 0x7FFF)
        case 9: return (random | integer, sign | UInt16(1 + below(70)))
        case 10: return (random | integer, sign | UInt16(0x7FFE - below(70)))
        case 11:
            let magnitude = below(2000)
            guard magnitude != 0 else { return (0, sign) }
            let shift = UInt64(magnitude.leadingZeroBitCount)
            return (magnitude << shift, sign | UInt16(0x3FFF + 63 - shift))
        case 12:
            // Near the single and double thresholds, where stores overflow, underflow or denormalize.
            let centre: [UInt64] = [0x3FFF + 127, 0x3FFF - 126, 0x3FFF - 149, 0x3FFF + 1023, 0x3FFF - 1022, 0x3FFF - 1074]
            let exponent = centre[Int(below(6))] &+ below(5) &- 2
            return (random | integer, sign | UInt16(exponent))
        case 13:
            // Large arguments for the trigonometric functions and FPREM.
            return (random | integer, sign | UInt16(0x3FFF + 20 + below(60)))
        default:
            return (random | integer, sign | UInt16(0x3FFF - 40 + below(80)))
        }
    }

    mutating func single() -> UInt32 {
        let sign: UInt32 = next() & 1 == 0 ? 0 : 1 << 31
        let random = UInt32(truncatingIfNeeded: next())
        switch below(8) {
        case 0: return sign
        case 1: return sign | random & 0x7F_FFFF | 1
        case 2: return sign | 0x7F80_0000
        case 3: return sign | 0x7FC0_0000 | random & 0x3F_FFFF
        case 4: return sign | 0x7F80_0000 | random & 0x3F_FFFF | 1
        default: return sign | (random & 0x7FFF_FFFF)
        }
    }

    mutating func double() -> UInt64 {
        let sign: UInt64 = next() & 1 == 0 ? 0 : 1 << 63
        let random = next()
        switch below(8) {
        case 0: return sign
        case 1: return sign | random & 0xF_FFFF_FFFF_FFFF | 1
        case 2: return sign | 0x7FF0_0000_0000_0000
        case 3: return sign | 0x7FF8_0000_0000_0000 | random & 0x7_FFFF_FFFF_FFFF
        case 4: return sign | 0x7FF0_0000_0000_0000 | random & 0x7_FFFF_FFFF_FFFF | 1
        default: return sign | (random & 0x7FFF_FFFF_FFFF_FFFF)
        }
    }

    mutating func integer(bytes: Int) -> UInt64 {
        let bits = UInt64(bytes * 8)
        let mask: UInt64 = bits == 64 ? .max : (1 << bits) - 1
        switch below(4) {
        case 0: return (next() % 2000 &- 1000) & mask
        case 1: return 1 << (bits - 1)
        default: return next() & mask
        }
    }

    /// Packed BCD: 18 digits and a sign byte, sometimes with invalid digits.
    mutating func bcd() -> [UInt8] {
        var bytes = (0..<9).map { _ in UInt8(below(10) << 4 | below(10)) }
        if below(8) == 0 { bytes[Int(below(9))] = UInt8(truncatingIfNeeded: next()) }
        bytes.append(next() & 1 == 0 ? 0 : 0x80)
        return bytes
    }

    /// A control word: precision (including the reserved 01), rounding, usually every exception masked.
    mutating func controlWord() -> UInt16 {
        let masks: UInt16 = below(4) == 0 ? UInt16(below(64)) : 0x3F
        return UInt16(below(4)) << 8 | UInt16(below(4)) << 10 | masks | 0x40
    }
}

/// One x87 state as the FSAVE image (108 bytes, 32-bit protected-mode layout) of the oracle stubs.
struct X87StateImage {
    var bytes: [UInt8]

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// A random state with no unmasked exception pending, so that no waiting form faults.
    init(_ random: inout X87RandomState) {
        bytes = [UInt8](repeating: 0, count: 108)
        let control = random.controlWord()
        let flags = UInt16(random.below(128)) & (control & 0x3F | 0x40)
        let status = flags | UInt16(random.below(8)) << 8 | UInt16(random.below(8)) << 11 | UInt16(random.below(2)) << 14
        var tags: UInt16 = 0
        for register in 0..<8 where random.below(4) == 0 { tags |= 3 << UInt16(register * 2) }
        put(UInt64(control) | 0xFFFF_0000, at: 0, size: 4)
        put(UInt64(status) | 0xFFFF_0000, at: 4, size: 4)
        put(UInt64(tags) | 0xFFFF_0000, at: 8, size: 4)
        for index in 0..<8 {
            let (significand, signAndExponent) = random.extended()
            put(significand, at: 28 + index * 10, size: 8)
            put(UInt64(signAndExponent), at: 36 + index * 10, size: 2)
        }
    }

    mutating func put(_ value: UInt64, at offset: Int, size: Int) {
        for index in 0..<size { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> UInt64(index * 8)) }
    }
}
