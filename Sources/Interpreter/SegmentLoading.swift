import X86

/// Loading segment registers: real-mode bases, protected-mode descriptors with their checks.
extension InterpreterCore {
    /// How a far transfer reaches a code segment.
    enum CodeTransfer {
        case jump, call, `return`
    }

    /// A descriptor read from the GDT or LDT.
    struct Descriptor {
        var low: UInt32
        var high: UInt32
        /// Linear address of the descriptor in its table.
        var address: UInt64

        var rights: SegmentAccessRights { SegmentAccessRights(descriptorHigh: high) }

        var base: UInt64 { UInt64(low >> 16) | UInt64(high & 0xFF) << 16 | UInt64(high & 0xFF00_0000) }

        var limit: UInt32 {
            let raw = (low & 0xFFFF) | (high & 0xF_0000)
            return rights.granularity ? raw << 12 | 0xFFF : raw
        }

        func segment(selector: UInt16) -> SegmentRegister {
            SegmentRegister(selector: selector, base: base, limit: limit, access: rights)
        }
    }

    @inline(__always)
    var isRealAddressing: Bool {
        if model == .i8086 { return true }
        let mode = mode
        return mode == .real || mode == .virtual8086
    }

    /// Reads the descriptor `selector` names; #GP(selector) when it lies outside its table.
    mutating func readDescriptor(_ selector: UInt16) throws(Interruption) -> Descriptor {
        let table: (base: UInt64, limit: UInt64)
        if selector & 4 != 0 {
            guard state.ldtr.access.present else { throw .generalProtection(UInt32(selector & 0xFFFC)) }
            table = (state.ldtr.base, UInt64(state.ldtr.limit))
        } else {
            table = (state.gdtr.base, UInt64(state.gdtr.limit))
        }
        let offset = UInt64(selector & 0xFFF8)
        guard offset + 7 <= table.limit else { throw .generalProtection(UInt32(selector & 0xFFFC)) }
        let address = table.base &+ offset
        let low = UInt32(truncatingIfNeeded: try readLinear(address, size: 4, supervisor: true))
        let high = UInt32(truncatingIfNeeded: try readLinear(address &+ 4, size: 4, supervisor: true))
        return Descriptor(low: low, high: high, address: address)
    }

    /// A segment register as virtual-8086 mode loads it: base selector × 16, a 64 KiB limit, DPL 3.
    static func virtual8086Segment(_ selector: UInt16, code: Bool) -> SegmentRegister {
        SegmentRegister(
            selector: selector, base: UInt64(selector) << 4, limit: 0xFFFF,
            access: SegmentAccessRights(type: code ? 0xB : 3, system: false, dpl: 3, present: true))
    }

    /// Sets the accessed bit of a code or data descriptor.
    mutating func markAccessed(_ descriptor: Descriptor) throws(Interruption) {
        if descriptor.high & 0x100 == 0 {
            try writeLinear(descriptor.address &+ 4, size: 4, value: UInt64(descriptor.high | 0x100), supervisor: true)
        }
    }

    /// MOV, POP or LxS to a data segment register or SS (and on the 8086 to CS: execution goes on at the same IP).
    mutating func loadSegment(_ index: Int, selector: UInt16) throws(Interruption) {
        guard index < 6, index != SegmentName.cs.rawValue || model == .i8086 else { throw .invalidOpcode }
        if isRealAddressing {
            var segment = state.segments[index]
            segment.selector = selector
            segment.base = UInt64(selector) << 4
            if mode == .virtual8086 { segment = Self.virtual8086Segment(selector, code: false) }
            state.segments[index] = segment
            if index == SegmentName.ss.rawValue { state.events.interruptShadow = true }
            return
        }
        if index == SegmentName.ss.rawValue {
            try loadStackSegment(selector: selector, privilege: cpl)
            state.events.interruptShadow = true
            return
        }
        if selector & 0xFFFC == 0 {
            state.segments[index] = SegmentRegister(selector: selector, base: 0, limit: 0, access: .unusable)
            return
        }
        let descriptor = try readDescriptor(selector)
        let rights = descriptor.rights
        let error = UInt32(selector & 0xFFFC)
        guard rights.isCodeOrData, !rights.isCode || rights.isWritableOrReadable else { throw .generalProtection(error) }
        if !rights.isConforming {
            let privilege = max(cpl, UInt8(selector & 3))
            guard rights.dpl >= privilege else { throw .generalProtection(error) }
        }
        guard rights.present else { throw .segmentNotPresent(error) }
        try markAccessed(descriptor)
        var segment = descriptor.segment(selector: selector)
        segment.access.rawValue |= 1
        state.segments[index] = segment
    }

