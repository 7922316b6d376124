import Machine

/// The interpreter's view of guest-physical memory: host pointers for RAM and ROM pages, and a
/// generation counter per page that tells the decoded-instruction cache when code was overwritten.
final class PhysicalMemoryMap {
    /// One RAM or ROM region with its page generation counters.
    struct Region {
        let base: UInt64
        let size: UInt64
        let host: UnsafeMutableRawPointer
        let isROM: Bool
        let generations: UnsafeMutablePointer<UInt32>
    }

    /// A generation counter's top bit: the page holds cached decoded instructions.
    static let holdsCodeBit: UInt32 = 1 << 31

    let regions: [Region]
    /// The guest memory whose mappings the regions point into; kept alive while the map exists.
    let memory: GuestMemory

    init(memory: GuestMemory) {
        self.memory = memory
        regions = memory.regions.map { region in
            let pages = Int((region.size + 4095) / 4096)
            let generations = UnsafeMutablePointer<UInt32>.allocate(capacity: pages)
            generations.initialize(repeating: 0, count: pages)
            return Region(base: region.guestBase, size: region.size, host: region.host, isROM: region.kind == .rom, generations: generations)
        }
    }

    deinit {
        for region in regions { region.generations.deallocate() }
    }

    /// Invalidates every decoded instruction, for when the host rewrote guest memory behind the interpreter.
    func invalidateAllCode() {
        for region in regions {
            for page in 0..<Int((region.size + 4095) / 4096) {
                invalidateCode(region.generations + page)
            }
        }
    }

    /// Drops the decoded blocks of the page whose generation counter this is; returns whether it held any.
    @discardableResult
    func invalidateCode(_ generation: UnsafeMutablePointer<UInt32>) -> Bool {
        guard generation.pointee & Self.holdsCodeBit != 0 else { return false }
        generation.pointee = (generation.pointee &+ 1) & ~Self.holdsCodeBit
        return true
    }

    /// The page that holds `physical`: host pointer of its first byte and its generation counter;
    /// nil for holes (MMIO). Pages that straddle a region's end are treated as holes.
    func page(containing physical: UInt64) -> (host: UnsafeMutableRawPointer, generation: UnsafeMutablePointer<UInt32>, isROM: Bool)? {
        let pageBase = physical & ~0xFFF
        for region in regions where pageBase >= region.base && pageBase - region.base < region.size {
            let offset = pageBase - region.base
            guard region.size - offset >= 4096 else { return nil }
            return (region.host + Int(offset), region.generations + Int(offset >> 12), region.isROM)
        }
        return nil
    }
}
