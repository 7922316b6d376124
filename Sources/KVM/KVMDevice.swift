import CKVM
import Glibc

/// The KVM device node: checks the API version and capabilities and creates virtual machines.
final class KVMDevice {
    let descriptor: KVMFileDescriptor
    /// Bytes of the kvm_run area each vCPU maps.
    let runAreaSize: Int
    /// The CPUID leaves the host offers a guest.
    let supportedCPUID: KVMCPUIDTable
    /// How a vCPU's XSAVE area is read: its size, and with which request.
    let extendedStateLayout: KVMExtendedStateArea.Layout

    /// The capabilities the engine relies on, with the names errors report.
    private static let requiredCapabilities: [(capability: Int32, name: String)] = [
        (KVM_CAP_IMMEDIATE_EXIT, "KVM_CAP_IMMEDIATE_EXIT"),
        (KVM_CAP_READONLY_MEM, "KVM_CAP_READONLY_MEM"),
        (KVM_CAP_SET_TSS_ADDR, "KVM_CAP_SET_TSS_ADDR"),
        (KVM_CAP_SET_IDENTITY_MAP_ADDR, "KVM_CAP_SET_IDENTITY_MAP_ADDR"),
        (KVM_CAP_EXT_CPUID, "KVM_CAP_EXT_CPUID"),
        (KVM_CAP_VCPU_EVENTS, "KVM_CAP_VCPU_EVENTS"),
        (KVM_CAP_DEBUGREGS, "KVM_CAP_DEBUGREGS"),
        (KVM_CAP_XSAVE, "KVM_CAP_XSAVE"),
    ]

    /// Opens the device at `path` and checks that it speaks the stable KVM API.
    init(path: String) throws(KVMError) {
        let rawValue = open(path, O_RDWR | O_CLOEXEC)
        guard rawValue >= 0 else { throw .cannotOpenDevice(path: path, errno: errno) }
        descriptor = KVMFileDescriptor(adopting: rawValue)
        let version = try descriptor.control(.getAPIVersion)
        guard version == KVM_API_VERSION else { throw .unsupportedAPIVersion(version) }
        for required in Self.requiredCapabilities {
            guard try descriptor.control(.checkExtension, value: UInt(required.capability)) > 0 else {
                throw .missingCapability(required.name)
            }
        }
        let size = try descriptor.control(.getVCPUMmapSize)
        guard size >= MemoryLayout<kvm_run>.size else { throw .invalidRunAreaSize(size) }
        runAreaSize = Int(size)
        supportedCPUID = try KVMCPUIDTable.supported(by: descriptor)
        extendedStateLayout = KVMExtendedStateArea.Layout(
            xsave2Size: Int(try descriptor.control(.checkExtension, value: UInt(KVM_CAP_XSAVE2))))
    }

    /// Creates an empty virtual machine and returns its descriptor.
    func createVirtualMachine() throws(KVMError) -> KVMFileDescriptor {
        KVMFileDescriptor(adopting: try descriptor.control(.createVM))
    }
}