    /// Loads SS for code that will run at `privilege`.
    mutating func loadStackSegment(selector: UInt16, privilege: UInt8) throws(Interruption) {
        let error = UInt32(selector & 0xFFFC)
        if selector & 0xFFFC == 0 {
            guard decodeMode == .bits64 || state.efer & EFER.longModeActive != 0, privilege < 3, UInt8(selector & 3) == privilege else {
                throw .generalProtection(0)
            }
            // A null SS in 64-bit mode: unusable, but its DPL still records the privilege level.
            state.segments[SegmentName.ss.rawValue] = SegmentRegister(
                selector: selector, base: 0, limit: 0xFFFF_FFFF,
                access: SegmentAccessRights(type: 3, system: false, dpl: privilege, present: true, defaultBig: true, granularity: true))
            modeChanged()
            return
        }
        let descriptor = try readDescriptor(selector)
        let rights = descriptor.rights
        guard UInt8(selector & 3) == privilege, rights.dpl == privilege,
              rights.isCodeOrData, !rights.isCode, rights.isWritableOrReadable else { throw .generalProtection(error) }
        guard rights.present else { throw .stackFault(error) }
        try markAccessed(descriptor)
        var segment = descriptor.segment(selector: selector)
        segment.access.rawValue |= 1
        state.segments[SegmentName.ss.rawValue] = segment
        modeChanged()
    }

    /// Loads CS:RIP for a far JMP, CALL or RET.
    mutating func loadCodeSegment(selector: UInt16, offset: UInt64, transfer: CodeTransfer) throws(Interruption) {
        if isRealAddressing {
            var cs = state.segments[SegmentName.cs.rawValue]
            cs.selector = selector
            cs.base = UInt64(selector) << 4
            if mode == .virtual8086 { cs = Self.virtual8086Segment(selector, code: true) }
            if model != .i8086 && offset > UInt64(cs.limit) { throw .generalProtection() }
            state.segments[SegmentName.cs.rawValue] = cs
            state.rip = offset & 0xFFFF_FFFF
            modeChanged()
            return
        }
        let error = UInt32(selector & 0xFFFC)
        guard selector & 0xFFFC != 0 else { throw .generalProtection(0) }
        let descriptor = try readDescriptor(selector)
        let rights = descriptor.rights
        guard rights.isCode else {
            if rights.isCodeOrData { throw .generalProtection(error) }
            throw .failure("far transfer through a system descriptor (call gate, task gate or TSS, type \(rights.type)) is not supported")
        }
        let cpl = cpl
        let requested = UInt8(selector & 3)
        let newPrivilege: UInt8
        switch transfer {
        case .jump, .call:
            if rights.isConforming {
                guard rights.dpl <= cpl else { throw .generalProtection(error) }
            } else {
                guard requested <= cpl, rights.dpl == cpl else { throw .generalProtection(error) }
            }
            newPrivilege = cpl
        case .return:
            if rights.isConforming {
                guard rights.dpl <= requested else { throw .generalProtection(error) }
            } else {
                guard rights.dpl == requested else { throw .generalProtection(error) }
            }
            newPrivilege = requested
        }
        guard rights.present else { throw .segmentNotPresent(error) }
        if state.efer & EFER.longModeActive != 0 && rights.longMode && rights.defaultBig { throw .generalProtection(error) }
        try enterCodeSegment(descriptor, selector: selector & 0xFFFC | UInt16(newPrivilege), offset: offset)
    }

    /// Makes `descriptor` the current code segment and jumps to `offset` in it.
    mutating func enterCodeSegment(_ descriptor: Descriptor, selector: UInt16, offset: UInt64) throws(Interruption) {
        var cs = descriptor.segment(selector: selector)
        cs.access.rawValue |= 1
        let long = state.efer & EFER.longModeActive != 0 && cs.access.longMode
        if long {
            guard Self.isCanonical(offset) else { throw .generalProtection() }
        } else if offset > UInt64(cs.limit) {
            throw .generalProtection()
        }
        try markAccessed(descriptor)
        state.segments[SegmentName.cs.rawValue] = cs
        state.rip = long ? offset : offset & 0xFFFF_FFFF
        modeChanged()
    }

    /// After a return to an outer level, data segments the new level may not use become null.
    mutating func clearDataSegmentsAbovePrivilege(_ privilege: UInt8) {
        for name in [SegmentName.es, .ds, .fs, .gs] {
            let rights = state.segments[name.rawValue].access
            if rights.present && (!rights.isCode || !rights.isConforming) && rights.dpl < privilege {
                state.segments[name.rawValue] = SegmentRegister(selector: 0, base: 0, limit: 0, access: .unusable)
            }
        }
    }
}
