import SeededRandom
import X86

/// Encodes random instances of instruction forms whose memory operands point into the user data pages.
struct InstructionEncoder {
    let mode: DifferentialMode

    /// Registers the sequence start state points into the data pages: usable as memory bases.
    static let pointerRegisters64: [UInt8] = [3, 6, 7, 13, 14]
    static let pointerRegisters32: [UInt8] = [3, 6, 7]

    /// Encodes `form` for code placed at `address`.
    func encode(_ form: InstructionForm, at address: UInt64, using random: inout SeededGenerator) -> [UInt8] {
        var bytes: [UInt8] = []
        let entry = form.entry
        var rex: UInt8 = 0
        var operandSizePrefix = false
        if Int.random(in: 0..<8, using: &random) == 0 && entry.attributes.contains(.lockable) {
            bytes.append(0xF0)
        }
        if form.mandatoryPrefix == nil && Self.takesOperandSizePrefix(form) && Int.random(in: 0..<4, using: &random) == 0 {
            operandSizePrefix = true
            bytes.append(0x66)
        }
        if entry.attributes.contains(.repeatable) && Int.random(in: 0..<2, using: &random) == 0 {
            bytes.append(Bool.random(using: &random) ? 0xF3 : 0xF2)
        }
        if let prefix = form.mandatoryPrefix { bytes.append(prefix) }
        if mode == .bits64 && Int.random(in: 0..<2, using: &random) == 0 {
            rex = 0x40 | UInt8.random(in: 0...15, using: &random)
        }
        var modrm: UInt8?
        var tail: [UInt8] = []
        var ripDisplacementOffset: Int?
        if entry.needsModRM || form.fixedModRM != nil || form.groupReg != nil {
            if let fixed = form.fixedModRM {
                modrm = fixed
            } else {
                // MOV to or from a segment register names ES, CS, SS or DS only: this host's KVM gives
                // 64-bit user code its own FS and GS selectors.
                let segmentMove = form.entry.handler == .movRMSeg || form.entry.handler == .movSegRM
                let reg = form.groupReg ?? UInt8.random(in: 0...(segmentMove && mode == .bits64 ? 3 : 7), using: &random)
                let wantsRegister = form.registerOperand ?? Bool.random(using: &random)
                let mustBeMemory = entry.operands.contains(.M)
                if wantsRegister && !mustBeMemory {
                    modrm = 0xC0 | reg << 3 | UInt8.random(in: 0...7, using: &random)
                } else {
                    let memory = memoryOperand(reg: reg, rex: &rex, addressSize16: mode == .compatibility16, using: &random)
                    modrm = memory.modrm
                    tail = memory.tail
                    ripDisplacementOffset = memory.ripDisplacementOffset
                }
            }
        }
        if rex != 0 { bytes.append(rex) }
        if form.map == 1 { bytes.append(0x0F) }
        bytes.append(form.opcode)
        let modrmIndex = bytes.count
        if let modrm { bytes.append(modrm) }
        bytes += tail
        bytes += immediates(entry, rex: rex, operandSizePrefix: operandSizePrefix, using: &random)
        if let ripDisplacementOffset {
            let target = DifferentialLayout.userDataRanges[0].lowerBound + UInt64.random(in: 0..<0x6000, using: &random)
            let next = address + UInt64(bytes.count)
            let displacement = UInt32(truncatingIfNeeded: target &- next)
            for index in 0..<4 { bytes[modrmIndex + 1 + ripDisplacementOffset + index] = UInt8(truncatingIfNeeded: displacement >> UInt32(index * 8)) }
        }
        return bytes
    }

    private func memoryOperand(reg: UInt8, rex: inout UInt8, addressSize16: Bool, using random: inout SeededGenerator)
        -> (modrm: UInt8, tail: [UInt8], ripDisplacementOffset: Int?)
    {
        if addressSize16 {
            // [bx+si], [bx+di], [si], [di], [bx] with a small displacement.
            let rm = [0, 1, 4, 5, 7][Int.random(in: 0..<5, using: &random)]
            return (0x40 | reg << 3 | UInt8(rm), [UInt8.random(in: 0...0x7F, using: &random)], nil)
        }
        let pointers = mode == .bits64 ? Self.pointerRegisters64 : Self.pointerRegisters32
        switch Int.random(in: 0..<4, using: &random) {
        case 0 where mode == .bits64:
            return (reg << 3 | 5, [0, 0, 0, 0], 0)
        case 1:
            // SIB: base + index × scale + disp8 with a pointer base and a small index (the other pointer, scaled by 1).
            let base = pointers[Int.random(in: 0..<pointers.count, using: &random)]
            Self.select(base: base, rex: &rex, clearIndex: true)
            let sib = UInt8(4) << 3 | base & 7
            return (0x40 | reg << 3 | 4, [sib, UInt8.random(in: 0...0x7F, using: &random)], nil)
        default:
            let base = pointers[Int.random(in: 0..<pointers.count, using: &random)]
            Self.select(base: base, rex: &rex, clearIndex: false)
            return (0x40 | reg << 3 | base & 7, [UInt8.random(in: 0...0x7F, using: &random)], nil)
        }
    }

    /// Whether a 66 prefix changes the operand size of `form` (rather than selecting another form, as
    /// it does for MMX/SSE opcodes and the no-prefix forms of 0F AE and 0F C3).
    static func takesOperandSizePrefix(_ form: InstructionForm) -> Bool {
        if form.map == 1 && (form.opcode == 0xAE || form.opcode == 0xC3) { return false }
        return !form.entry.operands.contains { operand in
            switch operand {
            case .V, .W, .P, .Q: true
            default: false
            }
        }
    }

    /// Sets REX.B for `base` (adding a REX prefix when needed) and clears REX.X when SIB has no index.
    private static func select(base: UInt8, rex: inout UInt8, clearIndex: Bool) {
        if base >= 8 { rex |= 0x41 } else if rex != 0 { rex &= ~1 }
        if clearIndex && rex != 0 { rex &= ~2 }
    }

    private func immediates(_ entry: OpcodeEntry, rex: UInt8, operandSizePrefix: Bool, using random: inout SeededGenerator) -> [UInt8] {
        let operandSize = Decoder.operandSize(
            in: mode.decodeMode, rexW: rex & 8 != 0, operandSizePrefix: operandSizePrefix, attributes: entry.attributes)
        var bytes: [UInt8] = []
        func randomBytes(_ count: Int) { for _ in 0..<count { bytes.append(UInt8(truncatingIfNeeded: random.next())) } }
        for operand in entry.operands {
            switch operand {
            case .I(let width):
                switch width {
                case .b: randomBytes(1)
                case .w: randomBytes(2)
                case .d: randomBytes(4)
                case .z: randomBytes(operandSize == 2 ? 2 : 4)
                case .v: randomBytes(operandSize == 8 ? 8 : operandSize)
                default: randomBytes(4)
                }
            case .sI: randomBytes(1)
            case .O:
                let address = DifferentialLayout.userDataRanges[1].lowerBound + UInt64.random(in: 0..<0x4000, using: &random)
                let width = mode == .bits64 ? 8 : (mode == .compatibility16 ? 2 : 4)
                for index in 0..<width { bytes.append(UInt8(truncatingIfNeeded: address >> UInt64(index * 8))) }
            case .A: randomBytes(operandSize == 2 ? 4 : 6)
            case .J(let width): randomBytes(width == .b ? 1 : (operandSize == 2 ? 2 : 4))
            default: break
            }
        }
        return bytes
    }
}
