import SeededRandom
import X86

/// Random but well-formed register states: control registers, EFER and RFLAGS consistent with the
/// mode; segment caches that a processor could hold in it (flat, based, expand-down, unusable);
/// general registers that are small, pointers into the playground, or anything.
struct GuestStateGenerator {
    let mode: FuzzMode
    let paging: PagingKind
    let cpl: UInt8

    typealias Tables = DescriptorTableWriter

    func context(cr3: UInt64, gdtLimit: UInt16, idtLimit: UInt16, tssLimit: UInt32, using random: inout SeededGenerator) -> VCPUContext {
        var context = VCPUContext()
        setControlRegisters(&context, cr3: cr3, using: &random)
        setSegments(&context, using: &random)
        context.gdtr = DescriptorTableRegister(base: FuzzAddressSpace.gdt, limit: gdtLimit)
        if mode.isProtected {
            context.idtr = DescriptorTableRegister(base: FuzzAddressSpace.idt, limit: idtLimit)
            context.tr = SegmentRegister(
                selector: Tables.taskState, base: FuzzAddressSpace.tss, limit: tssLimit,
                access: SegmentAccessRights(type: 0xB, system: true, dpl: 0, present: true))
            context.ldtr = Bool.random(using: &random)
                ? SegmentRegister(selector: Tables.localTable, base: FuzzAddressSpace.ldt, limit: 0x7F,
                                  access: SegmentAccessRights(type: 2, system: true, dpl: 0, present: true))
                : SegmentRegister(selector: 0, base: 0, limit: 0, access: .unusable)
        } else {
            context.idtr = DescriptorTableRegister(base: 0, limit: Int.random(in: 0..<10, using: &random) == 0 ? UInt16.random(in: 0...0x3FF, using: &random) : 0x3FF)
        }
        for index in 0..<16 { context.gpr[index] = registerValue(using: &random) }
        context[.rsp] = FuzzAddressSpace.stackTop - UInt64.random(in: 0..<0x100, using: &random) * 2
        if Int.random(in: 0..<10, using: &random) == 0 { context[.rsp] = random.next() }
        context.rip = instructionPointer(codeBase: context[.cs].base, using: &random)
        context.rflags = flags(using: &random)
        setModelSpecificRegisters(&context, using: &random)
        setFloatingPoint(&context, using: &random)
        context.cr2 = random.next()
        context.cr8 = UInt64.random(in: 0...15, using: &random)
        for index in 0..<4 { context.dr[index] = Bool.random(using: &random) ? 0 : FuzzAddressSpace.codeAddress + UInt64.random(in: 0..<0x100, using: &random) }
        if Int.random(in: 0..<4, using: &random) == 0 { context.dr7 = 0x400 | UInt64.random(in: 0...UInt64(UInt32.max), using: &random) & 0xFFFF_23FF }
        return context
    }

    private func setControlRegisters(_ context: inout VCPUContext, cr3: UInt64, using random: inout SeededGenerator) {
        var cr0 = CR0.extensionType
        for bit in [CR0.monitorCoprocessor, CR0.emulation, CR0.taskSwitched, CR0.numericError, CR0.writeProtect, CR0.alignmentMask]
        where Int.random(in: 0..<4, using: &random) == 0 {
            cr0 |= bit
        }
        if Int.random(in: 0..<8, using: &random) == 0 { cr0 |= CR0.cacheDisable | (Bool.random(using: &random) ? CR0.notWriteThrough : 0) }
        if mode.isProtected { cr0 |= CR0.protectionEnable }
        if paging != .none { cr0 |= CR0.paging }
        var cr4: UInt64 = 0
        for bit in [CR4.debuggingExtensions, CR4.timeStampDisable, CR4.pageSizeExtensions, CR4.machineCheck, CR4.pageGlobal, CR4.performanceCounter]
        where Int.random(in: 0..<4, using: &random) == 0 {
            cr4 |= bit
        }
        if Int.random(in: 0..<4, using: &random) > 0 { cr4 |= CR4.osfxsr }
        if Int.random(in: 0..<4, using: &random) > 0 { cr4 |= CR4.osxmmexcpt }
        if paging == .pae || paging == .fourLevel { cr4 |= CR4.physicalAddressExtension }
        if paging == .bits32 && Bool.random(using: &random) { cr4 |= CR4.pageSizeExtensions }
        var efer: UInt64 = 0
        if Bool.random(using: &random) { efer |= EFER.systemCallExtensions }
        if (paging == .pae || paging == .fourLevel) && Bool.random(using: &random) { efer |= EFER.noExecuteEnable }
        if mode.isLongMode { efer |= EFER.longModeEnable | EFER.longModeActive } else if Int.random(in: 0..<8, using: &random) == 0 { efer |= EFER.longModeEnable }
        context.cr0 = cr0
        context.cr4 = cr4
        context.efer = efer
        context.cr3 = paging == .none ? random.next() & 0xFFFF_F000 : cr3
    }

