import Foundation
import Testing
import TestSupport

/// The decoder agrees with GNU objdump on 20,000 random byte strings per mode, apart from the
/// differences DECODER-DIFFERENCES.md documents and the categories still pending (x87, MMX/SSE).
/// `scripts/decode-vs-objdump.sh` runs the full million per mode.
@Suite struct ObjdumpComparisonTests {
    @Test(arguments: ["16", "32", "64"])
    func agreesWithObjdump(_ mode: String) throws {
        guard (try? HostTool.execute("/usr/bin/env", ["objdump", "--version"]))?.status == 0 else {
            try skip("GNU objdump is not installed")
        }
        let result = try SwiftVMMBinary.run(["compare-objdump", "--mode", mode, "--count", "20000", "--seed", "2024"])
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        #expect(result.standardOutput.contains("unexplained: 0"))
    }
}
