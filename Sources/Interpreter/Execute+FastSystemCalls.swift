import X86

/// SYSCALL/SYSRET and SYSENTER/SYSEXIT, which load flat CS and SS caches without reading descriptors.
extension InterpreterCore {
    private static func flatCode(selector: UInt16, dpl: UInt8, long: Bool) -> SegmentRegister {
        SegmentRegister(
            selector: selector, base: 0, limit: 0xFFFF_FFFF,
            access: SegmentAccessRights(type: 0xB, system: false, dpl: dpl, present: true, longMode: long, defaultBig: !long, granularity: true))
    }

    private static func flatData(selector: UInt16, dpl: UInt8) -> SegmentRegister {
        SegmentRegister(
            selector: selector, base: 0, limit: 0xFFFF_FFFF,
            access: SegmentAccessRights(type: 3, system: false, dpl: dpl, present: true, defaultBig: true, granularity: true))
    }

    @inline(never)
    mutating func systemCall() throws(Interruption) {
        guard state.efer & EFER.systemCallExtensions != 0, mode != .real, mode != .virtual8086 else { throw .invalidOpcode }
        let selector = UInt16(truncatingIfNeeded: state.msr.star >> 32) & 0xFFFC
        let long = state.efer & EFER.longModeActive != 0
        if long {
            gpr[1] = state.rip
            gpr[11] = rflags & ~RFlags.resume
            state.rip = decodeMode == .bits64 ? state.msr.lstar : state.msr.cstar
            rflags = rflags & ~(state.msr.sfmask | RFlags.resume)
        } else {
            gpr[1] = state.rip & 0xFFFF_FFFF
            state.rip = state.msr.star & 0xFFFF_FFFF
            rflags = rflags & ~(RFlags.virtual8086 | RFlags.interruptEnable | RFlags.resume)
        }
        state.segments[SegmentName.cs.rawValue] = Self.flatCode(selector: selector, dpl: 0, long: long)
        state.segments[SegmentName.ss.rawValue] = Self.flatData(selector: selector &+ 8, dpl: 0)
        modeChanged()
    }

    @inline(never)
    mutating func systemReturn(size: Int) throws(Interruption) {
        guard state.efer & EFER.systemCallExtensions != 0, mode != .real, mode != .virtual8086 else { throw .invalidOpcode }
        try requirePrivilege()
        let base = UInt16(truncatingIfNeeded: state.msr.star >> 48)
        let long = state.efer & EFER.longModeActive != 0
        if long {
            let toLong = size == 8
            if toLong && !Self.isCanonical(gpr[1]) { throw .generalProtection() }
            state.segments[SegmentName.cs.rawValue] = Self.flatCode(selector: (toLong ? base &+ 16 : base) | 3, dpl: 3, long: toLong)
            state.rip = toLong ? gpr[1] : gpr[1] & 0xFFFF_FFFF
            rflags = gpr[11] & 0x3C_7FD7 | RFlags.reserved1
        } else {
            state.segments[SegmentName.cs.rawValue] = Self.flatCode(selector: base | 3, dpl: 3, long: false)
            state.rip = gpr[1] & 0xFFFF_FFFF
            rflags |= RFlags.interruptEnable
        }
        var stack = state.segments[SegmentName.ss.rawValue]
        stack.selector = (base &+ 8) | 3
        stack.access = Self.flatData(selector: stack.selector, dpl: 3).access
        state.segments[SegmentName.ss.rawValue] = stack
        modeChanged()
    }

    @inline(never)
    mutating func systemEnter() throws(Interruption) {
        guard mode != .real else { throw .generalProtection() }
        let selector = UInt16(truncatingIfNeeded: state.msr.sysenterCS) & 0xFFFC
        guard selector != 0 else { throw .generalProtection() }
        let long = state.efer & EFER.longModeActive != 0
        rflags = rflags & ~(RFlags.virtual8086 | RFlags.interruptEnable | RFlags.resume)
        state.segments[SegmentName.cs.rawValue] = Self.flatCode(selector: selector, dpl: 0, long: long)
        state.segments[SegmentName.ss.rawValue] = Self.flatData(selector: selector &+ 8, dpl: 0)
        state.rip = long ? state.msr.sysenterEIP : state.msr.sysenterEIP & 0xFFFF_FFFF
        gpr[4] = long ? state.msr.sysenterESP : state.msr.sysenterESP & 0xFFFF_FFFF
        modeChanged()
    }

    @inline(never)
    mutating func systemExit(size: Int) throws(Interruption) {
        guard mode != .real, mode != .virtual8086 else { throw .generalProtection() }
        try requirePrivilege()
        let base = UInt16(truncatingIfNeeded: state.msr.sysenterCS) & 0xFFFC
        guard base != 0 else { throw .generalProtection() }
        let toLong = size == 8
        state.segments[SegmentName.cs.rawValue] = Self.flatCode(selector: (toLong ? base &+ 32 : base &+ 16) | 3, dpl: 3, long: toLong)
        state.segments[SegmentName.ss.rawValue] = Self.flatData(selector: (toLong ? base &+ 40 : base &+ 24) | 3, dpl: 3)
        state.rip = toLong ? gpr[2] : gpr[2] & 0xFFFF_FFFF
        gpr[4] = toLong ? gpr[1] : gpr[1] & 0xFFFF_FFFF
        modeChanged()
    }
}
