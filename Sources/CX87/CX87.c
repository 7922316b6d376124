#include "CX87.h"

/// The 108-byte image FNSAVE writes in 32- and 64-bit modes: the environment, then ST(0) to ST(7).
struct SavedState {
    uint32_t control, status, tag, instructionOffset, selectorAndOpcode, dataOffset, dataSelector;
    uint8_t registers[8][10];
};

/// A memory form with ModRM mod 00, r/m 000: the operand at [rax].
#define MEMORY(opcode, modrm) \
    case (opcode << 8 | modrm): \
        __asm__ volatile(".byte " #opcode ", " #modrm : : "a"(memory) : "memory"); \
        break;

/// A register form: its operands are ST(0) and ST(1).
#define REGISTER(opcode, modrm) \
    case (opcode << 8 | modrm): \
        __asm__ volatile(".byte " #opcode ", " #modrm); \
        break;

/// FCOMI and relatives: the guest's status flags go in through an ADD that sets OF and SAHF, and come
/// out through LAHF and SETO.
#define FLAGS(opcode, modrm) \
    case (opcode << 8 | modrm): \
        __asm__ volatile("addb $1, %%al\n\tsahf\n\t.byte " #opcode ", " #modrm "\n\tlahf\n\tseto %%al" \
                         : "+a"(flagsRegister)); \
        break;

/// The eight arithmetic and compare operations of a D8, DA, DC or DE memory row.
#define ARITHMETIC_ROW(opcode) \
    MEMORY(opcode, 0x00) MEMORY(opcode, 0x08) MEMORY(opcode, 0x10) MEMORY(opcode, 0x18) \
    MEMORY(opcode, 0x20) MEMORY(opcode, 0x28) MEMORY(opcode, 0x30) MEMORY(opcode, 0x38)

int cx87_execute(CX87Frame *frame, uint16_t encoding) {
    struct SavedState before = {
        .control = frame->control,
        .status = (frame->status & 0x4700u) | 6u << 11,
        .tag = 0x0FFFu,
    };
    __builtin_memcpy(before.registers[0], &frame->st0Significand, 8);
    __builtin_memcpy(before.registers[0] + 8, &frame->st0SignExponent, 2);
    __builtin_memcpy(before.registers[1], &frame->st1Significand, 8);
    __builtin_memcpy(before.registers[1] + 8, &frame->st1SignExponent, 2);
    void *memory = &frame->memoryLow;
    // AH holds SF, ZF, AF, PF and CF for SAHF; AL is 0x7F when OF is to be set by adding 1.
    uint16_t flagsRegister = (uint16_t)((frame->flags & 0xD5u) << 8 | ((frame->flags & 0x800u) ? 0x7Fu : 0u));
    struct SavedState after;
    uint16_t hostControl;
    int known = 0;

    __asm__ volatile("fnstcw %0\n\tfrstor %1" : "=m"(hostControl) : "m"(before));
    switch (encoding) {
        ARITHMETIC_ROW(0xD8) ARITHMETIC_ROW(0xDA) ARITHMETIC_ROW(0xDC) ARITHMETIC_ROW(0xDE)
        MEMORY(0xD9, 0x00) MEMORY(0xD9, 0x10) MEMORY(0xD9, 0x18)
        MEMORY(0xDB, 0x00) MEMORY(0xDB, 0x08) MEMORY(0xDB, 0x10) MEMORY(0xDB, 0x18)
        MEMORY(0xDD, 0x00) MEMORY(0xDD, 0x08) MEMORY(0xDD, 0x10) MEMORY(0xDD, 0x18)
        MEMORY(0xDF, 0x00) MEMORY(0xDF, 0x08) MEMORY(0xDF, 0x10) MEMORY(0xDF, 0x18)
        MEMORY(0xDF, 0x20) MEMORY(0xDF, 0x28) MEMORY(0xDF, 0x30) MEMORY(0xDF, 0x38)
        REGISTER(0xD8, 0xC1) REGISTER(0xD8, 0xC9) REGISTER(0xD8, 0xD1) REGISTER(0xD8, 0xD9)
        REGISTER(0xD8, 0xE1) REGISTER(0xD8, 0xE9) REGISTER(0xD8, 0xF1) REGISTER(0xD8, 0xF9)
        REGISTER(0xDC, 0xC1) REGISTER(0xDC, 0xC9) REGISTER(0xDC, 0xE1) REGISTER(0xDC, 0xE9)
        REGISTER(0xDC, 0xF1) REGISTER(0xDC, 0xF9)
        REGISTER(0xDE, 0xC1) REGISTER(0xDE, 0xC9) REGISTER(0xDE, 0xD9) REGISTER(0xDE, 0xE1)
        REGISTER(0xDE, 0xE9) REGISTER(0xDE, 0xF1) REGISTER(0xDE, 0xF9)
        REGISTER(0xDA, 0xE9) REGISTER(0xDD, 0xE1) REGISTER(0xDD, 0xE9)
        FLAGS(0xDB, 0xE9) FLAGS(0xDB, 0xF1) FLAGS(0xDF, 0xE9) FLAGS(0xDF, 0xF1)
        REGISTER(0xD9, 0xE4) REGISTER(0xD9, 0xE5)
        REGISTER(0xD9, 0xE8) REGISTER(0xD9, 0xE9) REGISTER(0xD9, 0xEA) REGISTER(0xD9, 0xEB)
        REGISTER(0xD9, 0xEC) REGISTER(0xD9, 0xED) REGISTER(0xD9, 0xEE)
        REGISTER(0xD9, 0xF0) REGISTER(0xD9, 0xF1) REGISTER(0xD9, 0xF2) REGISTER(0xD9, 0xF3)
        REGISTER(0xD9, 0xF4) REGISTER(0xD9, 0xF5) REGISTER(0xD9, 0xF8) REGISTER(0xD9, 0xF9)
        REGISTER(0xD9, 0xFA) REGISTER(0xD9, 0xFB) REGISTER(0xD9, 0xFC) REGISTER(0xD9, 0xFD)
        REGISTER(0xD9, 0xFE) REGISTER(0xD9, 0xFF)
    default:
        known = -1;
        break;
    }
    __asm__ volatile("fnsave %0\n\tfldcw %1" : "=m"(after) : "m"(hostControl));

    __builtin_memcpy(&frame->st0Significand, after.registers[0], 8);
    __builtin_memcpy(&frame->st0SignExponent, after.registers[0] + 8, 2);
    __builtin_memcpy(&frame->st1Significand, after.registers[1], 8);
    __builtin_memcpy(&frame->st1SignExponent, after.registers[1] + 8, 2);
    frame->status = (uint16_t)after.status;
    frame->flags = (uint16_t)((flagsRegister >> 8 & 0xD5u) | ((flagsRegister & 0xFFu) ? 0x800u : 0u));
    return known;
}
