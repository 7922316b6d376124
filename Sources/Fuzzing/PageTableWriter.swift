import SeededRandom

/// Writes random but well-formed page tables for the low 2 MiB of linear memory (and a few large
/// pages above): pages present or not, writable or read-only, user or supervisor, executable or
/// not, some mapped to ROM or to holes (so accesses exit to MMIO), accessed and dirty bits at random.
struct PageTableWriter {
    static let present: UInt64 = 1 << 0
    static let writable: UInt64 = 1 << 1
    static let user: UInt64 = 1 << 2
    static let accessed: UInt64 = 1 << 5
    static let dirty: UInt64 = 1 << 6
    static let largePage: UInt64 = 1 << 7
    static let global: UInt64 = 1 << 8
    static let noExecute: UInt64 = 1 << 63

    let ram: RAMImage

    /// Writes the tables `paging` walks and returns the CR3 root they start from.
    func write(_ paging: PagingKind, using random: inout SeededGenerator) -> UInt64 {
        let entries = (0..<512).map { page in pageEntry(UInt64(page), using: &random) }
        let directoryFlags = Self.present | Self.writable | Self.user | Self.accessed
        switch paging {
        case .none:
            return 0
        case .bits32:
            for (page, entry) in entries.enumerated() {
                ram.store(UInt32(truncatingIfNeeded: entry), at: FuzzAddressSpace.legacyPageTable + UInt64(page) * 4)
            }
            for page in 512..<1024 where Bool.random(using: &random) {
                let hole = FuzzAddressSpace.holeBase + UInt64(page) << 12
                ram.store(UInt32(truncatingIfNeeded: hole | Self.present | Self.writable | Self.user), at: FuzzAddressSpace.legacyPageTable + UInt64(page) * 4)
            }
            ram.store(UInt32(FuzzAddressSpace.legacyPageTable | randomFlags(directoryFlags, using: &random)), at: FuzzAddressSpace.legacyPageDirectory)
            // A 4 MiB page (under CR4.PSE) over a hole at linear 4 MiB and at 3 GiB.
            let large = UInt32(truncatingIfNeeded: FuzzAddressSpace.holeBase) | UInt32(Self.present | Self.writable | Self.user | Self.largePage)
            ram.store(large, at: FuzzAddressSpace.legacyPageDirectory + 4)
            ram.store(large, at: FuzzAddressSpace.legacyPageDirectory + 0x300 * 4)
            return FuzzAddressSpace.legacyPageDirectory | UInt64.random(in: 0...1, using: &random) << 3
        case .pae, .fourLevel:
            for (page, entry) in entries.enumerated() {
                ram.store(entry, at: FuzzAddressSpace.pageTable + UInt64(page) * 8)
            }
            ram.store(FuzzAddressSpace.pageTable | randomFlags(directoryFlags, using: &random), at: FuzzAddressSpace.pageDirectory)
            // 2 MiB pages: the upper ROM half (and the hole above it), and a hole.
            ram.store(0x20_0000 | Self.present | Self.writable | Self.user | Self.largePage, at: FuzzAddressSpace.pageDirectory + 8)
            ram.store(FuzzAddressSpace.holeBase | Self.present | Self.writable | Self.user | Self.largePage | Self.dirty, at: FuzzAddressSpace.pageDirectory + 16)
            if paging == .pae {
                ram.store(FuzzAddressSpace.pageDirectory | Self.present, at: FuzzAddressSpace.paePointerTable)
                if Bool.random(using: &random) { ram.store(FuzzAddressSpace.pageDirectory | Self.present, at: FuzzAddressSpace.paePointerTable + 24) }
                return FuzzAddressSpace.paePointerTable
            }
            ram.store(FuzzAddressSpace.pageDirectory | randomFlags(directoryFlags, using: &random), at: FuzzAddressSpace.pdpt)
            if Bool.random(using: &random) { ram.store(FuzzAddressSpace.pageDirectory | directoryFlags, at: FuzzAddressSpace.pdpt + 3 * 8) }
            // The top of the address space (the negative half) sees the same tables as the bottom.
            for slot: UInt64 in [0, 256, 511] where slot == 0 || Bool.random(using: &random) {
                ram.store(FuzzAddressSpace.pdpt | directoryFlags, at: FuzzAddressSpace.pml4 + slot * 8)
            }
            return FuzzAddressSpace.pml4
        }
    }

    /// Directory flags, now and then with the user or writable bit cleared.
    private func randomFlags(_ flags: UInt64, using random: inout SeededGenerator) -> UInt64 {
        switch Int.random(in: 0..<20, using: &random) {
        case 0: flags & ~Self.user
        case 1: flags & ~Self.writable
        default: flags
        }
    }

    /// The entry for linear page `page` (of the low 2 MiB).
    private func pageEntry(_ page: UInt64, using random: inout SeededGenerator) -> UInt64 {
        let identity = page << 12
        let roll = Int.random(in: 0..<100, using: &random)
        var entry: UInt64
        switch page {
        case 0..<0x10:
            // The playground: mostly ordinary user pages.
            guard roll >= 4 else { return 0 }
            entry = identity | Self.present
            if roll < 8 { entry = FuzzAddressSpace.holeBase + identity | Self.present } else if roll < 10 { entry = FuzzAddressSpace.romBase + identity | Self.present }
            if Int.random(in: 0..<10, using: &random) < 8 { entry |= Self.writable }
            if Int.random(in: 0..<10, using: &random) < 9 { entry |= Self.user }
            // Without EFER.NXE the bit is reserved: the walk faults.
            if Int.random(in: 0..<20, using: &random) == 0 { entry |= Self.noExecute }
        case 0x10..<0x20:
            // System structures: supervisor pages, a few with random rights.
            entry = identity | Self.present | Self.writable
            if roll < 5 { entry ^= UInt64.random(in: 0...7, using: &random) & (Self.writable | Self.user) }
        case 0x20..<0x100:
            guard roll >= 50 else { return 0 }
            entry = FuzzAddressSpace.holeBase + identity | Self.present | Self.writable | Self.user
        default:
            entry = identity | Self.present | Self.user
            if roll < 30 { entry |= Self.writable }
        }
        entry |= UInt64.random(in: 0...3, using: &random) << 5
        if Int.random(in: 0..<10, using: &random) == 0 { entry |= Self.global }
        return entry
    }
}
