import Machine
import X86

/// Maps a firmware image (a BIOS or UEFI ROM such as SeaBIOS) as ROM ending at 4 GiB, aliases its last
/// 128 KiB (or all of it, if smaller) to end at 1 MiB, and starts the processor at the reset vector.
///
/// The image must be a non-empty multiple of 4 KiB — whole pages, so that KVM can map it — and at most 16 MiB.
/// The caller must leave the legacy hole free of RAM (`PCMemoryLayout.build(ramSize:withLegacyHole: true)`).
public struct FirmwareLoader {
    public static let maximumSize: UInt64 = 16 << 20
    public static let lowAliasMaximumSize: UInt64 = 128 << 10
    public static let romEnd: UInt64 = 4 << 30
    public static let lowAliasEnd: UInt64 = PCMemoryLayout.legacyHoleEnd

    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// Maps the ROM and its low alias and returns the power-on state (CS F000 with base FFFF0000, IP FFF0).
    public func load(into memory: GuestMemory) throws(BootError) -> VCPUContext {
        let image = try HostFile.read(path, maximumSize: Self.maximumSize, limit: "the 16 MiB a firmware ROM may hold")
        let size = UInt64(image.count)
        guard size % PCMemoryLayout.pageSize == 0 else {
            throw .malformed(path: path, reason: "firmware size \(size) bytes is not a multiple of 4 KiB")
        }
        let aliasSize = min(size, Self.lowAliasMaximumSize)
        do {
            let rom = try memory.addROM(name: "firmware", at: Self.romEnd - size, contents: image)
            try memory.addROMAlias(of: rom, name: "firmware-low", at: Self.lowAliasEnd - aliasSize, size: aliasSize)
        } catch {
            throw .doesNotFit(path: path, reason: error.description)
        }
        return .powerOn()
    }
}
