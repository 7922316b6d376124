import Foundation
import TestSupport

/// The test guest `Guests/multiboot-hello.S`, assembled and linked with the host's binutils.
struct GuestKernels {
    static let guestsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Guests")

    /// The ELF kernel.
    let elfPath: String
    /// The ELF kernel's loadable bytes as one flat image starting at its first segment (objcopy -O binary).
    let elfFlatImage: [UInt8]
    /// The flat a.out-kludge kernel.
    let kludgePath: String
    /// Symbol addresses of the ELF and of the kludge build.
    let elfSymbols: [String: UInt64]
    let kludgeSymbols: [String: UInt64]

    init(in directory: TemporaryDirectory) throws {
        let source = Self.guestsDirectory.appendingPathComponent("multiboot-hello.S").path
        let script = Self.guestsDirectory.appendingPathComponent("multiboot-hello.ld").path
        let elfObject = directory.path("hello.o")
        let kludgeObject = directory.path("hello-kludge.o")
        elfPath = directory.path("multiboot-hello.elf")
        kludgePath = directory.path("multiboot-hello.bin")
        let kludgeELF = directory.path("multiboot-hello-kludge.elf")
        let flatPath = directory.path("multiboot-hello.flat")

        try HostTool.run("/usr/bin/as", "--32", "-o", elfObject, source)
        try HostTool.run("/usr/bin/ld", "-m", "elf_i386", "-T", script, "-o", elfPath, elfObject)
        try HostTool.run("/usr/bin/objcopy", "-O", "binary", elfPath, flatPath)
        try HostTool.run("/usr/bin/as", "--32", "--defsym", "AOUT_KLUDGE=1", "-o", kludgeObject, source)
        try HostTool.run("/usr/bin/ld", "-m", "elf_i386", "-T", script, "--oformat", "binary", "-o", kludgePath, kludgeObject)
        try HostTool.run("/usr/bin/ld", "-m", "elf_i386", "-T", script, "-o", kludgeELF, kludgeObject)
        elfFlatImage = [UInt8](try Data(contentsOf: URL(fileURLWithPath: flatPath)))
        elfSymbols = try Self.symbols(of: elfPath)
        kludgeSymbols = try Self.symbols(of: kludgeELF)
    }

    private static func symbols(of path: String) throws -> [String: UInt64] {
        var symbols: [String: UInt64] = [:]
        for line in try HostTool.run("/usr/bin/nm", path).split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.count == 3, let value = UInt64(fields[0], radix: 16) { symbols[String(fields[2])] = value }
        }
        return symbols
    }

}
