import X86

/// Privileged and system instructions: HLT, CLI/STI, CPUID, time stamps, control and debug
/// registers, descriptor tables, task and LDT registers, segment inspection.
extension InterpreterCore {
    /// #GP unless CPL is 0 (real mode counts as 0; virtual-8086 mode as 3).
    @inline(__always)
    func requirePrivilege() throws(Interruption) {
        if cpl != 0 { throw .generalProtection() }
    }

    mutating func halt() throws(Interruption) {
        try requirePrivilege()
        state.events.halted = true
    }

    mutating func setInterruptFlag(_ enable: Bool) throws(Interruption) {
        let mode = mode
        if mode != .real && model != .i8086 {
            let iopl = UInt8((state.rflags & RFlags.ioplMask) >> RFlags.ioplShift)
            if (mode == .virtual8086 ? 3 : cpl) > iopl { throw .generalProtection() }
        }
        if enable {
            if state.rflags & RFlags.interruptEnable == 0 { state.events.interruptShadow = true }
            state.rflags |= RFlags.interruptEnable
        } else {
            state.rflags &= ~RFlags.interruptEnable
        }
    }

    @inline(never)
    mutating func cpuid() {
        let answer = CPUIDModel.answer(
            leaf: UInt32(truncatingIfNeeded: gpr[0]), subleaf: UInt32(truncatingIfNeeded: gpr[1]),
            signature: UInt32(truncatingIfNeeded: VCPUContext.resetSignature))
        gpr[0] = UInt64(answer.eax)
        gpr[3] = UInt64(answer.ebx)
        gpr[1] = UInt64(answer.ecx)
        gpr[2] = UInt64(answer.edx)
    }

    mutating func readTimeStampCounter(withAux: Bool) throws(Interruption) {
        if state.cr4 & CR4.timeStampDisable != 0 && cpl != 0 { throw .generalProtection() }
        let counter = timeStampCounter
        gpr[0] = counter & 0xFFFF_FFFF
        gpr[2] = counter >> 32
        if withAux { gpr[1] = state.msr.tscAux & 0xFFFF_FFFF }
    }

    mutating func readModelSpecificRegister() throws(Interruption) {
        try requirePrivilege()
        let index = UInt32(truncatingIfNeeded: gpr[1])
        let value: UInt64
        switch index {
        case MSRIndex.timeStampCounter: value = timeStampCounter
        case MSRIndex.apicBase: value = state.msr.apicBase
        case MSRIndex.mtrrCapabilities: value = 0
        case MSRIndex.sysenterCS: value = state.msr.sysenterCS
        case MSRIndex.sysenterESP: value = state.msr.sysenterESP
        case MSRIndex.sysenterEIP: value = state.msr.sysenterEIP
        case MSRIndex.miscEnable: value = state.msr.miscEnable
        case MSRIndex.pat: value = state.msr.pat
        case MSRIndex.mtrrDefaultType: value = state.msr.mtrrDefaultType
        case MSRIndex.efer: value = state.efer
        case MSRIndex.star: value = state.msr.star
        case MSRIndex.lstar: value = state.msr.lstar
        case MSRIndex.cstar: value = state.msr.cstar
        case MSRIndex.sfmask: value = state.msr.sfmask
        case MSRIndex.fsBase: value = state.segments[SegmentName.fs.rawValue].base
        case MSRIndex.gsBase: value = state.segments[SegmentName.gs.rawValue].base
        case MSRIndex.kernelGSBase: value = state.msr.kernelGSBase
        case MSRIndex.tscAux: value = state.msr.tscAux
        default: throw .generalProtection()
        }
        gpr[0] = value & 0xFFFF_FFFF
        gpr[2] = value >> 32
    }

    mutating func writeModelSpecificRegister() throws(Interruption) {
        try requirePrivilege()
        let index = UInt32(truncatingIfNeeded: gpr[1])
        let value = (gpr[2] & 0xFFFF_FFFF) << 32 | gpr[0] & 0xFFFF_FFFF
        func canonical() throws(Interruption) -> UInt64 {
            guard Self.isCanonical(value) else { throw .generalProtection() }
            return value
        }
        switch index {
        case MSRIndex.timeStampCounter: timeStampOffset = value &- hostTimeStamp
        case MSRIndex.apicBase: state.msr.apicBase = value
        case MSRIndex.sysenterCS: state.msr.sysenterCS = value & 0xFFFF
        case MSRIndex.sysenterESP: state.msr.sysenterESP = try canonical()
        case MSRIndex.sysenterEIP: state.msr.sysenterEIP = try canonical()
        case MSRIndex.miscEnable: state.msr.miscEnable = value
        case MSRIndex.pat: state.msr.pat = value
        case MSRIndex.mtrrDefaultType: state.msr.mtrrDefaultType = value
        case MSRIndex.efer: try writeEFER(value)
        case MSRIndex.star: state.msr.star = value
        case MSRIndex.lstar: state.msr.lstar = try canonical()
        case MSRIndex.cstar: state.msr.cstar = try canonical()
        case MSRIndex.sfmask: state.msr.sfmask = value & 0xFFFF_FFFF
        case MSRIndex.fsBase: state.segments[SegmentName.fs.rawValue].base = try canonical()
        case MSRIndex.gsBase: state.segments[SegmentName.gs.rawValue].base = try canonical()
        case MSRIndex.kernelGSBase: state.msr.kernelGSBase = try canonical()
        case MSRIndex.tscAux: state.msr.tscAux = value & 0xFFFF_FFFF
        default: throw .generalProtection()
        }
    }

