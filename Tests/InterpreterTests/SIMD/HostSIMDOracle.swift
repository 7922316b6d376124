import Foundation
import Testing
import TestSupport

/// Runs instruction snippets on the host processor, which implements every form natively: a small
/// C program (compiled once with the host's C compiler) loads each case's registers, flags, FXSAVE
/// image and data page, calls the snippet, and reports the state afterwards, or at the fault (with
/// its vector) when the snippet raises an exception.
enum HostSIMDOracle {
    /// Where both the host and the guest map the data page the snippets address through RSI and RDI.
    static let dataAddress: UInt64 = 0x10_0000

    /// Runs `cases` against `code` (snippets at the offsets the cases name).
    static func run(code: [UInt8], cases: [SIMDMachineState]) throws -> [SIMDMachineState] {
        let directory = try TemporaryDirectory()
        let codeFile = try directory.file("code.bin", code)
        var input = [UInt8]()
        for state in cases { input += state.record() }
        let inputFile = try directory.file("cases.bin", input)
        let outputFile = directory.path("results.bin")
        try HostTool.run(try harness(), codeFile, inputFile, outputFile)
        let output = [UInt8](try Data(contentsOf: URL(fileURLWithPath: outputFile)))
        try #require(output.count == cases.count * SIMDMachineState.recordSize, "the host oracle answered every case")
        return cases.indices.map { index in
            SIMDMachineState(record: output[(index * SIMDMachineState.recordSize)...].prefix(SIMDMachineState.recordSize), offset: cases[index].offset)
        }
    }

    /// The compiled harness, built on first use; the test is skipped on a host without a C compiler.
    static func harness() throws -> String {
        guard compiler != nil else { try skip("no C compiler (cc, gcc or clang) on PATH for the host oracle") }
        return try compiledHarness.get()
    }

