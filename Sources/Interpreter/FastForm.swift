import X86

/// What the run loop dispatches on: each hot instruction specialized, when its block is decoded,
/// by operand size, by register or flat memory operand, or by condition, so that it runs without
/// the general operand code; `.general` for the rest, which `execute` dispatches by handler.
enum FastForm: UInt8 {
    /// Everything else: dispatched by handler through `execute`.
    case general
    case aluRMReg1, aluRMReg4, aluRMReg8
    case aluRegRM1, aluRegRM4, aluRegRM8
    case aluRMImm1, aluRMImm4, aluRMImm8
    case testRMReg1, testRMReg4, testRMReg8
    case testRMImm1, testRMImm4, testRMImm8
    case incDec4, incDec8
    case movRMReg1, movRMReg4, movRMReg8
    case movRegRM1, movRegRM4, movRegRM8
    case movRMImm1, movRMImm4, movRMImm8
    case movzxByte4, movzxWord4, movsxd8
    case lea4, lea8
    case shiftRMImm4, shiftRMImm8
    case imulRegRM4, imulRegRM8
    case cmovcc4, cmovcc8
    case setcc, jmpRel
    /// Register forms (ModRM mod 3) at 4 and 8 bytes: no memory operand and no high-byte registers.
    case aluRMRegRegister4, aluRMRegRegister8, aluRegRMRegister4, aluRegRMRegister8
    case aluRMImmRegister4, aluRMImmRegister8, testRMRegRegister4, testRMRegRegister8
    case incDecRegister4, incDecRegister8, movRMRegRegister4, movRMRegRegister8
    case movRegRMRegister4, movRegRMRegister8, movRMImmRegister4, movRMImmRegister8
    case shiftRMImmRegister4, shiftRMImmRegister8
    /// Byte-register forms (AH…BH without REX included).
    case aluRMRegRegister1, aluRegRMRegister1, aluRMImmRegister1
    /// Jcc, one form per condition (in condition-code order).
    case jo, jno, jb, jae, je, jne, jbe, ja, js, jns, jp, jnp, jl, jge, jle, jg
    case callRel8, retNear8, push8, pop8
    /// Memory forms of 64-bit code whose operand lies in a segment based at 0 (not FS or GS) with
    /// 64-bit addressing: the address is the effective address, with no segment or size checks.
    case movRegRMFlat1, movRegRMFlat4, movRegRMFlat8, movzxByteFlat4, movzxWordFlat4
    case movRMRegFlat1, movRMRegFlat4, movRMRegFlat8, movRMImmFlat1, movRMImmFlat4, movRMImmFlat8
    case aluRegRMFlat4, aluRegRMFlat8, aluRMImmFlat1, aluRMImmFlat4, aluRMImmFlat8
    case aluRMRegFlat1, aluRMRegFlat4, aluRMRegFlat8

    /// The form of `instruction` in code of `mode`, or `.general`.
    init(_ instruction: DecodedInstruction, mode: DecodeMode) {
        if instruction.modrmMod == 3, let form = Self.registerForm(instruction) {
            self = form
            return
        }
        if mode == .bits64 && instruction.hasMemoryOperand && instruction.addressSize == 8
            && instruction.memorySegment < SegmentName.fs.rawValue, let form = Self.flatMemoryForm(instruction) {
            self = form
            return
        }
        self = switch (instruction.handler, instruction.operandSize) {
        case (.aluRMReg, 1): .aluRMReg1
        case (.aluRMReg, 4): .aluRMReg4
        case (.aluRMReg, 8): .aluRMReg8
        case (.aluRegRM, 1): .aluRegRM1
        case (.aluRegRM, 4): .aluRegRM4
        case (.aluRegRM, 8): .aluRegRM8
        case (.aluRMImm, 1): .aluRMImm1
        case (.aluRMImm, 4): .aluRMImm4
        case (.aluRMImm, 8): .aluRMImm8
        case (.testRMReg, 1): .testRMReg1
        case (.testRMReg, 4): .testRMReg4
        case (.testRMReg, 8): .testRMReg8
        case (.testRMImm, 1): .testRMImm1
        case (.testRMImm, 4): .testRMImm4
        case (.testRMImm, 8): .testRMImm8
        case (.incRM, 4), (.decRM, 4): .incDec4
        case (.incRM, 8), (.decRM, 8): .incDec8
        case (.movRMReg, 1): .movRMReg1
        case (.movRMReg, 4): .movRMReg4
        case (.movRMReg, 8): .movRMReg8
        case (.movRegRM, 1): .movRegRM1
        case (.movRegRM, 4): .movRegRM4
        case (.movRegRM, 8): .movRegRM8
        case (.movRMImm, 1): .movRMImm1
        case (.movRMImm, 4): .movRMImm4
        case (.movRMImm, 8): .movRMImm8
        case (.movzxByte, 4): .movzxByte4
        case (.movzxWord, 4): .movzxWord4
        case (.movsxd, 8): .movsxd8
        case (.lea, 4): .lea4
        case (.lea, 8): .lea8
        case (.shiftRMImm, 4): .shiftRMImm4
        case (.shiftRMImm, 8): .shiftRMImm8
        case (.imulRegRM, 4), (.imulRegRMImm, 4): .imulRegRM4
        case (.imulRegRM, 8), (.imulRegRMImm, 8): .imulRegRM8
        case (.cmovcc, 4): .cmovcc4
        case (.cmovcc, 8): .cmovcc8
        case (.setcc, _): .setcc
        case (.jcc, _): FastForm(rawValue: FastForm.jo.rawValue + instruction.extra & 15).unsafelyUnwrapped
        case (.jmpRel, _): .jmpRel
        case (.callRel, 8): .callRel8
        case (.retNear, 8): .retNear8
        case (.pushRM, 8): .push8
        case (.popRM, 8): .pop8
        default: .general
        }
    }

