import Machine
import X86

/// Guest memory accesses: segmentation, the software TLB, and the split into RAM, ROM and MMIO.
extension InterpreterCore {
    /// Whether accesses are checked as CPL-3 (user) accesses.
    @inline(always) var userAccess: Bool { cpl == 3 }

    /// Translates `linear` for `kind` through the TLB, walking the page tables on a miss.
    @inline(__always)
    mutating func translate(_ linear: UInt64, kind: AccessKind, supervisor: Bool = false) throws(Interruption) -> SoftwareTLB.Entry {
        let page = linear >> 12
        let slot = SoftwareTLB.slot(page)
        let entry = tlb.entries[slot]
        if entry.tag == page && entry.permissions.isSuperset(of: Self.permissionsNeeded(kind, user: !supervisor && userAccess)) {
            return entry
        }
        return try refill(linear, kind: kind, supervisor: supervisor)
    }

    /// What a translation must allow for an access of `kind` at user or supervisor privilege.
    @inline(__always)
    static func permissionsNeeded(_ kind: AccessKind, user: Bool) -> SoftwareTLB.Permissions {
        switch kind {
        case .read: user ? .userRead : []
        case .write: user ? [.userWrite, .writableRAM] : [.supervisorWrite, .writableRAM]
        case .execute: user ? [.execute, .userRead] : .execute
        }
    }

    /// Drops every cached translation, and the links between decoded blocks that relied on them.
    mutating func flushTranslations() {
        tlb.flush()
        cache.linkEpoch &+= 1
    }

    /// Drops the cached translation of the page of `linear` (INVLPG).
    mutating func flushTranslation(linear: UInt64) {
        tlb.flush(linear: linear)
        cache.linkEpoch &+= 1
    }

    private mutating func refill(_ linear: UInt64, kind: AccessKind, supervisor: Bool) throws(Interruption) -> SoftwareTLB.Entry {
        let user = !supervisor && userAccess
        var permissions: SoftwareTLB.Permissions
        var physical: UInt64
        if state.cr0 & CR0.paging != 0 {
            let result = try walk(linear, kind: kind, user: user)
            physical = result.physical
            permissions = []
            if result.user { permissions.insert(.userRead) }
            if result.executable { permissions.insert(.execute) }
            if result.dirty {
                if result.writable || state.cr0 & CR0.writeProtect == 0 { permissions.insert(.supervisorWrite) }
                if result.writable && result.user { permissions.insert(.userWrite) }
            }
        } else {
            physical = model == .i8086 ? linear & 0xF_FFFF : linear
            permissions = [.supervisorWrite, .userRead, .userWrite, .execute]
        }
        var entry = SoftwareTLB.Entry()
        entry.tag = linear >> 12
        entry.physicalPage = physical & ~0xFFF
        if let page = memory.page(containing: physical) {
            entry.host = page.host
            entry.generation = page.generation
            if !page.isROM { permissions.insert(.writableRAM) }
        }
        entry.permissions = permissions
        if !supervisor && entry.host != nil {
            let key = SoftwareTLB.fastKey(linear, user: user)
            if permissions.isSuperset(of: Self.permissionsNeeded(.read, user: user)) { entry.readKey = key }
            if permissions.isSuperset(of: Self.permissionsNeeded(.write, user: user)), let generation = entry.generation,
               generation.pointee & PhysicalMemoryMap.holdsCodeBit == 0 {
                entry.writeKey = key
            }
        }
        tlb.entries[SoftwareTLB.slot(linear >> 12)] = entry
        return entry
    }

    /// Converts a segment-relative offset to a linear address, checking limits and rights.
    @inline(__always)
    mutating func linearAddress(segment: Int, offset: UInt64, size: Int, write: Bool) throws(Interruption) -> UInt64 {
        let cache = state.segments[segment]
        if decodeMode == .bits64 {
            let linear = segment >= SegmentName.fs.rawValue ? cache.base &+ offset : offset
            guard Self.isCanonical(linear) else {
                throw segment == SegmentName.ss.rawValue ? .stackFault() : .generalProtection()
            }
            return linear
        }
        let mode = mode
        if mode != .real && mode != .virtual8086 {
            let rights = cache.access
            if !rights.present || (write && (rights.isCode || !rights.isWritableOrReadable)) || (!write && rights.isCode && !rights.isWritableOrReadable) {
                throw segment == SegmentName.ss.rawValue ? .stackFault() : .generalProtection()
            }
            if rights.isExpandDown {
                let upper: UInt64 = rights.defaultBig ? 0xFFFF_FFFF : 0xFFFF
                if offset <= UInt64(cache.limit) || offset &+ UInt64(size) &- 1 > upper {
                    throw segment == SegmentName.ss.rawValue ? .stackFault() : .generalProtection()
                }
                return (cache.base &+ offset) & 0xFFFF_FFFF
            }
        }
        if offset &+ UInt64(size) &- 1 > UInt64(cache.limit) || offset &+ UInt64(size) &- 1 < offset {
            throw segment == SegmentName.ss.rawValue ? .stackFault() : .generalProtection()
        }
        return (cache.base &+ offset) & 0xFFFF_FFFF
    }

