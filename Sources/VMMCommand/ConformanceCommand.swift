import ArgumentParser
import Conformance
import Foundation
import X86

/// `swiftvmm conformance`: runs single-instruction test vectors on the interpreter and lists each
/// failure with the expected and actual values.
struct ConformanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conformance",
        abstract: "Run single-instruction conformance vectors (the SingleStepTests format).",
        discussion: """
            Each vector's instruction runs alone on the interpreter over 1 MiB of RAM; FLAGS bits that \
            the metadata marks undefined are not compared. The last line is "N passed, N failed". \
            Exit status: 0 when every vector passes, 1 when some fail, 2 for bad input (a missing, \
            corrupt or malformed file stops the run).
            """)

    @Option(help: "Processor model: 8086 or modern.")
    var cpu: String = "8086"

    @Option(help: "The metadata.json with the undefined-flag masks (default: the one beside each vector file).")
    var metadata: String?

    @Argument(help: "Vector files: gzip-compressed (or plain) JSON arrays of tests.")
    var files: [String] = []

    func run() throws {
        guard let model = CPUModel(rawValue: cpu) else { throw HostInputError("--cpu \(cpu): expected modern or 8086") }
        guard !files.isEmpty else { throw HostInputError("no vector files given") }
        if let missing = files.first(where: { !FileManager.default.fileExists(atPath: $0) }) {
            throw HostInputError("\(missing): no such file")
        }
        let runner: ConformanceRunner
        do {
            runner = try ConformanceRunner(model: model)
        } catch {
            throw HostInputError("cannot set up the interpreter: \(error)")
        }
        var passed = 0
        var failed = 0
        do {
            let explicitMetadata = try metadata.map { path throws(ConformanceInputError) in try VectorFile.loadMetadata(path) }
            var metadataByDirectory: [String: ConformanceMetadata?] = [:]
            for file in files {
                let fileMetadata = try explicitMetadata ?? metadataBeside(file, cache: &metadataByDirectory)
                for (index, vector) in try VectorFile.load(file).enumerated() {
                    if let failure = runner.run(vector, metadata: fileMetadata) {
                        failed += 1
                        print("FAIL \(file) #\(index): \(failure)")
                    } else {
                        passed += 1
                    }
                }
            }
        } catch {
            throw HostInputError("\(error)")
        }
        print("\(passed) passed, \(failed) failed")
        throw ExitCode(failed == 0 ? 0 : 1)
    }

    /// The metadata.json beside `file`, read once per directory.
    private func metadataBeside(_ file: String, cache: inout [String: ConformanceMetadata?]) throws(ConformanceInputError) -> ConformanceMetadata? {
        let directory = URL(fileURLWithPath: file).deletingLastPathComponent().path
        if let known = cache[directory] { return known }
        let found = try VectorFile.metadataBeside(file)
        cache.updateValue(found, forKey: directory)
        return found
    }
}