    /// The first of cc, gcc and clang (the Swift toolchain has one) on PATH.
    private static let compiler: String? = {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        for name in ["cc", "gcc", "clang"] {
            for directory in directories where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
                return "\(directory)/\(name)"
            }
        }
        return nil
    }()

    private static let compiledHarness: Result<String, Error> = Result {
        let directory = try TemporaryDirectory()
        let source = try directory.file("harness.c", Array(harnessSource.utf8))
        let binary = directory.path("harness")
        try HostTool.run(compiler ?? "cc", "-O1", "-no-pie", "-o", binary, source)
        keptDirectory = directory
        return binary
    }

    nonisolated(unsafe) private static var keptDirectory: TemporaryDirectory?

    private static let harnessSource = """
        #define _GNU_SOURCE
        #include <signal.h>
        #include <stdint.h>
        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>
        #include <sys/mman.h>
        #include <ucontext.h>

        #define DATA_ADDRESS 0x\(String(dataAddress, radix: 16))
        #define DATA_SIZE \(SIMDMachineState.memorySize)

        uint64_t in_gpr[16], in_rflags, out_gpr[16], out_rflags, saved_rsp, entry, out_vector;
        uint8_t in_fxsave[512] __attribute__((aligned(16)));
        uint8_t out_fxsave[512] __attribute__((aligned(16)));
        uint32_t host_mxcsr;
        void run_case(void);
        extern char recover_case[];

        #define LOAD(offset, reg) "mov in_gpr+" #offset "(%rip), %" #reg "\\n"
        #define STORE(offset, reg) "mov %" #reg ", out_gpr+" #offset "(%rip)\\n"
        __asm__(
            ".text\\n.globl run_case\\nrun_case:\\n"
            "push %rbx\\npush %rbp\\npush %r12\\npush %r13\\npush %r14\\npush %r15\\n"
            "mov %rsp, saved_rsp(%rip)\\n"
            "stmxcsr host_mxcsr(%rip)\\n"
            "fxrstor in_fxsave(%rip)\\n"
            "pushq in_rflags(%rip)\\npopfq\\n"
            LOAD(0, rax) LOAD(8, rcx) LOAD(16, rdx) LOAD(24, rbx) LOAD(40, rbp) LOAD(48, rsi) LOAD(56, rdi)
            LOAD(64, r8) LOAD(72, r9) LOAD(80, r10) LOAD(88, r11) LOAD(96, r12) LOAD(104, r13) LOAD(112, r14) LOAD(120, r15)
            "call *entry(%rip)\\n"
            STORE(0, rax) STORE(8, rcx) STORE(16, rdx) STORE(24, rbx) STORE(40, rbp) STORE(48, rsi) STORE(56, rdi)
            STORE(64, r8) STORE(72, r9) STORE(80, r10) STORE(88, r11) STORE(96, r12) STORE(104, r13) STORE(112, r14) STORE(120, r15)
            "pushfq\\npopq out_rflags(%rip)\\n"
            "fxsave out_fxsave(%rip)\\n"
            ".globl recover_case\\nrecover_case:\\n"
            "mov saved_rsp(%rip), %rsp\\n"
            "fninit\\nldmxcsr host_mxcsr(%rip)\\n"
            "pop %r15\\npop %r14\\npop %r13\\npop %r12\\npop %rbp\\npop %rbx\\nret\\n");

        static void on_signal(int signal, siginfo_t *info, void *context) {
            ucontext_t *uc = context;
            greg_t *g = uc->uc_mcontext.gregs;
            static const int order[16] = {REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
                                          REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15};
            (void)signal; (void)info;
            out_vector = (uint64_t)g[REG_TRAPNO];
            for (int i = 0; i < 16; i++) out_gpr[i] = (uint64_t)g[order[i]];
            out_rflags = (uint64_t)g[REG_EFL];
            memcpy(out_fxsave, uc->uc_mcontext.fpregs, 512);
            uc->uc_mcontext.fpregs->mxcsr = 0x1F80;
            g[REG_RIP] = (greg_t)recover_case;
        }

        static void *load(const char *path, size_t *size) {
            FILE *file = fopen(path, "rb");
            if (!file) exit(2);
            fseek(file, 0, SEEK_END);
            *size = (size_t)ftell(file);
            fseek(file, 0, SEEK_SET);
            void *bytes = malloc(*size + 1);
            if (fread(bytes, 1, *size, file) != *size) exit(2);
            fclose(file);
            return bytes;
        }

        int main(int argc, char **argv) {
            if (argc != 4) return 2;
            size_t codeSize, inputSize;
            void *code = load(argv[1], &codeSize);
            uint8_t *input = load(argv[2], &inputSize);
            uint8_t *executable = mmap(NULL, codeSize, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            uint8_t *data = mmap((void *)DATA_ADDRESS, 4096, PROT_READ | PROT_WRITE,
                                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
            if (executable == MAP_FAILED || data != (void *)DATA_ADDRESS) return 3;
            memcpy(executable, code, codeSize);
            static uint8_t signalStack[65536];
            stack_t alternate = {.ss_sp = signalStack, .ss_size = sizeof signalStack};
            sigaltstack(&alternate, NULL);
            struct sigaction action;
            memset(&action, 0, sizeof action);
            action.sa_sigaction = on_signal;
            action.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
            sigaction(SIGFPE, &action, NULL);
            sigaction(SIGILL, &action, NULL);
            sigaction(SIGSEGV, &action, NULL);
            sigaction(SIGBUS, &action, NULL);
            FILE *output = fopen(argv[3], "wb");
            const size_t record = \(SIMDMachineState.recordSize);
            for (size_t offset = 0; offset + record <= inputSize; offset += record) {
                uint8_t *in = input + offset;
                memcpy(in_gpr, in + 8, 128);
                memcpy(&in_rflags, in + 136, 8);
                memcpy(in_fxsave, in + 144, 512);
                memcpy(data, in + 656, DATA_SIZE);
                uint64_t snippet;
                memcpy(&snippet, in, 8);
                entry = (uint64_t)(executable + snippet);
                out_vector = 255;
                run_case();
                uint8_t out[record];
                memcpy(out, &out_vector, 8);
                memcpy(out + 8, out_gpr, 128);
                memcpy(out + 136, &out_rflags, 8);
                memcpy(out + 144, out_fxsave, 512);
                memcpy(out + 656, data, DATA_SIZE);
                fwrite(out, 1, record, output);
            }
            fclose(output);
            return 0;
        }
        """
}
