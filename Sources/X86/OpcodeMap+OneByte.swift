/// The opcode maps: the instruction set as data, read by the decoder, interpreter and disassembler.
public enum OpcodeMap {
    /// Mnemonics of the eight ALU operations.
    public static let aluMnemonics = ["add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"]
    /// Mnemonic suffixes of the sixteen condition codes.
    public static let conditionSuffixes = ["o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"]
    /// Mnemonics of the eight shift kinds.
    public static let shiftMnemonics = ["rol", "ror", "rcl", "rcr", "shl", "shr", "sal", "sar"]

    /// The primary (one-byte) opcode map.
    public static let oneByte: [OpcodeSlot] = {
        var map = [OpcodeSlot](repeating: .invalid, count: 256)
        for operation in 0..<8 {
            let base = operation * 8
            let name = aluMnemonics[operation]
            let extra = UInt8(operation)
            let lock: InstructionAttributes = operation == 7 ? [] : .lockable
            map[base + 0] = .entry(OpcodeEntry(.aluRMReg, name, [.E(.b), .G(.b)], lock.union(.byteOperation), extra: extra))
            map[base + 1] = .entry(OpcodeEntry(.aluRMReg, name, [.E(.v), .G(.v)], lock, extra: extra))
            map[base + 2] = .entry(OpcodeEntry(.aluRegRM, name, [.G(.b), .E(.b)], .byteOperation, extra: extra))
            map[base + 3] = .entry(OpcodeEntry(.aluRegRM, name, [.G(.v), .E(.v)], extra: extra))
            map[base + 4] = .entry(OpcodeEntry(.aluRMImm, name, [.fixed(.rax, .b), .I(.b)], .byteOperation, extra: extra))
            map[base + 5] = .entry(OpcodeEntry(.aluRMImm, name, [.fixed(.rax, .v), .I(.z)], extra: extra))
        }
        for (opcode, segment) in [(0x06, SegmentName.es), (0x0E, .cs), (0x16, .ss), (0x1E, .ds)] {
            map[opcode] = .entry(OpcodeEntry(.pushSeg, "push", [.segment(segment)], .invalid64, extra: UInt8(segment.rawValue)))
            if segment != .cs {
                map[opcode + 1] = .entry(OpcodeEntry(.popSeg, "pop", [.segment(segment)], .invalid64, extra: UInt8(segment.rawValue)))
            }
        }
        for opcode in [0x0F, 0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65, 0x66, 0x67, 0xF0, 0xF2, 0xF3] { map[opcode] = .prefix }
        map[0x27] = .entry(OpcodeEntry(.daa, "daa", [], .invalid64))
        map[0x2F] = .entry(OpcodeEntry(.das, "das", [], .invalid64))
        map[0x37] = .entry(OpcodeEntry(.aaa, "aaa", [], .invalid64))
        map[0x3F] = .entry(OpcodeEntry(.aas, "aas", [], .invalid64))
        for register in 0..<8 {
            let legacyInc = OpcodeSlot.entry(OpcodeEntry(.incRM, "inc", [.Z(.v)], .invalid64))
            let legacyDec = OpcodeSlot.entry(OpcodeEntry(.decRM, "dec", [.Z(.v)], .invalid64))
            map[0x40 + register] = .modeDependent(legacy: legacyInc, long: .prefix)
            map[0x48 + register] = .modeDependent(legacy: legacyDec, long: .prefix)
            map[0x50 + register] = .entry(OpcodeEntry(.pushRM, "push", [.Z(.v)], .default64))
            map[0x58 + register] = .entry(OpcodeEntry(.popRM, "pop", [.Z(.v)], .default64))
            map[0x70 + register] = .entry(OpcodeEntry(.jcc, "j" + conditionSuffixes[register], [.J(.b)], [.force64, .branch], extra: UInt8(register)))
            map[0x78 + register] = .entry(OpcodeEntry(.jcc, "j" + conditionSuffixes[register + 8], [.J(.b)], [.force64, .branch], extra: UInt8(register + 8)))
            map[0xB0 + register] = .entry(OpcodeEntry(.movRMImm, "mov", [.Z(.b), .I(.b)], .byteOperation))
            map[0xB8 + register] = .entry(OpcodeEntry(.movRMImm, "mov", [.Z(.v), .I(.v)]))
            if register > 0 {
                map[0x90 + register] = .entry(OpcodeEntry(.xchgRMReg, "xchg", [.Z(.v), .fixed(.rax, .v)]))
            }
        }
        map[0x60] = .entry(OpcodeEntry(.pushAll, "pusha/pushad", [], .invalid64))
        map[0x61] = .entry(OpcodeEntry(.popAll, "popa/popad", [], .invalid64))
        map[0x62] = .entry(OpcodeEntry(.bound, "bound", [.G(.v), .M], .invalid64))
        map[0x63] = .modeDependent(
            legacy: .entry(OpcodeEntry(.arpl, "arpl", [.E(.w), .G(.w)], .sensitiveUnprivileged)),
            long: .entry(OpcodeEntry(.movsxd, "movsxd", [.G(.v), .E(.d)])))
        map[0x68] = .entry(OpcodeEntry(.pushImm, "push", [.I(.z)], .default64))
        map[0x69] = .entry(OpcodeEntry(.imulRegRMImm, "imul", [.G(.v), .E(.v), .I(.z)]))
        map[0x6A] = .entry(OpcodeEntry(.pushImm, "push", [.sI], .default64))
        map[0x6B] = .entry(OpcodeEntry(.imulRegRMImm, "imul", [.G(.v), .E(.v), .sI]))
        map[0x6C] = .entry(OpcodeEntry(.ins, "insb", [], [.io, .repeatable, .byteOperation]))
        map[0x6D] = .entry(OpcodeEntry(.ins, "insw/insd/insd", [], [.io, .repeatable]))
        map[0x6E] = .entry(OpcodeEntry(.outs, "outsb", [], [.io, .repeatable, .byteOperation]))
        map[0x6F] = .entry(OpcodeEntry(.outs, "outsw/outsd/outsd", [], [.io, .repeatable]))
        map[0x80] = group1([.E(.b), .I(.b)], .byteOperation)
        map[0x81] = group1([.E(.v), .I(.z)], [])
        map[0x82] = group1([.E(.b), .I(.b)], [.byteOperation, .invalid64])
        map[0x83] = group1([.E(.v), .sI], [])
        map[0x84] = .entry(OpcodeEntry(.testRMReg, "test", [.E(.b), .G(.b)], .byteOperation))
        map[0x85] = .entry(OpcodeEntry(.testRMReg, "test", [.E(.v), .G(.v)]))
        map[0x86] = .entry(OpcodeEntry(.xchgRMReg, "xchg", [.E(.b), .G(.b)], [.lockable, .byteOperation]))
        map[0x87] = .entry(OpcodeEntry(.xchgRMReg, "xchg", [.E(.v), .G(.v)], .lockable))
        map[0x88] = .entry(OpcodeEntry(.movRMReg, "mov", [.E(.b), .G(.b)], .byteOperation))
        map[0x89] = .entry(OpcodeEntry(.movRMReg, "mov", [.E(.v), .G(.v)]))
        map[0x8A] = .entry(OpcodeEntry(.movRegRM, "mov", [.G(.b), .E(.b)], .byteOperation))
        map[0x8B] = .entry(OpcodeEntry(.movRegRM, "mov", [.G(.v), .E(.v)]))
        // MOV m16, Sreg stores a word; MOV r, Sreg writes the whole operand size.
        map[0x8C] = .group(
            memory: Array(repeating: OpcodeEntry(.movRMSeg, "mov", [.E(.w), .S]), count: 8),
            register: Array(repeating: OpcodeEntry(.movRMSeg, "mov", [.E(.v), .S]), count: 8), registerForms: [:])
        map[0x8D] = .entry(OpcodeEntry(.lea, "lea", [.G(.v), .M]))
        map[0x8E] = .entry(OpcodeEntry(.movSegRM, "mov", [.S, .E(.w)]))
        map[0x8F] = .group(memory: [OpcodeEntry(.popRM, "pop", [.E(.v)], .default64)] + invalidRow(7), register: nil, registerForms: [:])
        map[0x90] = .mandatoryPrefix(
            none: .entry(OpcodeEntry(.nop, "nop")), operandSize: .entry(OpcodeEntry(.nop, "nop")),
            repeat: .entry(OpcodeEntry(.pause, "pause")), repeatNotEqual: .entry(OpcodeEntry(.nop, "nop")))
        map[0x98] = .entry(OpcodeEntry(.convertAccumulator, "cbw/cwde/cdqe"))
        map[0x99] = .entry(OpcodeEntry(.convertAccumulatorToDX, "cwd/cdq/cqo"))
        map[0x9A] = .entry(OpcodeEntry(.callFarImm, "call", [.A], [.invalid64, .branch]))
        map[0x9B] = .entry(OpcodeEntry(.fwait, "fwait"))
        map[0x9C] = .entry(OpcodeEntry(.pushFlags, "pushf/pushfd/pushfq", [], [.default64, .sensitiveUnprivileged]))
        map[0x9D] = .entry(OpcodeEntry(.popFlags, "popf/popfd/popfq", [], [.default64, .sensitiveUnprivileged]))
        map[0x9E] = .entry(OpcodeEntry(.sahf, "sahf"))
        map[0x9F] = .entry(OpcodeEntry(.lahf, "lahf"))
        map[0xA0] = .entry(OpcodeEntry(.movRegRM, "mov", [.fixed(.rax, .b), .O(.b)], .byteOperation))
        map[0xA1] = .entry(OpcodeEntry(.movRegRM, "mov", [.fixed(.rax, .v), .O(.v)]))
        map[0xA2] = .entry(OpcodeEntry(.movRMReg, "mov", [.O(.b), .fixed(.rax, .b)], .byteOperation))
        map[0xA3] = .entry(OpcodeEntry(.movRMReg, "mov", [.O(.v), .fixed(.rax, .v)]))
        let strings: [(Int, InstructionHandler, String)] = [(0xA4, .movs, "movs"), (0xA6, .cmps, "cmps"), (0xAA, .stos, "stos"), (0xAC, .lods, "lods"), (0xAE, .scas, "scas")]
        for (opcode, handler, name) in strings {
            map[opcode] = .entry(OpcodeEntry(handler, name + "b", [], [.repeatable, .byteOperation]))
            map[opcode + 1] = .entry(OpcodeEntry(handler, "\(name)w/\(name)d/\(name)q", [], .repeatable))
        }
        map[0xA8] = .entry(OpcodeEntry(.testRMImm, "test", [.fixed(.rax, .b), .I(.b)], .byteOperation))
        map[0xA9] = .entry(OpcodeEntry(.testRMImm, "test", [.fixed(.rax, .v), .I(.z)]))
        map[0xC0] = group2([.E(.b), .I(.b)], .shiftRMImm, .byteOperation)
        map[0xC1] = group2([.E(.v), .I(.b)], .shiftRMImm, [])
        map[0xC2] = .entry(OpcodeEntry(.retNearImm, "ret", [.I(.w)], [.force64, .branch]))
        map[0xC3] = .entry(OpcodeEntry(.retNear, "ret", [], [.force64, .branch]))
        map[0xC4] = .entry(OpcodeEntry(.loadFarPointer, "les", [.G(.z), .M], .invalid64, extra: UInt8(SegmentName.es.rawValue)))
        map[0xC5] = .entry(OpcodeEntry(.loadFarPointer, "lds", [.G(.z), .M], .invalid64, extra: UInt8(SegmentName.ds.rawValue)))
        map[0xC6] = .group(
            memory: [OpcodeEntry(.movRMImm, "mov", [.E(.b), .I(.b)], .byteOperation)] + invalidRow(7), register: nil,
            registerForms: [0o70: OpcodeEntry(.ud, "xabort", [.I(.b)])])
        map[0xC7] = .group(
            memory: [OpcodeEntry(.movRMImm, "mov", [.E(.v), .I(.z)])] + invalidRow(7), register: nil,
            registerForms: [0o70: OpcodeEntry(.ud, "xbegin", [.J(.z)], .branch)])
        map[0xC8] = .entry(OpcodeEntry(.enter, "enter", [.I(.w), .I(.b)], .default64))
        map[0xC9] = .entry(OpcodeEntry(.leave, "leave", [], .default64))
        map[0xCA] = .entry(OpcodeEntry(.retFarImm, "retf", [.I(.w)], .branch))
        map[0xCB] = .entry(OpcodeEntry(.retFar, "retf", [], .branch))
        map[0xCC] = .entry(OpcodeEntry(.int3, "int3", [], .branch))
        map[0xCD] = .entry(OpcodeEntry(.intImm, "int", [.I(.b)], .branch))
        map[0xCE] = .entry(OpcodeEntry(.into, "into", [], [.invalid64, .branch]))
        map[0xCF] = .entry(OpcodeEntry(.iret, "iret/iretd/iretq", [], [.branch, .sensitiveUnprivileged]))
        map[0xD0] = group2([.E(.b), .one], .shiftRMOne, .byteOperation)
        map[0xD1] = group2([.E(.v), .one], .shiftRMOne, [])
        map[0xD2] = group2([.E(.b), .fixed(.rcx, .b)], .shiftRMCL, .byteOperation)
        map[0xD3] = group2([.E(.v), .fixed(.rcx, .b)], .shiftRMCL, [])
        map[0xD4] = .entry(OpcodeEntry(.aam, "aam", [.I(.b)], .invalid64))
        map[0xD5] = .entry(OpcodeEntry(.aad, "aad", [.I(.b)], .invalid64))
        map[0xD6] = .entry(OpcodeEntry(.salc, "salc", [], .invalid64))
        map[0xD7] = .entry(OpcodeEntry(.xlat, "xlat", [], .byteOperation))
        map.replaceSubrange(0xD8...0xDF, with: x87Escapes)
        map[0xE0] = .entry(OpcodeEntry(.loopne, "loopne", [.J(.b)], [.force64, .branch]))
        map[0xE1] = .entry(OpcodeEntry(.loope, "loope", [.J(.b)], [.force64, .branch]))
        map[0xE2] = .entry(OpcodeEntry(.loop, "loop", [.J(.b)], [.force64, .branch]))
        map[0xE3] = .entry(OpcodeEntry(.jcxz, "jcxz|jecxz|jrcxz", [.J(.b)], [.force64, .branch]))
        map[0xE4] = .entry(OpcodeEntry(.inImm, "in", [.fixed(.rax, .b), .I(.b)], [.io, .byteOperation]))
        map[0xE5] = .entry(OpcodeEntry(.inImm, "in", [.fixed(.rax, .z), .I(.b)], .io))
        map[0xE6] = .entry(OpcodeEntry(.outImm, "out", [.I(.b), .fixed(.rax, .b)], [.io, .byteOperation]))
        map[0xE7] = .entry(OpcodeEntry(.outImm, "out", [.I(.b), .fixed(.rax, .z)], .io))
        map[0xE8] = .entry(OpcodeEntry(.callRel, "call", [.J(.z)], [.force64, .branch]))
        map[0xE9] = .entry(OpcodeEntry(.jmpRel, "jmp", [.J(.z)], [.force64, .branch]))
        map[0xEA] = .entry(OpcodeEntry(.jmpFarImm, "jmp", [.A], [.invalid64, .branch]))
        map[0xEB] = .entry(OpcodeEntry(.jmpRel, "jmp", [.J(.b)], [.force64, .branch]))
        map[0xEC] = .entry(OpcodeEntry(.inDX, "in", [.fixed(.rax, .b), .fixed(.rdx, .w)], [.io, .byteOperation]))
        map[0xED] = .entry(OpcodeEntry(.inDX, "in", [.fixed(.rax, .z), .fixed(.rdx, .w)], .io))
        map[0xEE] = .entry(OpcodeEntry(.outDX, "out", [.fixed(.rdx, .w), .fixed(.rax, .b)], [.io, .byteOperation]))
        map[0xEF] = .entry(OpcodeEntry(.outDX, "out", [.fixed(.rdx, .w), .fixed(.rax, .z)], .io))
        map[0xF1] = .entry(OpcodeEntry(.int1, "int1", [], .branch))
        map[0xF4] = .entry(OpcodeEntry(.hlt, "hlt", [], .privileged))
        map[0xF5] = .entry(OpcodeEntry(.cmc, "cmc"))
        map[0xF6] = group3(.b, .byteOperation)
        map[0xF7] = group3(.v, [])
        map[0xF8] = .entry(OpcodeEntry(.clc, "clc"))
        map[0xF9] = .entry(OpcodeEntry(.stc, "stc"))
        map[0xFA] = .entry(OpcodeEntry(.cli, "cli", [], .io))
        map[0xFB] = .entry(OpcodeEntry(.sti, "sti", [], .io))
        map[0xFC] = .entry(OpcodeEntry(.cld, "cld"))
        map[0xFD] = .entry(OpcodeEntry(.std, "std"))
        map[0xFE] = .group(
            memory: [OpcodeEntry(.incRM, "inc", [.E(.b)], [.lockable, .byteOperation]), OpcodeEntry(.decRM, "dec", [.E(.b)], [.lockable, .byteOperation])] + invalidRow(6),
            register: nil, registerForms: [:])
        let farCall = OpcodeEntry(.callFarMem, "call far", [.M], .branch)
        let farJump = OpcodeEntry(.jmpFarMem, "jmp far", [.M], .branch)
        map[0xFF] = .group(
            memory: [
                OpcodeEntry(.incRM, "inc", [.E(.v)], .lockable), OpcodeEntry(.decRM, "dec", [.E(.v)], .lockable),
                OpcodeEntry(.callRM, "call", [.E(.v)], [.force64, .branch]), farCall,
                OpcodeEntry(.jmpRM, "jmp", [.E(.v)], [.force64, .branch]), farJump,
                OpcodeEntry(.pushRM, "push", [.E(.v)], .default64), .invalid,
            ],
            register: [
                OpcodeEntry(.incRM, "inc", [.E(.v)]), OpcodeEntry(.decRM, "dec", [.E(.v)]),
                OpcodeEntry(.callRM, "call", [.E(.v)], [.force64, .branch]), .invalid,
                OpcodeEntry(.jmpRM, "jmp", [.E(.v)], [.force64, .branch]), .invalid,
                OpcodeEntry(.pushRM, "push", [.E(.v)], .default64), .invalid,
            ],
            registerForms: [:])
        return map
    }()

