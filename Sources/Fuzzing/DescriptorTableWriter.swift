import SeededRandom

/// Writes the GDT, LDT, IDT (or real-mode IVT), TSS with its I/O bitmap, and the handler stubs:
/// the usual segments every mode needs, followed by random descriptors and gates.
struct DescriptorTableWriter {
    static let kernelCode32: UInt16 = 0x08
    static let kernelData: UInt16 = 0x10
    static let userCode32: UInt16 = 0x18
    static let userData: UInt16 = 0x20
    static let kernelCode64: UInt16 = 0x28
    static let userCode64: UInt16 = 0x30
    static let kernelCode16: UInt16 = 0x38
    static let userCode16: UInt16 = 0x40
    static let userExpandDown16: UInt16 = 0x48
    static let taskState: UInt16 = 0x50
    static let localTable: UInt16 = 0x60
    static let callGate: UInt16 = 0x68
    static let firstRandom: UInt16 = 0x70
    static let entryCount = 32

    let ram: RAMImage

    /// A selector of the GDT (or now and then the LDT, or null) with a random RPL.
    static func randomSelector(using random: inout SeededGenerator) -> UInt16 {
        let index = UInt16.random(in: 0..<UInt16(entryCount), using: &random)
        let table: UInt16 = Int.random(in: 0..<8, using: &random) == 0 ? 4 : 0
        return index << 3 | table | UInt16.random(in: 0...3, using: &random)
    }

    /// A code or data descriptor.
    static func descriptor(base: UInt32, limit: UInt32, access: UInt8, flags: UInt8) -> UInt64 {
        UInt64(limit & 0xFFFF) | UInt64(base & 0xFF_FFFF) << 16 | UInt64(access) << 40
            | UInt64((limit >> 16) & 0xF) << 48 | UInt64(flags & 0xF) << 52 | UInt64(base >> 24) << 56
    }

    /// A system descriptor's low eight bytes (TSS, LDT) for a table at `base`.
    static func systemDescriptor(base: UInt64, limit: UInt32, type: UInt8) -> UInt64 {
        descriptor(base: UInt32(truncatingIfNeeded: base), limit: limit, access: 0x80 | type, flags: 0)
    }

    /// Writes the GDT and LDT; returns the GDT limit.
    func writeDescriptorTables(longMode: Bool, tssLimit: UInt32, using random: inout SeededGenerator) -> UInt16 {
        let gdt = FuzzAddressSpace.gdt
        let fixed: [(UInt16, UInt64)] = [
            (Self.kernelCode32, Self.descriptor(base: 0, limit: 0xF_FFFF, access: 0x9B, flags: 0xC)),
            (Self.kernelData, Self.descriptor(base: 0, limit: 0xF_FFFF, access: 0x93, flags: 0xC)),
            (Self.userCode32, Self.descriptor(base: 0, limit: 0xF_FFFF, access: 0xFB, flags: 0xC)),
            (Self.userData, Self.descriptor(base: 0, limit: 0xF_FFFF, access: 0xF3, flags: 0xC)),
            (Self.kernelCode64, Self.descriptor(base: 0, limit: 0xF_FFFF, access: 0x9B, flags: 0xA)),
            (Self.userCode64, Self.descriptor(base: 0, limit: 0xF_FFFF, access: 0xFB, flags: 0xA)),
            (Self.kernelCode16, Self.descriptor(base: 0, limit: 0xFFFF, access: 0x9B, flags: 0)),
            (Self.userCode16, Self.descriptor(base: 0, limit: 0xFFFF, access: 0xFB, flags: 0)),
            (Self.userExpandDown16, Self.descriptor(base: 0, limit: 0x0FFF, access: 0xF7, flags: 0)),
            (Self.taskState, Self.systemDescriptor(base: FuzzAddressSpace.tss, limit: tssLimit, type: 0xB)),
            (Self.localTable, Self.systemDescriptor(base: FuzzAddressSpace.ldt, limit: 0x7F, type: 0x2)),
            (Self.callGate, Self.gate(offset: FuzzAddressSpace.codeAddress, selector: longMode ? Self.kernelCode64 : Self.kernelCode32, type: 0xC, dpl: 3)),
        ]
        for (selector, value) in fixed { ram.store(value, at: gdt + UInt64(selector)) }
        for index in Int(Self.firstRandom / 8)..<Self.entryCount {
            ram.store(randomDescriptor(using: &random), at: gdt + UInt64(index * 8))
        }
        for index in 0..<16 {
            let value = index < 4 ? fixed[index].1 : randomDescriptor(using: &random)
            ram.store(value, at: FuzzAddressSpace.ldt + UInt64(index * 8))
        }
        let fullLimit = UInt16(Self.entryCount * 8 - 1)
        return Int.random(in: 0..<10, using: &random) == 0 ? UInt16.random(in: 0...fullLimit, using: &random) : fullLimit
    }

    /// A descriptor of random type, rights, base and limit, biased toward present code and data.
    private func randomDescriptor(using random: inout SeededGenerator) -> UInt64 {
        if Int.random(in: 0..<8, using: &random) == 0 { return random.next() }
        let base = Bool.random(using: &random) ? 0 : UInt32.random(in: 0...0xFFFF, using: &random) << 4
        let limit = Bool.random(using: &random) ? 0xF_FFFF : UInt32.random(in: 0...0xF_FFFF, using: &random)
        var access = UInt8.random(in: 0...0xF, using: &random) | 0x10 | UInt8.random(in: 0...3, using: &random) << 5
        if Int.random(in: 0..<10, using: &random) > 0 { access |= 0x80 }
        if Int.random(in: 0..<10, using: &random) == 0 { access &= ~0x10 }
        return Self.descriptor(base: base, limit: limit, access: access, flags: UInt8.random(in: 0...0xF, using: &random))
    }

