import Testing
import X86

/// The vCPU context: the power-on state, derived mode and privilege, the dump, FXSAVE images.
@Suite struct VCPUContextTests {
    @Test func powerOnIsTheArchitecturalResetState() {
        let context = VCPUContext.powerOn()
        #expect(context[.cs].selector == 0xF000)
        #expect(context[.cs].base == 0xFFFF_0000)
        #expect(context.rip == 0xFFF0)
        #expect(context.cr0 == 0x6000_0010)
        #expect(context.rflags == 0x2)
        #expect(context[.rdx] == VCPUContext.resetSignature)
        #expect(context.mode == .real)
        #expect(context.cpl == 0)
        #expect(context.fpu.controlWord == 0x037F)
        #expect(context.fpu.mxcsr == 0x1F80)
    }

    @Test func modeFollowsControlRegistersAndCodeSegment() {
        var context = VCPUContext.powerOn()
        context.cr0 |= CR0.protectionEnable
        context[.cs].access = SegmentAccessRights(type: 0xB, system: false, dpl: 0, present: true, defaultBig: true)
        #expect(context.mode == .protected32)
        context.efer = EFER.longModeEnable | EFER.longModeActive
        context[.cs].access = SegmentAccessRights(type: 0xB, system: false, dpl: 3, present: true, longMode: true)
        context[.ss].access = SegmentAccessRights(type: 3, system: false, dpl: 3, present: true)
        #expect(context.mode == .long64)
        #expect(context.cpl == 3)
    }

    @Test func dumpShowsRegistersAndSegments() {
        var context = VCPUContext.powerOn()
        context[.rax] = 0x1234
        let dump = context.description
        #expect(dump.contains("RAX=0000000000001234"))
        #expect(dump.contains("RIP=000000000000fff0"))
        #expect(dump.contains("CS =f000 00000000ffff0000"))
        #expect(dump.contains("mode=real"))
    }

    @Test func fxsaveImageRoundTripsWithStackSlotsRotatedByTop() {
        var state = FloatingPointState()
        state.statusWord = 5 << 11
        for index in 0..<8 { state.registers[index] = X87Register(significand: UInt64(index) << 60 | 1, signAndExponent: UInt16(0x3FFF + index)) }
        for index in 0..<16 { state.xmm[index] = UInt128(index) << 100 | 7 }
        var image = [UInt8](repeating: 0xAA, count: FloatingPointState.fxsaveSize)
        image.withUnsafeMutableBytes { state.writeFXSAVE(to: $0) }
        // Slot 0 holds ST(0), which is physical register TOP = 5.
        #expect(image[32 + 8] == UInt8(truncatingIfNeeded: 0x3FFF + 5))
        #expect(image.withUnsafeBytes { FloatingPointState(fxsave: $0) } == state)
    }
}
