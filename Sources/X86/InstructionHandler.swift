/// What executes an instruction form: the interpreter switches on this, the disassembler ignores it.
/// Forms that share semantics share a handler; the table entry's `extra` selects the variant
/// (ALU operation, condition code, shift kind, segment register).
public enum InstructionHandler: UInt16, Sendable {
    case invalid
    // Integer arithmetic and logic; `extra` is the ALU operation (add, or, adc, sbb, and, sub, xor, cmp).
    case aluRMReg, aluRegRM, aluRMImm
    case testRMReg, testRMImm
    case incRM, decRM, notRM, negRM
    case mulRM, imulRM, divRM, idivRM
    case imulRegRM, imulRegRMImm
    // Shifts and rotates; `extra` is the kind (rol, ror, rcl, rcr, shl, shr, sal, sar).
    case shiftRMOne, shiftRMCL, shiftRMImm
    case shldImm, shldCL, shrdImm, shrdCL
    // Bit operations; `extra` is 0 bt, 1 bts, 2 btr, 3 btc.
    case bitTestRMReg, bitTestRMImm
    case bsf, bsr, tzcnt, lzcnt, popcnt
    // Data movement.
    case movRMReg, movRegRM, movRMImm, movRMSeg, movSegRM
    case movzxByte, movzxWord, movsxByte, movsxWord, movsxd
    case lea, xchgRMReg, xaddRMReg, cmpxchgRMReg, cmpxchg8b, bswap
    case cmovcc, setcc
    case convertAccumulator, convertAccumulatorToDX
    case loadFarPointer
    case xlat, lahf, sahf
    case movbeRegMem, movbeMemReg
    // Stack.
    case pushRM, popRM, pushImm, pushSeg, popSeg, pushFlags, popFlags, pushAll, popAll, enter, leave
    // Control transfer; `extra` of jcc/setcc/cmovcc is the condition code.
    case jcc, jmpRel, jmpRM, jmpFarImm, jmpFarMem
    case callRel, callRM, callFarImm, callFarMem
    case retNear, retNearImm, retFar, retFarImm, iret
    case loop, loope, loopne, jcxz
    case int3, intImm, into, int1
    case bound
    // Flags.
    case clc, stc, cmc, cld, std, cli, sti
    // Strings; the REP prefix is in the decoded prefixes.
    case movs, cmps, stos, lods, scas, ins, outs
    // I/O.
    case inImm, inDX, outImm, outDX
    // BCD and ASCII adjust.
    case daa, das, aaa, aas, aam, aad, salc
    // System.
    case hlt, nop, pause, cpuid, rdtsc, rdtscp, rdmsr, wrmsr, rdpmc
    case movToCR, movFromCR, movToDR, movFromDR
    case lgdt, lidt, sgdt, sidt, lldt, ltr, sldt, str, lmsw, smsw, clts, invlpg, invd, wbinvd
    case lar, lsl, verr, verw, arpl
    case syscall, sysret, sysenter, sysexit, swapgs
    case ud, fwait, x87, xgetbv, monitor, mwait, fence, clflush
    case fxsave, fxrstor, ldmxcsr, stmxcsr
    case rdrand, rdseed
    // MMX and SSE; `extra` is a SIMDIntegerOperation, SIMDFloatOperation, SIMDConversion or SIMDMove.
    case mmxInteger, sseInteger, mmxShiftImmediate, sseShiftImmediate
    case ssePackedSingle, ssePackedDouble, sseScalarSingle, sseScalarDouble
    case sseConvert, simdMove, ptest, emms, crc32
    // SSE4.2 string comparisons; `extra` is 0 PCMPESTRM, 1 PCMPESTRI, 2 PCMPISTRM, 3 PCMPISTRI.
    case stringCompare
}

/// The eight ALU operations in opcode order.
public enum ALUOperation: UInt8, Sendable {
    case add, or, adc, sbb, and, sub, xor, cmp

    /// The operation that the low three bits of `bits` encode (an opcode's or a ModRM reg field's).
    @inlinable @inline(always)
    public init(encoding bits: UInt8) {
        switch bits & 7 {
        case 0: self = .add
        case 1: self = .or
        case 2: self = .adc
        case 3: self = .sbb
        case 4: self = .and
        case 5: self = .sub
        case 6: self = .xor
        default: self = .cmp
        }
    }
}

/// The eight shift and rotate kinds in ModRM reg order.
public enum ShiftKind: UInt8, Sendable {
    case rol, ror, rcl, rcr, shl, shr, sal, sar

    /// The kind that the low three bits of `bits` (a ModRM reg field) encode.
    @inlinable @inline(always)
    public init(encoding bits: UInt8) {
        switch bits & 7 {
        case 0: self = .rol
        case 1: self = .ror
        case 2: self = .rcl
        case 3: self = .rcr
        case 4: self = .shl
        case 5: self = .shr
        case 6: self = .sal
        default: self = .sar
        }
    }
}
