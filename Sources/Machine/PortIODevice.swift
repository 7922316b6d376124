/// A device that answers port-I/O accesses in the ranges it claims on the port-I/O bus.
public protocol PortIODevice: AnyObject {
    /// Reads `size` (1, 2, 4 or 8) bytes at `port`.
    func portRead(_ port: UInt16, size: Int) -> UInt64
    /// Writes the low `size` bytes of `value` to `port`.
    func portWrite(_ port: UInt16, size: Int, value: UInt64)
}
