import Devices
import Foundation
import Testing

@Suite struct OutputSinkTests {
    @Test func fileSinkWritesEverythingByFlush() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sink-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let sink = try OutputSink.file(path: path)
        for byte in "line\npartial".utf8 { sink.write(byte) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "line\n")
        sink.flush()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "line\npartial")
    }

    @Test func fileSinkReportsAnUnopenablePath() {
        #expect {
            try OutputSink.file(path: "/nonexistent-dir/serial.log")
        } throws: { error in
            "\(error)" == "open /nonexistent-dir/serial.log: No such file or directory"
        }
    }

    @Test func discardSinkKeepsNothing() {
        let sink = OutputSink.discard()
        sink.write(1)
        #expect(sink.captured.isEmpty)
    }
}
