/// What an x87 form does with the stack and memory (its encoding names the arithmetic): the `extra` of D8–DF entries.
public enum X87Operation: UInt8, Sendable {
    /// ST(0) ← ST(0) op memory (m32fp, m64fp, m16int, m32int).
    case arithmeticMemory
    /// ST(0) ← ST(0) op ST(i).
    case arithmeticToST0
    /// ST(i) ← ST(i) op ST(0).
    case arithmeticToSTi
    /// ST(i) ← ST(i) op ST(0), then pop.
    case arithmeticToSTiPop
    /// C0, C2, C3 ← compare ST(0) with memory, popping none or one.
    case compareMemory, compareMemoryPop
    /// C0, C2, C3 ← compare ST(0) with ST(i) (with ST(1) for the pop-twice forms).
    case compare, comparePop, comparePopTwice
    /// ZF, PF, CF ← compare ST(0) with ST(i), popping none or one.
    case compareFlags, compareFlagsPop
    /// C0, C2, C3 ← compare ST(0) with 0.0.
    case test
    /// C0–C3 ← the class and sign of ST(0).
    case examine
    /// ST(0) ← f(ST(0)).
    case unary
    /// ST(0) ← sin or cos ST(0); C2 set when the operand is out of range.
    case trigonometric
    /// ST(0) ← f(ST(0), ST(1)).
    case binaryToST0
    /// ST(0) ← partial remainder of ST(0) by ST(1); C2 set while incomplete.
    case partialRemainder
    /// ST(1) ← f(ST(0), ST(1)), then pop.
    case binaryPop
    /// ST(0) ← f(ST(0)), then push a second result.
    case unaryPush
    /// ST(0) ← tan or sin ST(0), then push 1.0 or cos ST(0); C2 set (and nothing pushed) when out of range.
    case trigonometricPush
    case changeSign, absolute
    /// Push a value converted from memory (m32fp, m64fp, m16int, m32int, m64int, m80bcd).
    case loadMemory
    /// Push an m80fp value unchanged.
    case loadExtended
    /// Push ST(i).
    case loadRegister
    /// Push a constant (1, log2 10, log2 e, π, log10 2, ln 2, 0).
    case loadConstant
    /// Memory ← ST(0) converted, popping none or one.
    case storeMemory, storeMemoryPop
    /// Memory ← ST(0) as m80fp, then pop.
    case storeExtendedPop
    /// ST(i) ← ST(0), popping none or one.
    case storeRegister, storeRegisterPop
    /// ST(0) ↔ ST(i).
    case exchange
    /// ST(0) ← ST(i) when the EFLAGS condition holds.
    case moveIfBelow, moveIfEqual, moveIfBelowOrEqual, moveIfUnordered
    case moveIfNotBelow, moveIfNotEqual, moveIfNotBelowOrEqual, moveIfNotUnordered
    /// Tag ST(i) empty, popping none or one.
    case free, freePop
    case incrementTop, decrementTop, noOperation
    /// FENI, FDISI and FSETPM: 8087 and 287 controls that later processors ignore.
    case ignored
    case initialize, clearExceptions
    case storeStatusWord, storeStatusWordAX, storeControlWord, loadControlWord
    case storeEnvironment, loadEnvironment, saveState, restoreState

    /// Whether the form first reports a pending unmasked exception (the FN forms do not).
    public var waits: Bool {
        switch self {
        case .initialize, .clearExceptions, .storeStatusWord, .storeStatusWordAX, .storeControlWord,
             .storeEnvironment, .saveState, .ignored: false
        default: true
        }
    }

    /// Whether the form is a control instruction, which leaves the last instruction and data pointers and opcode alone.
    public var isControl: Bool {
        switch self {
        case .initialize, .clearExceptions, .storeStatusWord, .storeStatusWordAX, .storeControlWord, .loadControlWord,
             .storeEnvironment, .loadEnvironment, .saveState, .restoreState, .ignored: true
        default: false
        }
    }

    /// Whether C2 reports an incomplete or out-of-range operation (and a stack fault clears it).
    public var reportsIncomplete: Bool {
        self == .trigonometric || self == .partialRemainder || self == .trigonometricPush
    }

    /// The condition code (the Jcc numbering) of an FCMOVcc form.
    public var moveCondition: UInt8 {
        switch self {
        case .moveIfBelow: 0x2
        case .moveIfNotBelow: 0x3
        case .moveIfEqual: 0x4
        case .moveIfNotEqual: 0x5
        case .moveIfBelowOrEqual: 0x6
        case .moveIfNotBelowOrEqual: 0x7
        case .moveIfUnordered: 0xA
        default: 0xB
        }
    }
}
