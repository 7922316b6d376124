import X86

/// Memory operands of x87 forms: 2 to 10 bytes for values, 14 to 108 for environments and states.
extension InterpreterCore {
    /// Reads the form's memory operand of `operandSize` bytes (2, 4, 8 or 10), low eight bytes first.
    mutating func x87ReadOperand(_ instruction: DecodedInstruction) throws(Interruption) -> (low: UInt64, high: UInt64) {
        let size = Int(instruction.operandSize)
        if size <= 8 { return (try x87Read(instruction, at: 0, size: size), 0) }
        _ = try linearAddress(segment: instruction.memorySegment, offset: effectiveAddress(instruction), size: size, write: false)
        return (try x87Read(instruction, at: 0, size: 8), try x87Read(instruction, at: 8, size: size - 8))
    }

    /// Writes the form's memory operand of `operandSize` bytes, checking all of it before writing any.
    mutating func x87WriteOperand(_ instruction: DecodedInstruction, _ value: (low: UInt64, high: UInt64)) throws(Interruption) {
        let size = Int(instruction.operandSize)
        if size <= 8 { return try x87Write(instruction, at: 0, size: size, value.low) }
        try x87CheckWritable(instruction)
        try x87Write(instruction, at: 0, size: 8, value.low)
        try x87Write(instruction, at: 8, size: size - 8, value.high)
    }

    /// Reads `size` bytes (at most 8) at `delta` past the start of the memory operand.
    mutating func x87Read(_ instruction: DecodedInstruction, at delta: Int, size: Int) throws(Interruption) -> UInt64 {
        try read(segment: instruction.memorySegment, offset: x87Offset(instruction, delta), size: size)
    }

    /// Writes the low `size` bytes (at most 8) of `value` at `delta` past the start of the memory operand.
    mutating func x87Write(_ instruction: DecodedInstruction, at delta: Int, size: Int, _ value: UInt64) throws(Interruption) {
        try write(segment: instruction.memorySegment, offset: x87Offset(instruction, delta), size: size, value: value)
    }

    /// Faults now if any byte of the `operandSize`-byte operand cannot be written.
    mutating func x87CheckWritable(_ instruction: DecodedInstruction) throws(Interruption) {
        let size = Int(instruction.operandSize)
        let linear = try linearAddress(segment: instruction.memorySegment, offset: effectiveAddress(instruction), size: size, write: true)
        _ = try translate(linear, kind: .write)
        _ = try translate(linear &+ UInt64(size - 1), kind: .write)
    }

    private func x87Offset(_ instruction: DecodedInstruction, _ delta: Int) -> UInt64 {
        (effectiveAddress(instruction) &+ UInt64(delta)) & Self.mask(Int(instruction.addressSize))
    }
}
