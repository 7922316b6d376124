#ifndef CHOSTSSE_H
#define CHOSTSSE_H

#include <stdint.h>

/// The scalar SSE operations the interpreter runs on the host processor under a guest's MXCSR.
/// Unary operations and conversions read only `b`; single-precision operands sit in the low 32
/// bits; integer sources are passed as their bits.
typedef enum CHostSSEOperation {
    CHostSSEAdd,
    CHostSSESubtract,
    CHostSSEMultiply,
    CHostSSEDivide,
    CHostSSESquareRoot,
    CHostSSEReciprocal,
    CHostSSEReciprocalSquareRoot,
    /// single to double, or double to single
    CHostSSEConvertFormat,
    CHostSSEToInt32,
    CHostSSEToInt32Truncating,
    CHostSSEToInt64,
    CHostSSEToInt64Truncating,
    CHostSSEFromInt32,
    CHostSSEFromInt64,
} CHostSSEOperation;

/// A result's bits (a float of the other format after CHostSSEConvertFormat, an integer after
/// CHostSSEToInt*) and the MXCSR exception flags the host raised computing it.
typedef struct CHostSSEResult {
    uint64_t bits;
    uint32_t flags;
} CHostSSEResult;

/// Runs `operation` on single-precision operands with the host's MXCSR set to `mxcsr`, then
/// restores the host's MXCSR.
CHostSSEResult chostsse_single(CHostSSEOperation operation, uint32_t mxcsr, uint64_t a, uint64_t b);

/// Runs `operation` on double-precision operands with the host's MXCSR set to `mxcsr`, then
/// restores the host's MXCSR. There are no double-precision reciprocal approximations.
CHostSSEResult chostsse_double(CHostSSEOperation operation, uint32_t mxcsr, uint64_t a, uint64_t b);

#endif
