/// The x87 escape opcodes D8–DF: memory forms by ModRM reg, register forms by reg (with ST(i) in r/m)
/// or by the whole ModRM byte.
extension OpcodeMap {
    /// The slots of opcodes D8 through DF, in order.
    static let x87Escapes: [OpcodeSlot] = [
        arithmeticEscape(memory: .m32fp, mnemonicPrefix: "f", registerRow: d8RegisterRow, registerForms: [:]),
        d9, da, db,
        arithmeticEscape(memory: .m64fp, mnemonicPrefix: "f", registerRow: dcRegisterRow, registerForms: [:]),
        dd,
        arithmeticEscape(memory: .m16int, mnemonicPrefix: "fi", registerRow: deRegisterRow, registerForms: [0o31: x87("fcompp", .comparePopTwice)]),
        df,
    ]

    /// The arithmetic operations in ModRM reg order of the D8, DA, DC and DE memory forms.
    private static let arithmeticNames = ["add", "mul", "com", "comp", "sub", "subr", "div", "divr"]

    private static func x87(_ mnemonic: String, _ operation: X87Operation, _ operands: [OperandSpec] = []) -> OpcodeEntry {
        OpcodeEntry(.x87, mnemonic, operands, extra: operation.rawValue)
    }

    /// A row whose memory forms are the eight arithmetic operations on `memory`.
    private static func arithmeticEscape(
        memory: X87MemoryWidth, mnemonicPrefix: String, registerRow: [OpcodeEntry], registerForms: [UInt8: OpcodeEntry]
    ) -> OpcodeSlot {
        let memoryRow = arithmeticNames.enumerated().map { reg, name in
            let operation: X87Operation = reg == 2 ? .compareMemory : reg == 3 ? .compareMemoryPop : .arithmeticMemory
            return x87(mnemonicPrefix + name, operation, [.x87Memory(memory)])
        }
        return .group(memory: memoryRow, register: registerRow, registerForms: registerForms)
    }

    private static let d8RegisterRow = arithmeticNames.enumerated().map { reg, name in
        switch reg {
        case 2: x87("fcom", .compare, [.sti])
        case 3: x87("fcomp", .comparePop, [.sti])
        default: x87("f" + name, .arithmeticToST0, [.st0, .sti])
        }
    }

    /// DC: ST(i) ← ST(i) op ST(0); the subtract and divide pairs swap their reg order relative to D8.
    private static let dcRegisterRow = [
        x87("fadd", .arithmeticToSTi, [.sti, .st0]), x87("fmul", .arithmeticToSTi, [.sti, .st0]), .invalid, .invalid,
        x87("fsubr", .arithmeticToSTi, [.sti, .st0]), x87("fsub", .arithmeticToSTi, [.sti, .st0]),
        x87("fdivr", .arithmeticToSTi, [.sti, .st0]), x87("fdiv", .arithmeticToSTi, [.sti, .st0]),
    ]

    private static let deRegisterRow = [
        x87("faddp", .arithmeticToSTiPop, [.sti, .st0]), x87("fmulp", .arithmeticToSTiPop, [.sti, .st0]), .invalid, .invalid,
        x87("fsubrp", .arithmeticToSTiPop, [.sti, .st0]), x87("fsubp", .arithmeticToSTiPop, [.sti, .st0]),
        x87("fdivrp", .arithmeticToSTiPop, [.sti, .st0]), x87("fdivp", .arithmeticToSTiPop, [.sti, .st0]),
    ]

    private static let d9: OpcodeSlot = .group(
        memory: [
            x87("fld", .loadMemory, [.x87Memory(.m32fp)]), .invalid,
            x87("fst", .storeMemory, [.x87Memory(.m32fp)]), x87("fstp", .storeMemoryPop, [.x87Memory(.m32fp)]),
            x87("fldenv", .loadEnvironment, [.x87Memory(.m14or28byte)]), x87("fldcw", .loadControlWord, [.x87Memory(.m2byte)]),
            x87("fnstenv", .storeEnvironment, [.x87Memory(.m14or28byte)]), x87("fnstcw", .storeControlWord, [.x87Memory(.m2byte)]),
        ],
        register: [x87("fld", .loadRegister, [.sti]), x87("fxch", .exchange, [.sti])] + invalidRow(6),
        registerForms: [
            0o20: x87("fnop", .noOperation),
            0o40: x87("fchs", .changeSign), 0o41: x87("fabs", .absolute), 0o44: x87("ftst", .test), 0o45: x87("fxam", .examine),
            0o50: x87("fld1", .loadConstant), 0o51: x87("fldl2t", .loadConstant), 0o52: x87("fldl2e", .loadConstant),
            0o53: x87("fldpi", .loadConstant), 0o54: x87("fldlg2", .loadConstant), 0o55: x87("fldln2", .loadConstant),
            0o56: x87("fldz", .loadConstant),
            0o60: x87("f2xm1", .unary), 0o61: x87("fyl2x", .binaryPop), 0o62: x87("fptan", .trigonometricPush), 0o63: x87("fpatan", .binaryPop),
            0o64: x87("fxtract", .unaryPush), 0o65: x87("fprem1", .partialRemainder), 0o66: x87("fdecstp", .decrementTop),
            0o67: x87("fincstp", .incrementTop),
            0o70: x87("fprem", .partialRemainder), 0o71: x87("fyl2xp1", .binaryPop), 0o72: x87("fsqrt", .unary), 0o73: x87("fsincos", .trigonometricPush),
            0o74: x87("frndint", .unary), 0o75: x87("fscale", .binaryToST0), 0o76: x87("fsin", .trigonometric), 0o77: x87("fcos", .trigonometric),
        ])

