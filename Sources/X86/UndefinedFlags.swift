/// The status flags an instruction leaves architecturally undefined (SDM, "Flags Affected"):
/// comparisons with real processors mask them.
public enum UndefinedFlags {
    private static let overflow: UInt64 = RFlags.overflow
    private static let sign: UInt64 = RFlags.sign
    private static let zero: UInt64 = RFlags.zero
    private static let auxiliary: UInt64 = RFlags.auxiliaryCarry
    private static let parity: UInt64 = RFlags.parity
    private static let carry: UInt64 = RFlags.carry

    /// The undefined flags of `instruction`; `count` is the shift or rotate count before masking.
    public static func mask(for instruction: DecodedInstruction, count: UInt64) -> UInt64 {
        switch instruction.handler {
        case .aluRMReg, .aluRegRM, .aluRMImm:
            let operation = ALUOperation(encoding: instruction.extra)
            return operation == .and || operation == .or || operation == .xor ? auxiliary : 0
        case .testRMReg, .testRMImm: return auxiliary
        case .mulRM, .imulRM, .imulRegRM, .imulRegRMImm: return sign | zero | auxiliary | parity
        case .divRM, .idivRM: return RFlags.status
        case .shiftRMOne, .shiftRMCL, .shiftRMImm:
            return shiftMask(kind: ShiftKind(encoding: instruction.extra), size: Int(instruction.operandSize), count: count)
        case .shldImm, .shldCL, .shrdImm, .shrdCL:
            let bits = UInt64(instruction.operandSize) * 8
            let masked = count & (instruction.operandSize == 8 ? 0x3F : 0x1F)
            if masked == 0 { return 0 }
            if masked > bits { return RFlags.status }
            return auxiliary | (masked > 1 ? overflow : 0)
        case .bitTestRMReg, .bitTestRMImm: return overflow | sign | auxiliary | parity
        case .bsf, .bsr: return carry | overflow | sign | auxiliary | parity
        case .tzcnt, .lzcnt: return overflow | sign | auxiliary | parity
        case .aaa, .aas: return overflow | sign | zero | parity
        case .daa, .das: return overflow
        case .aam, .aad: return overflow | auxiliary | carry
        default: return 0
        }
    }

    private static func shiftMask(kind: ShiftKind, size: Int, count: UInt64) -> UInt64 {
        let masked = count & (size == 8 ? 0x3F : 0x1F)
        if masked == 0 { return 0 }
        switch kind {
        case .rol, .ror, .rcl, .rcr:
            return masked == 1 ? 0 : overflow
        case .shl, .sal, .shr, .sar:
            var undefined = auxiliary
            if masked > 1 { undefined |= overflow }
            if masked >= UInt64(size * 8) && kind != .sar { undefined |= carry }
            return undefined
        }
    }
}
