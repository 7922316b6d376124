import Interpreter
import Machine
import Testing
import TestSupport
import X86

/// The repository's guest programs, run on the interpreter with a port recorder standing in
/// for COM1 (always ready to transmit) and the debug-exit port.
@Suite struct GuestProgramTests {
    func run(_ guest: String) throws -> (outcome: RunOutcome, serial: String, exitCode: UInt64?) {
        let memory = GuestMemory()
        try memory.addRAM(name: "ram", at: 0, size: 4 << 20)
        memory.write(try GuestAssembler.flatBinary(guest, origin: 0x7C00), at: 0x7C00)
        let machine = Machine(memory: memory)
        let serial = RecordingPortDevice()
        serial.readValues = [0x3FD: 0x60]
        try machine.portIO.claim(0x3F8...0x3FF, name: "serial", device: serial)
        let exitPort = RecordingPortDevice()
        try machine.portIO.claim(0xF4...0xF4, name: "exit", device: exitPort)
        let vcpu = try InterpreterEngine().makeVirtualCPU(
            memory: memory, context: .realMode(codeSegment: 0, instructionPointer: 0x7C00, stackPointer: 0x7C00))
        let outcome = machine.run(vcpu, timeout: .seconds(20))
        return (outcome, serial.text(at: 0x3F8), exitPort.writes.first?.value)
    }

    @Test func realModeGuest() throws {
        let result = try run("real-mode.S")
        #expect(result.serial == "real mode: sum 1..100 = 5050\n")
        #expect(result.exitCode == 0x21)
    }

    @Test func protectedModeGuestWithPaging() throws {
        let result = try run("protected-mode.S")
        #expect(result.serial == "protected mode: 32-bit code running\nprotected mode: paging works\n")
        #expect(result.exitCode == 0x32)
    }

    @Test func longModeGuestWithPaging() throws {
        let result = try run("long-mode.S")
        #expect(result.serial == "long mode: 64-bit code running\nlong mode: 4 KiB and 2 MiB pages work\n")
        #expect(result.exitCode == 0x40)
    }
}
