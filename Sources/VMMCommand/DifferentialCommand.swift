import ArgumentParser
import Differential

/// `swiftvmm difftest`: random instruction sequences on the interpreter against the real processor.
struct DifferentialCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "difftest",
        abstract: "Compare the interpreter with the host processor (through KVM) on random instruction sequences at CPL 3.")

    @Option(help: "Number of sequences.")
    var count: Int = 1000

    @Option(help: "Seed of the random sequences.")
    var seed: UInt64 = 1

    @Option(help: "Code-segment kinds to use in turn: 64, 32 and/or 16 (comma-separated).")
    var modes: String = "64,32,16"

    @Option(help: "Stop listing failures after this many.")
    var show: Int = 20

    func run() throws {
        guard count > 0 else { throw HostInputError("--count \(count): expected a positive number") }
        var chosen: [DifferentialMode] = []
        for name in modes.split(separator: ",") {
            guard let mode = DifferentialMode(rawValue: String(name)) else { throw HostInputError("--modes \(modes): expected 64, 32 and/or 16") }
            chosen.append(mode)
        }
        guard !chosen.isEmpty else { throw HostInputError("--modes \(modes): expected 64, 32 and/or 16") }
        let runner: DifferentialRunner
        do {
            runner = try DifferentialRunner()
        } catch {
            throw HostInputError("difftest needs KVM: \(error)")
        }
        var shown = 0
        let failures = runner.run(count: count, seed: seed, modes: chosen) { failure in
            if shown < show { print(failure) }
            shown += 1
        }
        print("\(count - failures) passed, \(failures) failed")
        if failures > 0 { throw ExitCode(1) }
    }
}
