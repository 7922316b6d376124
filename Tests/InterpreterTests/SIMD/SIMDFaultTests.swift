import Testing
import TestSupport
import X86

/// The device checks of MMX and SSE instructions (CR0.EM, CR0.TS, CR4.OSFXSR, CR4.OSXMMEXCPT)
/// and LDMXCSR's reserved bits, on the interpreter alone: the host cannot change its control registers.
@Suite struct SIMDFaultTests {
    static let snippets = [
        "addps %xmm1, %xmm0", "paddb %xmm1, %xmm0", "paddb %mm1, %mm0", "emms", "movq2dq %mm1, %xmm0",
        "ldmxcsr (%rsi)", "stmxcsr (%rsi)", "crc32b %bl, %eax", "pshufw $1, %mm1, %mm0", "cvtpi2ps (%rsi), %xmm0",
    ]

    /// The vector each snippet ends with when `adjust` changes the context (255: none).
    func vectors(_ adjust: (inout VCPUContext) -> Void, mxcsr: UInt32 = 0x1F80) throws -> [String: UInt64] {
        var source = ""
        for (index, snippet) in Self.snippets.enumerated() { source += ".org \(index * 64), 0xCC\n\(snippet)\nret\n" }
        let runner = try InterpreterSIMDRunner(code: try GuestAssembler.flatBinary(source: source, origin: InterpreterSIMDRunner.codeAddress))
        var vectors = [String: UInt64]()
        for (index, snippet) in Self.snippets.enumerated() {
            var input = SIMDMachineState()
            input.offset = UInt64(index * 64)
            input.gpr[6] = HostSIMDOracle.dataAddress
            input.setWord16(0, 0x037F)
            input.mxcsr = mxcsr
            input.memory[0] = 0x80
            input.memory[1] = 0x1F
            vectors[snippet] = runner.run(input, adjust: adjust).vector
        }
        return vectors
    }

    @Test func emulationMakesMMXAndSSEUndefined() throws {
        let vectors = try vectors { $0.cr0 |= CR0.emulation }
        for snippet in Self.snippets where snippet != "crc32b %bl, %eax" { #expect(vectors[snippet] == 6, "\(snippet)") }
        #expect(vectors["crc32b %bl, %eax"] == 255)
    }

    @Test func taskSwitchedDefersToTheDeviceNotAvailableHandler() throws {
        let vectors = try vectors { $0.cr0 |= CR0.taskSwitched }
        for snippet in Self.snippets where snippet != "crc32b %bl, %eax" { #expect(vectors[snippet] == 7, "\(snippet)") }
        #expect(vectors["crc32b %bl, %eax"] == 255)
    }

    @Test func withoutOSFXSROnlyMMXRuns() throws {
        let vectors = try vectors { $0.cr4 &= ~CR4.osfxsr }
        for snippet in ["addps %xmm1, %xmm0", "paddb %xmm1, %xmm0", "movq2dq %mm1, %xmm0", "ldmxcsr (%rsi)", "stmxcsr (%rsi)", "cvtpi2ps (%rsi), %xmm0"] {
            #expect(vectors[snippet] == 6, "\(snippet)")
        }
        for snippet in ["paddb %mm1, %mm0", "emms", "pshufw $1, %mm1, %mm0", "crc32b %bl, %eax"] { #expect(vectors[snippet] == 255, "\(snippet)") }
    }

    @Test func unmaskedExceptionsAreUndefinedWithoutOSXMMEXCPT() throws {
        let source = "divss %xmm1, %xmm0\nret\n"
        let runner = try InterpreterSIMDRunner(code: try GuestAssembler.flatBinary(source: source, origin: InterpreterSIMDRunner.codeAddress))
        var input = SIMDMachineState()
        input.mxcsr = 0x1F80 & ~(MXCSR.divideByZero << MXCSR.maskShift)
        input.setXMM(0, 0x3F80_0000)
        let withHandler = runner.run(input)
        #expect(withHandler.vector == 19)
        #expect(withHandler.mxcsr & MXCSR.divideByZero != 0)
        #expect(withHandler.xmm(0) == 0x3F80_0000)
        let withoutHandler = runner.run(input) { $0.cr4 &= ~CR4.osxmmexcpt }
        #expect(withoutHandler.vector == 6)
    }
}
