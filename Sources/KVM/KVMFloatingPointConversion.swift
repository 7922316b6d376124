import CKVM
import X86

// Conversion between `FloatingPointState` and kvm_fpu. kvm_fpu has no MXCSR_MASK, so that field
// keeps the value the context already had.

extension kvm_fpu {
    /// Bytes per x87 and per XMM register slot in kvm_fpu.
    private static var slotSize: Int { 16 }

    init(_ state: FloatingPointState) {
        self.init()
        fcw = state.controlWord
        fsw = state.statusWord
        ftwx = state.abridgedTagWord
        last_opcode = state.lastOpcode
        last_ip = state.lastInstructionPointer
        last_dp = state.lastDataPointer
        mxcsr = state.mxcsr
        withUnsafeMutableBytes(of: &fpr) { bytes in
            for index in 0..<8 {
                let offset = index * Self.slotSize
                bytes.storeBytes(of: state.registers[index].significand.littleEndian, toByteOffset: offset, as: UInt64.self)
                bytes.storeBytes(
                    of: state.registers[index].signAndExponent.littleEndian, toByteOffset: offset + 8, as: UInt16.self)
            }
        }
        withUnsafeMutableBytes(of: &xmm) { bytes in
            for index in 0..<16 {
                let offset = index * Self.slotSize
                let value = state.xmm[index]
                bytes.storeBytes(of: UInt64(truncatingIfNeeded: value).littleEndian, toByteOffset: offset, as: UInt64.self)
                bytes.storeBytes(
                    of: UInt64(truncatingIfNeeded: value >> 64).littleEndian, toByteOffset: offset + 8, as: UInt64.self)
            }
        }
    }

    func apply(to state: inout FloatingPointState) {
        state.controlWord = fcw
        state.statusWord = fsw
        state.abridgedTagWord = ftwx
        state.lastOpcode = last_opcode
        state.lastInstructionPointer = last_ip
        state.lastDataPointer = last_dp
        state.mxcsr = mxcsr
        withUnsafeBytes(of: fpr) { bytes in
            for index in 0..<8 {
                let offset = index * Self.slotSize
                state.registers[index] = X87Register(
                    significand: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)),
                    signAndExponent: UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt16.self)))
            }
        }
        withUnsafeBytes(of: xmm) { bytes in
            for index in 0..<16 {
                let offset = index * Self.slotSize
                let low = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                let high = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
                state.xmm[index] = UInt128(high) << 64 | UInt128(low)
            }
        }
    }
}