    /// The eight-byte form of a gate (interrupt, trap, call); a long-mode gate adds eight bytes
    /// of offset bits 32–63, which these tables keep zero.
    static func gate(offset: UInt64, selector: UInt16, type: UInt8, dpl: UInt8, present: Bool = true, stackTable: UInt8 = 0) -> UInt64 {
        (offset & 0xFFFF) | UInt64(selector) << 16 | UInt64(stackTable & 7) << 32
            | UInt64(type & 0xF) << 40 | UInt64(dpl & 3) << 45 | (present ? 1 << 47 : 0) | ((offset >> 16) & 0xFFFF) << 48
    }

    /// Writes the IDT for protected or long mode; returns its limit.
    func writeInterruptTable(longMode: Bool, using random: inout SeededGenerator) -> UInt16 {
        let gateSize: UInt64 = longMode ? 16 : 8
        for vector in UInt64(0)..<256 {
            let address = FuzzAddressSpace.idt + vector * gateSize
            let roll = Int.random(in: 0..<100, using: &random)
            if roll < 8 {
                ram.store(random.next(), at: address)
                if longMode { ram.store(random.next() & 0xFFFF, at: address + 8) }
                continue
            }
            let sixteenBit = !longMode && roll < 14
            let type: UInt8 = (sixteenBit ? 0x6 : 0xE) | UInt8.random(in: 0...1, using: &random)
            let selector = longMode ? Self.kernelCode64 : (sixteenBit ? Self.kernelCode16 : Self.kernelCode32)
            let value = Self.gate(
                offset: handlerTarget(returnStub: longMode ? FuzzAddressSpace.returnStub64 : FuzzAddressSpace.returnStub, using: &random),
                selector: selector, type: type, dpl: Bool.random(using: &random) ? 3 : 0, present: roll < 97,
                stackTable: longMode && Int.random(in: 0..<5, using: &random) == 0 ? UInt8.random(in: 1...7, using: &random) : 0)
            ram.store(value, at: address)
        }
        let fullLimit = UInt16(256 * gateSize - 1)
        return Int.random(in: 0..<10, using: &random) == 0 ? UInt16.random(in: 0...fullLimit, using: &random) : fullLimit
    }

    /// Writes the real-mode interrupt vector table at address 0.
    func writeVectorTable(using random: inout SeededGenerator) {
        for vector in UInt64(0)..<256 {
            let target = handlerTarget(returnStub: FuzzAddressSpace.returnStub, using: &random)
            let value: UInt32
            if Int.random(in: 0..<10, using: &random) == 0 {
                value = UInt32.random(in: 0...UInt32.max, using: &random)
            } else {
                value = UInt32(truncatingIfNeeded: target & 0xF) | UInt32(truncatingIfNeeded: target >> 4) << 16
            }
            ram.store(value, at: vector * 4)
        }
    }

    /// Where a handler starts: the HLT stub, the IRET stub, or somewhere in the random code.
    private func handlerTarget(returnStub: UInt64, using random: inout SeededGenerator) -> UInt64 {
        switch Int.random(in: 0..<10, using: &random) {
        case 0..<2: FuzzAddressSpace.haltStub
        case 2..<5: returnStub
        default: FuzzAddressSpace.codeAddress + UInt64.random(in: 0..<UInt64(FuzzAddressSpace.codeSize), using: &random)
        }
    }

    /// Writes the TSS (32- or 64-bit layout) and its I/O bitmap, and the handler stubs; returns the TSS limit.
    func writeTaskState(longMode: Bool, pool: RandomPool, using random: inout SeededGenerator) -> UInt32 {
        let tss = FuzzAddressSpace.tss
        if longMode {
            ram.store(FuzzAddressSpace.kernelStackTop - 0x100, at: tss + 4)
            for slot in UInt64(0)..<7 {
                let stack = Int.random(in: 0..<10, using: &random) == 0 ? random.next() : FuzzAddressSpace.interruptStackTop - slot * 0x200
                ram.store(stack, at: tss + 0x24 + slot * 8)
            }
        } else {
            ram.store(UInt32(FuzzAddressSpace.kernelStackTop - 0x100), at: tss + 4)
            ram.store(UInt16(Self.kernelData), at: tss + 8)
            ram.store(UInt32.random(in: 0...UInt32.max, using: &random), at: tss + 12)
            ram.store(UInt16.random(in: 0...UInt16.max, using: &random), at: tss + 16)
        }
        let bitmapOffset: UInt16 = Int.random(in: 0..<10, using: &random) == 0 ? UInt16.random(in: 0...0x2100, using: &random) : 0x68
        ram.store(bitmapOffset, at: tss + 0x66)
        let bitmapStart = tss + 0x68
        switch Int.random(in: 0..<3, using: &random) {
        case 0: break
        case 1: pool.fill(ram.pointer(at: bitmapStart, count: 0x2000), count: 0x2000, using: &random)
        default: ram.write([UInt8](repeating: 0xFF, count: 0x2000), at: bitmapStart)
        }
        for stub in FuzzAddressSpace.stubBytes { ram.write(stub.bytes, at: FuzzAddressSpace.stubs + UInt64(stub.offset)) }
        switch Int.random(in: 0..<10, using: &random) {
        case 0: return 0x67
        case 1: return UInt32.random(in: 0...0x2100, using: &random)
        default: return 0x68 + 0x2000
        }
    }
}
