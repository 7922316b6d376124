import X86

/// Shifts, rotates, double shifts, bit tests and bit scans.
extension InterpreterCore {
    @inline(always)
    mutating func shift(_ instruction: DecodedInstruction, size: Int) throws(Interruption) {
        let rawCount: UInt64
        switch instruction.handler {
        case .shiftRMOne: rawCount = 1
        case .shiftRMCL: rawCount = gpr[1] & 0xFF
        default: rawCount = instruction.immediate & 0xFF
        }
        let count = model == .i8086 ? Int(rawCount) : Int(rawCount & (size == 8 ? 0x3F : 0x1F))
        let value = try rmOperandForUpdate(instruction, size: size)
        guard count != 0 else {
            // A zero count leaves flags and value, but a 32-bit register is still written (zero-extended).
            if size == 4 && instruction.modrmMod == 3 { try setRMOperand(instruction, size: size, value) }
            return
        }
        try setRMOperand(instruction, size: size, shifted(value, kind: ShiftKind(encoding: instruction.extra), count: count, size: size))
    }

    /// Shift or rotate by an immediate of a 32- or 64-bit register.
    @inline(always)
    mutating func shiftRegister(_ instruction: UnsafePointer<DecodedInstruction>, size: Int) {
        let register = Int(instruction.pointee.rm)
        let count = Int(instruction.pointee.immediate & (size == 8 ? 0x3F : 0x1F))
        let value = gpr[register] & Self.mask(size)
        // A zero count changes nothing, but still writes (zero-extends) a 32-bit register.
        gpr[register] = count == 0 ? value : shifted(value, kind: ShiftKind(encoding: instruction.pointee.extra), count: count, size: size)
    }

    /// `value` (of `size` bytes) shifted or rotated by `count` (not 0), setting the flags as the
    /// processor does.
    @inline(always)
    mutating func shifted(_ value: UInt64, kind: ShiftKind, count: Int, size: Int) -> UInt64 {
        let bits = size * 8
        let mask = Self.mask(size)
        let signBit = Self.signBit(size)
        var result: UInt64
        var carry: Bool
        var overflow: Bool
        switch kind {
        case .rol, .ror:
            let rotation = count % bits
            if kind == .rol {
                result = rotation == 0 ? value : (value << UInt64(rotation) | value >> UInt64(bits - rotation)) & mask
                carry = result & 1 != 0
                overflow = (result & signBit != 0) != carry
            } else {
                result = rotation == 0 ? value : (value >> UInt64(rotation) | value << UInt64(bits - rotation)) & mask
                carry = result & signBit != 0
                overflow = (result & signBit != 0) != (result & (signBit >> 1) != 0)
            }
            flags.setCarryAndOverflow(carry: carry, overflow: overflow)
            return result
        case .rcl, .rcr:
            let rotation = size < 4 ? count % (bits + 1) : count
            result = value
            carry = flags.carry
            let carryBefore = carry
            for _ in 0..<rotation {
                if kind == .rcl {
                    let out = result & signBit != 0
                    result = (result << 1 | (carry ? 1 : 0)) & mask
                    carry = out
                } else {
                    let out = result & 1 != 0
                    result = result >> 1 | (carry ? signBit : 0)
                    carry = out
                }
            }
            if kind == .rcl {
                overflow = (result & signBit != 0) != carry
            } else {
                overflow = (value & signBit != 0) != carryBefore
            }
            flags.setCarryAndOverflow(carry: carry, overflow: overflow)
            return result
        case .sal where model == .i8086:
            // SETMO and SETMOC: the 8086's reg-6 form sets the operand to all ones.
            result = mask
            carry = false
            overflow = false
        case .shl, .sal:
            result = count >= 64 ? 0 : (value << UInt64(count)) & mask
            carry = count <= bits ? (value >> UInt64(bits - count)) & 1 != 0 : false
            overflow = (result & signBit != 0) != carry
        case .shr:
            result = count >= 64 ? 0 : value >> UInt64(count)
            carry = count <= bits ? (value >> UInt64(count - 1)) & 1 != 0 : false
            overflow = value & signBit != 0
        case .sar:
            let signed = Int64(bitPattern: Self.signExtend(value, from: size))
            result = UInt64(bitPattern: signed >> Int64(min(count, 63))) & mask
            carry = (signed >> Int64(min(count - 1, 63))) & 1 != 0
            overflow = false
        }
        flags.setPartial(result: result, size: size, carry: carry, overflow: overflow, auxiliaryCarry: flags.auxiliaryCarry)
        return result
    }

