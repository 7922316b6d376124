import KVM
import Machine
import X86

/// A machine with one KVM vCPU, built the way the command line builds one.
struct KVMTestMachine {
    /// Where real-mode test guests start: CS = DS = ES = SS = 0x100, so offset 0 is address 0x1000.
    static let realModeCodeAddress: UInt64 = 0x1000

    let memory: GuestMemory
    let machine: Machine
    let vcpu: any VirtualCPU

    init(memory: GuestMemory, context: VCPUContext) throws {
        self.memory = memory
        machine = Machine(memory: memory)
        vcpu = try KVMEngine().makeVirtualCPU(memory: memory, context: context)
    }

    /// 64 KiB of RAM at 0 holding `code` at 0x1000, whatever `addRegions` adds, and a real-mode
    /// context that starts the code.
    static func realMode(
        code: [UInt8], addRegions: (GuestMemory) throws -> Void = { _ in }
    ) throws -> KVMTestMachine {
        let memory = GuestMemory()
        try memory.addRAM(name: "ram", at: 0, size: 0x1_0000)
        try addRegions(memory)
        memory.write(code, at: realModeCodeAddress)
        let context = VCPUContext.realMode(codeSegment: 0x100, instructionPointer: 0, stackPointer: 0xF000)
        return try KVMTestMachine(memory: memory, context: context)
    }

    /// Runs the machine with a timeout that keeps a broken test from hanging.
    func run(timeout: Duration = .seconds(20)) -> RunOutcome {
        machine.run(vcpu, timeout: timeout)
    }
}
