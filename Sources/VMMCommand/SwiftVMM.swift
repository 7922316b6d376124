import ArgumentParser

/// The `swiftvmm` command line: an x86 virtual machine monitor with interchangeable engines.
public struct SwiftVMM: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "swiftvmm",
        abstract: "An x86 virtual machine monitor: interpreter and KVM engines side by side.",
        discussion: "Without a subcommand, swiftvmm runs its built-in guest on the best available engine.",
        subcommands: [
            DemoCommand.self, RunCommand.self, DecodeCommand.self, ConformanceCommand.self, DifferentialCommand.self,
            FuzzCommand.self, CompareObjdumpCommand.self,
        ],
        defaultSubcommand: DemoCommand.self)

    public init() {}

    /// Parses the process arguments and runs the command; host-input errors exit with status 2.
    public static func runFromCommandLine() -> Never {
        do {
            var command = try parseAsRoot()
            try command.run()
            exit(withError: nil)
        } catch let error as HostInputError {
            Diagnostics.error(error.description)
            exit(withError: ExitCode(2))
        } catch let code as ExitCode {
            exit(withError: code)
        } catch {
            if exitCode(for: error) == .success { exit(withError: error) }
            Diagnostics.error(message(for: error).split(separator: "\n").first.map(String.init) ?? "bad arguments")
            exit(withError: ExitCode(2))
        }
    }
}