    private mutating func writeEFER(_ value: UInt64) throws(Interruption) {
        let writable = EFER.systemCallExtensions | EFER.longModeEnable | EFER.noExecuteEnable
        guard value & ~(writable | EFER.longModeActive) == 0 else { throw .generalProtection() }
        let paging = state.cr0 & CR0.paging != 0
        if paging && (value ^ state.efer) & EFER.longModeEnable != 0 { throw .generalProtection() }
        state.efer = value & writable | state.efer & EFER.longModeActive
        flushTranslations()
    }

    /// The control register a MOV CRn names; #UD for ones that do not exist.
    private func controlRegisterIndex(_ instruction: DecodedInstruction) throws(Interruption) -> UInt8 {
        let index = instruction.reg
        guard [0, 2, 3, 4, 8].contains(index), index != 8 || decodeMode == .bits64 else { throw .invalidOpcode }
        return index
    }

    mutating func moveFromControlRegister(_ instruction: DecodedInstruction) throws(Interruption) {
        try requirePrivilege()
        let value: UInt64
        switch try controlRegisterIndex(instruction) {
        case 0: value = state.cr0
        case 2: value = state.cr2
        case 3: value = state.cr3
        case 4: value = state.cr4
        default: value = state.cr8
        }
        setRegister(instruction.rm, size: decodeMode == .bits64 ? 8 : 4, highByte: false, value)
    }

    mutating func moveToControlRegister(_ instruction: DecodedInstruction) throws(Interruption) {
        try requirePrivilege()
        let value = register(instruction.rm, size: decodeMode == .bits64 ? 8 : 4, highByte: false)
        switch try controlRegisterIndex(instruction) {
        case 0: try writeCR0(value)
        case 2: state.cr2 = value
        case 3:
            state.cr3 = value & 0x000F_FFFF_FFFF_FFFF
            flushTranslations()
        case 4:
            let supported = CR4.debuggingExtensions | CR4.timeStampDisable | CR4.pageSizeExtensions | CR4.physicalAddressExtension
                | CR4.machineCheck | CR4.pageGlobal | CR4.performanceCounter | CR4.osfxsr | CR4.osxmmexcpt
            guard value & ~supported == 0 else { throw .generalProtection() }
            if state.efer & EFER.longModeActive != 0 && value & CR4.physicalAddressExtension == 0 { throw .generalProtection() }
            state.cr4 = value
            flushTranslations()
        default:
            guard value & ~0xF == 0 else { throw .generalProtection() }
            state.cr8 = value
        }
    }

    mutating func writeCR0(_ requested: UInt64) throws(Interruption) {
        guard requested >> 32 == 0 else { throw .generalProtection() }
        let value = requested | CR0.extensionType
        if value & CR0.paging != 0 && value & CR0.protectionEnable == 0 { throw .generalProtection() }
        if value & CR0.notWriteThrough != 0 && value & CR0.cacheDisable == 0 { throw .generalProtection() }
        let enablingPaging = value & CR0.paging != 0 && state.cr0 & CR0.paging == 0
        if enablingPaging && state.efer & EFER.longModeEnable != 0 {
            guard state.cr4 & CR4.physicalAddressExtension != 0 else { throw .generalProtection() }
            state.efer |= EFER.longModeActive
        }
        if value & CR0.paging == 0 && state.cr0 & CR0.paging != 0 {
            if decodeMode == .bits64 { throw .generalProtection() }
            state.efer &= ~EFER.longModeActive
        }
        state.cr0 = value
        flushTranslations()
        modeChanged()
    }

    private func debugRegisterIndex(_ instruction: DecodedInstruction) throws(Interruption) -> UInt8 {
        let index = instruction.reg
        guard index < 8 else { throw .invalidOpcode }
        if index == 4 || index == 5 {
            if state.cr4 & CR4.debuggingExtensions != 0 { throw .invalidOpcode }
            return index + 2
        }
        return index
    }

