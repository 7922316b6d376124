import Interpreter
import Machine
import X86

/// Runs vectors on the interpreter, one instruction each, over 1 MiB of RAM, and compares the
/// outcome with what the real processor did.
public final class ConformanceRunner {
    public let model: CPUModel
    private let memory: GuestMemory
    private let ram: UnsafeMutableRawPointer
    private let cpu: InterpreterVirtualCPU

    /// Exits an instruction may take (port reads of a repeated string instruction) before the runner gives up on it.
    private static let exitLimit = 1024

    public init(model: CPUModel = .i8086) throws(MemoryLayoutError) {
        self.model = model
        memory = GuestMemory()
        ram = try memory.addRAM(name: "ram", at: 0, size: UInt64(VectorState.addressSpace)).host
        cpu = InterpreterVirtualCPU(memory: memory, context: VCPUContext(), model: model)
    }

    /// Runs `vector`; nil when the outcome matches, else what differed. Undefined FLAGS bits named
    /// by `metadata` are left out of the comparison.
    public func run(_ vector: ConformanceVector, metadata: ConformanceMetadata? = nil) -> ConformanceFailure? {
        for byte in vector.initial.memory { setByte(byte.address, byte.value) }
        defer {
            for byte in vector.initial.memory { setByte(byte.address, 0) }
            for byte in vector.final.memory { setByte(byte.address, 0) }
        }
        cpu.context = context(for: vector.initial)
        var differences: [ConformanceFailure.Difference] = []
        if let reason = executeOneInstruction() { differences.append(.stopped(reason: reason)) }
        let actual = registers(of: cpu.context)
        let flagsMask = metadata.map { $0.flagsMask(for: vector.bytes) } ?? 0xFFFF
        for register in VectorRegister.allCases {
            let expected = vector.final.registers[register] ?? vector.initial.registers[register] ?? 0
            let found = actual[register] ?? 0
            let mask: UInt16 = register == .flags ? flagsMask : 0xFFFF
            if expected & mask != found & mask {
                differences.append(.register(register, expected: expected, actual: found, mask: mask))
            }
        }
        for byte in vector.final.memory {
            let found = ram.load(fromByteOffset: Int(byte.address), as: UInt8.self)
            if found != byte.value { differences.append(.memory(address: byte.address, expected: byte.value, actual: found)) }
        }
        return differences.isEmpty ? nil : ConformanceFailure(name: vector.name, bytes: vector.bytes, differences: differences)
    }

    private func setByte(_ address: UInt32, _ value: UInt8) {
        let offset = Int(address % VectorState.addressSpace)
        ram.storeBytes(of: value, toByteOffset: offset, as: UInt8.self)
        cpu.hostWrote(physical: UInt64(offset))
    }

    /// Executes the instruction at CS:IP, answering port reads with all ones (an open bus) and MMIO
    /// reads likewise; returns why the engine stopped instead, if it did.
    private func executeOneInstruction() -> String? {
        var exit = cpu.run(instructionLimit: 1)
        for _ in 0..<Self.exitLimit {
            switch exit {
            case .portRead(_, let size):
                cpu.completePortRead(Self.allOnes(size))
                exit = cpu.run(instructionLimit: 1)
            case .mmioRead(_, let size):
                cpu.completeMMIORead(Self.allOnes(size))
                exit = cpu.run(instructionLimit: 1)
            case .portWrite, .mmioWrite:
                exit = cpu.run(instructionLimit: 0)
            case .yield, .halt:
                return nil
            case .shutdown(let reason), .failure(let reason):
                return reason
            }
        }
        return "the instruction did not complete after \(Self.exitLimit) exits"
    }

    private static func allOnes(_ size: Int) -> UInt64 {
        size >= 8 ? .max : (1 << UInt64(size * 8)) - 1
    }

    /// The vCPU context a state describes: real-mode segments, the 16-bit registers, FLAGS.
    private func context(for state: VectorState) -> VCPUContext {
        var context = VCPUContext()
        for register in VectorRegister.allCases {
            guard let value = state.registers[register] else { continue }
            let wide = UInt64(value)
            switch register {
            case .ax: context[.rax] = wide
            case .bx: context[.rbx] = wide
            case .cx: context[.rcx] = wide
            case .dx: context[.rdx] = wide
            case .sp: context[.rsp] = wide
            case .bp: context[.rbp] = wide
            case .si: context[.rsi] = wide
            case .di: context[.rdi] = wide
            case .cs: context[.cs] = .realMode(selector: value, code: true)
            case .ss: context[.ss] = .realMode(selector: value)
            case .ds: context[.ds] = .realMode(selector: value)
            case .es: context[.es] = .realMode(selector: value)
            case .ip: context.rip = wide
            case .flags: context.rflags = wide | RFlags.reserved1
            }
        }
        return context
    }

    private func registers(of context: VCPUContext) -> VectorRegisters {
        func low(_ value: UInt64) -> UInt16 { UInt16(truncatingIfNeeded: value) }
        return [
            .ax: low(context[.rax]), .bx: low(context[.rbx]), .cx: low(context[.rcx]), .dx: low(context[.rdx]),
            .cs: context[.cs].selector, .ss: context[.ss].selector, .ds: context[.ds].selector, .es: context[.es].selector,
            .sp: low(context[.rsp]), .bp: low(context[.rbp]), .si: low(context[.rsi]), .di: low(context[.rdi]),
            .ip: low(context.rip), .flags: low(context.rflags),
        ]
    }
}
