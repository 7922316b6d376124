import X86

/// MMX and SSE data movement: loads and stores, MOVD/MOVQ, duplicates, masks, masked stores,
/// inserts and extracts.
extension InterpreterCore {
    mutating func executeSIMDMove(_ instruction: DecodedInstruction) throws(Interruption) {
        guard let move = SIMDMove(rawValue: instruction.extra) else { throw .invalidOpcode }
        let reg = instruction.reg
        let rm = instruction.rm
        let immediate = Int(instruction.immediate & 0xFF)
        let integerSize = Int(instruction.operandSize) == 8 ? 8 : 4
        switch move {
        case .mmxFromGeneral, .generalFromMMX, .mmxLoad, .mmxStore, .maskBytesMMX, .maskedStoreMMX, .extractWordMMX, .insertWordMMX:
            try executeMMXMove(move, instruction)
            return
        case .xmmFromMMX, .mmxFromXMM:
            try requireSSEWithMMX()
            enterMMXState()
            if move == .xmmFromMMX { setXMMRegister(reg, UInt128(mmxRegister(rm))) } else { setMMXRegister(reg, xmmRegister(rm).low) }
            return
        default:
            try requireSSE()
        }
        let current = xmmRegister(reg)
        switch move {
        case .loadAligned, .loadUnaligned:
            setXMMRegister(reg, try xmmSource(instruction, size: 16, aligned: move == .loadAligned))
        case .storeAligned, .storeUnaligned:
            try setXMMDestination(instruction, size: 16, aligned: move == .storeAligned, current)
        case .loadScalarSingle:
            let source = try xmmSource(instruction, size: 4, aligned: false)
            setXMMRegister(reg, instruction.modrmMod == 3 ? Binary32.replacingLane(current, 0, with: Binary32.lane(source, 0)) : source)
        case .loadScalarDouble:
            let source = try xmmSource(instruction, size: 8, aligned: false)
            setXMMRegister(reg, instruction.modrmMod == 3 ? UInt128(high: current.high, low: source.low) : source)
        case .storeScalarSingle:
            let value = instruction.modrmMod == 3 ? Binary32.replacingLane(xmmRegister(rm), 0, with: Binary32.lane(current, 0)) : current
            try setXMMDestination(instruction, size: 4, aligned: false, value)
        case .storeScalarDouble:
            let value = instruction.modrmMod == 3 ? UInt128(high: xmmRegister(rm).high, low: current.low) : current
            try setXMMDestination(instruction, size: 8, aligned: false, value)
        case .loadLow:
            setXMMRegister(reg, UInt128(high: current.high, low: try xmmSource(instruction, size: 8, aligned: false).low))
        case .loadHigh:
            setXMMRegister(reg, UInt128(high: try xmmSource(instruction, size: 8, aligned: false).low, low: current.low))
        case .storeLow:
            try setXMMDestination(instruction, size: 8, aligned: false, current)
        case .storeHigh:
            try setXMMDestination(instruction, size: 8, aligned: false, current >> 64)
        case .highToLow:
            setXMMRegister(reg, UInt128(high: current.high, low: xmmRegister(rm).high))
        case .lowToHigh:
            setXMMRegister(reg, UInt128(high: xmmRegister(rm).low, low: current.low))
        case .duplicateEvenSingles, .duplicateOddSingles:
            let source = try xmmSource(instruction, size: 16, aligned: true).doublewords
            let odd = move == .duplicateOddSingles ? 1 : 0
            setXMMRegister(reg, UInt128(lanes: SIMD4<UInt32>(source[odd], source[odd], source[2 + odd], source[2 + odd])))
        case .duplicateLowDouble:
            let source = try xmmSource(instruction, size: 8, aligned: false).low
            setXMMRegister(reg, UInt128(high: source, low: source))
        case .xmmFromGeneral:
            setXMMRegister(reg, UInt128(try rmOperand(instruction, size: integerSize)))
        case .generalFromXMM:
            try setRMOperand(instruction, size: integerSize, current.low)
        case .loadQuadword:
            setXMMRegister(reg, UInt128(try xmmSource(instruction, size: 8, aligned: false).low))
        case .storeQuadword:
            try setXMMDestination(instruction, size: 8, aligned: false, UInt128(current.low))
        case .maskSingles:
            setRegister(reg, size: 4, highByte: false, UInt64(Self.signBits(xmmRegister(rm).signedDoublewords)))
        case .maskDoubles:
            setRegister(reg, size: 4, highByte: false, UInt64(Self.signBits(xmmRegister(rm).signedQuadwords)))
        case .maskBytesXMM:
            setRegister(reg, size: 4, highByte: false, UInt64(Self.signBits(xmmRegister(rm).signedBytes)))
        case .maskedStoreXMM:
            try maskedStore(instruction, data: current, mask: xmmRegister(rm), size: 16)
        case .extractWordToRegister:
            setRegister(reg, size: 4, highByte: false, UInt64(xmmRegister(rm).words[immediate & 7]))
        case .extractByte:
            try setGeneralOrMemory(instruction, size: 1, UInt64(current.bytes[immediate & 15]))
        case .extractWord:
            try setGeneralOrMemory(instruction, size: 2, UInt64(current.words[immediate & 7]))
        case .extractInteger:
            let value = integerSize == 8 ? current.quadwords[immediate & 1] : UInt64(current.doublewords[immediate & 3])
            try setGeneralOrMemory(instruction, size: integerSize, value)
        case .extractSingle:
            try setGeneralOrMemory(instruction, size: 4, UInt64(current.doublewords[immediate & 3]))
        case .insertWord:
            var words = current.words
            words[immediate & 7] = UInt16(truncatingIfNeeded: try generalOrMemory(instruction, size: 2))
            setXMMRegister(reg, UInt128(lanes: words))
        case .insertByte:
            var bytes = current.bytes
            bytes[immediate & 15] = UInt8(truncatingIfNeeded: try generalOrMemory(instruction, size: 1))
            setXMMRegister(reg, UInt128(lanes: bytes))
        case .insertInteger:
            let value = try generalOrMemory(instruction, size: integerSize)
            if integerSize == 8 {
                var lanes = current.quadwords
                lanes[immediate & 1] = value
                setXMMRegister(reg, UInt128(lanes: lanes))
            } else {
                setXMMRegister(reg, Binary32.replacingLane(current, immediate & 3, with: UInt32(truncatingIfNeeded: value)))
            }
        default:
            let source = instruction.modrmMod == 3
                ? xmmRegister(rm).doublewords[immediate >> 6 & 3]
                : UInt32(truncatingIfNeeded: try read(segment: instruction.memorySegment, offset: effectiveAddress(instruction), size: 4))
            var lanes = current.doublewords
            lanes[immediate >> 4 & 3] = source
            for index in 0..<4 where immediate >> index & 1 != 0 { lanes[index] = 0 }
            setXMMRegister(reg, UInt128(lanes: lanes))
        }
    }

