import Devices
import Glibc
import Testing

@Suite struct SerialInputTests {
    @Test func readerThreadQueuesBytesUntilEndOfFile() throws {
        var ends: [Int32] = [-1, -1]
        #expect(pipe(&ends) == 0)
        let queue = InputQueue()
        let reader = try SerialInput(descriptor: ends[0], into: queue)
        let message = Array("typed".utf8)
        #expect(write(ends[1], message, message.count) == message.count)
        close(ends[1])
        for _ in 0..<500 where queue.count < message.count { usleep(2000) }
        reader.stop()
        close(ends[0])
        #expect((0..<queue.count).compactMap { _ in queue.removeFirst() } == message)
    }

    @Test func stopEndsAReaderBlockedOnAnIdleDescriptor() throws {
        var ends: [Int32] = [-1, -1]
        #expect(pipe(&ends) == 0)
        defer { ends.forEach { close($0) } }
        let reader = try SerialInput(descriptor: ends[0], into: InputQueue())
        reader.stop()
        reader.stop()
    }
}
