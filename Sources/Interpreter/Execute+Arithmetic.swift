import X86

/// ALU operations, INC/DEC/NEG, multiplication and division.
extension InterpreterCore {
    /// Performs ALU operation `operation` on `destination` and `source`, setting the flags.
    @inline(always)
    mutating func alu(_ operation: UInt8, _ destination: UInt64, _ source: UInt64, size: Int) -> UInt64 {
        let mask = Self.mask(size)
        let result: UInt64
        switch ALUOperation(encoding: operation) {
        case .add:
            result = (destination &+ source) & mask
            flags.set(.add, size: size, result: result, destination: destination, source: source)
        case .or:
            result = destination | source
            flags.set(.logic, size: size, result: result, destination: destination, source: source)
        case .adc:
            let carry: UInt64 = flags.carry ? 1 : 0
            result = (destination &+ source &+ carry) & mask
            flags.set(.adc, size: size, result: result, destination: destination, source: source, carryIn: carry != 0)
        case .sbb:
            let carry: UInt64 = flags.carry ? 1 : 0
            result = (destination &- source &- carry) & mask
            flags.set(.sbb, size: size, result: result, destination: destination, source: source, carryIn: carry != 0)
        case .and:
            result = destination & source
            flags.set(.logic, size: size, result: result, destination: destination, source: source)
        case .sub, .cmp:
            result = (destination &- source) & mask
            flags.set(.sub, size: size, result: result, destination: destination, source: source)
        case .xor:
            result = destination ^ source
            flags.set(.logic, size: size, result: result, destination: destination, source: source)
        }
        return result
    }

    /// INC or DEC of `value`: CF keeps its value, the other flags follow the result.
    @inline(always)
    mutating func incrementOrDecrement(_ value: UInt64, increment: Bool, size: Int) -> UInt64 {
        let carry = flags.carry
        let result = (increment ? value &+ 1 : value &- 1) & Self.mask(size)
        flags.set(increment ? .inc : .dec, size: size, result: result, destination: value, source: 1, carryIn: carry)
        return result
    }

    /// An ALU operation whose destination is general register `destination` (at 4 or 8 bytes, so
    /// never a high-byte register); CMP leaves the register as it is.
    @inline(always)
    mutating func aluRegister(_ operation: UInt8, destination: UInt8, source: UInt64, size: Int) {
        let result = alu(operation, gpr[Int(destination)] & Self.mask(size), source & Self.mask(size), size: size)
        if ALUOperation(encoding: operation) != .cmp { gpr[Int(destination)] = result }
    }

    /// An ALU operation whose destination is the byte register `destination` (AH…BH without REX).
    @inline(always)
    mutating func aluByteRegister(_ instruction: DecodedInstruction, destination: UInt8, source: UInt64) {
        let highByte = instruction.isHighByte(destination)
        let result = alu(instruction.extra, register(destination, size: 1, highByte: highByte), source & 0xFF, size: 1)
        if ALUOperation(encoding: instruction.extra) != .cmp { setRegister(destination, size: 1, highByte: highByte, result) }
    }

    @inline(always)
    mutating func aluRMReg(_ instruction: DecodedInstruction, size: Int) throws(Interruption) {
        let compare = instruction.extra == ALUOperation.cmp.rawValue
        let destination = compare ? try rmOperand(instruction, size: size) : try rmOperandForUpdate(instruction, size: size)
        let result = alu(instruction.extra, destination, regOperand(instruction, size: size), size: size)
        if !compare { try setRMOperand(instruction, size: size, result) }
    }

    @inline(always)
    mutating func aluRegRM(_ instruction: DecodedInstruction, size: Int) throws(Interruption) {
        let result = alu(instruction.extra, regOperand(instruction, size: size), try rmOperand(instruction, size: size), size: size)
        if instruction.extra != ALUOperation.cmp.rawValue { setRegOperand(instruction, size: size, result) }
    }

    @inline(always)
    mutating func aluRMImm(_ instruction: DecodedInstruction, size: Int) throws(Interruption) {
        let compare = instruction.extra == ALUOperation.cmp.rawValue
        let destination = compare ? try rmOperand(instruction, size: size) : try rmOperandForUpdate(instruction, size: size)
        let result = alu(instruction.extra, destination, instruction.immediate & Self.mask(size), size: size)
        if !compare { try setRMOperand(instruction, size: size, result) }
    }

    @inline(always)
    mutating func testRMReg(_ instruction: DecodedInstruction, size: Int) throws(Interruption) {
        _ = alu(ALUOperation.and.rawValue, try rmOperand(instruction, size: size), regOperand(instruction, size: size), size: size)
    }

    @inline(always)
    mutating func testRMImm(_ instruction: DecodedInstruction, size: Int) throws(Interruption) {
        _ = alu(ALUOperation.and.rawValue, try rmOperand(instruction, size: size), instruction.immediate & Self.mask(size), size: size)
    }

    @inline(always)
    mutating func incrementOrDecrement(_ instruction: DecodedInstruction, size: Int) throws(Interruption) {
        let value = try rmOperandForUpdate(instruction, size: size)
        try setRMOperand(instruction, size: size, incrementOrDecrement(value, increment: instruction.handler == .incRM, size: size))
    }

