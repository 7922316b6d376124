/// An XMM (or, in its low half, MMX) register's bits seen as lanes of packed integers.
extension UInt128 {
    @inline(__always) init<Lanes: SIMD>(lanes: Lanes) { self = unsafeBitCast(lanes, to: UInt128.self) }

    @inline(__always) var bytes: SIMD16<UInt8> { unsafeBitCast(self, to: SIMD16<UInt8>.self) }
    @inline(__always) var signedBytes: SIMD16<Int8> { unsafeBitCast(self, to: SIMD16<Int8>.self) }
    @inline(__always) var words: SIMD8<UInt16> { unsafeBitCast(self, to: SIMD8<UInt16>.self) }
    @inline(__always) var signedWords: SIMD8<Int16> { unsafeBitCast(self, to: SIMD8<Int16>.self) }
    @inline(__always) var doublewords: SIMD4<UInt32> { unsafeBitCast(self, to: SIMD4<UInt32>.self) }
    @inline(__always) var signedDoublewords: SIMD4<Int32> { unsafeBitCast(self, to: SIMD4<Int32>.self) }
    @inline(__always) var quadwords: SIMD2<UInt64> { unsafeBitCast(self, to: SIMD2<UInt64>.self) }
    @inline(__always) var signedQuadwords: SIMD2<Int64> { unsafeBitCast(self, to: SIMD2<Int64>.self) }

    /// The low 64 bits.
    @inline(__always) var low: UInt64 { UInt64(truncatingIfNeeded: self) }
    /// The high 64 bits.
    @inline(__always) var high: UInt64 { UInt64(truncatingIfNeeded: self >> 64) }

    @inline(__always) init(high: UInt64, low: UInt64) { self = UInt128(high) << 64 | UInt128(low) }
}
