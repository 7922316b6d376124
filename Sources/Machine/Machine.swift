import Dispatch
import X86

/// A virtual machine: guest memory, the two buses and the run loop that dispatches a vCPU's exits to them.
public final class Machine {
    public let memory: GuestMemory
    public let portIO = PortIOBus()
    public let mmio = MMIOBus()
    public let stopSignal = StopSignal()
    public private(set) var exits = ExitCounters()

    public init(memory: GuestMemory) {
        self.memory = memory
    }

    /// Runs `vcpu` until the guest stops, halts for good, crashes, or `timeout` elapses.
    public func run(_ vcpu: any VirtualCPU, timeout: Duration? = nil) -> RunOutcome {
        let clock = ContinuousClock()
        let deadline = timeout.map { clock.now.advanced(by: $0) }
        let watchdog = deadline.map { startWatchdog(for: vcpu, at: $0) }
        defer { watchdog?.cancel() }
        while true {
            let exit = vcpu.run()
            exits.record(exit)
            switch exit {
            case .portRead(let port, let size):
                vcpu.completePortRead(portIO.read(port, size: size))
            case .portWrite(let port, let size, let value):
                portIO.write(port, size: size, value: value)
            case .mmioRead(let address, let size):
                vcpu.completeMMIORead(mmio.read(address, size: size))
            case .mmioWrite(let address, let size, let value):
                mmio.write(address, size: size, value: value)
            case .halt:
                // No device raises interrupts yet, so a halted vCPU can never wake again.
                return .halted
            case .yield:
                break
            case .shutdown(let reason), .failure(let reason):
                return .crashed(reason: reason)
            }
            if let request = stopSignal.request { return .stopped(request) }
            if let deadline, clock.now >= deadline { return .timedOut }
        }
    }

    private func startWatchdog(for vcpu: any VirtualCPU, at deadline: ContinuousClock.Instant) -> DispatchWorkItem {
        let kick = UncheckedSendableBox(vcpu)
        let item = DispatchWorkItem { kick.value.requestYield() }
        let delay = ContinuousClock().now.duration(to: deadline)
        let nanoseconds = max(0, delay.components.seconds) * 1_000_000_000 + delay.components.attoseconds / 1_000_000_000
        Self.watchdogQueue.asyncAfter(deadline: .now() + .nanoseconds(Int(nanoseconds)), execute: item)
        return item
    }

    /// A serial queue of its own: the global queues have one thread per core, and vCPUs blocked
    /// in `run()` on those threads would starve the watchdog that is meant to stop them.
    private static let watchdogQueue = DispatchQueue(label: "swiftvmm.machine.watchdog")
}

/// Carries a vCPU to the watchdog thread, whose only call (`requestYield`) is thread-safe.
private struct UncheckedSendableBox: @unchecked Sendable {
    let value: any VirtualCPU
    init(_ value: any VirtualCPU) { self.value = value }
}
