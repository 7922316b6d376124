@testable import Fuzzing
import Testing

/// Bounded fuzz runs: in a debug build they take seconds; `scripts/fuzz.sh` runs ten million.
@Suite struct FuzzRunTests {
    @Test func decoderInputsPass() throws {
        let campaign = try FuzzCampaign(seed: 2026, target: .decoder)
        var reports: [String] = []
        let failed = campaign.run(inputs: 0..<200_000) { reports.append($0.description) }
        #expect(failed == 0, "\(reports.prefix(3).joined(separator: "\n"))")
    }

    @Test func interpreterInputsPass() throws {
        let campaign = try FuzzCampaign(seed: 2026, target: .interpreter)
        var reports: [String] = []
        let failed = campaign.run(inputs: 0..<3_000) { reports.append($0.description) }
        #expect(failed == 0, "\(reports.prefix(3).joined(separator: "\n"))")
        let interpreter = try #require(campaign.interpreter)
        // The inputs reach every way of ending: the states are varied enough to matter.
        for outcome in InterpreterOutcome.allCases {
            #expect(interpreter.outcomes[outcome, default: 0] > 0, "no input ended as \(outcome.rawValue)")
        }
    }
}
