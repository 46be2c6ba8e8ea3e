import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Ctrl-C for scripts and one-shot commands: SIGINT cancels the running command's task.
///
/// The handler only stores into an atomic flag (async-signal-safe); a watcher task polls it
/// and cancels. The interactive shell uses the line editor's handler instead.
public enum Interrupts {
    public static func install() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in interruptFlag.store(true, ordering: .relaxed) }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(SIGINT, &action, nil)
    }

    /// Cancels `task` when Ctrl-C arrives; stops watching when the task ends.
    public static func cancel<T: Sendable>(
        _ task: Task<T, Never>, onInterrupt poll: Duration = .milliseconds(50)
    ) {
        Task.detached {
            while !Task.isCancelled {
                if interruptFlag.exchange(false, ordering: .relaxed) {
                    task.cancel()
                    return
                }
                try? await Task.sleep(for: poll)
            }
        }
    }
}

private let interruptFlag = Atomic<Bool>(false)
