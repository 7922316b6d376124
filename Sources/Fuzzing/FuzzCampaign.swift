import SeededRandom

/// A numbered series of fuzz inputs from one seed. Input i is made from a seed of its own derived
/// from (seed, i), so that any one input can be run again alone.
public final class FuzzCampaign {
    public let seed: UInt64
    public let target: FuzzTarget
    /// The interpreter's machine, when the target includes it.
    public let interpreter: InterpreterFuzzer?

    public init(seed: UInt64, target: FuzzTarget) throws {
        self.seed = seed
        self.target = target
        interpreter = target == .decoder ? nil : try InterpreterFuzzer()
    }

    /// The seed of input `index` for one target (each target draws from a stream of its own).
    static func inputSeed(_ seed: UInt64, index: Int, target: FuzzTarget) -> UInt64 {
        let stream: UInt64 = target == .decoder ? 0x0DEC_0DE5 : 0x1A7E_5A11
        var mixer = SeededGenerator(seed: seed ^ UInt64(truncatingIfNeeded: index) &* 0xD6E8_FEB8_6659_FD93 ^ stream)
        return mixer.next()
    }

    /// Runs input `index`; returns its failure, or nil when it passed.
    public func run(index: Int) -> FuzzFailure? {
        if target != .interpreter, let violation = DecoderFuzzer.run(seed: Self.inputSeed(seed, index: index, target: .decoder)) {
            return FuzzFailure(index: index, seed: seed, target: .decoder, violation: violation)
        }
        if let interpreter, let violation = interpreter.run(seed: Self.inputSeed(seed, index: index, target: .interpreter)) {
            return FuzzFailure(index: index, seed: seed, target: .interpreter, violation: violation)
        }
        return nil
    }

    /// Runs `inputs`; calls `onFailure` for each failure, `onProgress` (with the number run so far)
    /// after every `progressInterval` inputs, and `watchdog` (if any) as each input starts.
    /// Returns the number failed.
    public func run(
        inputs: Range<Int>, progressInterval: Int = 1_000_000, watchdog: HangWatchdog? = nil,
        onProgress: (Int) -> Void = { _ in }, onFailure: (FuzzFailure) -> Void
    ) -> Int {
        var failed = 0
        for index in inputs {
            watchdog?.starting(index)
            if let failure = run(index: index) {
                failed += 1
                onFailure(failure)
            }
            let done = index - inputs.lowerBound + 1
            if done % progressInterval == 0 { onProgress(done) }
        }
        return failed
    }

    /// A one-line description of input `index` without running it, for hang reports.
    public func describe(index: Int) -> String {
        var parts: [String] = []
        if target != .interpreter {
            let input = DecoderFuzzer.input(seed: Self.inputSeed(seed, index: index, target: .decoder))
            parts.append("decoder bytes \(Self.hex(input.bytes))")
        }
        if let interpreter {
            let input = interpreter.describe(seed: Self.inputSeed(seed, index: index, target: .interpreter))
            parts.append("interpreter \(input.summary), code \(Self.hex(input.code))")
        }
        return parts.joined(separator: "; ")
    }

    /// Bytes as space-separated hex pairs.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789ABCDEF")
        return bytes.map { String([digits[Int($0 >> 4)], digits[Int($0 & 0xF)]]) }.joined(separator: " ")
    }
}
