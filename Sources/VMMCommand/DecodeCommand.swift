import ArgumentParser
import X86

/// `swiftvmm decode`: one instruction per line of hexadecimal bytes in, its length and Intel-syntax text out.
struct DecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Decode one instruction per line of hexadecimal bytes on standard input.",
        discussion: """
            Each non-empty line holds the bytes of one instruction as hexadecimal pairs, spaces \
            optional ("0f 01 f9" or "0f01f9"). For each, swiftvmm writes LENGTH<TAB>TEXT (the \
            instruction's length in bytes and its Intel-syntax text, branch targets taken from \
            address 0); bytes after the first instruction are ignored. It writes "invalid" when \
            the bytes are not an instruction in that mode (#UD), when the instruction would be \
            longer than 15 bytes (#GP), when the line ends before the instruction does, and when \
            the line is not hexadecimal pairs (with a note on standard error).
            """)

    @Option(help: "Code-segment width: 16, 32 or 64.")
    var mode: String

    func run() throws {
        guard let decodeMode = Int(mode).flatMap(DecodeMode.init(bits:)) else {
            throw HostInputError("--mode \(mode): expected 16, 32 or 64")
        }
        var lineNumber = 0
        while let line = readLine() {
            lineNumber += 1
            guard line.contains(where: { !$0.isWhitespace }) else { continue }
            guard let bytes = HexBytes.parse(line[...]) else {
                Diagnostics.note("line \(lineNumber): expected hexadecimal byte pairs")
                print("invalid")
                continue
            }
            print(Self.describe(bytes, mode: decodeMode))
        }
    }

    /// `LENGTH<TAB>TEXT` for the instruction at the start of `bytes`, or `invalid`.
    static func describe(_ bytes: [UInt8], mode: DecodeMode) -> String {
        bytes.withUnsafeBytes { buffer in
            guard let instruction = try? Decoder.decode(buffer, mode: mode) else { return "invalid" }
            return "\(instruction.length)\t" + Disassembler.text(of: instruction, mode: mode)
        }
    }
}
