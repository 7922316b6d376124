import CKVM

/// A KVM_EXIT_IO whose elements (several for INS and OUTS) the vCPU hands to the run loop one
/// exit at a time before it re-enters KVM_RUN.
struct KVMPendingPortIO {
    let isWrite: Bool
    let port: UInt16
    /// Bytes per element: 1, 2 or 4.
    let width: Int
    let count: Int
    /// Offset of the first element from the start of the run area.
    let dataOffset: Int
    /// The next element to hand out.
    var next = 0

    /// Validates the kernel's description of the exit against a run area of `areaSize` bytes;
    /// nil when the exit is malformed or its elements do not fit.
    init?(_ io: (direction: UInt8, size: UInt8, port: UInt16, count: UInt32, dataOffset: UInt64), areaSize: Int) {
        guard io.direction == UInt8(KVM_EXIT_IO_IN) || io.direction == UInt8(KVM_EXIT_IO_OUT),
              io.size == 1 || io.size == 2 || io.size == 4, io.count > 0, areaSize >= 0,
              io.dataOffset <= UInt64(areaSize),
              UInt64(io.count) <= (UInt64(areaSize) - io.dataOffset) / UInt64(io.size) else { return nil }
        isWrite = io.direction == UInt8(KVM_EXIT_IO_OUT)
        port = io.port
        width = Int(io.size)
        count = Int(io.count)
        dataOffset = Int(io.dataOffset)
    }

    /// Offset of element `index` from the start of the run area.
    func offset(of index: Int) -> Int { dataOffset + index * width }
}
