import CKVM
import Glibc

/// A vCPU's shared kvm_run structure and the data area behind it, with bounds checks on every
/// offset the kernel hands out.
final class KVMRunArea {
    let base: UnsafeMutableRawPointer
    let size: Int

    /// Maps the run area of `vcpu`; `size` is what KVM_GET_VCPU_MMAP_SIZE reported.
    init(vcpu: borrowing KVMFileDescriptor, size: Int) throws(KVMError) {
        let address = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu.rawValue, 0)
        guard let address, address != MAP_FAILED else { throw .cannotMapRunArea(errno: errno) }
        base = address
        self.size = size
    }

    deinit { munmap(base, size) }

    /// The kvm_run structure at the start of the area.
    var run: UnsafeMutablePointer<kvm_run> { base.assumingMemoryBound(to: kvm_run.self) }

    /// Reads a little-endian value of `width` bytes (1 to 8) at a checked offset.
    func load(at offset: Int, width: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in 0..<width {
            value |= UInt64(base.load(fromByteOffset: offset + index, as: UInt8.self)) << (8 * UInt64(index))
        }
        return value
    }

    /// Writes the low `width` bytes (1 to 8) of `value` little-endian at a checked offset.
    func store(_ value: UInt64, at offset: Int, width: Int) {
        for index in 0..<width {
            let byte = UInt8(truncatingIfNeeded: value >> (8 * UInt64(index)))
            base.storeBytes(of: byte, toByteOffset: offset + index, as: UInt8.self)
        }
    }
}
