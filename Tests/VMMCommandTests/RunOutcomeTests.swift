import Foundation
import Testing
import TestSupport

/// How runs end: timeouts, crashes with a register dump, resets, statistics and serial files.
@Suite struct RunOutcomeTests {
    func image(_ source: String, in directory: TemporaryDirectory) throws -> String {
        try directory.file("guest.bin", try GuestAssembler.flatBinary(source: ".code16\n" + source, origin: 0x7C00))
    }

    @Test func timeoutEndsAnEndlessGuestWith124() throws {
        let directory = try TemporaryDirectory()
        let guest = try image("spin: jmp spin\n", in: directory)
        let result = try SwiftVMMBinary.run(["run", "--image", guest, "--timeout", "0.5", "--serial", "none"])
        #expect(result.status == 124)
        #expect(result.standardError.contains("timeout"))
    }

    @Test func tripleFaultIsACrashWithARegisterDump() throws {
        let directory = try TemporaryDirectory()
        // An empty IDT: INT3 cannot be delivered, nor can the #GP and #DF that follow.
        let guest = try image("lidt empty\nmov $0x1234, %ax\nint3\nempty: .word 0\n.long 0\n", in: directory)
        let result = try SwiftVMMBinary.run(["run", "--image", guest, "--serial", "none"])
        #expect(result.status == 3)
        #expect(result.standardError.contains("triple fault"))
        #expect(result.standardError.contains("RAX=0000000000001234"))
        #expect(result.standardError.contains("CR0="))
    }

    @Test func keyboardControllerResetEndsTheRun() throws {
        let directory = try TemporaryDirectory()
        let guest = try image("mov $0xFE, %al\nout %al, $0x64\nspin: jmp spin\n", in: directory)
        let result = try SwiftVMMBinary.run(["run", "--image", guest, "--serial", "none", "--timeout", "10"])
        #expect(result.status == 0)
    }

    @Test func debugConsoleAndSerialFile() throws {
        let directory = try TemporaryDirectory()
        let guest = try image("""
            mov $'A', %al
            out %al, $0xE9
            mov $0x3F8, %dx
            mov $'B', %al
            out %al, %dx
            cli
            hlt
            """, in: directory)
        let serialFile = directory.path("serial.txt")
        let result = try SwiftVMMBinary.run(["run", "--image", guest, "--serial", "file:" + serialFile])
        #expect(result.status == 0)
        #expect(try String(contentsOfFile: serialFile, encoding: .utf8) == "AB")
    }

    @Test func statisticsFileDescribesTheRun() throws {
        let directory = try TemporaryDirectory()
        let guest = try image("mov $0x3F8, %dx\nmov $'x', %al\nout %al, %dx\nout %al, %dx\nmov $3, %al\nout %al, $0xF4\n", in: directory)
        let statsFile = directory.path("stats.json")
        let result = try SwiftVMMBinary.run(["run", "--image", guest, "--serial", "none", "--stats", statsFile])
        #expect(result.status == 7)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: statsFile))) as? [String: Any]
        #expect(json?["engine"] as? String == "interp")
        #expect(json?["instructions"] as? Int == 6)
        #expect((json?["exits"] as? [String: Int])?["io"] == 3)
        #expect(json?["exit_status"] as? Int == 7)
        #expect((json?["wall_seconds"] as? Double ?? -1) >= 0)
    }
}