    @inline(always)
    static func isCanonical(_ address: UInt64) -> Bool {
        let top = Int64(bitPattern: address) >> 47
        return top == 0 || top == -1
    }

    /// The host address of an access through a flat segment (one that maps offsets to the same
    /// linear addresses) that the TLB already allows and that stays within its page, or nil when
    /// the access needs the full segment and translation path.
    @inline(always)
    func flatHostAddress(segment: Int, offset: UInt64, size: Int, write: Bool) -> UnsafeMutableRawPointer? {
        if decodeMode == .bits64 {
            guard segment < SegmentName.fs.rawValue else { return nil }
        } else {
            guard isFlat(segment, write: write) else { return nil }
        }
        return directHostAddress(linear: offset, size: size, write: write)
    }

    /// Whether a segment outside 64-bit mode is flat for an access: base 0, a 4 GiB limit and (in
    /// protected mode) rights that allow the access without an expand-down limit. Its offsets,
    /// at most 32 bits, are then linear addresses, and only the page can refuse the access.
    @inline(always)
    func isFlat(_ segment: Int, write: Bool) -> Bool {
        let cache = state.segments[segment]
        guard cache.base == 0 && cache.limit == 0xFFFF_FFFF && model != .i8086 else { return false }
        if mode == .real || mode == .virtual8086 { return true }
        let rights = cache.access
        guard rights.present && !rights.isExpandDown else { return false }
        return write ? !rights.isCode && rights.isWritableOrReadable : !rights.isCode || rights.isWritableOrReadable
    }

    /// The host address of an access at `linear` that the TLB already allows as a plain load
    /// (or store) at the current privilege and that stays within its page, or nil.
    @inline(always)
    func directHostAddress(linear: UInt64, size: Int, write: Bool) -> UnsafeMutableRawPointer? {
        let entry = tlb.entries + SoftwareTLB.slot(linear >> 12)
        let within = Int(linear & 0xFFF)
        let key = SoftwareTLB.fastKey(linear, user: userAccess)
        guard within <= 4096 - size && (write ? entry.pointee.writeKey : entry.pointee.readKey) == key else { return nil }
        return entry.pointee.host.unsafelyUnwrapped + within
    }

    /// Reads `size` bytes at segment:offset.
    @inline(always)
    mutating func read(segment: Int, offset: UInt64, size: Int) throws(Interruption) -> UInt64 {
        if let host = flatHostAddress(segment: segment, offset: offset, size: size, write: false) { return Self.load(host, size: size) }
        return try readThroughSegment(segment: segment, offset: offset, size: size, kind: .read)
    }

    /// Reads a read-modify-write destination: checked and translated as a write, as the processor
    /// does, so that a fault reports a write access.
    @inline(always)
    mutating func readForUpdate(segment: Int, offset: UInt64, size: Int) throws(Interruption) -> UInt64 {
        if let host = flatHostAddress(segment: segment, offset: offset, size: size, write: true) { return Self.load(host, size: size) }
        return try readThroughSegment(segment: segment, offset: offset, size: size, kind: .write)
    }

    /// Writes the low `size` bytes of `value` at segment:offset.
    @inline(always)
    mutating func write(segment: Int, offset: UInt64, size: Int, value: UInt64) throws(Interruption) {
        if let host = flatHostAddress(segment: segment, offset: offset, size: size, write: true) { return Self.store(host, size: size, value: value) }
        try writeThroughSegment(segment: segment, offset: offset, size: size, value: value)
    }

    @inline(never)
    private mutating func readThroughSegment(segment: Int, offset: UInt64, size: Int, kind: AccessKind) throws(Interruption) -> UInt64 {
        if model == .i8086 { return try read8086(segment: segment, offset: offset, size: size) }
        let linear = try linearAddress(segment: segment, offset: offset, size: size, write: kind == .write)
        return try readLinear(linear, size: size, kind: kind)
    }

    @inline(never)
    private mutating func writeThroughSegment(segment: Int, offset: UInt64, size: Int, value: UInt64) throws(Interruption) {
        if model == .i8086 { return try write8086(segment: segment, offset: offset, size: size, value: value) }
        let linear = try linearAddress(segment: segment, offset: offset, size: size, write: true)
        try writeLinear(linear, size: size, value: value)
    }

