import X86

/// Every opcode of the one-byte and 0F maps with every ModRM byte, plain and after each of the
/// prefixes that select forms (66, F3, F2, F0), followed by seeded random bytes.
struct OpcodeSweep {
    static let prefixes: [[UInt8]] = [[], [0x66], [0xF3], [0xF2], [0xF0]]
    static let escapes: [[UInt8]] = [[], [0x0F]]
    /// How many strings a sweep holds.
    static let count = prefixes.count * escapes.count * 256 * 256

    /// Appends every string to `bytes`, the random tails drawn from `seed`.
    static func append(to bytes: inout [UInt8], seed: UInt64, mode: DecodeMode) {
        var noise = InstructionByteGenerator(seed: seed, mode: mode)
        var tail: [UInt8] = []
        for prefix in prefixes {
            for escape in escapes {
                for opcode in 0...255 {
                    for modrm in 0...255 {
                        tail.removeAll(keepingCapacity: true)
                        noise.appendNoise(to: &tail)
                        let head = prefix + escape + [UInt8(opcode), UInt8(modrm)]
                        bytes += head + tail.prefix(InstructionByteGenerator.length - head.count)
                    }
                }
            }
        }
    }
}
