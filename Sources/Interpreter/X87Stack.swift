import X86

/// The x87 register stack over the FXSAVE-shaped state: TOP in the status word, the registers and
/// the abridged tag bits by physical index, ST(i) at physical (TOP + i) mod 8.
extension FloatingPointState {
    /// The physical register at the stack top.
    var top: Int { Int(statusWord >> 11) & 7 }

    mutating func setTop(_ value: Int) {
        statusWord = statusWord & ~X87Flags.top | UInt16(value & 7) << 11
    }

    /// The physical register of ST(`index`).
    func physical(_ index: Int) -> Int { (top &+ index) & 7 }

    /// Whether ST(`index`) is tagged empty.
    func isEmpty(_ index: Int) -> Bool { abridgedTagWord & UInt8(1) << UInt8(physical(index)) == 0 }

    /// ST(`index`), whatever its tag.
    func st(_ index: Int) -> X87Register { registers[physical(index)] }

    /// Writes ST(`index`) and tags it valid.
    mutating func setST(_ index: Int, _ value: X87Register) {
        let register = physical(index)
        registers[register] = value
        abridgedTagWord |= UInt8(1) << UInt8(register)
    }

    mutating func push(_ value: X87Register) {
        setTop(top &- 1)
        setST(0, value)
    }

    mutating func pop() {
        free(0)
        setTop(top &+ 1)
    }

    /// Tags ST(`index`) empty.
    mutating func free(_ index: Int) {
        abridgedTagWord &= ~(UInt8(1) << UInt8(physical(index)))
    }

    /// Replaces C0–C3 with those of `codes`.
    mutating func setConditionCodes(_ codes: UInt16) {
        statusWord = statusWord & ~X87Flags.conditionCodes | codes & X87Flags.conditionCodes
    }

    mutating func setC1(_ set: Bool) {
        statusWord = set ? statusWord | X87Flags.c1 : statusWord & ~X87Flags.c1
    }

    /// Recomputes ES and B: set while an exception flag is set whose mask is clear.
    mutating func updateErrorSummary() {
        let pending = statusWord & ~controlWord & X87Flags.exceptions != 0
        let summary = X87Flags.errorSummary | X87Flags.busy
        statusWord = pending ? statusWord | summary : statusWord & ~summary
    }

    /// The full tag word of FSTENV and FSAVE: per physical register 00 valid, 01 zero, 10 special, 11 empty.
    var fullTagWord: UInt16 {
        var word: UInt16 = 0
        for register in 0..<8 {
            let tag: UInt16
            if abridgedTagWord & UInt8(1) << UInt8(register) == 0 {
                tag = 3
            } else {
                let value = registers[register]
                let exponent = value.signAndExponent & 0x7FFF
                if exponent == 0 {
                    tag = value.significand == 0 ? 1 : 2
                } else if exponent == 0x7FFF || value.significand >> 63 == 0 {
                    tag = 2
                } else {
                    tag = 0
                }
            }
            word |= tag << UInt16(register * 2)
        }
        return word
    }

    /// Tags as FLDENV and FRSTOR load them: a register is valid unless its full tag is 11.
    mutating func setTags(fullTagWord word: UInt16) {
        var tags: UInt8 = 0
        for register in 0..<8 where (word >> UInt16(register * 2)) & 3 != 3 {
            tags |= UInt8(1) << UInt8(register)
        }
        abridgedTagWord = tags
    }
}

extension X87Register {
    /// The QNaN floating-point indefinite: the masked response to invalid operations.
    static let indefinite = X87Register(significand: 0xC000_0000_0000_0000, signAndExponent: 0xFFFF)
}
