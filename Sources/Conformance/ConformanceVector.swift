/// One single-instruction test in the SingleStepTests format: the instruction, the state before it
/// and what it changed.
public struct ConformanceVector: Sendable, Decodable {
    public var name: String
    /// The instruction's bytes, prefixes included.
    public var bytes: [UInt8]
    public var initial: VectorState
    /// Registers that changed and the memory bytes to check.
    public var final: VectorState

    public init(name: String, bytes: [UInt8], initial: VectorState, final: VectorState) {
        self.name = name
        self.bytes = bytes
        self.initial = initial
        self.final = final
    }
}
