import X86

/// Decodes `hex` ("0f 01 f9") in `mode`: the instruction, or the reason it is none.
func decode(_ hex: String, _ mode: DecodeMode) -> Result<DecodedInstruction, DecodeError> {
    let bytes = hexBytes(hex)
    return bytes.withUnsafeBytes { buffer in
        Result { () throws(DecodeError) in try Decoder.decode(buffer, mode: mode) }
    }
}

/// The decoded length of `hex` in `mode`, or nil when it is not an instruction.
func length(_ hex: String, _ mode: DecodeMode) -> Int? {
    (try? decode(hex, mode).get()).map { Int($0.length) }
}

/// The bytes written as hexadecimal pairs separated by spaces.
func hexBytes(_ hex: String) -> [UInt8] {
    hex.split(separator: " ").map { UInt8($0, radix: 16)! }
}
