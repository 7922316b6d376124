import Machine
import X86

/// A 64-bit guest set up directly from the test: identity-mapped page tables for the first 2 MiB,
/// a GDT, and a long-mode context (CR0.PG|PE, CR4.PAE, EFER.LME|LMA, a 64-bit CS).
enum LongModeGuest {
    static let gdtAddress: UInt64 = 0x500
    static let pml4Address: UInt64 = 0x1000
    static let pdptAddress: UInt64 = 0x2000
    static let pageDirectoryAddress: UInt64 = 0x3000
    static let codeAddress: UInt64 = 0x8000
    static let stackTop: UInt64 = 0x7000

    /// Page-table entry bits: present, writable, user.
    private static let tableEntry: UInt64 = 0x7
    /// Page-directory entry bits: present, writable, user, 2 MiB page.
    private static let largePage: UInt64 = 0x87

    static let kernelCode: UInt16 = 0x08
    static let kernelData: UInt16 = 0x10
    static let userData: UInt16 = 0x18 | 3
    static let userCode: UInt16 = 0x20 | 3

    /// 2 MiB of RAM holding the page tables, the GDT and `code` at `codeAddress`.
    static func memory(code: [UInt8]) throws -> GuestMemory {
        let memory = GuestMemory()
        try memory.addRAM(name: "ram", at: 0, size: 0x20_0000)
        memory.store(pdptAddress | tableEntry, at: pml4Address)
        memory.store(pageDirectoryAddress | tableEntry, at: pdptAddress)
        memory.store(largePage, at: pageDirectoryAddress)
        let descriptors: [UInt64] = [
            0,
            0x00AF_9A00_0000_FFFF,  // kernel code, 64-bit
            0x00CF_9200_0000_FFFF,  // kernel data
            0x00CF_F200_0000_FFFF,  // user data
            0x00AF_FA00_0000_FFFF,  // user code, 64-bit
        ]
        for (index, descriptor) in descriptors.enumerated() {
            memory.store(descriptor, at: gdtAddress + UInt64(index * 8))
        }
        memory.write(code, at: codeAddress)
        return memory
    }

    /// A context at `codeAddress` in 64-bit mode, at CPL 0 or (with IOPL 3, so it may use ports) CPL 3.
    static func context(userMode: Bool = false) -> VCPUContext {
        var context = VCPUContext()
        context.cr0 = CR0.protectionEnable | CR0.monitorCoprocessor | CR0.extensionType | CR0.numericError
            | CR0.writeProtect | CR0.paging
        context.cr3 = pml4Address
        context.cr4 = CR4.physicalAddressExtension | CR4.osfxsr | CR4.osxmmexcpt
        context.efer = EFER.longModeEnable | EFER.longModeActive
        context.gdtr = DescriptorTableRegister(base: gdtAddress, limit: 5 * 8 - 1)
        context.idtr = DescriptorTableRegister(base: 0, limit: 0)
        let dpl: UInt8 = userMode ? 3 : 0
        let code = SegmentRegister(
            selector: userMode ? userCode : kernelCode, base: 0, limit: 0xFFFF_FFFF,
            access: SegmentAccessRights(
                type: 0xB, system: false, dpl: dpl, present: true, longMode: true, granularity: true))
        let data = SegmentRegister(
            selector: userMode ? userData : kernelData, base: 0, limit: 0xFFFF_FFFF,
            access: SegmentAccessRights(
                type: 0x3, system: false, dpl: dpl, present: true, defaultBig: true, granularity: true))
        for name in SegmentName.allCases {
            context[name] = name == .cs ? code : data
        }
        context.tr = SegmentRegister(
            selector: 0, base: 0, limit: 0x67, access: SegmentAccessRights(type: 0xB, system: true, dpl: 0, present: true))
        context.ldtr = SegmentRegister(selector: 0, base: 0, limit: 0, access: .unusable)
        context.rip = codeAddress
        context[.rsp] = stackTop
        context.rflags = RFlags.reserved1 | (userMode ? RFlags.ioplMask : 0)
        return context
    }
}
