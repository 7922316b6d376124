import Interpreter
import Machine
import Testing
import TestSupport
import X86

/// #NM from CR0.EM and CR0.TS, FWAIT's TS-and-MP rule, and unmasked exceptions reported as #MF
/// by the next waiting instruction (or left pending when CR0.NE is clear).
@Suite struct X87ExceptionTests {
    static let deviceNotAvailable: UInt64 = 0xE07
    static let floatingPointError: UInt64 = 0xE10
    static let finished: UInt64 = 0x600D

    /// Runs 32-bit Intel-syntax `source` (which ends by halting with EAX = `finished`) under `cr0`.
    func run(_ source: String, cr0: UInt64 = CR0.protectionEnable | CR0.extensionType | CR0.numericError)
        throws -> (context: VCPUContext, runner: X87GuestRunner, entry: UInt64) {
        let runner = try X87GuestRunner()
        let code = try GuestAssembler.flatBinary(source: ".code32\n.intel_syntax noprefix\n" + source, origin: X87GuestRunner.codeBase)
        let entry = runner.place(code)
        var context = X87GuestRunner.flatContext(entry: entry)
        context.cr0 = cr0
        let (exit, after) = runner.run(context)
        #expect(exit == .halt)
        return (after, runner, entry)
    }

    /// The offset from the entry of the faulting instruction: the return EIP on the handler's stack.
    func faultingEIP(_ result: (context: VCPUContext, runner: X87GuestRunner, entry: UInt64)) -> UInt64? {
        result.runner.memory.load(UInt32.self, at: result.context[.rsp]).map { UInt64($0) - result.entry }
    }

    @Test func emulationMakesEveryEscapeRaiseDeviceNotAvailable() throws {
        let cr0 = CR0.protectionEnable | CR0.extensionType | CR0.numericError | CR0.emulation
        let result = try run("fninit\nmov eax, 0x600D\nhlt\n", cr0: cr0)
        #expect(result.context[.rax] == Self.deviceNotAvailable)
        #expect(faultingEIP(result) == 0)
    }

    @Test func taskSwitchedRaisesDeviceNotAvailableEvenForNoWaitForms() throws {
        let cr0 = CR0.protectionEnable | CR0.extensionType | CR0.numericError | CR0.taskSwitched
        let result = try run("nop\nfnstsw ax\nmov eax, 0x600D\nhlt\n", cr0: cr0)
        #expect(result.context[.rax] == Self.deviceNotAvailable)
        #expect(faultingEIP(result) == 1)
    }

    @Test func waitFaultsOnlyWhenTaskSwitchedAndMonitored() throws {
        let base = CR0.protectionEnable | CR0.extensionType | CR0.numericError
        let program = "fwait\nmov eax, 0x600D\nhlt\n"
        #expect(try run(program, cr0: base | CR0.taskSwitched).context[.rax] == Self.finished)
        #expect(try run(program, cr0: base | CR0.emulation).context[.rax] == Self.finished)
        #expect(try run(program, cr0: base | CR0.taskSwitched | CR0.monitorCoprocessor).context[.rax] == Self.deviceNotAvailable)
    }

    /// 1/0 with the zero-divide exception unmasked: nothing stored, ZE and ES set, then the next
    /// waiting instruction (FWAIT at offset 18) reports #MF.
    static let unmaskedDivideByZero = """
        fninit
        push 0x037B
        fldcw [esp]
        fldz
        fld1
        fdiv st, st(1)
        fnstsw ax
        fwait
        mov eax, 0x600D
        hlt
        """

    @Test func unmaskedExceptionIsReportedByTheNextWaitingInstruction() throws {
        let result = try run(Self.unmaskedDivideByZero)
        #expect(result.context[.rax] == Self.floatingPointError)
        #expect(faultingEIP(result) == 18)
        let fpu = result.context.fpu
        #expect(fpu.statusWord & 0x80 != 0)
        #expect(fpu.statusWord & 0x04 != 0)
        // ST(0) still holds the dividend 1.0: the unmasked exception stopped the store.
        #expect(fpu.registers[6] == X87Register(significand: 1 << 63, signAndExponent: 0x3FFF))
    }

    @Test func withoutNumericErrorThePendingExceptionDoesNotFault() throws {
        let result = try run(Self.unmaskedDivideByZero, cr0: CR0.protectionEnable | CR0.extensionType)
        #expect(result.context[.rax] == Self.finished)
        #expect(result.context.fpu.statusWord & 0x80 != 0)
    }

    @Test func noWaitFormsDoNotReportAndClearingEndsThePendingError() throws {
        let result = try run("""
            fninit
            push 0x037B
            fldcw [esp]
            fldz
            fld1
            fdiv st, st(1)
            fnstcw [esp]
            fnstenv [esp - 28]
            fnclex
            fld1
            mov eax, 0x600D
            hlt
            """)
        #expect(result.context[.rax] == Self.finished)
        // FNSTENV masked every exception.
        #expect(result.context.fpu.controlWord == 0x037F)
        #expect(result.context.fpu.statusWord & 0xFF == 0)
    }

    @Test func loadingAControlWordThatUnmasksASetFlagMakesItPending() throws {
        let result = try run("""
            fninit
            fldz
            fld1
            fdiv st, st(1)
            push 0x037B
            fldcw [esp]
            fnop
            mov eax, 0x600D
            hlt
            """)
        #expect(result.context[.rax] == Self.floatingPointError)
        #expect(faultingEIP(result) == 16)
    }

    @Test func ninePushesOverflowTheStack() throws {
        let result = try run(String(repeating: "fld1\n", count: 9) + "mov eax, 0x600D\nhlt\n")
        let fpu = result.context.fpu
        #expect(fpu.statusWord & 0x3FFF == 0x3A41)
        #expect(fpu.registers[7] == X87Register(significand: 0xC000_0000_0000_0000, signAndExponent: 0xFFFF))
        #expect(fpu.abridgedTagWord == 0xFF)
    }

    @Test func anUnmaskedStackUnderflowChangesNothingButTheFlags() throws {
        let result = try run("""
            fninit
            push 0x037E
            fldcw [esp]
            fadd st, st(1)
            fnstsw ax
            fnclex
            mov ebx, eax
            mov eax, 0x600D
            hlt
            """)
        #expect(result.context[.rbx] & 0xFFFF == 0x80C1)
        #expect(result.context.fpu.abridgedTagWord == 0)
    }
}
