import ArgumentParser
import Foundation
import KVM

/// `swiftvmm demo` (the default): runs the built-in guest on the best available engine.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the built-in guest (the default when no subcommand is given).")

    @Option(help: "Engine: interp or kvm (default: kvm when /dev/kvm opens, else interp).")
    var engine: String?

    func run() throws {
        let kind: EngineKind
        if let engine {
            guard let chosen = EngineKind(rawValue: engine) else { throw HostInputError("--engine \(engine): expected interp or kvm") }
            kind = chosen
        } else {
            kind = (try? KVMEngine()) != nil ? .kvm : .interp
        }
        Diagnostics.note("running the built-in guest on the \(kind.rawValue) engine (real mode -> protected mode -> long mode)")
        var configuration = VMConfiguration(engine: kind, boot: .builtin)
        configuration.serial = .standardOutput
        configuration.timeout = .seconds(60)
        let report = try VirtualMachineLauncher(configuration: configuration).run()
        let instructions = report.instructions.map { ", \($0) instructions" } ?? ""
        let exits = report.exits.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        Diagnostics.note("\(report.summary) after \(String(format: "%.3f", report.wallSeconds)) s on \(report.engine)\(instructions); exits: \(exits)")
        try finish(report, statisticsPath: nil)
    }
}
