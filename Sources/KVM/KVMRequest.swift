import CKVM

/// A KVM ioctl: its request number and the name errors report it by.
struct KVMRequest: Sendable {
    let name: String
    let number: UInt

    static let getAPIVersion = KVMRequest(name: "KVM_GET_API_VERSION", number: CKVM_GET_API_VERSION)
    static let createVM = KVMRequest(name: "KVM_CREATE_VM", number: CKVM_CREATE_VM)
    static let getVCPUMmapSize = KVMRequest(name: "KVM_GET_VCPU_MMAP_SIZE", number: CKVM_GET_VCPU_MMAP_SIZE)
    static let getSupportedCPUID = KVMRequest(name: "KVM_GET_SUPPORTED_CPUID", number: CKVM_GET_SUPPORTED_CPUID)
    static let checkExtension = KVMRequest(name: "KVM_CHECK_EXTENSION", number: CKVM_CHECK_EXTENSION)
    static let createVCPU = KVMRequest(name: "KVM_CREATE_VCPU", number: CKVM_CREATE_VCPU)
    static let setUserMemoryRegion = KVMRequest(name: "KVM_SET_USER_MEMORY_REGION", number: CKVM_SET_USER_MEMORY_REGION)
    static let setTSSAddress = KVMRequest(name: "KVM_SET_TSS_ADDR", number: CKVM_SET_TSS_ADDR)
    static let setIdentityMapAddress = KVMRequest(name: "KVM_SET_IDENTITY_MAP_ADDR", number: CKVM_SET_IDENTITY_MAP_ADDR)
    static let run = KVMRequest(name: "KVM_RUN", number: CKVM_RUN)
    static let getRegisters = KVMRequest(name: "KVM_GET_REGS", number: CKVM_GET_REGS)
    static let setRegisters = KVMRequest(name: "KVM_SET_REGS", number: CKVM_SET_REGS)
    static let getSpecialRegisters = KVMRequest(name: "KVM_GET_SREGS", number: CKVM_GET_SREGS)
    static let setSpecialRegisters = KVMRequest(name: "KVM_SET_SREGS", number: CKVM_SET_SREGS)
    static let getMSRs = KVMRequest(name: "KVM_GET_MSRS", number: CKVM_GET_MSRS)
    static let setMSRs = KVMRequest(name: "KVM_SET_MSRS", number: CKVM_SET_MSRS)
    static let getXSAVE = KVMRequest(name: "KVM_GET_XSAVE", number: CKVM_GET_XSAVE)
    static let getXSAVE2 = KVMRequest(name: "KVM_GET_XSAVE2", number: CKVM_GET_XSAVE2)
    static let setXSAVE = KVMRequest(name: "KVM_SET_XSAVE", number: CKVM_SET_XSAVE)
    static let getDebugRegisters = KVMRequest(name: "KVM_GET_DEBUGREGS", number: CKVM_GET_DEBUGREGS)
    static let setDebugRegisters = KVMRequest(name: "KVM_SET_DEBUGREGS", number: CKVM_SET_DEBUGREGS)
    static let getVCPUEvents = KVMRequest(name: "KVM_GET_VCPU_EVENTS", number: CKVM_GET_VCPU_EVENTS)
    static let setVCPUEvents = KVMRequest(name: "KVM_SET_VCPU_EVENTS", number: CKVM_SET_VCPU_EVENTS)
    static let setCPUID = KVMRequest(name: "KVM_SET_CPUID2", number: CKVM_SET_CPUID2)
}
