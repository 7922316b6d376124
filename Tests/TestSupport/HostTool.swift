import Foundation

/// Runs a host program (binutils, swiftvmm itself) and collects what it printed.
public enum HostTool {
    /// A program that exited with a non-zero status.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The result of one run.
    public struct Result {
        public let status: Int32
        public let standardOutput: String
        public let standardError: String
    }

    /// Runs `tool` and returns its combined output; throws when it fails.
    @discardableResult
    public static func run(_ tool: String, _ arguments: String...) throws -> String {
        let result = try execute(tool, arguments)
        guard result.status == 0 else {
            throw Failure(description: "\(tool) \(arguments.joined(separator: " ")) failed: \(result.standardOutput)\(result.standardError)")
        }
        return result.standardOutput + result.standardError
    }

    /// Runs `tool` with `arguments` and standard input from /dev/null, whatever its exit status.
    public static func execute(_ tool: String, _ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let errorData = ErrorCollector(errors.fileHandleForReading)
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData.wait(), as: UTF8.self))
    }
}

/// Reads a pipe to its end on another thread, so that neither pipe of a child can fill up.
private final class ErrorCollector: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
