import X86

/// Memory operands of up to 16 bytes for MMX and SSE instructions.
extension InterpreterCore {
    /// Reads `size` (1 to 8, or 16) bytes at segment:offset; a 16-byte read with `aligned` faults
    /// with #GP(0) unless its linear address is a multiple of 16.
    mutating func readVector(segment: Int, offset: UInt64, size: Int, aligned: Bool) throws(Interruption) -> UInt128 {
        if size <= 8 { return UInt128(try read(segment: segment, offset: offset, size: size)) }
        let linear = try linearAddress(segment: segment, offset: offset, size: 16, write: false)
        if aligned && linear & 15 != 0 { throw .generalProtection() }
        let low = try readLinear(linear, size: 8)
        return UInt128(high: try readLinear(linear &+ 8, size: 8), low: low)
    }

    /// Writes the low `size` (1 to 8, or 16) bytes of `value` at segment:offset; a 16-byte write
    /// with `aligned` faults with #GP(0) unless its linear address is a multiple of 16. Both pages
    /// of a write that crosses pages are checked before either changes.
    mutating func writeVector(segment: Int, offset: UInt64, size: Int, aligned: Bool, _ value: UInt128) throws(Interruption) {
        if size <= 8 { return try write(segment: segment, offset: offset, size: size, value: value.low) }
        let linear = try linearAddress(segment: segment, offset: offset, size: 16, write: true)
        if aligned && linear & 15 != 0 { throw .generalProtection() }
        if linear & 0xFFF > 0xFF0 {
            _ = try translate(linear, kind: .write)
            _ = try translate(linear &+ 15, kind: .write)
        }
        try writeLinear(linear, size: 8, value: value.low)
        try writeLinear(linear &+ 8, size: 8, value: value.high)
    }
}
