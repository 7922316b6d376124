import CKVM
import Glibc

/// An open KVM file descriptor (/dev/kvm, a VM or a vCPU), closed when it goes away.
struct KVMFileDescriptor: ~Copyable {
    let rawValue: Int32

    /// Takes ownership of an open descriptor.
    init(adopting rawValue: Int32) {
        self.rawValue = rawValue
    }

    deinit { close(rawValue) }

    /// Issues `request` with an integer argument and returns the ioctl's non-negative result.
    @discardableResult
    func control(_ request: KVMRequest, value: UInt = 0) throws(KVMError) -> Int32 {
        let result = ckvm_ioctl_value(rawValue, request.number, value)
        guard result >= 0 else { throw .requestFailed(request: request.name, errno: errno) }
        return result
    }

    /// Issues `request` with an integer argument and returns 0 on success or the errno of the failure
    /// (KVM_RUN, whose EINTR is an answer, not an error).
    func attempt(_ request: KVMRequest, value: UInt = 0) -> Int32 {
        ckvm_ioctl_value(rawValue, request.number, value) >= 0 ? 0 : errno
    }

    /// Issues `request` with a pointer to `argument`, which the kernel reads or fills.
    @discardableResult
    func control<Argument>(_ request: KVMRequest, _ argument: inout Argument) throws(KVMError) -> Int32 {
        let descriptor = rawValue
        let (result, code) = withUnsafeMutableBytes(of: &argument) { bytes in
            let result = ckvm_ioctl_pointer(descriptor, request.number, bytes.baseAddress)
            return (result, errno)
        }
        guard result >= 0 else { throw .requestFailed(request: request.name, errno: code) }
        return result
    }

    /// Issues `request` with a pointer to a buffer the caller laid out.
    @discardableResult
    func control(_ request: KVMRequest, buffer: UnsafeMutableRawPointer) throws(KVMError) -> Int32 {
        let result = ckvm_ioctl_pointer(rawValue, request.number, buffer)
        guard result >= 0 else { throw .requestFailed(request: request.name, errno: errno) }
        return result
    }
}
