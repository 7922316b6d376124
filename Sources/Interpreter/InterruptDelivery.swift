import Machine
import X86

/// Delivery of exceptions and interrupts through the IVT or IDT, the double- and triple-fault
/// rules, INT n and IRET.
extension InterpreterCore {
    /// What raised an interrupt, which decides privilege checks and the return address.
    enum InterruptSource {
        case exception, software, external
    }

    /// Delivers an exception raised by the current instruction; returns an exit when the machine
    /// shuts down (triple fault) or the engine cannot go on.
    mutating func deliverException(vector firstVector: UInt8, errorCode firstCode: UInt32?) -> VMExit? {
        var vector = firstVector
        var code = firstCode
        while true {
            let saved = context
            let savedFlags = flags
            do {
                try deliverInterrupt(vector: vector, errorCode: code, source: .exception)
                return nil
            } catch {
                state = saved
                registerFile.load(from: saved)
                flags = savedFlags
                modeChanged()
                switch error {
                case .exit(let exit):
                    return exit
                case .exception(let second, let secondCode):
                    if vector == ExceptionVector.doubleFault {
                        return .shutdown(reason: "triple fault (exception \(second) while delivering a double fault; first exception \(firstVector))")
                    }
                    let firstContributory = ExceptionVector.isContributory(vector)
                    let secondContributory = ExceptionVector.isContributory(second)
                    let firstPageFault = vector == ExceptionVector.pageFault
                    if (firstContributory && secondContributory) || (firstPageFault && (secondContributory || second == ExceptionVector.pageFault)) {
                        vector = ExceptionVector.doubleFault
                        code = 0
                    } else {
                        vector = second
                        code = secondCode
                    }
                    if isRealAddressing && vector == ExceptionVector.doubleFault && firstVector == ExceptionVector.doubleFault {
                        return .shutdown(reason: "triple fault in real mode")
                    }
                }
            }
        }
    }

    /// INT n, INT3, INTO and INT1 (ICEBP).
    mutating func softwareInterrupt(_ vector: UInt8, instruction: DecodedInstruction) throws(Interruption) {
        if mode == .virtual8086 && (state.rflags & RFlags.ioplMask) >> RFlags.ioplShift < 3 && instruction.handler == .intImm {
            throw .generalProtection()
        }
        try deliverInterrupt(vector: vector, errorCode: nil, source: instruction.handler == .int1 ? .external : .software)
    }

