import Machine
import Testing
import TestSupport
import X86

// skipped: /dev/kvm cannot be opened
@Suite(.enabled(if: KVMAvailability.canOpen, "skipped: /dev/kvm cannot be opened"))
struct KVMModeSwitchTests {
    /// Starts in real mode at 0x1000 and switches itself to protected mode, then to long mode,
    /// reporting each step on port 0x10.
    private static let code: [UInt8] = [
        0xFA,  // cli
        0x0F, 0x01, 0x16, 0x80, 0x00,  // lgdt [0x80]
        0x0F, 0x20, 0xC0,  // mov eax, cr0
        0x66, 0x83, 0xC8, 0x01,  // or eax, 1
        0x0F, 0x22, 0xC0,  // mov cr0, eax
        0x66, 0xEA, 0x18, 0x10, 0x00, 0x00, 0x08, 0x00,  // jmp dword 0x08:0x1018
        // 0x1018, 32-bit protected mode
        0x66, 0xB8, 0x10, 0x00,  // mov ax, 0x10
        0x8E, 0xD8,  // mov ds, ax
        0x8E, 0xD0,  // mov ss, ax
        0xB0, 0x32,  // mov al, 0x32
        0xE6, 0x10,  // out 0x10, al
        0x0F, 0x20, 0xE0,  // mov eax, cr4
        0x83, 0xC8, 0x20,  // or eax, 0x20 (PAE)
        0x0F, 0x22, 0xE0,  // mov cr4, eax
        0xB8, 0x00, 0x40, 0x00, 0x00,  // mov eax, 0x4000
        0x0F, 0x22, 0xD8,  // mov cr3, eax
        0xB9, 0x80, 0x00, 0x00, 0xC0,  // mov ecx, 0xc0000080 (EFER)
        0x0F, 0x32,  // rdmsr
        0x0D, 0x00, 0x01, 0x00, 0x00,  // or eax, 0x100 (LME)
        0x0F, 0x30,  // wrmsr
        0x0F, 0x20, 0xC0,  // mov eax, cr0
        0x0D, 0x00, 0x00, 0x00, 0x80,  // or eax, 0x80000000 (PG)
        0x0F, 0x22, 0xC0,  // mov cr0, eax
        0xEA, 0x55, 0x10, 0x00, 0x00, 0x18, 0x00,  // jmp 0x18:0x1055
        // 0x1055, 64-bit mode
        0xB0, 0x64,  // mov al, 0x64
        0xE6, 0x10,  // out 0x10, al
        0xF4,  // hlt
    ]

    @Test func aRealModeGuestSwitchesToProtectedAndThenLongMode() throws {
        let guest = try KVMTestMachine.realMode(code: Self.code)
        let descriptors: [UInt64] = [
            0,
            0x00CF_9A00_0000_FFFF,  // 0x08: code, 32-bit
            0x00CF_9200_0000_FFFF,  // 0x10: data
            0x00AF_9A00_0000_FFFF,  // 0x18: code, 64-bit
        ]
        for (index, descriptor) in descriptors.enumerated() {
            guest.memory.store(descriptor, at: 0x1060 + UInt64(index * 8))
        }
        guest.memory.store(UInt16(descriptors.count * 8 - 1), at: 0x1080)
        guest.memory.store(UInt32(0x1060), at: 0x1082)
        guest.memory.store(UInt64(0x5000 | 0x3), at: 0x4000)  // PML4[0] → PDPT
        guest.memory.store(UInt64(0x6000 | 0x3), at: 0x5000)  // PDPT[0] → PD
        guest.memory.store(UInt64(0x83), at: 0x6000)  // PD[0]: 2 MiB page at 0
        let device = RecordingPortDevice()
        try guest.machine.portIO.claim(0x10...0x10, name: "progress", device: device)

        #expect(guest.run() == .halted)
        #expect(device.writes.map(\.value) == [0x32, 0x64])
        let context = guest.vcpu.context
        #expect(context.mode == .long64)
        #expect(context[.cs].selector == 0x18)
        #expect(context.rip == 0x105A)
    }
}
