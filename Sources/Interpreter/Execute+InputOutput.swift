import X86

/// IN and OUT, with the IOPL and I/O-permission-bitmap checks of protected mode.
extension InterpreterCore {
    mutating func input(port: UInt16, size: Int) throws(Interruption) {
        try checkIOPermission(port: port, size: size)
        guard let value = completedPortRead else { throw .exit(.portRead(port: port, size: size)) }
        completedPortRead = nil
        setRegister(0, size: size, highByte: false, value)
    }

    mutating func output(port: UInt16, size: Int) throws(Interruption) {
        try checkIOPermission(port: port, size: size)
        try queueCompletionExit(.portWrite(port: port, size: size, value: gpr[0] & Self.mask(size)))
    }

    /// #GP unless CPL ≤ IOPL or the TSS I/O bitmap allows every port of the access.
    mutating func checkIOPermission(port: UInt16, size: Int) throws(Interruption) {
        let mode = mode
        if mode == .real || model == .i8086 { return }
        let iopl = UInt8((state.rflags & RFlags.ioplMask) >> RFlags.ioplShift)
        if mode != .virtual8086 && cpl <= iopl { return }
        let tss = state.tr
        guard tss.access.type & 8 != 0, tss.limit >= 0x67 else { throw .generalProtection() }
        let bitmapBase = try readLinear(tss.base &+ 0x66, size: 2, supervisor: true)
        let byteOffset = bitmapBase &+ UInt64(port >> 3)
        guard byteOffset &+ 1 <= UInt64(tss.limit) else { throw .generalProtection() }
        let bits = try readLinear(tss.base &+ byteOffset, size: 2, supervisor: true)
        let mask: UInt64 = ((1 << UInt64(size)) - 1) << UInt64(port & 7)
        if bits & mask != 0 { throw .generalProtection() }
    }
}
