# multiboot-hello: a minimal Multiboot kernel for swiftvmm's tests.
#
# It checks the boot magic in EAX, writes "hello from multiboot: " and the command line from the
# Multiboot information (EBX) to COM1, then stops through the debug-exit port at 0xF4:
#   exit code 0x10 (status 33) on success, 0x11 (status 35) when EAX does not hold 0x2BADB002.
#
# Build as an ELF kernel:
#   as --32 -o hello.o multiboot-hello.S
#   ld -m elf_i386 -T multiboot-hello.ld -o multiboot-hello.elf hello.o
# or as a flat binary loaded through the header's address fields (the a.out kludge):
#   as --32 --defsym AOUT_KLUDGE=1 -o hello.o multiboot-hello.S
#   ld -m elf_i386 -T multiboot-hello.ld --oformat binary -o multiboot-hello.bin hello.o

        .set MULTIBOOT_MAGIC, 0x1BADB002
        .set MULTIBOOT_BOOT_MAGIC, 0x2BADB002
        .set FLAG_MEMORY_INFO, 1 << 1
        .set FLAG_ADDRESS_FIELDS, 1 << 16
        .ifdef AOUT_KLUDGE
        .set MULTIBOOT_FLAGS, FLAG_MEMORY_INFO | FLAG_ADDRESS_FIELDS
        .else
        .set MULTIBOOT_FLAGS, FLAG_MEMORY_INFO
        .endif

        .set INFO_FLAG_CMDLINE, 1 << 2
        .set INFO_CMDLINE, 16
        .set COM1, 0x3F8
        .set COM1_LSR, COM1 + 5
        .set LSR_THR_EMPTY, 0x20
        .set DEBUG_EXIT, 0xF4
        .set EXIT_SUCCESS, 0x10
        .set EXIT_BAD_MAGIC, 0x11

        .section .multiboot, "a"
        .balign 4
multiboot_header:
        .long MULTIBOOT_MAGIC
        .long MULTIBOOT_FLAGS
        .long -(MULTIBOOT_MAGIC + MULTIBOOT_FLAGS)
        .ifdef AOUT_KLUDGE
        .long multiboot_header          # header_addr
        .long image_start               # load_addr
        .long data_end                  # load_end_addr
        .long bss_end                   # bss_end_addr
        .long start                     # entry_addr
        .endif

        .text
        .code32
        .globl start
start:
        mov $stack_top, %esp
        cmp $MULTIBOOT_BOOT_MAGIC, %eax
        jne bad_magic
        mov %ebx, %edi
        mov $greeting, %esi
        call put_string
        testl $INFO_FLAG_CMDLINE, (%edi)
        jz 1f
        mov INFO_CMDLINE(%edi), %esi
        call put_string
1:      mov $'\n', %al
        call put_char
        mov $EXIT_SUCCESS, %al
        jmp exit
bad_magic:
        mov $EXIT_BAD_MAGIC, %al
exit:
        mov $DEBUG_EXIT, %dx
        out %al, %dx
halt:   cli
        hlt
        jmp halt

# Writes the NUL-terminated string at ESI to COM1.
put_string:
        lodsb
        test %al, %al
        jz 2f
        call put_char
        jmp put_string
2:      ret

# Writes AL to COM1 once the transmitter holding register is empty.
put_char:
        mov %al, %ah
        mov $COM1_LSR, %dx
3:      in %dx, %al
        test $LSR_THR_EMPTY, %al
        jz 3b
        mov %ah, %al
        mov $COM1, %dx
        out %al, %dx
        ret

        .section .rodata
greeting:
        .asciz "hello from multiboot: "

        .bss
        .balign 16
stack:
        .skip 4096
stack_top:
