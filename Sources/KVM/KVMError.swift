import CKVM
import Glibc

/// Why the KVM engine could not open KVM, build a VM or a vCPU, or talk to one.
public enum KVMError: Error, Equatable, CustomStringConvertible {
    /// The KVM device node could not be opened.
    case cannotOpenDevice(path: String, errno: Int32)
    /// The kernel speaks another KVM API version than the stable one (12).
    case unsupportedAPIVersion(Int32)
    /// The kernel lacks a capability the engine relies on.
    case missingCapability(String)
    /// An ioctl failed.
    case requestFailed(request: String, errno: Int32)
    /// KVM read or wrote fewer model-specific registers than asked; `index` is the first it refused.
    case msrRefused(index: UInt32, writing: Bool)
    /// A memory region covers the pages KVM needs for its real-mode TSS and identity map.
    case reservedRangeTaken(name: String)
    /// KVM kept an instruction's port I/O or MMIO going while the engine tried to finish it
    /// before loading a new context.
    case pendingOperationUnfinished
    /// The vCPU run area could not be mapped.
    case cannotMapRunArea(errno: Int32)
    /// The kernel reported a run-area size the engine cannot use.
    case invalidRunAreaSize(Int32)
    /// A memory region does not start and end on a page boundary, which KVM memory slots need.
    case unalignedRegion(name: String, base: UInt64, size: UInt64)

    /// The errno of a failed system call, if that is what went wrong.
    public var errno: Int32? {
        switch self {
        case .cannotOpenDevice(_, let code), .requestFailed(_, let code), .cannotMapRunArea(let code): code
        default: nil
        }
    }

    public var description: String {
        switch self {
        case .cannotOpenDevice(let path, let code):
            "cannot open \(path): \(Self.message(code))"
        case .unsupportedAPIVersion(let version):
            "KVM API version \(version) is not supported (swiftvmm needs version \(KVM_API_VERSION))"
        case .missingCapability(let name):
            "KVM lacks the capability \(name)"
        case .requestFailed(let request, let code):
            "\(request) failed: \(Self.message(code))"
        case .msrRefused(let index, let writing):
            "KVM refused to \(writing ? "write" : "read") MSR 0x\(String(index, radix: 16))"
        case .reservedRangeTaken(let name):
            "\(name) overlaps 0x\(String(Self.reserved.lowerBound, radix: 16))-0x\(String(Self.reserved.upperBound - 1, radix: 16)), "
                + "which KVM needs for its real-mode TSS and identity map"
        case .pendingOperationUnfinished:
            "KVM did not finish the guest's port I/O or MMIO instruction, so a new vCPU context cannot be loaded"
        case .cannotMapRunArea(let code):
            "cannot map the KVM vCPU run area: \(Self.message(code))"
        case .invalidRunAreaSize(let size):
            "KVM reported an unusable vCPU run-area size of \(size) bytes"
        case .unalignedRegion(let name, let base, let size):
            "\(name) at 0x\(String(base, radix: 16)) (\(size) bytes) is not page-aligned, which KVM memory slots need"
        }
    }

    private static var reserved: Range<UInt64> { KVMVirtualMachine.reservedRange }

    private static func message(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
