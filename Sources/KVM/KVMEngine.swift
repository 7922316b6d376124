import Machine
import X86

/// The execution engine that runs guest code on the host processor through Linux KVM.
public final class KVMEngine: ExecutionEngine {
    public let name = "kvm"
    private let device: KVMDevice
    /// The VM of the guest memory the last vCPU was made for; vCPUs over the same memory share it.
    private var virtualMachine: KVMVirtualMachine?

    /// Opens the KVM device (normally /dev/kvm) and checks its API version and capabilities.
    public init(devicePath: String = "/dev/kvm") throws(KVMError) {
        device = try KVMDevice(path: devicePath)
    }

    /// Creates a vCPU over `memory`, whose layout must be complete: the first vCPU over a memory
    /// creates the KVM VM and maps its regions.
    public func makeVirtualCPU(memory: GuestMemory, context: VCPUContext) throws(KVMError) -> any VirtualCPU {
        let machine: KVMVirtualMachine
        if let existing = virtualMachine, existing.memory === memory {
            machine = existing
        } else {
            machine = try KVMVirtualMachine(device: device, memory: memory)
            virtualMachine = machine
        }
        return try machine.makeVirtualCPU(context: context)
    }
}
