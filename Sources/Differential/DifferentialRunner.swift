import Interpreter
import KVM
import Machine
import SeededRandom
import X86

/// Runs random instruction sequences at CPL 3 on the interpreter and on the real processor (KVM)
/// and compares registers, flags (less the undefined ones), memory and exceptions after every
/// instruction. One VM per engine serves every sequence.
public final class DifferentialRunner {
    /// Instructions per sequence.
    public static let sequenceLength = 8

    private let oracle: EngineUnderTest
    private let candidate: EngineUnderTest
    private var formsByMode: [DifferentialMode: [InstructionForm]] = [:]
    /// Instructions on which the first answer of this host's KVM disagreed but a retry agreed.
    public private(set) var hostRetries = 0
    /// Sequences ended early because this host's KVM could not emulate an instruction.
    public private(set) var hostRefusals = 0

    public init() throws {
        oracle = try EngineUnderTest(engine: try KVMEngine())
        candidate = try EngineUnderTest(engine: InterpreterEngine())
        for mode in DifferentialMode.allCases { formsByMode[mode] = InstructionForm.all(for: mode) }
    }

    /// Runs `count` sequences from `seed` in `modes` (taken in turn); returns the failures. With
    /// `instruction`, every sequence is that one instruction (random state), to reproduce a failure.
    public func run(
        count: Int, seed: UInt64, modes: [DifferentialMode], instruction: [UInt8]? = nil, onFailure: (DifferentialFailure) -> Void
    ) -> Int {
        var random = SeededGenerator(seed: seed)
        var failures = 0
        for sequence in 0..<count {
            let mode = modes[sequence % modes.count]
            if let failure = runSequence(sequence, mode: mode, fixed: instruction, random: &random) {
                failures += 1
                onFailure(failure)
            }
        }
        return failures
    }

    private func runSequence(_ sequence: Int, mode: DifferentialMode, fixed: [UInt8]?, random: inout SeededGenerator) -> DifferentialFailure? {
        let forms = formsByMode[mode] ?? []
        let encoder = InstructionEncoder(mode: mode)
        var code: [UInt8] = []
        var instructions: [[UInt8]] = []
        for _ in 0..<(fixed == nil ? Self.sequenceLength : 1) {
            let form = forms[Int.random(in: 0..<forms.count, using: &random)]
            let bytes = fixed ?? encoder.encode(form, at: DifferentialLayout.codeAddress + UInt64(code.count), using: &random)
            instructions.append(bytes)
            code += bytes + DifferentialLayout.marker(for: mode)
        }
        var data = [UInt8](repeating: 0, count: Int(DifferentialLayout.userTop))
        for index in stride(from: 0, to: data.count, by: 8) {
            let word = random.next()
            for byte in 0..<8 { data[index + byte] = UInt8(truncatingIfNeeded: word >> UInt64(byte * 8)) }
        }
        var context = DifferentialLayout.initialContext(mode: mode)
        randomizeRegisters(&context, mode: mode, random: &random)
        for engine in [oracle, candidate] {
            for range in DifferentialLayout.userWritableRanges {
                engine.memory.write(Array(data[Int(range.lowerBound)..<Int(range.upperBound)]), at: range.lowerBound)
            }
            engine.clearKernelStack()
            engine.memory.write(code + [UInt8](repeating: 0xCC, count: 4096 - code.count), at: DifferentialLayout.codeAddress)
            engine.vcpu.context = context
        }
        for (index, bytes) in instructions.enumerated() {
            let before = oracle.vcpu.context
            oracle.saveSnapshot()
            var outcome = compareStep(bytes, mode: mode, before: before)
            var retries = 0
            while !outcome.differences.isEmpty && retries < Self.retriesOnDisagreement {
                // This host's KVM sometimes emulates a user instruction (raising #UD, or running its
                // own idea of it) where the processor executes it natively: ask again from the same state.
                retries += 1
                for engine in [oracle, candidate] {
                    engine.restoreSnapshot(from: oracle)
                    engine.vcpu.context = before
                }
                outcome = compareStep(bytes, mode: mode, before: before)
            }
            if retries > 0 && outcome.differences.isEmpty { hostRetries += 1 }
            if case .unexpected(let reason) = outcome.expected, reason.hasPrefix("KVM") {
                // The host's KVM could not emulate the instruction: no answer to compare with.
                hostRefusals += 1
                return nil
            }
            if outcome.expected == .exception(vector: 6), mode != .bits64 && outcome.actual == .marker
                || outcome.actual == .exception(vector: 13) || outcome.actual == .exception(vector: 12)
            {
                // This host's KVM emulates compatibility-mode user code, and user instructions that
                // fault (#GP, #SS), rather than leaving them to the processor; its emulator raises
                // #UD for instructions it lacks (AAA, POPCNT, …).
                hostRefusals += 1
                return nil
            }
            if !outcome.differences.isEmpty {
                let state = "before: rflags 0x\(String(before.rflags, radix: 16)) rcx 0x\(String(before[.rcx], radix: 16)) rsi 0x\(String(before[.rsi], radix: 16)) rdi 0x\(String(before[.rdi], radix: 16)) rsp 0x\(String(before[.rsp], radix: 16))"
                return DifferentialFailure(sequence: sequence, mode: mode, bytes: bytes, differences: outcome.differences + [state])
            }
            if outcome.expected != .marker || index == instructions.count - 1 { return nil }
            // This host's KVM emulates user code whose stack pointer has left the stack page (with
            // answers of its own), so a sequence that moved RSP away ends here.
            if !DifferentialLayout.stackPage.contains(oracle.vcpu.context[.rsp]) { return nil }
            // Carry the processor's values of undefined flags and results into the interpreter.
            candidate.vcpu.context = oracle.vcpu.context
            if outcome.resultUndefined { candidate.copyMemory(from: oracle) }
        }
        return nil
    }

