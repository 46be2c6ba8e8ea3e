import Foundation
import Testing
import TriageTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// The interactive shell under a real pseudo-terminal: tmux runs the built binary, keys go in
/// with `send-keys`, the screen comes back with `capture-pane`. Each test has its own tmux server
/// (`-L`), killed at the end.
@Suite(.serialized)
struct InteractiveTests {
    @Test func promptAndTabCompletion() async throws {
        try await withShell { shell in
            try await shell.waitFor { $0.hasSuffix("\ntriage>") }
            #expect(try await shell.lastLine() == "triage>")
            // Unique candidate: completed with a trailing space (the `.` shows where the cursor is).
            try await shell.keys("hel", "Tab", ".")
            try await shell.waitFor { $0.hasSuffix("triage> help .") }
            try await shell.keys("C-u", "fet", "Tab", ".")
            try await shell.waitFor { $0.hasSuffix("triage> fetch .") }
            try await shell.keys("C-u", "fetch --so", "Tab", "a", "Tab", ".")
            try await shell.waitFor { $0.hasSuffix("triage> fetch --source all .") }
            // Ambiguous: libedit lists them (Tab twice at most), the line keeps the common prefix.
            try await shell.keys("C-u", "s", "Tab", "Tab")
            try await shell.waitFor { $0.contains("status") && $0.contains("summary") }
            try await shell.keys("C-u", "help quit", "Enter")
            try await shell.waitFor { $0.contains("usage: quit\n") && $0.hasSuffix("triage> quit\ntriage>") }
        }
    }

    @Test func historyAcrossSessions() async throws {
        let workspace = try temporaryDirectory("triage-interactive")
        defer { try? FileManager.default.removeItem(at: workspace) }
        try await withShell(workspace: workspace) { shell in
            try await shell.waitFor { $0.hasSuffix("triage>") }
            try await shell.keys("help quit", "Enter")
            try await shell.waitFor { $0.hasSuffix("triage> quit\ntriage>") }
            try await shell.keys(" help", "Enter")  // a leading space keeps a line out of the history
            try await shell.waitFor { $0.contains("'help COMMAND' explains one") && $0.hasSuffix("triage>") }
            try await shell.keys("C-d")
            try await shell.waitFor { $0.contains("EXIT=0") }
        }
        let history = try String(
            contentsOf: workspace.appendingPathComponent(".triage/history"), encoding: .utf8)
        #expect(history == "_HiStOrY_V2_\nhelp\\040quit\n")
        try await withShell(workspace: workspace) { shell in
            try await shell.waitFor { $0.hasSuffix("triage>") }
            try await shell.keys("Up")
            try await shell.waitFor { $0.hasSuffix("triage> help quit") }
        }
    }

    @Test func ctrlCOnAHalfTypedLineGivesAFreshPromptAndCtrlDLeaves() async throws {
        try await withShell { shell in
            try await shell.waitFor { $0.hasSuffix("triage>") }
            try await shell.keys("summary last-ni")
            try await shell.waitFor { $0.hasSuffix("triage> summary last-ni") }
            try await shell.keys("C-c")
            try await shell.waitFor { $0.hasSuffix("^C\ntriage>") }
            // Still alive, and the dropped line was not run.
            try await shell.keys("help quit", "Enter")
            try await shell.waitFor { $0.hasSuffix("triage> quit\ntriage>") }
            #expect(try await !shell.screen().contains("error"))
            try await shell.keys("C-d")
            try await shell.waitFor { $0.contains("EXIT=0") }
        }
    }

    /// Issue 14, bug 1: `less` started in a process group that was not the terminal's foreground
    /// group stopped (SIGTTIN) on its first read of the terminal, and the shell waited forever.
    /// Here `trace` goes through the default pager (`$PAGER` unset), which must show the trace,
    /// quit with `q`, and on a second `trace` quit with Ctrl-C, back at the prompt each time.
    @Test func traceThroughTheDefaultPagerQuitsWithQAndWithCtrlC() async throws {
        try await withFetchedOrganisation { _, workspace in
            let environment = ["GITLAB_TOKEN": secretToken, "TRIAGE_NOW": morningAfter]
            let listed = try await runTriage(
                ["failures", "last-night", "--format", "json"], workspace: workspace, environment: environment
            )
            let records = try #require(
                try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
            let job = try #require(records.first?["job"] as? Int)
            let trace = try await runTriage(
                ["trace", "\(job)"], workspace: workspace, environment: environment)
            let firstLine = try #require(trace.stdout.split(separator: "\n").first.map(String.init))
            let shown = String(firstLine.prefix(60))

            try await withShell(workspace: workspace, environment: ["TRIAGE_NOW": morningAfter]) { shell in
                try await shell.waitFor { $0.hasSuffix("triage>") }
                try await shell.keys("trace \(job)", "Enter")
                // less owns the screen: the trace's first line on top, its prompt at the bottom.
                try await shell.waitFor { screen in
                    screen.contains(shown)
                        && [":", "(END)"].contains(screen.split(separator: "\n").last.map(String.init) ?? "")
                }
                try await shell.keys("q")
                try await shell.waitFor { $0.hasSuffix("triage> trace \(job)\ntriage>") }

                try await shell.keys("trace \(job)", "Enter")
                try await shell.waitFor { $0.contains(shown) }
                try await shell.keys("C-c")
                try await shell.waitFor { $0.hasSuffix("triage> trace \(job)\ntriage>") }
                // The terminal is the shell's again: a command runs and Ctrl-D leaves with 0.
                try await shell.keys("help quit", "Enter")
                try await shell.waitFor { $0.hasSuffix("triage> quit\ntriage>") }
                try await shell.keys("C-d")
                try await shell.waitFor { $0.contains("EXIT=0") }
            }
        }
    }

