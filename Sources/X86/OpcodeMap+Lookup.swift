extension OpcodeMap {
    /// XCHG r8, rAX: what 90 means after REX.B.
    static let exchangeWithR8 = OpcodeSlot.entry(OpcodeEntry(.xchgRMReg, "xchg", [.Z(.v), .fixed(.rax, .v)]))

    /// The slot of `opcode` in `map` (0 one-byte, 1 0F, 2 0F 38, 3 0F 3A) after the REX prefix `rex`.
    @inline(__always)
    static func slot(map: UInt8, opcode: UInt8, rex: UInt8) -> OpcodeSlot {
        switch map {
        case 0: opcode == 0x90 && rex & 1 != 0 ? exchangeWithR8 : oneByte[Int(opcode)]
        case 1: twoByte[Int(opcode)]
        case 2: threeByte38(opcode)
        default: threeByte3A[Int(opcode)]
        }
    }

    /// The form a group selects with `modrm`: a register form of its own, else the register row
    /// (or the memory row when there is none) for mod = 11, else the memory row.
    @inline(__always)
    static func groupForm(memory: [OpcodeEntry], register: [OpcodeEntry]?, registerForms: [UInt8: OpcodeEntry], modrm: UInt8) -> OpcodeEntry {
        let reg = Int((modrm >> 3) & 7)
        guard modrm >> 6 == 3 else { return memory[reg] }
        if !registerForms.isEmpty, let form = registerForms[modrm & 0x3F] { return form }
        return (register ?? memory)[reg]
    }

    /// The form `instruction` was decoded from in `mode`, found again from its map, opcode,
    /// REX prefix, mandatory prefix and ModRM byte: the tables stay the one source of its text.
    public static func entry(of instruction: DecodedInstruction, mode: DecodeMode) -> OpcodeEntry {
        var slot = slot(map: instruction.opcodeMap, opcode: instruction.opcode, rex: instruction.rex)
        while true {
            switch slot {
            case .entry(let entry):
                return entry
            case .modeDependent(let legacy, let long):
                slot = mode == .bits64 ? long : legacy
            case .mandatoryPrefix(let none, let operandSize, let repeatEqual, let repeatNotEqual):
                switch instruction.mandatoryPrefix {
                case 0xF3: slot = repeatEqual
                case 0xF2: slot = repeatNotEqual
                case 0x66: slot = operandSize
                default: slot = none
                }
            case .group(let memory, let register, let registerForms):
                return groupForm(memory: memory, register: register, registerForms: registerForms, modrm: instruction.modrm)
            case .prefix, .invalid:
                return .invalid
            }
        }
    }
}
