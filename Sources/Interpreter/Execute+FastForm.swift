import X86

/// The dispatch of the hot forms: each case is a handler inlined at a constant operand size.
extension InterpreterCore {
    @inline(always)
    mutating func execute(_ form: FastForm, _ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        switch form {
        case .general: try execute(instruction.pointee)
        case .aluRMReg1: try fastAluRMReg1(instruction)
        case .aluRMReg4: try fastAluRMReg4(instruction)
        case .aluRMReg8: try fastAluRMReg8(instruction)
        case .aluRegRM1: try fastAluRegRM1(instruction)
        case .aluRegRM4: try fastAluRegRM4(instruction)
        case .aluRegRM8: try fastAluRegRM8(instruction)
        case .aluRMImm1: try fastAluRMImm1(instruction)
        case .aluRMImm4: try fastAluRMImm4(instruction)
        case .aluRMImm8: try fastAluRMImm8(instruction)
        case .testRMReg1: try fastTestRMReg1(instruction)
        case .testRMReg4: try fastTestRMReg4(instruction)
        case .testRMReg8: try fastTestRMReg8(instruction)
        case .testRMImm1: try fastTestRMImm1(instruction)
        case .testRMImm4: try fastTestRMImm4(instruction)
        case .testRMImm8: try fastTestRMImm8(instruction)
        case .incDec4: try fastIncDec4(instruction)
        case .incDec8: try fastIncDec8(instruction)
        case .movRMReg1: try fastMovRMReg1(instruction)
        case .movRMReg4: try fastMovRMReg4(instruction)
        case .movRMReg8: try fastMovRMReg8(instruction)
        case .movRegRM1: try fastMovRegRM1(instruction)
        case .movRegRM4: try fastMovRegRM4(instruction)
        case .movRegRM8: try fastMovRegRM8(instruction)
        case .movRMImm1: try fastMovRMImm1(instruction)
        case .movRMImm4: try fastMovRMImm4(instruction)
        case .movRMImm8: try fastMovRMImm8(instruction)
        case .movzxByte4: try fastMovzxByte4(instruction)
        case .movzxWord4: try fastMovzxWord4(instruction)
        case .movsxd8: try fastMovsxd8(instruction)
        case .lea4: try fastLea4(instruction)
        case .lea8: try fastLea8(instruction)
        case .shiftRMImm4: try fastShiftRMImm4(instruction)
        case .shiftRMImm8: try fastShiftRMImm8(instruction)
        case .imulRegRM4: try fastImulRegRM4(instruction)
        case .imulRegRM8: try fastImulRegRM8(instruction)
        case .cmovcc4: try fastCmovcc4(instruction)
        case .cmovcc8: try fastCmovcc8(instruction)
        case .setcc: try fastSetcc(instruction)
        case .jcc: try fastJcc(instruction)
        case .jmpRel: try fastJmpRel(instruction)
        case .callRel8: try fastCallRel8(instruction)
        case .retNear8: try fastRetNear8(instruction)
        case .push8: try fastPush8(instruction)
        case .pop8: try fastPop8(instruction)
        }
    }

    @inline(never)
    mutating func fastAluRMReg1(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        try aluRMReg(i, size: 1)
    }

    @inline(never)
    mutating func fastAluRMReg4(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        try aluRMReg(i, size: 4)
    }

    @inline(never)
    mutating func fastAluRMReg8(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        try aluRMReg(i, size: 8)
    }

    @inline(never)
    mutating func fastAluRegRM1(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        try aluRegRM(i, size: 1)
    }

    @inline(never)
    mutating func fastAluRegRM4(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        try aluRegRM(i, size: 4)
    }

    @inline(never)
    mutating func fastAluRegRM8(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        try aluRegRM(i, size: 8)
    }

    @inline(never)
    mutating func fastAluRMImm1(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        try aluRMImm(i, size: 1)
    }

    @inline(never)
    mutating func fastAluRMImm4(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        try aluRMImm(i, size: 4)
    }

    @inline(never)
    mutating func fastAluRMImm8(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        try aluRMImm(i, size: 8)
    }

    @inline(never)
    mutating func fastTestRMReg1(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        try testRMReg(i, size: 1)
    }

