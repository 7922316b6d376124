import Testing
import TestSupport

/// `swiftvmm fuzz`: the closing count, reproduction of one input, and bad arguments.
@Suite struct FuzzCommandTests {
    @Test func aRunEndsWithTheCountAndStatusZero() throws {
        let result = try SwiftVMMBinary.run(["fuzz", "--count", "200", "--seed", "5"])
        #expect(result.status == 0)
        #expect(result.standardOutput.hasSuffix("\n200 passed, 0 failed\n"))
    }

    @Test func reproduceDescribesAndRunsOneInput() throws {
        let result = try SwiftVMMBinary.run(["fuzz", "--seed", "5", "--target", "interpreter", "--reproduce", "17"])
        #expect(result.status == 0)
        #expect(result.standardOutput.hasPrefix("interpreter mode "))
        #expect(result.standardOutput.hasSuffix("\n1 passed, 0 failed\n"))
    }

    @Test(arguments: [["--target", "kernel"], ["--count", "0"], ["--reproduce", "-1"], ["--first", "-3"]])
    func badArgumentsExitWithStatusTwo(_ arguments: [String]) throws {
        let result = try SwiftVMMBinary.run(["fuzz"] + arguments)
        #expect(result.status == 2)
    }
}
