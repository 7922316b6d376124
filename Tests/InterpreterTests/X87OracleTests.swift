import Interpreter
import Machine
import Testing
import TestSupport
import X86

/// The host processor as the oracle: each x87 form runs natively and on the interpreter from the
/// same random state (loaded with FRSTOR, saved with FNSAVE, EFLAGS through SAHF/LAHF), and the
/// saved images, EAX, the flags and the memory operand must agree bit for bit. The forms use
/// ModRM addressing through ESI/RSI alone, so one encoding means the same in 32-bit guest code and
/// in the 64-bit host.
@Suite struct X87OracleTests {
    /// What a form's memory operand holds before it runs.
    enum Operand {
        case none, m32fp, m64fp, m80fp, m16int, m32int, m64int, m80bcd, controlWord, environment, state
    }

    struct Form {
        let source: String
        let operand: Operand
        /// Operand bytes not compared: the pointers and selectors FNSTENV and FNSAVE store.
        var unchecked: Range<Int> = 0..<0
    }

    static let stateSize = 128
    static let operandSize = 128
    /// XOR EAX,EAX; MOV AH,[EDI+108]; SAHF; FRSTOR [EDI]
    static let prologue: [UInt8] = [0x31, 0xC0, 0x8A, 0x67, 0x6C, 0x9E, 0xDD, 0x27]
    /// FNSAVE [EDI]; MOV [EDI+112],EAX; LAHF; MOV [EDI+109],AH
    static let epilogue: [UInt8] = [0xDD, 0x37, 0x89, 0x47, 0x70, 0x9F, 0x88, 0x67, 0x6D]

    static let arithmetic = ["add", "mul", "com", "comp", "sub", "subr", "div", "divr"]

    static let memoryForms: [Form] =
        arithmetic.map { Form(source: "f\($0) dword ptr [esi]", operand: .m32fp) }
        + arithmetic.map { Form(source: "f\($0) qword ptr [esi]", operand: .m64fp) }
        + arithmetic.map { Form(source: "fi\($0) dword ptr [esi]", operand: .m32int) }
        + arithmetic.map { Form(source: "fi\($0) word ptr [esi]", operand: .m16int) }
        + [
            Form(source: "fld dword ptr [esi]", operand: .m32fp), Form(source: "fld qword ptr [esi]", operand: .m64fp),
            Form(source: "fld tbyte ptr [esi]", operand: .m80fp), Form(source: "fild word ptr [esi]", operand: .m16int),
            Form(source: "fild dword ptr [esi]", operand: .m32int), Form(source: "fild qword ptr [esi]", operand: .m64int),
            Form(source: "fbld tbyte ptr [esi]", operand: .m80bcd),
            Form(source: "fst dword ptr [esi]", operand: .none), Form(source: "fst qword ptr [esi]", operand: .none),
            Form(source: "fstp dword ptr [esi]", operand: .none), Form(source: "fstp qword ptr [esi]", operand: .none),
            Form(source: "fstp tbyte ptr [esi]", operand: .none),
            Form(source: "fist word ptr [esi]", operand: .none), Form(source: "fist dword ptr [esi]", operand: .none),
            Form(source: "fistp word ptr [esi]", operand: .none), Form(source: "fistp dword ptr [esi]", operand: .none),
            Form(source: "fistp qword ptr [esi]", operand: .none),
            Form(source: "fisttp word ptr [esi]", operand: .none), Form(source: "fisttp dword ptr [esi]", operand: .none),
            Form(source: "fisttp qword ptr [esi]", operand: .none), Form(source: "fbstp tbyte ptr [esi]", operand: .none),
        ]

    static let controlForms: [Form] = [
        Form(source: "fldcw word ptr [esi]", operand: .controlWord), Form(source: "fnstcw word ptr [esi]", operand: .none),
        Form(source: "fnstsw word ptr [esi]", operand: .none), Form(source: "fnstsw ax", operand: .none),
        Form(source: "fnstenv [esi]", operand: .none, unchecked: 12..<28), Form(source: "fldenv [esi]", operand: .environment),
        Form(source: "fnsave [esi]", operand: .none, unchecked: 12..<28), Form(source: "frstor [esi]", operand: .state),
        Form(source: "fninit", operand: .none), Form(source: "fnclex", operand: .none), Form(source: "fnop", operand: .none),
        Form(source: "fincstp", operand: .none), Form(source: "fdecstp", operand: .none),
    ]

