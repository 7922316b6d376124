/// Probes for what this host's KVM refuses, so that tests skip such cases saying why instead of
/// bending swiftvmm to the host. (kvm-pvm, which emulates CPL-0 code in software, raises #GP as
/// soon as a 32-bit guest turns paging on; 64-bit paging works.)
public enum KVMHostProbe {
    /// Whether a 32-bit protected-mode guest can enable paging under KVM here.
    public static let thirtyTwoBitPagingWorks: Bool = {
        guard KVMAvailability.canOpen else { return false }
        let source = """
            .code16
            cli
            xor %ax, %ax
            mov %ax, %ds
            lgdt gdtp
            mov %cr0, %eax
            or $1, %eax
            mov %eax, %cr0
            ljmp $0x08, $pm
            .code32
            pm: mov $0x10, %ax
            mov %ax, %ds
            mov %ax, %es
            mov %ax, %ss
            movl $0x83, 0x10000
            mov $0x10000, %eax
            mov %eax, %cr3
            mov %cr4, %eax
            or $0x10, %eax
            mov %eax, %cr4
            mov %cr0, %eax
            or $0x80000000, %eax
            mov %eax, %cr0
            mov $0x2A, %al
            out %al, $0xF4
            hlt
            .p2align 3
            gdt: .quad 0, 0x00CF9A000000FFFF, 0x00CF92000000FFFF
            gdtp: .word gdtp - gdt - 1
            .long gdt
            """
        do {
            let directory = try TemporaryDirectory()
            let image = try directory.file("probe.bin", try GuestAssembler.flatBinary(source: source, origin: 0x7C00))
            return try SwiftVMMBinary.run(["run", "--engine", "kvm", "--image", image, "--serial", "none", "--timeout", "60"]).status == 0x2A << 1 | 1
        } catch {
            return false
        }
    }()
}
