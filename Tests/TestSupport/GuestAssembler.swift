import Foundation

/// Assembles test guests from GNU as sources with the machine's binutils into flat binaries.
public enum GuestAssembler {
    /// Why a guest could not be assembled.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

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
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("swiftvmm-guest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let sourceFile = directory.appendingPathComponent("guest.S")
        let objectFile = directory.appendingPathComponent("guest.o")
        let binaryFile = directory.appendingPathComponent("guest.bin")
        try source.write(to: sourceFile, atomically: true, encoding: .utf8)
        try run("/usr/bin/as", ["--64", "-o", objectFile.path, sourceFile.path])
        try run("/usr/bin/ld", ["-m", "elf_x86_64", "--oformat", "binary", "-Ttext=0x" + String(origin, radix: 16), "-e", "0", "-o", binaryFile.path, objectFile.path])
        return [UInt8](try Data(contentsOf: binaryFile))
    }

    private static func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(tool) failed: \(message)")
        }
    }
}