    static let registerForms: [Form] = (0..<8).flatMap { index in
        let sti = "st(\(index))"
        let toST0 = ["add", "mul", "sub", "subr", "div", "divr"].map { Form(source: "f\($0) st, \(sti)", operand: .none) }
        let toSTi = ["add", "mul", "sub", "subr", "div", "divr"].map { Form(source: "f\($0) \(sti), st", operand: .none) }
        let popping = ["add", "mul", "sub", "subr", "div", "divr"].map { Form(source: "f\($0)p \(sti), st", operand: .none) }
        let single = ["fcom", "fcomp", "fucom", "fucomp", "fld", "fst", "fstp", "fxch", "ffree", "ffreep"].map {
            Form(source: "\($0) \(sti)", operand: .none)
        }
        let pairs = ["fcomi", "fcomip", "fucomi", "fucomip", "fcmovb", "fcmove", "fcmovbe", "fcmovu",
                     "fcmovnb", "fcmovne", "fcmovnbe", "fcmovnu"].map { Form(source: "\($0) st, \(sti)", operand: .none) }
        return toST0 + toSTi + popping + single + pairs
    }

    static let implicitForms: [Form] = [
        "fcompp", "fucompp", "fchs", "fabs", "ftst", "fxam", "fld1", "fldl2t", "fldl2e", "fldpi", "fldlg2", "fldln2", "fldz",
        "f2xm1", "fyl2x", "fptan", "fpatan", "fxtract", "fprem1", "fprem", "fyl2xp1", "fsqrt", "fsincos", "frndint",
        "fscale", "fsin", "fcos",
    ].map { Form(source: $0, operand: .none) }

    @Test func memoryFormsMatchTheHost() throws { try compare(Self.memoryForms, cases: 400, seed: 1) }
    @Test func controlFormsMatchTheHost() throws { try compare(Self.controlForms, cases: 400, seed: 2) }
    @Test func registerFormsMatchTheHost() throws { try compare(Self.registerForms, cases: 60, seed: 3) }
    @Test func implicitFormsMatchTheHost() throws { try compare(Self.implicitForms, cases: 600, seed: 4) }

