/// What a fuzz input is fed to.
public enum FuzzTarget: String, CaseIterable, Sendable {
    case decoder, interpreter
    /// Each input is one decoder string and one interpreter state.
    case both
}
