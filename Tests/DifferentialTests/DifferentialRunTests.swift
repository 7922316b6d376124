import Differential
import Testing
import TestSupport

/// A bounded differential run: the interpreter against the host processor through KVM.
@Suite struct DifferentialRunTests {
    @Test(arguments: DifferentialMode.allCases)
    func interpreterMatchesTheProcessor(_ mode: DifferentialMode) throws {
        guard KVMAvailability.canOpen else { try skip("/dev/kvm cannot be opened, so there is no processor to compare with") }
        let runner = try DifferentialRunner()
        var reports: [String] = []
        let failures = runner.run(count: 300, seed: 2026, modes: [mode]) { reports.append($0.description) }
        #expect(failures == 0, "\(reports.prefix(5).joined(separator: "\n"))")
    }
}
