import X86

/// Linear-to-physical translation through the guest's page tables (32-bit, PAE and 4-level),
/// setting accessed and dirty bits and raising #PF as the SDM specifies.
extension InterpreterCore {
    /// The kind of access a translation is for.
    enum AccessKind {
        case read, write, execute
    }

    /// The outcome of a page walk.
    struct WalkResult {
        var physical: UInt64
        var user: Bool
        var writable: Bool
        var executable: Bool
        var dirty: Bool
    }

    private static let presentBit: UInt64 = 1
    private static let writableBit: UInt64 = 1 << 1
    private static let userBit: UInt64 = 1 << 2
    private static let accessedBit: UInt64 = 1 << 5
    private static let dirtyBit: UInt64 = 1 << 6
    private static let largePageBit: UInt64 = 1 << 7
    private static let noExecuteBit: UInt64 = 1 << 63

    /// Walks the page tables for `linear`; `user` says whether the access is a CPL-3 one.
    mutating func walk(_ linear: UInt64, kind: AccessKind, user: Bool) throws(Interruption) -> WalkResult {
        let nxEnabled = state.efer & EFER.noExecuteEnable != 0
        let physicalMask: UInt64 = 0x000F_FFFF_FFFF_F000
        var entries = InlineArray<4, (address: UInt64, value: UInt64)>(repeating: (0, 0))
        var depth = 0
        var writable = true
        var userAllowed = true
        var executable = true
        var physical: UInt64
        var reservedViolation = false

        func fault(present: Bool, reserved: Bool = false) -> Interruption {
            var code: UInt32 = present ? 1 : 0
            if kind == .write { code |= 2 }
            if user { code |= 4 }
            if reserved { code |= 8 }
            if kind == .execute && nxEnabled { code |= 16 }
            return .exception(vector: ExceptionVector.pageFault, errorCode: code)
        }

        if state.cr4 & CR4.physicalAddressExtension == 0 {
            // Two-level 32-bit paging, with 4 MiB pages under CR4.PSE.
            let directoryAddress = (state.cr3 & 0xFFFF_F000) + ((linear >> 22) & 0x3FF) * 4
            let directory = UInt64(try readPhysical32(directoryAddress))
            guard directory & Self.presentBit != 0 else { state.cr2 = linear; throw fault(present: false) }
            entries[0] = (directoryAddress, directory)
            depth = 1
            writable = directory & Self.writableBit != 0
            userAllowed = directory & Self.userBit != 0
            if directory & Self.largePageBit != 0 && state.cr4 & CR4.pageSizeExtensions != 0 {
                physical = (directory & 0xFFC0_0000) | ((directory >> 13) & 0xFF) << 32 | (linear & 0x3F_FFFF)
            } else {
                let tableAddress = (directory & 0xFFFF_F000) + ((linear >> 12) & 0x3FF) * 4
                let table = UInt64(try readPhysical32(tableAddress))
                guard table & Self.presentBit != 0 else { state.cr2 = linear; throw fault(present: false) }
                entries[1] = (tableAddress, table)
                depth = 2
                writable = writable && table & Self.writableBit != 0
                userAllowed = userAllowed && table & Self.userBit != 0
                physical = (table & 0xFFFF_F000) | (linear & 0xFFF)
            }
        } else {
            let longMode = state.efer & EFER.longModeActive != 0
            var tableAddress: UInt64
            var level: Int
            if longMode {
                tableAddress = state.cr3 & physicalMask
                level = 4
            } else {
                let pointerAddress = (state.cr3 & 0xFFFF_FFE0) + ((linear >> 30) & 3) * 8
                let pointer = try readPhysical64(pointerAddress)
                guard pointer & Self.presentBit != 0 else { state.cr2 = linear; throw fault(present: false) }
                tableAddress = pointer & physicalMask
                level = 2
            }
            physical = 0
            while true {
                let shift = UInt64(12 + 9 * (level - 1))
                let entryAddress = tableAddress + ((linear >> shift) & 0x1FF) * 8
                let entry = try readPhysical64(entryAddress)
                guard entry & Self.presentBit != 0 else { state.cr2 = linear; throw fault(present: false) }
                if entry & Self.noExecuteBit != 0 {
                    if nxEnabled { executable = false } else { reservedViolation = true }
                }
                entries[depth] = (entryAddress, entry)
                depth += 1
                writable = writable && entry & Self.writableBit != 0
                userAllowed = userAllowed && entry & Self.userBit != 0
                let large = entry & Self.largePageBit != 0
                if level == 1 || (large && level <= 3) {
                    let pageMask: UInt64 = (1 << shift) - 1
                    physical = (entry & physicalMask & ~pageMask) | (linear & pageMask)
                    break
                }
                tableAddress = entry & physicalMask
                level -= 1
            }
        }
        if reservedViolation { state.cr2 = linear; throw fault(present: true, reserved: true) }
        let supervisorWriteAllowed = writable || state.cr0 & CR0.writeProtect == 0
        let denied: Bool
        switch kind {
        case .read: denied = user && !userAllowed
        case .write: denied = user ? !(userAllowed && writable) : !supervisorWriteAllowed
        case .execute: denied = !executable || (user && !userAllowed)
        }
        if denied { state.cr2 = linear; throw fault(present: true) }
        // Set accessed bits on every level and the dirty bit of the leaf on a write.
        for level in 0..<depth {
            var (address, value) = entries[level]
            var updated = value | Self.accessedBit
            if level == depth - 1 && kind == .write { updated |= Self.dirtyBit }
            if updated != value {
                value = updated
                if state.cr4 & CR4.physicalAddressExtension == 0 {
                    try writePhysical32(address, UInt32(truncatingIfNeeded: value))
                } else {
                    try writePhysical64(address, value)
                }
            }
            entries[level] = (address, value)
        }
        let leafDirty = entries[depth - 1].value & Self.dirtyBit != 0
        return WalkResult(physical: physical, user: userAllowed, writable: writable, executable: executable, dirty: leafDirty)
    }