    static func invalidRow(_ count: Int) -> [OpcodeEntry] { [OpcodeEntry](repeating: .invalid, count: count) }

    private static func group1(_ operands: [OperandSpec], _ attributes: InstructionAttributes) -> OpcodeSlot {
        let row = (0..<8).map { operation in
            OpcodeEntry(.aluRMImm, aluMnemonics[operation], operands, operation == 7 ? attributes : attributes.union(.lockable), extra: UInt8(operation))
        }
        return .group(memory: row, register: nil, registerForms: [:])
    }

    private static func group2(_ operands: [OperandSpec], _ handler: InstructionHandler, _ attributes: InstructionAttributes) -> OpcodeSlot {
        let row = (0..<8).map { kind in OpcodeEntry(handler, shiftMnemonics[kind], operands, attributes, extra: UInt8(kind)) }
        return .group(memory: row, register: nil, registerForms: [:])
    }

    private static func group3(_ width: OperandWidth, _ attributes: InstructionAttributes) -> OpcodeSlot {
        let immediate: OperandSpec = width == .b ? .I(.b) : .I(.z)
        let row = [
            OpcodeEntry(.testRMImm, "test", [.E(width), immediate], attributes),
            OpcodeEntry(.testRMImm, "test", [.E(width), immediate], attributes),
            OpcodeEntry(.notRM, "not", [.E(width)], attributes.union(.lockable)),
            OpcodeEntry(.negRM, "neg", [.E(width)], attributes.union(.lockable)),
            OpcodeEntry(.mulRM, "mul", [.E(width)], attributes),
            OpcodeEntry(.imulRM, "imul", [.E(width)], attributes),
            OpcodeEntry(.divRM, "div", [.E(width)], attributes),
            OpcodeEntry(.idivRM, "idiv", [.E(width)], attributes),
        ]
        return .group(memory: row, register: nil, registerForms: [:])
    }
}
