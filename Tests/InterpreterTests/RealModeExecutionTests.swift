import Interpreter
import Machine
import Testing
import TestSupport
import X86

@Suite struct RealModeExecutionTests {
    /// Runs 16-bit `source` at 0x7C00 and returns the machine, the vCPU and what port 0xE9 saw.
    func run(_ source: String) throws -> (RunOutcome, VCPUContext, RecordingPortDevice) {
        let memory = GuestMemory()
        try memory.addRAM(name: "ram", at: 0, size: 1 << 20)
        let code = try GuestAssembler.flatBinary(source: ".code16\n" + source, origin: 0x7C00)
        #expect(memory.write(code, at: 0x7C00))
        let machine = Machine(memory: memory)
        let device = RecordingPortDevice()
        try machine.portIO.claim(0xE9...0xE9, name: "debug", device: device)
        let vcpu = try InterpreterEngine().makeVirtualCPU(
            memory: memory, context: .realMode(codeSegment: 0, instructionPointer: 0x7C00, stackPointer: 0x7C00))
        let outcome = machine.run(vcpu, timeout: .seconds(10))
        return (outcome, vcpu.context, device)
    }

    @Test func printsLoopOutput() throws {
        let (outcome, _, device) = try run("""
            mov $message, %si
            next: lodsb
            test %al, %al
            jz done
            out %al, $0xe9
            jmp next
            done: cli
            hlt
            message: .asciz "hello"
            """)
        #expect(outcome == .halted)
        #expect(device.text(at: 0xE9) == "hello")
    }

    @Test func arithmeticSetsRegistersAndFlags() throws {
        let (_, context, _) = try run("""
            mov $0x1234, %ax
            add $0xEDCC, %ax
            mov $7, %bx
            mov $6, %cx
            imul %cx, %bx
            mov $100, %dx
            shl $3, %dx
            cli
            hlt
            """)
        #expect(context[.rax] & 0xFFFF == 0)
        #expect(context[.rbx] & 0xFFFF == 42)
        #expect(context[.rdx] & 0xFFFF == 800)
    }

    @Test func callAndReturnUseTheStack() throws {
        let (_, context, _) = try run("""
            mov $5, %cx
            xor %ax, %ax
            again: call addthree
            loop again
            cli
            hlt
            addthree: add $3, %ax
            ret
            """)
        #expect(context[.rax] & 0xFFFF == 15)
        #expect(context[.rsp] & 0xFFFF == 0x7C00)
    }

    @Test func inReturnsTheDeviceValue() throws {
        let memory = GuestMemory()
        try memory.addRAM(name: "ram", at: 0, size: 1 << 20)
        let code = try GuestAssembler.flatBinary(source: ".code16\nin $0x60, %al\nmov %al, %bl\nin $0x61, %ax\ncli\nhlt\n", origin: 0x7C00)
        memory.write(code, at: 0x7C00)
        let machine = Machine(memory: memory)
        let device = RecordingPortDevice()
        device.readValues = [0x60: 0x5A, 0x61: 0xBEEF]
        try machine.portIO.claim(0x60...0x61, name: "test", device: device)
        let vcpu = try InterpreterEngine().makeVirtualCPU(memory: memory, context: .realMode(codeSegment: 0, instructionPointer: 0x7C00, stackPointer: 0x7C00))
        #expect(machine.run(vcpu) == .halted)
        #expect(vcpu.context[.rbx] & 0xFF == 0x5A)
        #expect(vcpu.context[.rax] & 0xFFFF == 0xBEEF)
    }
}

extension RealModeExecutionTests {
    @Test func selfModifyingCodeInTheRunningBlockTakesEffect() throws {
        // The MOV patches the immediate of the next-but-one instruction (in the same decoded block),
        // and a loop runs the patched code again after it was decoded once.
        let (_, context, _) = try run("""
            mov $2, %cx
            again: movb $0x42, patch+1
            patch: mov $0x11, %al
            add %al, %bl
            movb $0x17, patch+1
            loop again
            cli
            hlt
            """)
        #expect(context[.rbx] & 0xFF == 0x84)
        #expect(context[.rax] & 0xFF == 0x42)
    }
}