    /// Assembles every form, runs each `cases` times natively and on the interpreter, and reports disagreements.
    func compare(_ forms: [Form], cases: Int, seed: UInt64) throws {
        let encodings = try Self.assemble(forms.map(\.source))
        let runner = try X87GuestRunner()
        var random = X87RandomState(seed: seed)
        let hostState = UnsafeMutableRawPointer.allocate(byteCount: Self.stateSize, alignment: 16)
        let hostOperand = UnsafeMutableRawPointer.allocate(byteCount: Self.operandSize, alignment: 16)
        defer { hostState.deallocate(); hostOperand.deallocate() }
        var failures: [String] = []
        var compared = 0
        for (form, encoding) in zip(forms, encodings) {
            guard let native = NativeCode(Self.prologue + encoding + Self.epilogue + [0xC3]) else {
                try skip("this process cannot map an executable page for the host oracle")
            }
            let entry = runner.place(Self.prologue + encoding + Self.epilogue + [0xF4])
            var formFailures = 0
            for _ in 0..<cases {
                var state = X87StateImage(&random).bytes + [UInt8](repeating: 0, count: Self.stateSize - 108)
                state[108] = UInt8(random.below(256)) & 0xD5 | 0x02
                let operand = Self.operand(form.operand, &random)
                state.withUnsafeBytes { hostState.copyMemory(from: $0.baseAddress!, byteCount: Self.stateSize) }
                operand.withUnsafeBytes { hostOperand.copyMemory(from: $0.baseAddress!, byteCount: Self.operandSize) }
                native.call(hostState, hostOperand)
                let expectedState = [UInt8](UnsafeRawBufferPointer(start: hostState, count: Self.stateSize))
                let expectedOperand = [UInt8](UnsafeRawBufferPointer(start: hostOperand, count: Self.operandSize))

                runner.memory.write(state, at: X87GuestRunner.stateAddress)
                runner.memory.write(operand, at: X87GuestRunner.operandAddress)
                let (exit, _) = runner.run(X87GuestRunner.flatContext(entry: entry))
                let actualState = runner.memory.read(at: X87GuestRunner.stateAddress, count: Self.stateSize) ?? []
                let actualOperand = runner.memory.read(at: X87GuestRunner.operandAddress, count: Self.operandSize) ?? []
                compared += 1

                var differences: [String] = []
                if exit != .halt { differences.append("exit \(exit)") }
                for (name, range) in [("control/status/tags", 0..<12), ("registers", 28..<108), ("flags", 109..<110), ("eax", 112..<116)]
                where expectedState[range] != actualState[range] {
                    differences.append("\(name): host \(Self.hex(expectedState[range])) interpreter \(Self.hex(actualState[range]))")
                }
                let checked = (0..<Self.operandSize).filter { !form.unchecked.contains($0) }
                if checked.contains(where: { expectedOperand[$0] != actualOperand[$0] }) {
                    differences.append("memory: host \(Self.hex(expectedOperand[0..<28])) interpreter \(Self.hex(actualOperand[0..<28]))")
                }
                if !differences.isEmpty {
                    formFailures += 1
                    if formFailures <= 3 {
                        failures.append("\(form.source): state \(Self.hex(state[0..<108])) flags \(Self.hex(state[108..<109])) operand \(Self.hex(operand[0..<16]))\n  " + differences.joined(separator: "\n  "))
                    }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) disagreements shown of \(compared) cases:\n\(failures.prefix(40).joined(separator: "\n"))")
    }

    static func operand(_ kind: Operand, _ random: inout X87RandomState) -> [UInt8] {
        var image = X87StateImage(&random)
        switch kind {
        case .none: break
        case .m32fp: image.put(UInt64(random.single()), at: 0, size: 4)
        case .m64fp: image.put(random.double(), at: 0, size: 8)
        case .m80fp:
            let (significand, signAndExponent) = random.extended()
            image.put(significand, at: 0, size: 8)
            image.put(UInt64(signAndExponent), at: 8, size: 2)
        case .m16int: image.put(random.integer(bytes: 2), at: 0, size: 2)
        case .m32int: image.put(random.integer(bytes: 4), at: 0, size: 4)
        case .m64int: image.put(random.integer(bytes: 8), at: 0, size: 8)
        case .m80bcd: image.bytes.replaceSubrange(0..<10, with: random.bcd())
        case .controlWord: image.put(random.below(4) == 0 ? random.next() : UInt64(random.controlWord()), at: 0, size: 2)
        case .environment, .state:
            image.put(random.next(), at: 4, size: 2)
            image.put(random.next(), at: 8, size: 2)
            image.put(random.next(), at: 12, size: 4)
            image.put(random.next(), at: 16, size: 4)
            image.put(random.next(), at: 20, size: 4)
        }
        return image.bytes + [UInt8](repeating: 0, count: operandSize - 108)
    }

    /// Assembles each source line alone; returns the bytes of each.
    static func assemble(_ sources: [String]) throws -> [[UInt8]] {
        let marker: [UInt8] = [0x0F, 0x0B, 0x0F, 0x0B]
        let text = ".code32\n.intel_syntax noprefix\n" + sources.map { "\($0)\nud2\nud2\n" }.joined()
        let binary = try GuestAssembler.flatBinary(source: text, origin: 0)
        var pieces: [[UInt8]] = []
        var start = 0
        var index = 0
        while index + marker.count <= binary.count {
            if Array(binary[index..<index + marker.count]) == marker {
                pieces.append(Array(binary[start..<index]))
                index += marker.count
                start = index
            } else {
                index += 1
            }
        }
        #expect(pieces.count == sources.count)
        return pieces
    }

    static func hex(_ bytes: ArraySlice<UInt8>) -> String {
        bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }
}
