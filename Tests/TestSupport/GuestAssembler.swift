import Foundation

/// Assembles test guests from GNU as sources with the machine's binutils into flat binaries.
public enum GuestAssembler {
    /// The repository's `Guests` folder.
    public static var guestsDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Guests")
    }

    /// Assembles `Guests/<name>` into a flat binary whose first byte is loaded at `origin`.
    public static func flatBinary(_ name: String, origin: UInt64) throws -> [UInt8] {
        try flatBinary(source: try String(contentsOf: guestsDirectory.appendingPathComponent(name), encoding: .utf8), origin: origin)
    }

    /// Assembles `source` (GNU as, 64-bit object; use .code16/.code32 inside) into a flat binary at `origin`.
    public static func flatBinary(source: String, origin: UInt64) throws -> [UInt8] {
        let directory = try TemporaryDirectory()
        let sourceFile = try directory.file("guest.S", Array(source.utf8))
        let objectFile = directory.path("guest.o")
        let binaryFile = directory.path("guest.bin")
        try HostTool.run("/usr/bin/as", "--64", "-I", guestsDirectory.appendingPathComponent("include").path, "-o", objectFile, sourceFile)
        try HostTool.run("/usr/bin/ld", "-m", "elf_x86_64", "--oformat", "binary", "-Ttext=0x" + String(origin, radix: 16), "-e", "0", "-o", binaryFile, objectFile)
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: binaryFile)))
    }
}