    mutating func moveFromDebugRegister(_ instruction: DecodedInstruction) throws(Interruption) {
        try requirePrivilege()
        let index = try debugRegisterIndex(instruction)
        let value: UInt64
        switch index {
        case 0...3: value = state.dr[Int(index)]
        case 6: value = state.dr6
        default: value = state.dr7
        }
        setRegister(instruction.rm, size: decodeMode == .bits64 ? 8 : 4, highByte: false, value)
    }

    mutating func moveToDebugRegister(_ instruction: DecodedInstruction) throws(Interruption) {
        try requirePrivilege()
        let index = try debugRegisterIndex(instruction)
        let value = register(instruction.rm, size: decodeMode == .bits64 ? 8 : 4, highByte: false)
        switch index {
        case 0...3: state.dr[Int(index)] = value
        case 6: state.dr6 = value & 0xFFFF_FFFF | 0xFFFF_0FF0
        default: state.dr7 = value & 0xFFFF_FFFF | 0x400
        }
    }

    @inline(never)
    mutating func loadDescriptorTable(_ instruction: DecodedInstruction) throws(Interruption) {
        try requirePrivilege()
        let segment = instruction.memorySegment
        let address = effectiveAddress(instruction)
        let limit = UInt16(truncatingIfNeeded: try read(segment: segment, offset: address, size: 2))
        var base: UInt64
        if decodeMode == .bits64 {
            base = try read(segment: segment, offset: address &+ 2, size: 8)
            guard Self.isCanonical(base) else { throw .generalProtection() }
        } else {
            base = try read(segment: segment, offset: address &+ 2, size: 4)
            if instruction.operandSize == 2 { base &= 0xFF_FFFF }
        }
        let table = DescriptorTableRegister(base: base, limit: limit)
        if instruction.handler == .lgdt { state.gdtr = table } else { state.idtr = table }
    }

    @inline(never)
    mutating func storeDescriptorTable(_ instruction: DecodedInstruction) throws(Interruption) {
        let table = instruction.handler == .sgdt ? state.gdtr : state.idtr
        let segment = instruction.memorySegment
        let address = effectiveAddress(instruction)
        try write(segment: segment, offset: address, size: 2, value: UInt64(table.limit))
        try write(segment: segment, offset: address &+ 2, size: decodeMode == .bits64 ? 8 : 4, value: table.base)
    }

    /// Reads a system descriptor (LDT or TSS) from the GDT; 16 bytes in long mode.
    private mutating func readSystemDescriptor(_ selector: UInt16, allowedTypes: [UInt8]) throws(Interruption) -> (Descriptor, SegmentRegister) {
        let error = UInt32(selector & 0xFFFC)
        guard selector & 4 == 0 else { throw .generalProtection(error) }
        let descriptor = try readDescriptor(selector)
        let rights = descriptor.rights
        guard !rights.isCodeOrData, allowedTypes.contains(rights.type) else { throw .generalProtection(error) }
        guard rights.present else { throw .segmentNotPresent(error) }
        var segment = descriptor.segment(selector: selector)
        if state.efer & EFER.longModeActive != 0 {
            let upperOffset = UInt64(selector & 0xFFF8) + 8
            guard upperOffset + 7 <= UInt64(state.gdtr.limit) else { throw .generalProtection(error) }
            segment.base |= (try readLinear(state.gdtr.base &+ upperOffset, size: 4, supervisor: true)) << 32
        }
        return (descriptor, segment)
    }

    @inline(never)
    mutating func loadLocalDescriptorTable(_ instruction: DecodedInstruction) throws(Interruption) {
        if isRealAddressing { throw .invalidOpcode }
        try requirePrivilege()
        let selector = UInt16(truncatingIfNeeded: try rmOperand(instruction, size: 2))
        if selector & 0xFFFC == 0 {
            state.ldtr = SegmentRegister(selector: selector, base: 0, limit: 0, access: .unusable)
            return
        }
        state.ldtr = try readSystemDescriptor(selector, allowedTypes: [2]).1
    }

    @inline(never)
    mutating func loadTaskRegister(_ instruction: DecodedInstruction) throws(Interruption) {
        if isRealAddressing { throw .invalidOpcode }
        try requirePrivilege()
        let selector = UInt16(truncatingIfNeeded: try rmOperand(instruction, size: 2))
        guard selector & 0xFFFC != 0 else { throw .generalProtection() }
        let long = state.efer & EFER.longModeActive != 0
        let (descriptor, segment) = try readSystemDescriptor(selector, allowedTypes: long ? [9] : [1, 9])
        try writeLinear(descriptor.address &+ 4, size: 4, value: UInt64(descriptor.high | 0x200), supervisor: true)
        var busy = segment
        busy.access.rawValue |= 2
        state.tr = busy
    }

