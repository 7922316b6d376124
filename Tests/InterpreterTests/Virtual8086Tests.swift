import Interpreter
import Machine
import Testing
import TestSupport
import X86

/// Virtual-8086 mode: interrupts to a protected-mode handler, IRETD back into virtual-8086 code,
/// IRET within it, and the IOPL check on INT n.
@Suite struct Virtual8086Tests {
    static let codeSegment: UInt16 = 0x2000
    static let stackSegment: UInt16 = 0x5000
    static let handlerAddress: UInt64 = 0x4_1000
    static let taskStateAddress: UInt64 = 0x7000
    static let kernelStackTop: UInt64 = 0x9000
    /// Where the handler counts its calls, notes DS and GS as it found them, and copies its first frame.
    static let record: UInt64 = 0x6000

    /// Runs 16-bit `code` in virtual-8086 mode at 2000:0000 with IOPL `iopl`, under a flat 32-bit
    /// system whose INT 30h handler (`handler`, 32-bit, privilege 0) the code may call.
    func run(_ code: String, handler: String, iopl: UInt64) throws -> (runner: X87GuestRunner, exit: VMExit, context: VCPUContext) {
        let runner = try X87GuestRunner()
        runner.memory.write(try GuestAssembler.flatBinary(source: ".code16\n" + code, origin: 0), at: UInt64(Self.codeSegment) << 4)
        runner.memory.write(try GuestAssembler.flatBinary(source: ".code32\n" + handler, origin: Self.handlerAddress), at: Self.handlerAddress)
        let gate = Self.handlerAddress & 0xFFFF | 0x08 << 16 | 0xEE00 << 32 | (Self.handlerAddress >> 16) << 48
        runner.memory.store(gate, at: X87GuestRunner.idtAddress + 0x30 * 8)
        runner.memory.store(UInt32(Self.kernelStackTop), at: Self.taskStateAddress + 4)
        runner.memory.store(UInt16(0x10), at: Self.taskStateAddress + 8)
        var context = X87GuestRunner.flatContext(entry: 0)
        context.idtr = DescriptorTableRegister(base: X87GuestRunner.idtAddress, limit: 0x31 * 8 - 1)
        context.tr = SegmentRegister(
            selector: 0x18, base: Self.taskStateAddress, limit: 0x67, access: SegmentAccessRights(type: 0xB, system: true, dpl: 0, present: true))
        let selectors: [(SegmentName, UInt16)] = [
            (.cs, Self.codeSegment), (.ss, Self.stackSegment), (.ds, 0x1111), (.es, 0x2222), (.fs, 0x3333), (.gs, 0x4444),
        ]
        for (name, selector) in selectors {
            context[name] = SegmentRegister(
                selector: selector, base: UInt64(selector) << 4, limit: 0xFFFF,
                access: SegmentAccessRights(type: name == .cs ? 0xB : 3, system: false, dpl: 3, present: true))
        }
        context.rflags = 0x2 | RFlags.virtual8086 | iopl << RFlags.ioplShift
        context.rip = 0
        context[.rsp] = 0x100
        context[.rsi] = 0
        let (exit, final) = runner.run(context)
        return (runner, exit, final)
    }

    func dword(_ runner: X87GuestRunner, _ address: UInt64) -> UInt32 {
        (runner.memory.read(at: address, count: 4) ?? []).reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }

    @Test func interruptsReachTheMonitorAndIRETReturnsToVirtual8086Mode() throws {
        let (runner, exit, context) = try run("""
                mov $0x1234, %ax
                int $0x30
                mov %ax, %si
                pushf
                push %cs
                push $1f
                iret
                hlt
            1:  mov $0x55, %cl
                int $0x30
            """, handler: """
                mov %ds, %ebx
                mov %gs, %edx
                mov $0x10, %ax
                mov %ax, %ds
                mov %ax, %es
                mov %ebx, \(Self.record + 4)
                mov %edx, \(Self.record + 8)
                incl \(Self.record)
                cmpl $1, \(Self.record)
                jne 1f
                mov %esp, %esi
                mov $\(Self.record + 0x10), %edi
                mov $9, %ecx
                cld
                rep movsl
                mov $0x4321, %eax
                iret
            1:  hlt
            """, iopl: 3)
        #expect(exit == .halt)
        #expect(dword(runner, Self.record) == 2)
        // DS and GS were null in the handler.
        #expect(dword(runner, Self.record + 4) == 0)
        #expect(dword(runner, Self.record + 8) == 0)
        // The frame: EIP, CS, EFLAGS, ESP, SS, ES, DS, FS, GS.
        let frame = (0..<9).map { dword(runner, Self.record + 0x10 + UInt64($0 * 4)) }
        #expect(frame[0] == 5)
        #expect(frame[1] == UInt32(Self.codeSegment))
        #expect(frame[2] & 0x2_3000 == 0x2_3000)
        #expect(Array(frame[3...]) == [0x100, UInt32(Self.stackSegment), 0x2222, 0x1111, 0x3333, 0x4444])
        // Back in virtual-8086 mode the code saw the handler's AX, then ran on after its own IRET.
        #expect(context[.rsi] == 0x4321)
        #expect(context[.rcx] & 0xFF == 0x55)
        #expect(context[.rsp] == Self.kernelStackTop - 36)
        #expect(context.mode == .protected32)
    }

    @Test func intWithIOPLBelow3RaisesGeneralProtection() throws {
        let (runner, exit, context) = try run("""
                mov $0x1234, %ax
                int $0x30
            """, handler: "hlt", iopl: 0)
        #expect(exit == .halt)
        #expect(context[.rax] == 0xE0D)
        // Error code 0, then the INT's own address.
        #expect(dword(runner, context[.rsp]) == 0)
        #expect(dword(runner, context[.rsp] + 4) == 3)
    }
}
