import X86

/// Which instructions end a decoded block: everything that may transfer control, change how the
/// following bytes decode or translate, change privilege or interrupt state, or leave the engine.
/// The rest (plain computation and memory access) let execution fall through to the next slot.
extension InstructionHandler {
    var endsBlock: Bool {
        switch self {
        case .aluRMReg, .aluRegRM, .aluRMImm, .testRMReg, .testRMImm, .incRM, .decRM, .notRM, .negRM,
             .mulRM, .imulRM, .divRM, .idivRM, .imulRegRM, .imulRegRMImm,
             .shiftRMOne, .shiftRMCL, .shiftRMImm, .shldImm, .shldCL, .shrdImm, .shrdCL,
             .bitTestRMReg, .bitTestRMImm, .bsf, .bsr, .tzcnt, .lzcnt, .popcnt,
             .movRMReg, .movRegRM, .movRMImm, .movRMSeg, .movzxByte, .movzxWord, .movsxByte, .movsxWord, .movsxd,
             .lea, .xchgRMReg, .xaddRMReg, .cmpxchgRMReg, .cmpxchg8b, .bswap, .cmovcc, .setcc,
             .convertAccumulator, .convertAccumulatorToDX, .xlat, .lahf, .sahf, .movbeRegMem, .movbeMemReg,
             .pushRM, .popRM, .pushImm, .pushSeg, .pushFlags, .pushAll, .popAll, .enter, .leave,
             .clc, .stc, .cmc, .cld, .std, .movs, .cmps, .stos, .lods, .scas,
             .daa, .das, .aaa, .aas, .aam, .aad, .salc, .nop, .pause, .fence, .clflush, .fwait,
             .mmxInteger, .sseInteger, .mmxShiftImmediate, .sseShiftImmediate, .ssePackedSingle, .ssePackedDouble,
             .sseScalarSingle, .sseScalarDouble, .sseConvert, .simdMove, .ptest, .emms, .crc32, .stringCompare:
            false
        default:
            true
        }
    }
}