    private func setSegments(_ context: inout VCPUContext, using random: inout SeededGenerator) {
        switch mode {
        case .real, .real8086:
            let codeSelector: UInt16 = Bool.random(using: &random) ? 0 : UInt16(FuzzAddressSpace.codeAddress >> 4)
            for name in SegmentName.allCases {
                let selector = name == .cs ? codeSelector : (Bool.random(using: &random) ? 0 : UInt16.random(in: 0...UInt16.max, using: &random))
                var segment = SegmentRegister.realMode(selector: selector, code: name == .cs)
                // Unreal mode: a data segment keeps the big limit protected mode gave it.
                if name != .cs && mode == .real && Int.random(in: 0..<8, using: &random) == 0 { segment.limit = 0xFFFF_FFFF }
                context[name] = segment
            }
        case .virtual8086:
            let rights = SegmentAccessRights(type: 3, system: false, dpl: 3, present: true)
            for name in SegmentName.allCases {
                let selector = name == .cs ? UInt16(FuzzAddressSpace.codeAddress >> 4) : (Bool.random(using: &random) ? 0 : UInt16.random(in: 0...UInt16.max, using: &random))
                context[name] = SegmentRegister(selector: selector, base: UInt64(selector) << 4, limit: 0xFFFF, access: name == .cs ? SegmentAccessRights(type: 0xB, system: false, dpl: 3, present: true) : rights)
            }
        default:
            context[.cs] = codeSegment()
            context[.ss] = stackSegment(using: &random)
            for name in [SegmentName.ds, .es, .fs, .gs] { context[name] = dataSegment(using: &random) }
        }
    }

    private func codeSegment() -> SegmentRegister {
        let user = cpl == 3
        let selector: UInt16
        let rights: SegmentAccessRights
        switch mode {
        case .long64:
            selector = user ? Tables.userCode64 : Tables.kernelCode64
            rights = SegmentAccessRights(type: 0xB, system: false, dpl: cpl, present: true, longMode: true, granularity: true)
        case .protected16, .compatibility16:
            selector = user ? Tables.userCode16 : Tables.kernelCode16
            rights = SegmentAccessRights(type: 0xB, system: false, dpl: cpl, present: true)
        default:
            selector = user ? Tables.userCode32 : Tables.kernelCode32
            rights = SegmentAccessRights(type: 0xB, system: false, dpl: cpl, present: true, defaultBig: true, granularity: true)
        }
        let limit: UInt32 = rights.granularity ? 0xFFFF_FFFF : 0xFFFF
        return SegmentRegister(selector: selector | UInt16(cpl), base: 0, limit: limit, access: rights)
    }

    private func stackSegment(using random: inout SeededGenerator) -> SegmentRegister {
        let selector = (cpl == 3 ? Tables.userData : Tables.kernelData) | UInt16(cpl)
        if mode == .long64 && cpl == 0 && Int.random(in: 0..<4, using: &random) == 0 {
            return SegmentRegister(selector: 0, base: 0, limit: 0, access: .unusable)
        }
        if Int.random(in: 0..<6, using: &random) == 0 {
            // An expand-down stack: valid offsets lie above the limit.
            let big = Bool.random(using: &random)
            return SegmentRegister(
                selector: selector, base: 0, limit: UInt32.random(in: 0...0x7FFF, using: &random),
                access: SegmentAccessRights(type: 7, system: false, dpl: cpl, present: true, defaultBig: big))
        }
        let big = !mode.is16Bit || Bool.random(using: &random)
        return SegmentRegister(
            selector: selector, base: 0, limit: big ? 0xFFFF_FFFF : 0xFFFF,
            access: SegmentAccessRights(type: 3, system: false, dpl: cpl, present: true, defaultBig: big, granularity: big))
    }

    private func dataSegment(using random: inout SeededGenerator) -> SegmentRegister {
        let dpl = Bool.random(using: &random) ? 3 : cpl
        let selector = (dpl == 3 ? Tables.userData : Tables.kernelData) | UInt16(dpl)
        switch Int.random(in: 0..<10, using: &random) {
        case 0, 1:
            return SegmentRegister(selector: UInt16.random(in: 0...3, using: &random), base: 0, limit: 0, access: .unusable)
        case 2:
            return SegmentRegister(
                selector: Tables.userExpandDown16 | 3, base: 0, limit: UInt32.random(in: 0...0xFFFF, using: &random),
                access: SegmentAccessRights(type: Bool.random(using: &random) ? 7 : 5, system: false, dpl: 3, present: true, defaultBig: Bool.random(using: &random)))
        case 3:
            // A readable code segment used for data.
            return SegmentRegister(selector: Tables.kernelCode32, base: 0, limit: 0xFFFF_FFFF, access: SegmentAccessRights(type: 0xB, system: false, dpl: 0, present: true, defaultBig: true, granularity: true))
        case 4:
            let base = mode == .long64 ? baseFor64BitMode(using: &random) : UInt64.random(in: 0...0xFFFF, using: &random) << 4
            return SegmentRegister(
                selector: selector, base: base, limit: UInt32.random(in: 0...0xFFFF_FFFF, using: &random),
                access: SegmentAccessRights(type: UInt8.random(in: 0...3, using: &random), system: false, dpl: dpl, present: true, defaultBig: true))
        default:
            return SegmentRegister(
                selector: selector, base: 0, limit: 0xFFFF_FFFF,
                access: SegmentAccessRights(type: 3, system: false, dpl: dpl, present: true, defaultBig: true, granularity: true))
        }
    }