    /// Transfers control to the handler of `vector`.
    @inline(never)
    mutating func deliverInterrupt(vector: UInt8, errorCode: UInt32?, source: InterruptSource) throws(Interruption) {
        state.events.halted = false
        if isRealAddressing && mode != .virtual8086 {
            try deliverRealModeInterrupt(vector: vector)
            return
        }
        let fromVirtual8086 = mode == .virtual8086
        let long = state.efer & EFER.longModeActive != 0
        let gateSize: UInt64 = long ? 16 : 8
        let external: UInt32 = source == .software ? 0 : 1
        let gateError = UInt32(vector) * 8 + 2 + external
        guard UInt64(vector) * gateSize + gateSize - 1 <= UInt64(state.idtr.limit) else { throw .generalProtection(gateError) }
        let gateAddress = state.idtr.base &+ UInt64(vector) * gateSize
        let gateLow = try readLinear(gateAddress, size: 8, supervisor: true)
        let gateHigh = long ? try readLinear(gateAddress &+ 8, size: 8, supervisor: true) : 0
        let gateType = UInt8((gateLow >> 40) & 0xF)
        let gateDPL = UInt8((gateLow >> 45) & 3)
        let gatePresent = (gateLow >> 47) & 1 != 0
        let validTypes: [UInt8] = long ? [0xE, 0xF] : [0x6, 0x7, 0xE, 0xF]
        guard validTypes.contains(gateType) else {
            if gateType == 0x5 && !long { throw .failure("task gates are not supported (vector \(vector))") }
            throw .generalProtection(gateError)
        }
        if source == .software && gateDPL < cpl { throw .generalProtection(gateError) }
        guard gatePresent else { throw .segmentNotPresent(gateError) }
        var offset = (gateLow & 0xFFFF) | ((gateLow >> 32) & 0xFFFF_0000)
        if long { offset |= (gateHigh & 0xFFFF_FFFF) << 32 }
        let selector = UInt16(truncatingIfNeeded: gateLow >> 16)
        let interruptStackTable = long ? Int((gateLow >> 32) & 7) : 0
        let gateBits = long ? 8 : (gateType & 8 != 0 ? 4 : 2)

        guard selector & 0xFFFC != 0 else { throw .generalProtection(external) }
        let descriptor = try readDescriptor(selector)
        let rights = descriptor.rights
        let selectorError = UInt32(selector & 0xFFFC) + external
        guard rights.isCode, rights.dpl <= cpl else { throw .generalProtection(selectorError) }
        guard rights.present else { throw .segmentNotPresent(selectorError) }
        if long && !(rights.longMode && !rights.defaultBig) { throw .generalProtection(selectorError) }
        // From virtual-8086 mode only a handler at privilege 0 (in a non-conforming segment) will do.
        if fromVirtual8086 && (rights.isConforming || rights.dpl != 0) { throw .generalProtection(selectorError) }

        let oldCPL = cpl
        let newCPL = rights.isConforming ? oldCPL : rights.dpl
        let oldSS = UInt64(state.segments[SegmentName.ss.rawValue].selector)
        let oldRSP = gpr[4]
        // Faults push RF set, so that the restarted instruction is not stopped by its own breakpoint again.
        let oldFlags = source == .exception && vector != ExceptionVector.debug && vector != 2 ? rflags | RFlags.resume : rflags
        let oldCS = UInt64(state.segments[SegmentName.cs.rawValue].selector)
        let returnRIP = source == .exception ? instructionStart : state.rip

        if long {
            var newRSP = oldRSP
            if interruptStackTable != 0 {
                newRSP = try readTaskStateStack(offset: 0x24 + UInt64(interruptStackTable - 1) * 8, size: 8)
            } else if newCPL < oldCPL {
                newRSP = try readTaskStateStack(offset: 4 + UInt64(newCPL) * 8, size: 8)
            }
            if newCPL < oldCPL { try loadStackSegment(selector: UInt16(newCPL), privilege: newCPL) }
            gpr[4] = newRSP & ~0xF
            try enterCodeSegment(descriptor, selector: selector & 0xFFFC | UInt16(newCPL), offset: offset)
            try push(oldSS, size: 8)
            try push(oldRSP, size: 8)
        } else {
            if newCPL < oldCPL {
                let stackPointer: UInt64
                let stackSelector: UInt16
                if state.tr.access.type & 8 != 0 {
                    stackPointer = try readTaskStateStack(offset: 4 + UInt64(newCPL) * 8, size: 4)
                    stackSelector = UInt16(truncatingIfNeeded: try readTaskStateStack(offset: 8 + UInt64(newCPL) * 8, size: 2))
                } else {
                    stackPointer = try readTaskStateStack(offset: 2 + UInt64(newCPL) * 4, size: 2)
                    stackSelector = UInt16(truncatingIfNeeded: try readTaskStateStack(offset: 4 + UInt64(newCPL) * 4, size: 2))
                }
                let dataSegments = [SegmentName.gs, .fs, .ds, .es]
                let oldDataSelectors = fromVirtual8086 ? dataSegments.map { UInt64(state.segments[$0.rawValue].selector) } : []
                if fromVirtual8086 {
                    // The handler runs in protected mode: leave virtual-8086 mode before the new stack is used.
                    state.rflags &= ~RFlags.virtual8086
                    modeChanged()
                }
                try loadStackSegment(selector: stackSelector, privilege: newCPL)
                gpr[4] = stackPointer
                for selector in oldDataSelectors { try push(selector, size: gateBits) }
                try push(oldSS, size: gateBits)
                try push(oldRSP, size: gateBits)
            }
            try enterCodeSegment(descriptor, selector: selector & 0xFFFC | UInt16(newCPL), offset: offset)
        }
        try push(oldFlags, size: gateBits)
        try push(oldCS, size: gateBits)
        try push(returnRIP, size: gateBits)
        if let errorCode, source == .exception { try push(UInt64(errorCode), size: gateBits) }
        var cleared = RFlags.trap | RFlags.nestedTask | RFlags.resume | RFlags.virtual8086
        if gateType & 1 == 0 { cleared |= RFlags.interruptEnable }
        state.rflags &= ~cleared
        if fromVirtual8086 {
            for name in [SegmentName.es, .ds, .fs, .gs] {
                state.segments[name.rawValue] = SegmentRegister(selector: 0, base: 0, limit: 0, access: .unusable)
            }
        }
    }

