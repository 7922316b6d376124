import X86

/// What `MultibootLoader` put in guest memory, and the processor state that enters the kernel.
public struct LoadedKernel: Sendable {
    public let context: VCPUContext
    /// Guest-physical ranges the kernel image occupies, its zero-filled bss included.
    public let kernelRanges: [Range<UInt64>]
    /// Address of the Multiboot information structure (also in EBX).
    public let informationAddress: UInt64
    /// The command line the kernel receives.
    public let commandLine: String
}
