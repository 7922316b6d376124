import X86

/// Seeded random 15-byte strings biased toward the interesting starts of x86 instructions.
///
/// A quarter of the strings are uniform noise; the rest begin with a few legacy prefixes (now and
/// then a long run of them), a REX prefix in 64-bit mode, and an opcode that is often an escape to
/// the 0F map or a group opcode, followed by a ModRM byte that is often a register form.
struct InstructionByteGenerator {
    /// The bytes in each string: anything that needs more is too long.
    static let length = Decoder.maximumLength

    private static let legacyPrefixes: [UInt8] = [0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65, 0x66, 0x67, 0xF0, 0xF2, 0xF3]
    private static let groupOpcodes: [UInt8] = [
        0x80, 0x81, 0x82, 0x83, 0x8F, 0xC0, 0xC1, 0xC6, 0xC7, 0xD0, 0xD1, 0xD2, 0xD3, 0xF6, 0xF7, 0xFE, 0xFF,
    ]
    private static let twoByteGroupOpcodes: [UInt8] = [0x00, 0x01, 0x0D, 0x18, 0x1E, 0x1F, 0xAE, 0xBA, 0xC7]

    private var state: UInt64
    private let mode: DecodeMode

    init(seed: UInt64, mode: DecodeMode) {
        state = seed
        self.mode = mode
    }

    /// Appends `length` uniformly random bytes to `bytes`.
    mutating func appendNoise(to bytes: inout [UInt8]) {
        for _ in 0..<Self.length { bytes.append(UInt8(truncatingIfNeeded: next())) }
    }

    /// Appends the next string to `bytes`.
    mutating func append(to bytes: inout [UInt8]) {
        let start = bytes.count
        appendNoise(to: &bytes)
        guard below(4) != 0 else { return }
        var head: [UInt8] = []
        let prefixCount = below(50) == 0 ? 8 + below(8) : [0, 0, 0, 0, 1, 1, 2, 3][below(8)]
        for _ in 0..<prefixCount { head.append(pick(Self.legacyPrefixes)) }
        if mode == .bits64 && below(5) < 2 { head.append(0x40 | UInt8(below(16))) }
        switch below(10) {
        case 0..<4:
            head.append(0x0F)
            head.append(below(4) == 0 ? pick(Self.twoByteGroupOpcodes) : UInt8(below(256)))
        case 4..<6:
            head.append(pick(Self.groupOpcodes))
        default:
            head.append(UInt8(below(256)))
        }
        if below(3) == 0 { head.append(0xC0 | UInt8(below(64))) }
        for (offset, byte) in head.prefix(Self.length).enumerated() { bytes[start + offset] = byte }
    }

    private mutating func pick(_ choices: [UInt8]) -> UInt8 { choices[below(choices.count)] }

    private mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// SplitMix64.
    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
