#include "CX87.h"

/// The 108-byte image FNSAVE writes in 32- and 64-bit modes: the environment, then ST(0) to ST(7).
struct SavedState {
    uint32_t control, status, tag, instructionOffset, selectorAndOpcode, dataOffset, dataSelector;
    uint8_t registers[8][10];
};

/// An 80-bit register image as FLD m80fp reads it.
struct Extended {
    uint64_t significand;
    uint16_t signExponent;
} __attribute__((packed));

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

/// FCOMI and relatives: also read ZF, PF and CF.
#define FLAGS(opcode, modrm) \
    case (opcode << 8 | modrm): \
        __asm__ volatile(".byte " #opcode ", " #modrm "\n\tsetz %0\n\tsetp %1\n\tsetc %2" \
                         : "=q"(zero), "=q"(parity), "=q"(carry)); \
        break;

/// The eight arithmetic and compare operations of a D8, DA, DC or DE memory row.
#define ARITHMETIC_ROW(opcode) \
    MEMORY(opcode, 0x00) MEMORY(opcode, 0x08) MEMORY(opcode, 0x10) MEMORY(opcode, 0x18) \
    MEMORY(opcode, 0x20) MEMORY(opcode, 0x28) MEMORY(opcode, 0x30) MEMORY(opcode, 0x38)

int cx87_execute(CX87Frame *frame, uint16_t encoding) {
    uint32_t environment[7] = {frame->control, frame->status & 0x4700u, 0xFFFFu, 0, 0, 0, 0};
    struct Extended first = {frame->st0Significand, frame->st0SignExponent};
    struct Extended second = {frame->st1Significand, frame->st1SignExponent};
    void *memory = &frame->memoryLow;
    struct SavedState after;
    uint16_t hostControl;
    uint8_t zero = 0, parity = 0, carry = 0;
    int known = 0;

    __asm__ volatile("fnstcw %0\n\tfldenv %1\n\tfldt %2\n\tfldt %3"
                     : "=m"(hostControl)
                     : "m"(environment), "m"(second), "m"(first));
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

    struct Extended resultFirst, resultSecond;
    __builtin_memcpy(&resultFirst, after.registers[0], sizeof resultFirst);
    __builtin_memcpy(&resultSecond, after.registers[1], sizeof resultSecond);
    frame->st0Significand = resultFirst.significand;
    frame->st0SignExponent = resultFirst.signExponent;
    frame->st1Significand = resultSecond.significand;
    frame->st1SignExponent = resultSecond.signExponent;
    frame->status = (uint16_t)after.status;
    frame->flags = (uint16_t)(zero << 6 | parity << 2 | carry);
    return known;
}