    private mutating func deliverRealModeInterrupt(vector: UInt8) throws(Interruption) {
        let entry = UInt64(vector) * 4
        if model != .i8086 && entry + 3 > UInt64(state.idtr.limit) { throw .generalProtection(UInt32(vector) * 8 + 2) }
        let base = model == .i8086 ? 0 : state.idtr.base
        let offset = try readLinear((base &+ entry) & (model == .i8086 ? 0xF_FFFF : .max), size: 2, supervisor: true)
        let segment = try readLinear((base &+ entry &+ 2) & (model == .i8086 ? 0xF_FFFF : .max), size: 2, supervisor: true)
        let returnIP = state.rip
        try push(rflags & 0xFFFF | (model == .i8086 ? 0xF000 : 0), size: 2)
        try push(UInt64(state.segments[SegmentName.cs.rawValue].selector), size: 2)
        try push(returnIP, size: 2)
        state.rflags &= ~(RFlags.interruptEnable | RFlags.trap | RFlags.alignmentCheck)
        var cs = state.segments[SegmentName.cs.rawValue]
        cs.selector = UInt16(segment)
        cs.base = segment << 4
        state.segments[SegmentName.cs.rawValue] = cs
        state.rip = offset
        modeChanged()
    }

    /// IRETD at privilege 0 whose flags image sets VM: pops ESP, SS, ES, DS, FS and GS after EIP, CS
    /// and EFLAGS, and resumes virtual-8086 code at privilege 3.
    private mutating func returnToVirtual8086(instructionPointer: UInt64, codeSelector: UInt16, flags: UInt64) throws(Interruption) {
        guard instructionPointer <= 0xFFFF else { throw .generalProtection() }
        var selectors: [UInt16] = []
        for slot in UInt64(4)...8 { selectors.append(UInt16(truncatingIfNeeded: try peekStack(at: slot * 4, size: 4))) }
        let stackPointer = try peekStack(at: 12, size: 4)
        rflags = flags & 0x3F_7FD5
        state.segments[SegmentName.cs.rawValue] = Self.virtual8086Segment(codeSelector, code: true)
        for (name, selector) in zip([SegmentName.ss, .es, .ds, .fs, .gs], selectors) {
            state.segments[name.rawValue] = Self.virtual8086Segment(selector, code: false)
        }
        gpr[4] = stackPointer
        state.rip = instructionPointer
        state.events.nmiMasked = false
        modeChanged()
    }

    /// Reads a stack pointer or selector from the current TSS.
    private mutating func readTaskStateStack(offset: UInt64, size: Int) throws(Interruption) -> UInt64 {
        guard offset + UInt64(size) - 1 <= UInt64(state.tr.limit) else { throw .invalidTSS(UInt32(state.tr.selector & 0xFFFC)) }
        return try readLinear(state.tr.base &+ offset, size: size, supervisor: true)
    }

