# A real-mode guest: prints a greeting and the sum 1..100 on COM1, then exits through
# the debug-exit port with code 0x21 (swiftvmm exit status 67).
# Loaded at 0x7C00 and entered at 0000:7C00.
        .code16
        .text
start:
        xor     %ax, %ax
        mov     %ax, %ds
        mov     %ax, %ss
        mov     $0x7C00, %sp
        mov     $greeting, %si
        call    print
        xor     %ax, %ax
        mov     $100, %cx
sum:    add     %cx, %ax
        loop    sum
        call    print_decimal
        mov     $newline, %si
        call    print
        mov     $0x21, %al
        out     %al, $0xF4
        cli
        hlt

# Prints the NUL-terminated string at DS:SI.
print:  lodsb
        test    %al, %al
        jz      1f
        call    putc
        jmp     print
1:      ret

# Writes AL to COM1 once the transmitter is empty.
putc:   push    %dx
        push    %ax
        mov     $0x3FD, %dx
1:      in      %dx, %al
        test    $0x20, %al
        jz      1b
        pop     %ax
        mov     $0x3F8, %dx
        out     %al, %dx
        pop     %dx
        ret

# Prints AX in decimal.
print_decimal:
        mov     $10, %bx
        xor     %cx, %cx
1:      xor     %dx, %dx
        div     %bx
        push    %dx
        inc     %cx
        test    %ax, %ax
        jnz     1b
2:      pop     %ax
        add     $'0', %al
        call    putc
        loop    2b
        ret

greeting: .asciz "real mode: sum 1..100 = "
newline:  .asciz "\n"
