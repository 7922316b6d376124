/// One x87 data register: an 80-bit extended-precision value (also the MMX register alias).
public struct X87Register: Equatable, Sendable {
    public var significand: UInt64
    public var signAndExponent: UInt16

    public init(significand: UInt64 = 0, signAndExponent: UInt16 = 0) {
        self.significand = significand
        self.signAndExponent = signAndExponent
    }
}

/// x87, MMX and SSE state with the fields of the FXSAVE image.
public struct FloatingPointState: Equatable, Sendable {
    public var controlWord: UInt16 = 0x037F
    public var statusWord: UInt16 = 0
    /// The abridged tag word of FXSAVE: bit i set when physical register i is valid.
    public var abridgedTagWord: UInt8 = 0
    public var lastOpcode: UInt16 = 0
    public var lastInstructionPointer: UInt64 = 0
    public var lastDataPointer: UInt64 = 0
    public var mxcsr: UInt32 = 0x1F80
    public var mxcsrMask: UInt32 = 0xFFFF
    /// The eight data registers by physical number (R0–R7; ST(i) is physical (TOP + i) mod 8).
    public var registers = InlineArray<8, X87Register>(repeating: X87Register())
    public var xmm = InlineArray<16, UInt128>(repeating: 0)

    public init() {}

    /// Size of the FXSAVE image in bytes.
    public static let fxsaveSize = 512

    /// TOP, the physical number of ST(0), from the status word.
    public var top: Int { Int((statusWord >> 11) & 7) }

    /// Writes the state as a 512-byte FXSAVE image (64-bit layout): slot i holds ST(i).
    public func writeFXSAVE(to buffer: UnsafeMutableRawBufferPointer) {
        precondition(buffer.count >= Self.fxsaveSize)
        for index in 0..<Self.fxsaveSize { buffer[index] = 0 }
        buffer.storeBytes(of: controlWord.littleEndian, toByteOffset: 0, as: UInt16.self)
        buffer.storeBytes(of: statusWord.littleEndian, toByteOffset: 2, as: UInt16.self)
        buffer[4] = abridgedTagWord
        buffer.storeBytes(of: lastOpcode.littleEndian, toByteOffset: 6, as: UInt16.self)
        buffer.storeBytes(of: lastInstructionPointer.littleEndian, toByteOffset: 8, as: UInt64.self)
        buffer.storeBytes(of: lastDataPointer.littleEndian, toByteOffset: 16, as: UInt64.self)
        buffer.storeBytes(of: mxcsr.littleEndian, toByteOffset: 24, as: UInt32.self)
        buffer.storeBytes(of: mxcsrMask.littleEndian, toByteOffset: 28, as: UInt32.self)
        for index in 0..<8 {
            let offset = 32 + index * 16
            let register = registers[(top + index) & 7]
            buffer.storeBytes(of: register.significand.littleEndian, toByteOffset: offset, as: UInt64.self)
            buffer.storeBytes(of: register.signAndExponent.littleEndian, toByteOffset: offset + 8, as: UInt16.self)
        }
        for index in 0..<16 {
            let offset = 160 + index * 16
            buffer.storeBytes(of: UInt64(truncatingIfNeeded: xmm[index]).littleEndian, toByteOffset: offset, as: UInt64.self)
            buffer.storeBytes(
                of: UInt64(truncatingIfNeeded: xmm[index] >> 64).littleEndian, toByteOffset: offset + 8, as: UInt64.self)
        }
    }

    /// Reads the state from a 512-byte FXSAVE image (64-bit layout): slot i holds ST(i).
    public init(fxsave buffer: UnsafeRawBufferPointer) {
        precondition(buffer.count >= Self.fxsaveSize)
        controlWord = UInt16(littleEndian: buffer.loadUnaligned(fromByteOffset: 0, as: UInt16.self))
        statusWord = UInt16(littleEndian: buffer.loadUnaligned(fromByteOffset: 2, as: UInt16.self))
        abridgedTagWord = buffer[4]
        lastOpcode = UInt16(littleEndian: buffer.loadUnaligned(fromByteOffset: 6, as: UInt16.self))
        lastInstructionPointer = UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        lastDataPointer = UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
        mxcsr = UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: 24, as: UInt32.self))
        mxcsrMask = UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: 28, as: UInt32.self))
        for index in 0..<8 {
            let offset = 32 + index * 16
            registers[(top + index) & 7] = X87Register(
                significand: UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self)),
                signAndExponent: UInt16(littleEndian: buffer.loadUnaligned(fromByteOffset: offset + 8, as: UInt16.self)))
        }
        for index in 0..<16 {
            let offset = 160 + index * 16
            let low = UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            let high = UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
            xmm[index] = UInt128(high) << 64 | UInt128(low)
        }
    }

    public static func == (lhs: FloatingPointState, rhs: FloatingPointState) -> Bool {
        guard lhs.controlWord == rhs.controlWord, lhs.statusWord == rhs.statusWord,
              lhs.abridgedTagWord == rhs.abridgedTagWord, lhs.lastOpcode == rhs.lastOpcode,
              lhs.lastInstructionPointer == rhs.lastInstructionPointer,
              lhs.lastDataPointer == rhs.lastDataPointer, lhs.mxcsr == rhs.mxcsr,
              lhs.mxcsrMask == rhs.mxcsrMask else { return false }
        for index in 0..<8 where lhs.registers[index] != rhs.registers[index] { return false }
        for index in 0..<16 where lhs.xmm[index] != rhs.xmm[index] { return false }
        return true
    }
}
