import Interpreter
import Machine
import X86

/// Runs snippets on the interpreter at CPL 0 in 64-bit mode: 4 MiB identity-mapped with 2 MiB
/// pages, the snippets at 2 MiB, the data page where the host oracle has it, a return address on
/// the stack that leads to HLT, and an IDT whose every exception handler is a HLT of its own, so
/// that RIP tells which exception (if any) ended the snippet.
final class InterpreterSIMDRunner {
    static let gdtAddress: UInt64 = 0x500
    static let pml4Address: UInt64 = 0x1000
    static let idtAddress: UInt64 = 0x4000
    static let handlersAddress: UInt64 = 0x5000
    static let returnAddress: UInt64 = 0x6000
    static let stackTop: UInt64 = 0x8000
    static let codeAddress: UInt64 = 0x20_0000

    let memory: GuestMemory
    let vcpu: any VirtualCPU

    init(code: [UInt8]) throws {
        memory = GuestMemory()
        try memory.addRAM(name: "ram", at: 0, size: 0x40_0000)
        memory.store(UInt64(0x2000 | 7), at: Self.pml4Address)
        memory.store(UInt64(0x3000 | 7), at: 0x2000)
        memory.store(UInt64(0x87), at: 0x3000)
        memory.store(UInt64(0x20_0000 | 0x87), at: 0x3008)
        memory.store(UInt64(0x00AF_9A00_0000_FFFF), at: Self.gdtAddress + 8)
        memory.store(UInt64(0x00CF_9200_0000_FFFF), at: Self.gdtAddress + 16)
        for vector in 0..<32 {
            let handler = Self.handlersAddress + UInt64(vector * 16)
            memory.store(UInt8(0xF4), at: handler)
            let gate = LongModeContext.interruptGate(to: handler)
            memory.store(gate.low, at: Self.idtAddress + UInt64(vector * 16))
            memory.store(gate.high, at: Self.idtAddress + UInt64(vector * 16) + 8)
        }
        memory.store(UInt8(0xF4), at: Self.returnAddress)
        memory.write(code, at: Self.codeAddress)
        vcpu = try InterpreterEngine().makeVirtualCPU(memory: memory, context: VCPUContext())
    }

    /// The long-mode context every case starts from, before its registers are loaded.
    static var baseContext: VCPUContext {
        LongModeContext.kernel(
            pml4: pml4Address, gdt: DescriptorTableRegister(base: gdtAddress, limit: 3 * 8 - 1),
            idt: DescriptorTableRegister(base: idtAddress, limit: 32 * 16 - 1),
            taskRegister: SegmentRegister(selector: 0, base: 0, limit: 0x67, access: SegmentAccessRights(type: 0xB, system: true, dpl: 0, present: true)))
    }

    /// Runs the snippet `input` names from `input`'s state; `adjust` may change the context first
    /// (control registers for the fault checks).
    func run(_ input: SIMDMachineState, adjust: (inout VCPUContext) -> Void = { _ in }) -> SIMDMachineState {
        var context = Self.baseContext
        for index in 0..<16 { context.gpr[index] = input.gpr[index] }
        context[.rsp] = Self.stackTop - 8
        context.rip = Self.codeAddress + input.offset
        context.rflags = input.rflags
        context.fpu = input.floatingPointState
        adjust(&context)
        memory.store(Self.returnAddress, at: Self.stackTop - 8)
        memory.write(input.memory, at: HostSIMDOracle.dataAddress)
        vcpu.context = context
        var exit = vcpu.run()
        while exit == .yield { exit = vcpu.run() }
        let final = vcpu.context
        var result = input
        if exit != .halt {
            result.vector = 254
        } else if final.rip == Self.returnAddress + 1 {
            result.vector = SIMDMachineState.noException
        } else {
            result.vector = (final.rip &- 1 &- Self.handlersAddress) / 16
        }
        for index in 0..<16 { result.gpr[index] = final.gpr[index] }
        result.rflags = final.rflags
        result.setFloatingPointState(final.fpu)
        result.memory = memory.read(at: HostSIMDOracle.dataAddress, count: SIMDMachineState.memorySize) ?? []
        return result
    }
}
