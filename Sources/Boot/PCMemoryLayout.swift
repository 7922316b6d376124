import Machine

/// The RAM layout of a PC: RAM from 0 up to 3 GiB (where the PCI hole begins), optionally without the
/// legacy 640 KiB–1 MiB hole, and the rest above 4 GiB.
public enum PCMemoryLayout {
    /// Start of the legacy hole: VGA memory, option ROMs and the BIOS live from here to 1 MiB.
    public static let legacyHoleStart: UInt64 = 0xA_0000
    public static let legacyHoleEnd: UInt64 = 0x10_0000
    /// Start of the 32-bit PCI hole; RAM beyond this size continues at `highRAMBase`.
    public static let lowRAMLimit: UInt64 = 3 << 30
    public static let highRAMBase: UInt64 = 4 << 30
    /// RAM sizes must be whole pages so that every region can back a KVM memory slot.
    public static let pageSize: UInt64 = 4096

    /// Guest memory holding `ramSize` bytes of RAM.
    ///
    /// RAM covers [0, min(ramSize, 3 GiB)) and, beyond 3 GiB, [4 GiB, 4 GiB + ramSize − 3 GiB). With
    /// `withLegacyHole` (needed when a firmware ROM is aliased below 1 MiB), [0xA0000, 0x100000) is left out;
    /// those 384 KiB count towards `ramSize` but are not given back elsewhere.
    public static func build(ramSize: UInt64, withLegacyHole: Bool) throws(BootError) -> GuestMemory {
        guard ramSize > 0, ramSize % pageSize == 0 else {
            throw .badMemorySize(bytes: ramSize, reason: "must be a positive multiple of 4 KiB")
        }
        let memory = GuestMemory()
        let lowEnd = min(ramSize, lowRAMLimit)
        do {
            if withLegacyHole {
                try memory.addRAM(name: "ram-low", at: 0, size: min(lowEnd, legacyHoleStart))
                if lowEnd > legacyHoleEnd {
                    try memory.addRAM(name: "ram-below-4g", at: legacyHoleEnd, size: lowEnd - legacyHoleEnd)
                }
            } else {
                try memory.addRAM(name: "ram-below-4g", at: 0, size: lowEnd)
            }
            if ramSize > lowRAMLimit {
                try memory.addRAM(name: "ram-above-4g", at: highRAMBase, size: ramSize - lowRAMLimit)
            }
        } catch {
            throw .memoryLayout(error)
        }
        return memory
    }
}
