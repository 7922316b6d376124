import X86

/// String instructions. A REP-prefixed one runs a bounded number of iterations per step and
/// restarts itself (RIP left on the instruction) while the count is not exhausted, so exits,
/// interrupts and timeouts are served in between, as on hardware.
extension InterpreterCore {
    /// Iterations of a REP string instruction executed before it restarts.
    static let repeatBatch = 4096

    /// The count register at address size, or nil for an unprefixed instruction.
    @inline(__always)
    private func repeatCount(_ instruction: DecodedInstruction) -> UInt64? {
        guard instruction.prefixes.contains(.repeatEqual) || instruction.prefixes.contains(.repeatNotEqual) else { return nil }
        return gpr[1] & Self.mask(Int(instruction.addressSize))
    }

    @inline(__always)
    private var stringStep: UInt64 { state.rflags & RFlags.direction != 0 ? .max : 1 }

    @inline(__always)
    private mutating func advance(_ register: UInt8, by size: Int, _ instruction: DecodedInstruction) {
        let addressSize = Int(instruction.addressSize)
        let value = (gpr[Int(register)] &+ stringStep &* UInt64(size)) & Self.mask(addressSize)
        setRegister(register, size: addressSize, highByte: false, value)
    }

    @inline(__always)
    private mutating func decrementCount(_ instruction: DecodedInstruction) -> UInt64 {
        let addressSize = Int(instruction.addressSize)
        let count = (gpr[1] &- 1) & Self.mask(addressSize)
        setRegister(1, size: addressSize, highByte: false, count)
        return count
    }

    @inline(__always)
    private func sourceSegment(_ instruction: DecodedInstruction) -> Int {
        instruction.segmentOverride == DecodedInstruction.noSegmentOverride ? SegmentName.ds.rawValue : Int(instruction.segmentOverride)
    }

    @inline(__always)
    private func index(_ register: Int, _ instruction: DecodedInstruction) -> UInt64 {
        gpr[register] & Self.mask(Int(instruction.addressSize))
    }

    /// Runs `iteration` under the REP rules; `conditional` stops on ZF as REPE/REPNE do.
    @inline(__always)
    private mutating func repeatString(
        _ instruction: DecodedInstruction, conditional: Bool, _ iteration: (inout InterpreterCore) throws(Interruption) -> Void
    ) throws(Interruption) {
        guard var count = repeatCount(instruction) else {
            try iteration(&self)
            return
        }
        var batch = Self.repeatBatch
        while count != 0 {
            try iteration(&self)
            if mmioReplayCount != 0 { forgetMMIOReplay() }
            count = decrementCount(instruction)
            if conditional {
                let stopOnEqual = instruction.prefixes.contains(.repeatNotEqual)
                if flags.zero == stopOnEqual { return }
            }
            batch -= 1
            if batch == 0 || completionExitCount > 0 {
                if count != 0 { state.rip = instructionStart }
                return
            }
        }
    }

    mutating func moveString(_ instruction: DecodedInstruction, size: Int) throws(Interruption) {
        try repeatString(instruction, conditional: false) { (core: inout InterpreterCore) throws(Interruption) in
            let value = try core.read(segment: core.sourceSegment(instruction), offset: core.index(6, instruction), size: size)
            try core.write(segment: SegmentName.es.rawValue, offset: core.index(7, instruction), size: size, value: value)
            core.advance(6, by: size, instruction)
            core.advance(7, by: size, instruction)
        }
    }

    mutating func storeString(_ instruction: DecodedInstruction, size: Int) throws(Interruption) {
        try repeatString(instruction, conditional: false) { (core: inout InterpreterCore) throws(Interruption) in
            try core.write(segment: SegmentName.es.rawValue, offset: core.index(7, instruction), size: size, value: core.gpr[0])
            core.advance(7, by: size, instruction)
        }
    }

    mutating func loadString(_ instruction: DecodedInstruction, size: Int) throws(Interruption) {
        try repeatString(instruction, conditional: false) { (core: inout InterpreterCore) throws(Interruption) in
            let value = try core.read(segment: core.sourceSegment(instruction), offset: core.index(6, instruction), size: size)
            core.setRegister(0, size: size, highByte: false, value)
            core.advance(6, by: size, instruction)
        }
    }

    mutating func compareString(_ instruction: DecodedInstruction, size: Int) throws(Interruption) {
        try repeatString(instruction, conditional: true) { (core: inout InterpreterCore) throws(Interruption) in
            let source = try core.read(segment: core.sourceSegment(instruction), offset: core.index(6, instruction), size: size)
            let destination = try core.read(segment: SegmentName.es.rawValue, offset: core.index(7, instruction), size: size)
            _ = core.alu(ALUOperation.cmp.rawValue, source, destination, size: size)
            core.advance(6, by: size, instruction)
            core.advance(7, by: size, instruction)
        }
    }

    mutating func scanString(_ instruction: DecodedInstruction, size: Int) throws(Interruption) {
        try repeatString(instruction, conditional: true) { (core: inout InterpreterCore) throws(Interruption) in
            let value = try core.read(segment: SegmentName.es.rawValue, offset: core.index(7, instruction), size: size)
            _ = core.alu(ALUOperation.cmp.rawValue, core.gpr[0] & Self.mask(size), value, size: size)
            core.advance(7, by: size, instruction)
        }
    }

    mutating func inputString(_ instruction: DecodedInstruction, size: Int) throws(Interruption) {
        let width = min(size, 4)
        let port = UInt16(truncatingIfNeeded: gpr[2])
        try checkIOPermission(port: port, size: width)
        try repeatString(instruction, conditional: false) { (core: inout InterpreterCore) throws(Interruption) in
            let destination = core.index(7, instruction)
            // Probe the destination before the port is read, so a fault does not lose the input.
            _ = try core.linearAddress(segment: SegmentName.es.rawValue, offset: destination, size: width, write: true)
            // Each element is asked of the bus; the iterations done so far stay done.
            guard let value = core.completedPortRead else { throw .exit(.portRead(port: port, size: width)) }
            core.completedPortRead = nil
            try core.write(segment: SegmentName.es.rawValue, offset: destination, size: width, value: value)
            core.advance(7, by: width, instruction)
        }
    }

    mutating func outputString(_ instruction: DecodedInstruction, size: Int) throws(Interruption) {
        let width = min(size, 4)
        let port = UInt16(truncatingIfNeeded: gpr[2])
        try checkIOPermission(port: port, size: width)
        try repeatString(instruction, conditional: false) { (core: inout InterpreterCore) throws(Interruption) in
            let value = try core.read(segment: core.sourceSegment(instruction), offset: core.index(6, instruction), size: width)
            try core.queueCompletionExit(.portWrite(port: port, size: width, value: value))
            core.advance(6, by: width, instruction)
        }
    }
}
