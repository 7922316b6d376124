import Conformance
import Foundation
import Testing
import TestSupport

/// Every SingleStepTests 8086 vector in the shared folder passes on `--cpu 8086`.
@Suite struct ConformanceVectorTests {
    /// `<repository>/../shared/conformance/8086`.
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/conformance/8086").path

    /// The outcome of some vector files.
    struct Tally: Sendable {
        var passed = 0
        var failed = 0
        /// The first few failures, described.
        var failures: [String] = []

        mutating func add(_ other: Tally) {
            passed += other.passed
            failed += other.failed
            failures += other.failures.prefix(max(0, 20 - failures.count))
        }
    }

    @Test func everyVectorPasses() async throws {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: Self.directory)) ?? []
        let vectorFiles = files.filter { $0.hasSuffix(".json.gz") }.sorted().map { Self.directory + "/" + $0 }
        if vectorFiles.isEmpty { try skip("no vector files in \(Self.directory)") }
        let metadata = try VectorFile.loadMetadata(Self.directory + "/metadata.json")
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        let start = ContinuousClock.now
        let total = try await withThrowingTaskGroup(of: Tally.self) { group in
            for worker in 0..<workers {
                let share = stride(from: worker, to: vectorFiles.count, by: workers).map { vectorFiles[$0] }
                group.addTask { try Self.run(share, metadata: metadata) }
            }
            var total = Tally()
            for try await tally in group { total.add(tally) }
            return total
        }
        print("8086 conformance: \(total.passed) passed, \(total.failed) failed in \(ContinuousClock.now - start) on \(workers) workers")
        for failure in total.failures { Issue.record(Comment(rawValue: failure)) }
        #expect(total.failed == 0)
        #expect(total.passed >= 300_000)
    }

    static func run(_ files: [String], metadata: ConformanceMetadata) throws -> Tally {
        let runner = try ConformanceRunner(model: .i8086)
        var tally = Tally()
        for file in files {
            for (index, vector) in try VectorFile.load(file).enumerated() {
                guard let failure = runner.run(vector, metadata: metadata) else {
                    tally.passed += 1
                    continue
                }
                tally.failed += 1
                if tally.failures.count < 20 { tally.failures.append("\(file) #\(index): \(failure)") }
            }
        }
        return tally
    }
}
