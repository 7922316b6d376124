/// A broken promise found by running an input: an invariant, a hang, a write that left guest RAM.
public struct FuzzViolation: Error, Sendable {
    public var reason: String
    /// The input's starting state, in one line.
    public var input: String
    /// The input's bytes (the decoder's string, or the start of the interpreter's code).
    public var bytes: [UInt8]
}
