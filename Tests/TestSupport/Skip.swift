import Testing

/// Skips the running test case, printing the reason so that it shows in the log.
public func skip(_ reason: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Never {
    print("skipped: \(reason)")
    try Test.cancel(Comment(rawValue: "skipped: \(reason)"), sourceLocation: sourceLocation)
}
