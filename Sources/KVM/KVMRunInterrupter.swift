import CKVM
import Glibc
import Synchronization

/// Makes a vCPU's blocking KVM_RUN return early when asked from another thread: it sets
/// kvm_run.immediate_exit and sends the vCPU thread a signal whose handler does nothing.
final class KVMRunInterrupter: Sendable {
    /// The signal that kicks a vCPU thread out of KVM_RUN.
    static let signal = SIGUSR2

    private struct State {
        /// The thread inside `run()`, the only one a signal may be sent to.
        var thread: pthread_t?
        var yieldRequested = false
    }

    private let state = Mutex(State())
    nonisolated(unsafe) private let run: UnsafeMutablePointer<kvm_run>

    /// Installs the no-op handler once per process, without SA_RESTART so KVM_RUN returns EINTR.
    private static let handlerInstalled: Bool = {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in }
        action.sa_flags = 0
        sigemptyset(&action.sa_mask)
        return sigaction(signal, &action, nil) == 0
    }()

    init(run: UnsafeMutablePointer<kvm_run>) {
        self.run = run
        _ = Self.handlerInstalled
    }

    /// Asks the vCPU to leave KVM_RUN soon; safe from any thread.
    func requestYield() {
        state.withLock { state in
            state.yieldRequested = true
            ckvm_store_immediate_exit(run, 1)
            if let thread = state.thread, Self.handlerInstalled {
                pthread_kill(thread, Self.signal)
            }
        }
    }

    /// Called on the vCPU thread before KVM_RUN: records the thread and unblocks the signal for it,
    /// or returns false (consuming the request) when a yield is already requested.
    func enter() -> Bool {
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, Self.signal)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        let thread = pthread_self()
        return state.withLock { state in
            if state.yieldRequested {
                state.yieldRequested = false
                ckvm_store_immediate_exit(run, 0)
                return false
            }
            state.thread = thread
            return true
        }
    }

    /// Called on the vCPU thread after KVM_RUN; `yielded` says the run ended because of a request.
    func leave(yielded: Bool) {
        state.withLock { state in
            state.thread = nil
            if yielded {
                state.yieldRequested = false
                ckvm_store_immediate_exit(run, 0)
            }
        }
    }

    /// Runs `body` (a KVM_RUN) with immediate_exit set, so KVM finishes a pending I/O or MMIO
    /// operation without running guest code; keeps a yield requested meanwhile.
    func withImmediateExit<Result>(_ body: () -> Result) -> Result {
        state.withLock { _ in ckvm_store_immediate_exit(run, 1) }
        let result = body()
        state.withLock { state in ckvm_store_immediate_exit(run, state.yieldRequested ? 1 : 0) }
        return result
    }
}
