import Foundation

/// Reads vector files (gzip-compressed JSON arrays, or plain JSON) and the metadata beside them.
public enum VectorFile {
    /// The vectors in the file at `path`.
    public static func load(_ path: String) throws(ConformanceInputError) -> [ConformanceVector] {
        try decode([ConformanceVector].self, from: try contents(of: path), path: path)
    }

    /// The metadata in the file at `path`.
    public static func loadMetadata(_ path: String) throws(ConformanceInputError) -> ConformanceMetadata {
        try decode(ConformanceMetadata.self, from: try contents(of: path), path: path)
    }

    /// The metadata.json in the directory of `vectorPath`, or nil when there is none.
    public static func metadataBeside(_ vectorPath: String) throws(ConformanceInputError) -> ConformanceMetadata? {
        let path = URL(fileURLWithPath: vectorPath).deletingLastPathComponent().appendingPathComponent("metadata.json").path
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try loadMetadata(path)
    }

    /// The file's bytes, decompressed when they start with the gzip magic.
    private static func contents(of path: String) throws(ConformanceInputError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConformanceInputError(path: path, FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file")
        }
        let bytes = [UInt8](data)
        guard bytes.starts(with: [0x1F, 0x8B]) else { return bytes }
        do {
            return try Gzip.decompress(bytes)
        } catch {
            throw ConformanceInputError(path: path, error.description)
        }
    }

    private static func decode<Value: Decodable>(_ type: Value.Type, from bytes: [UInt8], path: String) throws(ConformanceInputError) -> Value {
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch let error as DecodingError {
            throw ConformanceInputError(path: path, "bad JSON: \(describe(error))")
        } catch {
            throw ConformanceInputError(path: path, "bad JSON: \(error.localizedDescription)")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        let context: DecodingError.Context
        switch error {
        case .typeMismatch(_, let found), .valueNotFound(_, let found), .keyNotFound(_, let found), .dataCorrupted(let found):
            context = found
        @unknown default:
            return "\(error)"
        }
        let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        let reason = context.debugDescription.split(separator: "\n").first.map(String.init) ?? "invalid"
        return path.isEmpty ? reason : "at \(path): \(reason)"
    }
}
