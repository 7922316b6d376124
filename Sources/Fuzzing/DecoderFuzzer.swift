import SeededRandom

/// Feeds random byte strings (0 to 20 bytes, mostly instruction-shaped) to the decoder in every
/// mode and checks `DecoderInvariants`.
public enum DecoderFuzzer {
    public static let maximumLength = 20

    /// Checks the string `seed` makes; returns the violated invariant, or nil.
    public static func run(seed: UInt64) -> FuzzViolation? {
        let (bytes, trailing) = input(seed: seed)
        guard let problem = DecoderInvariants.violation(in: bytes, trailing: trailing) else { return nil }
        return FuzzViolation(reason: problem, input: "decoder, trailing bytes \(FuzzCampaign.hex(trailing))", bytes: bytes)
    }

    /// The string `seed` makes, and the bytes appended to it to test that they do not matter.
    static func input(seed: UInt64) -> (bytes: [UInt8], trailing: [UInt8]) {
        var random = SeededGenerator(seed: seed)
        let bytes = InstructionBytes.make(maximumLength: maximumLength, using: &random)
        let trailing = (0..<Int.random(in: 1...8, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
        return (bytes, trailing)
    }
}
