import SeededRandom
import X86

/// One interpreter input: the mode it starts in and its register state; its memory contents are
/// written into the fuzz machine as it is made.
struct InterpreterInput {
    var mode: FuzzMode
    var paging: PagingKind
    var context: VCPUContext
    /// Instructions the input may run (an exception counts as one).
    var instructionBudget: Int
    /// I/O and MMIO exits answered before the input stops.
    var exitBudget: Int
    /// The first bytes of its code, for the failure report.
    var code: [UInt8]

    /// Makes an input from `random`, writing its memory through `ram`.
    init(ram: RAMImage, pool: RandomPool, using random: inout SeededGenerator) {
        mode = FuzzMode.allCases.randomElement(using: &random) ?? .long64
        switch mode {
        case .real, .real8086: paging = .none
        case .virtual8086: paging = Bool.random(using: &random) ? .none : .bits32
        case .protected16, .protected32: paging = [PagingKind.none, .bits32, .pae].randomElement(using: &random) ?? .none
        case .compatibility16, .compatibility32, .long64: paging = .fourLevel
        }
        let cpl: UInt8 = mode == .virtual8086 ? 3 : (mode.isProtected && Bool.random(using: &random) ? 3 : 0)
        instructionBudget = Int.random(in: 200...1000, using: &random)
        exitBudget = Int.random(in: 1...16, using: &random)

        pool.fill(ram.pointer(at: 0, count: FuzzAddressSpace.playgroundSize), count: FuzzAddressSpace.playgroundSize, using: &random)
        ram.zero(FuzzAddressSpace.playgroundSize..<FuzzAddressSpace.ramSize)
        var code: [UInt8] = []
        let codeLength = Int.random(in: 16...512, using: &random)
        while code.count < codeLength {
            code += Int.random(in: 0..<8, using: &random) == 0 ? InstructionBytes.system(using: &random) : InstructionBytes.shaped(using: &random)
        }
        ram.write(code, at: FuzzAddressSpace.codeAddress)
        self.code = Array(code.prefix(64))

        let tables = DescriptorTableWriter(ram: ram)
        let longMode = mode.isLongMode
        let tssLimit = tables.writeTaskState(longMode: longMode, pool: pool, using: &random)
        let gdtLimit = tables.writeDescriptorTables(longMode: longMode, tssLimit: tssLimit, using: &random)
        let idtLimit = tables.writeInterruptTable(longMode: longMode, using: &random)
        if !mode.isProtected { tables.writeVectorTable(using: &random) }
        let cr3 = PageTableWriter(ram: ram).write(paging, using: &random)
        let generator = GuestStateGenerator(mode: mode, paging: paging, cpl: cpl)
        context = generator.context(cr3: cr3, gdtLimit: gdtLimit, idtLimit: idtLimit, tssLimit: tssLimit, using: &random)
    }

    /// One line naming the input's starting state.
    var summary: String {
        let cs = context[.cs]
        return "mode \(mode.rawValue), paging \(paging.rawValue), CPL \(context.cpl), cs:rip 0x\(String(cs.selector, radix: 16)):0x\(String(context.rip, radix: 16)), "
            + "cr0 0x\(String(context.cr0, radix: 16)) cr4 0x\(String(context.cr4, radix: 16)) efer 0x\(String(context.efer, radix: 16)) rflags 0x\(String(context.rflags, radix: 16))"
    }
}