    /// How often a disagreement is retried from the same state before it counts.
    static let retriesOnDisagreement = 2

    /// Runs one instruction on both engines and lists how they disagree.
    private func compareStep(_ bytes: [UInt8], mode: DifferentialMode, before: VCPUContext)
        -> (expected: EngineUnderTest.StepEnd, actual: EngineUnderTest.StepEnd, differences: [String], resultUndefined: Bool)
    {
        let expected = oracle.step()
        let actual = candidate.step()
        let decoded = Self.decode(bytes, mode: mode)
        var differences: [String] = []
        if expected != actual {
            differences.append("ended with \(describe(actual)) instead of \(describe(expected))")
        } else if case .unexpected(let reason) = expected {
            differences.append("the real processor stopped unexpectedly: \(reason)")
        }
        let undefined = decoded.map { UndefinedFlags.mask(for: $0, count: Self.count(of: $0, in: before)) } ?? 0
        let resultUndefined = decoded.map { Self.resultIsUndefined($0, before: before) } ?? false
        if differences.isEmpty && !resultUndefined {
            differences += compare(
                oracle.vcpu.context, candidate.vcpu.context, undefinedFlags: undefined, exception: expected,
                comparesStrings: decoded?.handler == .cmps)
            let varying = decoded.flatMap { Self.processorDependentBytes($0, end: expected, after: oracle.vcpu.context) }
            if let address = candidate.firstMemoryDifference(from: oracle, ignoring: varying) {
                let theirs = oracle.memory.read(at: address, count: 1)?.first ?? 0
                let mine = candidate.memory.read(at: address, count: 1)?.first ?? 0
                differences.append("memory 0x\(String(address, radix: 16)): interp 0x\(String(mine, radix: 16)), cpu 0x\(String(theirs, radix: 16))")
            }
        }
        return (expected, actual, differences, resultUndefined)
    }

