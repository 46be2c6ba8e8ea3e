import Foundation

/// What one prompt produced.
public enum LineResult: Sendable, Hashable {
    case line(String)
    /// Ctrl-C on a half-typed line: prompt again.
    case interrupted
    /// Ctrl-D, or the terminal went away: leave.
    case endOfInput
}

/// A source of interactive lines: the executable adapts the libedit `LineEditor` to it, tests
/// use a scripted one. TriageShell never sees libedit.
///
/// `readLine` blocks until a line is complete; the shell calls it on a dedicated thread only,
/// never on Swift's cooperative pool, and never twice at once.
public protocol LineReader: Sendable {
    func readLine(prompt: String) -> LineResult
    /// Whether Ctrl-C was pressed since the last call; clears it. Called from any thread while
    /// a command runs, to cancel the command.
    func interrupted() -> Bool
}

extension Session {
    /// The prompt of the interactive shell.
    public static let prompt = "triage> "

    /// The interactive shell: a one-line banner, then lines from `reader` run one by one until
    /// `quit` or end of input (exit status 0 either way; a failed command never ends the shell).
    ///
    /// Lines are read on a dedicated thread and handed over here; each command runs in its own
    /// Task, which Ctrl-C cancels (a `fetch` stops cleanly and says so) without ending the shell.
    /// - Parameter pollInterval: how often Ctrl-C is checked for while a command runs.
    public func runInteractive(reader: any LineReader, pollInterval: Duration = .milliseconds(50)) async
        -> ExitStatus
    {
        context.sink.write(
            "triage — workspace \(context.environment.workspace.path) — type 'help', Ctrl-D to leave\n")
        let thread = ReaderThread(reader: reader)
        defer { thread.stop() }
        var number = 0
        while true {
            switch await thread.readLine(prompt: Self.prompt) {
            case .endOfInput:
                return .success
            case .interrupted:
                continue
            case .line(let text):
                number += 1
                let line = ScriptLine(file: nil, line: number, text: text)
                _ = reader.interrupted()  // a Ctrl-C from before this command is not for it
                let command = Task { await self.run(line) }
                let watcher = Task {
                    while !Task.isCancelled {
                        if reader.interrupted() { command.cancel() }
                        try? await Task.sleep(for: pollInterval)
                    }
                }
                let outcome = await command.value
                watcher.cancel()
                if outcome == .quit { return .success }
            }
        }
    }
}

/// One long-lived thread that runs the blocking `readLine` on request, so the cooperative
/// thread pool never blocks on the terminal.
final class ReaderThread: @unchecked Sendable {
    private let reader: any LineReader
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var request: (prompt: String, reply: CheckedContinuation<LineResult, Never>)?
    private var stopped = false

    init(reader: any LineReader) {
        self.reader = reader
        Thread { [self] in serve() }.start()
    }

    func readLine(prompt: String) async -> LineResult {
        await withCheckedContinuation { reply in
            condition.withLock {
                request = (prompt, reply)
                condition.signal()
            }
        }
    }

    /// Ends the thread once it is waiting for the next request.
    func stop() {
        condition.withLock {
            stopped = true
            condition.signal()
        }
    }

    private func serve() {
        while true {
            condition.lock()
            while request == nil, !stopped { condition.wait() }
            guard !stopped, let next = request else {
                condition.unlock()
                return
            }
            request = nil
            condition.unlock()
            next.reply.resume(returning: reader.readLine(prompt: next.prompt))
        }
    }
}
