import Interpreter
import Machine
import SeededRandom
import X86

/// Runs random register states over random memory on the interpreter: one machine and one vCPU per
/// processor model serve every input, its RAM rewritten and its registers replaced before each.
public final class InterpreterFuzzer {
    /// An input that runs longer than this (in a release build it takes microseconds) fails as a hang.
    public static let timeLimit: Duration = .seconds(10)

    private let memory: GuestMemory
    private let ram: RAMImage
    private let pool = RandomPool()
    private let modern: InterpreterVirtualCPU
    private let i8086: InterpreterVirtualCPU
    /// How many inputs ended each way, and the reasons the engine gave for clean failures.
    public private(set) var outcomes: [InterpreterOutcome: Int] = [:]
    public private(set) var failureReasons: [String: Int] = [:]
    public private(set) var instructionsExecuted: UInt64 = 0

    public init() throws {
        memory = try FuzzAddressSpace.makeMemory(pool: pool)
        guard let host = memory.hostPointer(at: 0, length: FuzzAddressSpace.ramSize) else { throw FuzzSetupError.noRAM }
        ram = RAMImage(base: host.pointer, size: FuzzAddressSpace.ramSize)
        modern = InterpreterVirtualCPU(memory: memory, context: VCPUContext(), model: .modern)
        i8086 = InterpreterVirtualCPU(memory: memory, context: VCPUContext(), model: .i8086)
    }

    /// Runs the input that `seed` makes; returns what went wrong on the host side, or nil.
    public func run(seed: UInt64) -> FuzzViolation? {
        var random = SeededGenerator(seed: seed)
        let input = InterpreterInput(ram: ram, pool: pool, using: &random)
        let vcpu = input.mode == .real8086 ? i8086 : modern
        vcpu.context = input.context
        let startInstructions = vcpu.instructionsExecuted ?? 0
        let start = ContinuousClock.now
        var exitsLeft = input.exitBudget
        var outcome: InterpreterOutcome?
        while outcome == nil {
            let executed = Int((vcpu.instructionsExecuted ?? 0) &- startInstructions)
            let exit = vcpu.run(instructionLimit: max(1, input.instructionBudget - executed))
            switch exit {
            case .yield: outcome = .budgetSpent
            case .halt: outcome = .halted
            case .shutdown: outcome = .shutdown
            case .failure(let reason):
                outcome = .failure
                failureReasons[Self.reasonKind(reason), default: 0] += 1
            case .portRead, .mmioRead, .portWrite, .mmioWrite:
                exitsLeft -= 1
                guard exitsLeft > 0 else { outcome = .exitsSpent; break }
                if case .portRead = exit { vcpu.completePortRead(random.next()) }
                if case .mmioRead = exit { vcpu.completeMMIORead(random.next()) }
            }
        }
        // Exits the last instruction queued belong to this input: hand them out before the next one.
        while vcpu.run(instructionLimit: 0) != .yield {}
        if let outcome { outcomes[outcome, default: 0] += 1 }
        instructionsExecuted &+= (vcpu.instructionsExecuted ?? 0) &- startInstructions
        let elapsed = ContinuousClock.now - start
        if elapsed > Self.timeLimit {
            return FuzzViolation(reason: "ran \(elapsed) (hang guard: \(Self.timeLimit))", input: input.summary, bytes: input.code)
        }
        if let page = romPageChanged(using: &random) {
            return FuzzViolation(reason: "ROM changed at physical 0x\(String(page, radix: 16))", input: input.summary, bytes: input.code)
        }
        return nil
    }

    /// Describes the input `seed` makes without running it.
    public func describe(seed: UInt64) -> (summary: String, code: [UInt8]) {
        let input = input(seed: seed)
        return (input.summary, input.code)
    }

    /// Makes the input `seed` names, writing its memory, without running it.
    func input(seed: UInt64) -> InterpreterInput {
        var random = SeededGenerator(seed: seed)
        return InterpreterInput(ram: ram, pool: pool, using: &random)
    }

    /// Compares one random ROM page with what it was built from: guest stores must never reach ROM.
    private func romPageChanged(using random: inout SeededGenerator) -> UInt64? {
        let pageCount = FuzzAddressSpace.romSize / 4096
        let page = Int.random(in: 0..<pageCount, using: &random) * 4096
        let address = FuzzAddressSpace.romBase + UInt64(page)
        guard let rom = memory.hostPointer(at: address, length: 4096) else { return address }
        let expected = page % RandomPool.size
        for offset in stride(from: 0, to: 4096, by: 8) {
            let word = pool.bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: expected + offset, as: UInt64.self) }
            if rom.pointer.loadUnaligned(fromByteOffset: offset, as: UInt64.self) != word { return address }
        }
        return nil
    }

    /// The reason of a clean failure without its numbers, so that alike reasons count together.
    static func reasonKind(_ reason: String) -> String {
        var kind = reason.prefix { !$0.isNumber }
        while kind.last == " " || kind.last == "(" { kind = kind.dropLast() }
        return String(kind)
    }
}