    mutating func negate(_ instruction: DecodedInstruction, size: Int) throws(Interruption) {
        let value = try rmOperandForUpdate(instruction, size: size)
        let result = (0 &- value) & Self.mask(size)
        flags.set(.sub, size: size, result: result, destination: 0, source: value)
        try setRMOperand(instruction, size: size, result)
    }

    /// MUL and one-operand IMUL: rDX:rAX (or AX) = rAX × r/m.
    mutating func multiply(_ instruction: DecodedInstruction, size: Int, signed: Bool) throws(Interruption) {
        if model == .i8086 { return try multiply8086(instruction, size: size, signed: signed) }
        let source = try rmOperand(instruction, size: size)
        let accumulator = gpr[0] & Self.mask(size)
        let low: UInt64
        let high: UInt64
        let overflow: Bool
        if signed {
            let product = Int128(Int64(bitPattern: Self.signExtend(accumulator, from: size))) * Int128(Int64(bitPattern: Self.signExtend(source, from: size)))
            let bits = UInt128(bitPattern: product)
            low = UInt64(truncatingIfNeeded: bits) & Self.mask(size)
            high = UInt64(truncatingIfNeeded: bits >> UInt128(size * 8)) & Self.mask(size)
            overflow = product != Int128(Int64(bitPattern: Self.signExtend(low, from: size)))
        } else {
            let product = UInt128(accumulator) * UInt128(source)
            low = UInt64(truncatingIfNeeded: product) & Self.mask(size)
            high = UInt64(truncatingIfNeeded: product >> UInt128(size * 8)) & Self.mask(size)
            overflow = high != 0
        }
        if size == 1 {
            setRegister(0, size: 2, highByte: false, high << 8 | low)
        } else {
            setRegister(0, size: size, highByte: false, low)
            setRegister(2, size: size, highByte: false, high)
        }
        flags.setPartial(result: low, size: size, carry: overflow, overflow: overflow, auxiliaryCarry: false)
    }

    /// Two- and three-operand IMUL: reg = r/m × (reg or immediate), truncated.
    @inline(always)
    mutating func multiplyToRegister(_ instruction: DecodedInstruction, size: Int) throws(Interruption) {
        let left = Self.signExtend(try rmOperand(instruction, size: size), from: size)
        let right = instruction.handler == .imulRegRM
            ? Self.signExtend(regOperand(instruction, size: size), from: size)
            : Self.signExtend(instruction.immediate, from: size)
        let product = Int128(Int64(bitPattern: left)) * Int128(Int64(bitPattern: right))
        let low = UInt64(truncatingIfNeeded: UInt128(bitPattern: product)) & Self.mask(size)
        let overflow = product != Int128(Int64(bitPattern: Self.signExtend(low, from: size)))
        setRegOperand(instruction, size: size, low)
        flags.setPartial(result: low, size: size, carry: overflow, overflow: overflow, auxiliaryCarry: false)
    }

    /// DIV and IDIV of rDX:rAX (or AX) by r/m; #DE on a zero divisor or a quotient that does not fit.
    mutating func divide(_ instruction: DecodedInstruction, size: Int, signed: Bool) throws(Interruption) {
        if model == .i8086 { return try divide8086(instruction, size: size, signed: signed) }
        let divisor = try rmOperand(instruction, size: size)
        guard divisor != 0 else { throw .divideError }
        let bits = UInt128(size * 8)
        let dividendLow = size == 1 ? gpr[0] & 0xFFFF : gpr[0] & Self.mask(size)
        let dividendHigh = size == 1 ? 0 : gpr[2] & Self.mask(size)
        let dividend = size == 1 ? UInt128(dividendLow) : UInt128(dividendHigh) << bits | UInt128(dividendLow)
        let quotient: UInt64
        let remainder: UInt64
        if signed {
            let totalBits = size == 1 ? 16 : size * 16
            let shift = 128 - totalBits
            let signedDividend = Int128(bitPattern: dividend << UInt128(shift)) >> Int128(shift)
            let signedDivisor = Int128(Int64(bitPattern: Self.signExtend(divisor, from: size)))
            let (signedQuotient, signedRemainder) = signedDividend.quotientAndRemainder(dividingBy: signedDivisor)
            let limit = Int128(1) << Int128(size * 8 - 1)
            guard signedQuotient >= -limit && signedQuotient < limit else { throw .divideError }
            quotient = UInt64(truncatingIfNeeded: UInt128(bitPattern: signedQuotient)) & Self.mask(size)
            remainder = UInt64(truncatingIfNeeded: UInt128(bitPattern: signedRemainder)) & Self.mask(size)
        } else {
            let (wideQuotient, wideRemainder) = dividend.quotientAndRemainder(dividingBy: UInt128(divisor))
            guard wideQuotient >> bits == 0 else { throw .divideError }
            quotient = UInt64(truncatingIfNeeded: wideQuotient)
            remainder = UInt64(truncatingIfNeeded: wideRemainder)
        }
        if size == 1 {
            setRegister(0, size: 2, highByte: false, remainder << 8 | quotient)
        } else {
            setRegister(0, size: size, highByte: false, quotient)
            setRegister(2, size: size, highByte: false, remainder)
        }
    }

    mutating func setCarry(_ carry: Bool) {
        flags.setCarryAndOverflow(carry: carry, overflow: flags.overflow)
    }
}
