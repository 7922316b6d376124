import Interpreter
import Machine
import Testing
import X86

/// An instruction pointer above what 16-bit code's IP holds faults instead of reaching the fetch.
@Suite struct InstructionPointerBoundTests {
    @Test func farJumpAboveFFFFInUnrealCodeRaisesGeneralProtection() throws {
        let memory = GuestMemory()
        try memory.addRAM(name: "ram", at: 0, size: 1 << 20)
        // JMP FAR 0000:00012345 with a 32-bit offset; #GP (vector 13) goes to a HLT at 0000:7E00.
        #expect(memory.write([0x66, 0xEA, 0x45, 0x23, 0x01, 0x00, 0x00, 0x00], at: 0x7C00))
        #expect(memory.write([0xF4], at: 0x7E00))
        #expect(memory.store(UInt32(0x7E00), at: 13 * 4))
        var context = VCPUContext.realMode(codeSegment: 0, instructionPointer: 0x7C00, stackPointer: 0x7000)
        context[.cs].limit = 0xFFFF_FFFF
        let vcpu = InterpreterVirtualCPU(memory: memory, context: context, model: .modern)
        #expect(vcpu.run(instructionLimit: 10) == .halt)
        #expect(vcpu.context.rip == 0x7E01)
    }
}