    private static let da = arithmeticEscape(
        memory: .m32int, mnemonicPrefix: "fi",
        registerRow: [
            x87("fcmovb", .moveIfBelow, [.st0, .sti]), x87("fcmove", .moveIfEqual, [.st0, .sti]),
            x87("fcmovbe", .moveIfBelowOrEqual, [.st0, .sti]), x87("fcmovu", .moveIfUnordered, [.st0, .sti]),
        ] + invalidRow(4),
        registerForms: [0o51: x87("fucompp", .comparePopTwice)])

    private static let db: OpcodeSlot = .group(
        memory: [
            x87("fild", .loadMemory, [.x87Memory(.m32int)]), x87("fisttp", .storeMemoryPop, [.x87Memory(.m32int)]),
            x87("fist", .storeMemory, [.x87Memory(.m32int)]), x87("fistp", .storeMemoryPop, [.x87Memory(.m32int)]),
            .invalid, x87("fld", .loadExtended, [.x87Memory(.m80fp)]),
            .invalid, x87("fstp", .storeExtendedPop, [.x87Memory(.m80fp)]),
        ],
        register: [
            x87("fcmovnb", .moveIfNotBelow, [.st0, .sti]), x87("fcmovne", .moveIfNotEqual, [.st0, .sti]),
            x87("fcmovnbe", .moveIfNotBelowOrEqual, [.st0, .sti]), x87("fcmovnu", .moveIfNotUnordered, [.st0, .sti]),
            .invalid, x87("fucomi", .compareFlags, [.st0, .sti]), x87("fcomi", .compareFlags, [.st0, .sti]), .invalid,
        ],
        registerForms: [
            0o40: x87("fneni", .ignored), 0o41: x87("fndisi", .ignored), 0o42: x87("fnclex", .clearExceptions),
            0o43: x87("fninit", .initialize), 0o44: x87("fnsetpm", .ignored),
        ])

    private static let dd: OpcodeSlot = .group(
        memory: [
            x87("fld", .loadMemory, [.x87Memory(.m64fp)]), x87("fisttp", .storeMemoryPop, [.x87Memory(.m64int)]),
            x87("fst", .storeMemory, [.x87Memory(.m64fp)]), x87("fstp", .storeMemoryPop, [.x87Memory(.m64fp)]),
            x87("frstor", .restoreState, [.x87Memory(.m94or108byte)]), .invalid,
            x87("fnsave", .saveState, [.x87Memory(.m94or108byte)]), x87("fnstsw", .storeStatusWord, [.x87Memory(.m2byte)]),
        ],
        register: [
            x87("ffree", .free, [.sti]), .invalid, x87("fst", .storeRegister, [.sti]), x87("fstp", .storeRegisterPop, [.sti]),
            x87("fucom", .compare, [.sti]), x87("fucomp", .comparePop, [.sti]), .invalid, .invalid,
        ],
        registerForms: [:])

    private static let df: OpcodeSlot = .group(
        memory: [
            x87("fild", .loadMemory, [.x87Memory(.m16int)]), x87("fisttp", .storeMemoryPop, [.x87Memory(.m16int)]),
            x87("fist", .storeMemory, [.x87Memory(.m16int)]), x87("fistp", .storeMemoryPop, [.x87Memory(.m16int)]),
            x87("fbld", .loadMemory, [.x87Memory(.m80bcd)]), x87("fild", .loadMemory, [.x87Memory(.m64int)]),
            x87("fbstp", .storeMemoryPop, [.x87Memory(.m80bcd)]), x87("fistp", .storeMemoryPop, [.x87Memory(.m64int)]),
        ],
        register: [
            x87("ffreep", .freePop, [.sti]), .invalid, .invalid, .invalid,
            .invalid, x87("fucomip", .compareFlagsPop, [.st0, .sti]), x87("fcomip", .compareFlagsPop, [.st0, .sti]), .invalid,
        ],
        registerForms: [0o40: x87("fnstsw", .storeStatusWordAX, [.fixed(.rax, .w)])])
}
