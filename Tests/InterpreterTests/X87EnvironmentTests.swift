import Interpreter
import Machine
import Testing
import TestSupport
import X86

/// The environment and state images of FSTENV, FSAVE and FRSTOR in their 16- and 32-bit, protected
/// and real-mode layouts, and the last instruction and data pointers and opcode behind them.
@Suite struct X87EnvironmentTests {
    func word(_ bytes: [UInt8], _ offset: Int) -> UInt32 { UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 }
    func dword(_ bytes: [UInt8], _ offset: Int) -> UInt32 { word(bytes, offset) | word(bytes, offset + 2) << 16 }

    /// Runs 32-bit Intel-syntax `source` and returns the runner, the entry and the 128 bytes at EDI.
    func runProtected(_ source: String) throws -> (runner: X87GuestRunner, entry: UInt64, image: [UInt8]) {
        let runner = try X87GuestRunner()
        let entry = runner.place(try GuestAssembler.flatBinary(source: ".code32\n.intel_syntax noprefix\n" + source, origin: 0))
        let (exit, _) = runner.run(X87GuestRunner.flatContext(entry: entry))
        #expect(exit == .halt)
        return (runner, entry, runner.memory.read(at: X87GuestRunner.stateAddress, count: 128) ?? [])
    }

    @Test func protectedModeEnvironmentHoldsThePointersOfTheLastNonControlInstruction() throws {
        let (_, entry, image) = try runProtected("""
            fninit
            fld1
            fadd dword ptr [esi + 4]
            fnstcw [esi + 64]
            fnstenv [edi]
            hlt
            """)
        #expect(dword(image, 0) == 0xFFFF_037F)
        #expect(dword(image, 4) == 0xFFFF_3800)
        #expect(dword(image, 8) == 0xFFFF_3FFF)
        #expect(UInt64(dword(image, 12)) == entry + 4)
        #expect(dword(image, 16) == 0x046 << 16)
        #expect(UInt64(dword(image, 20)) == X87GuestRunner.operandAddress + 4)
        #expect(dword(image, 24) == 0xFFFF_0000)
    }

    @Test func sixteenBitProtectedModeEnvironment() throws {
        let (_, entry, image) = try runProtected("""
            fninit
            fldz
            fld1
            fstp dword ptr [esi + 8]
            .byte 0x66
            fnstenv [edi]
            hlt
            """)
        #expect(word(image, 0) == 0x037F)
        #expect(word(image, 2) == 0x3800)
        #expect(word(image, 4) == 0x7FFF)
        #expect(UInt64(word(image, 6)) == (entry + 6) & 0xFFFF)
        #expect(word(image, 8) == 0)
        #expect(word(image, 10) == 0x0008)
        #expect(word(image, 12) == 0)
        #expect(image[14] == 0)
    }

    @Test func sixteenBitSaveAndRestoreRoundTrip() throws {
        let (runner, _, image) = try runProtected("""
            fninit
            fldpi
            fld tbyte ptr [esi]
            fldl2t
            fdiv st, st(2)
            fxch st(1)
            .byte 0x66
            fnsave [edi]
            fld1
            .byte 0x66
            frstor [edi]
            fnsave [edi + 256]
            hlt
            """)
        let restored = runner.memory.read(at: X87GuestRunner.stateAddress + 256, count: 108) ?? []
        #expect(word(image, 0) == word(restored, 0))
        #expect(word(image, 2) == word(restored, 4))
        #expect(word(image, 4) == word(restored, 8))
        #expect(Array(image[14..<94]) == Array(restored[28..<108]))
    }

