import X86

/// The properties every decode must have, whatever the bytes: a successful decode is 1 to 15
/// bytes long, repeatable, unchanged by bytes after its end and unchanged when cut to its length;
/// a truncated one asks for more bytes than it had (and at most 15); only 15 or more bytes are too long.
public enum DecoderInvariants {
    /// The decoder settings checked: each mode of a modern processor, and the 8086.
    static let settings: [(mode: DecodeMode, model: CPUModel)] = [
        (.bits16, .modern), (.bits32, .modern), (.bits64, .modern), (.bits16, .i8086),
    ]

    /// Checks `bytes` in every setting; returns what was violated, or nil. `trailing` is appended
    /// to test that bytes after an instruction do not change it.
    public static func violation(in bytes: [UInt8], trailing: [UInt8]) -> String? {
        for setting in settings {
            if let problem = violation(in: bytes, mode: setting.mode, model: setting.model, trailing: trailing) {
                return "\(setting.model == .i8086 ? "8086" : "\(setting.mode)"): \(problem)"
            }
        }
        return nil
    }

    /// Checks `bytes` in one setting.
    static func violation(in bytes: [UInt8], mode: DecodeMode, model: CPUModel, trailing: [UInt8]) -> String? {
        let first = decode(bytes, mode: mode, model: model)
        let second = decode(bytes, mode: mode, model: model)
        guard first == second else { return "two decodes differ: \(first) then \(second)" }
        switch first {
        case .success(let instruction):
            let length = Int(instruction.length)
            guard (1...Decoder.maximumLength).contains(length), length <= bytes.count else {
                return "decoded length \(length) from \(bytes.count) bytes"
            }
            let extended = decode(bytes + trailing, mode: mode, model: model)
            guard extended == first else { return "trailing bytes change the decode: \(extended)" }
            let cut = decode(Array(bytes.prefix(length)), mode: mode, model: model)
            guard cut == first else { return "the first \(length) bytes alone decode differently: \(cut)" }
        case .failure(.truncated(let needed)):
            guard needed > bytes.count, needed <= Decoder.maximumLength else {
                return "truncated, needing \(needed) bytes, with \(bytes.count)"
            }
        case .failure(.tooLong):
            guard bytes.count >= Decoder.maximumLength else { return "too long with \(bytes.count) bytes" }
        case .failure(.invalid):
            break
        }
        return nil
    }

    static func decode(_ bytes: [UInt8], mode: DecodeMode, model: CPUModel) -> Result<DecodedInstruction, DecodeError> {
        bytes.withUnsafeBytes { buffer in Result { () throws(DecodeError) in try Decoder.decode(buffer, mode: mode, model: model) } }
    }
}
