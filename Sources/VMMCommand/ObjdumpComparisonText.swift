/// The printed report of an objdump comparison: totals, documented differences, pending
/// categories and the unexplained disagreements by opcode with examples.
struct ObjdumpComparisonText {
    let comparison: ObjdumpComparison
    let report: ObjdumpComparison.Report
    let showPending: Bool

    var text: String {
        let bits = switch comparison.mode {
        case .bits16: 16
        case .bits32: 32
        case .bits64: 64
        }
        let options = (["intel"] + comparison.objdumpOptions).joined(separator: ",")
        var lines = [
            "\(bits)-bit mode: \(report.strings) \(comparison.sweep ? "swept" : "random") byte strings (seed \(comparison.seed), objdump -M \(options))",
            "  agree: \(report.agreements)",
        ]
        let documentedTotal = report.documented.values.reduce(0, +)
        lines.append("  documented differences: \(documentedTotal)")
        for (difference, count) in report.documented.sorted(by: { $0.key < $1.key }) {
            lines.append("    \(count)\t\(difference.rawValue)")
        }
        let pending = ObjdumpComparison.pendingCategories.sorted()
        for category in pending {
            let tallies = report.pending.filter { $0.key.category == category }
            lines.append("  pending \(category.rawValue): \(tallies.values.reduce(0) { $0 + $1.total })")
            if showPending { lines += describe(tallies) }
        }
        lines.append("  unexplained: \(report.unexplainedCount)")
        lines += describe(report.unexplained)
        return lines.joined(separator: "\n") + "\n"
    }

    private func describe(_ tallies: [OpcodeLocation: ObjdumpComparison.Tally]) -> [String] {
        var lines: [String] = []
        for (location, tally) in tallies.sorted(by: { $0.key < $1.key }) {
            let kinds = ObjdumpComparison.Disagreement.allCases.compactMap { kind in
                tally.counts[kind].map { "\($0) \(kind.rawValue)" }
            }
            lines.append("    \(location.key): \(kinds.joined(separator: ", "))")
            for example in tally.examples {
                let decoder = example.decoderLength.map { "\($0)" } ?? "invalid"
                let objdump = "\(example.objdump.valid ? "\(example.objdump.length)" : "(bad)") \(example.objdump.text)"
                lines.append("      \(HexBytes.text(example.bytes)): decoder \(decoder); objdump \(objdump)")
            }
        }
        return lines
    }
}
