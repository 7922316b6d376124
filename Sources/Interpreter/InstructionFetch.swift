import X86

/// Instruction fetch: CS:RIP through the TLB to a physical address, then the decoded-block cache,
/// decoding on a miss.
extension InterpreterCore {
    /// A decoded block: its cache header (nil for an instruction decoded outside the cache), its
    /// instructions and their fast forms.
    struct FetchedBlock {
        let header: UnsafeMutablePointer<DecodedBlockCache.Header>?
        let instructions: UnsafeMutablePointer<DecodedInstruction>
        let forms: UnsafeMutablePointer<FastForm>
        let count: Int
    }

    /// The decoded block that starts at CS:`instructionStart`, found through a link of the block
    /// that ran before it (`previous`), or through the TLB and the cache, or decoded now.
    @inline(__always)
    mutating func fetchBlock(after previous: UnsafeMutablePointer<DecodedBlockCache.Header>?) throws(Interruption) -> FetchedBlock {
        let codeBase = state.segments[SegmentName.cs.rawValue].base
        if let previous {
            let epoch = cache.linkEpoch
            for slot in 0..<2 {
                let link = previous.pointee.links[slot]
                if link.rip == instructionStart && link.codeBase == codeBase && link.epoch == epoch, let header = link.header {
                    return FetchedBlock(header: header)
                }
            }
        }
        let block = try lookUpBlock()
        if let previous, let header = block.header {
            let slot = Int(previous.pointee.nextLink)
            previous.pointee.links[slot] = DecodedBlockCache.Link(rip: instructionStart, codeBase: codeBase, epoch: cache.linkEpoch, header: header)
            previous.pointee.nextLink = UInt8(1 - slot)
        }
        return block
    }

    /// The decoded block that starts at CS:`instructionStart`: from the cache, or decoded now. An
    /// instruction that crosses a page or wraps its segment is decoded alone, outside the cache.
    private mutating func lookUpBlock() throws(Interruption) -> FetchedBlock {
        // A far transfer into a 16-bit segment with a big limit can leave EIP above FFFF; the
        // interpreter keeps 16-bit code's IP in 16 bits, so such code faults instead of running.
        guard instructionStart <= ripMask else { throw .generalProtection() }
        let linear: UInt64
        if model == .i8086 {
            linear = (state.segments[SegmentName.cs.rawValue].base &+ instructionStart) & 0xF_FFFF
        } else {
            linear = try codeLinearAddress(instructionStart)
        }
        let entry = try translate(linear, kind: .execute)
        guard let host = entry.host, let generation = entry.generation else {
            throw .failure("executing from MMIO at physical 0x\(String(entry.physicalPage | (linear & 0xFFF), radix: 16))")
        }
        let physical = entry.physicalPage | (linear & 0xFFF)
        let modeKey: UInt64 = decodeMode == .bits16 ? 1 : decodeMode == .bits32 ? 2 : 3
        let tag = DecodedBlockCache.tag(physical, modeKey: modeKey)
        let index = DecodedBlockCache.index(physical)
        let header = cache.headers + index
        if header.pointee.tag == tag && header.pointee.generation == generation.pointee {
            return FetchedBlock(header: header)
        }
        let slots = cache.slots(index)
        let forms = cache.formSlots(index)
        let count = try decodeBlock(at: host + Int(linear & 0xFFF), into: slots, forms: forms)
        if count == 0 {
            cache.scratch.pointee = try decodeAcrossBoundary(host: host, within: Int(linear & 0xFFF))
            cache.scratchForm.pointee = FastForm(cache.scratch.pointee, mode: decodeMode)
            return FetchedBlock(header: nil, instructions: cache.scratch, forms: cache.scratchForm, count: 1)
        }
        if generation.pointee & PhysicalMemoryMap.holdsCodeBit == 0 {
            generation.pointee |= PhysicalMemoryMap.holdsCodeBit
            tlb.revokeDirectStores(physicalPage: entry.physicalPage)
        }
        if header.pointee.tag != DecodedBlockCache.emptyTag { cache.linkEpoch &+= 1 }
        header.pointee = DecodedBlockCache.Header(tag: tag, generation: generation.pointee, count: Int32(count), instructions: slots, forms: forms)
        return FetchedBlock(header: header)
    }