    private func randomizeRegisters(_ context: inout VCPUContext, mode: DifferentialMode, random: inout SeededGenerator) {
        for index in 0..<16 { context.gpr[index] = random.next() }
        if mode != .bits64 {
            for index in 0..<16 { context.gpr[index] &= 0xFFFF_FFFF }
        }
        let pointers = mode == .bits64 ? InstructionEncoder.pointerRegisters64 : InstructionEncoder.pointerRegisters32
        for register in pointers {
            let range = DifferentialLayout.userDataRanges[Int.random(in: 0..<2, using: &random)]
            context.gpr[Int(register)] = UInt64.random(in: range.lowerBound..<(range.upperBound - 0x200), using: &random)
        }
        for index in 0..<16 { context.fpu.xmm[index] = UInt128(random.next()) << 64 | UInt128(random.next()) }
        for index in 0..<8 {
            context.fpu.registers[index] = X87Register(significand: random.next(), signAndExponent: UInt16(truncatingIfNeeded: random.next()))
        }
        context.fpu.abridgedTagWord = UInt8(truncatingIfNeeded: random.next())
        context.fpu.statusWord = UInt16(truncatingIfNeeded: random.next()) & 0x3800
        context.fpu.controlWord = 0x037F & ~(UInt16(truncatingIfNeeded: random.next()) & 0x0C00)
        context.gpr[4] = DifferentialLayout.stackTop - UInt64.random(in: 0..<0x80, using: &random) * 8
        context.gpr[1] = mode == .bits64 ? context.gpr[1] : context.gpr[1] & 0xFFFF
        let statusAndDirection = RFlags.status | RFlags.direction
        context.rflags = context.rflags & ~(statusAndDirection | RFlags.ioplMask) | random.next() & statusAndDirection
    }

    private func compare(
        _ expected: VCPUContext, _ actual: VCPUContext, undefinedFlags: UInt64, exception: EngineUnderTest.StepEnd, comparesStrings: Bool
    ) -> [String] {
        var differences: [String] = []
        for register in GeneralRegister.allCases where expected[register] != actual[register] {
            differences.append("\(register.name): interp 0x\(String(actual[register], radix: 16)), cpu 0x\(String(expected[register], radix: 16))")
        }
        for index in 0..<16 where expected.fpu.xmm[index] != actual.fpu.xmm[index] {
            differences.append("xmm\(index): interp 0x\(String(actual.fpu.xmm[index], radix: 16)), cpu 0x\(String(expected.fpu.xmm[index], radix: 16))")
        }
        for index in 0..<8 where expected.fpu.registers[index] != actual.fpu.registers[index] {
            let mine = actual.fpu.registers[index]
            let theirs = expected.fpu.registers[index]
            differences.append("physical x87/MMX register \(index): interp \(String(mine.signAndExponent, radix: 16)):\(String(mine.significand, radix: 16)), cpu \(String(theirs.signAndExponent, radix: 16)):\(String(theirs.significand, radix: 16))")
        }
        // FOP and the last instruction and data pointers are processor-dependent (AMD keeps FOP 0).
        // This host's KVM emulates user instructions that fault with #GP or #SS, and its emulator
        // reads MMX registers with MMX instructions of its own, which make the x87-to-MMX
        // transition (TOP 0, every tag valid) that the faulting instruction does not make.
        let hostEmulated = exception == .exception(vector: 13) || exception == .exception(vector: 12)
        let topAndTags: UInt16 = hostEmulated ? 0x3800 : 0
        var x87Words: [(String, UInt16, UInt16)] = [
            ("fcw", actual.fpu.controlWord, expected.fpu.controlWord),
            ("fsw", actual.fpu.statusWord & ~topAndTags, expected.fpu.statusWord & ~topAndTags),
        ]
        if !hostEmulated { x87Words.append(("ftw", UInt16(actual.fpu.abridgedTagWord), UInt16(expected.fpu.abridgedTagWord))) }
        for (name, mine, theirs) in x87Words where mine != theirs {
            differences.append("\(name): interp 0x\(String(mine, radix: 16)), cpu 0x\(String(theirs, radix: 16))")
        }
        if expected.fpu.mxcsr != actual.fpu.mxcsr {
            differences.append("mxcsr: interp 0x\(String(actual.fpu.mxcsr, radix: 16)), cpu 0x\(String(expected.fpu.mxcsr, radix: 16))")
        }
        if expected.rip != actual.rip {
            differences.append("rip: interp 0x\(String(actual.rip, radix: 16)), cpu 0x\(String(expected.rip, radix: 16))")
        }
        // RF is set by the host when it interrupts a string instruction: not the guest's doing.
        let flagMask = ~(undefinedFlags | RFlags.resume)
        if expected.rflags & flagMask != actual.rflags & flagMask {
            differences.append("rflags: interp 0x\(String(actual.rflags, radix: 16)), cpu 0x\(String(expected.rflags, radix: 16)) (undefined 0x\(String(undefinedFlags, radix: 16)))")
        }
        // A null selector's RPL bits are not kept by this host's KVM in 64-bit user code.
        let nullSelector: (UInt16) -> Bool = { $0 & 0xFFFC == 0 }
        for segment in SegmentName.allCases where expected[segment].selector != actual[segment].selector
            && !(expected.mode == .long64 && nullSelector(expected[segment].selector) && nullSelector(actual[segment].selector)) {
            differences.append("\(segment.name): interp 0x\(String(actual[segment].selector, radix: 16)), cpu 0x\(String(expected[segment].selector, radix: 16))")
        }
        // CMPS may touch ES:[RDI] before DS:[RSI] (AMD) or after (Intel): when both fault, either is CR2.
        if case .exception(let vector) = exception, vector == 14, expected.cr2 != actual.cr2, !comparesStrings {
            differences.append("cr2: interp 0x\(String(actual.cr2, radix: 16)), cpu 0x\(String(expected.cr2, radix: 16))")
        }
        return differences
    }