    /// SLDT, STR and SMSW: a register destination takes the operand size, memory 16 bits.
    mutating func storeSystemSelector(_ instruction: DecodedInstruction, _ value: UInt16, size: Int, wholeRegister: UInt64? = nil) throws(Interruption) {
        if instruction.handler != .smsw && isRealAddressing { throw .invalidOpcode }
        if instruction.modrmMod == 3 {
            setRegister(instruction.rm, size: size, highByte: false, wholeRegister ?? UInt64(value))
        } else {
            try setRMOperand(instruction, size: 2, UInt64(value))
        }
    }

    mutating func loadMachineStatusWord(_ instruction: DecodedInstruction) throws(Interruption) {
        try requirePrivilege()
        let word = try rmOperand(instruction, size: 2) & 0xF
        // LMSW can set PE but never clear it.
        let value = state.cr0 & ~0xE | word | (state.cr0 & CR0.protectionEnable)
        try writeCR0(value)
    }

    /// LAR, LSL, VERR and VERW: ZF tells whether the selector is visible and usable.
    mutating func inspectSegment(_ instruction: DecodedInstruction, size: Int) throws(Interruption) {
        if isRealAddressing { throw .invalidOpcode }
        let selector = UInt16(truncatingIfNeeded: try rmOperand(instruction, size: 2))
        var status = flags.bits & ~RFlags.zero
        defer { flags.materialize(status) }
        guard selector & 0xFFFC != 0 else { return }
        let descriptor: Descriptor
        do {
            descriptor = try readDescriptor(selector)
        } catch {
            if case .exception = error { return }
            throw error
        }
        let rights = descriptor.rights
        let privilege = max(cpl, UInt8(selector & 3))
        if !rights.isConforming && rights.dpl < privilege { return }
        switch instruction.handler {
        case .lar:
            if !rights.isCodeOrData && ![1, 2, 3, 9, 11, 12].contains(rights.type) { return }
            setRegOperand(instruction, size: size, UInt64(descriptor.high & 0x00FF_FF00))
        case .lsl:
            if !rights.isCodeOrData && ![1, 2, 3, 9, 11].contains(rights.type) { return }
            setRegOperand(instruction, size: size, UInt64(descriptor.limit))
        case .verr:
            if !rights.isCodeOrData || (rights.isCode && !rights.isWritableOrReadable) { return }
        default:
            if !rights.isCodeOrData || rights.isCode || !rights.isWritableOrReadable { return }
        }
        status |= RFlags.zero
    }

    mutating func adjustRequestedPrivilege(_ instruction: DecodedInstruction) throws(Interruption) {
        if isRealAddressing { throw .invalidOpcode }
        let destination = try rmOperandForUpdate(instruction, size: 2)
        let source = regOperand(instruction, size: 2)
        var status = flags.bits & ~RFlags.zero
        if destination & 3 < source & 3 {
            try setRMOperand(instruction, size: 2, destination & ~3 | source & 3)
            status |= RFlags.zero
        }
        flags.materialize(status)
    }

    @inline(never)
    mutating func saveFloatingPoint(_ instruction: DecodedInstruction) throws(Interruption) {
        let address = effectiveAddress(instruction)
        guard address & 15 == 0 else { throw .generalProtection() }
        var image = InlineArray<64, UInt64>(repeating: 0)
        let fpu = state.fpu
        var span = image.mutableSpan
        span.withUnsafeMutableBytes { fpu.writeFXSAVE(to: $0) }
        for index in 0..<64 {
            try write(segment: instruction.memorySegment, offset: address &+ UInt64(index * 8), size: 8, value: UInt64(littleEndian: image[index]))
        }
    }

    @inline(never)
    mutating func restoreFloatingPoint(_ instruction: DecodedInstruction) throws(Interruption) {
        let address = effectiveAddress(instruction)
        guard address & 15 == 0 else { throw .generalProtection() }
        var image = InlineArray<64, UInt64>(repeating: 0)
        for index in 0..<64 {
            image[index] = (try read(segment: instruction.memorySegment, offset: address &+ UInt64(index * 8), size: 8)).littleEndian
        }
        var restored = image.span.withUnsafeBytes { FloatingPointState(fxsave: $0) }
        guard restored.mxcsr & ~state.fpu.mxcsrMask == 0 else { throw .generalProtection() }
        restored.mxcsrMask = state.fpu.mxcsrMask
        state.fpu = restored
    }
}
