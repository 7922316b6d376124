import Interpreter
import KVM
import Machine
import X86

/// The engines the CLI offers.
enum EngineKind: String, CaseIterable {
    case interp
    case kvm

    /// Creates the engine; a KVM that cannot be opened is host input the user must fix.
    func makeEngine(model: CPUModel) throws(HostInputError) -> any ExecutionEngine {
        switch self {
        case .interp:
            return InterpreterEngine(model: model)
        case .kvm:
            guard model == .modern else { throw HostInputError("--cpu \(model.rawValue) needs --engine interp") }
            do {
                return try KVMEngine()
            } catch {
                throw HostInputError("--engine kvm: \(error)")
            }
        }
    }
}
