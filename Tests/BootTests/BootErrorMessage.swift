import Boot

/// The description of the `BootError` that `body` throws, or nil when it throws nothing.
func bootErrorMessage(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch let error as BootError {
        return error.description
    } catch {
        return "unexpected error \(error)"
    }
}
