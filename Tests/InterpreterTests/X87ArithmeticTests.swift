import Interpreter
import Machine
import Testing
import TestSupport
import X86

/// Readable cases of what the oracle tests check at random: precision and rounding control,
/// integer stores, and the condition codes of a comparison.
@Suite struct X87ArithmeticTests {
    /// Runs 32-bit Intel-syntax `source` with the control word `control` loaded first.
    func run(control: UInt16, _ source: String) throws -> (fpu: FloatingPointState, operand: [UInt8]) {
        let runner = try X87GuestRunner()
        let prologue = "fninit\npush \(control)\nfldcw [esp]\n"
        let entry = runner.place(try GuestAssembler.flatBinary(source: ".code32\n.intel_syntax noprefix\n" + prologue + source + "\nhlt\n", origin: 0))
        let (exit, context) = runner.run(X87GuestRunner.flatContext(entry: entry))
        #expect(exit == .halt)
        return (context.fpu, runner.memory.read(at: X87GuestRunner.operandAddress, count: 16) ?? [])
    }

    static let third = "fld1\npush 3\nfidiv dword ptr [esp]\n"

    @Test(arguments: [
        // Single precision (PC 00): a 24-bit significand, rounded to nearest, down or up.
        (UInt16(0x007F), UInt64(0xAAAA_AB00_0000_0000), true), (0x047F, 0xAAAA_AA00_0000_0000, false),
        (0x087F, 0xAAAA_AB00_0000_0000, true),
        // Double precision (PC 10): 53 bits, to nearest, chopped or up.
        (0x027F, 0xAAAA_AAAA_AAAA_A800, false), (0x0E7F, 0xAAAA_AAAA_AAAA_A800, false), (0x0A7F, 0xAAAA_AAAA_AAAA_B000, true),
        // Extended precision (PC 11): 64 bits.
        (0x037F, 0xAAAA_AAAA_AAAA_AAAB, true), (0x077F, 0xAAAA_AAAA_AAAA_AAAA, false),
    ] as [(UInt16, UInt64, Bool)])
    func oneThirdFollowsPrecisionAndRoundingControl(control: UInt16, significand: UInt64, roundedUp: Bool) throws {
        let (fpu, _) = try run(control: control, Self.third)
        #expect(fpu.registers[7] == X87Register(significand: significand, signAndExponent: 0x3FFD))
        // Inexact, and C1 tells whether the result was rounded up.
        #expect(fpu.statusWord & 0x20 != 0)
        #expect((fpu.statusWord & 0x200 != 0) == roundedUp)
    }

    @Test(arguments: [(UInt16(0x037F), Int32(-2)), (0x077F, -3), (0x0B7F, -2), (0x0F7F, -2)] as [(UInt16, Int32)])
    func integerStoresRoundAsTheControlWordSays(control: UInt16, expected: Int32) throws {
        let (_, operand) = try run(control: control, "push -5\nfild dword ptr [esp]\npush 2\nfidiv dword ptr [esp]\nfistp dword ptr [esi]")
        let stored = Int32(bitPattern: UInt32(operand[0]) | UInt32(operand[1]) << 8 | UInt32(operand[2]) << 16 | UInt32(operand[3]) << 24)
        #expect(stored == expected)
    }

    @Test func truncatingStoreIgnoresTheRoundingControl() throws {
        let (fpu, operand) = try run(control: 0x087F, "fldpi\nfchs\nfisttp word ptr [esi]")
        #expect(operand[0] == 0xFD && operand[1] == 0xFF)
        #expect(fpu.abridgedTagWord == 0)
    }

    @Test func comparisonsSetTheConditionCodes() throws {
        let (less, _) = try run(control: 0x037F, "fld1\nfldz\nfcom st(1)")
        #expect(less.statusWord & 0x4500 == 0x0100)
        let (equal, _) = try run(control: 0x037F, "fld1\nfld1\nfcompp")
        #expect(equal.statusWord & 0x4500 == 0x4000)
        #expect(equal.abridgedTagWord == 0)
        let (unordered, _) = try run(control: 0x037F, "fld1\nfldz\nfdiv st, st(0)\nfucom st(1)")
        #expect(unordered.statusWord & 0x4500 == 0x4500)
        #expect(unordered.statusWord & 0x01 != 0)
    }
}
