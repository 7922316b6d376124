import CKVM
import Glibc
import Machine
import X86

/// A vCPU that KVM runs. Its `VCPUContext` is converted lazily: read from KVM only when the cached
/// copy is older than the last KVM_RUN, and written to KVM just before the next one.
/// `run()`, the completions and `context` belong to one thread at a time; `requestYield()` to any.
final class KVMVirtualCPU: VirtualCPU {
    /// A load the run loop has yet to supply a value for.
    private enum AwaitedRead {
        case port(offset: Int, width: Int)
        case mmio(width: Int)
    }

    private let virtualMachine: KVMVirtualMachine
    private let descriptor: KVMFileDescriptor
    private let runArea: KVMRunArea
    private let interrupter: KVMRunInterrupter
    private let modelSpecificRegisters: KVMModelSpecificRegisterList
    private let extendedStateLayout: KVMExtendedStateArea.Layout

    private var cached: VCPUContext
    /// KVM holds newer state than `cached` (a KVM_RUN happened since the last fetch).
    private var cacheIsStale = false
    /// `cached` holds newer state than KVM (the context was set since the last push).
    private var cacheIsDirty = true
    /// The guest executed HLT and waits for an interrupt; KVM keeps no such state without an irqchip.
    private var halted: Bool
    /// The last exit was port I/O or MMIO, which KVM finishes on the next KVM_RUN.
    private var completionPending = false
    private var pendingPortIO: KVMPendingPortIO?
    private var awaitedRead: AwaitedRead?
    /// An exit KVM reported while finishing the previous one for a context read; `run()` returns it next.
    private var stashedExit: VMExit?
    /// A failure met outside `run()` (while fetching the context), reported by the next `run()`.
    private var deferredFailure: String?

    init(virtualMachine: KVMVirtualMachine, descriptor: consuming KVMFileDescriptor, context: VCPUContext) throws(KVMError) {
        runArea = try KVMRunArea(vcpu: descriptor, size: virtualMachine.device.runAreaSize)
        modelSpecificRegisters = KVMModelSpecificRegisterList(probing: descriptor)
        self.descriptor = descriptor
        self.virtualMachine = virtualMachine
        extendedStateLayout = virtualMachine.device.extendedStateLayout
        interrupter = KVMRunInterrupter(run: runArea.run)
        cached = context
        halted = context.events.halted
    }

    var context: VCPUContext {
        get {
            if cacheIsStale { fetch() }
            return cached
        }
        set {
            // A new context abandons the instruction whose exits are still being handed out.
            stashedExit = nil
            pendingPortIO = nil
            awaitedRead = nil
            cached = newValue
            halted = newValue.events.halted
            cacheIsStale = false
            cacheIsDirty = true
        }
    }

    /// KVM does not count guest instructions.
    var instructionsExecuted: UInt64? { nil }

    func requestYield() {
        interrupter.requestYield()
    }

    func run() -> VMExit {
        if let exit = stashedExit {
            stashedExit = nil
            return exit
        }
        awaitedRead = nil
        if let reason = deferredFailure {
            deferredFailure = nil
            return .failure(reason: reason)
        }
        if let exit = nextPortIOExit() { return exit }
        if halted {
            let events = context.events
            guard events.externalInterrupt != nil || events.nmiPending else { return .halt }
            halted = false
            cached.events.halted = false
        }
        do {
            try pushIfDirty()
        } catch {
            return .failure(reason: error.description)
        }
        while true {
            guard interrupter.enter() else { return .yield }
            let code = descriptor.attempt(.run)
            let yielded = code == EINTR || code == EAGAIN
            interrupter.leave(yielded: yielded)
            cacheIsStale = true
            completionPending = false
            if yielded { return .yield }
            if code != 0 {
                return .failure(reason: KVMError.requestFailed(request: KVMRequest.run.name, errno: code).description)
            }
            if let exit = decodeExit() { return exit }
        }
    }

    func completePortRead(_ value: UInt64) {
        guard case .port(let offset, let width) = awaitedRead else { return }
        awaitedRead = nil
        runArea.store(value, at: offset, width: width)
    }

