/// How many exits of each kind a run took.
public struct ExitCounters: Sendable, Equatable {
    public private(set) var counts: [String: Int] = [:]

    public init() {}

    mutating func record(_ exit: VMExit) { counts[exit.kind, default: 0] += 1 }
}
