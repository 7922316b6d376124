#if canImport(Glibc)
import Glibc
#endif

/// The interpreter's time-stamp counter: host monotonic nanoseconds (a 1 GHz TSC) plus an offset
/// that WRMSR to the TSC adjusts.
extension InterpreterCore {
    var hostTimeStamp: UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) &* 1_000_000_000 &+ UInt64(now.tv_nsec)
    }

    var timeStampCounter: UInt64 { hostTimeStamp &+ timeStampOffset }
}
