import SeededRandom

/// Random byte strings shaped like x86 instructions: legacy prefixes, REX, the 0F, 0F38 and 0F3A
/// escapes, ModRM and SIB patterns that select memory forms, then displacement and immediate bytes.
enum InstructionBytes {
    static let legacyPrefixes: [UInt8] = [0x66, 0x67, 0xF0, 0xF2, 0xF3, 0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65]

    /// A string of `0...maximumLength` bytes: mostly instruction-shaped, sometimes plain noise.
    static func make(maximumLength: Int, using random: inout SeededGenerator) -> [UInt8] {
        let length = Int.random(in: 0...maximumLength, using: &random)
        if Int.random(in: 0..<5, using: &random) == 0 {
            return (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
        }
        var bytes = shaped(using: &random)
        while bytes.count < length { bytes.append(UInt8.random(in: 0...255, using: &random)) }
        return Array(bytes.prefix(length))
    }

    /// One instruction-shaped string, its length decided by its own structure.
    static func shaped(using random: inout SeededGenerator) -> [UInt8] {
        var bytes: [UInt8] = []
        let prefixCount = [0, 0, 0, 1, 1, 2, 3, 4, 14][Int.random(in: 0..<9, using: &random)]
        for _ in 0..<prefixCount { bytes.append(legacyPrefixes.randomElement(using: &random) ?? 0x66) }
        if Int.random(in: 0..<10, using: &random) < 3 { bytes.append(UInt8.random(in: 0x40...0x4F, using: &random)) }
        switch Int.random(in: 0..<100, using: &random) {
        case 0..<50: bytes.append(UInt8.random(in: 0...255, using: &random))
        case 50..<85: bytes += [0x0F, UInt8.random(in: 0...255, using: &random)]
        case 85..<93: bytes += [0x0F, 0x38, UInt8.random(in: 0...255, using: &random)]
        default: bytes += [0x0F, 0x3A, UInt8.random(in: 0...255, using: &random)]
        }
        let modrm = modRM(using: &random)
        bytes.append(modrm)
        if modrm >> 6 != 3 && modrm & 7 == 4 { bytes.append(UInt8.random(in: 0...255, using: &random)) }
        let tail = [0, 1, 1, 2, 4, 4, 5, 8][Int.random(in: 0..<8, using: &random)]
        for _ in 0..<tail { bytes.append(smallOrRandomByte(using: &random)) }
        return bytes
    }

    /// System instructions (far transfers, interrupts, returns, fast system calls, descriptor-table,
    /// control-register and MSR access), which random bytes reach rarely; selectors are the GDT's.
    static func system(using random: inout SeededGenerator) -> [UInt8] {
        let selector = DescriptorTableWriter.randomSelector(using: &random)
        let selectorBytes = [UInt8(truncatingIfNeeded: selector), UInt8(truncatingIfNeeded: selector >> 8)]
        let modrm = modRM(using: &random)
        let offset = (0..<4).map { _ in smallOrRandomByte(using: &random) }
        let forms: [[UInt8]] = [
            [0xEA] + offset.prefix(2) + selectorBytes,
            [0x66, 0xEA] + offset + selectorBytes,
            [0x9A] + offset.prefix(2) + selectorBytes,
            [0xCD, UInt8.random(in: 0...255, using: &random)], [0xCC], [0xCE], [0xF1],
            [0xCF], [0x66, 0xCF], [0x48, 0xCF], [0xCB], [0x48, 0xCB], [0xCA, 4, 0],
            [0x0F, 0x05], [0x0F, 0x07], [0x48, 0x0F, 0x07], [0x0F, 0x34], [0x0F, 0x35], [0x48, 0x0F, 0x35],
            [0x0F, 0x01, modrm & 0xC7 | UInt8.random(in: 0...7, using: &random) << 3],
            [0x0F, 0x00, modrm & 0xC7 | UInt8.random(in: 0...5, using: &random) << 3],
            [0x0F, 0x20, 0xC0 | modrm & 0x3F], [0x0F, 0x22, 0xC0 | modrm & 0x3F],
            [0x0F, 0x21, 0xC0 | modrm & 0x3F], [0x0F, 0x23, 0xC0 | modrm & 0x3F],
            [0x0F, 0x30], [0x0F, 0x32], [0x0F, 0x31], [0x0F, 0x01, 0xF9], [0x0F, 0xA2],
            [0x8E, modrm], [0x8C, modrm], [0x0F, 0xA1], [0x0F, 0xA9], [0x07], [0x17], [0x1F],
            [0xC5, modrm], [0xC4, modrm], [0x0F, 0xB2, modrm], [0x63, modrm], [0x0F, 0x02, modrm], [0x0F, 0x03, modrm],
            [0xFA], [0xFB], [0x9C], [0x9D], [0xF4], [0x0F, 0x06], [0x0F, 0x0B], [0x0F, 0xAE, modrm],
        ]
        return forms.randomElement(using: &random) ?? [0x90]
    }

    /// A ModRM byte biased toward the interesting encodings: registers, SIB, disp32/RIP-relative.
    private static func modRM(using random: inout SeededGenerator) -> UInt8 {
        let reg = UInt8.random(in: 0...7, using: &random) << 3
        switch Int.random(in: 0..<10, using: &random) {
        case 0..<3: return 0xC0 | reg | UInt8.random(in: 0...7, using: &random)
        case 3..<5: return UInt8.random(in: 0...2, using: &random) << 6 | reg | 4
        case 5: return reg | 5
        default: return UInt8.random(in: 0...255, using: &random)
        }
    }

    /// Displacements and immediates: often zero, small or all ones, else random.
    private static func smallOrRandomByte(using random: inout SeededGenerator) -> UInt8 {
        switch Int.random(in: 0..<4, using: &random) {
        case 0: 0
        case 1: UInt8.random(in: 0...15, using: &random)
        case 2: 0xFF
        default: UInt8.random(in: 0...255, using: &random)
        }
    }
}
