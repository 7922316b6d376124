import Machine
import Synchronization
import X86

/// A vCPU run by the interpreter.
public final class InterpreterVirtualCPU: VirtualCPU {
    private var core: InterpreterCore
    private let yieldRequested = Atomic<Bool>(false)

    /// Instructions per `run` slice between checks for yield requests.
    static let sliceLength = 1 << 16

    public init(memory: GuestMemory, context: VCPUContext, model: CPUModel) {
        core = InterpreterCore(state: context, memory: PhysicalMemoryMap(memory: memory), model: model)
        core.timeStampOffset = context.msr.timeStampCounter &- core.hostTimeStamp
    }

    public var context: VCPUContext {
        get {
            var context = core.context
            context.msr.timeStampCounter = core.timeStampCounter
            return context
        }
        set {
            core.replaceContext(newValue)
            core.timeStampOffset = newValue.msr.timeStampCounter &- core.hostTimeStamp
        }
    }

    public func run() -> VMExit {
        while true {
            let exit = core.run(budget: Self.sliceLength)
            if exit != .yield { return exit }
            if yieldRequested.exchange(false, ordering: .acquiring) { return .yield }
        }
    }

    /// Runs at most `limit` instructions (one that raises an exception counts) and returns the exit,
    /// `.yield` at the limit; a limit of 0 only hands out exits the last instruction queued.
    public func run(instructionLimit: Int) -> VMExit { core.run(budget: instructionLimit) }

    /// Drops the decoded instructions of the page that holds `physical` after the host wrote guest memory there.
    public func hostWrote(physical: UInt64) {
        core.noteWrite(physical: physical)
    }

    public func completePortRead(_ value: UInt64) { core.completedPortRead = value }

    public func completeMMIORead(_ value: UInt64) {
        if let address = core.awaitedMMIORead, core.mmioReplayCount < InterpreterCore.mmioReplayCapacity {
            core.mmioReplay[core.mmioReplayCount] = (address, value)
            core.mmioReplayCount += 1
            core.awaitedMMIORead = nil
        }
    }

    public func requestYield() { yieldRequested.store(true, ordering: .releasing) }

    public var instructionsExecuted: UInt64? { core.instructionsExecuted }
}
