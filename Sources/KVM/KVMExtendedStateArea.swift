import CKVM
import X86

/// A vCPU's XSAVE area as KVM hands it out. Its first 512 bytes are the FXSAVE image that
/// `FloatingPointState` reads and writes; the engine uses it rather than kvm_fpu, which has no MXCSR.
struct KVMExtendedStateArea: ~Copyable {
    /// The area's size and the request that reads it, from KVM_CAP_XSAVE2.
    struct Layout: Sendable {
        let size: Int
        let getRequest: KVMRequest

        /// `xsave2Size` is what KVM_CHECK_EXTENSION(KVM_CAP_XSAVE2) answered: 0 on kernels
        /// without KVM_GET_XSAVE2, else the area's size.
        init(xsave2Size: Int) {
            size = max(xsave2Size, MemoryLayout<kvm_xsave>.size)
            getRequest = xsave2Size > 0 ? .getXSAVE2 : .getXSAVE
        }
    }

    /// Offset of XSTATE_BV, the header bitmap of the components the area holds.
    private static let stateBitmapOffset = 512
    /// XSTATE_BV bits of the x87 and SSE components, which the FXSAVE image carries.
    private static let legacyComponents: UInt64 = 0b11

    private let buffer: UnsafeMutableRawBufferPointer

    /// Reads the area of `vcpu`.
    init(of vcpu: borrowing KVMFileDescriptor, layout: Layout) throws(KVMError) {
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: layout.size, alignment: 64)
        buffer.initializeMemory(as: UInt8.self, repeating: 0)
        do {
            try vcpu.control(layout.getRequest, buffer: buffer.baseAddress!)
        } catch {
            buffer.deallocate()
            throw error
        }
    }

    deinit { buffer.deallocate() }

    /// The x87, MMX and SSE state the area holds.
    var floatingPointState: FloatingPointState {
        FloatingPointState(fxsave: UnsafeRawBufferPointer(buffer))
    }

    /// Replaces the x87, MMX and SSE state, keeping the other components (AVX and later) as read.
    func replaceFloatingPointState(with state: FloatingPointState) {
        state.writeFXSAVE(to: buffer)
        let bitmap = buffer.load(fromByteOffset: Self.stateBitmapOffset, as: UInt64.self)
        buffer.storeBytes(of: bitmap | Self.legacyComponents, toByteOffset: Self.stateBitmapOffset, as: UInt64.self)
    }

    /// Writes the area back to `vcpu`.
    func write(to vcpu: borrowing KVMFileDescriptor) throws(KVMError) {
        try vcpu.control(.setXSAVE, buffer: buffer.baseAddress!)
    }
}
