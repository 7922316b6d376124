import CKVM
import Machine
import X86

/// One KVM virtual machine: a memory slot per region of a `GuestMemory`, and the vCPUs made in it.
final class KVMVirtualMachine {
    let device: KVMDevice
    /// The guest memory the slots map; held so its host mappings outlive the VM.
    let memory: GuestMemory
    let descriptor: KVMFileDescriptor
    private var nextVCPUID: UInt32 = 0

    /// One page KVM uses for the identity-mapped page table of real-mode guests.
    static let identityMapAddress: UInt64 = 0xFFFB_C000
    /// Three pages KVM uses for the TSS of real-mode guests.
    static let tssAddress: UInt64 = 0xFFFB_D000
    /// The guest-physical pages both occupy; no memory region may overlap them.
    static let reservedRange: Range<UInt64> = identityMapAddress..<(tssAddress + 3 * pageSize)
    private static let pageSize: UInt64 = 4096

    /// Creates the VM and maps every region of `memory`: RAM read-write, ROM read-only (guest
    /// writes to ROM exit as MMIO). Regions added to `memory` later are not mapped.
    init(device: KVMDevice, memory: GuestMemory) throws(KVMError) {
        self.device = device
        self.memory = memory
        descriptor = try device.createVirtualMachine()
        var identityMap = Self.identityMapAddress
        try descriptor.control(.setIdentityMapAddress, &identityMap)
        try descriptor.control(.setTSSAddress, value: UInt(Self.tssAddress))
        for (slot, region) in memory.regions.enumerated() {
            try mapSlot(UInt32(slot), region)
        }
    }

    /// Creates the next vCPU, with the host's CPUID and its own APIC ID, starting from `context`.
    func makeVirtualCPU(context: VCPUContext) throws(KVMError) -> KVMVirtualCPU {
        let id = nextVCPUID
        let vcpu = KVMFileDescriptor(adopting: try descriptor.control(.createVCPU, value: UInt(id)))
        nextVCPUID += 1
        try device.supportedCPUID.assigningAPICID(id).install(on: vcpu)
        return try KVMVirtualCPU(virtualMachine: self, descriptor: vcpu, context: context)
    }

    private func mapSlot(_ slot: UInt32, _ region: MemoryRegion) throws(KVMError) {
        let hostAddress = UInt64(UInt(bitPattern: region.host))
        guard region.guestBase % Self.pageSize == 0, region.size % Self.pageSize == 0,
              hostAddress % Self.pageSize == 0 else {
            throw .unalignedRegion(name: region.name, base: region.guestBase, size: region.size)
        }
        guard region.guestEnd <= Self.reservedRange.lowerBound || region.guestBase >= Self.reservedRange.upperBound else {
            throw .reservedRangeTaken(name: region.name)
        }
        var slotDescription = kvm_userspace_memory_region(
            slot: slot, flags: region.kind == .rom ? UInt32(KVM_MEM_READONLY) : 0,
            guest_phys_addr: region.guestBase, memory_size: region.size, userspace_addr: hostAddress)
        try descriptor.control(.setUserMemoryRegion, &slotDescription)
    }
}
