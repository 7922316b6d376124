import X86

/// The x87 escape opcodes D8–DF: the #NM and #MF checks every form makes, the dispatch by stack
/// behaviour, and the last instruction and data pointers and opcode.
extension InterpreterCore {
    /// Executes one x87 form: #NM, then a pending #MF for waiting forms, then the form.
    @inline(never)
    mutating func executeX87(_ instruction: DecodedInstruction) throws(Interruption) {
        if state.cr0 & (CR0.emulation | CR0.taskSwitched) != 0 { throw .deviceNotAvailable }
        guard model != .i8086, let operation = X87Operation(rawValue: instruction.extra) else { throw .invalidOpcode }
        if operation.waits { try x87ReportPendingError() }
        switch operation {
        case .arithmeticMemory: try x87ArithmeticMemory(instruction)
        case .arithmeticToST0: try x87Arithmetic(instruction, toSTi: false, pop: false)
        case .arithmeticToSTi: try x87Arithmetic(instruction, toSTi: true, pop: false)
        case .arithmeticToSTiPop: try x87Arithmetic(instruction, toSTi: true, pop: true)
        case .compareMemory: try x87CompareMemory(instruction, pop: false)
        case .compareMemoryPop: try x87CompareMemory(instruction, pop: true)
        case .compare: try x87Compare(instruction, pops: 0)
        case .comparePop: try x87Compare(instruction, pops: 1)
        case .comparePopTwice: try x87Compare(instruction, pops: 2)
        case .compareFlags: try x87CompareFlags(instruction, pop: false)
        case .compareFlagsPop: try x87CompareFlags(instruction, pop: true)
        case .test: try x87Test(instruction)
        case .examine: try x87Examine(instruction)
        case .unary, .trigonometric:
            try x87ReplaceST0(instruction, operands: 1, reportsIncomplete: operation.reportsIncomplete)
        case .binaryToST0, .partialRemainder:
            try x87ReplaceST0(instruction, operands: 2, reportsIncomplete: operation.reportsIncomplete)
        case .binaryPop: try x87BinaryPop(instruction)
        case .unaryPush, .trigonometricPush: try x87UnaryPush(instruction, reportsIncomplete: operation.reportsIncomplete)
        case .changeSign: x87ChangeSign(clear: false)
        case .absolute: x87ChangeSign(clear: true)
        case .loadMemory: try x87LoadMemory(instruction)
        case .loadExtended: try x87LoadExtended(instruction)
        case .loadRegister: x87LoadRegister(Int(instruction.rm & 7))
        case .loadConstant: try x87LoadConstant(instruction)
        case .storeMemory: try x87StoreMemory(instruction, pop: false)
        case .storeMemoryPop: try x87StoreMemory(instruction, pop: true)
        case .storeExtendedPop: try x87StoreExtended(instruction)
        case .storeRegister: x87StoreRegister(Int(instruction.rm & 7), pop: false)
        case .storeRegisterPop: x87StoreRegister(Int(instruction.rm & 7), pop: true)
        case .exchange: x87Exchange(Int(instruction.rm & 7))
        case .moveIfBelow, .moveIfEqual, .moveIfBelowOrEqual, .moveIfUnordered,
             .moveIfNotBelow, .moveIfNotEqual, .moveIfNotBelowOrEqual, .moveIfNotUnordered:
            x87ConditionalMove(Int(instruction.rm & 7), condition: operation.moveCondition)
        case .free, .freePop: x87Free(Int(instruction.rm & 7), pop: operation == .freePop)
        case .incrementTop: x87MoveTop(by: 1)
        case .decrementTop: x87MoveTop(by: -1)
        case .noOperation, .ignored: break
        case .initialize: x87Initialize()
        case .clearExceptions: state.fpu.statusWord &= X87Flags.conditionCodes | X87Flags.top
        case .storeStatusWord: try x87Write(instruction, at: 0, size: 2, UInt64(state.fpu.statusWord))
        case .storeStatusWordAX: setRegister(0, size: 2, highByte: false, UInt64(state.fpu.statusWord))
        case .storeControlWord: try x87Write(instruction, at: 0, size: 2, UInt64(state.fpu.controlWord))
        case .loadControlWord: x87SetControlWord(UInt16(truncatingIfNeeded: try x87Read(instruction, at: 0, size: 2)))
        case .storeEnvironment: try x87StoreEnvironment(instruction)
        case .loadEnvironment: try x87LoadEnvironment(instruction, withRegisters: false)
        case .saveState: try x87SaveState(instruction)
        case .restoreState: try x87LoadEnvironment(instruction, withRegisters: true)
        }
        if !operation.isControl { x87RecordPointers(instruction) }
    }

    /// FWAIT: #NM when CR0.TS and CR0.MP are both set, then any pending unmasked exception.
    @inline(never)
    mutating func x87Wait() throws(Interruption) {
        let monitored = CR0.taskSwitched | CR0.monitorCoprocessor
        if state.cr0 & monitored == monitored { throw .deviceNotAvailable }
        try x87ReportPendingError()
    }

    /// Raises #MF for a pending unmasked exception (ES set) when CR0.NE selects native reporting.
    /// With CR0.NE clear a PC would signal FERR# to the interrupt controller; swiftvmm wires no FERR#,
    /// so the error stays pending in the status word as though it were masked.
    func x87ReportPendingError() throws(Interruption) {
        if state.fpu.statusWord & X87Flags.errorSummary != 0 && state.cr0 & CR0.numericError != 0 {
            throw .floatingPointError
        }
    }

    /// FIP, FDP and FOP after a non-control form: offsets, or linear addresses in real and virtual-8086 mode.
    mutating func x87RecordPointers(_ instruction: DecodedInstruction) {
        let modrm = instruction.modrmMod << 6 | (instruction.reg & 7) << 3 | instruction.rm & 7
        state.fpu.lastOpcode = UInt16(instruction.opcode & 7) << 8 | UInt16(modrm)
        let linear = isRealAddressing
        let codeBase = linear ? state.segments[SegmentName.cs.rawValue].base : 0
        state.fpu.lastInstructionPointer = codeBase &+ instructionStart
        if instruction.hasMemoryOperand {
            let segment = instruction.memorySegment
            let dataBase = linear ? state.segments[segment].base : 0
            state.fpu.lastDataPointer = dataBase &+ effectiveAddress(instruction)
        }
    }
}

extension Interruption {
    /// #MF, the x87 floating-point error.
    static let floatingPointError = Interruption.exception(vector: 16, errorCode: nil)
}