    /// Decodes instructions from `start` (the byte at CS:`instructionStart`) into `slots` until one ends
    /// the block, the page or segment ends, or the block is full; returns how many it decoded. Zero
    /// means the first instruction crosses the page or segment end.
    private mutating func decodeBlock(at start: UnsafeMutableRawPointer, into slots: UnsafeMutablePointer<DecodedInstruction>, forms: UnsafeMutablePointer<FastForm>) throws(Interruption) -> Int {
        var count = 0
        var offset = instructionStart
        var pointer = start
        var pageRemaining = 4096 - Int(UInt(bitPattern: start) & 0xFFF)
        let limit = decodeMode == .bits64 ? UInt64.max : UInt64(state.segments[SegmentName.cs.rawValue].limit)
        while count < DecodedBlockCache.blockCapacity {
            let segmentRemaining = Int(min(ripMask - offset, UInt64(Decoder.maximumLength - 1))) + 1
            let available = min(Decoder.maximumLength, pageRemaining, segmentRemaining)
            let decoded: DecodedInstruction
            do {
                decoded = try Decoder.decode(UnsafeRawBufferPointer(start: pointer, count: available), mode: decodeMode, model: model)
            } catch {
                // Later instructions fault (or straddle) when they are reached, in a block of their own.
                if count > 0 { return count }
                switch error {
                case .invalid: throw .invalidOpcode
                case .tooLong: throw .generalProtection()
                case .truncated: return 0
                }
            }
            slots[count] = decoded
            forms[count] = FastForm(decoded, mode: decodeMode)
            count += 1
            let length = Int(decoded.length)
            if let target = continuation(after: decoded, at: offset) {
                // The block goes on at the target of a direct JMP or CALL on its own page.
                offset = target
                pointer = start + Int(target & 0xFFF) - Int(instructionStart & 0xFFF)
                pageRemaining = 4096 - Int(target & 0xFFF)
                continue
            }
            if decoded.handler.endsBlock || length >= pageRemaining || offset &+ UInt64(length) > ripMask { break }
            offset &+= UInt64(length)
            if offset > limit { break }
            pointer += length
            pageRemaining -= length
        }
        return count
    }

    /// Where a block may go on after `instruction` (at `offset`): the target of a direct near JMP or
    /// CALL in 64-bit code when it lies on the page the block started on, so that the target's
    /// bytes are covered by the block's page generation and the transfer cannot fault. Elsewhere
    /// (a CS limit, an IP that wraps) the transfer ends the block.
    private func continuation(after instruction: DecodedInstruction, at offset: UInt64) -> UInt64? {
        guard decodeMode == .bits64, instruction.operandSize == 8, instruction.handler == .jmpRel || instruction.handler == .callRel else { return nil }
        let target = offset &+ UInt64(instruction.length) &+ instruction.immediate
        return target >> 12 == instructionStart >> 12 ? target : nil
    }

    /// Decodes the instruction at CS:`instructionStart` whose bytes continue on the next page (or
    /// wrap within a 16-bit segment).
    private mutating func decodeAcrossBoundary(host: UnsafeMutableRawPointer, within: Int) throws(Interruption) -> DecodedInstruction {
        // The 8086's IP wraps within its 64 KiB code segment, so bytes past offset FFFF come from offset 0.
        let segmentBytes = Int(min(ripMask - instructionStart, UInt64(Decoder.maximumLength - 1))) + 1
        let available = min(Decoder.maximumLength, 4096 - within, segmentBytes)
        var bytes = InlineArray<16, UInt8>(repeating: 0)
        for index in 0..<available { bytes[index] = (host + within + index).load(as: UInt8.self) }
        var count = available
        while true {
            do {
                return try decodeBytes(&bytes, count: count)
            } catch {
                switch error {
                case .invalid: throw .invalidOpcode
                case .tooLong: throw .generalProtection()
                case .truncated:
                    guard count < Decoder.maximumLength else { throw .generalProtection() }
                    let nextOffset = (instructionStart &+ UInt64(count)) & ripMask
                    let nextLinear = model == .i8086
                        ? (state.segments[SegmentName.cs.rawValue].base &+ nextOffset) & 0xF_FFFF
                        : try codeLinearAddress(nextOffset)
                    let next = try translate(nextLinear, kind: .execute)
                    guard let nextHost = next.host else { throw .failure("executing from MMIO") }
                    bytes[count] = (nextHost + Int(nextLinear & 0xFFF)).load(as: UInt8.self)
                    count += 1
                }
            }
        }
    }

    private func decodeBytes(_ bytes: inout InlineArray<16, UInt8>, count: Int) throws(DecodeError) -> DecodedInstruction {
        let mode = decodeMode
        let model = self.model
        var result: Result<DecodedInstruction, DecodeError> = .failure(.invalid)
        bytes.span.withUnsafeBytes { buffer in
            result = Result { () throws(DecodeError) in
                try Decoder.decode(UnsafeRawBufferPointer(rebasing: buffer[0..<count]), mode: mode, model: model)
            }
        }
        return try result.get()
    }

    /// The linear address of a code byte at `offset` in CS, checking the CS limit outside 64-bit mode.
    @inline(__always)
    mutating func codeLinearAddress(_ offset: UInt64) throws(Interruption) -> UInt64 {
        let cs = state.segments[SegmentName.cs.rawValue]
        if decodeMode == .bits64 {
            guard Self.isCanonical(offset) else { throw .generalProtection() }
            return offset
        }
        guard offset <= UInt64(cs.limit) else { throw .generalProtection() }
        return (cs.base &+ offset) & 0xFFFF_FFFF
    }
}

extension InterpreterCore.FetchedBlock {
    /// The block a cache header describes.
    @inline(__always)
    init(header: UnsafeMutablePointer<DecodedBlockCache.Header>) {
        self.init(header: header, instructions: header.pointee.instructions.unsafelyUnwrapped,
                  forms: header.pointee.forms.unsafelyUnwrapped, count: Int(header.pointee.count))
    }
}
