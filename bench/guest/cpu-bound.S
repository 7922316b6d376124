# A CPU-bound benchmark guest in one 512-byte boot sector, for swiftvmm, QEMU and Bochs alike.
#
# Entered in real mode at 0000:7C00 (by a BIOS from a floppy, or by `swiftvmm run --image`), it
# relies on no BIOS service or state: it builds its own page tables (one 2 MiB page identity-
# mapping the first 2 MiB) and GDT, goes straight from real mode to 64-bit long mode, and runs
# `iterations` rounds of a workload over a 9 KiB working set:
#   sieve  the primes below 2048 (byte array cleared with qword stores, marked, summed)
#   crc    table-driven CRC-32 over a 2 KiB buffer
#   chase  512 steps around a 256-node linked list (4 KiB), one call per node, multiplying
#          each node's value into the checksum and storing it back
# and feeds the checksum back into the CRC buffer, so every round depends on the last. Every
# round executes exactly the same instructions (no branch depends on data that changes), so
# the instruction count is setup + iterations * ROUND + tail; bench/run.sh checks ROUND.
#
# At the end it writes the checksum as 16 hex digits and a newline to port 0xE9, writes 0x10 to
# the debug-exit port 0xF4 (swiftvmm and QEMU stop with status 0x21) and "Shutdown" to port
# 0x8900 (Bochs stops), then halts.
#
# The 32-bit round count sits at offset ITERATIONS_OFFSET of the sector; bench/run.sh patches it.

        .set ITERATIONS_OFFSET, 506
        .set PML4,   0x1000             # page tables: PML4 -> PDPT -> PD, 4 KiB each
        .set PDPT,   0x2000
        .set PD,     0x3000
        .set STACK,  0x20000            # top of a stack page of its own
        .set CRCTAB, 0x10000            # 256 x 4-byte CRC-32 table
        .set SIEVE,  0x10400            # N bytes: 1 = composite
        .set BUF,    0x10C00            # N bytes hashed by crc
        .set NODES,  0x11400            # 256 nodes of { next pointer, value }
        .set N,      2048
        .set STEPS,  512                # pointer-chase steps per round

        .code16
        .text
start:
        cli
        cld
        xor     %ax, %ax
        mov     %ax, %ds
        mov     %ax, %es
        mov     $PML4, %di
        mov     $(3 * 4096 / 4), %cx
        xor     %eax, %eax
        rep stosl
        movw    $(PDPT + 3), PML4
        movw    $(PD + 3), PDPT
        movb    $0x83, PD               # present, writable, 2 MiB page at 0
        mov     $PML4, %edi
        mov     %edi, %cr3
        mov     $0x20, %eax             # CR4.PAE
        mov     %eax, %cr4
        mov     $0xC0000080, %ecx       # EFER.LME
        rdmsr
        or      $0x100, %ax
        wrmsr
        mov     $0x80000001, %eax       # CR0.PG | CR0.PE
        mov     %eax, %cr0
        lgdt    gdt
        ljmp    $0x08, $long

        .code64
long:
        mov     $STACK, %esp

        xor     %ecx, %ecx              # CRC-32 table, bit by bit
1:      mov     %ecx, %eax
        mov     $8, %dl
2:      shr     %eax
        jnc     3f
        xor     $0xEDB88320, %eax
3:      dec     %dl
        jnz     2b
        mov     %eax, CRCTAB(,%rcx,4)
        inc     %cl
        jnz     1b

        mov     $0x12345678, %eax       # CRC buffer: bytes of a linear congruential sequence
1:      imul    $1103515245, %eax, %eax
        add     $12345, %eax
        mov     %ah, BUF(%rcx)
        inc     %ecx
        cmp     $N, %ecx
        jne     1b

        xor     %ecx, %ecx              # node k: next = node (101 k + 13) mod 256, value = k
1:      imul    $101, %ecx, %eax
        add     $13, %al
        movzbl  %al, %eax
        shl     $4, %eax
        add     $NODES, %eax
        mov     %ecx, %edx
        shl     $4, %edx
        mov     %rax, NODES(%rdx)
        mov     %rcx, NODES+8(%rdx)
        inc     %cl
        jnz     1b

        mov     iterations, %r14d
        xor     %r15d, %r15d            # checksum
round:
        call    sieve
        add     %rax, %r15
        call    crc
        xor     %rax, %r15
        imul    $0x5851F42D, %r15, %r15
        call    chase
        movzbl  %r14b, %eax
        mov     %r15, BUF(,%rax,8)
        dec     %r14d
        jnz     round

        mov     $16, %cl                # print the checksum in hex, high digit first
1:      rol     $4, %r15
        mov     %r15d, %eax
        and     $15, %al
        cmp     $10, %al                # without a branch, so the count is fixed
        sbb     %dl, %dl
        and     $('0' - 'a' + 10), %dl
        add     $('a' - 10), %al
        add     %dl, %al
        out     %al, $0xE9
        loop    1b
        mov     $'\n', %al
        out     %al, $0xE9
        mov     $0x10, %al
        out     %al, $0xF4
        mov     $0x8900, %dx
        mov     $shutdown, %esi
        mov     $8, %cl
        rep outsb
3:      hlt
        jmp     3b

# Returns in eax the sum of the primes below N.
sieve:  mov     $SIEVE, %edi
        xor     %eax, %eax
1:      mov     %rax, (%rdi)
        add     $8, %edi
        cmp     $(SIEVE + N), %edi
        jne     1b
        mov     $2, %ecx
2:      cmpb    $0, SIEVE(%rcx)
        jne     4f
        mov     %ecx, %edx
        imul    %ecx, %edx
3:      movb    $1, SIEVE(%rdx)
        add     %ecx, %edx
        cmp     $N, %edx
        jb      3b
4:      inc     %ecx
        cmp     $45, %ecx               # 45 * 45 < N <= 46 * 46
        jbe     2b
        mov     $2, %ecx
5:      cmpb    $0, SIEVE(%rcx)
        jne     6f
        add     %ecx, %eax
6:      inc     %ecx
        cmp     $N, %ecx
        jne     5b
        ret

# Returns in eax the CRC-32 of the N bytes at BUF.
crc:    mov     $-1, %eax
        mov     $BUF, %esi
1:      movzbl  (%rsi), %edx
        xor     %al, %dl
        shr     $8, %eax
        xor     CRCTAB(,%rdx,4), %eax
        inc     %esi
        cmp     $(BUF + N), %esi
        jne     1b
        not     %eax
        ret

# Walks STEPS nodes from the first, mixing each node's value with the checksum.
chase:  mov     $NODES, %esi
        mov     $STEPS, %ecx
1:      call    visit
        dec     %ecx
        jnz     1b
        ret

visit:  mov     8(%rsi), %rax
        imul    $0x2545F491, %rax, %rax
        add     %r15, %rax
        mov     %rax, 8(%rsi)
        xor     %rax, %r15
        rol     $13, %r15
        mov     (%rsi), %rsi
        ret

shutdown:
        .ascii  "Shutdown"

        .p2align 3
gdt:    .word   gdt_end - gdt - 1       # the null descriptor holds the GDT pointer
        .long   gdt
        .word   0
        .quad   0x00AF9A000000FFFF      # 0x08: 64-bit code
gdt_end:

        .org    ITERATIONS_OFFSET
iterations:
        .long   1
        .word   0xAA55
