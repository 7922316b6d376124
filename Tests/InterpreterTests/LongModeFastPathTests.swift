import Interpreter
import Machine
import Testing
import X86

/// The interpreter's fast paths in 64-bit code (direct loads and stores through the TLB, blocks
/// that run on through direct calls, links between blocks) keep the architecture's rules.
@Suite struct LongModeFastPathTests {
    @Test func storesReachCodeDecodedAfterThePageWasWritten() throws {
        // The routine's bytes are stored first (the TLB then allows direct stores to its page), then
        // it runs (its page now holds decoded code), then one of its bytes is patched: the patch
        // must reach the routine.
        let (exit, context) = try LongModeGuestRunner().run("""
            movl $0x000022B8, 0x12000      # mov $0x22, %eax
            movw $0xC300, 0x12004          # ret
            mov $0x12000, %rbx
            call *%rbx
            mov %eax, %r12d
            movb $0x33, 0x12001
            call *%rbx
            hlt
            """)
        #expect(exit == .halt)
        #expect(context[.r12] == 0x22)
        #expect(context[.rax] == 0x33)
    }

    @Test func blocksRunningOnThroughCallsSeePatchedCode() throws {
        let (exit, context) = try LongModeGuestRunner().run("""
                xor %r12d, %r12d
                mov $3, %ecx
            again:
                call routine
                add %eax, %r12d
                movb $5, routine+1(%rip)
                dec %ecx
                jnz again
                hlt
            routine:
                mov $1, %eax
                ret
            """)
        #expect(exit == .halt)
        #expect(context[.r12] == 11)
    }

    @Test func directAccessesFaultAsTheirInstructionsDo() throws {
        let runner = try LongModeGuestRunner()
        let absent = try runner.run("""
            mov $7, %eax
            mov %rax, \(LongModeGuestRunner.absentPage)
            hlt
            """)
        #expect(absent.context[.r15] == 14)
        #expect(absent.context.cr2 == LongModeGuestRunner.absentPage)
        let nonCanonical = try runner.run("""
            movabs $0x8000000000000000, %rbx
            add (%rbx), %eax
            hlt
            """)
        #expect(nonCanonical.context[.r15] == 13)
    }

    @Test func userCodeCannotReadWhatSupervisorCodeJustRead() throws {
        // The supervisor's read leaves a translation in the TLB; the user's read of the same page must
        // still fault, with the user bit in the error code.
        let runner = try LongModeGuestRunner()
        let (exit, context) = try runner.run("""
                mov \(LongModeGuestRunner.supervisorPage), %rax
                lea user(%rip), %rcx
                push $\(LongModeGuestRunner.userData)
                push $0x80000
                pushfq
                push $\(LongModeGuestRunner.userCode)
                push %rcx
                iretq
            user:
                mov \(LongModeGuestRunner.supervisorPage), %rbx
                mov $1, %r14d
            """)
        #expect(exit == .halt)
        #expect(context[.r15] == 14)
        #expect(context[.r14] == 0)
        #expect(context.cr2 == LongModeGuestRunner.supervisorPage)
        // On the kernel stack: the error code (present, read, user) below the five-word frame.
        #expect(context[.rsp] == LongModeGuestRunner.kernelStackTop - 48)
        #expect(runner.memory.read(at: LongModeGuestRunner.kernelStackTop - 48, count: 1) == [5])
    }

    @Test func segmentOverridesWithABaseAreNotFlat() throws {
        let runner = try LongModeGuestRunner()
        runner.memory.store(UInt64(0x5555), at: 0x2_0008)
        runner.memory.store(UInt64(0x6666), at: 0x8)
        let (exit, context) = try runner.run("""
            mov %fs:8, %rax
            mov %ds:8, %rbx
            hlt
            """) { context in
            context[.fs].base = 0x2_0000
        }
        #expect(exit == .halt)
        #expect(context[.rax] == 0x5555)
        #expect(context[.rbx] == 0x6666)
    }
}
