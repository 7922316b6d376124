/// The data movement an MMX or SSE move, insert or extract form performs: the `extra` of `.simdMove`.
public enum SIMDMove: UInt8, Sendable {
    /// MOVAPS, MOVAPD, MOVDQA, MOVNTDQA (16-byte aligned memory) and MOVUPS, MOVUPD, MOVDQU, LDDQU.
    case loadAligned, loadUnaligned
    /// MOVAPS, MOVAPD, MOVDQA, MOVNTPS, MOVNTPD, MOVNTDQ and MOVUPS, MOVUPD, MOVDQU to xmm/m128.
    case storeAligned, storeUnaligned
    /// MOVSS, MOVSD: a register source merges the low element, memory zeroes the rest.
    case loadScalarSingle, loadScalarDouble, storeScalarSingle, storeScalarDouble
    /// MOVLPS/MOVLPD, MOVHPS/MOVHPD with memory; MOVHLPS, MOVLHPS between registers.
    case loadLow, loadHigh, storeLow, storeHigh, highToLow, lowToHigh
    /// MOVSLDUP, MOVSHDUP, MOVDDUP.
    case duplicateEvenSingles, duplicateOddSingles, duplicateLowDouble
    /// MOVD/MOVQ between a general register or memory and an MMX or XMM register.
    case mmxFromGeneral, xmmFromGeneral, generalFromMMX, generalFromXMM
    /// MOVQ xmm, xmm/m64 (zeroing the high half) and MOVQ xmm/m64, xmm.
    case loadQuadword, storeQuadword
    /// MOVQ mm, mm/m64 and MOVQ mm/m64, mm (also MOVNTQ).
    case mmxLoad, mmxStore
    /// MOVQ2DQ, MOVDQ2Q.
    case xmmFromMMX, mmxFromXMM
    /// MOVMSKPS, MOVMSKPD, PMOVMSKB (MMX and XMM).
    case maskSingles, maskDoubles, maskBytesMMX, maskBytesXMM
    /// MASKMOVQ, MASKMOVDQU: byte-masked stores to DS:rDI.
    case maskedStoreMMX, maskedStoreXMM
    /// PEXTRW into ModRM reg from an MMX or XMM register (0F C5).
    case extractWordMMX, extractWordToRegister
    /// PEXTRB, PEXTRW, PEXTRD/PEXTRQ, EXTRACTPS into a general register or memory (0F 3A).
    case extractByte, extractWord, extractInteger, extractSingle
    /// PINSRW into an MMX or XMM register; PINSRB, PINSRD/PINSRQ, INSERTPS.
    case insertWordMMX, insertWord, insertByte, insertInteger, insertSingle
}
