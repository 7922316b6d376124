import Differential
import Testing
import TestSupport

/// A bounded differential run: the interpreter against the host processor through KVM.
@Suite struct DifferentialRunTests {
    @Test func interpreterMatchesTheProcessorIn64BitMode() throws {
        guard KVMAvailability.canOpen else { try skip("/dev/kvm cannot be opened, so there is no processor to compare with") }
        let runner = try DifferentialRunner()
        var reports: [String] = []
        let failures = runner.run(count: 2000, seed: 2026, modes: [.bits64]) { reports.append($0.description) }
        #expect(failures == 0, "\(reports.prefix(5).joined(separator: "\n"))")
    }

    @Test(arguments: [DifferentialMode.compatibility32, .compatibility16])
    func interpreterMatchesTheProcessorInCompatibilityMode(_ mode: DifferentialMode) throws {
        guard KVMAvailability.canOpen else { try skip("/dev/kvm cannot be opened, so there is no processor to compare with") }
        guard try HostProcessorProbe.compatibilityModeRunsOnProcessor() else {
            try skip("this host's KVM emulates \(mode.rawValue)-bit user code instead of running it on the processor (AAA raises #UD), so there is no processor to compare with")
        }
        let runner = try DifferentialRunner()
        var reports: [String] = []
        let failures = runner.run(count: 1000, seed: 2026, modes: [mode]) { reports.append($0.description) }
        #expect(failures == 0, "\(reports.prefix(5).joined(separator: "\n"))")
    }
}
