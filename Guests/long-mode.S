# A 64-bit guest: starts in real mode at 0000:7C00, enters protected mode, builds 4-level
# page tables (a 2 MiB page identity-mapping the first 2 MiB, and a 4 KiB page at linear
# 0x40000000 aliasing physical 0x20000), enables long mode with EFER.LME, runs 64-bit code,
# prints on COM1 and exits through the debug-exit port with code 0x40 (exit status 129).
        .include "com1.inc"
        .code16
        .text
start:
        ENTER_PROTECTED_MODE protected

        .code32
protected:
        LOAD_FLAT_DATA_SEGMENTS
        # PML4 0x10000 -> PDPT 0x11000; PDPT[0] -> PD 0x12000; PDPT[1] -> PD 0x13000.
        mov     $0x10000, %edi
        xor     %eax, %eax
        mov     $(0x5000 / 4), %ecx
        rep stosl
        movl    $0x11003, 0x10000
        movl    $0x12003, 0x11000
        movl    $0x13003, 0x11008
        movl    $0x000083, 0x12000          # 2 MiB page at 0
        movl    $0x14003, 0x13000           # PD for 1 GiB..: page table 0x14000
        movl    $0x20003, 0x14000           # linear 0x40000000 -> physical 0x20000
        mov     $0x10000, %eax
        mov     %eax, %cr3
        mov     %cr4, %eax
        or      $0x20, %eax                 # PAE
        mov     %eax, %cr4
        mov     $0xC0000080, %ecx
        rdmsr
        or      $0x100, %eax                # LME
        wrmsr
        mov     %cr0, %eax
        or      $0x80000000, %eax
        mov     %eax, %cr0
        ljmp    $0x18, $long

        .code64
long:
        mov     $0x10, %ax
        mov     %ax, %ds
        mov     %ax, %ss
        mov     $0x7C00, %rsp
        lea     message(%rip), %rsi
        call    print
        movabs  $0x123456789, %rax
        mov     $0x10, %rbx
        imul    %rbx, %rax
        movabs  $0x1234567890, %rcx
        cmp     %rcx, %rax
        jne     failed
        movq    $0x0BADC0DE, 0x20000
        mov     $0x40000000, %rdi
        cmpq    $0x0BADC0DE, (%rdi)
        jne     failed
        lea     paged(%rip), %rsi
        call    print
        mov     $0x40, %al
        out     %al, $0xF4
        hlt
failed:
        lea     broken(%rip), %rsi
        call    print
        mov     $0x7F, %al
        out     %al, $0xF4
        hlt

        COM1_PRINT_ROUTINE print

message: .asciz "long mode: 64-bit code running\n"
paged:   .asciz "long mode: 4 KiB and 2 MiB pages work\n"
broken:  .asciz "long mode: something is broken\n"

        FLAT_GDT
