import Machine
import X86

/// The address space the differential tests run in: identity-mapped 4 KiB pages, user data, code
/// and the stack below 64 KiB (reachable from 16-bit code), supervisor-only system structures and
/// exception stubs at 1 MiB, and a marker page at the top of the first 2 MiB.
///
/// After each instruction the sequence stores AL to the marker page, which is mapped to a hole in
/// guest-physical memory: an MMIO exit at CPL 3 on both engines, with no I/O privilege needed
/// (the host's KVM may refuse IOPL 3 to user code) and no trip through guest kernel code. It lies
/// far from the data, where no random pointer reaches (this host's KVM emulates instructions that
/// touch MMIO with results of its own); 16-bit code reaches it through FS, whose base points there.
enum DifferentialLayout {
    static let ramSize: UInt64 = 4 << 20
    /// User pages: data 0x1000–0x7FFF and 0x9000–0xEFFF, code 0x8000 (read-only), stack 0xF000.
    static let userDataRanges: [Range<UInt64>] = [0x1000..<0x8000, 0x9000..<0xF000]
    /// Every page user code may write (page 0 and the stack too): rewritten before each sequence,
    /// so that no sequence sees what an earlier one left (say, bytes the engines may write
    /// differently when a string instruction faults).
    static let userWritableRanges: [Range<UInt64>] = [0..<0x8000, 0x9000..<0x10000]
    static let codeAddress: UInt64 = 0x8000
    static let stackPage: Range<UInt64> = 0xF000..<0x10000
    static let markerPage: UInt64 = 0x1F_F000
    static let markerAddress: UInt64 = 0x1F_FFF0
    /// The hole the marker page maps to.
    static let markerPhysicalPage: UInt64 = 0xC000_0000
    static let stackTop: UInt64 = 0xFF00
    static let userTop: UInt64 = 0x10000

    static let pml4: UInt64 = 0x10_0000
    static let pdpt: UInt64 = 0x10_1000
    static let pageDirectory: UInt64 = 0x10_2000
    static let pageTable: UInt64 = 0x10_3000
    static let gdt: UInt64 = 0x10_4000
    static let idt: UInt64 = 0x10_5000
    static let tss: UInt64 = 0x10_6000
    static let stubs: UInt64 = 0x10_7000
    static let kernelStackTop: UInt64 = 0x10_9000

    /// Exception stubs (CPL 0) write `exceptionPortBase + vector`.
    static let exceptionPortBase: UInt16 = 0xC0

    /// The marker instruction for `mode`: MOV [markerAddress], AL (through FS in 16-bit code).
    static func marker(for mode: DifferentialMode) -> [UInt8] {
        let bytes = (0..<4).map { UInt8(truncatingIfNeeded: markerAddress >> UInt64($0 * 8)) }
        switch mode {
        case .bits64: return [0x88, 0x04, 0x25] + bytes
        case .compatibility32: return [0xA2] + bytes
        case .compatibility16: return [0x64, 0xA2, bytes[0], bytes[1]]
        }
    }

    // The selectors of Linux's GDT: this host's KVM runs guest user code on the host's own user
    // segments, so only these values read back the same (MOV from CS, PUSH SS…).
    static let kernelCode: UInt16 = 0x10
    static let kernelData: UInt16 = 0x18
    static let userCode32: UInt16 = 0x23
    static let userData: UInt16 = 0x2B
    static let userCode64: UInt16 = 0x33
    static let userCode16: UInt16 = 0x3B
    static let userData16: UInt16 = 0x43
    static let markerSegment: UInt16 = 0x4B
    static let taskState: UInt16 = 0x50

