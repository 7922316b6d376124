import X86

/// Register and memory operands of decoded instructions.
extension InterpreterCore {
    @inline(always)
    static func mask(_ size: Int) -> UInt64 { LazyFlags.mask(size) }

    @inline(always)
    static func signBit(_ size: Int) -> UInt64 { 1 &<< UInt64(truncatingIfNeeded: size &* 8 &- 1) }

    /// Sign-extends the low `size` bytes of `value` to 64 bits.
    @inline(always)
    static func signExtend(_ value: UInt64, from size: Int) -> UInt64 {
        let shift = UInt64(truncatingIfNeeded: 64 &- size &* 8)
        return UInt64(bitPattern: Int64(bitPattern: value &<< shift) &>> shift)
    }

    /// Reads general register `index` at `size`; with `highByte`, AH/CH/DH/BH for indexes 4–7.
    @inline(always)
    func register(_ index: UInt8, size: Int, highByte: Bool) -> UInt64 {
        if size == 1 && highByte { return (gpr[Int(index) - 4] >> 8) & 0xFF }
        return gpr[Int(index)] & Self.mask(size)
    }

    /// Writes general register `index`: 32-bit writes clear the upper half, narrower ones merge.
    @inline(always)
    mutating func setRegister(_ index: UInt8, size: Int, highByte: Bool, _ value: UInt64) {
        switch size {
        case 1:
            if highByte {
                let slot = Int(index) - 4
                gpr[slot] = gpr[slot] & ~0xFF00 | (value & 0xFF) << 8
            } else {
                gpr[Int(index)] = gpr[Int(index)] & ~0xFF | value & 0xFF
            }
        case 2: gpr[Int(index)] = gpr[Int(index)] & ~0xFFFF | value & 0xFFFF
        case 4: gpr[Int(index)] = value & 0xFFFF_FFFF
        default: gpr[Int(index)] = value
        }
    }

    /// The ModRM reg operand.
    @inline(always)
    func regOperand(_ instruction: DecodedInstruction, size: Int) -> UInt64 {
        register(instruction.reg, size: size, highByte: instruction.isHighByte(instruction.reg))
    }

    @inline(always)
    mutating func setRegOperand(_ instruction: DecodedInstruction, size: Int, _ value: UInt64) {
        setRegister(instruction.reg, size: size, highByte: instruction.isHighByte(instruction.reg), value)
    }

    /// The offset of the memory operand within its segment, masked to the address size.
    @inline(always)
    func effectiveAddress(_ instruction: DecodedInstruction) -> UInt64 {
        addressSum(instruction) & Self.mask(Int(instruction.addressSize))
    }

    /// Displacement + base + scaled index of the memory operand, before the address-size mask.
    @inline(always)
    func addressSum(_ instruction: DecodedInstruction) -> UInt64 {
        // An absent base or index (`noRegister`) reads one of the register file's zero slots.
        let base = instruction.base == DecodedInstruction.ripRelative ? state.rip : gpr[Int(instruction.base)]
        return UInt64(bitPattern: instruction.displacement) &+ base &+ gpr[Int(instruction.index)] &<< UInt64(instruction.scaleShift)
    }

    /// Reads the r/m operand.
    @inline(always)
    mutating func rmOperand(_ instruction: DecodedInstruction, size: Int) throws(Interruption) -> UInt64 {
        if instruction.modrmMod == 3 {
            return register(instruction.rm, size: size, highByte: instruction.isHighByte(instruction.rm))
        }
        return try read(segment: instruction.memorySegment, offset: effectiveAddress(instruction), size: size)
    }

    /// Reads the r/m operand of a read-modify-write instruction (a memory operand is translated for writing).
    @inline(always)
    mutating func rmOperandForUpdate(_ instruction: DecodedInstruction, size: Int) throws(Interruption) -> UInt64 {
        if instruction.modrmMod == 3 {
            return register(instruction.rm, size: size, highByte: instruction.isHighByte(instruction.rm))
        }
        return try readForUpdate(segment: instruction.memorySegment, offset: effectiveAddress(instruction), size: size)
    }

    /// Writes the r/m operand.
    @inline(always)
    mutating func setRMOperand(_ instruction: DecodedInstruction, size: Int, _ value: UInt64) throws(Interruption) {
        if instruction.modrmMod == 3 {
            setRegister(instruction.rm, size: size, highByte: instruction.isHighByte(instruction.rm), value)
        } else {
            try write(segment: instruction.memorySegment, offset: effectiveAddress(instruction), size: size, value: value)
        }
    }

    /// Width of the stack pointer in bytes: 8 in 64-bit mode, else by SS.B.
    @inline(always)
    var stackAddressSize: Int {
        if decodeMode == .bits64 { return 8 }
        if model == .i8086 { return 2 }
        return mode != .real && state.segments[SegmentName.ss.rawValue].access.defaultBig ? 4 : 2
    }

    @inline(always)
    mutating func push(_ value: UInt64, size: Int) throws(Interruption) {
        let stackSize = stackAddressSize
        let mask = Self.mask(stackSize)
        let pointer = (gpr[4] &- UInt64(size)) & mask
        try write(segment: SegmentName.ss.rawValue, offset: pointer, size: size, value: value)
        setRegister(4, size: stackSize, highByte: false, pointer)
    }

    @inline(always)
    mutating func pop(size: Int) throws(Interruption) -> UInt64 {
        let stackSize = stackAddressSize
        let mask = Self.mask(stackSize)
        let pointer = gpr[4] & mask
        let value = try read(segment: SegmentName.ss.rawValue, offset: pointer, size: size)
        setRegister(4, size: stackSize, highByte: false, (pointer &+ UInt64(size)) & mask)
        return value
    }

    /// Reads the value `depth` bytes above the stack pointer without popping.
    mutating func peekStack(at depth: UInt64, size: Int) throws(Interruption) -> UInt64 {
        let mask = Self.mask(stackAddressSize)
        return try read(segment: SegmentName.ss.rawValue, offset: (gpr[4] &+ depth) & mask, size: size)
    }
}
