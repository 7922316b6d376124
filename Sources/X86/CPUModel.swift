/// The processor a vCPU behaves as.
public enum CPUModel: String, Sendable, CaseIterable {
    /// A current x86-64 processor.
    case modern
    /// The original 8086: 16-bit only, 1 MiB physical space, its own quirks.
    case i8086 = "8086"
}
