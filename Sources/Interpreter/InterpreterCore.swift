import Machine
import X86

/// The interpreter's processor: the vCPU context plus the caches that make interpretation fast.
/// Its methods run in place inside `InterpreterVirtualCPU`, so the hot path touches plain data only.
struct InterpreterCore {
    /// The virtual registers, except the general registers (in `gpr` while the core runs) and the
    /// status flags (in `flags`).
    var state: VCPUContext
    /// The general registers, indexed by encoding (RAX = 0 … R15 = 15).
    let gpr: UnsafeMutablePointer<UInt64>
    let registerFile = RegisterFile()
    var flags = LazyFlags()
    var tlb = SoftwareTLB()
    let memory: PhysicalMemoryMap
    let cache: DecodedBlockCache
    let model: CPUModel

    /// RIP of the instruction being executed (state.rip already points past it).
    var instructionStart: UInt64 = 0
    var instructionsExecuted: UInt64 = 0
    /// Added to host nanoseconds to form the guest's time-stamp counter.
    var timeStampOffset: UInt64 = 0
    /// The operating mode and privilege level, recomputed (by `modeChanged`) whenever CS, SS, CR0,
    /// EFER or RFLAGS.VM change, so that the hot path never derives them from the context.
    var mode: ProcessorMode = .real
    var cpl: UInt8 = 0
    /// Set when the block being run must stop after the current instruction: a store hit a page
    /// that holds decoded instructions, or the instruction queued an exit.
    var blockInterrupted = false
    /// The decode mode of the current code segment.
    var decodeMode: DecodeMode = .bits16
    /// Mask applied to RIP: 0xFFFF, 0xFFFFFFFF or all ones.
    var ripMask: UInt64 = 0xFFFF

    /// Value of an IN that the run loop completed; consumed when the IN executes again.
    var completedPortRead: UInt64?
    /// Address of the MMIO load the last `.mmioRead` exit asked the run loop for.
    var awaitedMMIORead: UInt64?
    /// MMIO loads the run loop completed for the instruction being restarted, in the order it makes them.
    var mmioReplay = InlineArray<16, (address: UInt64, value: UInt64)>(repeating: (0, 0))
    var mmioReplayCount = 0
    /// Capacity of `mmioReplay`: a page-crossing access to MMIO is split into bytes.
    static let mmioReplayCapacity = 16
    /// How many of `mmioReplay` the current execution of the instruction has consumed.
    var mmioReplayPosition = 0
    /// Exits an instruction produced as it completed (OUT, MMIO stores), handed out in order.
    var completionExits = InlineArray<16, VMExit>(repeating: .yield)
    var completionExitCount = 0
    var completionExitNext = 0

    init(state: VCPUContext, memory: PhysicalMemoryMap, model: CPUModel) {
        self.state = state
        gpr = registerFile.values
        registerFile.load(from: state)
        self.memory = memory
        self.model = model
        cache = DecodedBlockCache()
        flags.materialize(state.rflags)
        modeChanged()
    }

    /// The context with RFLAGS made whole.
    var context: VCPUContext {
        var copy = state
        copy.rflags = rflags
        registerFile.store(into: &copy)
        return copy
    }

    /// Replaces the registers; the host may also have rewritten guest memory, so every cached
    /// translation and decoded instruction is dropped.
    mutating func replaceContext(_ context: VCPUContext) {
        state = context
        registerFile.load(from: context)
        flags.materialize(context.rflags)
        tlb.flush()
        memory.invalidateAllCode()
        modeChanged()
    }

    /// RFLAGS with the lazily kept status flags folded in.
    var rflags: UInt64 {
        @inline(__always)
        get { state.rflags & ~RFlags.status | flags.bits | RFlags.reserved1 }
        set {
            let virtual8086Changed = (state.rflags ^ newValue) & RFlags.virtual8086 != 0
            state.rflags = newValue & ~RFlags.status | RFlags.reserved1
            flags.materialize(newValue)
            if virtual8086Changed { modeChanged() }
        }
    }

    /// Recomputes what depends on CS, SS, CR0, EFER and RFLAGS.VM.
    mutating func modeChanged() {
        mode = state.mode
        cache.linkEpoch &+= 1
        cpl = state.cpl
        decodeMode = model == .i8086 ? .bits16 : DecodeMode(mode)
        switch decodeMode {
        case .bits16: ripMask = 0xFFFF
        case .bits32: ripMask = 0xFFFF_FFFF
        case .bits64: ripMask = .max
        }
    }

    /// Drops completed MMIO loads once the instruction (or string iteration) that used them is done.
    mutating func forgetMMIOReplay() {
        mmioReplayCount = 0
        mmioReplayPosition = 0
    }

    /// The next exit an instruction produced as it completed, emptying the queue after the last.
    mutating func takeCompletionExit() -> VMExit? {
        guard completionExitNext < completionExitCount else { return nil }
        let exit = completionExits[completionExitNext]
        completionExitNext += 1
        if completionExitNext == completionExitCount {
            completionExitCount = 0
            completionExitNext = 0
        }
        return exit
    }

    mutating func queueCompletionExit(_ exit: VMExit) throws(Interruption) {
        guard completionExitCount < 16 else { throw .failure("more than 16 device writes in one instruction") }
        completionExits[completionExitCount] = exit
        completionExitCount += 1
        blockInterrupted = true
    }

    /// Runs until an exit, or until `budget` instructions have executed (then `.yield`).
    mutating func run(budget: Int) -> VMExit {
        if let exit = takeCompletionExit() { return exit }
        var remaining = budget
        var previous: UnsafeMutablePointer<DecodedBlockCache.Header>?
        while remaining > 0 {
            if state.events.halted { return .halt }
            var executed = 0
            do {
                instructionStart = state.rip
                let block = try fetchBlock(after: previous)
                previous = block.header
                // An instruction restarted with completed MMIO loads runs alone, so that the loads are
                // forgotten once it is done.
                let count = mmioReplayCount != 0 ? 1 : min(block.count, remaining)
                blockInterrupted = false
                var instruction = block.instructions
                while executed < count {
                    instructionStart = state.rip
                    state.rip = (instructionStart &+ UInt64(instruction.pointee.length)) & ripMask
                    try execute(block.forms[executed], instruction)
                    executed += 1
                    instruction += 1
                    if blockInterrupted { break }
                }
                // RF lasts for one instruction, and only the first of a block can start with it set.
                state.rflags &= ~RFlags.resume
                if mmioReplayCount != 0 { forgetMMIOReplay() }
                remaining -= executed
                instructionsExecuted &+= UInt64(executed)
            } catch {
                previous = nil
                if executed != 0 { state.rflags &= ~RFlags.resume }
                remaining -= executed + 1
                instructionsExecuted &+= UInt64(executed)
                state.rip = instructionStart
                mmioReplayPosition = 0
                switch error {
                case .exit(let exit):
                    if case .mmioRead(let address, _) = exit { awaitedMMIORead = address }
                    return exit
                case .exception(let vector, let errorCode):
                    forgetMMIOReplay()
                    if let exit = deliverException(vector: vector, errorCode: errorCode) { return exit }
                }
            }
            if completionExitCount != 0, let exit = takeCompletionExit() { return exit }
        }
        return .yield
    }
}
