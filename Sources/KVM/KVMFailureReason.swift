import CKVM

/// Readable reasons for the kvm_run exits that stop a vCPU for good.
enum KVMFailureReason {
    /// KVM_EXIT_FAIL_ENTRY: the processor refused the guest state.
    static func entryFailure(_ run: UnsafePointer<kvm_run>) -> String {
        let reason = run.pointee.fail_entry.hardware_entry_failure_reason
        return "KVM could not enter the guest (hardware entry failure reason 0x\(hex(reason)))"
    }

    /// KVM_EXIT_INTERNAL_ERROR with its suberror and, for emulation failures, the instruction bytes.
    static func internalError(_ run: UnsafePointer<kvm_run>) -> String {
        let failure = run.pointee.emulation_failure
        let suberror = failure.suberror
        var reason = "KVM internal error: "
        switch suberror {
        case UInt32(KVM_INTERNAL_ERROR_EMULATION): reason += "instruction emulation failed"
        case UInt32(KVM_INTERNAL_ERROR_SIMUL_EX): reason += "exception while delivering an exception"
        case UInt32(KVM_INTERNAL_ERROR_DELIVERY_EV): reason += "event delivery failed"
        case UInt32(KVM_INTERNAL_ERROR_UNEXPECTED_EXIT_REASON): reason += "unexpected hardware exit"
        default: reason += "suberror \(suberror)"
        }
        if suberror == UInt32(KVM_INTERNAL_ERROR_EMULATION),
           failure.flags & UInt64(KVM_INTERNAL_ERROR_EMULATION_FLAG_INSTRUCTION_BYTES) != 0 {
            let size = min(Int(failure.insn_size), 15)
            let bytes = withUnsafeBytes(of: failure.insn_bytes) { Array($0.prefix(size)) }
            if !bytes.isEmpty {
                reason += " (instruction bytes " + bytes.map { hex(UInt64($0), digits: 2) }.joined(separator: " ") + ")"
            }
        }
        return reason
    }

    /// An exit reason the engine does not handle.
    static func unexpectedExit(_ exitReason: UInt32) -> String {
        "unexpected KVM exit reason \(exitReason)"
    }

    private static func hex(_ value: UInt64, digits: Int = 1) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
