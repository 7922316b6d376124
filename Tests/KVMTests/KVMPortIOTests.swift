import Machine
import Testing
import TestSupport
import X86

// skipped: /dev/kvm cannot be opened
@Suite(.enabled(if: KVMAvailability.canOpen, "skipped: /dev/kvm cannot be opened"))
struct KVMPortIOTests {
    @Test func outWritesReachTheDeviceAndHLTEndsTheRun() throws {
        let guest = try KVMTestMachine.realMode(code: [
            0xB0, 0x42,  // mov al, 0x42
            0xE6, 0x80,  // out 0x80, al
            0xB8, 0x34, 0x12,  // mov ax, 0x1234
            0xBA, 0xF8, 0x03,  // mov dx, 0x3f8
            0xEF,  // out dx, ax
            0x66, 0xB8, 0xEF, 0xBE, 0xAD, 0xDE,  // mov eax, 0xdeadbeef
            0x66, 0xEF,  // out dx, eax
            0xF4,  // hlt
        ])
        let device = RecordingPortDevice()
        try guest.machine.portIO.claim(0x80...0x80, name: "post", device: device)
        try guest.machine.portIO.claim(0x3F8...0x3FF, name: "uart", device: device)

        #expect(guest.run() == .halted)
        #expect(device.writes == [
            .init(port: 0x80, size: 1, value: 0x42),
            .init(port: 0x3F8, size: 2, value: 0x1234),
            .init(port: 0x3F8, size: 4, value: 0xDEAD_BEEF),
        ])
        #expect(guest.vcpu.context.rip == 20)
        #expect(guest.machine.exits.counts["hlt"] == 1)
    }

    @Test func inReturnsTheDeviceValueInALAXAndEAX() throws {
        let guest = try KVMTestMachine.realMode(code: [
            0xE4, 0x60,  // in al, 0x60
            0x88, 0xC3,  // mov bl, al
            0xBA, 0xF8, 0x03,  // mov dx, 0x3f8
            0xED,  // in ax, dx
            0x89, 0xC1,  // mov cx, ax
            0x66, 0xED,  // in eax, dx
            0xF4,  // hlt
        ])
        let device = RecordingPortDevice()
        device.readValue = 0x8877_6655
        try guest.machine.portIO.claim(0x60...0x60, name: "keyboard", device: device)
        try guest.machine.portIO.claim(0x3F8...0x3FF, name: "uart", device: device)

        #expect(guest.run() == .halted)
        let context = guest.vcpu.context
        #expect(context[.rbx] & 0xFF == 0x55)
        #expect(context[.rcx] & 0xFFFF == 0x6655)
        #expect(context[.rax] & 0xFFFF_FFFF == 0x8877_6655)
        #expect(device.reads == [0x60, 0x3F8, 0x3F8])
    }

    @Test func contextReadAfterACompletedINShowsTheFinishedInstruction() throws {
        let guest = try KVMTestMachine.realMode(code: [
            0xE4, 0x60,  // in al, 0x60
            0xF4,  // hlt
        ])
        #expect(guest.vcpu.run() == .portRead(port: 0x60, size: 1))
        guest.vcpu.completePortRead(0x77)
        let context = guest.vcpu.context
        #expect(context[.rax] & 0xFF == 0x77)
        #expect(context.rip == 2)
        #expect(guest.vcpu.run() == .halt)
    }

    @Test func stringOUTAndINHandOutOneExitPerElement() throws {
        let code: [UInt8] = [
            0xFC,  // cld
            0xBE, 0x00, 0x01,  // mov si, 0x100
            0xB9, 0x04, 0x00,  // mov cx, 4
            0xBA, 0xF8, 0x03,  // mov dx, 0x3f8
            0xF3, 0x6E,  // rep outsb
            0xBF, 0x00, 0x02,  // mov di, 0x200
            0xB9, 0x03, 0x00,  // mov cx, 3
            0xF3, 0x6D,  // rep insw
            0xF4,  // hlt
        ]
        let guest = try KVMTestMachine.realMode(code: code)
        guest.memory.write([0x11, 0x22, 0x33, 0x44], at: KVMTestMachine.realModeCodeAddress + 0x100)
        let device = RecordingPortDevice()
        device.queuedReads = [0xA1A2, 0xB1B2, 0xC1C2]
        try guest.machine.portIO.claim(0x3F8...0x3FF, name: "uart", device: device)

        #expect(guest.run() == .halted)
        #expect(device.writes.map(\.value) == [0x11, 0x22, 0x33, 0x44])
        #expect(device.writes.allSatisfy { $0.port == 0x3F8 && $0.size == 1 })
        #expect(device.reads == [0x3F8, 0x3F8, 0x3F8])
        #expect(guest.memory.read(at: KVMTestMachine.realModeCodeAddress + 0x200, count: 6)
            == [0xA2, 0xA1, 0xB2, 0xB1, 0xC2, 0xC1])
        let context = guest.vcpu.context
        #expect(context[.rcx] & 0xFFFF == 0)
        #expect(context[.rsi] & 0xFFFF == 0x104)
        #expect(context[.rdi] & 0xFFFF == 0x206)
    }

    @Test func aStringINLongerThanTheDataAreaIsDeliveredWhole() throws {
        let guest = try KVMTestMachine.realMode(code: [
            0xFC,  // cld
            0xBF, 0x00, 0x20,  // mov di, 0x2000
            0xB9, 0x88, 0x13,  // mov cx, 5000
            0xBA, 0xF8, 0x03,  // mov dx, 0x3f8
            0xF3, 0x6C,  // rep insb
            0xF4,  // hlt
        ])
        let device = RecordingPortDevice()
        device.queuedReads = (0..<5000).map { UInt64($0 % 251) }
        try guest.machine.portIO.claim(0x3F8...0x3FF, name: "uart", device: device)

        #expect(guest.run() == .halted)
        #expect(device.reads.count == 5000)
        #expect(guest.memory.read(at: KVMTestMachine.realModeCodeAddress + 0x2000, count: 5000)
            == (0..<5000).map { UInt8($0 % 251) })
        #expect(guest.vcpu.context[.rcx] & 0xFFFF == 0)
    }
}