    /// The host address of a page-table entry, and whether it lies in ROM.
    private func physicalPointer(_ address: UInt64, _ size: Int) throws(Interruption) -> (pointer: UnsafeMutableRawPointer, isROM: Bool) {
        guard let page = memory.page(containing: address), Int(address & 0xFFF) + size <= 4096 else {
            throw .failure("page-table access outside RAM at physical 0x\(String(address, radix: 16))")
        }
        return (page.host + Int(address & 0xFFF), page.isROM)
    }

    func readPhysical32(_ address: UInt64) throws(Interruption) -> UInt32 {
        UInt32(littleEndian: try physicalPointer(address, 4).pointer.loadUnaligned(as: UInt32.self))
    }

    func readPhysical64(_ address: UInt64) throws(Interruption) -> UInt64 {
        UInt64(littleEndian: try physicalPointer(address, 8).pointer.loadUnaligned(as: UInt64.self))
    }

    /// Stores a page-table entry (setting its accessed and dirty bits); one in ROM keeps its value,
    /// as ROM ignores stores.
    mutating func writePhysical32(_ address: UInt64, _ value: UInt32) throws(Interruption) {
        let target = try physicalPointer(address, 4)
        guard !target.isROM else { return }
        target.pointer.storeBytes(of: value.littleEndian, as: UInt32.self)
        noteWrite(physical: address)
    }

    mutating func writePhysical64(_ address: UInt64, _ value: UInt64) throws(Interruption) {
        let target = try physicalPointer(address, 8)
        guard !target.isROM else { return }
        target.pointer.storeBytes(of: value.littleEndian, as: UInt64.self)
        noteWrite(physical: address)
    }

    /// Invalidates decoded instructions on the page of a write that bypassed the TLB.
    mutating func noteWrite(physical: UInt64) {
        if let page = memory.page(containing: physical) { invalidateCode(page.generation) }
    }

    /// Drops the decoded blocks of a page that a store changed, and stops the running block.
    @inline(__always)
    mutating func invalidateCode(_ generation: UnsafeMutablePointer<UInt32>) {
        if generation.pointee & PhysicalMemoryMap.holdsCodeBit != 0 {
            memory.invalidateCode(generation)
            cache.linkEpoch &+= 1
            blockInterrupted = true
        }
    }
}
