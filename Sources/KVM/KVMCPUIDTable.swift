import CKVM
import Glibc

/// The CPUID leaves a vCPU reports: what KVM_GET_SUPPORTED_CPUID offers, installed with KVM_SET_CPUID2.
struct KVMCPUIDTable: Sendable {
    var entries: [kvm_cpuid_entry2]

    /// The leaves the host supports, asking again with more room while the kernel answers E2BIG.
    static func supported(by device: borrowing KVMFileDescriptor) throws(KVMError) -> KVMCPUIDTable {
        var capacity = 128
        while true {
            let list = KVMVariableArray<kvm_cpuid_entry2>(capacity: capacity)
            do {
                try device.control(.getSupportedCPUID, buffer: list.buffer)
                return KVMCPUIDTable(entries: list.entries).withHostBrandString()
            } catch where error.errno == E2BIG && capacity < 4096 {
                capacity *= 2
            }
        }
    }

    /// The table with `id` as the initial APIC ID (leaf 1 EBX[31:24]) and x2APIC ID (leaves 0xB and 0x1F EDX).
    func assigningAPICID(_ id: UInt32) -> KVMCPUIDTable {
        var table = self
        for index in table.entries.indices {
            switch table.entries[index].function {
            case 1:
                table.entries[index].ebx = table.entries[index].ebx & 0x00FF_FFFF | (id & 0xFF) << 24
            case 0xB, 0x1F:
                table.entries[index].edx = id
            default:
                break
            }
        }
        return table
    }

    /// The table with the host processor's brand string (leaves 0x80000002–4), which KVM leaves empty.
    func withHostBrandString() -> KVMCPUIDTable {
        var table = self
        for leaf in UInt32(0x8000_0002)...0x8000_0004 {
            var entry = kvm_cpuid_entry2()
            entry.function = leaf
            ckvm_host_cpuid(leaf, &entry.eax, &entry.ebx, &entry.ecx, &entry.edx)
            if let index = table.entries.firstIndex(where: { $0.function == leaf }) {
                table.entries[index] = entry
            } else {
                table.entries.append(entry)
            }
        }
        return table
    }

    /// Installs the table on a vCPU.
    func install(on vcpu: borrowing KVMFileDescriptor) throws(KVMError) {
        let list = KVMVariableArray(entries)
        try vcpu.control(.setCPUID, buffer: list.buffer)
    }
}