    func completeMMIORead(_ value: UInt64) {
        guard case .mmio(let width) = awaitedRead else { return }
        awaitedRead = nil
        withUnsafeMutableBytes(of: &runArea.run.pointee.mmio.data) { data in
            for index in 0..<min(width, data.count) {
                data[index] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(index)))
            }
        }
    }

    /// Turns the exit in kvm_run into a `VMExit`; nil when the vCPU handled it (a dropped ROM write).
    private func decodeExit() -> VMExit? {
        let run = runArea.run
        switch run.pointee.exit_reason {
        case UInt32(KVM_EXIT_IO):
            let io = run.pointee.io
            guard let pending = KVMPendingPortIO(
                (io.direction, io.size, io.port, io.count, io.data_offset), areaSize: runArea.size) else {
                return .failure(reason: "KVM reported a malformed port I/O exit (port 0x\(String(io.port, radix: 16)), "
                    + "size \(io.size), count \(io.count), data offset \(io.data_offset))")
            }
            completionPending = true
            pendingPortIO = pending
            return nextPortIOExit()
        case UInt32(KVM_EXIT_MMIO):
            let mmio = run.pointee.mmio
            let data = withUnsafeBytes(of: mmio.data) { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
            return mmioExit(address: mmio.phys_addr, length: mmio.len, isWrite: mmio.is_write != 0, data: data)
        case UInt32(KVM_EXIT_HLT):
            halted = true
            return .halt
        case UInt32(KVM_EXIT_SHUTDOWN):
            return .shutdown(reason: "triple fault")
        case UInt32(KVM_EXIT_FAIL_ENTRY):
            return .failure(reason: KVMFailureReason.entryFailure(run) + atInstructionPointer())
        case UInt32(KVM_EXIT_INTERNAL_ERROR):
            return .failure(reason: KVMFailureReason.internalError(run) + atInstructionPointer())
        case UInt32(KVM_EXIT_INTR):
            return .yield
        default:
            return .failure(reason: KVMFailureReason.unexpectedExit(run.pointee.exit_reason) + atInstructionPointer())
        }
    }

    /// An MMIO exit for the run loop; nil for a write to ROM, which is dropped.
    private func mmioExit(address: UInt64, length: UInt32, isWrite: Bool, data: UInt64) -> VMExit? {
        guard length >= 1 && length <= 8 else {
            return .failure(
                reason: "KVM reported a malformed MMIO exit (address 0x\(String(address, radix: 16)), length \(length))")
        }
        let width = Int(length)
        completionPending = true
        guard isWrite else {
            awaitedRead = .mmio(width: width)
            return .mmioRead(address: address, size: width)
        }
        if virtualMachine.memory.region(containing: address)?.kind == .rom { return nil }
        let mask = width == 8 ? UInt64.max : (1 << (8 * UInt64(width))) - 1
        return .mmioWrite(address: address, size: width, value: data & mask)
    }

    /// The next element of a pending port-I/O exit, if one is left.
    private func nextPortIOExit() -> VMExit? {
        guard var io = pendingPortIO else { return nil }
        let offset = io.offset(of: io.next)
        io.next += 1
        pendingPortIO = io.next < io.count ? io : nil
        if io.isWrite {
            return .portWrite(port: io.port, size: io.width, value: runArea.load(at: offset, width: io.width))
        }
        awaitedRead = .port(offset: offset, width: io.width)
        return .portRead(port: io.port, size: io.width)
    }

    /// " at rip 0x…" for failure reasons, when KVM still answers.
    private func atInstructionPointer() -> String {
        var registers = kvm_regs()
        guard (try? descriptor.control(.getRegisters, &registers)) != nil else { return "" }
        return " at rip 0x\(String(registers.rip, radix: 16))"
    }

    /// How many KVM_RUNs with immediate_exit may go into finishing one instruction's I/O.
    private static let finishingRoundLimit = 4096

    /// Lets KVM finish the last port-I/O or MMIO exit without running guest code, so the registers
    /// are final. KVM may answer with a further exit of the same instruction (a string operation
    /// going on, an MMIO access split in two): for a context read it is kept for `run()` to return;
    /// when `abandoning` (a new context replaces the state) it is finished unseen as well.
    private func finishPendingOperation(abandoning: Bool) throws(KVMError) {
        for _ in 0..<Self.finishingRoundLimit {
            guard completionPending else { return }
            completionPending = false
            pendingPortIO = nil
            awaitedRead = nil
            let code = interrupter.withImmediateExit { descriptor.attempt(.run) }
            if code == EINTR || code == EAGAIN { return }
            guard code == 0 else { throw .requestFailed(request: KVMRequest.run.name, errno: code) }
            if abandoning {
                let reason = runArea.run.pointee.exit_reason
                completionPending = reason == UInt32(KVM_EXIT_IO) || reason == UInt32(KVM_EXIT_MMIO)
            } else if let exit = decodeExit() {
                stashedExit = exit
                return
            }
        }
        if abandoning && completionPending { throw .pendingOperationUnfinished }
    }

    /// Refreshes `cached` from KVM; a failure is kept for the next `run()` to report.
    private func fetch() {
        cacheIsStale = false
        do {
            if pendingPortIO == nil && awaitedRead == nil && stashedExit == nil {
                try finishPendingOperation(abandoning: false)
            }
            var context = cached
            var registers = kvm_regs()
            try descriptor.control(.getRegisters, &registers)
            registers.apply(to: &context)
            var special = kvm_sregs()
            try descriptor.control(.getSpecialRegisters, &special)
            special.apply(to: &context)
            var debug = kvm_debugregs()
            try descriptor.control(.getDebugRegisters, &debug)
            debug.apply(to: &context)
            context.fpu = try KVMExtendedStateArea(of: descriptor, layout: extendedStateLayout).floatingPointState
            var events = kvm_vcpu_events()
            try descriptor.control(.getVCPUEvents, &events)
            events.apply(to: &context.events)
            try modelSpecificRegisters.read(from: descriptor, into: &context.msr)
            context.events.halted = halted
            cached = context
        } catch {
            deferredFailure = "cannot read the vCPU state from KVM: \(error)"
        }
    }

    /// Writes `cached` to KVM when it was set since the last push.
    private func pushIfDirty() throws(KVMError) {
        guard cacheIsDirty else { return }
        try finishPendingOperation(abandoning: true)
        var special = kvm_sregs(cached)
        try descriptor.control(.setSpecialRegisters, &special)
        var registers = kvm_regs(cached)
        try descriptor.control(.setRegisters, &registers)
        var debug = kvm_debugregs(cached)
        try descriptor.control(.setDebugRegisters, &debug)
        let extendedState = try KVMExtendedStateArea(of: descriptor, layout: extendedStateLayout)
        extendedState.replaceFloatingPointState(with: cached.fpu)
        try extendedState.write(to: descriptor)
        try modelSpecificRegisters.write(cached.msr, to: descriptor)
        var events = kvm_vcpu_events(cached.events)
        try descriptor.control(.setVCPUEvents, &events)
        cacheIsDirty = false
    }
}
