import Machine
import Testing
import TestSupport
import X86

// skipped: /dev/kvm cannot be opened
@Suite(.enabled(if: KVMAvailability.canOpen, "skipped: /dev/kvm cannot be opened"))
struct KVMContextTests {
    /// A real-mode context with a distinct value in every register a HLT leaves alone.
    private static func distinctiveContext() -> VCPUContext {
        var context = VCPUContext.realMode(codeSegment: 0x100, instructionPointer: 0, stackPointer: 0xF000)
        for register in GeneralRegister.allCases where register != .rsp {
            context[register] = 0x0101_0101_0101_0101 &* UInt64(register.rawValue + 1)
        }
        context.rflags = RFlags.reserved1 | RFlags.carry | RFlags.zero | RFlags.direction
        context[.es] = .realMode(selector: 0x2345)
        context[.fs] = .realMode(selector: 0x3456)
        context.gdtr = DescriptorTableRegister(base: 0x12_3000, limit: 0x27)
        context.idtr = DescriptorTableRegister(base: 0, limit: 0x3FF)
        context.cr2 = 0xDEAD_B000
        context.dr[0] = 0x1111
        context.dr[3] = 0x4444
        context.msr.sysenterCS = 0x10
        context.msr.sysenterESP = 0xFFFF_8000_0000_1000
        context.msr.sysenterEIP = 0xFFFF_8000_0000_2000
        context.msr.star = 0x0023_0010_0000_0000
        context.msr.lstar = 0xFFFF_8000_0000_3000
        context.msr.cstar = 0xFFFF_8000_0000_4000
        context.msr.sfmask = 0x4_7700
        context.msr.kernelGSBase = 0xFFFF_8000_0000_5000
        context.msr.tscAux = 7
        context.msr.pat = 0x0007_0406_0007_0401
        context.msr.timeStampCounter = 1 << 40
        context.fpu.controlWord = 0x027F
        context.fpu.mxcsr = 0x1F80 | 0x6000
        context.fpu.xmm[3] = UInt128(0x0123_4567_89AB_CDEF) << 64 | UInt128(0xFEDC_BA98_7654_3210)
        context.fpu.xmm[15] = 42
        context.fpu.registers[2] = X87Register(significand: 0x8000_0000_0000_0000, signAndExponent: 0x3FFF)
        context.fpu.abridgedTagWord = 0x04
        return context
    }

    @Test func contextSurvivesARunToHLT() throws {
        let guest = try KVMTestMachine.realMode(code: [0xF4])  // hlt
        let original = Self.distinctiveContext()
        guest.vcpu.context = original

        #expect(guest.run() == .halted)
        let after = guest.vcpu.context
        for register in GeneralRegister.allCases {
            #expect(after[register] == original[register], "\(register.name)")
        }
        #expect(after.rip == original.rip + 1)
        #expect(after.rflags == original.rflags)
        for name in SegmentName.allCases {
            #expect(after[name] == original[name], "\(name.name)")
        }
        #expect(after.gdtr == original.gdtr)
        #expect(after.idtr == original.idtr)
        #expect(after.cr0 == original.cr0)
        #expect(after.cr2 == original.cr2)
        #expect(after.efer == original.efer)
        #expect(after.dr[0] == 0x1111)
        #expect(after.dr[3] == 0x4444)
        var expectedMSRs = original.msr
        expectedMSRs.timeStampCounter = after.msr.timeStampCounter
        #expect(after.msr == expectedMSRs)
        #expect(after.msr.timeStampCounter >= original.msr.timeStampCounter)
        // MXCSR_MASK describes the host processor; the guest cannot set it.
        var expectedFPU = original.fpu
        expectedFPU.mxcsrMask = after.fpu.mxcsrMask
        #expect(after.fpu == expectedFPU)
        #expect(after.events.halted)
    }

    @Test func aHaltedVCPUStaysHaltedUntilItsContextSaysOtherwise() throws {
        let guest = try KVMTestMachine.realMode(code: [
            0xF4,  // hlt
            0xE6, 0x80,  // out 0x80, al
            0xF4,  // hlt
        ])
        #expect(guest.vcpu.run() == .halt)
        #expect(guest.vcpu.run() == .halt)
        #expect(guest.vcpu.context.rip == 1)

        var context = guest.vcpu.context
        context.events.halted = false
        context[.rax] = 0x99
        guest.vcpu.context = context
        #expect(guest.vcpu.run() == .portWrite(port: 0x80, size: 1, value: 0x99))
    }

    @Test func settingTheContextRedirectsExecution() throws {
        let guest = try KVMTestMachine.realMode(code: [
            0xE6, 0x10,  // out 0x10, al
            0xF4,  // hlt
            0xE6, 0x20,  // out 0x20, al
            0xF4,  // hlt
        ])
        var context = guest.vcpu.context
        context.rip = 3
        context[.rax] = 0x5A
        guest.vcpu.context = context
        #expect(guest.vcpu.run() == .portWrite(port: 0x20, size: 1, value: 0x5A))
        #expect(guest.vcpu.run() == .halt)
    }

    @Test func aYieldRequestedBeforeRunIsAnsweredAtOnce() throws {
        let guest = try KVMTestMachine.realMode(code: [0xF4])  // hlt
        guest.vcpu.requestYield()
        #expect(guest.vcpu.run() == .yield)
        #expect(guest.vcpu.run() == .halt)
        #expect(guest.vcpu.instructionsExecuted == nil)
    }

    @Test func anInterruptSetInTheContextWakesAHaltedVCPUAndRunsItsHandler() throws {
        // The handler for vector 0x20 sits at 0000:1100; the real-mode IVT entry 0x20 points at it.
        let guest = try KVMTestMachine.realMode(code: [0xF4]) { memory in  // hlt
            memory.write([
                0xE6, 0x30,  // out 0x30, al
                0xF4,  // hlt
            ], at: 0x1100)
        }
        guest.memory.store(UInt32(0x0000_1100), at: 0x20 * 4)
        #expect(guest.vcpu.run() == .halt)

        var context = guest.vcpu.context
        #expect(context.events.halted)
        context.rflags |= RFlags.interruptEnable
        context[.rax] = 0x20
        context.events.externalInterrupt = 0x20
        guest.vcpu.context = context
        #expect(guest.vcpu.run() == .portWrite(port: 0x30, size: 1, value: 0x20))
        let inHandler = guest.vcpu.context
        #expect(inHandler[.cs].selector == 0)
        #expect(inHandler.rip == 0x1102)
        #expect(inHandler.events.externalInterrupt == nil)
        #expect(!inHandler.events.halted)
    }
}
