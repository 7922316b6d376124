import Interpreter
import Machine
import Testing
import TestSupport
import X86

/// Segmentation in 32-bit protected mode, where flat segments take the interpreter's direct path
/// to memory and every other segment must still apply its base, limit and rights.
@Suite struct ProtectedModeSegmentTests {
    static let dataAddress: UInt64 = 0x3_0000

    /// Runs 32-bit `source` in the flat guest with `adjust` applied to its context; a fault leaves
    /// 0xE00 + vector in EAX.
    func run(_ source: String, adjust: (inout VCPUContext) -> Void = { _ in }) throws -> VCPUContext {
        let runner = try X87GuestRunner()
        runner.memory.store(UInt32(0x1111_1111), at: Self.dataAddress)
        runner.memory.store(UInt32(0x2222_2222), at: Self.dataAddress + 0x1000)
        let code = try GuestAssembler.flatBinary(source: ".code32\n" + source + "\nhlt", origin: X87GuestRunner.codeBase)
        var context = X87GuestRunner.flatContext(entry: runner.place(code))
        adjust(&context)
        return runner.run(context).context
    }

    static func data(type: UInt8, base: UInt64 = 0, limit: UInt32 = 0xFFFF_FFFF) -> SegmentRegister {
        SegmentRegister(
            selector: 0x10, base: base, limit: limit,
            access: SegmentAccessRights(type: type, system: false, dpl: 0, present: true, defaultBig: true, granularity: true))
    }

    @Test func flatSegmentsReadAndWrite() throws {
        let context = try run("""
            mov \(Self.dataAddress), %ebx
            movl $0x3333, \(Self.dataAddress)
            mov \(Self.dataAddress), %ecx
            xor %eax, %eax
            """)
        #expect(context[.rbx] == 0x1111_1111)
        #expect(context[.rcx] == 0x3333)
        #expect(context[.rax] == 0)
    }

    @Test func basedSegmentsAddTheirBase() throws {
        // The same offset, read through flat DS and then through ES based 0x1000 higher.
        let context = try run("""
            mov \(Self.dataAddress), %ebx
            mov %es:\(Self.dataAddress), %ecx
            """) { context in
            context[.es] = Self.data(type: 3, base: 0x1000)
        }
        #expect(context[.rbx] == 0x1111_1111)
        #expect(context[.rcx] == 0x2222_2222)
    }

    @Test func readOnlySegmentsRefuseWritesToPagesTheyHaveRead() throws {
        let context = try run("""
            mov \(Self.dataAddress), %ebx
            movl $0x3333, \(Self.dataAddress)
            """) { context in
            context[.ds] = Self.data(type: 1)
        }
        #expect(context[.rbx] == 0x1111_1111)
        #expect(context[.rax] == 0xE0D)
    }

    @Test func expandDownSegmentsRefuseOffsetsAtOrBelowTheLimit() throws {
        let above = try run("mov \(Self.dataAddress), %ebx; xor %eax, %eax") { context in
            context[.ds] = Self.data(type: 7, limit: 0xFFFF)
        }
        #expect(above[.rbx] == 0x1111_1111)
        #expect(above[.rax] == 0)
        let below = try run("mov 0x8000, %ebx") { context in
            context[.ds] = Self.data(type: 7, limit: 0xFFFF)
        }
        #expect(below[.rax] == 0xE0D)
    }

    @Test func codeSegmentsAreReadOnlyWhenReadable() throws {
        let context = try run("""
            mov %cs:\(Self.dataAddress), %ebx
            movl $0x3333, %cs:\(Self.dataAddress)
            """)
        #expect(context[.rbx] == 0x1111_1111)
        #expect(context[.rax] == 0xE0D)
    }
}
