import X86

/// The arithmetic status flags, kept as the operands and result of the last flag-setting
/// operation and computed only when an instruction reads them.
struct LazyFlags {
    /// Which operation produced the stored values.
    enum Operation: UInt8 {
        /// The flags are in `materialized`.
        case materialized
        case add, adc, sub, sbb, logic, inc, dec
        /// CF, OF and AF are in `materialized`; ZF, SF and PF follow `result` (shifts, multiplies).
        case partial
    }

    var operation: Operation = .materialized
    /// Operand size in bytes of the last operation.
    var size: Int = 4
    var result: UInt64 = 0
    var destination: UInt64 = 0
    var source: UInt64 = 0
    /// Carry into ADC/SBB, or the carry that INC/DEC keep.
    var carryIn: Bool = false
    /// The six status flags when `operation` is `.materialized`.
    var materialized: UInt64 = 0

    @inline(always)
    mutating func set(_ operation: Operation, size: Int, result: UInt64, destination: UInt64, source: UInt64) {
        self.operation = operation
        self.size = size
        self.result = result
        self.destination = destination
        self.source = source
    }

    /// Sets CF, OF and AF as given, and ZF, SF and PF from `result`.
    @inline(always)
    mutating func setPartial(result: UInt64, size: Int, carry: Bool, overflow: Bool, auxiliaryCarry: Bool) {
        operation = .partial
        self.size = size
        self.result = result
        materialized = (carry ? RFlags.carry : 0) | (overflow ? RFlags.overflow : 0) | (auxiliaryCarry ? RFlags.auxiliaryCarry : 0)
    }

    /// Sets the six status flags directly.
    @inline(always)
    mutating func materialize(_ flags: UInt64) {
        operation = .materialized
        materialized = flags & RFlags.status
    }

    @inline(always) private var mask: UInt64 { size == 8 ? .max : (1 &<< UInt64(size &* 8)) &- 1 }
    @inline(always) private var signBit: UInt64 { 1 &<< UInt64(size &* 8 &- 1) }

    @inline(always) var carry: Bool {
        let mask = self.mask
        switch operation {
        case .materialized, .partial: return materialized & RFlags.carry != 0
        case .add: return result & mask < destination & mask
        case .adc: return result & mask < destination & mask || (carryIn && result & mask == destination & mask)
        case .sub: return destination & mask < source & mask
        case .sbb: return destination & mask < source & mask || (carryIn && destination & mask == source & mask)
        case .logic: return false
        case .inc, .dec: return carryIn
        }
    }

    @inline(always) var zero: Bool {
        operation == .materialized ? materialized & RFlags.zero != 0 : result & mask == 0
    }

    @inline(always) var sign: Bool {
        operation == .materialized ? materialized & RFlags.sign != 0 : result & signBit != 0
    }

    @inline(always) var overflow: Bool {
        let signBit = self.signBit
        switch operation {
        case .materialized, .partial: return materialized & RFlags.overflow != 0
        case .add, .adc, .inc: return (destination ^ result) & (source ^ result) & signBit != 0
        case .sub, .sbb, .dec: return (destination ^ source) & (destination ^ result) & signBit != 0
        case .logic: return false
        }
    }

    @inline(always) var parity: Bool {
        operation == .materialized ? materialized & RFlags.parity != 0 : UInt8(truncatingIfNeeded: result).nonzeroBitCount & 1 == 0
    }

    @inline(always) var auxiliaryCarry: Bool {
        switch operation {
        case .materialized, .partial: return materialized & RFlags.auxiliaryCarry != 0
        case .logic: return false
        default: return (destination ^ source ^ result) & 0x10 != 0
        }
    }

    /// The six status flags as RFLAGS bits.
    @inline(always) var bits: UInt64 {
        if operation == .materialized { return materialized }
        var flags: UInt64 = 0
        if carry { flags |= RFlags.carry }
        if parity { flags |= RFlags.parity }
        if auxiliaryCarry { flags |= RFlags.auxiliaryCarry }
        if zero { flags |= RFlags.zero }
        if sign { flags |= RFlags.sign }
        if overflow { flags |= RFlags.overflow }
        return flags
    }

    /// Evaluates condition code `code` (0–15, the Jcc/SETcc/CMOVcc encoding).
    @inline(always) func condition(_ code: UInt8) -> Bool {
        let holds: Bool
        switch code >> 1 {
        case 0: holds = overflow
        case 1: holds = carry
        case 2: holds = zero
        case 3: holds = carry || zero
        case 4: holds = sign
        case 5: holds = parity
        case 6: holds = sign != overflow
        default: holds = zero || sign != overflow
        }
        return holds != (code & 1 != 0)
    }

    /// Status flags computed for a result whose CF and OF the caller supplies (shifts, multiplies).
    @inline(always)
    static func resultFlags(_ result: UInt64, size: Int, carry: Bool, overflow: Bool, auxiliary: Bool = false) -> UInt64 {
        let mask: UInt64 = size == 8 ? .max : (1 << UInt64(size * 8)) &- 1
        var flags: UInt64 = 0
        if carry { flags |= RFlags.carry }
        if UInt8(truncatingIfNeeded: result).nonzeroBitCount & 1 == 0 { flags |= RFlags.parity }
        if auxiliary { flags |= RFlags.auxiliaryCarry }
        if result & mask == 0 { flags |= RFlags.zero }
        if result & (1 << UInt64(size * 8 - 1)) != 0 { flags |= RFlags.sign }
        if overflow { flags |= RFlags.overflow }
        return flags
    }
}
