import X86

/// The dispatch on fast forms. Register, flat-memory and Jcc forms run inline; each of the others
/// calls a small function of its own that inlines its handler at a constant operand size. Inlining
/// every handler into the run loop makes it too big to optimize, and one outlined function with a
/// second switch over the forms measured half as fast (bench/host-cost.sh: 110 host instructions
/// per guest instruction instead of 65).
extension InterpreterCore {
    @inline(always)
    mutating func execute(_ form: FastForm, _ instruction: UnsafePointer<DecodedInstruction>) throws(Interruption) {
        switch form {
        case .general:
            let next = state.rip
            try execute(instruction.pointee)
            // Fast forms move RIP only as the last instruction of a block; the general ones may
            // move it anywhere (a REP iteration restarts its instruction).
            if state.rip != next { blockInterrupted = true }
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
        case .jo: jumpRelative(if: 0, instruction)
        case .jno: jumpRelative(if: 1, instruction)
        case .jb: jumpRelative(if: 2, instruction)
        case .jae: jumpRelative(if: 3, instruction)
        case .je: jumpRelative(if: 4, instruction)
        case .jne: jumpRelative(if: 5, instruction)
        case .jbe: jumpRelative(if: 6, instruction)
        case .ja: jumpRelative(if: 7, instruction)
        case .js: jumpRelative(if: 8, instruction)
        case .jns: jumpRelative(if: 9, instruction)
        case .jp: jumpRelative(if: 10, instruction)
        case .jnp: jumpRelative(if: 11, instruction)
        case .jl: jumpRelative(if: 12, instruction)
        case .jge: jumpRelative(if: 13, instruction)
        case .jle: jumpRelative(if: 14, instruction)
        case .jg: jumpRelative(if: 15, instruction)
        case .aluRMRegRegister4: aluRegister(instruction.pointee.extra, destination: instruction.pointee.rm, source: gpr[Int(instruction.pointee.reg)], size: 4)
        case .aluRMRegRegister8: aluRegister(instruction.pointee.extra, destination: instruction.pointee.rm, source: gpr[Int(instruction.pointee.reg)], size: 8)
        case .aluRegRMRegister4: aluRegister(instruction.pointee.extra, destination: instruction.pointee.reg, source: gpr[Int(instruction.pointee.rm)], size: 4)
        case .aluRegRMRegister8: aluRegister(instruction.pointee.extra, destination: instruction.pointee.reg, source: gpr[Int(instruction.pointee.rm)], size: 8)
        case .aluRMImmRegister4: aluRegister(instruction.pointee.extra, destination: instruction.pointee.rm, source: instruction.pointee.immediate, size: 4)
        case .aluRMImmRegister8: aluRegister(instruction.pointee.extra, destination: instruction.pointee.rm, source: instruction.pointee.immediate, size: 8)
        case .testRMRegRegister4: _ = alu(ALUOperation.and.rawValue, gpr[Int(instruction.pointee.rm)] & 0xFFFF_FFFF, gpr[Int(instruction.pointee.reg)] & 0xFFFF_FFFF, size: 4)
        case .testRMRegRegister8: _ = alu(ALUOperation.and.rawValue, gpr[Int(instruction.pointee.rm)], gpr[Int(instruction.pointee.reg)], size: 8)
        case .incDecRegister4: incrementOrDecrementRegister(instruction, size: 4)
        case .incDecRegister8: incrementOrDecrementRegister(instruction, size: 8)
        case .movRMRegRegister4: gpr[Int(instruction.pointee.rm)] = gpr[Int(instruction.pointee.reg)] & 0xFFFF_FFFF
        case .movRMRegRegister8: gpr[Int(instruction.pointee.rm)] = gpr[Int(instruction.pointee.reg)]
        case .movRegRMRegister4: gpr[Int(instruction.pointee.reg)] = gpr[Int(instruction.pointee.rm)] & 0xFFFF_FFFF
        case .movRegRMRegister8: gpr[Int(instruction.pointee.reg)] = gpr[Int(instruction.pointee.rm)]
        case .movRMImmRegister4: gpr[Int(instruction.pointee.rm)] = instruction.pointee.immediate & 0xFFFF_FFFF
        case .movRMImmRegister8: gpr[Int(instruction.pointee.rm)] = instruction.pointee.immediate
        case .shiftRMImmRegister4: shiftRegister(instruction, size: 4)
        case .shiftRMImmRegister8: shiftRegister(instruction, size: 8)
        case .aluRMRegRegister1:
            aluByteRegister(instruction.pointee, destination: instruction.pointee.rm, source: regOperand(instruction.pointee, size: 1))
        case .aluRegRMRegister1:
            let source = register(instruction.pointee.rm, size: 1, highByte: instruction.pointee.isHighByte(instruction.pointee.rm))
            aluByteRegister(instruction.pointee, destination: instruction.pointee.reg, source: source)
        case .aluRMImmRegister1: aluByteRegister(instruction.pointee, destination: instruction.pointee.rm, source: instruction.pointee.immediate)
        case .movRegRMFlat1: setRegOperand(instruction.pointee, size: 1, try flatOperand(instruction, size: 1))
        case .movRegRMFlat4: gpr[Int(instruction.pointee.reg)] = try flatOperand(instruction, size: 4)
        case .movRegRMFlat8: gpr[Int(instruction.pointee.reg)] = try flatOperand(instruction, size: 8)
        case .movzxByteFlat4: gpr[Int(instruction.pointee.reg)] = try flatOperand(instruction, size: 1)
        case .movzxWordFlat4: gpr[Int(instruction.pointee.reg)] = try flatOperand(instruction, size: 2)
        case .movRMRegFlat1: try setFlatOperand(instruction, size: 1, regOperand(instruction.pointee, size: 1))
        case .movRMRegFlat4: try setFlatOperand(instruction, size: 4, gpr[Int(instruction.pointee.reg)])
        case .movRMRegFlat8: try setFlatOperand(instruction, size: 8, gpr[Int(instruction.pointee.reg)])
        case .movRMImmFlat1: try setFlatOperand(instruction, size: 1, instruction.pointee.immediate)
        case .movRMImmFlat4: try setFlatOperand(instruction, size: 4, instruction.pointee.immediate)
        case .movRMImmFlat8: try setFlatOperand(instruction, size: 8, instruction.pointee.immediate)
        case .aluRegRMFlat4: aluRegister(instruction.pointee.extra, destination: instruction.pointee.reg, source: try flatOperand(instruction, size: 4), size: 4)
        case .aluRegRMFlat8: aluRegister(instruction.pointee.extra, destination: instruction.pointee.reg, source: try flatOperand(instruction, size: 8), size: 8)
        case .aluRMImmFlat1: try aluFlat(instruction, size: 1, source: instruction.pointee.immediate)
        case .aluRMImmFlat4: try aluFlat(instruction, size: 4, source: instruction.pointee.immediate)
        case .aluRMImmFlat8: try aluFlat(instruction, size: 8, source: instruction.pointee.immediate)
        case .aluRMRegFlat1: try aluFlat(instruction, size: 1, source: regOperand(instruction.pointee, size: 1))
        case .aluRMRegFlat4: try aluFlat(instruction, size: 4, source: gpr[Int(instruction.pointee.reg)])
        case .aluRMRegFlat8: try aluFlat(instruction, size: 8, source: gpr[Int(instruction.pointee.reg)])
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

    @inline(always)
    mutating func incrementOrDecrementRegister(_ instruction: UnsafePointer<DecodedInstruction>, size: Int) {
        let register = Int(instruction.pointee.rm)
        gpr[register] = incrementOrDecrement(gpr[register] & Self.mask(size), increment: instruction.pointee.handler == .incRM, size: size)
    }

    /// Jcc with its condition code as a constant, so that only that condition's flags are computed.
    @inline(always)
    mutating func jumpRelative(if condition: UInt8, _ instruction: UnsafePointer<DecodedInstruction>) {
        if flags.condition(condition) { jumpRelative(instruction.pointee, size: Int(instruction.pointee.operandSize)) }
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