    /// Builds the address space into fresh guest memory.
    static func makeMemory() throws -> GuestMemory {
        let memory = GuestMemory()
        try memory.addRAM(name: "ram", at: 0, size: ramSize)
        memory.store(UInt64(pdpt | 0x7), at: pml4)
        memory.store(UInt64(pageDirectory | 0x7), at: pdpt)
        memory.store(UInt64(pageTable | 0x7), at: pageDirectory)
        for page in UInt64(0)..<512 {
            let address = page << 12
            var entry = address | 0x1
            if address == markerPage {
                entry = markerPhysicalPage | 0x7
            } else if address < userTop {
                entry |= 0x4
                if address != codeAddress { entry |= 0x2 }
            } else {
                entry |= 0x2
            }
            memory.store(entry, at: pageTable + page * 8)
        }
        let descriptors: [UInt64] = [
            0,
            0,
            // Accessed bits set, as the processor leaves them once the segments are in use.
            0x00AF_9B00_0000_FFFF,  // kernel code, 64-bit
            0x00CF_9300_0000_FFFF,  // kernel data
            0x00CF_FB00_0000_FFFF,  // user code, 32-bit
            0x00CF_F300_0000_FFFF,  // user data
            0x00AF_FB00_0000_FFFF,  // user code, 64-bit
            0x0000_FB00_0000_FFFF,  // user code, 16-bit
            0x0000_F300_0000_FFFF,  // user data, 16-bit stack
            0x0000_F31F_0000_FFFF,  // user data based at the marker page's 64 KiB window (for 16-bit code)
        ]
        for (index, descriptor) in descriptors.enumerated() {
            memory.store(descriptor, at: gdt + UInt64(index) * 8)
        }
        let tssLow: UInt64 = 0x67 | (tss & 0xFF_FFFF) << 16 | 0x89 << 40 | ((tss >> 24) & 0xFF) << 56
        memory.store(tssLow, at: gdt + UInt64(taskState))
        memory.store(tss >> 32, at: gdt + UInt64(taskState) + 8)
        memory.store(kernelStackTop, at: tss + 4)
        memory.store(UInt16(0x68), at: tss + 0x66)
        for vector in UInt64(0)..<32 {
            let stub = stubs + vector * 16
            memory.write([0xE6, UInt8(exceptionPortBase) + UInt8(vector), 0xF4], at: stub)
            let gateLow = (stub & 0xFFFF) | UInt64(kernelCode) << 16 | 0x8E << 40 | ((stub >> 16) & 0xFFFF) << 48
            memory.store(gateLow, at: idt + vector * 16)
            memory.store(stub >> 32, at: idt + vector * 16 + 8)
        }
        return memory
    }

    /// The context that enters `mode` at CPL 3 at the code page, with system registers loaded.
    static func initialContext(mode: DifferentialMode) -> VCPUContext {
        var context = VCPUContext()
        context.cr0 = CR0.protectionEnable | CR0.monitorCoprocessor | CR0.extensionType | CR0.numericError | CR0.writeProtect | CR0.paging
        context.cr3 = pml4
        context.cr4 = CR4.physicalAddressExtension | CR4.osfxsr | CR4.osxmmexcpt
        context.efer = EFER.systemCallExtensions | EFER.longModeEnable | EFER.longModeActive | EFER.noExecuteEnable
        context.gdtr = DescriptorTableRegister(base: gdt, limit: UInt16(taskState) + 15)
        context.idtr = DescriptorTableRegister(base: idt, limit: 32 * 16 - 1)
        context.tr = SegmentRegister(
            selector: taskState, base: tss, limit: 0x67, access: SegmentAccessRights(type: 0xB, system: true, dpl: 0, present: true))
        context.ldtr = SegmentRegister(selector: 0, base: 0, limit: 0, access: .unusable)
        let codeSelector: UInt16
        let codeRights: SegmentAccessRights
        switch mode {
        case .bits64:
            codeSelector = userCode64
            codeRights = SegmentAccessRights(type: 0xB, system: false, dpl: 3, present: true, longMode: true, granularity: true)
        case .compatibility32:
            codeSelector = userCode32
            codeRights = SegmentAccessRights(type: 0xB, system: false, dpl: 3, present: true, defaultBig: true, granularity: true)
        case .compatibility16:
            codeSelector = userCode16
            codeRights = SegmentAccessRights(type: 0xB, system: false, dpl: 3, present: true)
        }
        context[.cs] = SegmentRegister(selector: codeSelector, base: 0, limit: mode == .compatibility16 ? 0xFFFF : 0xFFFF_FFFF, access: codeRights)
        let data = SegmentRegister(
            selector: userData, base: 0, limit: 0xFFFF_FFFF,
            access: SegmentAccessRights(type: 3, system: false, dpl: 3, present: true, defaultBig: true, granularity: true))
        for name in [SegmentName.ds, .es, .fs, .gs] { context[name] = data }
        if mode == .bits64 {
            // 64-bit user code runs with null DS, ES, FS and GS, as under Linux (this host's KVM
            // gives guest user code the host's null selectors).
            let null = SegmentRegister(selector: 0, base: 0, limit: 0, access: .unusable)
            for name in [SegmentName.ds, .es, .fs, .gs] { context[name] = null }
        }
        if mode == .compatibility16 {
            context[.fs] = SegmentRegister(
                selector: markerSegment, base: markerPage & ~0xFFFF, limit: 0xFFFF,
                access: SegmentAccessRights(type: 3, system: false, dpl: 3, present: true))
        }
        context[.ss] = mode == .compatibility16
            ? SegmentRegister(selector: userData16, base: 0, limit: 0xFFFF, access: SegmentAccessRights(type: 3, system: false, dpl: 3, present: true))
            : data
        context.rip = codeAddress
        context.rflags = RFlags.reserved1 | RFlags.interruptEnable | RFlags.ioplMask
        return context
    }
}
