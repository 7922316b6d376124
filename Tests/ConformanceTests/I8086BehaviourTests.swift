import Conformance
import Foundation
import Testing

/// Behaviours of `--cpu 8086` that differ from later processors, checked as single-instruction vectors.
@Suite struct I8086BehaviourTests {
    let runner: ConformanceRunner

    init() throws {
        runner = try ConformanceRunner(model: .i8086)
    }

    typealias Byte = VectorState.MemoryByte

    /// A vector for `bytes` at CS:IP with everything else zero unless `registers` says otherwise.
    func vector(
        _ bytes: [UInt8], at physical: UInt32, registers: VectorRegisters, memory: [Byte] = [],
        expecting changed: VectorRegisters, memoryAfter: [Byte] = []
    ) -> ConformanceVector {
        var initial = VectorRegisters()
        for register in VectorRegister.allCases { initial[register] = registers[register] ?? (register == .flags ? 0xF002 : 0) }
        let code = bytes.enumerated().map { Byte(address: (physical + UInt32($0.offset)) % VectorState.addressSpace, value: $0.element) }
        return ConformanceVector(
            name: bytes.map { String($0, radix: 16) }.joined(separator: " "), bytes: bytes,
            initial: VectorState(registers: initial, memory: code + memory),
            final: VectorState(registers: changed, memory: memoryAfter))
    }

    func expectPasses(_ vector: ConformanceVector, metadata: ConformanceMetadata? = nil) {
        let failure = runner.run(vector, metadata: metadata)
        #expect(failure == nil, "\(failure?.description ?? "")")
    }

    @Test func pushSPPushesTheDecrementedValue() {
        expectPasses(vector(
            [0x54], at: 0x100, registers: [.ip: 0x100, .ss: 0x2000, .sp: 0x100],
            expecting: [.ip: 0x101, .sp: 0xFE],
            memoryAfter: [Byte(address: 0x200FE, value: 0xFE), Byte(address: 0x200FF, value: 0x00)]))
    }

    @Test func shiftCountsAreNotMasked() throws {
        // SHL AX, CL with CL = 33: a later processor shifts by 33 & 31 = 1; the 8086 shifts 33 times.
        let metadata = try JSONDecoder().decode(
            ConformanceMetadata.self, from: Data(#"{"opcodes": {"D3": {"reg": {"4": {"flags-mask": 63471}}}}}"#.utf8))
        expectPasses(vector(
            [0xD3, 0xE0], at: 0x100, registers: [.ip: 0x100, .ax: 0x8001, .cx: 33, .flags: 0xF003],
            expecting: [.ip: 0x102, .ax: 0, .flags: 0xF046]), metadata: metadata)
    }

    @Test func divideErrorPushesTheAddressAfterTheInstruction() {
        // DIV BL with BL = 0 at 0000:0100; vector 0 points at 1234:5678.
        let handler = [Byte(address: 0, value: 0x78), Byte(address: 1, value: 0x56), Byte(address: 2, value: 0x34), Byte(address: 3, value: 0x12)]
        expectPasses(vector(
            [0xF6, 0xF3], at: 0x100, registers: [.ip: 0x100, .ax: 0x0100, .ss: 0x2000, .sp: 0x100], memory: handler,
            expecting: [.cs: 0x1234, .ip: 0x5678, .sp: 0xFA],
            memoryAfter: [
                Byte(address: 0x200FA, value: 0x02), Byte(address: 0x200FB, value: 0x01),
                Byte(address: 0x200FC, value: 0x00), Byte(address: 0x200FD, value: 0x00),
                Byte(address: 0x200FE, value: 0x02), Byte(address: 0x200FF, value: 0xF0),
            ]))
    }

    @Test func addressesWrapAtOneMebibyte() {
        // MOV AX, [0010] with DS = FFFF reads physical 100000, which is 00000.
        expectPasses(vector(
            [0xA1, 0x10, 0x00], at: 0x1000, registers: [.cs: 0x100, .ds: 0xFFFF],
            memory: [Byte(address: 0, value: 0x34), Byte(address: 1, value: 0x12)],
            expecting: [.ip: 3, .ax: 0x1234]))
    }

    @Test func wordOffsetsWrapWithinTheSegment() {
        // MOV AX, [FFFF] with DS = 1000: the high byte comes from 1000:0000.
        expectPasses(vector(
            [0xA1, 0xFF, 0xFF], at: 0x1000, registers: [.cs: 0x100, .ds: 0x1000],
            memory: [Byte(address: 0x1FFFF, value: 0x34), Byte(address: 0x10000, value: 0x12)],
            expecting: [.ip: 3, .ax: 0x1234]))
    }

    @Test func instructionFetchWrapsWithinTheCodeSegment() {
        // MOV AL, 42 at CS:FFFF: the immediate is fetched from CS:0000.
        let vector = ConformanceVector(
            name: "mov al, 42h", bytes: [0xB0, 0x42],
            initial: VectorState(
                registers: [.cs: 0x2000, .ip: 0xFFFF, .ax: 0, .bx: 0, .cx: 0, .dx: 0, .ss: 0, .ds: 0, .es: 0, .sp: 0, .bp: 0, .si: 0, .di: 0, .flags: 0xF002],
                memory: [Byte(address: 0x2FFFF, value: 0xB0), Byte(address: 0x20000, value: 0x42)]),
            final: VectorState(registers: [.ip: 1, .ax: 0x42], memory: []))
        expectPasses(vector)
    }

    @Test func popCSAndAliasedOpcodes() {
        // 0F is POP CS; 60 is JO (as 70); C1 is RET (as C3).
        expectPasses(vector(
            [0x0F], at: 0x100, registers: [.ip: 0x100, .ss: 0x2000, .sp: 0x10],
            memory: [Byte(address: 0x20010, value: 0x34), Byte(address: 0x20011, value: 0x12)],
            expecting: [.ip: 0x101, .cs: 0x1234, .sp: 0x12]))
        expectPasses(vector(
            [0x60, 0x10], at: 0x100, registers: [.ip: 0x100, .flags: 0xF802], expecting: [.ip: 0x112]))
        expectPasses(vector(
            [0xC1], at: 0x100, registers: [.ip: 0x100, .ss: 0x2000, .sp: 0x10],
            memory: [Byte(address: 0x20010, value: 0x00), Byte(address: 0x20011, value: 0x30)],
            expecting: [.ip: 0x3000, .sp: 0x12]))
    }

    @Test func failuresListExpectedAndActualValues() throws {
        let wrong = vector([0x40], at: 0x100, registers: [.ip: 0x100, .ax: 1], expecting: [.ip: 0x101, .ax: 3])
        let failure = try #require(runner.run(wrong))
        #expect(failure.differences == [.register(.ax, expected: 3, actual: 2, mask: 0xFFFF)])
        #expect(failure.description.contains("ax: expected 0x0003, actual 0x0002"))
    }
}
