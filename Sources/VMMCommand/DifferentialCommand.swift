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
    var modes: String = "64"

    @Option(help: "Stop listing failures after this many.")
    var show: Int = 20

    @Option(help: "Run only this instruction (hex bytes), from random states: reproduces a failure.")
    var instruction: String?

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
        if chosen.contains(where: { $0 != .bits64 }), (try? HostProcessorProbe.compatibilityModeRunsOnProcessor()) == false {
            print("warning: this host's KVM emulates 32- and 16-bit user code instead of running it on the processor; those modes are compared with KVM's instruction emulator, which lacks instructions and differs in places")
        }
        var bytes: [UInt8]?
        if let instruction {
            guard let parsed = HexBytes.parse(Substring(instruction)), (1...15).contains(parsed.count) else {
                throw HostInputError("--instruction \(instruction): expected 1 to 15 hex bytes")
            }
            bytes = parsed
        }
        var shown = 0
        let failures = runner.run(count: count, seed: seed, modes: chosen, instruction: bytes) { failure in
            if shown < show { print(failure) }
            shown += 1
        }
        if runner.hostRefusals > 0 {
            print("note: \(runner.hostRefusals) sequences ended early where this host's KVM emulated an instruction it lacks (#UD or an emulation failure)")
        }
        if runner.hostRetries > 0 {
            print("note: \(runner.hostRetries) instructions agreed only when asked again (this host's KVM emulated them the first time)")
        }
        print("\(count - failures) passed, \(failures) failed")
        if failures > 0 { throw ExitCode(1) }
    }
}
