import X86

/// Exchanges, conversions, conditional moves, far-pointer loads and table lookups.
extension InterpreterCore {
    mutating func exchange(_ instruction: DecodedInstruction, size: Int) throws(Interruption) {
        let memoryValue = try rmOperandForUpdate(instruction, size: size)
        let registerValue = regOperand(instruction, size: size)
        try setRMOperand(instruction, size: size, registerValue)
        setRegOperand(instruction, size: size, memoryValue)
    }

    mutating func exchangeAndAdd(_ instruction: DecodedInstruction, size: Int) throws(Interruption) {
        let destination = try rmOperandForUpdate(instruction, size: size)
        let source = regOperand(instruction, size: size)
        let sum = alu(ALUOperation.add.rawValue, destination, source, size: size)
        // The source register takes the old value first, so XADD of a register with itself leaves the sum.
        if instruction.modrmMod == 3 {
            setRegOperand(instruction, size: size, destination)
            try setRMOperand(instruction, size: size, sum)
        } else {
            try setRMOperand(instruction, size: size, sum)
            setRegOperand(instruction, size: size, destination)
        }
    }

    mutating func compareExchange(_ instruction: DecodedInstruction, size: Int) throws(Interruption) {
        let destination = try rmOperandForUpdate(instruction, size: size)
        let accumulator = gpr[0] & Self.mask(size)
        _ = alu(ALUOperation.cmp.rawValue, accumulator, destination, size: size)
        if accumulator == destination {
            try setRMOperand(instruction, size: size, regOperand(instruction, size: size))
        } else {
            // A memory destination is written back unchanged (a register one is left alone).
            if instruction.modrmMod != 3 { try setRMOperand(instruction, size: size, destination) }
            setRegister(0, size: size, highByte: false, destination)
        }
    }

    /// CMPXCHG8B, or CMPXCHG16B with REX.W.
    mutating func compareExchangeDouble(_ instruction: DecodedInstruction) throws(Interruption) {
        let half = instruction.rex & 8 != 0 ? 8 : 4
        let segment = instruction.memorySegment
        let address = effectiveAddress(instruction)
        if half == 8 && address & 15 != 0 { throw .generalProtection() }
        let low = try readForUpdate(segment: segment, offset: address, size: half)
        let high = try readForUpdate(segment: segment, offset: address &+ UInt64(half), size: half)
        let mask = Self.mask(half)
        var status = flags.bits
        if low == gpr[0] & mask && high == gpr[2] & mask {
            try write(segment: segment, offset: address, size: half, value: gpr[3])
            try write(segment: segment, offset: address &+ UInt64(half), size: half, value: gpr[1])
            status |= RFlags.zero
        } else {
            try write(segment: segment, offset: address, size: half, value: low)
            try write(segment: segment, offset: address &+ UInt64(half), size: half, value: high)
            setRegister(0, size: half, highByte: false, low)
            setRegister(2, size: half, highByte: false, high)
            status &= ~RFlags.zero
        }
        flags.materialize(status)
    }

    static func swapBytes(_ value: UInt64, size: Int) -> UInt64 {
        switch size {
        case 2: UInt64(UInt16(truncatingIfNeeded: value).byteSwapped)
        case 4: UInt64(UInt32(truncatingIfNeeded: value).byteSwapped)
        default: value.byteSwapped
        }
    }

    mutating func byteSwap(_ instruction: DecodedInstruction, size: Int) {
        let value = register(instruction.rm, size: size, highByte: false)
        // BSWAP of a 16-bit register is undefined; processors clear it.
        setRegister(instruction.rm, size: size, highByte: false, size == 2 ? 0 : Self.swapBytes(value, size: size))
    }

    @inline(__always)
    mutating func conditionalMove(_ instruction: DecodedInstruction, size: Int) throws(Interruption) {
        let source = try rmOperand(instruction, size: size)
        if flags.condition(instruction.extra) {
            setRegOperand(instruction, size: size, source)
        } else if size == 4 {
            setRegOperand(instruction, size: 4, regOperand(instruction, size: 4))
        }
    }

    /// CBW, CWDE, CDQE.
    mutating func convertAccumulator(size: Int) {
        let half = size / 2
        setRegister(0, size: size, highByte: false, Self.signExtend(gpr[0], from: half))
    }

    /// CWD, CDQ, CQO.
    mutating func convertAccumulatorToDX(size: Int) {
        let negative = gpr[0] & Self.signBit(size) != 0
        setRegister(2, size: size, highByte: false, negative ? .max : 0)
    }

    /// LDS, LES, LSS, LFS, LGS.
    mutating func loadFarPointer(_ instruction: DecodedInstruction, size: Int) throws(Interruption) {
        let segment = instruction.memorySegment
        let address = effectiveAddress(instruction)
        let offset = try read(segment: segment, offset: address, size: size)
        let selector = try read(segment: segment, offset: (address &+ UInt64(size)) & Self.mask(Int(instruction.addressSize)), size: 2)
        try loadSegment(Int(instruction.extra), selector: UInt16(truncatingIfNeeded: selector))
        setRegOperand(instruction, size: size, offset)
    }

    /// XLAT: AL = [seg:rBX + AL].
    mutating func translateByte(_ instruction: DecodedInstruction) throws(Interruption) {
        let address = (gpr[3] &+ (gpr[0] & 0xFF)) & Self.mask(Int(instruction.addressSize))
        let segment = instruction.segmentOverride == DecodedInstruction.noSegmentOverride ? SegmentName.ds.rawValue : Int(instruction.segmentOverride)
        setRegister(0, size: 1, highByte: false, try read(segment: segment, offset: address, size: 1))
    }

    mutating func moveFromSegment(_ instruction: DecodedInstruction, size: Int) throws(Interruption) {
        // REX.R is ignored (as for MOV to a segment register): the low three bits name it.
        let index = Int(instruction.reg & 7)
        guard index < 6 else { throw .invalidOpcode }
        let selector = UInt64(state.segments[index].selector)
        // A register destination takes the operand size (zero-extended); memory is always 16 bits.
        try setRMOperand(instruction, size: instruction.modrmMod == 3 ? size : 2, selector)
    }

    mutating func checkBounds(_ instruction: DecodedInstruction, size: Int) throws(Interruption) {
        let address = effectiveAddress(instruction)
        let segment = instruction.memorySegment
        let lower = Int64(bitPattern: Self.signExtend(try read(segment: segment, offset: address, size: size), from: size))
        let upper = Int64(bitPattern: Self.signExtend(try read(segment: segment, offset: address &+ UInt64(size), size: size), from: size))
        let index = Int64(bitPattern: Self.signExtend(regOperand(instruction, size: size), from: size))
        if index < lower || index > upper { throw .exception(vector: ExceptionVector.boundRange, errorCode: nil) }
    }
}
