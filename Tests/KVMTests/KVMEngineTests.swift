import KVM
import Machine
import Testing
import TestSupport
import X86

struct KVMEngineTests {
    @Test func aMissingDeviceGivesAOneLineReason() {
        #expect(throws: KVMError.cannotOpenDevice(path: "/nonexistent/kvm", errno: 2)) {
            _ = try KVMEngine(devicePath: "/nonexistent/kvm")
        }
        let error = KVMError.cannotOpenDevice(path: "/dev/kvm", errno: 13)
        #expect(error.description == "cannot open /dev/kvm: Permission denied")
    }

    @Test func aDeviceThatIsNotKVMIsRefused() throws {
        let error = #expect(throws: KVMError.self) {
            _ = try KVMEngine(devicePath: "/dev/null")
        }
        #expect(error?.description == "KVM_GET_API_VERSION failed: Inappropriate ioctl for device")
    }

    // skipped: /dev/kvm cannot be opened
    @Test(.enabled(if: KVMAvailability.canOpen, "skipped: /dev/kvm cannot be opened"))
    func theEngineIsNamedKVM() throws {
        #expect(try KVMEngine().name == "kvm")
    }

    // skipped: /dev/kvm cannot be opened
    @Test(.enabled(if: KVMAvailability.canOpen, "skipped: /dev/kvm cannot be opened"))
    func twoVCPUsOverOneMemoryRunIndependently() throws {
        let memory = GuestMemory()
        try memory.addRAM(name: "ram", at: 0, size: 0x1_0000)
        memory.write([0xE6, 0x10, 0xF4], at: 0x1000)  // out 0x10, al; hlt
        let engine = try KVMEngine()
        var context = VCPUContext.realMode(codeSegment: 0x100, instructionPointer: 0, stackPointer: 0xF000)
        let first = try engine.makeVirtualCPU(memory: memory, context: context)
        context[.rax] = 2
        let second = try engine.makeVirtualCPU(memory: memory, context: context)
        #expect(first.run() == .portWrite(port: 0x10, size: 1, value: 0))
        #expect(second.run() == .portWrite(port: 0x10, size: 1, value: 2))
    }

    // skipped: /dev/kvm cannot be opened
    @Test(.enabled(if: KVMAvailability.canOpen, "skipped: /dev/kvm cannot be opened"))
    func aSpinningRealModeGuestIsStoppedByTheTimeout() throws {
        // Real mode is emulated by this host's KVM; the kick must interrupt the emulator too.
        let guest = try KVMTestMachine.realMode(code: [
            0xEB, 0xFE,  // again: jmp again
        ])
        #expect(guest.run(timeout: .milliseconds(200)) == .timedOut)
        #expect(guest.vcpu.context.rip == 0)
    }

    // skipped: /dev/kvm cannot be opened
    @Test(.enabled(if: KVMAvailability.canOpen, "skipped: /dev/kvm cannot be opened"))
    func aMemoryRegionOverTheRealModeTSSIsRefused() throws {
        let memory = GuestMemory()
        try memory.addROM(name: "firmware", at: 0xFFF8_0000, contents: [UInt8](repeating: 0, count: 0x8_0000))
        let error = #expect(throws: KVMError.self) {
            _ = try KVMEngine().makeVirtualCPU(memory: memory, context: VCPUContext.powerOn())
        }
        #expect(error == .reservedRangeTaken(name: "firmware"))
        #expect(error?.description
            == "firmware overlaps 0xfffbc000-0xfffbffff, which KVM needs for its real-mode TSS and identity map")
    }
}
