import X86

/// A direct-mapped cache of decoded blocks: runs of instructions that start at one guest-physical
/// address and end at a control transfer (64-bit code runs on through direct JMP and CALL targets
/// on the same page), a system instruction, the page end or `blockCapacity` instructions. A block
/// is valid while the generation counter of its page is unchanged.
final class DecodedBlockCache {
    /// Where a block starts, how many instructions it holds, and the blocks that followed it.
    struct Header {
        /// Physical address of the first byte, with the decode mode in the top bits; `emptyTag` when unused.
        var tag: UInt64 = DecodedBlockCache.emptyTag
        var generation: UInt32 = 0
        var count: Int32 = 0
        /// The block's instruction slots and their fast forms.
        var instructions: UnsafeMutablePointer<DecodedInstruction>?
        var forms: UnsafeMutablePointer<FastForm>?
        /// The last two blocks execution went on to, so that the next fetch can skip translation.
        var links = InlineArray<2, Link>(repeating: Link())
        /// Which of `links` the next new successor replaces.
        var nextLink: UInt8 = 0
    }

    /// A successor of a block: where execution went (RIP and CS base) and which block was found
    /// there, while `linkEpoch` had the value `epoch`.
    struct Link {
        var rip: UInt64 = 0
        var codeBase: UInt64 = 0
        var epoch: UInt64 = 0
        var header: UnsafeMutablePointer<Header>?
    }

    /// Changes whenever a link between blocks may have gone stale: decoded code was invalidated, a
    /// slot went to another block, translations were flushed, or the mode or privilege changed.
    var linkEpoch: UInt64 = 0

    static let emptyTag = UInt64.max
    static let blockCount = 1 << 12
    static let blockCapacity = 32

    let headers: UnsafeMutablePointer<Header>
    let instructions: UnsafeMutablePointer<DecodedInstruction>
    /// The fast form of each instruction slot.
    let forms: UnsafeMutablePointer<FastForm>
    /// One instruction decoded outside any block (it crosses a page or wraps its segment).
    let scratch: UnsafeMutablePointer<DecodedInstruction>
    let scratchForm: UnsafeMutablePointer<FastForm>

    init() {
        headers = .allocate(capacity: Self.blockCount)
        headers.initialize(repeating: Header(), count: Self.blockCount)
        instructions = .allocate(capacity: Self.blockCount * Self.blockCapacity)
        instructions.initialize(repeating: DecodedInstruction(), count: Self.blockCount * Self.blockCapacity)
        forms = .allocate(capacity: Self.blockCount * Self.blockCapacity)
        forms.initialize(repeating: .general, count: Self.blockCount * Self.blockCapacity)
        scratch = .allocate(capacity: 1)
        scratch.initialize(to: DecodedInstruction())
        scratchForm = .allocate(capacity: 1)
        scratchForm.initialize(to: .general)
    }

    deinit {
        headers.deallocate()
        instructions.deallocate()
        forms.deallocate()
        scratch.deallocate()
        scratchForm.deallocate()
    }

    @inline(__always)
    static func index(_ physical: UInt64) -> Int { Int(truncatingIfNeeded: physical ^ (physical >> 12)) & (blockCount - 1) }

    @inline(__always)
    static func tag(_ physical: UInt64, modeKey: UInt64) -> UInt64 { physical | modeKey << 56 }

    /// The instruction slots of block `index`.
    @inline(__always)
    func slots(_ index: Int) -> UnsafeMutablePointer<DecodedInstruction> { instructions + index * Self.blockCapacity }

    /// The fast forms of block `index`'s slots.
    @inline(__always)
    func formSlots(_ index: Int) -> UnsafeMutablePointer<FastForm> { forms + index * Self.blockCapacity }
}
