import CKVM
@testable import KVM
import Testing

/// Values in kvm_run that a broken or hostile kernel could report must be refused, never trusted.
struct KVMExitValidationTests {
    private static let areaSize = 3 * 4096
    private static let out = UInt8(KVM_EXIT_IO_OUT)

    @Test func aWellFormedStringExitIsAccepted() throws {
        let io = try #require(KVMPendingPortIO((Self.out, 2, 0x3F8, 3, 4096), areaSize: Self.areaSize))
        #expect(io.isWrite && io.port == 0x3F8 && io.width == 2 && io.count == 3)
        #expect(io.offset(of: 2) == 4100)
    }

    @Test func anExitFillingTheAreaExactlyIsAccepted() {
        #expect(KVMPendingPortIO((Self.out, 4, 0x10, 2048, 4096), areaSize: Self.areaSize) != nil)
    }

    @Test(arguments: [
        (UInt8(7), UInt8(1), UInt32(1), UInt64(4096)),  // unknown direction
        (UInt8(KVM_EXIT_IO_IN), UInt8(3), UInt32(1), UInt64(4096)),  // impossible width
        (UInt8(KVM_EXIT_IO_IN), UInt8(8), UInt32(1), UInt64(4096)),  // no 8-byte port I/O
        (UInt8(KVM_EXIT_IO_IN), UInt8(1), UInt32(0), UInt64(4096)),  // no elements
        (UInt8(KVM_EXIT_IO_IN), UInt8(1), UInt32(1), UInt64(3 * 4096)),  // data just past the area
        (UInt8(KVM_EXIT_IO_IN), UInt8(4), UInt32(2049), UInt64(4096)),  // one element too many
        (UInt8(KVM_EXIT_IO_IN), UInt8(4), UInt32.max, UInt64(4096)),  // count that would overflow
        (UInt8(KVM_EXIT_IO_IN), UInt8(1), UInt32(1), UInt64.max),  // offset that would overflow
    ])
    func aMalformedExitIsRefused(direction: UInt8, size: UInt8, count: UInt32, dataOffset: UInt64) {
        #expect(KVMPendingPortIO((direction, size, 0x60, count, dataOffset), areaSize: Self.areaSize) == nil)
    }

    @Test func anEmulationFailureNamesTheInstructionBytes() {
        var run = kvm_run()
        run.exit_reason = UInt32(KVM_EXIT_INTERNAL_ERROR)
        run.emulation_failure.suberror = UInt32(KVM_INTERNAL_ERROR_EMULATION)
        run.emulation_failure.flags = UInt64(KVM_INTERNAL_ERROR_EMULATION_FLAG_INSTRUCTION_BYTES)
        run.emulation_failure.insn_size = 3
        run.emulation_failure.insn_bytes.0 = 0x0F
        run.emulation_failure.insn_bytes.1 = 0x01
        run.emulation_failure.insn_bytes.2 = 0xD0
        #expect(KVMFailureReason.internalError(&run)
            == "KVM internal error: instruction emulation failed (instruction bytes 0f 01 d0)")
    }

    @Test func anOversizedInstructionLengthIsClamped() {
        var run = kvm_run()
        run.emulation_failure.suberror = UInt32(KVM_INTERNAL_ERROR_EMULATION)
        run.emulation_failure.flags = UInt64(KVM_INTERNAL_ERROR_EMULATION_FLAG_INSTRUCTION_BYTES)
        run.emulation_failure.insn_size = 200
        let reason = KVMFailureReason.internalError(&run)
        #expect(reason.hasSuffix("(instruction bytes " + Array(repeating: "00", count: 15).joined(separator: " ") + ")"))
    }

    @Test func otherInternalErrorsNameTheirSuberror() {
        var run = kvm_run()
        run.internal.suberror = UInt32(KVM_INTERNAL_ERROR_DELIVERY_EV)
        #expect(KVMFailureReason.internalError(&run) == "KVM internal error: event delivery failed")
        run.internal.suberror = 99
        #expect(KVMFailureReason.internalError(&run) == "KVM internal error: suberror 99")
    }
}
