import X86

/// Where a byte string's opcode sits in the opcode maps, read from the raw bytes (not from the
/// decoder under test), for grouping decoder mismatches.
struct OpcodeLocation: Hashable, Comparable {
    /// The part of the instruction set an opcode belongs to.
    enum Category: String, CaseIterable, Comparable {
        case oneByte = "one-byte"
        case twoByte = "0F"
        case x87
        case sse = "MMX/SSE"
        case vectorEscape = "VEX/EVEX"

        static func < (left: Category, right: Category) -> Bool {
            allCases.firstIndex(of: left)! < allCases.firstIndex(of: right)!
        }
    }

    let category: Category
    /// In the 0F maps, the prefix that selects forms: the last F2 or F3, else 66.
    let selector: UInt8?
    /// The opcode in the SDM's notation, with /digit for group opcodes and the whole ModRM byte
    /// for the register forms of 0F 01, 0F AE and 0F C7: "0F 01 F9", "F7 /2 reg", "0F AE /4 mem".
    let opcode: String

    /// The opcode after its selecting prefix: "F3 0F AE /4 mem".
    var key: String { (selector.map { HexBytes.text($0).uppercased() + " " } ?? "") + opcode }

    static func < (left: OpcodeLocation, right: OpcodeLocation) -> Bool {
        (left.category, left.key) < (right.category, right.key)
    }

    private static let oneByteGroups: Set<UInt8> = [
        0x80, 0x81, 0x82, 0x83, 0x8F, 0xC0, 0xC1, 0xC6, 0xC7, 0xD0, 0xD1, 0xD2, 0xD3, 0xF6, 0xF7, 0xFE, 0xFF,
    ]
    private static let twoByteGroups: Set<UInt8> = [0x00, 0x01, 0x0D, 0x18, 0xAE, 0xBA, 0xC7]
    private static let twoByteRegisterForms: Set<UInt8> = [0x01, 0xAE, 0xC7]

    /// Whether `opcode` of the 0F map is in the MMX/SSE rows: 10–17, 28–2F, 50–7F, C2–C6, D0–FF.
    static func isSSERow(_ opcode: UInt8) -> Bool {
        switch opcode {
        case 0x10...0x17, 0x28...0x2F, 0x50...0x7F, 0xC2...0xC6, 0xD0...0xFF: true
        default: false
        }
    }

    /// Whether `byte` is one of the eleven legacy prefixes.
    static func isLegacyPrefix(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65, 0x66, 0x67, 0xF0, 0xF2, 0xF3: true
        default: false
        }
    }

    /// The offset of the opcode after the legacy and REX prefixes, or nil when prefixes fill the bytes.
    static func opcodeOffset(_ bytes: ArraySlice<UInt8>, mode: DecodeMode) -> Int? {
        var offset = bytes.startIndex
        while offset < bytes.endIndex {
            let byte = bytes[offset]
            guard isLegacyPrefix(byte) || (mode == .bits64 && byte & 0xF0 == 0x40) else { return offset }
            offset += 1
        }
        return nil
    }

    init(_ bytes: ArraySlice<UInt8>, mode: DecodeMode) {
        guard let start = Self.opcodeOffset(bytes, mode: mode) else {
            self.init(.oneByte, "prefixes only")
            return
        }
        func byte(_ offset: Int) -> UInt8 { start + offset < bytes.endIndex ? bytes[start + offset] : 0 }
        func hex(_ value: UInt8) -> String { HexBytes.text(value).uppercased() }
        func group(_ modrm: UInt8) -> String { " /\((modrm >> 3) & 7)" + (modrm >= 0xC0 ? " reg" : " mem") }
        let opcode = byte(0)
        let modrm = byte(1)
        switch opcode {
        case 0x0F:
            let prefixes = bytes[bytes.startIndex..<start]
            let selector = prefixes.last { $0 == 0xF2 || $0 == 0xF3 } ?? prefixes.first { $0 == 0x66 }
            let escape = "0F "
            let second = byte(1)
            let twoByteModRM = byte(2)
            if second == 0x38 || second == 0x3A {
                self.init(.sse, escape + "\(hex(second)) \(hex(byte(2)))", selector: selector)
            } else if Self.isSSERow(second) {
                self.init(.sse, escape + hex(second), selector: selector)
            } else if Self.twoByteRegisterForms.contains(second) && twoByteModRM >= 0xC0 {
                self.init(.twoByte, escape + "\(hex(second)) \(hex(twoByteModRM))", selector: selector)
            } else if Self.twoByteGroups.contains(second) {
                self.init(.twoByte, escape + hex(second) + group(twoByteModRM), selector: selector)
            } else {
                self.init(.twoByte, escape + hex(second), selector: selector)
            }
        case 0xD8...0xDF:
            self.init(.x87, hex(opcode) + group(modrm))
        case 0xC4, 0xC5, 0x62:
            if mode == .bits64 || modrm >= 0xC0 {
                self.init(.vectorEscape, hex(opcode))
            } else {
                self.init(.oneByte, hex(opcode))
            }
        default:
            self.init(.oneByte, hex(opcode) + (Self.oneByteGroups.contains(opcode) ? group(modrm) : ""))
        }
    }

    private init(_ category: Category, _ opcode: String, selector: UInt8? = nil) {
        self.category = category
        self.selector = selector
        self.opcode = opcode
    }
}
