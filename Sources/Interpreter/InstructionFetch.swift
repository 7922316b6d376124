import X86

/// Instruction fetch: CS:RIP through the TLB to a physical address, then the decoded-instruction
/// cache, decoding on a miss.
extension InterpreterCore {
    @inline(__always)
    mutating func fetch() throws(Interruption) -> DecodedInstruction {
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
        let tag = DecodedInstructionCache.tag(physical, modeKey: modeKey)
        let slot = cache.slots + DecodedInstructionCache.index(physical)
        if slot.pointee.tag == tag && slot.pointee.generation == generation.pointee {
            return slot.pointee.instruction
        }
        let within = Int(linear & 0xFFF)
        // The 8086's IP wraps within its 64 KiB code segment, so bytes past offset FFFF come from offset 0.
        let segmentBytes = model == .i8086 ? 0x1_0000 - Int(instructionStart & 0xFFFF) : Decoder.maximumLength
        let available = min(Decoder.maximumLength, 4096 - within, segmentBytes)
        var bytes = InlineArray<16, UInt8>(repeating: 0)
        for index in 0..<available { bytes[index] = (host + within + index).load(as: UInt8.self) }
        var count = available
        while true {
            let decoded: DecodedInstruction
            do {
                decoded = try decodeBytes(&bytes, count: count)
            } catch {
                switch error {
                case .invalid: throw .invalidOpcode
                case .tooLong: throw .generalProtection()
                case .truncated:
                    guard count < Decoder.maximumLength else { throw .generalProtection() }
                    // The instruction continues on the next page (or wraps within a 16-bit segment).
                    let nextOffset = (instructionStart &+ UInt64(count)) & ripMask
                    let nextLinear = model == .i8086
                        ? (state.segments[SegmentName.cs.rawValue].base &+ nextOffset) & 0xF_FFFF
                        : try codeLinearAddress(nextOffset)
                    let next = try translate(nextLinear, kind: .execute)
                    guard let nextHost = next.host else { throw .failure("executing from MMIO") }
                    bytes[count] = (nextHost + Int(nextLinear & 0xFFF)).load(as: UInt8.self)
                    count += 1
                    continue
                }
            }
            if Int(decoded.length) <= available {
                generation.pointee |= PhysicalMemoryMap.holdsCodeBit
                slot.pointee = DecodedInstructionCache.Slot(tag: tag, generation: generation.pointee, instruction: decoded)
            }
            return decoded
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