    private func describe(_ end: EngineUnderTest.StepEnd) -> String {
        switch end {
        case .marker: "completion"
        case .exception(let vector): "exception \(vector)"
        case .unexpected(let reason): reason
        }
    }

    static func decode(_ bytes: [UInt8], mode: DifferentialMode) -> DecodedInstruction? {
        bytes.withUnsafeBytes { buffer in try? Decoder.decode(buffer, mode: mode.decodeMode) }
    }

    /// The shift or rotate count an instruction will use, from the state before it.
    static func count(of instruction: DecodedInstruction, in context: VCPUContext) -> UInt64 {
        switch instruction.handler {
        case .shiftRMOne: 1
        case .shiftRMCL, .shldCL, .shrdCL: context[.rcx] & 0xFF
        default: instruction.immediate & 0xFF
        }
    }

    /// Memory that processors write differently, both within the SDM: the bytes before the page
    /// boundary of a REP MOVS/STOS element split by a page fault (fast-string microcode may store
    /// them; swiftvmm stores none), and the upper bytes of a segment-register push (AMD stores the
    /// zero-extended selector; Intel, and swiftvmm, only its 16 bits).
    static func processorDependentBytes(_ instruction: DecodedInstruction, end: EngineUnderTest.StepEnd, after context: VCPUContext) -> Range<UInt64>? {
        let size = UInt64(instruction.operandSize)
        switch instruction.handler {
        case .movs, .stos:
            let fault = context.cr2
            guard end == .exception(vector: 14), fault & 0xFFF == 0, fault >= size else { return nil }
            return (fault - size)..<fault
        case .pushSeg:
            guard end == .marker, size > 2 else { return nil }
            let slot = context[.rsp] & (instruction.addressSize == 8 || context.mode == .long64 ? .max : 0xFFFF_FFFF)
            return (slot + 2)..<(slot + size)
        default:
            return nil
        }
    }

    /// Instructions whose result (not only flags) the SDM leaves undefined for these operands.
    static func resultIsUndefined(_ instruction: DecodedInstruction, before: VCPUContext) -> Bool {
        switch instruction.handler {
        case .shldImm, .shldCL, .shrdImm, .shrdCL:
            let count = Self.count(of: instruction, in: before) & (instruction.operandSize == 8 ? 0x3F : 0x1F)
            return count > UInt64(instruction.operandSize) * 8
        default:
            return false
        }
    }
}
