import Foundation
import Testing
import TestSupport

/// Bad host input ends with exit status 2 and one line on standard error that says why.
@Suite struct BadHostInputTests {
    func expectRejected(_ arguments: [String], mentioning fragment: String) throws {
        let result = try SwiftVMMBinary.run(arguments)
        #expect(result.status == 2, "arguments \(arguments): stderr \(result.standardError)")
        let lines = result.standardError.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(result.standardError)")
        #expect(result.standardError.contains(fragment), "stderr: \(result.standardError)")
        #expect(result.standardOutput.isEmpty)
    }

    @Test func unknownFlag() throws {
        try expectRejected(["run", "--frobnicate", "--image", "x"], mentioning: "frobnicate")
    }

    @Test func unknownEngineAndModel() throws {
        try expectRejected(["run", "--engine", "qemu", "--image", "x"], mentioning: "--engine qemu")
        try expectRejected(["run", "--cpu", "z80", "--image", "x"], mentioning: "--cpu z80")
        try expectRejected(["run", "--engine", "kvm", "--cpu", "8086", "--image", "x"], mentioning: "8086")
    }

    @Test(arguments: ["0", "12Q", "-5M", "2T", "999999999999999999999G", "512K", "1MiB", ""])
    func impossibleMemorySize(_ size: String) throws {
        try expectRejected(["run", "--mem", size, "--image", "/dev/null"], mentioning: "--mem")
    }

    @Test func nothingOrTooMuchToRun() throws {
        try expectRejected(["run"], mentioning: "nothing to run")
        try expectRejected(["run", "--image", "a", "--kernel", "b"], mentioning: "only one")
        try expectRejected(["run", "--image", "a", "--append", "x"], mentioning: "--append needs --kernel")
    }

    @Test func badSerialAndTimeout() throws {
        try expectRejected(["run", "--serial", "tcp:1234", "--image", "x"], mentioning: "--serial")
        try expectRejected(["run", "--timeout", "-1", "--image", "x"], mentioning: "--timeout")
        try expectRejected(["run", "--timeout", "nan", "--image", "x"], mentioning: "--timeout")
    }

    @Test func missingFiles() throws {
        try expectRejected(["run", "--image", "/nonexistent/guest.bin"], mentioning: "/nonexistent/guest.bin")
        try expectRejected(["run", "--firmware", "/nonexistent/bios.bin"], mentioning: "/nonexistent/bios.bin")
        try expectRejected(["run", "--kernel", "/nonexistent/vmlinux"], mentioning: "/nonexistent/vmlinux")
    }

    @Test func emptyAndGarbageFiles() throws {
        let directory = try TemporaryDirectory()
        let empty = try directory.file("empty.bin", [])
        let garbage = try directory.file("garbage.bin", (0..<20_000).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) })
        try expectRejected(["run", "--image", empty], mentioning: empty)
        try expectRejected(["run", "--firmware", empty], mentioning: empty)
        try expectRejected(["run", "--kernel", empty], mentioning: empty)
        try expectRejected(["run", "--kernel", garbage], mentioning: "Multiboot")
        try expectRejected(["run", "--firmware", try directory.file("odd.rom", [UInt8](repeating: 0x90, count: 1000))], mentioning: "odd.rom")
        try expectRejected(["run", "--image", garbage + "@0xZZ"], mentioning: "0xZZ")
        try expectRejected(["run", "--image", garbage + "@0x200000"], mentioning: garbage)
    }

    @Test func truncatedKernel() throws {
        let directory = try TemporaryDirectory()
        let kernel = try MultibootKernels.build(in: directory, kludge: false)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: kernel)))
        let truncated = try directory.file("truncated.elf", Array(bytes.prefix(bytes.count / 3)))
        try expectRejected(["run", "--kernel", truncated], mentioning: truncated)
    }

    @Test func imageLargerThanMemory() throws {
        let directory = try TemporaryDirectory()
        let big = try directory.file("big.bin", [UInt8](repeating: 0xF4, count: 2 << 20))
        try expectRejected(["run", "--mem", "1M", "--image", big], mentioning: big)
    }

    @Test func unwritableStatisticsFile() throws {
        let directory = try TemporaryDirectory()
        let image = try directory.file("hlt.bin", [0xFA, 0xF4])
        try expectRejected(["run", "--image", image, "--serial", "none", "--stats", "/nonexistent/dir/stats.json"], mentioning: "--stats")
    }
}
