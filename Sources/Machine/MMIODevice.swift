/// A device that answers memory-mapped accesses in the range it claims on the MMIO bus.
public protocol MMIODevice: AnyObject {
    /// Reads `size` (1, 2, 4 or 8) bytes at `offset` from the start of the claimed range.
    func mmioRead(offset: UInt64, size: Int) -> UInt64
    /// Writes the low `size` bytes of `value` at `offset` from the start of the claimed range.
    func mmioWrite(offset: UInt64, size: Int, value: UInt64)
}
