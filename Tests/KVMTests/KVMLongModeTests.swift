import Dispatch
import Machine
import Testing
import TestSupport
import X86

// skipped: /dev/kvm cannot be opened
@Suite(.enabled(if: KVMAvailability.canOpen, "skipped: /dev/kvm cannot be opened"))
struct KVMLongModeTests {
    @Test func kernelModeGuestWritesToAPort() throws {
        let memory = try LongModeGuest.memory(code: [
            0x48, 0xB8, 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11,  // mov rax, 0x1122334455667788
            0x48, 0x89, 0xC3,  // mov rbx, rax
            0x48, 0xC1, 0xEB, 0x20,  // shr rbx, 32
            0x89, 0xD8,  // mov eax, ebx
            0xE7, 0x10,  // out 0x10, eax
            0xF4,  // hlt
        ])
        let original = LongModeGuest.context()
        let guest = try KVMTestMachine(memory: memory, context: original)
        let device = RecordingPortDevice()
        try guest.machine.portIO.claim(0x10...0x10, name: "test", device: device)

        #expect(guest.run() == .halted)
        #expect(device.writes == [.init(port: 0x10, size: 4, value: 0x1122_3344)])
        let context = guest.vcpu.context
        #expect(context.mode == .long64)
        #expect(context.cpl == 0)
        #expect(context[.rbx] == 0x1122_3344)
        #expect(context[.rax] == 0x1122_3344)
        #expect(context.rip == LongModeGuest.codeAddress + 22)
        #expect(context.cr3 == LongModeGuest.pml4Address)
        for name in SegmentName.allCases {
            #expect(context[name] == original[name], "\(name.name)")
        }
        #expect(context.tr == original.tr)
        #expect(context.ldtr == original.ldtr)
        #expect(context.gdtr == original.gdtr)
        #expect(context.efer & (EFER.longModeEnable | EFER.longModeActive) == EFER.longModeEnable | EFER.longModeActive)
    }

    @Test func userModeGuestRunsALoopAndStopsThroughAPort() throws {
        let memory = try LongModeGuest.memory(code: [
            0xB9, 0x40, 0x42, 0x0F, 0x00,  // mov ecx, 1000000
            0x48, 0x01, 0xC8,  // again: add rax, rcx
            0xFF, 0xC9,  // dec ecx
            0x75, 0xF9,  // jnz again
            0xE7, 0x10,  // out 0x10, eax
            0xB0, 0x07,  // mov al, 7
            0xE6, 0xF4,  // out 0xf4, al
        ])
        let guest = try KVMTestMachine(memory: memory, context: LongModeGuest.context(userMode: true))
        let device = RecordingPortDevice()
        try guest.machine.portIO.claim(0x10...0x10, name: "test", device: device)
        let debugExit = StopPortDevice(signal: guest.machine.stopSignal)
        try guest.machine.portIO.claim(0xF4...0xF4, name: "debug-exit", device: debugExit)

        #expect(guest.run() == .stopped(.debugExit(code: 7)))
        // The sum 1 + 2 + … + 1000000 is 0x746A5A2920; OUT EAX sends its low half.
        #expect(device.writes == [.init(port: 0x10, size: 4, value: 0x6A5A_2920)])
        let context = guest.vcpu.context
        #expect(context.cpl == 3)
        #expect(context[.rax] == 0x74_6A5A_2907)
    }

    @Test func aSpinningUserModeGuestIsStoppedByTheTimeout() throws {
        let memory = try LongModeGuest.memory(code: [
            0xEB, 0xFE,  // again: jmp again
        ])
        let guest = try KVMTestMachine(memory: memory, context: LongModeGuest.context(userMode: true))
        let clock = ContinuousClock()
        let start = clock.now
        #expect(guest.run(timeout: .milliseconds(200)) == .timedOut)
        #expect(clock.now - start < .seconds(5))
        #expect(guest.vcpu.context.rip == LongModeGuest.codeAddress)
    }

    @Test func requestYieldFromAnotherThreadEndsABlockingRun() throws {
        let memory = try LongModeGuest.memory(code: [
            0xEB, 0xFE,  // again: jmp again
        ])
        let guest = try KVMTestMachine(memory: memory, context: LongModeGuest.context(userMode: true))
        let kicker = YieldKicker(vcpu: guest.vcpu)
        DispatchQueue(label: "kvm-tests.kicker").asyncAfter(deadline: .now() + .milliseconds(100)) { kicker.kick() }
        #expect(guest.vcpu.run() == .yield)
    }

    @Test func anExceptionWithoutAnIDTShutsTheMachineDown() throws {
        let memory = try LongModeGuest.memory(code: [
            0x0F, 0x0B,  // ud2
        ])
        let guest = try KVMTestMachine(memory: memory, context: LongModeGuest.context())
        #expect(guest.run() == .crashed(reason: "triple fault"))
    }
}

/// Hands a vCPU to another thread, whose only call (`requestYield`) the protocol makes thread-safe.
private struct YieldKicker: @unchecked Sendable {
    let vcpu: any VirtualCPU

    func kick() { vcpu.requestYield() }
}
