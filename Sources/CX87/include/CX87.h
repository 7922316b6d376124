#ifndef CX87_H
#define CX87_H

#include <stdint.h>

/// One x87 operation's operands and results on the host FPU.
typedef struct CX87Frame {
    /// In: ST(0) and ST(1) as 80-bit images; out: ST(0) and ST(1) after the operation.
    uint64_t st0Significand;
    uint64_t st1Significand;
    uint16_t st0SignExponent;
    uint16_t st1SignExponent;
    /// In: the control word: precision, rounding and exception masks.
    uint16_t control;
    /// In: the condition codes C0-C3; out: the host's status word after the operation.
    uint16_t status;
    /// In and out: the arithmetic status flags in their RFLAGS positions (OF, SF, ZF, AF, PF, CF),
    /// which FCOMI and its relatives write.
    uint16_t flags;
    /// In and out: the memory operand, up to 10 bytes, little-endian from memoryLow.
    uint64_t memoryLow;
    uint64_t memoryHigh;
} CX87Frame;

/// Executes the x87 form whose opcode and ModRM bytes are `encoding` (0xD8C1 is FADD ST(0),ST(1)) on the
/// host FPU, starting from the frame's control word, condition codes, ST(0) and ST(1) with TOP 6 and
/// every other register empty; memory forms use ModRM r/m 0 and address the frame's memory operand.
/// The status word out carries the host's TOP, which tells whether the form pushed or popped.
/// Returns 0, or -1 when the form is not one the host runs.
int cx87_execute(CX87Frame *frame, uint16_t encoding);

#endif