    @inline(__always)
    mutating func readLinear(_ linear: UInt64, size: Int, supervisor: Bool = false, kind: AccessKind = .read) throws(Interruption) -> UInt64 {
        let within = Int(linear & 0xFFF)
        if within + size <= 4096 {
            let entry = try translate(linear, kind: kind, supervisor: supervisor)
            if let host = entry.host { return Self.load(host + within, size: size) }
            return try readMMIO(entry.physicalPage | UInt64(within), size: size)
        }
        var value: UInt64 = 0
        for index in 0..<size {
            value |= try readLinear(linear &+ UInt64(index), size: 1, supervisor: supervisor, kind: kind) << UInt64(index * 8)
        }
        return value
    }

    @inline(__always)
    mutating func writeLinear(_ linear: UInt64, size: Int, value: UInt64, supervisor: Bool = false) throws(Interruption) {
        let within = Int(linear & 0xFFF)
        if within + size <= 4096 {
            let entry = try translate(linear, kind: .write, supervisor: supervisor)
            if let host = entry.host, entry.permissions.contains(.writableRAM) {
                if let generation = entry.generation { invalidateCode(generation) }
                Self.store(host + within, size: size, value: value)
                return
            }
            try queueCompletionExit(.mmioWrite(address: entry.physicalPage | UInt64(within), size: size, value: value))
            return
        }
        // A write that crosses pages: check both pages before changing either.
        _ = try translate(linear, kind: .write, supervisor: supervisor)
        _ = try translate((linear &+ UInt64(size - 1)) & ~0xFFF, kind: .write, supervisor: supervisor)
        for index in 0..<size {
            try writeLinear(linear &+ UInt64(index), size: 1, value: value >> UInt64(index * 8), supervisor: supervisor)
        }
    }

    mutating func readMMIO(_ physical: UInt64, size: Int) throws(Interruption) -> UInt64 {
        if mmioReplayPosition < mmioReplayCount && mmioReplay[mmioReplayPosition].address == physical {
            mmioReplayPosition += 1
            // The run loop's value may be wider than the load; only the load's bytes reach the guest.
            return mmioReplay[mmioReplayPosition - 1].value & Self.mask(size)
        }
        guard mmioReplayCount < Self.mmioReplayCapacity else { throw .failure("more than \(Self.mmioReplayCapacity) MMIO loads in one instruction") }
        throw .exit(.mmioRead(address: physical, size: size))
    }

    @inline(always)
    static func load(_ pointer: UnsafeMutableRawPointer, size: Int) -> UInt64 {
        switch size {
        case 1: UInt64(pointer.load(as: UInt8.self))
        case 2: UInt64(UInt16(littleEndian: pointer.loadUnaligned(as: UInt16.self)))
        case 4: UInt64(UInt32(littleEndian: pointer.loadUnaligned(as: UInt32.self)))
        default: UInt64(littleEndian: pointer.loadUnaligned(as: UInt64.self))
        }
    }

    @inline(always)
    static func store(_ pointer: UnsafeMutableRawPointer, size: Int, value: UInt64) {
        switch size {
        case 1: pointer.storeBytes(of: UInt8(truncatingIfNeeded: value), as: UInt8.self)
        case 2: pointer.storeBytes(of: UInt16(truncatingIfNeeded: value).littleEndian, as: UInt16.self)
        case 4: pointer.storeBytes(of: UInt32(truncatingIfNeeded: value).littleEndian, as: UInt32.self)
        default: pointer.storeBytes(of: value.littleEndian, as: UInt64.self)
        }
    }

    /// 8086 accesses: each byte's offset wraps within the 64 KiB segment, the address within 1 MiB.
    private mutating func read8086(segment: Int, offset: UInt64, size: Int) throws(Interruption) -> UInt64 {
        var value: UInt64 = 0
        let base = state.segments[segment].base
        for index in 0..<size {
            let linear = (base &+ ((offset &+ UInt64(index)) & 0xFFFF)) & 0xF_FFFF
            value |= try readLinear(linear, size: 1) << UInt64(index * 8)
        }
        return value
    }

    private mutating func write8086(segment: Int, offset: UInt64, size: Int, value: UInt64) throws(Interruption) {
        let base = state.segments[segment].base
        for index in 0..<size {
            let linear = (base &+ ((offset &+ UInt64(index)) & 0xFFFF)) & 0xF_FFFF
            try writeLinear(linear, size: 1, value: value >> UInt64(index * 8))
        }
    }
}
