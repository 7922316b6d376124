import X86

/// MUL, IMUL, DIV and IDIV as the 8086 executes them, and its divide error.
extension InterpreterCore {
    mutating func multiply8086(_ instruction: DecodedInstruction, size: Int, signed: Bool) throws(Interruption) {
        let source = try rmOperand(instruction, size: size)
        let product = I8086Microcode.multiply(
            gpr[0], by: source, size: size, signed: signed, repeatPrefix: hasRepeatPrefix(instruction))
        storeDoubleWidth(low: product.low, high: product.high, size: size)
        flags.materialize(product.flags)
    }

    mutating func divide8086(_ instruction: DecodedInstruction, size: Int, signed: Bool) throws(Interruption) {
        let divisor = try rmOperand(instruction, size: size)
        let high = size == 1 ? gpr[0] >> 8 : gpr[2]
        let result = I8086Microcode.divide(
            high: high, low: gpr[0], by: divisor, size: size, signed: signed, repeatPrefix: hasRepeatPrefix(instruction))
        flags.materialize(result.flags)
        if result.overflow { return try raiseDivideErrorAfterInstruction() }
        storeDoubleWidth(low: result.quotient, high: result.remainder, size: size)
    }

    /// The 8086's divide error is an interrupt taken after the instruction: it pushes the next instruction's address.
    mutating func raiseDivideErrorAfterInstruction() throws(Interruption) {
        try deliverInterrupt(vector: ExceptionVector.divideError, errorCode: nil, source: .software)
    }

    private func hasRepeatPrefix(_ instruction: DecodedInstruction) -> Bool {
        instruction.prefixes.contains(.repeatEqual) || instruction.prefixes.contains(.repeatNotEqual)
    }

    /// AH:AL for byte operands, DX:AX for words.
    private mutating func storeDoubleWidth(low: UInt64, high: UInt64, size: Int) {
        if size == 1 {
            setRegister(0, size: 2, highByte: false, high << 8 | low)
        } else {
            setRegister(0, size: size, highByte: false, low)
            setRegister(2, size: size, highByte: false, high)
        }
    }
}
