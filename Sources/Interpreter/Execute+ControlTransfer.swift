import X86

/// Near and far jumps, calls and returns, LOOP and JCXZ.
extension InterpreterCore {
    @inline(always)
    mutating func jumpRelative(_ instruction: DecodedInstruction, size: Int) {
        let target = state.rip &+ instruction.immediate
        state.rip = size == 2 ? target & 0xFFFF : target & ripMask
    }

    mutating func jumpNear(to target: UInt64, size: Int) throws(Interruption) {
        let masked = target & Self.mask(size)
        try checkCodeTarget(masked)
        state.rip = masked
    }

    /// #GP when a near branch target lies outside CS's limit (or is non-canonical in 64-bit mode).
    @inline(always)
    func checkCodeTarget(_ target: UInt64) throws(Interruption) {
        if decodeMode == .bits64 {
            guard Self.isCanonical(target) else { throw .generalProtection() }
        } else if model != .i8086 && target > UInt64(state.segments[SegmentName.cs.rawValue].limit) {
            throw .generalProtection()
        }
    }

    @inline(always)
    mutating func callRelative(_ instruction: DecodedInstruction, size: Int) throws(Interruption) {
        let returnAddress = state.rip
        let target = (returnAddress &+ instruction.immediate) & (size == 2 ? 0xFFFF : ripMask)
        try checkCodeTarget(target)
        try push(returnAddress, size: size)
        state.rip = target
    }

    mutating func callIndirect(_ instruction: DecodedInstruction, size: Int) throws(Interruption) {
        let target = try rmOperand(instruction, size: size) & Self.mask(size)
        try checkCodeTarget(target)
        try push(state.rip, size: size)
        state.rip = target
    }

    @inline(always)
    mutating func returnNear(_ instruction: DecodedInstruction, size: Int) throws(Interruption) {
        let target = try peekStack(at: 0, size: size)
        try checkCodeTarget(target)
        _ = try pop(size: size)
        if instruction.handler == .retNearImm {
            let stackSize = stackAddressSize
            setRegister(4, size: stackSize, highByte: false, (gpr[4] &+ (instruction.immediate & 0xFFFF)) & Self.mask(stackSize))
        }
        state.rip = target
    }

    /// JMP FAR and CALL FAR through a memory operand holding offset then selector.
    mutating func farTransferThroughMemory(_ instruction: DecodedInstruction, size: Int) throws(Interruption) {
        let segment = instruction.memorySegment
        let address = effectiveAddress(instruction)
        let offset = try read(segment: segment, offset: address, size: size)
        let selector = UInt16(truncatingIfNeeded: try read(segment: segment, offset: (address &+ UInt64(size)) & Self.mask(Int(instruction.addressSize)), size: 2))
        if instruction.handler == .jmpFarMem {
            try farJump(selector: selector, offset: offset, size: size)
        } else {
            try farCall(selector: selector, offset: offset, size: size)
        }
    }

    mutating func farJump(selector: UInt16, offset: UInt64, size: Int) throws(Interruption) {
        try loadCodeSegment(selector: selector, offset: offset & Self.mask(size), transfer: .jump)
    }

    mutating func farCall(selector: UInt16, offset: UInt64, size: Int) throws(Interruption) {
        let returnSelector = UInt64(state.segments[SegmentName.cs.rawValue].selector)
        let returnOffset = state.rip
        let savedStackPointer = gpr[4]
        try push(returnSelector, size: size)
        try push(returnOffset, size: size)
        do {
            try loadCodeSegment(selector: selector, offset: offset & Self.mask(size), transfer: .call)
        } catch {
            gpr[4] = savedStackPointer
            throw error
        }
    }

    @inline(never)
    mutating func farReturn(_ instruction: DecodedInstruction, size: Int) throws(Interruption) {
        let offset = try peekStack(at: 0, size: size)
        let selector = UInt16(truncatingIfNeeded: try peekStack(at: UInt64(size), size: 2))
        let release = instruction.handler == .retFarImm ? instruction.immediate & 0xFFFF : 0
        let mode = mode
        if mode == .real || mode == .virtual8086 || model == .i8086 {
            _ = try pop(size: size)
            _ = try pop(size: size)
            try loadCodeSegment(selector: selector, offset: offset, transfer: .jump)
            let stackSize = stackAddressSize
            setRegister(4, size: stackSize, highByte: false, (gpr[4] &+ release) & Self.mask(stackSize))
            return
        }
        let cpl = cpl
        let returnPrivilege = UInt8(selector & 3)
        if returnPrivilege < cpl { throw .generalProtection(UInt32(selector & 0xFFFC)) }
        if returnPrivilege == cpl {
            try loadCodeSegment(selector: selector, offset: offset, transfer: .return)
            _ = try pop(size: size)
            _ = try pop(size: size)
            let stackSize = stackAddressSize
            setRegister(4, size: stackSize, highByte: false, (gpr[4] &+ release) & Self.mask(stackSize))
            return
        }
        // Return to an outer privilege level: the outer stack follows the return address.
        let base = UInt64(2 * size) &+ release
        let outerStackPointer = try peekStack(at: base, size: size)
        let outerStackSelector = UInt16(truncatingIfNeeded: try peekStack(at: base &+ UInt64(size), size: 2))
        try loadCodeSegment(selector: selector, offset: offset, transfer: .return)
        try loadStackSegment(selector: outerStackSelector, privilege: returnPrivilege)
        gpr[4] = size == 8 ? outerStackPointer : outerStackPointer & Self.mask(size) | (size == 2 ? gpr[4] & ~0xFFFF : 0)
        gpr[4] = (gpr[4] &+ release) & Self.mask(stackAddressSize)
        clearDataSegmentsAbovePrivilege(returnPrivilege)
    }

    mutating func loop(_ instruction: DecodedInstruction, size: Int) {
        let addressSize = Int(instruction.addressSize)
        let count: UInt64
        if instruction.handler == .jcxz {
            count = gpr[1] & Self.mask(addressSize)
            if count == 0 { jumpRelative(instruction, size: size) }
            return
        }
        count = (gpr[1] &- 1) & Self.mask(addressSize)
        setRegister(1, size: addressSize, highByte: false, count)
        let taken: Bool
        switch instruction.handler {
        case .loope: taken = count != 0 && flags.zero
        case .loopne: taken = count != 0 && !flags.zero
        default: taken = count != 0
        }
        if taken { jumpRelative(instruction, size: size) }
    }
}
