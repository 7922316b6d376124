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
        map[0x01] = group7
        map[0x02] = .entry(OpcodeEntry(.lar, "lar", [.G(.v), .E(.w)], .sensitiveUnprivileged))
        map[0x03] = .entry(OpcodeEntry(.lsl, "lsl", [.G(.v), .E(.w)], .sensitiveUnprivileged))
        map[0x05] = .entry(OpcodeEntry(.syscall, "syscall", [], [.branch, .only64]))
        map[0x06] = .entry(OpcodeEntry(.clts, "clts", [], privileged))
        map[0x07] = .entry(OpcodeEntry(.sysret, "sysret", [], [.privileged, .branch, .only64]))
        map[0x08] = .entry(OpcodeEntry(.invd, "invd", [], privileged))
        let writeBack = OpcodeSlot.entry(OpcodeEntry(.wbinvd, "wbinvd", [], privileged))
        map[0x09] = .mandatoryPrefix(
            none: writeBack, operandSize: writeBack,
            repeat: .entry(OpcodeEntry(.ud, "wbnoinvd", [], privileged)), repeatNotEqual: writeBack)
        map[0x0B] = .entry(OpcodeEntry(.ud, "ud2"))
        let reservedNop = OpcodeEntry(.nop, "nop", [.E(.v)])
        map[0x0D] = .group(
            memory: ["prefetch", "prefetchw", "prefetchwt1", "prefetch", "prefetch", "prefetch", "prefetch", "prefetch"].map {
                OpcodeEntry(.nop, $0, [.M])
            },
            register: invalidRow(8), registerForms: [:])
        map[0x18] = .group(
            memory: ["prefetchnta", "prefetcht0", "prefetcht1", "prefetcht2"].map { OpcodeEntry(.nop, $0, [.M]) } + Array(repeating: reservedNop, count: 4),
            register: Array(repeating: reservedNop, count: 8), registerForms: [:])
        for opcode in 0x19...0x1F { map[opcode] = .entry(reservedNop) }
        map[0x1C] = .mandatoryPrefix(
            none: .group(
                memory: [OpcodeEntry(.nop, "cldemote", [.M])] + Array(repeating: reservedNop, count: 7),
                register: Array(repeating: reservedNop, count: 8), registerForms: [:]),
            operandSize: .entry(reservedNop), repeat: .entry(reservedNop), repeatNotEqual: .entry(reservedNop))
        map[0x1E] = .mandatoryPrefix(
            none: .entry(reservedNop), operandSize: .entry(reservedNop),
            repeat: .group(
                memory: Array(repeating: reservedNop, count: 8),
                register: [reservedNop, OpcodeEntry(.nop, "rdssp", [.R(.y)])] + Array(repeating: reservedNop, count: 6),
                registerForms: [0o72: OpcodeEntry(.nop, "endbr64"), 0o73: OpcodeEntry(.nop, "endbr32")]),
            repeatNotEqual: .entry(reservedNop))
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
        map[0x37] = .entry(OpcodeEntry(.ud, "getsec"))
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
        map[0xAA] = .entry(OpcodeEntry(.ud, "rsm"))
        map[0xAB] = .entry(OpcodeEntry(.bitTestRMReg, "bts", [.E(.v), .G(.v)], .lockable, extra: 1))
        map[0xAC] = .entry(OpcodeEntry(.shrdImm, "shrd", [.E(.v), .G(.v), .I(.b)]))
        map[0xAD] = .entry(OpcodeEntry(.shrdCL, "shrd", [.E(.v), .G(.v), .fixed(.rcx, .b)]))
        map[0xAE] = group15
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
        map[0xC7] = group9
        for register in 0..<8 {
            map[0xC8 + register] = .entry(OpcodeEntry(.bswap, "bswap", [.Z(.y)]))
        }
        map[0xFF] = .entry(OpcodeEntry(.ud, "ud0", [.G(.v), .E(.v)]))
        installSIMDRows(&map)
        return map
    }()
}
