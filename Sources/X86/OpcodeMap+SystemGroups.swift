extension OpcodeMap {
    /// 0F 01 (group 7): descriptor-table loads and stores, MSW, INVLPG, and the register forms
    /// (mod = 11) that name whole instructions, some only after a mandatory F3 or F2 prefix.
    /// Forms the SDM marks NP sit only in the unprefixed row; AMD-only forms (SVM, MONITORX,
    /// CLZERO, RDPRU, INVLPGB, TLBSYNC, SNP) are #UD on Intel processors and absent.
    static let group7: OpcodeSlot = {
        let privileged: InstructionAttributes = .privileged
        let memory = [
            OpcodeEntry(.sgdt, "sgdt", [.M], .sensitiveUnprivileged), OpcodeEntry(.sidt, "sidt", [.M], .sensitiveUnprivileged),
            OpcodeEntry(.lgdt, "lgdt", [.M], privileged), OpcodeEntry(.lidt, "lidt", [.M], privileged),
            OpcodeEntry(.smsw, "smsw", [.E(.w)], .sensitiveUnprivileged), .invalid,
            OpcodeEntry(.lmsw, "lmsw", [.E(.w)], privileged), OpcodeEntry(.invlpg, "invlpg", [.M], privileged),
        ]
        let register: [OpcodeEntry] = [
            .invalid, .invalid, .invalid, .invalid, OpcodeEntry(.smsw, "smsw", [.E(.v)], .sensitiveUnprivileged), .invalid,
            OpcodeEntry(.lmsw, "lmsw", [.E(.w)], privileged), .invalid,
        ]
        let anyPrefix: [UInt8: OpcodeEntry] = [
            0o01: OpcodeEntry(.ud, "vmcall"), 0o02: OpcodeEntry(.ud, "vmlaunch", [], privileged),
            0o03: OpcodeEntry(.ud, "vmresume", [], privileged), 0o04: OpcodeEntry(.ud, "vmxoff", [], privileged),
            0o10: OpcodeEntry(.monitor, "monitor", [], privileged), 0o11: OpcodeEntry(.mwait, "mwait", [], privileged),
            0o70: OpcodeEntry(.swapgs, "swapgs", [], [.privileged, .only64]), 0o71: OpcodeEntry(.rdtscp, "rdtscp"),
        ]
        let unprefixed: [UInt8: OpcodeEntry] = [
            0o00: OpcodeEntry(.ud, "enclv", [], privileged), 0o05: OpcodeEntry(.ud, "pconfig", [], privileged),
            0o06: OpcodeEntry(.ud, "wrmsrns", [], privileged),
            0o12: OpcodeEntry(.ud, "clac", [], privileged), 0o13: OpcodeEntry(.ud, "stac", [], privileged),
            0o17: OpcodeEntry(.ud, "encls", [], privileged),
            0o20: OpcodeEntry(.xgetbv, "xgetbv"), 0o21: OpcodeEntry(.ud, "xsetbv", [], privileged),
            0o24: OpcodeEntry(.ud, "vmfunc"), 0o25: OpcodeEntry(.ud, "xend"), 0o26: OpcodeEntry(.ud, "xtest"),
            0o27: OpcodeEntry(.ud, "enclu"),
            0o50: OpcodeEntry(.ud, "serialize"), 0o56: OpcodeEntry(.ud, "rdpkru"), 0o57: OpcodeEntry(.ud, "wrpkru"),
        ]
        let afterF3: [UInt8: OpcodeEntry] = [
            0o06: OpcodeEntry(.ud, "wrmsrlist", [], [.privileged, .only64]),
            0o50: OpcodeEntry(.ud, "setssbsy", [], privileged), 0o52: OpcodeEntry(.ud, "saveprevssp"),
            0o54: OpcodeEntry(.ud, "uiret", [], .only64), 0o55: OpcodeEntry(.ud, "testui", [], .only64),
            0o56: OpcodeEntry(.ud, "clui", [], .only64), 0o57: OpcodeEntry(.ud, "stui", [], .only64),
        ]
        let afterF2: [UInt8: OpcodeEntry] = [
            0o06: OpcodeEntry(.ud, "rdmsrlist", [], [.privileged, .only64]),
            0o50: OpcodeEntry(.ud, "xsusldtrk"), 0o51: OpcodeEntry(.ud, "xresldtrk"),
        ]
        var memoryAfterF3 = memory
        memoryAfterF3[5] = OpcodeEntry(.ud, "rstorssp", [.M])
        return .mandatoryPrefix(
            none: .group(memory: memory, register: register, registerForms: anyPrefix.merging(unprefixed) { $1 }),
            operandSize: .group(memory: memory, register: register, registerForms: anyPrefix),
            repeat: .group(memory: memoryAfterF3, register: register, registerForms: anyPrefix.merging(afterF3) { $1 }),
            repeatNotEqual: .group(memory: memory, register: register, registerForms: anyPrefix.merging(afterF2) { $1 }))
    }()

    /// 0F AE (group 15): FXSAVE and XSAVE state, MXCSR, cache-line flushes and fences; after F3
    /// the FS/GS-base, PTWRITE, shadow-stack and UMONITOR forms, after 66 CLWB, CLFLUSHOPT and
    /// TPAUSE, after F2 UMWAIT.
    static let group15: OpcodeSlot = {
        let unprefixed = OpcodeSlot.group(
            memory: [
                OpcodeEntry(.fxsave, "fxsave", [.M]), OpcodeEntry(.fxrstor, "fxrstor", [.M]),
                OpcodeEntry(.ldmxcsr, "ldmxcsr", [.M]), OpcodeEntry(.stmxcsr, "stmxcsr", [.M]),
                OpcodeEntry(.ud, "xsave", [.M]), OpcodeEntry(.ud, "xrstor", [.M]),
                OpcodeEntry(.ud, "xsaveopt", [.M]), OpcodeEntry(.clflush, "clflush", [.M]),
            ],
            register: invalidRow(5) + [OpcodeEntry(.fence, "lfence"), .invalid, .invalid],
            registerForms: [0o60: OpcodeEntry(.fence, "mfence"), 0o70: OpcodeEntry(.fence, "sfence")])
        let afterOperandSize = OpcodeSlot.group(
            memory: invalidRow(6) + [OpcodeEntry(.ud, "clwb", [.M]), OpcodeEntry(.clflush, "clflushopt", [.M])],
            register: invalidRow(6) + [OpcodeEntry(.ud, "tpause", [.R(.d)]), .invalid],
            registerForms: [:])
        let afterF3 = OpcodeSlot.group(
            memory: invalidRow(4) + [OpcodeEntry(.ud, "ptwrite", [.E(.y)]), .invalid, OpcodeEntry(.ud, "clrssbsy", [.M]), .invalid],
            register: [
                OpcodeEntry(.ud, "rdfsbase", [.R(.y)], .only64), OpcodeEntry(.ud, "rdgsbase", [.R(.y)], .only64),
                OpcodeEntry(.ud, "wrfsbase", [.R(.y)], .only64), OpcodeEntry(.ud, "wrgsbase", [.R(.y)], .only64),
                OpcodeEntry(.ud, "ptwrite", [.E(.y)]), OpcodeEntry(.ud, "incssp", [.R(.y)]),
                OpcodeEntry(.ud, "umonitor", [.R(.y)]), .invalid,
            ],
            registerForms: [:])
        let afterF2 = OpcodeSlot.group(
            memory: invalidRow(8),
            register: invalidRow(6) + [OpcodeEntry(.ud, "umwait", [.R(.d)]), .invalid],
            registerForms: [:])
        return .mandatoryPrefix(none: unprefixed, operandSize: afterOperandSize, repeat: afterF3, repeatNotEqual: afterF2)
    }()

    /// 0F C7 (group 9): CMPXCHG8B/16B with any prefix; XSAVEC/XSAVES/XRSTORS, the VMCS pointer
    /// instructions, RDRAND and RDSEED without one; VMCLEAR after 66; VMXON, SENDUIPI and RDPID
    /// after F3.
    static let group9: OpcodeSlot = {
        let exchange = OpcodeEntry(.cmpxchg8b, "cmpxchg8b", [.M], .lockable)
        let random = [OpcodeEntry(.rdrand, "rdrand", [.R(.v)]), OpcodeEntry(.rdseed, "rdseed", [.R(.v)])]
        return .mandatoryPrefix(
            none: .group(
                memory: [
                    .invalid, exchange, .invalid, OpcodeEntry(.ud, "xrstors", [.M], .privileged),
                    OpcodeEntry(.ud, "xsavec", [.M]), OpcodeEntry(.ud, "xsaves", [.M], .privileged),
                    OpcodeEntry(.ud, "vmptrld", [.M], .privileged), OpcodeEntry(.ud, "vmptrst", [.M], .privileged),
                ],
                register: invalidRow(6) + random, registerForms: [:]),
            operandSize: .group(
                memory: [.invalid, exchange] + invalidRow(4) + [OpcodeEntry(.ud, "vmclear", [.M], .privileged), .invalid],
                register: invalidRow(6) + random, registerForms: [:]),
            repeat: .group(
                memory: [.invalid, exchange] + invalidRow(4) + [OpcodeEntry(.ud, "vmxon", [.M], .privileged), .invalid],
                register: invalidRow(6) + [
                    OpcodeEntry(.ud, "senduipi", [.R(.q)], .only64), OpcodeEntry(.ud, "rdpid", [.R(.y)], .force64),
                ],
                registerForms: [:]),
            repeatNotEqual: .group(memory: [.invalid, exchange] + invalidRow(6), register: invalidRow(8), registerForms: [:]))
    }()
}
