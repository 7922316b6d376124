/// A failed input with what it takes to run it again.
public struct FuzzFailure: CustomStringConvertible, Sendable {
    public var index: Int
    public var seed: UInt64
    public var target: FuzzTarget
    public var violation: FuzzViolation

    public var description: String {
        """
        FAIL input \(index) (\(target.rawValue), seed \(seed)): \(violation.reason)
          state: \(violation.input)
          bytes: \(FuzzCampaign.hex(violation.bytes))
          again: swiftvmm fuzz --seed \(seed) --target \(target.rawValue) --reproduce \(index)
        """
    }
}
