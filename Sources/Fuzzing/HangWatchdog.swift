import Foundation
import Synchronization

/// A thread that watches the input being run: when one input has run longer than `limit`, it calls
/// `onHang` with the input's index (a hang inside one engine call cannot be stopped from within).
public final class HangWatchdog: Sendable {
    private let origin = ContinuousClock.now
    private let index = Atomic<Int>(-1)
    private let startNanoseconds = Atomic<Int64>(0)

    /// Starts watching; `onHang` runs on the watchdog's thread and must end the process.
    public init(limit: Duration, onHang: @escaping @Sendable (Int) -> Never) {
        Thread.detachNewThread { [self] in
            while true {
                Thread.sleep(forTimeInterval: 0.5)
                let current = index.load(ordering: .acquiring)
                let started = Duration.nanoseconds(startNanoseconds.load(ordering: .acquiring))
                if current >= 0 && ContinuousClock.now - origin - started > limit { onHang(current) }
            }
        }
    }

    /// Notes that input `index` starts now.
    func starting(_ input: Int) {
        let elapsed = (ContinuousClock.now - origin).components
        startNanoseconds.store(elapsed.seconds * 1_000_000_000 + elapsed.attoseconds / 1_000_000_000, ordering: .releasing)
        index.store(input, ordering: .releasing)
    }
}