    /// SHLD and SHRD: shift r/m, filling from the register operand.
    mutating func doubleShift(_ instruction: DecodedInstruction, size: Int) throws(Interruption) {
        let countSource = instruction.handler == .shldImm || instruction.handler == .shrdImm ? instruction.immediate : gpr[1]
        let count = Int(countSource & (size == 8 ? 0x3F : 0x1F))
        let destination = try rmOperandForUpdate(instruction, size: size)
        guard count != 0 else {
            if size == 4 && instruction.modrmMod == 3 { try setRMOperand(instruction, size: size, destination) }
            return
        }
        let source = regOperand(instruction, size: size)
        let bits = size * 8
        let left = instruction.handler == .shldImm || instruction.handler == .shldCL
        // 16-bit forms work on [destination:source:destination] in 48 bits, which also gives the
        // hardware's pattern for the undefined counts above 16.
        let result: UInt64
        let carry: Bool
        if size == 2 {
            let pattern = destination << 32 | source << 16 | destination
            if left {
                result = ((pattern << UInt64(count)) >> 32) & 0xFFFF
                carry = ((pattern << UInt64(count)) >> 48) & 1 != 0
            } else {
                result = (pattern >> UInt64(count)) & 0xFFFF
                carry = (pattern >> UInt64(count - 1)) & 1 != 0
            }
        } else if left {
            result = UInt64(truncatingIfNeeded: UInt128(destination) << UInt128(count) | UInt128(source) >> UInt128(bits - count)) & Self.mask(size)
            carry = (destination >> UInt64(bits - count)) & 1 != 0
        } else {
            result = UInt64(truncatingIfNeeded: UInt128(destination) >> UInt128(count) | UInt128(source) << UInt128(bits - count)) & Self.mask(size)
            carry = (destination >> UInt64(count - 1)) & 1 != 0
        }
        let overflow = (result ^ destination) & Self.signBit(size) != 0
        flags.materialize(LazyFlags.resultFlags(result, size: size, carry: carry, overflow: overflow))
        try setRMOperand(instruction, size: size, result)
    }

    /// BT, BTS, BTR and BTC; a register bit offset may address memory beyond the operand.
    mutating func bitTest(_ instruction: DecodedInstruction, size: Int) throws(Interruption) {
        let bits = UInt64(size * 8)
        var bitIndex: UInt64
        var memoryOffset: UInt64 = 0
        if instruction.handler == .bitTestRMReg {
            let offset = regOperand(instruction, size: size)
            if instruction.modrmMod == 3 {
                bitIndex = offset & (bits - 1)
            } else {
                let signedOffset = Int64(bitPattern: Self.signExtend(offset, from: size))
                memoryOffset = UInt64(bitPattern: (signedOffset >> Int64(size == 8 ? 6 : size == 4 ? 5 : 4)) * Int64(size))
                bitIndex = offset & (bits - 1)
            }
        } else {
            bitIndex = instruction.immediate & (bits - 1)
        }
        let value: UInt64
        let modifies = instruction.extra & 3 != 0
        if instruction.modrmMod == 3 {
            value = try rmOperand(instruction, size: size)
        } else {
            let address = (effectiveAddress(instruction) &+ memoryOffset) & Self.mask(Int(instruction.addressSize))
            value = modifies
                ? try readForUpdate(segment: instruction.memorySegment, offset: address, size: size)
                : try read(segment: instruction.memorySegment, offset: address, size: size)
        }
        let bit: UInt64 = 1 << bitIndex
        var status = flags.bits & ~RFlags.carry
        if value & bit != 0 { status |= RFlags.carry }
        flags.materialize(status)
        let result: UInt64
        switch instruction.extra & 3 {
        case 1: result = value | bit
        case 2: result = value & ~bit
        case 3: result = value ^ bit
        default: return
        }
        if instruction.modrmMod == 3 {
            try setRMOperand(instruction, size: size, result)
        } else {
            let address = (effectiveAddress(instruction) &+ memoryOffset) & Self.mask(Int(instruction.addressSize))
            try write(segment: instruction.memorySegment, offset: address, size: size, value: result)
        }
    }

    mutating func bitScan(_ instruction: DecodedInstruction, size: Int) throws(Interruption) {
        let source = try rmOperand(instruction, size: size)
        let bits = size * 8
        var status = flags.bits
        switch instruction.handler {
        case .bsf, .bsr:
            if source == 0 {
                status |= RFlags.zero
            } else {
                status &= ~RFlags.zero
                let index = instruction.handler == .bsf ? source.trailingZeroBitCount : 63 - source.leadingZeroBitCount
                setRegOperand(instruction, size: size, UInt64(index))
            }
            flags.materialize(status)
        case .tzcnt, .lzcnt:
            let count = instruction.handler == .tzcnt
                ? min(source.trailingZeroBitCount, bits)
                : source.leadingZeroBitCount - (64 - bits)
            setRegOperand(instruction, size: size, UInt64(count))
            status &= ~(RFlags.carry | RFlags.zero)
            if source == 0 { status |= RFlags.carry }
            if count == 0 { status |= RFlags.zero }
            flags.materialize(status)
        default:
            setRegOperand(instruction, size: size, UInt64(source.nonzeroBitCount))
            flags.materialize(source == 0 ? RFlags.zero : 0)
        }
    }
}
