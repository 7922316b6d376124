extension VCPUContext: CustomStringConvertible {
    /// A readable register dump in the style of a debugger's `info registers`.
    public var description: String {
        func hex(_ value: UInt64, _ digits: Int = 16) -> String {
            let text = String(value, radix: 16)
            return String(repeating: "0", count: max(0, digits - text.count)) + text
        }
        var lines: [String] = []
        let registers = GeneralRegister.allCases
        for row in stride(from: 0, to: 16, by: 4) {
            lines.append(registers[row..<row + 4]
                .map { $0.name.uppercased().padding(toLength: 3) + "=" + hex(self[$0]) }
                .joined(separator: " "))
        }
        lines.append("RIP=\(hex(rip)) RFL=\(hex(rflags, 8)) [\(flagLetters)] mode=\(mode.name) CPL=\(cpl)")
        for name in SegmentName.allCases {
            lines.append(Self.segmentLine(name.name.uppercased(), self[name], hex))
        }
        lines.append(Self.segmentLine("LDT", ldtr, hex))
        lines.append(Self.segmentLine("TR", tr, hex))
        lines.append("GDT=    \(hex(gdtr.base)) \(hex(UInt64(gdtr.limit), 4))  IDT=\(hex(idtr.base)) \(hex(UInt64(idtr.limit), 4))")
        lines.append("CR0=\(hex(cr0, 8)) CR2=\(hex(cr2)) CR3=\(hex(cr3)) CR4=\(hex(cr4, 8))")
        lines.append("CR8=\(hex(cr8, 1)) EFER=\(hex(efer, 4)) DR6=\(hex(dr6, 8)) DR7=\(hex(dr7, 8))")
        return lines.joined(separator: "\n")
    }

    private var flagLetters: String {
        let letters: [(UInt64, Character)] = [
            (RFlags.overflow, "O"), (RFlags.direction, "D"), (RFlags.interruptEnable, "I"),
            (RFlags.trap, "T"), (RFlags.sign, "S"), (RFlags.zero, "Z"),
            (RFlags.auxiliaryCarry, "A"), (RFlags.parity, "P"), (RFlags.carry, "C"),
        ]
        return String(letters.map { rflags & $0.0 != 0 ? $0.1 : "-" })
    }

    private static func segmentLine(
        _ label: String, _ segment: SegmentRegister, _ hex: (UInt64, Int) -> String
    ) -> String {
        label.padding(toLength: 3) + "=" + hex(UInt64(segment.selector), 4) + " " + hex(segment.base, 16)
            + " " + hex(UInt64(segment.limit), 8) + " " + hex(UInt64(segment.access.rawValue), 4)
    }
}

extension String {
    fileprivate func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}
