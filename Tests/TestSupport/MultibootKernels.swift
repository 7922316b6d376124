/// Builds the test Multiboot kernel `Guests/multiboot-hello.S`.
public enum MultibootKernels {
    /// Assembles and links the kernel into `directory`: an ELF, or with `kludge` a flat a.out-kludge image.
    public static func build(in directory: TemporaryDirectory, kludge: Bool) throws -> String {
        let source = GuestAssembler.guestsDirectory.appendingPathComponent("multiboot-hello.S").path
        let script = GuestAssembler.guestsDirectory.appendingPathComponent("multiboot-hello.ld").path
        let object = directory.path(kludge ? "kludge.o" : "elf.o")
        let output = directory.path(kludge ? "multiboot-kludge.bin" : "multiboot.elf")
        if kludge {
            try HostTool.run("/usr/bin/as", "--32", "--defsym", "AOUT_KLUDGE=1", "-o", object, source)
            try HostTool.run("/usr/bin/ld", "-m", "elf_i386", "-T", script, "--oformat", "binary", "-o", output, object)
        } else {
            try HostTool.run("/usr/bin/as", "--32", "-o", object, source)
            try HostTool.run("/usr/bin/ld", "-m", "elf_i386", "-T", script, "-o", output, object)
        }
        return output
    }
}
