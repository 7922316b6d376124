/// The complete architectural state of one x86-64 logical processor: the virtual registers every
/// engine reads and writes.
public struct VCPUContext: Sendable {
    public var gpr = InlineArray<16, UInt64>(repeating: 0)
    public var rip: UInt64 = 0
    public var rflags: UInt64 = RFlags.reserved1
    public var segments = InlineArray<6, SegmentRegister>(
        repeating: SegmentRegister(selector: 0, base: 0, limit: 0xFFFF, access: .realModeData))
    public var ldtr = SegmentRegister(
        selector: 0, base: 0, limit: 0xFFFF, access: SegmentAccessRights(type: 2, system: true, dpl: 0, present: true))
    public var tr = SegmentRegister(
        selector: 0, base: 0, limit: 0xFFFF, access: SegmentAccessRights(type: 3, system: true, dpl: 0, present: true))
    public var gdtr = DescriptorTableRegister(base: 0, limit: 0xFFFF)
    public var idtr = DescriptorTableRegister(base: 0, limit: 0xFFFF)
    public var cr0: UInt64 = 0x6000_0010
    public var cr2: UInt64 = 0
    public var cr3: UInt64 = 0
    public var cr4: UInt64 = 0
    public var cr8: UInt64 = 0
    public var efer: UInt64 = 0
    public var dr = InlineArray<4, UInt64>(repeating: 0)
    public var dr6: UInt64 = 0xFFFF_0FF0
    public var dr7: UInt64 = 0x400
    public var msr = ModelSpecificRegisters()
    public var fpu = FloatingPointState()
    public var events = PendingEvents()

    public init() {}

    @inlinable
    public subscript(register: GeneralRegister) -> UInt64 {
        get { gpr[register.rawValue] }
        set { gpr[register.rawValue] = newValue }
    }

    @inlinable
    public subscript(segment: SegmentName) -> SegmentRegister {
        get { segments[segment.rawValue] }
        set { segments[segment.rawValue] = newValue }
    }

    /// The processor signature a reset leaves in EDX (family 6, model 0x55, stepping 4 — what CPUID leaf 1 reports).
    public static let resetSignature: UInt64 = 0x0005_0654

    /// The architectural power-on state: real mode, CS F000 with base FFFF0000, IP FFF0.
    public static func powerOn() -> VCPUContext {
        var context = VCPUContext()
        context.rip = 0xFFF0
        context[.rdx] = resetSignature
        context[.cs] = SegmentRegister(selector: 0xF000, base: 0xFFFF_0000, limit: 0xFFFF, access: .realModeCode)
        return context
    }

    /// A real-mode state that starts at CS:IP with every data segment equal to CS.
    public static func realMode(codeSegment: UInt16, instructionPointer: UInt16, stackPointer: UInt16) -> VCPUContext {
        var context = powerOn()
        for name in SegmentName.allCases {
            context[name] = .realMode(selector: codeSegment, code: name == .cs)
        }
        context.rip = UInt64(instructionPointer)
        context[.rsp] = UInt64(stackPointer)
        return context
    }
}