    /// Issue 14, item 10: at 80 columns no row of `failures last-night` wraps, every row starts
    /// with its cluster and JOB ID, and one night's listing has no NIGHT column.
    @Test func failuresFitAnEightyColumnTerminal() async throws {
        try await withSimulator { _, url in
            let workspace = try makeWorkspace(url: url, nights: 2)
            defer { try? FileManager.default.removeItem(at: workspace) }
            let environment = ["GITLAB_TOKEN": secretToken, "TRIAGE_NOW": morningAfter]
            let fetched = try await runTriage(["fetch"], workspace: workspace, environment: environment)
            try #require(fetched.status == 0, "\(fetched.stderr)")
            let listed = try await runTriage(
                ["failures", "last-night", "--format", "json"], workspace: workspace, environment: environment
            )
            let records = try #require(
                try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
            let jobs = records.compactMap { $0["job"] as? Int }
            try #require(jobs.count > 3)

            try await withShell(workspace: workspace, environment: ["TRIAGE_NOW": morningAfter], columns: 80)
            { shell in
                try await shell.waitFor { $0.hasSuffix("triage>") }
                try await shell.keys("failures last-night", "Enter")
                try await shell.waitFor { $0.hasSuffix("\ntriage>") && $0.contains("failed jobs") }
                let screen = try await shell.screen(history: true)
                try Self.expectFitsEightyColumns(screen, jobs: jobs)
            }
        }
    }

