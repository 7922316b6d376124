extension OpcodeMap {
    /// The 8086's opcode map: the one-byte map as the 8086 executes it, undocumented aliases
    /// included. It has no 0F escape; 0F is POP CS. The decoder handles the prefixes 26, 2E, 36, 3E,
    /// F0, F1 (a LOCK alias), F2 and F3.
    public static let i8086: [OpcodeSlot] = {
        var map = oneByte.map { slot -> OpcodeSlot in
            if case .modeDependent(let legacy, _) = slot { return legacy }
            return slot
        }
        map[0x0F] = .entry(OpcodeEntry(.popSeg, "pop", [.segment(.cs)], extra: UInt8(SegmentName.cs.rawValue)))
        // 60–6F decode as the conditional jumps 70–7F.
        for opcode in 0x60...0x6F { map[opcode] = map[opcode + 0x10] }
        map[0x90] = .entry(OpcodeEntry(.nop, "nop"))
        // C0 and C1 are RET imm16 and RET; C8 and C9 are RETF imm16 and RETF.
        map[0xC0] = map[0xC2]
        map[0xC1] = map[0xC3]
        map[0xC8] = map[0xCA]
        map[0xC9] = map[0xCB]
        // POP r/m and MOV r/m, imm ignore ModRM reg.
        map[0x8F] = everyReg(OpcodeEntry(.popRM, "pop", [.E(.v)]))
        map[0xC6] = everyReg(OpcodeEntry(.movRMImm, "mov", [.E(.b), .I(.b)], .byteOperation))
        map[0xC7] = everyReg(OpcodeEntry(.movRMImm, "mov", [.E(.v), .I(.v)]))
        // D0–D3 reg 6 is SETMO/SETMOC: the operand becomes all ones (the shift handler's `sal` slot).
        map[0xD0] = shiftGroup([.E(.b), .one], .shiftRMOne, .byteOperation)
        map[0xD1] = shiftGroup([.E(.v), .one], .shiftRMOne, [])
        map[0xD2] = shiftGroup([.E(.b), .fixed(.rcx, .b)], .shiftRMCL, .byteOperation)
        map[0xD3] = shiftGroup([.E(.v), .fixed(.rcx, .b)], .shiftRMCL, [])
        // ESC: with no coprocessor the 8086 only computes (and reads) the ModRM operand.
        for opcode in 0xD8...0xDF {
            map[opcode] = everyReg(OpcodeEntry(.nop, "esc", [.E(.v)], extra: UInt8(opcode - 0xD8)))
        }
        map[0xF1] = .prefix
        // FF reg 7 is PUSH r/m like reg 6.
        if case .group(var memory, let register, let forms) = map[0xFF], var register {
            memory[7] = memory[6]
            register[7] = register[6]
            map[0xFF] = .group(memory: memory, register: register, registerForms: forms)
        }
        return map
    }()

    private static func everyReg(_ entry: OpcodeEntry) -> OpcodeSlot {
        .group(memory: [OpcodeEntry](repeating: entry, count: 8), register: nil, registerForms: [:])
    }

    private static func shiftGroup(_ operands: [OperandSpec], _ handler: InstructionHandler, _ attributes: InstructionAttributes) -> OpcodeSlot {
        let names = ["rol", "ror", "rcl", "rcr", "shl", "shr", "setmo", "sar"]
        let row = (0..<8).map { kind in OpcodeEntry(handler, names[kind], operands, attributes, extra: UInt8(kind)) }
        return .group(memory: row, register: nil, registerForms: [:])
    }
}
