import Foundation

/// The `swiftvmm` executable built beside the test bundle, run as a user would run it.
public enum SwiftVMMBinary {
    public static var path: String {
        let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = testBinary.deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("swiftvmm")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate.path
            }
            directory = directory.deletingLastPathComponent()
        }
        return "swiftvmm"
    }

    /// Runs swiftvmm with `arguments`.
    public static func run(_ arguments: [String]) throws -> HostTool.Result {
        try HostTool.execute(path, arguments)
    }
}
