import ArgumentParser
import Fuzzing
#if canImport(Glibc)
import Glibc
#endif

/// `swiftvmm fuzz`: random byte strings for the decoder and random machine states for the
/// interpreter, checking that none crashes the host, hangs, or breaks an invariant.
struct FuzzCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fuzz",
        abstract: "Feed random bytes to the decoder and random register states and memory to the interpreter.",
        discussion: """
            Input i of a run is made from (--seed, i) alone, so --reproduce i runs it again. A failed \
            input broke a decoder invariant, hung, or let a guest store reach ROM; a crash of this \
            process is a bug in itself. The last line is "N passed, N failed". Exit status: 0 when \
            every input passes, 1 when some fail, 2 for bad arguments.
            """)

    @Option(help: "Number of inputs.")
    var count: Int = 100_000

    @Option(help: "Index of the first input: runs inputs first..<first+count of the run, to split one run between processes.")
    var first: Int = 0

    @Option(help: "Seed of the run.")
    var seed: UInt64 = 1

    @Option(help: "What the inputs are fed to: decoder, interpreter or both.")
    var target: String = "both"

    @Option(help: "Run only input INDEX of the run, and describe it.")
    var reproduce: Int?

    @Option(help: "Stop listing failures after this many.")
    var show: Int = 20

    /// Seconds one input may run before the process reports it as a hang and exits.
    static let hangSeconds = 30

    func run() throws {
        guard let fuzzTarget = FuzzTarget(rawValue: target) else { throw HostInputError("--target \(target): expected decoder, interpreter or both") }
        guard count > 0 else { throw HostInputError("--count \(count): expected a positive number") }
        guard first >= 0, first <= Int.max - count else { throw HostInputError("--first \(first): expected an input index") }
        let campaign: FuzzCampaign
        do {
            campaign = try FuzzCampaign(seed: seed, target: fuzzTarget)
        } catch {
            throw HostInputError("cannot build the fuzz machine: \(error)")
        }
        if let reproduce {
            guard reproduce >= 0 else { throw HostInputError("--reproduce \(reproduce): expected an input index") }
            Self.say(campaign.describe(index: reproduce))
            let failure = campaign.run(index: reproduce)
            if let failure { Self.say(failure.description) }
            Self.say(failure == nil ? "1 passed, 0 failed" : "0 passed, 1 failed")
            throw ExitCode(failure == nil ? 0 : 1)
        }
        let seed = seed
        let first = first
        let watchdog = HangWatchdog(limit: .seconds(Self.hangSeconds)) { index in
            Self.say("FAIL input \(index) (\(fuzzTarget.rawValue), seed \(seed)): still running after \(Self.hangSeconds) s (hang)")
            Self.say("  again: swiftvmm fuzz --seed \(seed) --target \(fuzzTarget.rawValue) --reproduce \(index) (it prints the input first)")
            Self.say("\(index - first) passed, 1 failed")
            Glibc.exit(1)
        }
        let start = ContinuousClock.now
        var shown = 0
        let interval = max(count / 10, 1)
        let failed = campaign.run(inputs: first..<(first + count), progressInterval: interval, watchdog: watchdog) { done in
            let seconds = Self.seconds(ContinuousClock.now - start)
            Self.say("\(done) inputs in \(Int(seconds)) s (\(Int(Double(done) / max(seconds, 1e-9))) per second)")
        } onFailure: { failure in
            if shown < show { Self.say(failure.description) }
            shown += 1
        }
        if let interpreter = campaign.interpreter {
            let outcomes = InterpreterOutcome.allCases.map { "\($0.rawValue) \(interpreter.outcomes[$0, default: 0])" }
            Self.say("interpreter: \(interpreter.instructionsExecuted) instructions; inputs ended: \(outcomes.joined(separator: ", "))")
            let reasons = interpreter.failureReasons.sorted { $0.value > $1.value }.prefix(5)
            if !reasons.isEmpty {
                Self.say("most frequent clean failures: \(reasons.map { "\($0.key) (\($0.value))" }.joined(separator: "; "))")
            }
        }
        Self.say("\(count - failed) passed, \(failed) failed")
        if failed > 0 { throw ExitCode(1) }
    }

    /// Writes a line to standard output at once (a hang report must not wait in a buffer).
    private static func say(_ line: String) {
        var text = line + "\n"
        text.withUTF8 { bytes in _ = Glibc.write(STDOUT_FILENO, bytes.baseAddress, bytes.count) }
    }

    private static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
