import X86

/// What the interpreter's 64-bit test guests share: the CPL-0 long-mode context (code selector
/// 0x08, data 0x10, paging with PAE, SSE enabled) and the encoding of an interrupt gate.
enum LongModeContext {
    /// A 64-bit CPL-0 context with flat segments, over the page tables at `pml4`.
    static func kernel(pml4: UInt64, gdt: DescriptorTableRegister, idt: DescriptorTableRegister, taskRegister: SegmentRegister) -> VCPUContext {
        var context = VCPUContext()
        context.cr0 = CR0.protectionEnable | CR0.monitorCoprocessor | CR0.extensionType | CR0.numericError | CR0.writeProtect | CR0.paging
        context.cr3 = pml4
        context.cr4 = CR4.physicalAddressExtension | CR4.osfxsr | CR4.osxmmexcpt
        context.efer = EFER.longModeEnable | EFER.longModeActive
        context.gdtr = gdt
        context.idtr = idt
        let code = SegmentRegister(
            selector: 0x08, base: 0, limit: 0xFFFF_FFFF,
            access: SegmentAccessRights(type: 0xB, system: false, dpl: 0, present: true, longMode: true, granularity: true))
        let data = SegmentRegister(
            selector: 0x10, base: 0, limit: 0xFFFF_FFFF,
            access: SegmentAccessRights(type: 0x3, system: false, dpl: 0, present: true, defaultBig: true, granularity: true))
        for name in SegmentName.allCases { context[name] = name == .cs ? code : data }
        context.tr = taskRegister
        context.ldtr = SegmentRegister(selector: 0, base: 0, limit: 0, access: .unusable)
        return context
    }

    /// The two quadwords of a 64-bit interrupt gate (DPL 0) to `handler` in code segment 0x08.
    static func interruptGate(to handler: UInt64) -> (low: UInt64, high: UInt64) {
        (handler & 0xFFFF | 0x08 << 16 | 0x8E00 << 32 | (handler >> 16 & 0xFFFF) << 48, handler >> 32)
    }
}