    @inline(never)
    mutating func fastTestRMReg4(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        try testRMReg(i, size: 4)
    }

    @inline(never)
    mutating func fastTestRMReg8(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        try testRMReg(i, size: 8)
    }

    @inline(never)
    mutating func fastTestRMImm1(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        try testRMImm(i, size: 1)
    }

    @inline(never)
    mutating func fastTestRMImm4(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        try testRMImm(i, size: 4)
    }

    @inline(never)
    mutating func fastTestRMImm8(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        try testRMImm(i, size: 8)
    }

    @inline(never)
    mutating func fastIncDec4(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        try incrementOrDecrement(i, size: 4)
    }

    @inline(never)
    mutating func fastIncDec8(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        try incrementOrDecrement(i, size: 8)
    }

    @inline(never)
    mutating func fastMovRMReg1(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        try setRMOperand(i, size: 1, regOperand(i, size: 1))
    }

    @inline(never)
    mutating func fastMovRMReg4(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        try setRMOperand(i, size: 4, regOperand(i, size: 4))
    }

    @inline(never)
    mutating func fastMovRMReg8(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        try setRMOperand(i, size: 8, regOperand(i, size: 8))
    }

    @inline(never)
    mutating func fastMovRegRM1(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        setRegOperand(i, size: 1, try rmOperand(i, size: 1))
    }

    @inline(never)
    mutating func fastMovRegRM4(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        setRegOperand(i, size: 4, try rmOperand(i, size: 4))
    }

    @inline(never)
    mutating func fastMovRegRM8(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        setRegOperand(i, size: 8, try rmOperand(i, size: 8))
    }

    @inline(never)
    mutating func fastMovRMImm1(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        try setRMOperand(i, size: 1, i.immediate)
    }

    @inline(never)
    mutating func fastMovRMImm4(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        try setRMOperand(i, size: 4, i.immediate)
    }

    @inline(never)
    mutating func fastMovRMImm8(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        try setRMOperand(i, size: 8, i.immediate)
    }

    @inline(never)
    mutating func fastMovzxByte4(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        setRegOperand(i, size: 4, try rmOperand(i, size: 1))
    }

    @inline(never)
    mutating func fastMovzxWord4(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        setRegOperand(i, size: 4, try rmOperand(i, size: 2))
    }

    @inline(never)
    mutating func fastMovsxd8(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        setRegOperand(i, size: 8, Self.signExtend(try rmOperand(i, size: 4), from: 4))
    }

    @inline(never)
    mutating func fastLea4(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        setRegOperand(i, size: 4, effectiveAddress(i))
    }

    @inline(never)
    mutating func fastLea8(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        setRegOperand(i, size: 8, effectiveAddress(i))
    }

    @inline(never)
    mutating func fastShiftRMImm4(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        try shift(i, size: 4)
    }

    @inline(never)
    mutating func fastShiftRMImm8(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        try shift(i, size: 8)
    }

    @inline(never)
    mutating func fastImulRegRM4(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        try multiplyToRegister(i, size: 4)
    }

    @inline(never)
    mutating func fastImulRegRM8(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        try multiplyToRegister(i, size: 8)
    }

    @inline(never)
    mutating func fastCmovcc4(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        try conditionalMove(i, size: 4)
    }

    @inline(never)
    mutating func fastCmovcc8(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        try conditionalMove(i, size: 8)
    }

    @inline(never)
    mutating func fastSetcc(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        try setRMOperand(i, size: 1, flags.condition(i.extra) ? 1 : 0)
    }

    @inline(never)
    mutating func fastJcc(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        if flags.condition(i.extra) { jumpRelative(i, size: Int(i.operandSize)) }
    }

    @inline(never)
    mutating func fastJmpRel(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        jumpRelative(i, size: Int(i.operandSize))
    }

    @inline(never)
    mutating func fastCallRel8(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        try callRelative(i, size: 8)
    }

    @inline(never)
    mutating func fastRetNear8(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        try returnNear(i, size: 8)
    }

    @inline(never)
    mutating func fastPush8(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        try pushRM(i, size: 8)
    }

    @inline(never)
    mutating func fastPop8(_ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        let i = instruction.pointee
        try popToRM(i, size: 8)
    }
}
