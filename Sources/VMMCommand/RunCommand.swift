import ArgumentParser
import X86

/// `swiftvmm run`: boots a guest from a raw image, a firmware ROM or a Multiboot kernel.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a guest.",
        discussion: """
            Exit status: the guest's debug-exit code v as (v << 1) | 1; 0 when the guest \
            resets or halts for good; 124 on --timeout; 2 for bad host input; 3 when the guest crashes \
            its machine.
            """)

    @Option(help: "Execution engine: interp or kvm.")
    var engine: String = "interp"

    @Option(help: "Processor model for the interpreter: modern or 8086.")
    var cpu: String = "modern"

    @Option(help: "Guest RAM, e.g. 128M or 2G.")
    var mem: String = "128M"

    @Option(help: "Raw image FILE[@ADDR], entered in real mode at 0000:ADDR (default 0x7C00).")
    var image: String?

    @Option(help: "Firmware ROM mapped to end at 1 MiB and 4 GiB, started from the reset vector.")
    var firmware: String?

    @Option(help: "Multiboot v1 kernel (ELF32 or a.out kludge).")
    var kernel: String?

    @Option(help: "Kernel command line (with --kernel).")
    var append: String?

    @Option(help: "COM1: stdio, none or file:PATH.")
    var serial: String = "stdio"

    @Option(help: "Stop the guest after this many seconds (exit status 124).")
    var timeout: Double?

    @Option(help: "Write run statistics as JSON to this file.")
    var stats: String?

    func makeConfiguration() throws(HostInputError) -> VMConfiguration {
        guard let engineKind = EngineKind(rawValue: engine) else {
            throw HostInputError("--engine \(engine): expected one of \(EngineKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let model = CPUModel(rawValue: cpu) else {
            throw HostInputError("--cpu \(cpu): expected modern or 8086")
        }
        let sources = [image, firmware, kernel].compactMap { $0 }
        guard sources.count == 1 else {
            throw HostInputError(sources.isEmpty ? "nothing to run: give --image, --firmware or --kernel" : "give only one of --image, --firmware and --kernel")
        }
        let boot: BootSource
        if let image {
            boot = .image(argument: image)
        } else if let firmware {
            boot = .firmware(path: firmware)
        } else {
            boot = .kernel(path: kernel ?? "", arguments: append ?? "")
        }
        if append != nil && kernel == nil { throw HostInputError("--append needs --kernel") }
        var configuration = VMConfiguration(engine: engineKind, boot: boot)
        configuration.cpu = model
        configuration.memoryBytes = try MemorySize(parsing: mem).bytes
        configuration.serial = try SerialOption(parsing: serial)
        if let timeout {
            guard timeout.isFinite, timeout > 0, timeout <= 1e9 else { throw HostInputError("--timeout \(timeout): expected a positive number of seconds") }
            configuration.timeout = .milliseconds(Int64(timeout * 1000))
        }
        configuration.statisticsPath = stats
        return configuration
    }

    func run() throws {
        let configuration = try makeConfiguration()
        let report = try VirtualMachineLauncher(configuration: configuration).run()
        try finish(report, statisticsPath: configuration.statisticsPath)
    }
}

/// Reports the end of a run and exits with its status.
func finish(_ report: RunReport, statisticsPath: String?) throws {
    if let statisticsPath { try report.writeStatistics(to: statisticsPath) }
    switch report.outcome {
    case .crashed:
        Diagnostics.error(report.summary)
        Diagnostics.write(report.finalContext.description + "\n")
    case .timedOut:
        Diagnostics.error("guest did not stop within the timeout")
    default:
        break
    }
    throw ExitCode(report.exitStatus)
}
