import X86

/// A direct-mapped cache of decoded blocks: runs of instructions that start at one guest-physical
/// address and end at a control transfer, a system instruction, the page end or `blockCapacity`
/// instructions. A block is valid while the generation counter of its page is unchanged.
final class DecodedBlockCache {
    /// Where a block starts and how many instructions it holds.
    struct Header {
        /// Physical address of the first byte, with the decode mode in the top bits; `emptyTag` when unused.
        var tag: UInt64 = DecodedBlockCache.emptyTag
        var generation: UInt32 = 0
        var count: Int32 = 0
    }

    static let emptyTag = UInt64.max
    static let blockCount = 1 << 12
    static let blockCapacity = 32

    let headers: UnsafeMutablePointer<Header>
    let instructions: UnsafeMutablePointer<DecodedInstruction>
    /// One instruction decoded outside any block (it crosses a page or wraps its segment).
    let scratch: UnsafeMutablePointer<DecodedInstruction>

    init() {
        headers = .allocate(capacity: Self.blockCount)
        headers.initialize(repeating: Header(), count: Self.blockCount)
        instructions = .allocate(capacity: Self.blockCount * Self.blockCapacity)
        instructions.initialize(repeating: DecodedInstruction(), count: Self.blockCount * Self.blockCapacity)
        scratch = .allocate(capacity: 1)
        scratch.initialize(to: DecodedInstruction())
    }

    deinit {
        headers.deallocate()
        instructions.deallocate()
        scratch.deallocate()
    }

    @inline(__always)
    static func index(_ physical: UInt64) -> Int { Int(truncatingIfNeeded: physical ^ (physical >> 12)) & (blockCount - 1) }

    @inline(__always)
    static func tag(_ physical: UInt64, modeKey: UInt64) -> UInt64 { physical | modeKey << 56 }

    /// The instruction slots of block `index`.
    @inline(__always)
    func slots(_ index: Int) -> UnsafeMutablePointer<DecodedInstruction> { instructions + index * Self.blockCapacity }
}
