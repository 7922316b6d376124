// The host processor's SSE arithmetic under a guest's MXCSR: the rounding, flush-to-zero,
// denormals-are-zero and exception-flag behaviour of these instructions is exactly the
// architecture's, so the interpreter borrows it rather than re-implementing IEEE 754.
// Each operation is one asm statement that loads the guest's MXCSR, runs the instruction, reads
// the flags and restores the host's MXCSR, so no compiler can move arithmetic across the switch.
// Only SSE and SSE2 instructions (the x86-64 baseline) are used.

#include "CHostSSE.h"
#include <string.h>

#define ENTER "stmxcsr %[saved]\n\tldmxcsr %[control]\n\t"
#define LEAVE "\n\tstmxcsr %[after]\n\tldmxcsr %[saved]"
#define STATE [saved] "=m"(saved), [after] "=m"(after)

/// `x = x op y` on two values in XMM registers.
#define XMM_XMM(instruction, result, source) \
    __asm__ volatile(ENTER instruction " %[y], %[x]" LEAVE : [x] "+x"(result), STATE : [y] "x"(source), [control] "m"(mxcsr))
/// An XMM result from a general-register source.
#define XMM_GPR(instruction, result, source) \
    __asm__ volatile(ENTER instruction " %[y], %[x]" LEAVE : [x] "+x"(result), STATE : [y] "r"(source), [control] "m"(mxcsr))
/// A general-register result from an XMM source.
#define GPR_XMM(instruction, result, source) \
    __asm__ volatile(ENTER instruction " %[y], %[x]" LEAVE : [x] "=r"(result), STATE : [y] "x"(source), [control] "m"(mxcsr))

CHostSSEResult chostsse_single(CHostSSEOperation operation, uint32_t mxcsr, uint64_t a, uint64_t b) {
    uint32_t saved, after = 0;
    float x, y;
    double wide = 0;
    int32_t narrowInteger = 0;
    int64_t wideInteger = 0;
    uint32_t narrowA = (uint32_t)a, narrowB = (uint32_t)b;
    memcpy(&x, &narrowA, 4);
    memcpy(&y, &narrowB, 4);
    CHostSSEResult result = {0, 0};
    switch (operation) {
    case CHostSSEAdd: XMM_XMM("addss", x, y); break;
    case CHostSSESubtract: XMM_XMM("subss", x, y); break;
    case CHostSSEMultiply: XMM_XMM("mulss", x, y); break;
    case CHostSSEDivide: XMM_XMM("divss", x, y); break;
    case CHostSSESquareRoot: XMM_XMM("sqrtss", x, y); break;
    case CHostSSEReciprocal: XMM_XMM("rcpss", x, y); break;
    case CHostSSEReciprocalSquareRoot: XMM_XMM("rsqrtss", x, y); break;
    case CHostSSEConvertFormat:
        XMM_XMM("cvtss2sd", wide, y);
        memcpy(&result.bits, &wide, 8);
        result.flags = after & 0x3F;
        return result;
    case CHostSSEToInt32: GPR_XMM("cvtss2si", narrowInteger, y); result.bits = (uint32_t)narrowInteger; break;
    case CHostSSEToInt32Truncating: GPR_XMM("cvttss2si", narrowInteger, y); result.bits = (uint32_t)narrowInteger; break;
    case CHostSSEToInt64: GPR_XMM("cvtss2si", wideInteger, y); result.bits = (uint64_t)wideInteger; break;
    case CHostSSEToInt64Truncating: GPR_XMM("cvttss2si", wideInteger, y); result.bits = (uint64_t)wideInteger; break;
    case CHostSSEFromInt32: narrowInteger = (int32_t)b; XMM_GPR("cvtsi2ssl", x, narrowInteger); break;
    case CHostSSEFromInt64: wideInteger = (int64_t)b; XMM_GPR("cvtsi2ssq", x, wideInteger); break;
    }
    if (operation < CHostSSEToInt32 || operation > CHostSSEToInt64Truncating) {
        uint32_t bits;
        memcpy(&bits, &x, 4);
        result.bits = bits;
    }
    result.flags = after & 0x3F;
    return result;
}

CHostSSEResult chostsse_double(CHostSSEOperation operation, uint32_t mxcsr, uint64_t a, uint64_t b) {
    uint32_t saved, after = 0;
    double x, y;
    float narrow = 0;
    int32_t narrowInteger = 0;
    int64_t wideInteger = 0;
    memcpy(&x, &a, 8);
    memcpy(&y, &b, 8);
    CHostSSEResult result = {0, 0};
    switch (operation) {
    case CHostSSEAdd: XMM_XMM("addsd", x, y); break;
    case CHostSSESubtract: XMM_XMM("subsd", x, y); break;
    case CHostSSEMultiply: XMM_XMM("mulsd", x, y); break;
    case CHostSSEDivide: XMM_XMM("divsd", x, y); break;
    case CHostSSESquareRoot: XMM_XMM("sqrtsd", x, y); break;
    case CHostSSEReciprocal:
    case CHostSSEReciprocalSquareRoot:
        break;
    case CHostSSEConvertFormat: {
        XMM_XMM("cvtsd2ss", narrow, y);
        uint32_t bits;
        memcpy(&bits, &narrow, 4);
        result.bits = bits;
        result.flags = after & 0x3F;
        return result;
    }
    case CHostSSEToInt32: GPR_XMM("cvtsd2si", narrowInteger, y); result.bits = (uint32_t)narrowInteger; break;
    case CHostSSEToInt32Truncating: GPR_XMM("cvttsd2si", narrowInteger, y); result.bits = (uint32_t)narrowInteger; break;
    case CHostSSEToInt64: GPR_XMM("cvtsd2si", wideInteger, y); result.bits = (uint64_t)wideInteger; break;
    case CHostSSEToInt64Truncating: GPR_XMM("cvttsd2si", wideInteger, y); result.bits = (uint64_t)wideInteger; break;
    case CHostSSEFromInt32: narrowInteger = (int32_t)b; XMM_GPR("cvtsi2sdl", x, narrowInteger); break;
    case CHostSSEFromInt64: wideInteger = (int64_t)b; XMM_GPR("cvtsi2sdq", x, wideInteger); break;
    }
    if (operation < CHostSSEToInt32 || operation > CHostSSEToInt64Truncating) memcpy(&result.bits, &x, 8);
    result.flags = after & 0x3F;
    return result;
}
