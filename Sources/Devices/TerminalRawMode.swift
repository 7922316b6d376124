import Glibc

/// Puts a terminal into raw mode — bytes pass through one at a time, unechoed and untranslated — and
/// puts it back on every way out: `restore()`, release of this value, process exit, and fatal signals.
///
/// Output processing stays on, so a guest's "\n" still starts a new line. With `keepSignalKeys`, Ctrl-C and
/// Ctrl-\ still signal swiftvmm instead of reaching the guest.
public final class TerminalRawMode {
    /// Switches `descriptor` to raw mode, or returns nil when it is not a terminal.
    public init?(descriptor: Int32 = STDIN_FILENO, keepSignalKeys: Bool = true) throws(SystemCallError) {
        guard isatty(descriptor) == 1 else { return nil }
        var original = termios()
        guard tcgetattr(descriptor, &original) == 0 else { throw SystemCallError("tcgetattr") }
        var raw = original
        raw.c_iflag &= ~tcflag_t(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON)
        raw.c_oflag |= tcflag_t(OPOST)
        raw.c_lflag &= ~tcflag_t(ECHO | ECHONL | ICANON | IEXTEN)
        if !keepSignalKeys { raw.c_lflag &= ~tcflag_t(ISIG) }
        raw.c_cflag = raw.c_cflag & ~tcflag_t(CSIZE | PARENB) | tcflag_t(CS8)
        withUnsafeMutableBytes(of: &raw.c_cc) { controlCharacters in
            controlCharacters[Int(VMIN)] = 1
            controlCharacters[Int(VTIME)] = 0
        }
        SavedTerminal.save(descriptor: descriptor, settings: original)
        guard tcsetattr(descriptor, TCSAFLUSH, &raw) == 0 else {
            let error = SystemCallError("tcsetattr")
            SavedTerminal.restore()
            throw error
        }
    }

    deinit { restore() }

    /// Puts the terminal back as it was and removes the exit and signal hooks; later calls do nothing.
    public func restore() {
        SavedTerminal.restore()
    }
}

/// The settings to put back, kept where a signal handler can reach them without locks or allocation.
private enum SavedTerminal {
    /// Signals whose default action ends the process: the handler restores the terminal, then re-raises.
    private static let fatalSignals: [Int32] = [
        SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV,
    ]

    // Written only before the handlers are installed and after they are removed; read by the handlers.
    nonisolated(unsafe) private static var descriptor: Int32 = -1
    nonisolated(unsafe) private static var settings = termios()
    nonisolated(unsafe) private static var active = false
    nonisolated(unsafe) private static var previousActions: [sigaction] = []

    private static let exitHandlerInstalled: Bool = {
        atexit { SavedTerminal.restoreSettings() }
        return true
    }()

    static func save(descriptor: Int32, settings: termios) {
        _ = exitHandlerInstalled
        if active { restore() }
        self.descriptor = descriptor
        self.settings = settings
        active = true
        previousActions = fatalSignals.map { signal in
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { signal in
                SavedTerminal.restoreSettings()
                raise(signal)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = Int32(bitPattern: UInt32(SA_RESETHAND))
            var previous = sigaction()
            sigaction(signal, &action, &previous)
            return previous
        }
    }

    static func restore() {
        guard active else { return }
        for (signal, previous) in zip(fatalSignals, previousActions) {
            var action = previous
            sigaction(signal, &action, nil)
        }
        restoreSettings()
        active = false
    }

    /// Async-signal-safe: only `tcsetattr` on values stored before the handlers were installed.
    private static func restoreSettings() {
        guard active else { return }
        var original = settings
        tcsetattr(descriptor, TCSAFLUSH, &original)
    }
}
