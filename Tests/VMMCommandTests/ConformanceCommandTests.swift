import Foundation
import Testing
import TestSupport

/// `swiftvmm conformance`: the closing count, the failure listing and the exit statuses.
@Suite struct ConformanceCommandTests {
    /// A NOP at 0000:0100 whose vector expects IP to end at `finalIP`.
    static func nopVector(finalIP: Int) -> String {
        """
        {"name": "nop", "bytes": [144],
         "initial": {"regs": {"ax": 1, "bx": 2, "cx": 3, "dx": 4, "cs": 0, "ss": 0, "ds": 0, "es": 0,
                              "sp": 0, "bp": 0, "si": 0, "di": 0, "ip": 256, "flags": 61442},
                     "ram": [[256, 144]]},
         "final": {"regs": {"ip": \(finalIP)}, "ram": [[256, 144]]}}
        """
    }

    func run(_ arguments: [String]) throws -> HostTool.Result {
        try SwiftVMMBinary.run(["conformance"] + arguments)
    }

    @Test func passingVectorsEndWithTheCountAndStatusZero() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.file("nop.json", Array("[\(Self.nopVector(finalIP: 257))]".utf8))
        let result = try run([file])
        #expect(result.status == 0)
        #expect(result.standardOutput == "1 passed, 0 failed\n")
    }

    @Test func failuresAreListedWithExpectedAndActualValues() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.file("nop.json", Array("[\(Self.nopVector(finalIP: 257)), \(Self.nopVector(finalIP: 300))]".utf8))
        let result = try run(["--cpu", "8086", file])
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("FAIL \(file) #1: \"nop\" bytes 90"))
        #expect(result.standardOutput.contains("ip: expected 0x012C, actual 0x0101"))
        #expect(result.standardOutput.hasSuffix("\n1 passed, 1 failed\n"))
    }

    @Test func metadataMasksUndefinedFlags() throws {
        let directory = try TemporaryDirectory()
        // The vector claims CF ends set; a mask without CF leaves it out of the comparison.
        let vector = Self.nopVector(finalIP: 257).replacingOccurrences(of: #"{"ip": 257}"#, with: #"{"ip": 257, "flags": 61443}"#)
        let file = try directory.file("90.json", Array("[\(vector)]".utf8))
        #expect(try run([file]).standardOutput.hasSuffix("0 passed, 1 failed\n"))
        let metadata = Array(#"{"opcodes": {"90": {"status": "normal", "flags-mask": 65534}}}"#.utf8)
        let elsewhere = try TemporaryDirectory()
        let explicit = try elsewhere.file("masks.json", metadata)
        #expect(try run(["--metadata", explicit, file]).standardOutput == "1 passed, 0 failed\n")
        try directory.file("metadata.json", metadata)
        #expect(try run([file]).standardOutput == "1 passed, 0 failed\n")
    }

    @Test func sharedVectorFilePasses() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/conformance/8086/00.json.gz").path
        guard FileManager.default.fileExists(atPath: file) else { try skip("\(file) is missing") }
        let result = try run([file])
        #expect(result.status == 0)
        #expect(result.standardOutput == "1000 passed, 0 failed\n")
    }

    @Test func badInputIsStatusTwoWithOneLine() throws {
        let directory = try TemporaryDirectory()
        let corruptGzip = try directory.file("corrupt.json.gz", [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 0xFF, 0xFF, 0xFF])
        let badJSON = try directory.file("bad.json", Array("[{\"name\": 3}]".utf8))
        let cases: [([String], String)] = [
            ([directory.path("missing.json.gz")], "no such file"),
            ([corruptGzip], "corrupt.json.gz"),
            ([badJSON], "bad JSON"),
            (["--cpu", "z80", badJSON], "--cpu z80"),
            ([], "no vector files"),
        ]
        for (arguments, fragment) in cases {
            let result = try run(arguments)
            #expect(result.status == 2, "\(arguments): \(result.standardError)")
            #expect(result.standardError.split(separator: "\n").count == 1, "\(arguments): \(result.standardError)")
            #expect(result.standardError.contains(fragment), "\(arguments): \(result.standardError)")
        }
    }
}
