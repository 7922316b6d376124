import X86

/// One encodable instruction form found in the opcode maps.
struct InstructionForm {
    /// 0 for the one-byte map, 1 for the 0F map.
    let map: UInt8
    let opcode: UInt8
    let entry: OpcodeEntry
    /// A mandatory prefix (66, F2 or F3) that selects the form.
    let mandatoryPrefix: UInt8?
    /// The ModRM reg field a group form needs.
    let groupReg: UInt8?
    /// Whether ModRM must name a register (true), memory (false), or either (nil).
    let registerOperand: Bool?
    /// A complete ModRM byte for forms that the table selects by reg and rm.
    let fixedModRM: UInt8?

    /// Handlers whose results a comparison with real silicon cannot use: forms of extensions
    /// swiftvmm's processor does not have (`.ud`: #UD here, executed by the host), control transfers out of
    /// the sequence, I/O (which exits to the monitor), host-dependent answers, fast system calls,
    /// software interrupts, which this host's KVM (kvm-pvm) delivers from CPL 3 without the
    /// gate-privilege check and with a different return address than the processor does, and the
    /// descriptor-table stores (SGDT, SIDT, SLDT, STR, SMSW), which this host emulates for user code
    /// (UMIP) with memory widths that differ from the SDM's, and the descriptor inspections (LAR,
    /// LSL, VERR, VERW), which this host's processor answers from the host's own GDT while guest
    /// user code runs.
    static let excludedHandlers: Set<InstructionHandler> = [
        .invalid, .ud, .jcc, .jmpRel, .jmpRM, .jmpFarImm, .jmpFarMem, .callRel, .callRM, .callFarImm, .callFarMem,
        .retNear, .retNearImm, .retFar, .retFarImm, .iret, .loop, .loope, .loopne, .jcxz,
        .ins, .outs, .inImm, .inDX, .outImm, .outDX,
        .cpuid, .rdtsc, .rdtscp, .rdpmc, .rdrand, .rdseed, .xgetbv, .monitor, .mwait,
        .syscall, .sysenter, .popFlags, .int3, .intImm, .into, .int1, .sgdt, .sidt, .sldt, .str, .smsw, .lar, .lsl, .verr, .verw, .fxsave, .fxrstor,
    ]

    /// Every form of the one-byte and 0F maps that `mode` can encode and the comparison can use.
    static func all(for mode: DifferentialMode) -> [InstructionForm] {
        var forms: [InstructionForm] = []
        for (map, table) in [(UInt8(0), OpcodeMap.oneByte), (UInt8(1), OpcodeMap.twoByte)] {
            for opcode in 0..<256 {
                collect(table[opcode], map: map, opcode: UInt8(opcode), prefix: nil, mode: mode, into: &forms)
            }
        }
        return forms.filter {
            !excludedHandlers.contains($0.entry.handler) && !isVectorExtensionPrefix($0, mode: mode) && !usesHostSegment($0, mode: mode)
        }
    }

    /// PUSH FS/GS and LFS/LGS in 64-bit mode: this host's KVM runs guest user code on the host's
    /// own FS and GS selectors, which these reveal or change. (MOV from FS/GS is kept out by the encoder.)
    private static func usesHostSegment(_ form: InstructionForm, mode: DifferentialMode) -> Bool {
        guard mode == .bits64 else { return false }
        let fsOrGS = form.entry.extra == UInt8(SegmentName.fs.rawValue) || form.entry.extra == UInt8(SegmentName.gs.rawValue)
        return (form.entry.handler == .pushSeg || form.entry.handler == .popSeg || form.entry.handler == .loadFarPointer) && fsOrGS
    }

    /// Encodings that real processors read as VEX (C4, C5), EVEX (62) or XOP (8F) prefixes, which
    /// swiftvmm's processor does not implement (and does not advertise).
    private static func isVectorExtensionPrefix(_ form: InstructionForm, mode: DifferentialMode) -> Bool {
        guard form.map == 0 else { return false }
        switch form.opcode {
        case 0xC4, 0xC5, 0x62: return mode == .bits64 || form.registerOperand != false
        case 0x8F: return (form.groupReg ?? 0) != 0
        default: return false
        }
    }

    private static func collect(
        _ slot: OpcodeSlot, map: UInt8, opcode: UInt8, prefix: UInt8?, mode: DifferentialMode, into forms: inout [InstructionForm]
    ) {
        switch slot {
        case .entry(let entry):
            forms.append(InstructionForm(map: map, opcode: opcode, entry: entry, mandatoryPrefix: prefix, groupReg: nil, registerOperand: nil, fixedModRM: nil))
        case .group(let memory, let register, let registerForms):
            for reg in 0..<8 {
                forms.append(InstructionForm(map: map, opcode: opcode, entry: memory[reg], mandatoryPrefix: prefix, groupReg: UInt8(reg), registerOperand: false, fixedModRM: nil))
                forms.append(InstructionForm(map: map, opcode: opcode, entry: (register ?? memory)[reg], mandatoryPrefix: prefix, groupReg: UInt8(reg), registerOperand: true, fixedModRM: nil))
            }
            for (key, entry) in registerForms {
                forms.append(InstructionForm(map: map, opcode: opcode, entry: entry, mandatoryPrefix: prefix, groupReg: nil, registerOperand: true, fixedModRM: 0xC0 | key))
            }
        case .mandatoryPrefix(let none, let operandSize, let repeatEqual, let repeatNotEqual):
            collect(none, map: map, opcode: opcode, prefix: prefix, mode: mode, into: &forms)
            collect(operandSize, map: map, opcode: opcode, prefix: 0x66, mode: mode, into: &forms)
            collect(repeatEqual, map: map, opcode: opcode, prefix: 0xF3, mode: mode, into: &forms)
            collect(repeatNotEqual, map: map, opcode: opcode, prefix: 0xF2, mode: mode, into: &forms)
        case .modeDependent(let legacy, let long):
            collect(mode == .bits64 ? long : legacy, map: map, opcode: opcode, prefix: prefix, mode: mode, into: &forms)
        case .prefix, .invalid:
            break
        }
    }
}
