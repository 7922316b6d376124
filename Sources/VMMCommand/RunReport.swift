import Foundation
import Machine
import X86

/// What happened in a run, as the user and `--stats` see it.
struct RunReport {
    let engine: String
    let outcome: RunOutcome
    let instructions: UInt64?
    let exits: [String: Int]
    let wallSeconds: Double
    let unclaimedPortAccesses: Int
    let unclaimedMMIOAccesses: Int
    /// The vCPU's registers at the end of the run.
    let finalContext: VCPUContext

    /// The process exit status: the debug-exit code as (v << 1) | 1, 0 for a clean stop,
    /// 124 for a timeout, 3 for a crash.
    var exitStatus: Int32 {
        switch outcome {
        case .stopped(.debugExit(let code)): Int32(truncatingIfNeeded: (code << 1) | 1) & 0xFF
        case .stopped(.reset), .halted: 0
        case .timedOut: 124
        case .crashed: 3
        }
    }

    /// One line for the user about how the run ended.
    var summary: String {
        switch outcome {
        case .stopped(.debugExit(let code)): "guest wrote \(code) to the debug-exit port"
        case .stopped(.reset): "guest reset the machine"
        case .halted: "guest halted with nothing left to wake it"
        case .timedOut: "timed out"
        case .crashed(let reason): "guest crashed its machine: \(reason)"
        }
    }

    private struct Statistics: Encodable {
        let engine: String
        let outcome: String
        let exitStatus: Int32
        let instructions: UInt64?
        let exits: [String: Int]
        let wallSeconds: Double
        let unclaimedPortAccesses: Int
        let unclaimedMMIOAccesses: Int
    }

    /// Writes the statistics as JSON to `path`.
    func writeStatistics(to path: String) throws(HostInputError) {
        let statistics = Statistics(
            engine: engine, outcome: summary, exitStatus: exitStatus, instructions: instructions, exits: exits,
            wallSeconds: wallSeconds, unclaimedPortAccesses: unclaimedPortAccesses, unclaimedMMIOAccesses: unclaimedMMIOAccesses)
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            try encoder.encode(statistics).write(to: URL(fileURLWithPath: path))
        } catch {
            throw HostInputError("--stats \(path): cannot write: \(error.localizedDescription)")
        }
    }
}
