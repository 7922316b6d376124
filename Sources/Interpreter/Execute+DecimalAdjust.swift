import X86

/// DAA, DAS, AAA, AAS, AAM, AAD and SALC.
extension InterpreterCore {
    mutating func asciiAdjust(_ instruction: DecodedInstruction) throws(Interruption) {
        let al = gpr[0] & 0xFF
        var status = flags.bits
        let carry = status & RFlags.carry != 0
        let auxiliary = status & RFlags.auxiliaryCarry != 0
        switch instruction.handler {
        case .daa, .das:
            var result = al
            var newCarry = false
            var newAuxiliary = false
            let subtract = instruction.handler == .das
            if al & 0xF > 9 || auxiliary {
                result = subtract ? (result &- 6) & 0xFF : (result &+ 6) & 0xFF
                newAuxiliary = true
            }
            // The 8086 compares AL with 9F instead of 99 when AF is set.
            if al > (auxiliary && model == .i8086 ? 0x9F : 0x99) || carry {
                result = subtract ? (result &- 0x60) & 0xFF : (result &+ 0x60) & 0xFF
                newCarry = true
            }
            setRegister(0, size: 1, highByte: false, result)
            let overflow = subtract ? (al & 0x80 != 0 && result & 0x80 == 0) : (al & 0x80 == 0 && result & 0x80 != 0)
            status = LazyFlags.resultFlags(result, size: 1, carry: newCarry, overflow: overflow, auxiliary: newAuxiliary)
        case .aaa, .aas:
            let add = instruction.handler == .aaa
            var ax = gpr[0] & 0xFFFF
            let adjust = al & 0xF > 9 || auxiliary
            if adjust {
                if add {
                    ax = model == .i8086 ? ((ax &+ 0x100) & 0xFF00) | ((al &+ 6) & 0xFF) : (ax &+ 0x106) & 0xFFFF
                } else {
                    ax = model == .i8086 ? ((ax &- 0x100) & 0xFF00) | ((al &- 6) & 0xFF) : (ax &- 6) & 0xFFFF
                    if model != .i8086 { ax = (ax & 0xFF) | (((ax >> 8) &- 1) & 0xFF) << 8 }
                }
            }
            ax = ax & 0xFF0F
            setRegister(0, size: 2, highByte: false, ax)
            status = status & ~(RFlags.carry | RFlags.auxiliaryCarry) | (adjust ? RFlags.carry | RFlags.auxiliaryCarry : 0)
        case .aam:
            let base = instruction.immediate & 0xFF
            guard base != 0 else {
                guard model == .i8086 else { throw .divideError }
                // The 8086's divide microcode first subtracts the divisor from zero, then raises the error.
                flags.materialize(RFlags.zero | RFlags.parity)
                return try raiseDivideErrorAfterInstruction()
            }
            let result = (al / base) << 8 | (al % base)
            setRegister(0, size: 2, highByte: false, result)
            status = LazyFlags.resultFlags(result & 0xFF, size: 1, carry: false, overflow: false)
        case .aad:
            let base = instruction.immediate & 0xFF
            let ah = (gpr[0] >> 8) & 0xFF
            let result = (al &+ ah &* base) & 0xFF
            setRegister(0, size: 2, highByte: false, result)
            status = LazyFlags.resultFlags(result, size: 1, carry: false, overflow: false)
        default:
            setRegister(0, size: 1, highByte: false, carry ? 0xFF : 0)
        }
        flags.materialize(status)
    }
}
