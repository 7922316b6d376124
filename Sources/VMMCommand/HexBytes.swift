/// Bytes as text of hexadecimal pairs, both ways: "0f 01 f9" and back.
enum HexBytes {
    private static let digits = Array("0123456789abcdef")

    /// Two lower-case hexadecimal digits.
    static func text(_ byte: UInt8) -> String {
        String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }

    /// The bytes as pairs separated by spaces.
    static func text(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map(text).joined(separator: " ")
    }

    /// The bytes written in `line` as hexadecimal pairs, spaces optional; nil unless every
    /// character is a hexadecimal digit or blank and the digits pair up.
    static func parse(_ line: Substring) -> [UInt8]? {
        var bytes: [UInt8] = []
        var high: UInt8?
        for character in line.utf8 {
            let digit: UInt8
            switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = character - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = character - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = character - UInt8(ascii: "A") + 10
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                guard high == nil else { return nil }
                continue
            default: return nil
            }
            if let first = high {
                bytes.append(first << 4 | digit)
                high = nil
            } else {
                high = digit
            }
        }
        return high == nil ? bytes : nil
    }
}
