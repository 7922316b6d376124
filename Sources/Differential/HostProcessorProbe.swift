import Machine
import X86

/// Asks this host's KVM whether compatibility-mode user code runs on the processor or in KVM's
/// instruction emulator: AAA (valid in 32-bit code on every x86 processor) raises #UD only in
/// an emulator that lacks it.
public enum HostProcessorProbe {
    /// Whether 32- and 16-bit code at CPL 3 reaches the real processor.
    public static func compatibilityModeRunsOnProcessor() throws -> Bool {
        let runner = try DifferentialRunner()
        var agreed = true
        _ = runner.run(count: 1, seed: 1, modes: [.compatibility32], instruction: [0x37]) { _ in agreed = false }
        return agreed && runner.hostRefusals == 0
    }
}