    static func expectFitsEightyColumns(_ screen: String, jobs: [Int]) throws {
        let all = screen.split(separator: "\n").map(String.init)
        let lines = Array(all.drop { !$0.hasSuffix("triage> failures last-night") })
        let header = try #require(lines.first { $0.hasPrefix("CLUSTER") })
        #expect(header.hasPrefix("CLUSTER     MARKS") && header.contains("JOB ID  PROJECT"))
        #expect(!header.contains("NIGHT") && !header.contains("URL"))
        #expect(header.hasSuffix("KEY LINE"))
        let wide = lines.filter { $0.count > 80 }
        #expect(wide.isEmpty, "lines wider than the terminal: \(wide)")
        let rows = lines.filter { $0.hasPrefix("c-") }
        for job in jobs {
            let pattern = #"^c-[0-9a-f]{8}\s.*\s"# + String(job) + "  "
            #expect(
                rows.contains { $0.range(of: pattern, options: .regularExpression) != nil },
                "no row for job \(job)")
        }
    }

    /// Issue 14, item 11: `triage demo` on a terminal fetches, lists last night by kind of
    /// failure, suggests three first commands (the first with a real job), and hands over the
    /// prompt; `--keep DIR` keeps the workspace, and a second demo into it fetches only what is new.
    @Test func theDemoEndsInTheShellAndKeepsItsWorkspaceWhenAsked() async throws {
        let keep = try temporaryDirectory("triage-demo-keep")
        defer { try? FileManager.default.removeItem(at: keep) }
        try await withShell(
            environment: ["TRIAGE_NOW": morningAfter], arguments: ["demo", "--keep", keep.path]
        ) { shell in
            try await shell.waitFor(timeout: .seconds(180)) { $0.hasSuffix("\ntriage>") }
            let screen = try await shell.screen(history: true)
            #expect(screen.contains("CLUSTER     MARKS  JOB ID  PROJECT"))
            #expect(screen.contains("\ntry:\n  show job "))
            #expect(screen.contains("\n  clusters 7d ") && screen.contains("\n  streaks last-night "))
            let job = try #require(
                screen.firstMatch(of: /show job (\d+)/).map { String($0.output.1) })
            #expect(screen.contains("triage — workspace \(keep.path)"))
            try await shell.keys("show job \(job)", "Enter")
            try await shell.waitFor { $0.hasSuffix("\ntriage>") && $0.contains("/-/jobs/\(job)") }
            try await shell.keys("C-d")
            try await shell.waitFor { $0.contains("EXIT=0") }
            #expect(try await shell.screen().contains("demo: the workspace stays in \(keep.path)"))
        }
        #expect(
            FileManager.default.fileExists(atPath: keep.appendingPathComponent(".triage/cache.sqlite").path))
        let again = try await runTriage(["demo", "--keep", keep.path, "-c", "status"], timeout: 180)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains(": 0 pipelines updated ("), "\(again.stdout)")
    }

    @Test func quitLeavesWithStatusZero() async throws {
        try await withShell { shell in
            try await shell.waitFor { $0.hasSuffix("triage>") }
            try await shell.keys("nosuch", "Enter")
            try await shell.waitFor {
                $0.contains("error: unknown command 'nosuch'") && $0.hasSuffix("triage>")
            }
            try await shell.keys("quit", "Enter")
            try await shell.waitFor { $0.contains("EXIT=0") }
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
    func run(_ arguments: [String]) async throws -> String {
        let socket = socket
        let tmux = tmux
        // system() blocks: keep it off Swift's cooperative pool, which has one thread per core.
        return try await offPool { Self.runBlocking(arguments, socket: socket, tmux: tmux) }
    }

    private static func runBlocking(_ arguments: [String], socket: String, tmux: String) -> String {
        let outputURL = FileManager.default.temporaryDirectory.appendingPathComponent(
            "\(socket)-\(UUID()).out")
        defer { try? FileManager.default.removeItem(at: outputURL) }
        let words = [tmux, "-L", socket] + arguments
        let command =
            "env -u TMUX TERM=xterm " + words.map(quoted).joined(separator: " ")
            + " </dev/null >\(quoted(outputURL.path)) 2>/dev/null"
        _ = system(command)
        return (try? String(contentsOf: outputURL, encoding: .utf8)) ?? ""
    }

    private static func quoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Sends keys: text is typed literally unless it is a key name (`Tab`, `Enter`, `C-c`…).
    func keys(_ keys: String...) async throws {
        for key in keys {
            let named = ["Tab", "Enter", "Up", "Down", "BSpace"].contains(key) || key.hasPrefix("C-")
            try await run(named ? ["send-keys", "-t", "t", key] : ["send-keys", "-t", "t", "-l", key])
        }
    }

    /// The screen without trailing blank lines and trailing spaces; with `history`, everything
    /// the pane has shown, wrapped lines joined (so a line that wrapped is one long line).
    func screen(history: Bool = false) async throws -> String {
        let text = try await run(["capture-pane", "-p", "-t", "t"] + (history ? ["-J", "-S", "-"] : []))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0.reversed().drop(while: { $0 == " " }).reversed())
        }
        return lines.reversed().drop(while: \.isEmpty).reversed().joined(separator: "\n")
    }

    func lastLine() async throws -> String {
        try await screen().split(separator: "\n").last.map(String.init) ?? ""
    }

    /// Polls the screen until `condition` holds; fails with the screen after `timeout`.
    func waitFor(
        timeout: Duration = .seconds(15), sourceLocation: SourceLocation = #_sourceLocation,
        _ condition: (String) -> Bool
    ) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var text = ""
        while clock.now < deadline {
            text = try await screen()
            if condition(text) { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("timed out waiting; the screen was:\n\(text)", sourceLocation: sourceLocation)
        throw TimedOut()
    }
}

struct TimedOut: Error {}

/// Starts `triage` in a fresh tmux server on `workspace` (a new temporary one when nil), with
/// `environment` added and `PAGER` unset, and kills the server afterwards, whatever happens.
func withShell(
    workspace: URL? = nil, environment: [String: String] = [:], columns: Int = 120,
    arguments: [String]? = nil,
    _ body: (TmuxShell) async throws -> Void
) async throws {
    guard let tmux = Terminal.tmux else {
        Issue.record("tmux is not installed: .ci/run installs it (apt-get install tmux)")
        return
    }
    let binary = try triageBinary()
    let directory = try workspace ?? temporaryDirectory("triage-interactive")
    defer { if workspace == nil { try? FileManager.default.removeItem(at: directory) } }
    let shell = TmuxShell(tmux: tmux)
    // The default pager unless a test names one: whatever $PAGER the test runner has is not it.
    let assignments = environment.sorted { $0.key < $1.key }.map { "\($0.key)='\($0.value)'" }.joined(
        separator: " ")
    let command =
        "env -u PAGER \(assignments) '\(binary.path)' "
        + (arguments ?? ["--workspace", directory.path]).map { "'\($0)'" }.joined(separator: " ")
        + "; echo EXIT=$?; sleep 30"
    try await shell.run(["new-session", "-d", "-s", "t", "-x", "\(columns)", "-y", "30", command])
    do {
        try await body(shell)
    } catch {
        _ = try? await shell.run(["kill-server"])
        throw error
    }
    _ = try? await shell.run(["kill-server"])
}