    /// The moves that touch only MMX registers (and general registers or memory).
    private mutating func executeMMXMove(_ move: SIMDMove, _ instruction: DecodedInstruction) throws(Interruption) {
        try requireMMX()
        let reg = instruction.reg
        let rm = instruction.rm
        let integerSize = Int(instruction.operandSize) == 8 ? 8 : 4
        switch move {
        case .mmxFromGeneral:
            let value = try rmOperand(instruction, size: integerSize)
            enterMMXState()
            setMMXRegister(reg, value)
        case .generalFromMMX:
            // A store that faults leaves the x87 state as it was: the transition follows it.
            try setRMOperand(instruction, size: integerSize, mmxRegister(reg))
            enterMMXState()
        case .mmxLoad:
            let value = try mmxSource(instruction)
            enterMMXState()
            setMMXRegister(reg, value)
        case .mmxStore:
            if instruction.modrmMod == 3 {
                enterMMXState()
                setMMXRegister(rm, mmxRegister(reg))
            } else {
                try write(segment: instruction.memorySegment, offset: effectiveAddress(instruction), size: 8, value: mmxRegister(reg))
                enterMMXState()
            }
        case .maskBytesMMX:
            enterMMXState()
            setRegister(reg, size: 4, highByte: false, UInt64(Self.signBits(UInt128(mmxRegister(rm)).signedBytes) & 0xFF))
        case .maskedStoreMMX:
            // MASKMOVQ makes the transition even when its store faults (as the processor does).
            enterMMXState()
            try maskedStore(instruction, data: UInt128(mmxRegister(reg)), mask: UInt128(mmxRegister(rm)), size: 8)
        case .extractWordMMX:
            enterMMXState()
            setRegister(reg, size: 4, highByte: false, mmxRegister(rm) >> ((instruction.immediate & 3) * 16) & 0xFFFF)
        default:
            let value = try generalOrMemory(instruction, size: 2) & 0xFFFF
            enterMMXState()
            let shift = (instruction.immediate & 3) * 16
            setMMXRegister(reg, mmxRegister(reg) & ~(0xFFFF << shift) | value << shift)
        }
    }

    /// A bit per element: its sign.
    static func signBits<Lanes: SIMD>(_ lanes: Lanes) -> UInt32 where Lanes.Scalar: FixedWidthInteger & SignedInteger {
        var bits: UInt32 = 0
        for index in 0..<lanes.scalarCount where lanes[index] < 0 { bits |= 1 << index }
        return bits
    }

    /// The r/m operand of the insert forms: a general register's low `size` bytes (never AH…BH), or memory.
    private mutating func generalOrMemory(_ instruction: DecodedInstruction, size: Int) throws(Interruption) -> UInt64 {
        if instruction.modrmMod == 3 { return register(instruction.rm, size: 8, highByte: false) & Self.mask(size) }
        return try read(segment: instruction.memorySegment, offset: effectiveAddress(instruction), size: size)
    }

    /// The r/m operand of the extract forms: a general register zero-extended from `value`, or `size` bytes of memory.
    private mutating func setGeneralOrMemory(_ instruction: DecodedInstruction, size: Int, _ value: UInt64) throws(Interruption) {
        if instruction.modrmMod == 3 {
            setRegister(instruction.rm, size: size == 8 ? 8 : 4, highByte: false, value)
        } else {
            try write(segment: instruction.memorySegment, offset: effectiveAddress(instruction), size: size, value: value)
        }
    }

    /// MASKMOVQ and MASKMOVDQU: the bytes of `data` whose `mask` byte has its top bit set, stored at
    /// DS:rDI (a segment override applies). Every byte's page is checked before any is written.
    private mutating func maskedStore(_ instruction: DecodedInstruction, data: UInt128, mask: UInt128, size: Int) throws(Interruption) {
        let offset = gpr[7] & Self.mask(Int(instruction.addressSize))
        let linear = try linearAddress(segment: instruction.memorySegment, offset: offset, size: size, write: true)
        _ = try translate(linear, kind: .write)
        // A fault on the second page reports the page's first byte, as for any split store.
        _ = try translate((linear &+ UInt64(size - 1)) & ~0xFFF, kind: .write)
        let bytes = data.bytes
        let selectors = mask.signedBytes
        for index in 0..<size where selectors[index] < 0 {
            try writeLinear(linear &+ UInt64(index), size: 1, value: UInt64(bytes[index]))
        }
    }
}