    /// IRET, IRETD and IRETQ.
    @inline(never)
    mutating func interruptReturn(size: Int) throws(Interruption) {
        if isRealAddressing && mode != .virtual8086 {
            let ip = try pop(size: size)
            let cs = try pop(size: size)
            let poppedFlags = try pop(size: size)
            try loadCodeSegment(selector: UInt16(truncatingIfNeeded: cs), offset: ip, transfer: .jump)
            let mask: UInt64 = model == .i8086 ? 0x0FD5 : (size == 2 ? 0xFFFF : 0x25_7FD5) & ~RFlags.virtual8086
            rflags = rflags & ~mask | poppedFlags & mask
            state.events.nmiMasked = false
            return
        }
        if mode == .virtual8086 {
            // Without VME, only IOPL 3 lets virtual-8086 code return; IOPL and VM stay as they are.
            guard (state.rflags & RFlags.ioplMask) >> RFlags.ioplShift == 3 else { throw .generalProtection() }
            let ip = try peekStack(at: 0, size: size)
            let cs = try peekStack(at: UInt64(size), size: size)
            let poppedFlags = try peekStack(at: UInt64(2 * size), size: size)
            try loadCodeSegment(selector: UInt16(truncatingIfNeeded: cs), offset: ip, transfer: .jump)
            setRegister(4, size: 2, highByte: false, (gpr[4] &+ UInt64(3 * size)) & 0xFFFF)
            let mask = (size == 2 ? 0xFFFF : 0x25_7FD5) & ~(RFlags.virtual8086 | RFlags.ioplMask)
            rflags = rflags & ~mask | poppedFlags & mask
            state.events.nmiMasked = false
            return
        }
        if state.rflags & RFlags.nestedTask != 0 && state.efer & EFER.longModeActive == 0 {
            throw .failure("IRET with NT set (task return) is not supported")
        }
        let long = state.efer & EFER.longModeActive != 0
        let returnRIP = try peekStack(at: 0, size: size)
        let returnCS = UInt16(truncatingIfNeeded: try peekStack(at: UInt64(size), size: 2))
        let poppedFlags = try peekStack(at: UInt64(2 * size), size: size)
        if !long && poppedFlags & RFlags.virtual8086 != 0 && cpl == 0 && size == 4 {
            try returnToVirtual8086(instructionPointer: returnRIP, codeSelector: returnCS, flags: poppedFlags)
            return
        }
        let cpl = cpl
        let returnPrivilege = UInt8(returnCS & 3)
        guard returnPrivilege >= cpl else { throw .generalProtection(UInt32(returnCS & 0xFFFC)) }
        let popsStack = size == 8 || returnPrivilege > cpl
        var newRSP: UInt64 = 0
        var newSS: UInt16 = 0
        if popsStack {
            newRSP = try peekStack(at: UInt64(3 * size), size: size)
            newSS = UInt16(truncatingIfNeeded: try peekStack(at: UInt64(4 * size), size: 2))
        }
        let oldStackSize = stackAddressSize
        try loadCodeSegment(selector: returnCS, offset: returnRIP, transfer: .return)
        var changeable = RFlags.status | RFlags.trap | RFlags.direction | RFlags.nestedTask | RFlags.resume | RFlags.alignmentCheck | RFlags.identification
        let iopl = (state.rflags & RFlags.ioplMask) >> RFlags.ioplShift
        if cpl == 0 { changeable |= RFlags.ioplMask | RFlags.virtualInterrupt | RFlags.virtualInterruptPending }
        if UInt64(cpl) <= iopl { changeable |= RFlags.interruptEnable }
        changeable &= Self.mask(size)
        rflags = rflags & ~changeable | poppedFlags & changeable
        if popsStack {
            try loadStackSegment(selector: newSS, privilege: returnPrivilege)
            gpr[4] = size == 8 ? newRSP : newRSP & Self.mask(size)
            if returnPrivilege > cpl { clearDataSegmentsAbovePrivilege(returnPrivilege) }
        } else {
            setRegister(4, size: oldStackSize, highByte: false, (gpr[4] &+ UInt64(3 * size)) & Self.mask(oldStackSize))
        }
        state.events.nmiMasked = false
    }
}
