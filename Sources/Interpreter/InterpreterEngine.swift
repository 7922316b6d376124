import Machine
import X86

/// The engine that executes every guest instruction in software.
public final class InterpreterEngine: ExecutionEngine {
    public let name = "interp"
    public let model: CPUModel

    public init(model: CPUModel = .modern) {
        self.model = model
    }

    public func makeVirtualCPU(memory: GuestMemory, context: VCPUContext) throws -> any VirtualCPU {
        InterpreterVirtualCPU(memory: memory, context: context, model: model)
    }
}
