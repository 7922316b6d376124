import X86

/// The flat memory forms of 64-bit code: the operand's address is its effective address, and an
/// access that the TLB allows directly goes straight to host memory. Anything else (a TLB miss, a
/// page crossing, MMIO, a fault) runs the form's general handler, which makes every check.
extension InterpreterCore {
    /// The memory operand of a flat form, read directly when the TLB allows it.
    @inline(always)
    mutating func flatOperand(_ instruction: UnsafePointer<DecodedInstruction>, size: Int) throws(Interruption) -> UInt64 {
        if let host = directHostAddress(linear: addressSum(instruction.pointee), size: size, write: false) {
            return Self.load(host, size: size)
        }
        return try rmOperand(instruction.pointee, size: size)
    }

    /// Stores `value` to the memory operand of a flat form.
    @inline(always)
    mutating func setFlatOperand(_ instruction: UnsafePointer<DecodedInstruction>, size: Int, _ value: UInt64) throws(Interruption) {
        if let host = directHostAddress(linear: addressSum(instruction.pointee), size: size, write: true) {
            Self.store(host, size: size, value: value)
        } else {
            try setRMOperand(instruction.pointee, size: size, value)
        }
    }

    /// ALU [mem], imm or ALU [mem], reg of a flat form (CMP only reads).
    @inline(always)
    mutating func aluFlat(_ instruction: UnsafePointer<DecodedInstruction>, size: Int, source: UInt64) throws(Interruption) {
        let operation = instruction.pointee.extra
        let compare = ALUOperation(encoding: operation) == .cmp
        if let host = directHostAddress(linear: addressSum(instruction.pointee), size: size, write: !compare) {
            let result = alu(operation, Self.load(host, size: size), source & Self.mask(size), size: size)
            if !compare { Self.store(host, size: size, value: result) }
        } else if instruction.pointee.handler == .aluRMImm {
            try aluRMImm(instruction.pointee, size: size)
        } else {
            try aluRMReg(instruction.pointee, size: size)
        }
    }
}
