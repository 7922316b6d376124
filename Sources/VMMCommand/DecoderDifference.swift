import X86

/// A deliberate difference between the decoder (which follows the Intel SDM) and GNU objdump,
/// each written up under the same heading in DECODER-DIFFERENCES.md.
enum DecoderDifference: String, CaseIterable, Comparable {
    case vectorExtensions = "VEX and EVEX encodings: #UD without AVX and AVX-512"
    case lockPrefix = "LOCK where the processor raises #UD"
    case prefixesBeforeIgnoredREX = "prefixes before a REX prefix that another prefix follows still apply"
    case wait = "WAIT (9B) is an instruction of its own"
    case only64BitInstructions = "SYSCALL, SYSRET, SWAPGS and RD/WR FS/GS BASE outside 64-bit mode"
    case notIntel = "AMD, VIA and 386/486 encodings that Intel processors do not have"
    case trustDomainExtensions = "TDX instructions (66 0F 01 CC-CF) are outside the SDM"
    case noPrefixForms = "66, F2 or F3 (and LOCK) before a form the SDM marks NP"
    case ignoredPrefix = "66 or F2 before WBINVD, F2 before BSF and BSR are ignored"
    case memoryProtectionExtensions = "0F 1A and 0F 1B are reserved NOPs (no MPX)"
    case virtualMachineExtensions = "VMREAD and VMWRITE (0F 78, 0F 79): #UD, the processor has no VMX"
    case unimplementedExtensions = "0F 38 and 0F 3A forms of extensions swiftvmm's processor lacks (AES, SHA, GFNI, ADX, CET, Key Locker, RAO-INT, direct stores, INVEPT/INVVPID/INVPCID): #UD"
    case salc = "D6 is SALC outside 64-bit mode"
    /// Only when objdump reads 64-bit code by its AMD64 rules (without `-M intel64`).
    case amd64NearBranches = "66 before CALL, JMP and Jcc rel32 in 64-bit mode: Intel ignores it, AMD reads rel16"

    static func < (left: DecoderDifference, right: DecoderDifference) -> Bool {
        allCases.firstIndex(of: left)! < allCases.firstIndex(of: right)!
    }

    /// The documented difference that accounts for `mismatch`, if any.
    static func explaining(_ mismatch: ObjdumpComparison.Mismatch, mode: DecodeMode, amd64: Bool) -> DecoderDifference? {
        allCases.first { $0.explains(mismatch, mode: mode, amd64: amd64) }
    }

    /// 0F 38 and 0F 3A opcodes that only extensions swiftvmm's processor lacks (and does not
    /// advertise) give meanings: SHA (C8–CD, 3A CC), GFNI (CF, 3A CE–CF), AES (DB–DF, 3A DF), Key
    /// Locker (D8–DF, FA–FB), CET shadow-stack writes (F5–F6), ADX (F6), RAO-INT (FC), MOVDIRI and
    /// MOVDIR64B (F8–F9), INVEPT, INVVPID and INVPCID (80–82).
    private static let unimplementedExtensionOpcodes: Set<String> = Set(
        ([0x80, 0x81, 0x82] + Array(0xC8...0xCF) + Array(0xD8...0xDF) + [0xF5, 0xF6, 0xF8, 0xF9, 0xFA, 0xFB, 0xFC])
            .map { "0F 38 " + HexBytes.text(UInt8($0)).uppercased() }
            + ["0F 3A CC", "0F 3A CE", "0F 3A CF", "0F 3A DF"])

    private static let notIntelOpcodes: Set<String> = Set(
        ["0F 0E", "0F 0F", "0F 24", "0F 26", "0F A6", "0F A7", "DB /4 reg"]
            + (0xD8...0xDF).map { "0F 01 " + HexBytes.text(UInt8($0)).uppercased() }
            + (0xFA...0xFF).map { "0F 01 " + HexBytes.text(UInt8($0)).uppercased() })

