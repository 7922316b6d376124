#if canImport(Glibc)
import Glibc
#endif

/// Messages from swiftvmm itself, on standard error so they never mix with guest output.
enum Diagnostics {
    static func error(_ message: String) {
        write("swiftvmm: error: \(message)\n")
    }

    static func note(_ message: String) {
        write("swiftvmm: \(message)\n")
    }

    static func write(_ text: String) {
        var text = text
        text.withUTF8 { bytes in _ = Glibc.write(STDERR_FILENO, bytes.baseAddress, bytes.count) }
    }
}
