/// The Multiboot (version 1) information structure a loader hands the kernel in EBX, with the memory map and
/// strings it points to.
struct MultibootInformation {
    /// One entry of the BIOS-style memory map (`mmap_*` fields).
    struct MemoryMapEntry {
        static let available: UInt32 = 1
        static let reserved: UInt32 = 2

        let base: UInt64
        let length: UInt64
        let type: UInt32
    }

    /// Flag bits of the fields this loader provides.
    private enum Flag {
        static let memory: UInt32 = 1 << 0
        static let commandLine: UInt32 = 1 << 2
        static let memoryMap: UInt32 = 1 << 6
        static let bootLoaderName: UInt32 = 1 << 9
    }

    /// Size of the structure itself, up to and including the framebuffer fields of specification 0.6.96.
    static let structureSize = 116
    /// Size of a memory-map entry, not counting its leading size field.
    private static let memoryMapEntrySize: UInt32 = 20

    let lowerMemoryKiB: UInt32
    let upperMemoryKiB: UInt32
    let memoryMap: [MemoryMapEntry]
    let commandLine: String
    let bootLoaderName: String

    /// Describes `ram`: lower memory is RAM from 0 up to 640 KiB, upper memory is RAM from 1 MiB up to the first
    /// hole, and the map lists every RAM range as available except the legacy 640 KiB–1 MiB hole, which is reserved.
    init(ram: [Range<UInt64>], commandLine: String, bootLoaderName: String) {
        let hole = PCMemoryLayout.legacyHoleStart..<PCMemoryLayout.legacyHoleEnd
        let lowerEnd = ram.first { $0.contains(0) }.map { min($0.upperBound, hole.lowerBound) } ?? 0
        let upperEnd = ram.first { $0.contains(hole.upperBound) }.map { min($0.upperBound, 1 << 32) }
            ?? hole.upperBound
        lowerMemoryKiB = UInt32(lowerEnd / 1024)
        upperMemoryKiB = UInt32((upperEnd - hole.upperBound) / 1024)
        var map: [MemoryMapEntry] = []
        for range in ram {
            for piece in [range.clamped(to: 0..<hole.lowerBound), range.clamped(to: hole.upperBound..<UInt64.max)]
            where !piece.isEmpty {
                map.append(MemoryMapEntry(
                    base: piece.lowerBound, length: UInt64(piece.count), type: MemoryMapEntry.available))
            }
        }
        map.append(MemoryMapEntry(base: hole.lowerBound, length: UInt64(hole.count), type: MemoryMapEntry.reserved))
        memoryMap = map.sorted { $0.base < $1.base }
        self.commandLine = commandLine
        self.bootLoaderName = bootLoaderName
    }

    /// Number of bytes `encoded(at:)` produces.
    var encodedSize: Int {
        Self.structureSize + memoryMap.count * Int(4 + Self.memoryMapEntrySize)
            + commandLine.utf8.count + 1 + bootLoaderName.utf8.count + 1
    }

    /// The structure followed by the memory map and the two NUL-terminated strings, for placement at `address`
    /// (below 4 GiB − `encodedSize`), with every pointer field holding the guest-physical address of its data.
    func encoded(at address: UInt32) -> [UInt8] {
        let memoryMapAddress = address + UInt32(Self.structureSize)
        let memoryMapLength = UInt32(memoryMap.count) * (4 + Self.memoryMapEntrySize)
        let commandLineAddress = memoryMapAddress + memoryMapLength
        let bootLoaderNameAddress = commandLineAddress + UInt32(commandLine.utf8.count + 1)

        var bytes: [UInt8] = []
        bytes.reserveCapacity(encodedSize)
        bytes.appendLittleEndian(Flag.memory | Flag.commandLine | Flag.memoryMap | Flag.bootLoaderName)
        bytes.appendLittleEndian(lowerMemoryKiB)
        bytes.appendLittleEndian(upperMemoryKiB)
        bytes.appendLittleEndian(UInt32(0))  // boot_device
        bytes.appendLittleEndian(commandLineAddress)
        bytes.append(contentsOf: repeatElement(0, count: 44 - bytes.count))  // modules and symbols: none
        bytes.appendLittleEndian(memoryMapLength)
        bytes.appendLittleEndian(memoryMapAddress)
        bytes.append(contentsOf: repeatElement(0, count: 64 - bytes.count))  // drives, configuration table: none
        bytes.appendLittleEndian(bootLoaderNameAddress)
        bytes.append(contentsOf: repeatElement(0, count: Self.structureSize - bytes.count))  // APM, VBE, framebuffer
        for entry in memoryMap {
            bytes.appendLittleEndian(Self.memoryMapEntrySize)
            bytes.appendLittleEndian(entry.base)
            bytes.appendLittleEndian(entry.length)
            bytes.appendLittleEndian(entry.type)
        }
        bytes.append(contentsOf: commandLine.utf8)
        bytes.append(0)
        bytes.append(contentsOf: bootLoaderName.utf8)
        bytes.append(0)
        return bytes
    }
}
