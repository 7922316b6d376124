import X86

/// A direct-mapped cache of decoded instructions keyed by guest-physical address, validated
/// against the generation counter of the page that holds them.
final class DecodedInstructionCache {
    /// One cached instruction.
    struct Slot {
        /// Physical address of the first byte, with the decode mode in the top bits; `emptyTag` when unused.
        var tag: UInt64 = DecodedInstructionCache.emptyTag
        var generation: UInt32 = 0
        var instruction = DecodedInstruction()
    }

    static let emptyTag = UInt64.max
    static let slotCount = 1 << 15

    let slots: UnsafeMutablePointer<Slot>

    init() {
        slots = .allocate(capacity: Self.slotCount)
        slots.initialize(repeating: Slot(), count: Self.slotCount)
    }

    deinit {
        slots.deinitialize(count: Self.slotCount)
        slots.deallocate()
    }

    @inline(__always)
    static func index(_ physical: UInt64) -> Int { Int(truncatingIfNeeded: physical ^ (physical >> 15)) & (slotCount - 1) }

    @inline(__always)
    static func tag(_ physical: UInt64, modeKey: UInt64) -> UInt64 { physical | modeKey << 56 }
}
