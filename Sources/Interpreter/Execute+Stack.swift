import X86

/// PUSH and POP of r/m, segment pushes and pops, flags, PUSHA/POPA, ENTER and LEAVE.
extension InterpreterCore {
    /// PUSH r/m; the 8086 pushes SP as it is after the decrement.
    @inline(always)
    mutating func pushRM(_ instruction: DecodedInstruction, size: Int) throws(Interruption) {
        var value = try rmOperand(instruction, size: size)
        if model == .i8086 && instruction.modrmMod == 3 && instruction.rm == 4 { value &-= UInt64(size) }
        try push(value, size: size)
    }

    @inline(always)
    mutating func popToRM(_ instruction: DecodedInstruction, size: Int) throws(Interruption) {
        if instruction.modrmMod == 3 {
            let value = try pop(size: size)
            setRegister(instruction.rm, size: size, highByte: false, value)
            return
        }
        // The address is computed after RSP is incremented; restore RSP if the store faults.
        let savedStackPointer = gpr[4]
        let value = try pop(size: size)
        do {
            try setRMOperand(instruction, size: size, value)
        } catch {
            gpr[4] = savedStackPointer
            throw error
        }
    }

    /// PUSH of a segment register: with a 32- or 64-bit operand size, current processors store only
    /// the 16-bit selector and leave the rest of the stack slot as it was.
    mutating func pushSegment(_ instruction: DecodedInstruction, size: Int) throws(Interruption) {
        let selector = UInt64(state.segments[Int(instruction.extra)].selector)
        if size == 2 || model == .i8086 {
            try push(selector, size: size)
            return
        }
        let stackSize = stackAddressSize
        let pointer = (gpr[4] &- UInt64(size)) & Self.mask(stackSize)
        _ = try linearAddress(segment: SegmentName.ss.rawValue, offset: pointer, size: size, write: true)
        try write(segment: SegmentName.ss.rawValue, offset: pointer, size: 2, value: selector)
        setRegister(4, size: stackSize, highByte: false, pointer)
    }

    mutating func popSegment(_ instruction: DecodedInstruction, size: Int) throws(Interruption) {
        let selector = try peekStack(at: 0, size: 2)
        try loadSegment(Int(instruction.extra), selector: UInt16(truncatingIfNeeded: selector))
        _ = try pop(size: size)
        if instruction.extra == UInt8(SegmentName.ss.rawValue) { state.events.interruptShadow = true }
    }

    mutating func pushFlags(size: Int) throws(Interruption) {
        if mode == .virtual8086 && (state.rflags & RFlags.ioplMask) >> RFlags.ioplShift < 3 { throw .generalProtection() }
        var value = rflags & ~(RFlags.virtual8086 | RFlags.resume)
        if model == .i8086 { value |= 0xF000 }
        try push(value, size: size)
    }

    mutating func popFlags(size: Int) throws(Interruption) {
        let mode = mode
        let iopl = (state.rflags & RFlags.ioplMask) >> RFlags.ioplShift
        if mode == .virtual8086 && iopl < 3 { throw .generalProtection() }
        let value = try pop(size: size)
        var changeable: UInt64 = RFlags.status | RFlags.trap | RFlags.direction | RFlags.nestedTask
        if model == .i8086 {
            changeable = RFlags.status | RFlags.trap | RFlags.direction | RFlags.interruptEnable | RFlags.overflow
        } else {
            if size >= 4 { changeable |= RFlags.alignmentCheck | RFlags.identification }
            let cpl = UInt64(cpl)
            if mode == .real || cpl == 0 { changeable |= RFlags.ioplMask }
            if mode == .real || mode == .virtual8086 || cpl <= iopl { changeable |= RFlags.interruptEnable }
        }
        let mask = changeable & Self.mask(size)
        rflags = rflags & ~mask | value & mask
    }

    mutating func pushAll(size: Int) throws(Interruption) {
        let originalStackPointer = gpr[4]
        for index in 0..<8 {
            try push(index == 4 ? originalStackPointer : gpr[index], size: size)
        }
    }

    mutating func popAll(size: Int) throws(Interruption) {
        for index in (0..<8).reversed() {
            let value = try pop(size: size)
            if index != 4 { setRegister(UInt8(index), size: size, highByte: false, value) }
        }
    }

    /// ENTER; a fault leaves RSP and RBP as they were.
    mutating func enter(_ instruction: DecodedInstruction, size: Int) throws(Interruption) {
        let savedStackPointer = gpr[4]
        let savedFramePointer = gpr[5]
        do {
            try buildFrame(instruction, size: size)
        } catch {
            gpr[4] = savedStackPointer
            gpr[5] = savedFramePointer
            throw error
        }
    }

    private mutating func buildFrame(_ instruction: DecodedInstruction, size: Int) throws(Interruption) {
        let frameSize = instruction.immediate & 0xFFFF
        let level = Int(instruction.immediate2 & 0x1F)
        let stackSize = stackAddressSize
        try push(gpr[5], size: size)
        let frame = gpr[4] & Self.mask(stackSize)
        if level > 0 {
            var framePointer = gpr[5]
            for _ in 1..<level {
                framePointer = (framePointer &- UInt64(size)) & Self.mask(stackSize)
                try push(try read(segment: SegmentName.ss.rawValue, offset: framePointer, size: size), size: size)
            }
            try push(frame, size: size)
        }
        setRegister(5, size: size, highByte: false, frame)
        let newStackPointer = (gpr[4] &- frameSize) & Self.mask(stackSize)
        // Probe the lowest byte of the new frame for writing, as the processor does.
        _ = try translate(try linearAddress(segment: SegmentName.ss.rawValue, offset: newStackPointer, size: 1, write: true), kind: .write)
        setRegister(4, size: stackSize, highByte: false, newStackPointer)
    }

    mutating func leave(size: Int) throws(Interruption) {
        let stackSize = stackAddressSize
        let savedStackPointer = gpr[4]
        setRegister(4, size: stackSize, highByte: false, gpr[5])
        do {
            setRegister(5, size: size, highByte: false, try pop(size: size))
        } catch {
            gpr[4] = savedStackPointer
            throw error
        }
    }
}
