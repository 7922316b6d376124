import Foundation
import Testing
import TestSupport

/// `swiftvmm decode`: hexadecimal lines in, `LENGTH<TAB>TEXT` or `invalid` out.
@Suite struct DecodeCommandTests {
    /// Runs `swiftvmm decode --mode MODE` with `input` on standard input.
    func decode(_ input: String, mode: String) throws -> HostTool.Result {
        let directory = try TemporaryDirectory()
        let file = try directory.file("input.txt", Array(input.utf8))
        return try HostTool.execute("/bin/sh", ["-c", "exec \"$0\" decode --mode \"$1\" < \"$2\"", SwiftVMMBinary.path, mode, file])
    }

    @Test func writesOneLinePerInstruction() throws {
        let result = try decode("90\n0f01f9\n\n48 8b 05 10 00 00 00\nf0 90\n0f\n", mode: "64")
        #expect(result.status == 0)
        #expect(result.standardOutput == "1\tnop\n3\trdtscp\n7\tmov rax, qword ptr [rip+0x10]\ninvalid\ninvalid\n")
    }

    @Test func modesDiffer() throws {
        #expect(try decode("40\n0f 05\n", mode: "32").standardOutput == "1\tinc eax\ninvalid\n")
        #expect(try decode("40\n0f 05\n", mode: "64").standardOutput == "invalid\n2\tsyscall\n")
        #expect(try decode("8b 46 02\n", mode: "16").standardOutput == "3\tmov ax, word ptr [bp+0x2]\n")
    }

    @Test func malformedLineIsInvalidWithANote() throws {
        let result = try decode("zz\n9\n90\n", mode: "32")
        #expect(result.status == 0)
        #expect(result.standardOutput == "invalid\ninvalid\n1\tnop\n")
        #expect(result.standardError.contains("line 1"))
        #expect(result.standardError.contains("line 2"))
    }

    @Test func badModeIsHostInputError() throws {
        let result = try SwiftVMMBinary.run(["decode", "--mode", "48"])
        #expect(result.status == 2)
        #expect(result.standardError.split(separator: "\n").count == 1)
        #expect(result.standardError.contains("--mode 48"))
    }
}
