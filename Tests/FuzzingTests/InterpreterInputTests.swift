@testable import Fuzzing
import Testing
import X86

/// Interpreter inputs: made from their seed alone, in every mode, with consistent control registers.
@Suite struct InterpreterInputTests {
    @Test func anInputIsMadeAgainFromItsSeed() throws {
        let fuzzer = try InterpreterFuzzer()
        let first = fuzzer.describe(seed: 99)
        _ = fuzzer.run(seed: 5)
        let again = fuzzer.describe(seed: 99)
        #expect(first.summary == again.summary)
        #expect(first.code == again.code)
    }

    @Test func inputsCoverEveryModeWithConsistentControlRegisters() throws {
        let fuzzer = try InterpreterFuzzer()
        var seen: Set<FuzzMode> = []
        for seed in UInt64(0)..<400 {
            let input = fuzzer.input(seed: seed)
            let context = input.context
            let mode = input.mode
            seen.insert(mode)
            #expect(mode.isProtected == (context.cr0 & CR0.protectionEnable != 0))
            if context.cr0 & CR0.paging != 0 { #expect(context.cr0 & CR0.protectionEnable != 0) }
            if context.cr0 & CR0.notWriteThrough != 0 { #expect(context.cr0 & CR0.cacheDisable != 0) }
            if context.efer & EFER.longModeActive != 0 {
                #expect(context.cr0 & CR0.paging != 0 && context.cr4 & CR4.physicalAddressExtension != 0)
            }
            if mode == .virtual8086 { #expect(context.cpl == 3 && context.rflags & RFlags.virtual8086 != 0) }
            if mode == .long64 { #expect(context.mode == .long64) }
        }
        #expect(seen == Set(FuzzMode.allCases))
    }

    @Test func aViolationNamesItsInputAndHowToRunItAgain() {
        let failure = FuzzFailure(
            index: 12, seed: 3, target: .interpreter,
            violation: FuzzViolation(reason: "ran too long", input: "mode long64", bytes: [0x0F, 0x0B]))
        #expect(failure.description.contains("input 12"))
        #expect(failure.description.contains("0F 0B"))
        #expect(failure.description.contains("--seed 3 --target interpreter --reproduce 12"))
    }
}
