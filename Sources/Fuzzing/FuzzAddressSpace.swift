import Machine

/// The guest-physical layout every interpreter input runs in. RAM is kept small (128 KiB) so that
/// rewriting all of it before each input is cheap and every input starts from memory that only
/// its seed decides; a 2 MiB ROM above 1 MiB and holes everywhere else (MMIO exits) fill the rest.
///
/// RAM: the playground (real-mode IVT, data, code at 0x8000, stack at 0xF000) below 64 KiB, where
/// 16-bit code reaches it, and the system structures (descriptor tables, TSS, handler stubs,
/// page tables, kernel stacks) from 64 KiB.
enum FuzzAddressSpace {
    static let ramSize = 0x2_0000
    static let romBase: UInt64 = 0x10_0000
    static let romSize = 0x20_0000
    /// The bottom of guest-physical memory that no region covers: pages mapped here exit to MMIO.
    static let holeBase: UInt64 = 0xC000_0000

    static let playgroundSize = 0x1_0000
    static let codeAddress: UInt64 = 0x8000
    static let codeSize = 0x2000
    static let stackTop: UInt64 = 0xF800

    static let gdt: UInt64 = 0x1_0000
    static let ldt: UInt64 = 0x1_0800
    static let idt: UInt64 = 0x1_1000
    static let tss: UInt64 = 0x1_2000
    static let stubs: UInt64 = 0x1_4800
    static let pml4: UInt64 = 0x1_5000
    static let pdpt: UInt64 = 0x1_6000
    static let pageDirectory: UInt64 = 0x1_7000
    static let pageTable: UInt64 = 0x1_8000
    static let legacyPageDirectory: UInt64 = 0x1_9000
    static let legacyPageTable: UInt64 = 0x1_A000
    static let paePointerTable: UInt64 = 0x1_B000
    static let interruptStackTop: UInt64 = 0x1_E000
    static let kernelStackTop: UInt64 = 0x2_0000

    /// Handler stubs: HLT (then a jump back to it), IRET, and IRETQ.
    static let haltStub: UInt64 = stubs
    static let returnStub: UInt64 = stubs + 0x10
    static let returnStub64: UInt64 = stubs + 0x20
    static let stubBytes: [(offset: Int, bytes: [UInt8])] = [(0, [0xF4, 0xEB, 0xFD]), (0x10, [0xCF]), (0x20, [0x48, 0xCF])]

    /// Builds the memory: zeroed RAM and a ROM filled from `pool`.
    static func makeMemory(pool: RandomPool) throws -> GuestMemory {
        let memory = GuestMemory()
        try memory.addRAM(name: "ram", at: 0, size: UInt64(ramSize))
        try memory.addROM(name: "rom", at: romBase, contents: (0..<romSize).map { pool.bytes[$0 % pool.bytes.count] })
        return memory
    }
}
