import Interpreter
import Machine
import TestSupport
import X86

/// A 64-bit guest on the interpreter, entered at CPL 0: 4 KiB pages identity-mapping the first
/// 2 MiB (user-accessible, except a supervisor-only page and a page left not present), kernel and
/// user code and data segments, a TSS, and an IDT whose handler for vector v sets R15 to v and
/// halts. The code runs at `codeAddress`.
struct LongModeGuestRunner {
    static let pml4: UInt64 = 0x1000
    static let pageDirectory: UInt64 = 0x3000
    static let pageTable: UInt64 = 0x4000
    static let gdt: UInt64 = 0x5000
    static let idt: UInt64 = 0x6000
    static let tss: UInt64 = 0x7000
    static let handlers: UInt64 = 0x8000
    static let codeAddress: UInt64 = 0x1_0000
    static let kernelStackTop: UInt64 = 0x9_F000
    /// A page only CPL 0 may touch.
    static let supervisorPage: UInt64 = 0x10_0000
    /// A page whose translation is not present.
    static let absentPage: UInt64 = 0x1F_0000
    /// Selectors beside the kernel's code (0x08) and data (0x10): user code and data (with RPL 3), the TSS.
    static let userCode: UInt16 = 0x1B
    static let userData: UInt16 = 0x23
    static let taskState: UInt16 = 0x28

    let memory = GuestMemory()

    init() throws {
        _ = try memory.addRAM(name: "ram", at: 0, size: 4 << 20)
        memory.store(UInt64(Self.pml4 + 0x1000 | 7), at: Self.pml4)
        memory.store(UInt64(Self.pageDirectory | 7), at: Self.pml4 + 0x1000)
        memory.store(UInt64(Self.pageTable | 7), at: Self.pageDirectory)
        for page in UInt64(0)..<512 {
            let address = page << 12
            let entry: UInt64 = switch address {
            case Self.absentPage: 0
            case Self.supervisorPage: address | 3
            default: address | 7
            }
            memory.store(entry, at: Self.pageTable + page * 8)
        }
        let descriptors: [UInt64] = [
            0, 0x00AF_9A00_0000_FFFF, 0x00CF_9200_0000_FFFF, 0x00AF_FA00_0000_FFFF, 0x00CF_F200_0000_FFFF,
            0x0000_8900_0000_0067 | (Self.tss & 0xFF_FFFF) << 16, 0,
        ]
        for (index, descriptor) in descriptors.enumerated() { memory.store(descriptor, at: Self.gdt + UInt64(index * 8)) }
        memory.store(Self.kernelStackTop, at: Self.tss + 4)
        for vector in UInt64(0)..<32 {
            let handler = Self.handlers + vector * 16
            // MOV R15D, vector; HLT
            memory.write([0x41, 0xBF, UInt8(vector), 0, 0, 0, 0xF4], at: handler)
            let gate = LongModeContext.interruptGate(to: handler)
            memory.store(gate.low, at: Self.idt + vector * 16)
            memory.store(gate.high, at: Self.idt + vector * 16 + 8)
        }
    }

    /// Assembles 64-bit `source` at `codeAddress`, runs it at CPL 0 until it halts, and returns the exit and the context then.
    func run(_ source: String, adjust: (inout VCPUContext) -> Void = { _ in }) throws -> (exit: VMExit, context: VCPUContext) {
        let code = try GuestAssembler.flatBinary(source: ".code64\n" + source, origin: Self.codeAddress)
        memory.write(code, at: Self.codeAddress)
        var context = LongModeContext.kernel(
            pml4: Self.pml4, gdt: DescriptorTableRegister(base: Self.gdt, limit: 7 * 8 - 1),
            idt: DescriptorTableRegister(base: Self.idt, limit: 32 * 16 - 1),
            taskRegister: SegmentRegister(
                selector: Self.taskState, base: Self.tss, limit: 0x67, access: SegmentAccessRights(type: 0xB, system: true, dpl: 0, present: true)))
        context.rip = Self.codeAddress
        context[.rsp] = Self.kernelStackTop
        adjust(&context)
        let vcpu = try InterpreterEngine().makeVirtualCPU(memory: memory, context: context)
        let exit = vcpu.run()
        return (exit, vcpu.context)
    }
}
