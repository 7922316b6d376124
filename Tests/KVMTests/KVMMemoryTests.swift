import KVM
import Machine
import Testing
import TestSupport
import X86

// skipped: /dev/kvm cannot be opened
@Suite(.enabled(if: KVMAvailability.canOpen, "skipped: /dev/kvm cannot be opened"))
struct KVMMemoryTests {
    @Test func loadsAndStoresInAHoleReachTheMMIODevice() throws {
        let guest = try KVMTestMachine.realMode(code: [
            0xB8, 0x00, 0x20,  // mov ax, 0x2000
            0x8E, 0xD8,  // mov ds, ax
            0xC6, 0x06, 0x10, 0x00, 0x5A,  // mov byte [0x10], 0x5a
            0xC7, 0x06, 0x12, 0x00, 0x34, 0x12,  // mov word [0x12], 0x1234
            0x66, 0xC7, 0x06, 0x14, 0x00, 0xBE, 0xBA, 0xFE, 0xCA,  // mov dword [0x14], 0xcafebabe
            0xA0, 0x20, 0x00,  // mov al, [0x20]
            0x8B, 0x0E, 0x22, 0x00,  // mov cx, [0x22]
            0x66, 0x8B, 0x16, 0x24, 0x00,  // mov edx, [0x24]
            0xF4,  // hlt
        ])
        let device = RecordingMMIODevice()
        try guest.machine.mmio.claim(base: 0x2_0000, size: 0x1000, name: "test", device: device)

        #expect(guest.run() == .halted)
        #expect(device.writes == [
            .init(offset: 0x10, size: 1, value: 0x5A),
            .init(offset: 0x12, size: 2, value: 0x1234),
            .init(offset: 0x14, size: 4, value: 0xCAFE_BABE),
        ])
        #expect(device.reads == [
            .init(offset: 0x20, size: 1, value: nil),
            .init(offset: 0x22, size: 2, value: nil),
            .init(offset: 0x24, size: 4, value: nil),
        ])
        let context = guest.vcpu.context
        #expect(context[.rax] & 0xFF == 0x88)
        #expect(context[.rcx] & 0xFFFF == 0x7788)
        #expect(context[.rdx] & 0xFFFF_FFFF == 0x5566_7788)
    }

    @Test func guestWritesToROMAreDroppedWithoutReachingTheBus() throws {
        let guest = try KVMTestMachine.realMode(code: [
            0xB8, 0x00, 0x10,  // mov ax, 0x1000
            0x8E, 0xD8,  // mov ds, ax
            0xC6, 0x06, 0x00, 0x00, 0x55,  // mov byte [0], 0x55
            0xA0, 0x00, 0x00,  // mov al, [0]
            0xF4,  // hlt
        ]) { memory in
            try memory.addROM(name: "rom", at: 0x1_0000, contents: [UInt8](repeating: 0xAA, count: 0x1000))
        }

        #expect(guest.run() == .halted)
        #expect(guest.vcpu.context[.rax] & 0xFF == 0xAA)
        #expect(guest.memory.load(UInt8.self, at: 0x1_0000) == 0xAA)
        #expect(guest.machine.mmio.unclaimedAccesses == 0)
        #expect(guest.machine.exits.counts["mmio"] == nil)
    }

    @Test func unclaimedHoleReadsAsAllOnes() throws {
        let guest = try KVMTestMachine.realMode(code: [
            0xB8, 0x00, 0x30,  // mov ax, 0x3000
            0x8E, 0xD8,  // mov ds, ax
            0x8B, 0x0E, 0x00, 0x00,  // mov cx, [0]
            0xF4,  // hlt
        ])
        #expect(guest.run() == .halted)
        #expect(guest.vcpu.context[.rcx] & 0xFFFF == 0xFFFF)
        #expect(guest.machine.mmio.unclaimedAccesses == 1)
    }

    @Test func memoryRegionsMustBePageAligned() throws {
        let memory = GuestMemory()
        try memory.addRAM(name: "ram", at: 0, size: 0x1_0000)
        try memory.addROM(name: "option rom", at: 0x2_0000, contents: [UInt8](repeating: 0, count: 100))
        let engine = try KVMEngine()
        #expect(throws: KVMError.unalignedRegion(name: "option rom", base: 0x2_0000, size: 100)) {
            _ = try engine.makeVirtualCPU(memory: memory, context: VCPUContext())
        }
    }

    @Test func aContextReadBetweenTheHalvesOfASplitMMIOStoreKeepsTheSecondHalf() throws {
        let guest = try KVMTestMachine.realMode(code: [
            0xB8, 0x00, 0x20,  // mov ax, 0x2000
            0x8E, 0xD8,  // mov ds, ax
            0x0F, 0x11, 0x06, 0x40, 0x00,  // movups [0x40], xmm0
            0xF4,  // hlt
        ])
        var context = guest.vcpu.context
        context.cr4 |= CR4.osfxsr
        context.fpu.xmm[0] = UInt128(0x1111_2222_3333_4444) << 64 | UInt128(0x5555_6666_7777_8888)
        guest.vcpu.context = context

        #expect(guest.vcpu.run() == .mmioWrite(address: 0x2_0040, size: 8, value: 0x5555_6666_7777_8888))
        _ = guest.vcpu.context
        #expect(guest.vcpu.run() == .mmioWrite(address: 0x2_0048, size: 8, value: 0x1111_2222_3333_4444))
        #expect(guest.vcpu.run() == .halt)
        #expect(guest.vcpu.context.rip == 11)
    }
}
