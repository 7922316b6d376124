import X86

/// The arithmetic status flags of the last flag-setting operation. CF and OF are computed as it
/// runs (branches read them most); ZF, SF and PF are kept as its result and AF as its operands, and
/// computed only when read.
struct LazyFlags {
    /// The operations whose flags `set` computes.
    enum Operation {
        case add, adc, sub, sbb, logic, inc, dec
    }

    /// Whether the six flags are in `materialized` (after POPF, SAHF, IRET, ...) rather than derived
    /// from the fields below.
    var isMaterialized = true
    /// The operand-size mask of the last operation (0xFF, 0xFFFF, 0xFFFF_FFFF or all ones).
    var mask: UInt64 = 0xFFFF_FFFF
    /// The result of the last operation, masked to its size.
    var result: UInt64 = 0
    var carryFlag = false
    var overflowFlag = false
    /// AF is bit 4 of this XOR `result` (the operands' XOR for arithmetic).
    var auxiliaryInputs: UInt64 = 0
    /// The six status flags when `isMaterialized`.
    var materialized: UInt64 = 0

    /// Records `operation` on `destination` and `source` with `result`; `carryIn` is the carry
    /// into ADC and SBB, and the carry that INC and DEC keep.
    @inline(always)
    mutating func set(_ operation: Operation, size: Int, result: UInt64, destination: UInt64, source: UInt64, carryIn: Bool = false) {
        let mask = Self.mask(size)
        let signBit = mask ^ mask >> 1
        let result = result & mask
        let destination = destination & mask
        let source = source & mask
        switch operation {
        case .add, .inc:
            carryFlag = operation == .inc ? carryIn : result < destination
            overflowFlag = (destination ^ result) & (source ^ result) & signBit != 0
        case .adc:
            carryFlag = result < destination || (carryIn && result == destination)
            overflowFlag = (destination ^ result) & (source ^ result) & signBit != 0
        case .sub, .dec:
            carryFlag = operation == .dec ? carryIn : destination < source
            overflowFlag = (destination ^ source) & (destination ^ result) & signBit != 0
        case .sbb:
            carryFlag = destination < source || (carryIn && destination == source)
            overflowFlag = (destination ^ source) & (destination ^ result) & signBit != 0
        case .logic:
            carryFlag = false
            overflowFlag = false
        }
        auxiliaryInputs = operation == .logic ? result : destination ^ source
        isMaterialized = false
        self.mask = mask
        self.result = result
    }

    /// Sets CF, OF and AF as given, and ZF, SF and PF from `result`.
    @inline(always)
    mutating func setPartial(result: UInt64, size: Int, carry: Bool, overflow: Bool, auxiliaryCarry: Bool) {
        mask = Self.mask(size)
        self.result = result & mask
        carryFlag = carry
        overflowFlag = overflow
        auxiliaryInputs = self.result ^ (auxiliaryCarry ? 0x10 : 0)
        isMaterialized = false
    }

    /// Sets CF and OF and leaves the other four flags as they are (rotates, CLC, STC, CMC).
    @inline(always)
    mutating func setCarryAndOverflow(carry: Bool, overflow: Bool) {
        if isMaterialized {
            materialized = materialized & ~(RFlags.carry | RFlags.overflow) | (carry ? RFlags.carry : 0) | (overflow ? RFlags.overflow : 0)
        } else {
            carryFlag = carry
            overflowFlag = overflow
        }
    }

    /// Sets the six status flags directly.
    @inline(always)
    mutating func materialize(_ flags: UInt64) {
        isMaterialized = true
        materialized = flags & RFlags.status
    }

    @inline(always) private var signBit: UInt64 { mask ^ mask >> 1 }

    /// The mask of an operand of `size` bytes (1, 2, 4 or 8).
    @inline(always)
    static func mask(_ size: Int) -> UInt64 { size == 8 ? .max : (1 &<< UInt64(truncatingIfNeeded: size &* 8)) &- 1 }

    @inline(always) var carry: Bool { isMaterialized ? materialized & RFlags.carry != 0 : carryFlag }

    @inline(always) var zero: Bool { isMaterialized ? materialized & RFlags.zero != 0 : result == 0 }

    @inline(always) var sign: Bool { isMaterialized ? materialized & RFlags.sign != 0 : result & signBit != 0 }

    @inline(always) var overflow: Bool { isMaterialized ? materialized & RFlags.overflow != 0 : overflowFlag }

    @inline(always) var parity: Bool {
        isMaterialized ? materialized & RFlags.parity != 0 : UInt8(truncatingIfNeeded: result).nonzeroBitCount & 1 == 0
    }

    @inline(always) var auxiliaryCarry: Bool {
        isMaterialized ? materialized & RFlags.auxiliaryCarry != 0 : (auxiliaryInputs ^ result) & 0x10 != 0
    }

    /// The six status flags as RFLAGS bits.
    @inline(always) var bits: UInt64 {
        if isMaterialized { return materialized }
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
        let mask = Self.mask(size)
        var flags: UInt64 = 0
        if carry { flags |= RFlags.carry }
        if UInt8(truncatingIfNeeded: result).nonzeroBitCount & 1 == 0 { flags |= RFlags.parity }
        if auxiliary { flags |= RFlags.auxiliaryCarry }
        if result & mask == 0 { flags |= RFlags.zero }
        if result & (mask ^ mask >> 1) != 0 { flags |= RFlags.sign }
        if overflow { flags |= RFlags.overflow }
        return flags
    }
}
