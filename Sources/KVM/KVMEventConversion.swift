import CKVM
import X86

// Conversion between `PendingEvents` and kvm_vcpu_events. An exception or interrupt in the context
// is handed to KVM as injected (delivered at the next entry); `halted` is not KVM state without
// an in-kernel irqchip, so the vCPU keeps it itself.

extension kvm_vcpu_events {
    init(_ events: PendingEvents) {
        self.init()
        flags = UInt32(KVM_VCPUEVENT_VALID_SHADOW | KVM_VCPUEVENT_VALID_NMI_PENDING)
        if let pending = events.exception {
            exception.injected = 1
            exception.nr = pending.vector
            exception.has_error_code = pending.errorCode == nil ? 0 : 1
            exception.error_code = pending.errorCode ?? 0
        }
        if let vector = events.externalInterrupt {
            interrupt.injected = 1
            interrupt.nr = vector
        }
        interrupt.shadow = events.interruptShadow ? UInt8(KVM_X86_SHADOW_INT_MOV_SS) : 0
        nmi.pending = events.nmiPending ? 1 : 0
        nmi.masked = events.nmiMasked ? 1 : 0
    }

    func apply(to events: inout PendingEvents) {
        events.exception = exception.injected != 0 || exception.pending != 0
            ? PendingException(vector: exception.nr, errorCode: exception.has_error_code != 0 ? exception.error_code : nil)
            : nil
        events.externalInterrupt = interrupt.injected != 0 ? interrupt.nr : nil
        events.interruptShadow = interrupt.shadow != 0
        events.nmiPending = nmi.pending != 0 || nmi.injected != 0
        events.nmiMasked = nmi.masked != 0
    }
}
