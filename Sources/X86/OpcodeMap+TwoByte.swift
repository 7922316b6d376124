extension OpcodeMap {
    /// The secondary opcode map, after the 0F escape.
    public static let twoByte: [OpcodeSlot] = {
        var map = [OpcodeSlot](repeating: .invalid, count: 256)
        let privileged: InstructionAttributes = .privileged
        map[0x00] = .group(
            memory: [
                OpcodeEntry(.sldt, "sldt", [.E(.w)], .sensitiveUnprivileged), OpcodeEntry(.str, "str", [.E(.w)], .sensitiveUnprivileged),
                OpcodeEntry(.lldt, "lldt", [.E(.w)], privileged), OpcodeEntry(.ltr, "ltr", [.E(.w)], privileged),
                OpcodeEntry(.verr, "verr", [.E(.w)], .sensitiveUnprivileged), OpcodeEntry(.verw, "verw", [.E(.w)], .sensitiveUnprivileged),
            ] + invalidRow(2),
            register: [
                OpcodeEntry(.sldt, "sldt", [.E(.v)], .sensitiveUnprivileged), OpcodeEntry(.str, "str", [.E(.v)], .sensitiveUnprivileged),
                OpcodeEntry(.lldt, "lldt", [.E(.w)], privileged), OpcodeEntry(.ltr, "ltr", [.E(.w)], privileged),
                OpcodeEntry(.verr, "verr", [.E(.w)], .sensitiveUnprivileged), OpcodeEntry(.verw, "verw", [.E(.w)], .sensitiveUnprivileged),
            ] + invalidRow(2),
            registerForms: [:])
        map[0x01] = .group(
            memory: [
                OpcodeEntry(.sgdt, "sgdt", [.M], .sensitiveUnprivileged), OpcodeEntry(.sidt, "sidt", [.M], .sensitiveUnprivileged),
                OpcodeEntry(.lgdt, "lgdt", [.M], privileged), OpcodeEntry(.lidt, "lidt", [.M], privileged),
                OpcodeEntry(.smsw, "smsw", [.E(.w)], .sensitiveUnprivileged), .invalid,
                OpcodeEntry(.lmsw, "lmsw", [.E(.w)], privileged), OpcodeEntry(.invlpg, "invlpg", [.M], privileged),
            ],
            register: [.invalid, .invalid, .invalid, .invalid, OpcodeEntry(.smsw, "smsw", [.E(.v)], .sensitiveUnprivileged), .invalid, OpcodeEntry(.lmsw, "lmsw", [.E(.w)], privileged), .invalid],
            registerForms: [
                0o10: OpcodeEntry(.monitor, "monitor", [], privileged), 0o11: OpcodeEntry(.mwait, "mwait", [], privileged),
                0o20: OpcodeEntry(.xgetbv, "xgetbv"),
                0o70: OpcodeEntry(.swapgs, "swapgs", [], [.privileged, .only64]), 0o71: OpcodeEntry(.rdtscp, "rdtscp"),
            ])
        map[0x02] = .entry(OpcodeEntry(.lar, "lar", [.G(.v), .E(.w)], .sensitiveUnprivileged))
        map[0x03] = .entry(OpcodeEntry(.lsl, "lsl", [.G(.v), .E(.w)], .sensitiveUnprivileged))
        map[0x05] = .entry(OpcodeEntry(.syscall, "syscall", [], .branch))
        map[0x06] = .entry(OpcodeEntry(.clts, "clts", [], privileged))
        map[0x07] = .entry(OpcodeEntry(.sysret, "sysret", [], [.privileged, .branch]))
        map[0x08] = .entry(OpcodeEntry(.invd, "invd", [], privileged))
        map[0x09] = .entry(OpcodeEntry(.wbinvd, "wbinvd", [], privileged))
        map[0x0B] = .entry(OpcodeEntry(.ud, "ud2"))
        map[0x0D] = .group(memory: (0..<8).map { _ in OpcodeEntry(.nop, "prefetch", [.M]) }, register: nil, registerForms: [:])
        map[0x18] = .group(memory: (0..<8).map { _ in OpcodeEntry(.nop, "prefetch", [.M]) }, register: (0..<8).map { _ in OpcodeEntry(.nop, "nop", [.E(.v)]) }, registerForms: [:])
        for opcode in 0x19...0x1F { map[opcode] = .entry(OpcodeEntry(.nop, "nop", [.E(.v)])) }
        map[0x20] = .entry(OpcodeEntry(.movFromCR, "mov", [.R(.y), .C], [.privileged, .force64]))
        map[0x21] = .entry(OpcodeEntry(.movFromDR, "mov", [.R(.y), .D], [.privileged, .force64]))
        map[0x22] = .entry(OpcodeEntry(.movToCR, "mov", [.C, .R(.y)], [.privileged, .force64]))
        map[0x23] = .entry(OpcodeEntry(.movToDR, "mov", [.D, .R(.y)], [.privileged, .force64]))
        map[0x30] = .entry(OpcodeEntry(.wrmsr, "wrmsr", [], privileged))
        map[0x31] = .entry(OpcodeEntry(.rdtsc, "rdtsc"))
        map[0x32] = .entry(OpcodeEntry(.rdmsr, "rdmsr", [], privileged))
        map[0x33] = .entry(OpcodeEntry(.rdpmc, "rdpmc"))
        map[0x34] = .entry(OpcodeEntry(.sysenter, "sysenter", [], .branch))
        map[0x35] = .entry(OpcodeEntry(.sysexit, "sysexit", [], [.privileged, .branch]))
        for condition in 0..<16 {
            let suffix = conditionSuffixes[condition]
            map[0x40 + condition] = .entry(OpcodeEntry(.cmovcc, "cmov" + suffix, [.G(.v), .E(.v)], extra: UInt8(condition)))
            map[0x80 + condition] = .entry(OpcodeEntry(.jcc, "j" + suffix, [.J(.z)], [.force64, .branch], extra: UInt8(condition)))
            map[0x90 + condition] = .entry(OpcodeEntry(.setcc, "set" + suffix, [.E(.b)], .byteOperation, extra: UInt8(condition)))
        }
        map[0xA0] = .entry(OpcodeEntry(.pushSeg, "push", [.segment(.fs)], .default64, extra: UInt8(SegmentName.fs.rawValue)))
        map[0xA1] = .entry(OpcodeEntry(.popSeg, "pop", [.segment(.fs)], .default64, extra: UInt8(SegmentName.fs.rawValue)))
        map[0xA2] = .entry(OpcodeEntry(.cpuid, "cpuid"))
        map[0xA3] = .entry(OpcodeEntry(.bitTestRMReg, "bt", [.E(.v), .G(.v)], extra: 0))
        map[0xA4] = .entry(OpcodeEntry(.shldImm, "shld", [.E(.v), .G(.v), .I(.b)]))
        map[0xA5] = .entry(OpcodeEntry(.shldCL, "shld", [.E(.v), .G(.v), .fixed(.rcx, .b)]))
        map[0xA8] = .entry(OpcodeEntry(.pushSeg, "push", [.segment(.gs)], .default64, extra: UInt8(SegmentName.gs.rawValue)))
        map[0xA9] = .entry(OpcodeEntry(.popSeg, "pop", [.segment(.gs)], .default64, extra: UInt8(SegmentName.gs.rawValue)))
        map[0xAB] = .entry(OpcodeEntry(.bitTestRMReg, "bts", [.E(.v), .G(.v)], .lockable, extra: 1))
        map[0xAC] = .entry(OpcodeEntry(.shrdImm, "shrd", [.E(.v), .G(.v), .I(.b)]))
        map[0xAD] = .entry(OpcodeEntry(.shrdCL, "shrd", [.E(.v), .G(.v), .fixed(.rcx, .b)]))
        map[0xAE] = .group(
            memory: [
                OpcodeEntry(.fxsave, "fxsave", [.M]), OpcodeEntry(.fxrstor, "fxrstor", [.M]),
                OpcodeEntry(.ldmxcsr, "ldmxcsr", [.M]), OpcodeEntry(.stmxcsr, "stmxcsr", [.M]),
                .invalid, .invalid, .invalid, OpcodeEntry(.clflush, "clflush", [.M]),
            ],
            register: [.invalid, .invalid, .invalid, .invalid, .invalid,
                       OpcodeEntry(.fence, "lfence"), OpcodeEntry(.fence, "mfence"), OpcodeEntry(.fence, "sfence")],
            registerForms: [:])
        map[0xAF] = .entry(OpcodeEntry(.imulRegRM, "imul", [.G(.v), .E(.v)]))
        map[0xB0] = .entry(OpcodeEntry(.cmpxchgRMReg, "cmpxchg", [.E(.b), .G(.b)], [.lockable, .byteOperation]))
        map[0xB1] = .entry(OpcodeEntry(.cmpxchgRMReg, "cmpxchg", [.E(.v), .G(.v)], .lockable))
        map[0xB2] = .entry(OpcodeEntry(.loadFarPointer, "lss", [.G(.v), .M], extra: UInt8(SegmentName.ss.rawValue)))
        map[0xB3] = .entry(OpcodeEntry(.bitTestRMReg, "btr", [.E(.v), .G(.v)], .lockable, extra: 2))
        map[0xB4] = .entry(OpcodeEntry(.loadFarPointer, "lfs", [.G(.v), .M], extra: UInt8(SegmentName.fs.rawValue)))
        map[0xB5] = .entry(OpcodeEntry(.loadFarPointer, "lgs", [.G(.v), .M], extra: UInt8(SegmentName.gs.rawValue)))
        map[0xB6] = .entry(OpcodeEntry(.movzxByte, "movzx", [.G(.v), .E(.b)]))
        map[0xB7] = .entry(OpcodeEntry(.movzxWord, "movzx", [.G(.v), .E(.w)]))
        map[0xB8] = .mandatoryPrefix(
            none: .invalid, operandSize: .invalid,
            repeat: .entry(OpcodeEntry(.popcnt, "popcnt", [.G(.v), .E(.v)])), repeatNotEqual: .invalid)
        map[0xB9] = .entry(OpcodeEntry(.ud, "ud1", [.G(.v), .E(.v)]))
        map[0xBA] = .group(
            memory: invalidRow(4) + (0..<4).map { kind in
                OpcodeEntry(.bitTestRMImm, ["bt", "bts", "btr", "btc"][kind], [.E(.v), .I(.b)], kind == 0 ? [] : .lockable, extra: UInt8(kind))
            },
            register: nil, registerForms: [:])
        map[0xBB] = .entry(OpcodeEntry(.bitTestRMReg, "btc", [.E(.v), .G(.v)], .lockable, extra: 3))
        map[0xBC] = .mandatoryPrefix(
            none: .entry(OpcodeEntry(.bsf, "bsf", [.G(.v), .E(.v)])), operandSize: .entry(OpcodeEntry(.bsf, "bsf", [.G(.v), .E(.v)])),
            repeat: .entry(OpcodeEntry(.tzcnt, "tzcnt", [.G(.v), .E(.v)])), repeatNotEqual: .entry(OpcodeEntry(.bsf, "bsf", [.G(.v), .E(.v)])))
        map[0xBD] = .mandatoryPrefix(
            none: .entry(OpcodeEntry(.bsr, "bsr", [.G(.v), .E(.v)])), operandSize: .entry(OpcodeEntry(.bsr, "bsr", [.G(.v), .E(.v)])),
            repeat: .entry(OpcodeEntry(.lzcnt, "lzcnt", [.G(.v), .E(.v)])), repeatNotEqual: .entry(OpcodeEntry(.bsr, "bsr", [.G(.v), .E(.v)])))
        map[0xBE] = .entry(OpcodeEntry(.movsxByte, "movsx", [.G(.v), .E(.b)]))
        map[0xBF] = .entry(OpcodeEntry(.movsxWord, "movsx", [.G(.v), .E(.w)]))
        map[0xC0] = .entry(OpcodeEntry(.xaddRMReg, "xadd", [.E(.b), .G(.b)], [.lockable, .byteOperation]))
        map[0xC1] = .entry(OpcodeEntry(.xaddRMReg, "xadd", [.E(.v), .G(.v)], .lockable))
        map[0xC7] = .group(
            memory: [.invalid, OpcodeEntry(.cmpxchg8b, "cmpxchg8b", [.M], .lockable)] + invalidRow(6),
            register: invalidRow(6) + [OpcodeEntry(.rdrand, "rdrand", [.R(.v)]), OpcodeEntry(.rdseed, "rdseed", [.R(.v)])],
            registerForms: [:])
        for register in 0..<8 {
            map[0xC8 + register] = .entry(OpcodeEntry(.bswap, "bswap", [.Z(.y)]))
        }
        map[0xFF] = .entry(OpcodeEntry(.ud, "ud0", [.G(.v), .E(.v)]))
        installSIMDRows(&map)
        return map
    }()
}
