import Testing
import X86

/// Intel-syntax text read from the opcode tables.
@Suite struct DisassemblerTests {
    static let cases: [(DecodeMode, String, String)] = [
        (.bits64, "90", "nop"), (.bits64, "f3 90", "pause"), (.bits64, "41 90", "xchg r8d, eax"),
        (.bits64, "48 89 e5", "mov rbp, rsp"), (.bits64, "40 88 f0", "mov al, sil"), (.bits64, "88 f0", "mov al, dh"),
        (.bits64, "45 88 c8", "mov r8b, r9b"), (.bits64, "66 41 89 c1", "mov r9w, ax"), (.bits64, "44 89 c0", "mov eax, r8d"),
        (.bits64, "8b 05 10 00 00 00", "mov eax, dword ptr [rip+0x10]"),
        (.bits64, "48 8b 44 8b f8", "mov rax, qword ptr [rbx+rcx*4-0x8]"),
        (.bits64, "64 48 8b 04 25 28 00 00 00", "mov rax, qword ptr fs:[0x28]"),
        (.bits64, "67 8b 00", "mov eax, dword ptr [eax]"), (.bits16, "8b 42 02", "mov ax, word ptr [bp+si+0x2]"),
        (.bits16, "8b 1e 34 12", "mov bx, word ptr [0x1234]"), (.bits32, "a1 78 56 34 12", "mov eax, dword ptr [0x12345678]"),
        (.bits32, "f0 01 18", "lock add dword ptr [eax], ebx"), (.bits32, "f3 a4", "rep movsb"),
        (.bits32, "f3 a5", "rep movsd"), (.bits64, "f3 48 ab", "rep stosq"), (.bits16, "f2 ae", "repne scasb"),
        (.bits32, "83 c0 f0", "add eax, 0xfffffff0"), (.bits64, "48 83 c0 f0", "add rax, 0xfffffffffffffff0"),
        (.bits64, "6a f0", "push 0xfffffffffffffff0"), (.bits32, "66 6a f0", "push 0xfff0"),
        (.bits32, "c8 10 00 01", "enter 0x10, 0x1"), (.bits32, "cd 80", "int 0x80"),
        (.bits32, "e8 00 00 00 00", "call 0x5"), (.bits32, "eb fe", "jmp 0x0"), (.bits16, "e9 fd ff", "jmp 0x0"),
        (.bits64, "0f 84 fa ff ff ff", "je 0x0"), (.bits16, "eb fc", "jmp 0xfffe"), (.bits64, "eb fc", "jmp 0xfffffffffffffffe"),
        (.bits32, "e3 fe", "jecxz 0x0"), (.bits32, "67 e3 fd", "jcxz 0x0"), (.bits64, "e3 fe", "jrcxz 0x0"),
        (.bits32, "ea 78 56 34 12 00 10", "jmp 0x1000:0x12345678"), (.bits16, "9a 34 12 00 f0", "call 0xf000:0x1234"),
        (.bits32, "8c d8", "mov eax, ds"), (.bits32, "8c 18", "mov word ptr [eax], ds"), (.bits16, "8e d0", "mov ss, ax"),
        (.bits64, "0f 20 c0", "mov rax, cr0"), (.bits64, "44 0f 22 c0", "mov cr8, rax"), (.bits32, "0f 23 f8", "mov dr7, eax"),
        (.bits32, "0f a0", "push fs"), (.bits32, "1f", "pop ds"),
        (.bits16, "98", "cbw"), (.bits32, "98", "cwde"), (.bits64, "48 98", "cdqe"), (.bits64, "48 99", "cqo"),
        (.bits64, "9c", "pushfq"), (.bits32, "9c", "pushfd"), (.bits16, "9d", "popf"), (.bits64, "48 cf", "iretq"),
        (.bits16, "60", "pusha"), (.bits32, "6d", "insd"),
        (.bits32, "d1 e0", "shl eax, 1"), (.bits32, "d3 e8", "shr eax, cl"), (.bits32, "0f a5 d8", "shld eax, ebx, cl"),
        (.bits32, "0f b6 c1", "movzx eax, cl"), (.bits64, "48 63 c1", "movsxd rax, ecx"),
        (.bits32, "ec", "in al, dx"), (.bits32, "e7 40", "out 0x40, eax"),
        (.bits64, "0f 01 f9", "rdtscp"), (.bits64, "0f 01 10", "lgdt [rax]"), (.bits64, "8d 04 40", "lea eax, [rax+rax*2]"),
        (.bits64, "f3 0f ae c0", "rdfsbase eax"), (.bits64, "f3 48 0f ae d8", "wrgsbase rax"), (.bits64, "f3 0f c7 f8", "rdpid rax"),
        (.bits64, "0f ae e8", "lfence"), (.bits32, "c7 f8 00 00 00 00", "xbegin 0x6"), (.bits64, "0f 05", "syscall"),
    ]

    @Test(arguments: cases.indices)
    func printsIntelSyntax(_ index: Int) throws {
        let (mode, hex, expected) = Self.cases[index]
        let instruction = try decode(hex, mode).get()
        #expect(Disassembler.text(of: instruction, mode: mode) == expected, "\(mode) \(hex)")
    }

    @Test func branchTargetsStartFromTheAddress() throws {
        let instruction = try decode("e8 00 00 00 00", .bits64).get()
        #expect(Disassembler.text(of: instruction, mode: .bits64, address: 0x40_1000) == "call 0x401005")
    }
}
