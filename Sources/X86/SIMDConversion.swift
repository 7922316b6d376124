/// The conversion an SSE conversion form performs: the `extra` of `.sseConvert`.
/// Names read source-to-destination; `truncating` forms round toward zero whatever MXCSR says.
public enum SIMDConversion: UInt8, Sendable {
    /// CVTPI2PS, CVTPI2PD: two doublewords of an MMX register or m64.
    case int32PairToSingles, int32PairToDoubles
    /// CVTPS2PI, CVTTPS2PI, CVTPD2PI, CVTTPD2PI: into an MMX register.
    case singlesToInt32Pair, singlesToInt32PairTruncating, doublesToInt32Pair, doublesToInt32PairTruncating
    /// CVTSI2SS, CVTSI2SD: from a 32- or 64-bit general register or memory.
    case integerToSingle, integerToDouble
    /// CVTSS2SI, CVTTSS2SI, CVTSD2SI, CVTTSD2SI: into a 32- or 64-bit general register.
    case singleToInteger, singleToIntegerTruncating, doubleToInteger, doubleToIntegerTruncating
    /// CVTPS2PD, CVTPD2PS, CVTSS2SD, CVTSD2SS.
    case singlesToDoubles, doublesToSingles, singleToDouble, doubleToSingle
    /// CVTDQ2PS, CVTPS2DQ, CVTTPS2DQ.
    case int32sToSingles, singlesToInt32s, singlesToInt32sTruncating
    /// CVTDQ2PD, CVTPD2DQ, CVTTPD2DQ.
    case int32sToDoubles, doublesToInt32s, doublesToInt32sTruncating
}
