import X86

/// Flat 32-bit protected mode as a boot loader leaves it: a GDT of a null, a code (0x08) and a data (0x10)
/// descriptor, each with base 0 and limit 4 GiB, and segment registers loaded from it.
enum FlatProtectedMode {
    static let codeSelector: UInt16 = 0x08
    static let dataSelector: UInt16 = 0x10
    /// The GDT's descriptors: present, DPL 0, 32-bit, 4 KiB granularity, already accessed.
    static let descriptors: [UInt64] = [
        0,
        0x00CF_9B00_0000_FFFF,  // code: execute/read
        0x00CF_9300_0000_FFFF,  // data: read/write
    ]

    static var gdtBytes: [UInt8] {
        var bytes: [UInt8] = []
        for descriptor in descriptors { bytes.appendLittleEndian(descriptor) }
        return bytes
    }

    /// A processor in flat protected mode (paging off, interrupts off) at `entry`, with GDTR at `gdtBase`.
    static func context(entry: UInt64, gdtBase: UInt64) -> VCPUContext {
        var context = VCPUContext()
        context.cr0 = CR0.protectionEnable | CR0.extensionType
        context.rflags = RFlags.reserved1
        context.rip = entry
        context.gdtr = DescriptorTableRegister(base: gdtBase, limit: UInt16(descriptors.count * 8 - 1))
        for name in SegmentName.allCases {
            let selector = name == .cs ? codeSelector : dataSelector
            let descriptor = descriptors[Int(selector >> 3)]
            context[name] = SegmentRegister(
                selector: selector, base: 0, limit: 0xFFFF_FFFF,
                access: SegmentAccessRights(descriptorHigh: UInt32(truncatingIfNeeded: descriptor >> 32)))
        }
        return context
    }
}