    /// The register form of an instruction whose ModRM names a register, if it has one.
    private static func registerForm(_ instruction: DecodedInstruction) -> FastForm? {
        switch (instruction.handler, instruction.operandSize) {
        case (.aluRMReg, 4): .aluRMRegRegister4
        case (.aluRMReg, 8): .aluRMRegRegister8
        case (.aluRegRM, 4): .aluRegRMRegister4
        case (.aluRegRM, 8): .aluRegRMRegister8
        case (.aluRMImm, 4): .aluRMImmRegister4
        case (.aluRMImm, 8): .aluRMImmRegister8
        case (.testRMReg, 4): .testRMRegRegister4
        case (.testRMReg, 8): .testRMRegRegister8
        case (.incRM, 4), (.decRM, 4): .incDecRegister4
        case (.incRM, 8), (.decRM, 8): .incDecRegister8
        case (.movRMReg, 4): .movRMRegRegister4
        case (.movRMReg, 8): .movRMRegRegister8
        case (.movRegRM, 4): .movRegRMRegister4
        case (.movRegRM, 8): .movRegRMRegister8
        case (.movRMImm, 4): .movRMImmRegister4
        case (.movRMImm, 8): .movRMImmRegister8
        case (.shiftRMImm, 4): .shiftRMImmRegister4
        case (.shiftRMImm, 8): .shiftRMImmRegister8
        case (.aluRMReg, 1): .aluRMRegRegister1
        case (.aluRegRM, 1): .aluRegRMRegister1
        case (.aluRMImm, 1): .aluRMImmRegister1
        default: nil
        }
    }

    /// The flat memory form of a 64-bit instruction, if it has one.
    private static func flatMemoryForm(_ instruction: DecodedInstruction) -> FastForm? {
        switch (instruction.handler, instruction.operandSize) {
        case (.movRegRM, 1): .movRegRMFlat1
        case (.movRegRM, 4): .movRegRMFlat4
        case (.movRegRM, 8): .movRegRMFlat8
        case (.movzxByte, 4): .movzxByteFlat4
        case (.movzxWord, 4): .movzxWordFlat4
        case (.movRMReg, 1): .movRMRegFlat1
        case (.movRMReg, 4): .movRMRegFlat4
        case (.movRMReg, 8): .movRMRegFlat8
        case (.movRMImm, 1): .movRMImmFlat1
        case (.movRMImm, 4): .movRMImmFlat4
        case (.movRMImm, 8): .movRMImmFlat8
        case (.aluRegRM, 4): .aluRegRMFlat4
        case (.aluRegRM, 8): .aluRegRMFlat8
        case (.aluRMImm, 1): .aluRMImmFlat1
        case (.aluRMImm, 4): .aluRMImmFlat4
        case (.aluRMImm, 8): .aluRMImmFlat8
        case (.aluRMReg, 1): .aluRMRegFlat1
        case (.aluRMReg, 4): .aluRMRegFlat4
        case (.aluRMReg, 8): .aluRMRegFlat8
        default: nil
        }
    }
}
