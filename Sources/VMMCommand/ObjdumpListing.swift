import Foundation
import X86

/// GNU objdump's reading of a run of byte strings: the first instruction of each.
///
/// The strings go into one raw binary, each followed by 16 zero bytes and one F8 (CLC). Whatever
/// objdump makes of a string's remaining bytes ends within the zeros (no instruction is longer
/// than 15 bytes); objdump then skips zeros in multiples of four or decodes them in pairs
/// (`00 00`), and a last odd zero pairs with the F8 (`00 F8`, add al,bh), so that objdump is back
/// in step at the next string whatever happened before.
///
/// objdump prints prefixes it does not attach to an instruction (a REX prefix followed by
/// another prefix, a run of 14 prefixes) on lines of their own; the processor attaches them to
/// the next instruction, so a string's prefix-only lines are joined with the line that follows.
struct ObjdumpListing {
    /// objdump's reading of one string's first instruction.
    struct Instruction {
        let length: Int
        let valid: Bool
        let text: String
    }

    static let padding = [UInt8](repeating: 0, count: 16) + [0xF8]
    static let stride = InstructionByteGenerator.length + padding.count

    let mode: DecodeMode
    /// Extra `-M` options after `intel`.
    let options: [String]

    /// The objdump architecture name of a decode mode.
    var architecture: String {
        switch mode {
        case .bits16: "i8086"
        case .bits32: "i386"
        case .bits64: "i386:x86-64"
        }
    }

    /// Runs objdump over `strings` (each `InstructionByteGenerator.length` bytes, back to back) and
    /// calls `body` with each string's index and first instruction, in order.
    func read(_ strings: [UInt8], body: (Int, Instruction) -> Void) throws {
        let count = strings.count / InstructionByteGenerator.length
        var file = [UInt8]()
        file.reserveCapacity(count * Self.stride)
        for index in 0..<count {
            let start = index * InstructionByteGenerator.length
            file += strings[start..<start + InstructionByteGenerator.length]
            file += Self.padding
        }
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("swiftvmm-objdump-\(ProcessInfo.processInfo.processIdentifier)-\(architecture).bin")
        try Data(file).write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "objdump", "-D", "-b", "binary", "-m", architecture, "-M", (["intel"] + options).joined(separator: ","),
            "--insn-width=16", path.path,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var parser = Parser(mode: mode, count: count)
        var line: [UInt8] = []
        while let chunk = try output.fileHandleForReading.read(upToCount: 1 << 20), !chunk.isEmpty {
            for byte in chunk {
                if byte == UInt8(ascii: "\n") {
                    if let (index, instruction) = parser.consume(line) { body(index, instruction) }
                    line.removeAll(keepingCapacity: true)
                } else {
                    line.append(byte)
                }
            }
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw HostInputError("objdump failed with status \(process.terminationStatus) (is GNU binutils installed?)")
        }
        guard parser.seen == count else {
            let missing = parser.firstMissing ?? parser.seen
            let start = missing * InstructionByteGenerator.length
            let bytes = HexBytes.text(strings[start..<start + InstructionByteGenerator.length])
            throw HostInputError("objdump listed \(parser.seen) of \(count) byte strings; out of step at string \(missing) (\(bytes))")
        }
    }

    /// Reads listing lines and joins each string's prefix-only lines with its instruction.
    private struct Parser {
        let mode: DecodeMode
        let count: Int
        var seen = 0
        /// The first string whose instruction never started a line.
        var firstMissing: Int?
        /// The string whose instruction is still open, its next address and the text so far.
        var open: (index: Int, next: Int, text: String)?

        /// Reads one line; returns a string's instruction when the line completes it.
        ///
        /// When prefixes are followed by zeros that objdump skips, the instruction is the
        /// prefixes and `00 00` (ADD r/m8, r8 with ModRM 00: two bytes in every mode).
        mutating func consume(_ line: [UInt8]) -> (Int, Instruction)? {
            guard let parsed = Self.parse(line) else { return nil }
            if let current = open, parsed.address != current.next {
                open = nil
                return finish(current.index, next: current.next + 2, text: current.text + " (zeros skipped)")
            }
            let text = String(decoding: parsed.text, as: UTF8.self)
            let prefixOnly = !text.contains("(bad)") && parsed.bytes.allSatisfy {
                OpcodeLocation.isLegacyPrefix($0) || (mode == .bits64 && $0 & 0xF0 == 0x40)
            }
            let index: Int
            let next = parsed.address + parsed.bytes.count
            var joined = text
            if let current = open {
                guard parsed.address == current.next else { return nil }
                index = current.index
                joined = current.text + " " + text
            } else {
                guard parsed.address % ObjdumpListing.stride == 0, parsed.address / ObjdumpListing.stride < count else { return nil }
                index = parsed.address / ObjdumpListing.stride
            }
            if prefixOnly {
                open = (index, next, joined)
                return nil
            }
            open = nil
            return finish(index, next: next, text: joined)
        }

        private mutating func finish(_ index: Int, next: Int, text: String) -> (Int, Instruction) {
            if firstMissing == nil && index != seen { firstMissing = seen }
            seen += 1
            let length = next - index * ObjdumpListing.stride
            let valid = length <= Decoder.maximumLength && !text.contains("(bad)") && !text.hasPrefix(".byte")
            return (index, Instruction(length: length, valid: valid, text: text))
        }

        /// Splits `   1f:\t66 90    \txchg   ax,ax` into its address, bytes and text.
        private static func parse(_ line: [UInt8]) -> (address: Int, bytes: [UInt8], text: ArraySlice<UInt8>)? {
            var position = 0
            while position < line.count && line[position] == UInt8(ascii: " ") { position += 1 }
            var address = 0
            var digits = 0
            while position < line.count, let digit = hexDigit(line[position]) {
                address = address << 4 | Int(digit)
                digits += 1
                position += 1
            }
            guard digits > 0, position + 1 < line.count, line[position] == UInt8(ascii: ":"),
                  line[position + 1] == UInt8(ascii: "\t") else { return nil }
            position += 2
            var bytes: [UInt8] = []
            while position + 1 < line.count, let high = hexDigit(line[position]), let low = hexDigit(line[position + 1]) {
                bytes.append(high << 4 | low)
                position += 2
                while position < line.count && line[position] == UInt8(ascii: " ") { position += 1 }
            }
            guard !bytes.isEmpty else { return nil }
            if position < line.count && line[position] == UInt8(ascii: "\t") { position += 1 }
            return (address, bytes, line[position...])
        }

        private static func hexDigit(_ character: UInt8) -> UInt8? {
            switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
            default: nil
            }
        }
    }
}
