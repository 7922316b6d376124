/// The code-segment width an instruction stream is decoded in.
public enum DecodeMode: Sendable, Equatable {
    case bits16, bits32, bits64

    public init?(bits: Int) {
        switch bits {
        case 16: self = .bits16
        case 32: self = .bits32
        case 64: self = .bits64
        default: return nil
        }
    }

    /// The decode mode a processor mode executes in.
    public init(_ mode: ProcessorMode) {
        switch mode {
        case .long64: self = .bits64
        case .protected32, .compatibility32: self = .bits32
        case .real, .virtual8086, .protected16, .compatibility16: self = .bits16
        }
    }
}

/// Why bytes do not decode to an instruction.
public enum DecodeError: Error, Sendable, Equatable {
    /// Not an instruction in this mode (#UD).
    case invalid
    /// More than 15 bytes (#GP).
    case tooLong
    /// The bytes ran out before the instruction ended (the fetch of the rest faulted).
    case truncated(needed: Int)
}
