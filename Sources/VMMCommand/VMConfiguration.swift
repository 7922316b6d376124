import X86

/// Everything the CLI decided about the virtual machine to run.
struct VMConfiguration {
    var engine: EngineKind
    var cpu: CPUModel = .modern
    var memoryBytes: UInt64 = 128 << 20
    var boot: BootSource
    var serial: SerialOption = .standardIO
    var timeout: Duration?
    var statisticsPath: String?
}
