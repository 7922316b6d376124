# The guest `swiftvmm` runs when given no arguments: a tour from the reset state to 64-bit
# mode. It starts in real mode at 0000:7C00, prints each stage and the processor's brand
# string (CPUID 0x80000002-4) on COM1, and halts with interrupts disabled (exit status 0).
        .include "com1.inc"
        .code16
        .text
start:
        cli
        xor     %ax, %ax
        mov     %ax, %ss
        mov     %ax, %ds
        mov     $0x7C00, %sp
        mov     $real_message, %si
        call    print16
        ENTER_PROTECTED_MODE protected

        COM1_PRINT_ROUTINE print16

        .code32
protected:
        LOAD_FLAT_DATA_SEGMENTS
        mov     $protected_message, %esi
        call    print32
        mov     $0x10000, %edi
        xor     %eax, %eax
        mov     $(0x3000 / 4), %ecx
        rep stosl
        movl    $0x11003, 0x10000
        movl    $0x12003, 0x11000
        movl    $0x000083, 0x12000
        mov     $0x10000, %eax
        mov     %eax, %cr3
        mov     %cr4, %eax
        or      $0x20, %eax
        mov     %eax, %cr4
        mov     $0xC0000080, %ecx
        rdmsr
        or      $0x100, %eax
        wrmsr
        mov     %cr0, %eax
        or      $0x80000000, %eax
        mov     %eax, %cr0
        ljmp    $0x18, $long

        COM1_PRINT_ROUTINE print32

        .code64
long:
        mov     $0x10, %ax
        mov     %ax, %ds
        mov     %ax, %ss
        mov     $0x7C00, %rsp
        lea     long_message(%rip), %rsi
        call    print64
        # The brand string: 48 bytes from CPUID leaves 0x80000002..4.
        lea     brand(%rip), %rdi
        mov     $0x80000002, %r8d
4:      mov     %r8d, %eax
        cpuid
        mov     %eax, (%rdi)
        mov     %ebx, 4(%rdi)
        mov     %ecx, 8(%rdi)
        mov     %edx, 12(%rdi)
        add     $16, %rdi
        inc     %r8d
        cmp     $0x80000005, %r8d
        jne     4b
        lea     brand_message(%rip), %rsi
        call    print64
        lea     brand(%rip), %rsi
        call    print64
        lea     done_message(%rip), %rsi
        call    print64
        cli
        hlt

        COM1_PRINT_ROUTINE print64

real_message:      .asciz "[guest] real mode: reset state, 16-bit code at 0000:7C00\n"
protected_message: .asciz "[guest] protected mode: 32-bit code, flat segments from the GDT\n"
long_message:      .asciz "[guest] long mode: 64-bit code, 4-level paging with a 2 MiB page\n"
brand_message:     .asciz "[guest] this processor says it is: "
done_message:      .asciz "\n[guest] halting with interrupts disabled\n"

        FLAT_GDT
brand:  .fill   49, 1, 0
