import ArgumentParser
import X86

/// `swiftvmm compare-objdump` (hidden): the decoder against GNU objdump on random byte strings.
struct CompareObjdumpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare-objdump",
        abstract: "Compare decoded lengths and validity with GNU objdump on seeded random byte strings.",
        discussion: """
            Exit status: 0 when every disagreement is a documented difference or lies in a pending \
            category (x87, MMX/SSE), 1 otherwise, 2 for bad flags or a missing objdump.
            """,
        shouldDisplay: false)

    @Option(help: "Decode mode: 16, 32 or 64.")
    var mode: String

    @Option(help: "How many random byte strings.")
    var count: Int = 20_000

    @Flag(help: "Sweep every opcode of the one-byte and 0F maps with every ModRM byte and form-selecting prefix instead.")
    var sweep = false

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    @Option(help: "Examples shown per opcode.")
    var examples: Int = 3

    @Flag(help: "Also list the disagreements in pending categories, by opcode.")
    var showPending = false

    @Flag(help: "Let objdump read 64-bit code by its default AMD64 rules instead of -M intel64.")
    var amd64 = false

    func run() throws {
        guard let decodeMode = Int(mode).flatMap(DecodeMode.init(bits:)) else {
            throw HostInputError("--mode \(mode): expected 16, 32 or 64")
        }
        guard count > 0 else { throw HostInputError("--count \(count): expected a positive number") }
        var comparison = ObjdumpComparison(mode: decodeMode, seed: seed, sweep: sweep, count: count, examples: max(0, examples))
        comparison.amd64 = amd64
        let report = try comparison.run()
        print(ObjdumpComparisonText(comparison: comparison, report: report, showPending: showPending).text, terminator: "")
        if report.unexplainedCount > 0 { throw ExitCode(1) }
    }
}