    @Test func realModeLayoutsHoldLinearPointers() throws {
        let memory = GuestMemory()
        _ = try memory.addRAM(name: "ram", at: 0, size: 1 << 20)
        let code = try GuestAssembler.flatBinary(source: """
            .code16
            .intel_syntax noprefix
            mov ax, 0x2345
            mov ds, ax
            mov bx, 0x10
            fninit
            fldpi
            fadd dword ptr [bx + 2]
            fnstenv [bx + 0x40]
            fnsave [bx + 0x60]
            fld1
            frstor [bx + 0x60]
            .byte 0x66
            fnstenv [bx + 0x100]
            cli
            hlt
            """, origin: 0x100)
        #expect(memory.write(code, at: 0x1_2100))
        let vcpu = try InterpreterEngine().makeVirtualCPU(
            memory: memory, context: .realMode(codeSegment: 0x1200, instructionPointer: 0x100, stackPointer: 0xFFF0))
        #expect(vcpu.run() == .halt)
        let data = memory.read(at: 0x2_3450, count: 0x200) ?? []
        let instruction: UInt32 = 0x1_2100 + 12
        let operand: UInt32 = 0x2_3450 + 0x12
        let opcode: UInt32 = 0x047
        // 14-byte real-mode layout.
        let small = Array(data[0x50..<0x5E])
        #expect(word(small, 0) == 0x037F)
        #expect(word(small, 6) == instruction & 0xFFFF)
        #expect(word(small, 8) == (instruction >> 16) << 12 | opcode)
        #expect(word(small, 10) == operand & 0xFFFF)
        #expect(word(small, 12) == (operand >> 16) << 12)
        // The 94-byte state restored by FRSTOR and stored again in the 28-byte layout.
        let large = Array(data[0x110..<0x12C])
        #expect(dword(large, 4) & 0xFFFF == 0x3800)
        #expect(dword(large, 12) & 0xFFFF == instruction & 0xFFFF)
        #expect(dword(large, 16) == (instruction >> 16) << 12 | opcode)
        #expect(dword(large, 20) & 0xFFFF == operand & 0xFFFF)
        #expect(dword(large, 24) == (operand >> 16) << 12)
    }

    @Test func longModeStoresThe32BitEnvironmentAnd64BitPointers() throws {
        let memory = GuestMemory()
        _ = try memory.addRAM(name: "ram", at: 0, size: 16 << 20)
        // PML4 entries 0 and 1 share one PDPT whose first PD maps 16 MiB with 2 MiB pages, so
        // linear 0x80_0000_0000 + x is physical x.
        memory.store(UInt64(0x2003), at: 0x1000)
        memory.store(UInt64(0x2003), at: 0x1008)
        memory.store(UInt64(0x3003), at: 0x2000)
        for page in 0..<8 { memory.store(UInt64(page) << 21 | 0x83, at: 0x3000 + UInt64(page * 8)) }
        let base: UInt64 = 0x80_0010_0000
        let code = try GuestAssembler.flatBinary(source: """
            .code64
            .intel_syntax noprefix
            fninit
            fld1
            fadd dword ptr [rip + value]
            fnstenv [rdi]
            fxsave [rdi + 64]
            hlt
            value: .float 2.0
            """, origin: base)
        #expect(memory.write(code, at: 0x10_0000))
        var context = VCPUContext()
        context.cr0 = CR0.protectionEnable | CR0.paging | CR0.extensionType | CR0.numericError
        context.cr3 = 0x1000
        context.cr4 = CR4.physicalAddressExtension
        context.efer = EFER.longModeEnable | EFER.longModeActive
        context[.cs] = SegmentRegister(selector: 8, base: 0, limit: 0xFFFF_FFFF,
                                       access: SegmentAccessRights(type: 0xB, system: false, dpl: 0, present: true, longMode: true, granularity: true))
        context[.ss] = SegmentRegister(selector: 0x10, base: 0, limit: 0xFFFF_FFFF,
                                       access: SegmentAccessRights(type: 0x3, system: false, dpl: 0, present: true, defaultBig: true, granularity: true))
        context.rip = base
        context[.rdi] = 0x2_0000
        let vcpu = try InterpreterEngine().makeVirtualCPU(memory: memory, context: context)
        #expect(vcpu.run() == .halt)
        #expect(vcpu.context.fpu.registers[7] == X87Register(significand: 0xC000_0000_0000_0000, signAndExponent: 0x4000))
        let image = memory.read(at: 0x2_0000, count: 64 + 32) ?? []
        let value = base + UInt64(code.count) - 4
        #expect(dword(image, 12) == UInt32(truncatingIfNeeded: base + 4))
        #expect(dword(image, 16) == 0x005 << 16)
        #expect(dword(image, 20) == UInt32(truncatingIfNeeded: value))
        let fxsave = Array(image[64...])
        #expect(word(fxsave, 6) == 0x005)
        #expect(UInt64(dword(fxsave, 8)) | UInt64(dword(fxsave, 12)) << 32 == base + 4)
        #expect(UInt64(dword(fxsave, 16)) | UInt64(dword(fxsave, 20)) << 32 == value)
    }
}
