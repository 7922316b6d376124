import SeededRandom
import Testing
import X86

/// The decoder and disassembler never trap, whatever the bytes and mode.
@Suite struct DecoderRobustnessTests {
    static let prefixes: [UInt8] = [0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65, 0x66, 0x67, 0xF0, 0xF2, 0xF3, 0x0F, 0x48, 0x41]

    @Test(arguments: [DecodeMode.bits16, .bits32, .bits64])
    func randomBytesDecodeOrFailCleanly(_ mode: DecodeMode) {
        var noise = SeededGenerator(seed: 0x5EED)
        for _ in 0..<50_000 {
            let count = Int(noise.next() % 20)
            var bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: noise.next()) }
            // Half the strings start with prefixes and escapes, where the decoder branches most.
            if count > 0 && noise.next() & 1 == 0 {
                for index in 0..<Int(noise.next() % UInt64(count)) {
                    bytes[index] = Self.prefixes[Int(noise.next() % UInt64(Self.prefixes.count))]
                }
            }
            check(bytes, mode)
        }
    }

    func check(_ bytes: [UInt8], _ mode: DecodeMode) {
        let hex = bytes.map { String($0, radix: 16) }.joined(separator: " ")
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(DecodeError) in try Decoder.decode(buffer, mode: mode) }
        }
        guard case .success(let instruction) = result else { return }
        let length = Int(instruction.length)
        #expect((1...15).contains(length), "\(hex)")
        #expect(!Disassembler.text(of: instruction, mode: mode).isEmpty, "\(hex)")
        // The decoder reads nothing past the instruction, and any shorter piece of it is truncated.
        let exact = Array(bytes.prefix(length)).withUnsafeBytes { try? Decoder.decode($0, mode: mode) }
        #expect(exact?.length == instruction.length && exact?.handler == instruction.handler, "\(hex)")
        let short = Array(bytes.prefix(length - 1)).withUnsafeBytes { buffer in
            Result { () throws(DecodeError) in try Decoder.decode(buffer, mode: mode) }
        }
        if case .failure(.truncated) = short {} else { Issue.record("\(hex): a shorter piece is not truncated") }
    }
}
