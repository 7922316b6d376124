/// One piece of a kernel image: bytes of the file placed at a physical address and zero-filled to its memory size.
struct KernelSegment {
    /// How messages name the segment, e.g. "ELF segment 2".
    let name: String
    let address: UInt64
    let fileRange: Range<Int>
    let memorySize: UInt64

    /// Guest-physical addresses the segment occupies.
    var addresses: Range<UInt64> { address..<address + memorySize }
}
