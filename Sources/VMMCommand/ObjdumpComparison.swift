import X86

/// Compares the decoder's lengths and validity with GNU objdump's on seeded random byte strings,
/// sorting each disagreement into a documented difference, a pending category or the unexplained.
struct ObjdumpComparison {
    /// Categories whose table rows other work is still writing: their disagreements are counted
    /// apart and do not fail the comparison. Shrink this list as those rows land.
    static let pendingCategories: Set<OpcodeLocation.Category> = []

    /// How the two readings of a byte string disagree.
    enum Disagreement: String, CaseIterable {
        case length = "lengths differ"
        case decoderRejects = "decoder invalid, objdump valid"
        case decoderAccepts = "decoder valid, objdump (bad)"
    }

    /// One byte string the two read differently.
    struct Mismatch {
        let bytes: [UInt8]
        /// The decoder's length, or nil when it rejects the bytes.
        let decoderLength: Int?
        let objdump: ObjdumpListing.Instruction
        let location: OpcodeLocation

        var disagreement: Disagreement {
            guard decoderLength != nil else { return .decoderRejects }
            return objdump.valid ? .length : .decoderAccepts
        }
    }

    /// The disagreements at one opcode: counts by kind and the first few examples.
    struct Tally {
        var counts: [Disagreement: Int] = [:]
        var examples: [Mismatch] = []
        var total: Int { counts.values.reduce(0, +) }
    }

    /// What a run found.
    struct Report {
        var strings = 0
        var agreements = 0
        var documented: [DecoderDifference: Int] = [:]
        var pending: [OpcodeLocation: Tally] = [:]
        var unexplained: [OpcodeLocation: Tally] = [:]

        var unexplainedCount: Int { unexplained.values.reduce(0) { $0 + $1.total } }
    }

    let mode: DecodeMode
    let seed: UInt64
    /// Sweep every opcode and ModRM byte instead of drawing random strings.
    let sweep: Bool
    /// Random strings to draw (without `sweep`).
    let count: Int
    /// Examples kept per opcode.
    let examples: Int

    /// Read 64-bit code with objdump's default AMD64 rules instead of `-M intel64`.
    var amd64 = false

    /// The `-M` options after `intel`: Intel64 semantics in 64-bit mode (see DECODER-DIFFERENCES.md).
    var objdumpOptions: [String] { mode == .bits64 && !amd64 ? ["intel64"] : [] }

    func run() throws -> Report {
        var strings: [UInt8] = []
        if sweep {
            strings.reserveCapacity(OpcodeSweep.count * InstructionByteGenerator.length)
            OpcodeSweep.append(to: &strings, seed: seed, mode: mode)
        } else {
            var generator = InstructionByteGenerator(seed: seed, mode: mode)
            strings.reserveCapacity(count * InstructionByteGenerator.length)
            for _ in 0..<count { generator.append(to: &strings) }
        }
        var report = Report()
        let listing = ObjdumpListing(mode: mode, options: objdumpOptions)
        try listing.read(strings) { index, objdump in
            let start = index * InstructionByteGenerator.length
            let bytes = Array(strings[start..<start + InstructionByteGenerator.length])
            let decoderLength = Self.decodedLength(bytes, mode: mode)
            report.strings += 1
            if decoderLength == (objdump.valid ? objdump.length : nil) {
                report.agreements += 1
                return
            }
            let mismatch = Mismatch(
                bytes: bytes, decoderLength: decoderLength, objdump: objdump,
                location: OpcodeLocation(bytes[...], mode: mode))
            if let difference = DecoderDifference.explaining(mismatch, mode: mode, amd64: amd64) {
                report.documented[difference, default: 0] += 1
            } else if Self.pendingCategories.contains(mismatch.location.category) {
                Self.record(mismatch, in: &report.pending, examples: examples)
            } else {
                Self.record(mismatch, in: &report.unexplained, examples: examples)
            }
        }
        return report
    }

    /// The decoder's length for `bytes`, or nil when they are not an instruction.
    static func decodedLength(_ bytes: [UInt8], mode: DecodeMode) -> Int? {
        bytes.withUnsafeBytes { buffer in
            (try? Decoder.decode(buffer, mode: mode)).map { Int($0.length) }
        }
    }

    private static func record(_ mismatch: Mismatch, in tallies: inout [OpcodeLocation: Tally], examples: Int) {
        tallies[mismatch.location, default: Tally()].counts[mismatch.disagreement, default: 0] += 1
        if tallies[mismatch.location]!.examples.count < examples {
            tallies[mismatch.location]!.examples.append(mismatch)
        }
    }
}