    private func explains(_ mismatch: ObjdumpComparison.Mismatch, mode: DecodeMode, amd64: Bool) -> Bool {
        let location = mismatch.location
        let opcode = location.opcode
        let decoderRejects = mismatch.decoderLength == nil && mismatch.objdump.valid
        let objdumpRejects = mismatch.decoderLength != nil && !mismatch.objdump.valid
        switch self {
        case .vectorExtensions:
            return location.category == .vectorEscape && mismatch.decoderLength == nil
        case .lockPrefix:
            return decoderRejects && Self.agreesWithoutLock(mismatch.bytes[...], objdumpLength: mismatch.objdump.length, mode: mode)
        case .prefixesBeforeIgnoredREX:
            return Self.agreesAfterIgnoredREX(mismatch, mode: mode)
        case .wait:
            return Self.isWait(mismatch, mode: mode)
        case .only64BitInstructions:
            let fsgsBase = location.selector == 0xF3 && (0xC0...0xDF).contains { opcode == "0F AE " + HexBytes.text(UInt8($0)).uppercased() }
            return mode != .bits64 && decoderRejects && (["0F 05", "0F 07", "0F 01 F8"].contains(opcode) || fsgsBase)
        case .notIntel:
            let xop = opcode.hasPrefix("8F /") && !opcode.hasPrefix("8F /0")
            // SSE4a: EXTRQ and INSERTQ (66 or F2 0F 78, 0F 79), MOVNTSS and MOVNTSD (F3 or F2 0F 2B).
            let sse4a = (location.selector == 0x66 || location.selector == 0xF2) && (opcode == "0F 78" || opcode == "0F 79")
                || (location.selector == 0xF2 || location.selector == 0xF3) && opcode == "0F 2B"
            return decoderRejects && (Self.notIntelOpcodes.contains(opcode) || xop || sse4a)
        case .trustDomainExtensions:
            return decoderRejects && location.selector == 0x66 && ["0F 01 CC", "0F 01 CD", "0F 01 CE", "0F 01 CF"].contains(opcode)
        case .noPrefixForms:
            return decoderRejects && (location.category == .twoByte || location.category == .sse)
                && Self.agreesWithout([0x66, 0xF2, 0xF3, 0xF0], mismatch.bytes[...], objdumpLength: mismatch.objdump.length, mode: mode)
        case .ignoredPrefix:
            let ignored = [(0x66, "0F 09"), (0xF2, "0F 09"), (0xF2, "0F BC"), (0xF2, "0F BD")]
            return objdumpRejects && ignored.contains { location.selector == UInt8($0.0) && opcode == $0.1 }
        case .memoryProtectionExtensions:
            return objdumpRejects && (opcode == "0F 1A" || opcode == "0F 1B")
        case .virtualMachineExtensions:
            return decoderRejects && location.selector == nil && (opcode == "0F 78" || opcode == "0F 79")
        case .unimplementedExtensions:
            return decoderRejects && Self.unimplementedExtensionOpcodes.contains(opcode)
        case .salc:
            return objdumpRejects && mode != .bits64 && opcode == "D6"
        case .amd64NearBranches:
            let branch = ["E8", "E9"].contains(opcode) || (0x80...0x8F).contains { opcode == "0F " + HexBytes.text(UInt8($0)).uppercased() }
            let bytes = mismatch.bytes[...]
            guard amd64, mode == .bits64, branch, mismatch.objdump.valid,
                  let start = OpcodeLocation.opcodeOffset(bytes, mode: mode), bytes[..<start].contains(0x66) else { return false }
            let intelLength = mismatch.objdump.length + 2
            return mismatch.decoderLength == intelLength || Self.agreesWithoutLock(bytes, objdumpLength: intelLength, mode: mode)
        }
    }

    /// Whether the bytes without their LOCK prefixes decode to objdump's length less those prefixes.
    private static func agreesWithoutLock(_ bytes: ArraySlice<UInt8>, objdumpLength: Int, mode: DecodeMode) -> Bool {
        agreesWithout([0xF0], bytes, objdumpLength: objdumpLength, mode: mode)
    }

    /// Whether the bytes without the prefixes in `removed` decode to objdump's length less those prefixes.
    private static func agreesWithout(_ removed: Set<UInt8>, _ bytes: ArraySlice<UInt8>, objdumpLength: Int, mode: DecodeMode) -> Bool {
        guard let opcode = OpcodeLocation.opcodeOffset(bytes, mode: mode) else { return false }
        let kept = bytes[..<opcode].filter { !removed.contains($0) }
        let count = opcode - bytes.startIndex - kept.count
        guard count > 0 else { return false }
        return ObjdumpComparison.decodedLength(kept + bytes[opcode...], mode: mode) == objdumpLength - count
    }

    /// objdump drops every prefix before a REX prefix that another prefix follows; the processor
    /// ignores only that REX prefix. Whether objdump's reading is the decoder's reading of the
    /// bytes after that REX prefix.
    private static func agreesAfterIgnoredREX(_ mismatch: ObjdumpComparison.Mismatch, mode: DecodeMode) -> Bool {
        let bytes = mismatch.bytes
        guard mode == .bits64, let opcode = OpcodeLocation.opcodeOffset(bytes[...], mode: mode),
              let ignored = (0..<max(0, opcode - 1)).last(where: { bytes[$0] & 0xF0 == 0x40 }) else { return false }
        let rest = bytes[(ignored + 1)...]
        let length = mismatch.objdump.length - (ignored + 1)
        let decoded = ObjdumpComparison.decodedLength(Array(rest), mode: mode)
        if decoded == (mismatch.objdump.valid ? length : nil) { return true }
        return mismatch.objdump.valid && agreesWithoutLock(rest, objdumpLength: length, mode: mode)
    }

    /// objdump joins WAIT with what follows (FSTENV for 9B D9 /6, prefixes after it); to the
    /// processor WAIT is a one-byte instruction (and LOCK WAIT is #UD).
    private static func isWait(_ mismatch: ObjdumpComparison.Mismatch, mode: DecodeMode) -> Bool {
        let bytes = mismatch.bytes
        guard let opcode = OpcodeLocation.opcodeOffset(bytes[...], mode: mode), bytes[opcode] == 0x9B else { return false }
        return mismatch.decoderLength == opcode + 1 || (mismatch.decoderLength == nil && bytes[..<opcode].contains(0xF0))
    }
}
