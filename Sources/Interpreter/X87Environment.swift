import X86

/// FSTENV, FLDENV, FSAVE and FRSTOR: the environment image in its four layouts (16- or 32-bit
/// operand size; protected mode, where 64-bit mode uses the 32-bit layout, or real and virtual-8086
/// mode), then for the state the eight registers ST(0)–ST(7), ten bytes each.
/// The code and data selectors are stored as 0, as on processors that deprecate them.
extension InterpreterCore {
    /// FNSTENV: stores the environment, then masks every exception.
    mutating func x87StoreEnvironment(_ instruction: DecodedInstruction) throws(Interruption) {
        try x87CheckWritable(instruction)
        try x87WriteEnvironment(instruction)
        state.fpu.controlWord |= X87Flags.exceptions
        state.fpu.updateErrorSummary()
    }

    /// FNSAVE: stores the environment and the registers, then initializes as FNINIT does.
    mutating func x87SaveState(_ instruction: DecodedInstruction) throws(Interruption) {
        try x87CheckWritable(instruction)
        try x87WriteEnvironment(instruction)
        let start = x87EnvironmentSize(instruction)
        for index in 0..<8 {
            let value = state.fpu.st(index)
            try x87Write(instruction, at: start + index * 10, size: 8, value.significand)
            try x87Write(instruction, at: start + index * 10 + 8, size: 2, UInt64(value.signAndExponent))
        }
        x87Initialize()
    }

    /// FLDENV and FRSTOR: the tags come from the image's empty marks, the error summary from the
    /// loaded flags and masks.
    mutating func x87LoadEnvironment(_ instruction: DecodedInstruction, withRegisters: Bool) throws(Interruption) {
        let wide = x87EnvironmentSize(instruction) == 28
        let fieldSize = wide ? 4 : 2
        var fields = InlineArray<7, UInt64>(repeating: 0)
        for index in 0..<7 { fields[index] = try x87Read(instruction, at: index * fieldSize, size: fieldSize) }
        var registers = InlineArray<8, X87Register>(repeating: X87Register())
        if withRegisters {
            let start = x87EnvironmentSize(instruction)
            for index in 0..<8 {
                registers[index] = X87Register(
                    significand: try x87Read(instruction, at: start + index * 10, size: 8),
                    signAndExponent: UInt16(truncatingIfNeeded: try x87Read(instruction, at: start + index * 10 + 8, size: 2)))
            }
        }
        state.fpu.statusWord = UInt16(truncatingIfNeeded: fields[1])
        state.fpu.setTags(fullTagWord: UInt16(truncatingIfNeeded: fields[2]))
        x87SetControlWord(UInt16(truncatingIfNeeded: fields[0]))
        switch (isRealAddressing, wide) {
        case (false, true):
            state.fpu.lastInstructionPointer = fields[3]
            state.fpu.lastOpcode = UInt16(truncatingIfNeeded: fields[4] >> 16) & 0x7FF
            state.fpu.lastDataPointer = fields[5]
        case (false, false):
            state.fpu.lastInstructionPointer = fields[3]
            state.fpu.lastDataPointer = fields[5]
        case (true, true):
            state.fpu.lastInstructionPointer = fields[3] & 0xFFFF | (fields[4] >> 12 & 0xFFFF) << 16
            state.fpu.lastOpcode = UInt16(truncatingIfNeeded: fields[4]) & 0x7FF
            state.fpu.lastDataPointer = fields[5] & 0xFFFF | (fields[6] >> 12 & 0xFFFF) << 16
        case (true, false):
            state.fpu.lastInstructionPointer = fields[3] | (fields[4] >> 12) << 16
            state.fpu.lastOpcode = UInt16(truncatingIfNeeded: fields[4]) & 0x7FF
            state.fpu.lastDataPointer = fields[5] | (fields[6] >> 12) << 16
        }
        if withRegisters {
            for index in 0..<8 { state.fpu.registers[state.fpu.physical(index)] = registers[index] }
        }
    }

    /// 14 bytes with a 16-bit operand size, else 28.
    private func x87EnvironmentSize(_ instruction: DecodedInstruction) -> Int {
        instruction.operandSize == 14 || instruction.operandSize == 94 ? 14 : 28
    }

    private mutating func x87WriteEnvironment(_ instruction: DecodedInstruction) throws(Interruption) {
        let wide = x87EnvironmentSize(instruction) == 28
        let fpu = state.fpu
        let instructionPointer = fpu.lastInstructionPointer
        let dataPointer = fpu.lastDataPointer
        let opcode = UInt64(fpu.lastOpcode & 0x7FF)
        var fields = InlineArray<7, UInt64>(repeating: 0)
        // The 32-bit layouts' reserved upper halves read as ones.
        let reserved: UInt64 = wide ? 0xFFFF_0000 : 0
        fields[0] = reserved | UInt64(fpu.controlWord)
        fields[1] = reserved | UInt64(fpu.statusWord)
        fields[2] = reserved | UInt64(fpu.fullTagWord)
        switch (isRealAddressing, wide) {
        case (false, true):
            fields[3] = instructionPointer & 0xFFFF_FFFF
            fields[4] = opcode << 16
            fields[5] = dataPointer & 0xFFFF_FFFF
            fields[6] = reserved
        case (false, false):
            fields[3] = instructionPointer & 0xFFFF
            fields[5] = dataPointer & 0xFFFF
        case (true, true):
            fields[3] = instructionPointer & 0xFFFF
            fields[4] = (instructionPointer >> 16 & 0xFFFF) << 12 | opcode
            fields[5] = dataPointer & 0xFFFF
            fields[6] = (dataPointer >> 16 & 0xFFFF) << 12
        case (true, false):
            fields[3] = instructionPointer & 0xFFFF
            fields[4] = (instructionPointer >> 16 & 0xF) << 12 | opcode
            fields[5] = dataPointer & 0xFFFF
            fields[6] = (dataPointer >> 16 & 0xF) << 12
        }
        let fieldSize = wide ? 4 : 2
        for index in 0..<7 { try x87Write(instruction, at: index * fieldSize, size: fieldSize, fields[index]) }
    }
}
