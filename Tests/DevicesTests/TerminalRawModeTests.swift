import Devices
import Glibc
import Testing

@Suite struct TerminalRawModeTests {
    @Test func aPipeIsNotATerminal() throws {
        var ends: [Int32] = [-1, -1]
        #expect(pipe(&ends) == 0)
        defer { ends.forEach { close($0) } }
        #expect(try TerminalRawMode(descriptor: ends[0]) == nil)
    }

    @Test func rawModeIsSetAndRestored() throws {
        let controller = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        try #require(controller >= 0)
        defer { close(controller) }
        var unlock: Int32 = 0
        var number: UInt32 = 0
        // TIOCSPTLCK and TIOCGPTN, which Swift cannot import from their macros.
        try #require(ioctl(controller, 0x4004_5431, &unlock) == 0)
        try #require(ioctl(controller, 0x8004_5430, &number) == 0)
        let terminal = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        try #require(terminal >= 0)
        defer { close(terminal) }

        func localFlags() -> tcflag_t {
            var settings = termios()
            tcgetattr(terminal, &settings)
            return settings.c_lflag
        }
        let before = localFlags()
        #expect(before & tcflag_t(ICANON | ECHO) != 0)
        let rawMode = try #require(try TerminalRawMode(descriptor: terminal))
        #expect(localFlags() & tcflag_t(ICANON | ECHO) == 0)
        #expect(localFlags() & tcflag_t(ISIG) != 0)
        rawMode.restore()
        #expect(localFlags() == before)
        rawMode.restore()
        #expect(localFlags() == before)
    }
}
