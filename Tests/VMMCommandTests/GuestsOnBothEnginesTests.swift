import Foundation
import Testing
import TestSupport

/// The repository's guests run through the `swiftvmm` binary on each engine: the same output
/// and the same exit status on both.
@Suite struct GuestsOnBothEnginesTests {
    /// Engines to test; kvm only where /dev/kvm opens.
    static let engines = ["interp", "kvm"]

    struct Expectation {
        let guest: String
        let output: String
        let status: Int32
        var usesThirtyTwoBitPaging = false
    }

    static let flatGuests = [
        Expectation(guest: "real-mode.S", output: "real mode: sum 1..100 = 5050\n", status: 0x21 << 1 | 1),
        Expectation(guest: "protected-mode.S", output: "protected mode: 32-bit code running\nprotected mode: paging works\n", status: 0x32 << 1 | 1, usesThirtyTwoBitPaging: true),
        Expectation(guest: "long-mode.S", output: "long mode: 64-bit code running\nlong mode: 4 KiB and 2 MiB pages work\n", status: 0x40 << 1 | 1),
    ]

    @Test(arguments: flatGuests, engines)
    func flatImage(_ expectation: Expectation, engine: String) throws {
        try skipUnlessUsable(engine)
        if engine == "kvm" && expectation.usesThirtyTwoBitPaging && !KVMHostProbe.thirtyTwoBitPagingWorks {
            try skip("this host's KVM raises #GP when a 32-bit guest enables paging (the Multiboot tests run 32-bit code on kvm)")
        }
        let directory = try TemporaryDirectory()
        let image = try directory.file("guest.bin", try GuestAssembler.flatBinary(expectation.guest, origin: 0x7C00))
        let result = try SwiftVMMBinary.run(["run", "--engine", engine, "--image", image, "--timeout", "120"])
        #expect(result.standardOutput == expectation.output)
        #expect(result.status == expectation.status, "stderr: \(result.standardError)")
    }

    @Test(arguments: engines, [false, true])
    func multibootKernel(engine: String, kludge: Bool) throws {
        try skipUnlessUsable(engine)
        let directory = try TemporaryDirectory()
        let kernel = try MultibootKernels.build(in: directory, kludge: kludge)
        let result = try SwiftVMMBinary.run(["run", "--engine", engine, "--kernel", kernel, "--append", "console=ttyS0 quiet", "--timeout", "120"])
        #expect(result.standardOutput == "hello from multiboot: \(kernel) console=ttyS0 quiet\n")
        #expect(result.status == 0x10 << 1 | 1, "stderr: \(result.standardError)")
    }

    @Test(arguments: engines)
    func builtinGuestIsTheMainJob(engine: String) throws {
        try skipUnlessUsable(engine)
        let result = try SwiftVMMBinary.run(engine == "interp" ? ["demo", "--engine", "interp"] : ["demo", "--engine", "kvm"])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        #expect(result.standardOutput.contains("[guest] real mode"))
        #expect(result.standardOutput.contains("[guest] long mode: 64-bit code"))
        #expect(result.standardOutput.hasSuffix("[guest] halting with interrupts disabled\n"))
        #expect(result.standardError.contains("on the \(engine) engine"))
    }

    @Test func noArgumentsRunsTheBuiltinGuest() throws {
        let result = try SwiftVMMBinary.run([])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        #expect(result.standardOutput.contains("[guest] this processor says it is: "))
    }

    private func skipUnlessUsable(_ engine: String) throws {
        if engine == "kvm" && !KVMAvailability.canOpen {
            try skip("/dev/kvm cannot be opened, so the kvm engine is not tested here")
        }
    }
}
