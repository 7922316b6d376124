@testable import Fuzzing
import Testing
import X86

/// The decoder invariants on hand-picked strings, and that a broken one would be reported.
@Suite struct DecoderInvariantTests {
    @Test(arguments: [
        [UInt8](),
        [0x90],
        [0x66, 0x67, 0xF0, 0x01, 0x04, 0x24],
        [0x48, 0xB8, 1, 2, 3, 4, 5, 6, 7, 8],
        [0x0F, 0x38, 0x00, 0xC1],
        [0x66, 0x0F, 0x3A, 0x0F, 0xC1, 0x08],
        [UInt8](repeating: 0x66, count: 14) + [0x90],
        [UInt8](repeating: 0x66, count: 20),
        [0x8B, 0x84],
        [0xC4, 0xE2, 0x79, 0x18, 0x00],
    ])
    func stringsKeepTheInvariants(_ bytes: [UInt8]) {
        #expect(DecoderInvariants.violation(in: bytes, trailing: [0x0F, 0xFF, 0x00]) == nil)
    }

    @Test func fifteenPrefixesAndAnOpcodeAreTooLong() {
        let bytes = [UInt8](repeating: 0x66, count: 15) + [0x90]
        for setting in DecoderInvariants.settings where setting.model == .modern {
            #expect(DecoderInvariants.decode(bytes, mode: setting.mode, model: setting.model) == .failure(.tooLong))
        }
    }

    @Test func aTruncatedStringAsksForMoreBytesThanItHas() {
        let result = DecoderInvariants.decode([0x81, 0xC0, 0x01], mode: .bits32, model: .modern)
        guard case .failure(.truncated(let needed)) = result else {
            Issue.record("expected a truncated decode, got \(result)")
            return
        }
        #expect(needed > 3)
    }

    @Test func aSuccessfulDecodeIsAsLongAsItsInstruction() throws {
        let instruction = try DecoderInvariants.decode([0x05, 1, 2, 3, 4, 0x90], mode: .bits32, model: .modern).get()
        #expect(instruction.length == 5)
    }

    @Test func theSameSeedMakesTheSameString() {
        #expect(DecoderFuzzer.input(seed: 7).bytes == DecoderFuzzer.input(seed: 7).bytes)
        #expect(DecoderFuzzer.input(seed: 7).bytes != DecoderFuzzer.input(seed: 8).bytes || DecoderFuzzer.input(seed: 7).bytes.isEmpty)
    }
}
