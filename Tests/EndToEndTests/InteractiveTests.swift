import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The interactive shell under a real pseudo-terminal: tmux runs the built binary, keys go in
/// with `send-keys`, the screen comes back with `capture-pane`. Each test has its own tmux server
/// (`-L`), killed at the end.
@Suite(.serialized, .enabled(if: Terminal.tmuxAvailable, "needs tmux"))
struct InteractiveTests {
    @Test func promptAndTabCompletion() throws {
        try withShell { shell in
            try shell.waitFor { $0.hasSuffix("\ntriage>") }
            #expect(try shell.lastLine() == "triage>")
            // Unique candidate: completed with a trailing space (the `.` shows where the cursor is).
            try shell.keys("hel", "Tab", ".")
            try shell.waitFor { $0.hasSuffix("triage> help .") }
            try shell.keys("C-u", "fet", "Tab", ".")
            try shell.waitFor { $0.hasSuffix("triage> fetch .") }
            try shell.keys("C-u", "fetch --so", "Tab", "a", "Tab", ".")
            try shell.waitFor { $0.hasSuffix("triage> fetch --source all .") }
            // Ambiguous: libedit lists them (Tab twice at most), the line keeps the common prefix.
            try shell.keys("C-u", "s", "Tab", "Tab")
            try shell.waitFor { $0.contains("status") && $0.contains("summary") }
            try shell.keys("C-u", "help quit", "Enter")
            try shell.waitFor { $0.contains("usage: quit\n") && $0.hasSuffix("triage> quit\ntriage>") }
        }
    }

    @Test func historyAcrossSessions() throws {
        let workspace = try temporaryDirectory("triage-interactive")
        defer { try? FileManager.default.removeItem(at: workspace) }
        try withShell(workspace: workspace) { shell in
            try shell.waitFor { $0.hasSuffix("triage>") }
            try shell.keys("help quit", "Enter")
            try shell.waitFor { $0.hasSuffix("triage> quit\ntriage>") }
            try shell.keys(" help", "Enter")  // a leading space keeps a line out of the history
            try shell.waitFor { $0.contains("'help COMMAND' explains one") && $0.hasSuffix("triage>") }
            try shell.keys("C-d")
            try shell.waitFor { $0.contains("EXIT=0") }
        }
        let history = try String(contentsOf: workspace.appendingPathComponent(".triage/history"), encoding: .utf8)
        #expect(history == "_HiStOrY_V2_\nhelp\\040quit\n")
        try withShell(workspace: workspace) { shell in
            try shell.waitFor { $0.hasSuffix("triage>") }
            try shell.keys("Up")
            try shell.waitFor { $0.hasSuffix("triage> help quit") }
        }
    }

    @Test func ctrlCOnAHalfTypedLineGivesAFreshPromptAndCtrlDLeaves() throws {
        try withShell { shell in
            try shell.waitFor { $0.hasSuffix("triage>") }
            try shell.keys("summary last-ni")
            try shell.waitFor { $0.hasSuffix("triage> summary last-ni") }
            try shell.keys("C-c")
            try shell.waitFor { $0.hasSuffix("^C\ntriage>") }
            // Still alive, and the dropped line was not run.
            try shell.keys("help quit", "Enter")
            try shell.waitFor { $0.hasSuffix("triage> quit\ntriage>") }
            #expect(try !shell.screen().contains("error"))
            try shell.keys("C-d")
            try shell.waitFor { $0.contains("EXIT=0") }
        }
    }

    @Test func quitLeavesWithStatusZero() throws {
        try withShell { shell in
            try shell.waitFor { $0.hasSuffix("triage>") }
            try shell.keys("nosuch", "Enter")
            try shell.waitFor { $0.contains("error: unknown command 'nosuch'") && $0.hasSuffix("triage>") }
            try shell.keys("quit", "Enter")
            try shell.waitFor { $0.contains("EXIT=0") }
        }
    }
}

/// tmux plumbing.
enum Terminal {
    static let tmux: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    static var tmuxAvailable: Bool { tmux != nil }
}

/// One tmux server running `triage --workspace DIR; echo EXIT=$?; sleep 30` in a 120×30 pane.
struct TmuxShell {
    let socket = "triage-test-\(getpid())-\(UUID().uuidString.prefix(8))"
    let tmux: String

    /// Runs one tmux command through `system()` and returns its stdout. (Foundation's Process
    /// lost track of the `new-session` client here, and that client's server keeps pipes open.)
    @discardableResult
    func run(_ arguments: [String]) throws -> String {
        let outputURL = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket)-\(UUID()).out")
        defer { try? FileManager.default.removeItem(at: outputURL) }
        let words = [tmux, "-L", socket] + arguments
        let command =
            "env -u TMUX TERM=xterm " + words.map(quoted).joined(separator: " ")
            + " </dev/null >\(quoted(outputURL.path)) 2>/dev/null"
        _ = system(command)
        return (try? String(contentsOf: outputURL, encoding: .utf8)) ?? ""
    }

    private func quoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Sends keys: text is typed literally unless it is a key name (`Tab`, `Enter`, `C-c`…).
    func keys(_ keys: String...) throws {
        for key in keys {
            let named = ["Tab", "Enter", "Up", "Down", "BSpace"].contains(key) || key.hasPrefix("C-")
            try run(named ? ["send-keys", "-t", "t", key] : ["send-keys", "-t", "t", "-l", key])
        }
    }

    /// The screen without trailing blank lines and trailing spaces.
    func screen() throws -> String {
        let text = try run(["capture-pane", "-p", "-t", "t"])
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0.reversed().drop(while: { $0 == " " }).reversed())
        }
        return lines.reversed().drop(while: \.isEmpty).reversed().joined(separator: "\n")
    }

    func lastLine() throws -> String {
        try screen().split(separator: "\n").last.map(String.init) ?? ""
    }

    /// Polls the screen until `condition` holds; fails with the screen after `timeout`.
    func waitFor(
        timeout: Duration = .seconds(15), sourceLocation: SourceLocation = #_sourceLocation,
        _ condition: (String) -> Bool
    ) throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var text = ""
        while clock.now < deadline {
            text = try screen()
            if condition(text) { return }
            usleep(50_000)
        }
        Issue.record("timed out waiting; the screen was:\n\(text)", sourceLocation: sourceLocation)
        throw TimedOut()
    }
}

struct TimedOut: Error {}

/// Starts `triage` in a fresh tmux server on `workspace` (a new temporary one when nil) and
/// kills the server afterwards, whatever happens.
func withShell(workspace: URL? = nil, _ body: (TmuxShell) throws -> Void) throws {
    guard let tmux = Terminal.tmux else { return }
    let binary = try triageBinary()
    let directory = try workspace ?? temporaryDirectory("triage-interactive")
    defer { if workspace == nil { try? FileManager.default.removeItem(at: directory) } }
    let shell = TmuxShell(tmux: tmux)
    let command = "'\(binary.path)' --workspace '\(directory.path)'; echo EXIT=$?; sleep 30"
    try shell.run(["new-session", "-d", "-s", "t", "-x", "120", "-y", "30", command])
    defer { _ = try? shell.run(["kill-server"]) }
    try body(shell)
}