    /// An FS or GS base: the playground, near the top of the address space, or any canonical value.
    private func baseFor64BitMode(using random: inout SeededGenerator) -> UInt64 {
        switch Int.random(in: 0..<3, using: &random) {
        case 0: UInt64.random(in: 0..<0x1_0000, using: &random)
        case 1: UInt64.max - UInt64.random(in: 0..<0x1_0000, using: &random)
        default: UInt64(bitPattern: Int64(bitPattern: random.next() << 16) >> 16)
        }
    }

    private func registerValue(using random: inout SeededGenerator) -> UInt64 {
        switch Int.random(in: 0..<6, using: &random) {
        case 0: UInt64.random(in: 0...0x20, using: &random)
        case 5: UInt64(DescriptorTableWriter.randomSelector(using: &random))
        case 1: UInt64.random(in: 0x1000..<UInt64(FuzzAddressSpace.playgroundSize), using: &random)
        case 2: random.next() & 0xFFFF_FFFF
        case 3: UInt64.max - UInt64.random(in: 0...0x20, using: &random)
        default: random.next()
        }
    }

    private func instructionPointer(codeBase: UInt64, using random: inout SeededGenerator) -> UInt64 {
        if Int.random(in: 0..<32, using: &random) == 0 {
            // Anywhere the code segment reaches: usually a page fault, a hole or a limit fault.
            switch mode {
            case .long64: return UInt64(bitPattern: Int64(bitPattern: random.next() << 16) >> 16)
            case .protected32, .compatibility32: return random.next() & 0xFFFF_FFFF
            default: return random.next() & 0xFFFF
            }
        }
        let offset = UInt64.random(in: 0..<0x40, using: &random)
        if mode == .real || mode == .real8086 || mode == .virtual8086 {
            return (FuzzAddressSpace.codeAddress &- codeBase &+ offset) & 0xFFFF
        }
        return FuzzAddressSpace.codeAddress + offset
    }

    private func flags(using random: inout SeededGenerator) -> UInt64 {
        var flags = RFlags.reserved1 | random.next() & (RFlags.status | RFlags.direction | RFlags.interruptEnable | RFlags.ioplMask)
        for bit in [RFlags.trap, RFlags.nestedTask, RFlags.resume, RFlags.alignmentCheck, RFlags.virtualInterrupt, RFlags.virtualInterruptPending, RFlags.identification]
        where Int.random(in: 0..<16, using: &random) == 0 {
            flags |= bit
        }
        if mode == .virtual8086 { flags |= RFlags.virtual8086 }
        return flags
    }

    private func setModelSpecificRegisters(_ context: inout VCPUContext, using random: inout SeededGenerator) {
        let code = FuzzAddressSpace.codeAddress + UInt64.random(in: 0..<0x100, using: &random)
        context.msr.star = UInt64(Tables.userCode32) << 48 | UInt64(Tables.kernelCode32) << 32 | code
        context.msr.lstar = code
        context.msr.cstar = code
        context.msr.sfmask = random.next() & 0xFFFF_FFFF
        context.msr.kernelGSBase = baseFor64BitMode(using: &random)
        context.msr.sysenterCS = Bool.random(using: &random) ? UInt64(Tables.kernelCode32) : UInt64.random(in: 0...0xFFFF, using: &random)
        context.msr.sysenterEIP = code
        context.msr.sysenterESP = FuzzAddressSpace.kernelStackTop - 0x200
        context.msr.tscAux = random.next() & 0xFFFF_FFFF
    }

    private func setFloatingPoint(_ context: inout VCPUContext, using random: inout SeededGenerator) {
        context.fpu.controlWord = UInt16.random(in: 0...UInt16.max, using: &random) & 0x1F3F | 0x40
        context.fpu.statusWord = UInt16.random(in: 0...UInt16.max, using: &random)
        context.fpu.abridgedTagWord = UInt8.random(in: 0...255, using: &random)
        context.fpu.mxcsr = UInt32.random(in: 0...0xFFFF, using: &random)
        for index in 0..<8 {
            context.fpu.registers[index] = X87Register(significand: random.next(), signAndExponent: UInt16.random(in: 0...UInt16.max, using: &random))
        }
        for index in 0..<16 { context.fpu.xmm[index] = UInt128(random.next()) << 64 | UInt128(random.next()) }
    }
}
