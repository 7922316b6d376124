import CKVM
import X86

/// The model-specific registers a vCPU moves between its `VCPUContext` and KVM: those of
/// `ModelSpecificRegisters` (EFER and the APIC base travel in kvm_sregs) that the host accepts.
struct KVMModelSpecificRegisterList: Sendable {
    /// Every MSR the context holds outside kvm_sregs.
    static let candidates: [UInt32] = [
        MSRIndex.timeStampCounter, MSRIndex.sysenterCS, MSRIndex.sysenterESP, MSRIndex.sysenterEIP,
        MSRIndex.star, MSRIndex.lstar, MSRIndex.cstar, MSRIndex.sfmask, MSRIndex.kernelGSBase,
        MSRIndex.pat, MSRIndex.miscEnable, MSRIndex.mtrrDefaultType, MSRIndex.tscAux,
    ]

    /// The candidates the host let the vCPU read and write back.
    let indices: [UInt32]

    /// Keeps the candidates that `vcpu` can both read and write.
    init(probing vcpu: borrowing KVMFileDescriptor) {
        var accepted: [UInt32] = []
        for index in Self.candidates {
            let list = KVMVariableArray([kvm_msr_entry(index: index, reserved: 0, data: 0)])
            guard (try? vcpu.control(.getMSRs, buffer: list.buffer)) == 1,
                  (try? vcpu.control(.setMSRs, buffer: list.buffer)) == 1 else { continue }
            accepted.append(index)
        }
        indices = accepted
    }

    /// Reads the accepted MSRs from `vcpu` into `registers`.
    func read(from vcpu: borrowing KVMFileDescriptor, into registers: inout ModelSpecificRegisters) throws(KVMError) {
        let list = KVMVariableArray(indices.map { kvm_msr_entry(index: $0, reserved: 0, data: 0) })
        let done = Int(try vcpu.control(.getMSRs, buffer: list.buffer))
        guard done >= indices.count else { throw .msrRefused(index: indices[max(done, 0)], writing: false) }
        for entry in list.entries { Self.assign(entry.data, to: entry.index, in: &registers) }
    }

    /// Writes the accepted MSRs from `registers` to `vcpu`.
    func write(_ registers: ModelSpecificRegisters, to vcpu: borrowing KVMFileDescriptor) throws(KVMError) {
        let list = KVMVariableArray(indices.map {
            kvm_msr_entry(index: $0, reserved: 0, data: Self.value(of: $0, in: registers))
        })
        let done = Int(try vcpu.control(.setMSRs, buffer: list.buffer))
        guard done >= indices.count else { throw .msrRefused(index: indices[max(done, 0)], writing: true) }
    }

    private static func value(of index: UInt32, in registers: ModelSpecificRegisters) -> UInt64 {
        switch index {
        case MSRIndex.timeStampCounter: registers.timeStampCounter
        case MSRIndex.sysenterCS: registers.sysenterCS
        case MSRIndex.sysenterESP: registers.sysenterESP
        case MSRIndex.sysenterEIP: registers.sysenterEIP
        case MSRIndex.star: registers.star
        case MSRIndex.lstar: registers.lstar
        case MSRIndex.cstar: registers.cstar
        case MSRIndex.sfmask: registers.sfmask
        case MSRIndex.kernelGSBase: registers.kernelGSBase
        case MSRIndex.pat: registers.pat
        case MSRIndex.miscEnable: registers.miscEnable
        case MSRIndex.mtrrDefaultType: registers.mtrrDefaultType
        case MSRIndex.tscAux: registers.tscAux
        default: 0
        }
    }

    private static func assign(_ value: UInt64, to index: UInt32, in registers: inout ModelSpecificRegisters) {
        switch index {
        case MSRIndex.timeStampCounter: registers.timeStampCounter = value
        case MSRIndex.sysenterCS: registers.sysenterCS = value
        case MSRIndex.sysenterESP: registers.sysenterESP = value
        case MSRIndex.sysenterEIP: registers.sysenterEIP = value
        case MSRIndex.star: registers.star = value
        case MSRIndex.lstar: registers.lstar = value
        case MSRIndex.cstar: registers.cstar = value
        case MSRIndex.sfmask: registers.sfmask = value
        case MSRIndex.kernelGSBase: registers.kernelGSBase = value
        case MSRIndex.pat: registers.pat = value
        case MSRIndex.miscEnable: registers.miscEnable = value
        case MSRIndex.mtrrDefaultType: registers.mtrrDefaultType = value
        case MSRIndex.tscAux: registers.tscAux = value
        default: break
        }
    }
}
