import SeededRandom
import TestSupport
import Testing

/// Runs instruction forms on the interpreter and on the host processor from the same random
/// states and records an issue for every difference.
enum SIMDOracleCheck {
    /// Checks each of `forms` from `cases` random states.
    static func check(_ forms: [SIMDForm], cases: Int = 48, sourceLocation: SourceLocation = #_sourceLocation) throws {
        var source = ""
        for (index, form) in forms.enumerated() {
            source += ".org \(index * 64), 0xCC\n\(form.source)\nret\n"
        }
        let code = try GuestAssembler.flatBinary(source: source, origin: InterpreterSIMDRunner.codeAddress)
        var inputs = [SIMDMachineState]()
        var owners = [Int]()
        for (index, form) in forms.enumerated() {
            var random = SeededGenerator(seeding: form.source)
            for _ in 0..<cases {
                inputs.append(SIMDInputs.state(for: form, offset: UInt64(index * 64), &random))
                owners.append(index)
            }
        }
        let expected = try HostSIMDOracle.run(code: code, cases: inputs)
        let runner = try InterpreterSIMDRunner(code: code)
        var failuresPerForm = [Int: Int]()
        for (index, input) in inputs.enumerated() {
            let actual = runner.run(input)
            let differences = actual.differences(from: expected[index])
            guard !differences.isEmpty else { continue }
            let form = owners[index]
            failuresPerForm[form, default: 0] += 1
            guard failuresPerForm[form, default: 0] <= 3 else { continue }
            Issue.record(
                Comment(rawValue: "\(forms[form].source): interpreter vs host: \(differences.joined(separator: "; ")) — from \(describe(input, forms[form].source))"),
                sourceLocation: sourceLocation)
        }
        for (form, count) in failuresPerForm.sorted(by: { $0.key < $1.key }) where count > 3 {
            Issue.record(Comment(rawValue: "\(forms[form].source): \(count) of \(cases) cases differ"), sourceLocation: sourceLocation)
        }
    }

    /// The starting values a failure report needs: MXCSR, the snippet's XMM registers, RAX, RDX and the data at RSI.
    private static func describe(_ state: SIMDMachineState, _ source: String) -> String {
        let registers = (0..<16).filter { source.contains("xmm\($0),") || source.hasSuffix("xmm\($0)") || $0 == 0 }
            .map { "xmm\($0)=\(hex(state.xmm($0)))" }.joined(separator: " ")
        return "mxcsr=\(hex(state.mxcsr)) \(registers) rax=\(hex(state.gpr[0])) rdx=\(hex(state.gpr[2])) rsi=\(hex(state.gpr[6])) "
            + "mem[rsi]=\(state.memory[Int(state.gpr[6] & 0xFF)...].prefix(16).map { hex($0) })"
    }
}
