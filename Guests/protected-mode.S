# A 32-bit guest: starts in real mode at 0000:7C00, loads a GDT, enters protected mode,
# turns on paging with 4 KiB pages (identity map of the first 4 MiB plus an alias page),
# checks the alias, prints on COM1 and exits through the debug-exit port with code 0x32
# (swiftvmm exit status 101).
        .include "com1.inc"
        .code16
        .text
start:
        ENTER_PROTECTED_MODE protected

        .code32
protected:
        LOAD_FLAT_DATA_SEGMENTS
        mov     $message, %esi
        call    print
        # Page directory at 0x10000, page table at 0x11000: identity-map 0-4 MiB.
        mov     $0x10000, %edi
        mov     $0x11003, %eax
        mov     %eax, (%edi)
        mov     $0x11000, %edi
        mov     $0x003, %eax
        mov     $1024, %ecx
1:      mov     %eax, (%edi)
        add     $0x1000, %eax
        add     $4, %edi
        loop    1b
        # Alias: linear 0x00300000 (entry 768) also maps physical 0x00012000.
        movl    $0x12003, 0x11000 + 768 * 4
        movl    $0xCAFEF00D, 0x12000
        mov     $0x10000, %eax
        mov     %eax, %cr3
        mov     %cr0, %eax
        or      $0x80000000, %eax
        mov     %eax, %cr0
        cmpl    $0xCAFEF00D, 0x300000
        jne     failed
        movl    $0x12345678, 0x300004
        cmpl    $0x12345678, 0x12004
        jne     failed
        mov     $paged, %esi
        call    print
        mov     $0x32, %al
        out     %al, $0xF4
        hlt
failed:
        mov     $broken, %esi
        call    print
        mov     $0x7F, %al
        out     %al, $0xF4
        hlt

        COM1_PRINT_ROUTINE print

message: .asciz "protected mode: 32-bit code running\n"
paged:   .asciz "protected mode: paging works\n"
broken:  .asciz "protected mode: paging is broken\n"

        FLAT_GDT
