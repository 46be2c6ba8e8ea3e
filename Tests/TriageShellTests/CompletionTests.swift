import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif
import Store
import Testing
import TriageCore

@testable import TriageShell

private let data = CompletionData(
    projects: { ["julia/Foo.jl", "julia/Bar.jl", "tools/ci"] },
    jobs: { ["250", "102", "101"] },
    pipelines: { ["9001"] },
    nights: { ["2026-11-28", "2026-11-27"] },
    stages: { ["build", "test"] })

/// A table beside the standard one, for sources no standard command uses yet.
private let showTable = CommandTable(commands: [
    CommandSpec(
        name: "show", group: "Test", summary: "show a job",
        operands: [
            OperandSpec("JOB", summary: "a job id", completion: .jobs),
            OperandSpec("WHAT", optional: true, summary: "what", completion: .values(["trace", "excerpt"])),
        ],
        run: { _, _ in CommandOutput(text: [], json: .null) })
])

/// Command words in table order (the table grows with every issue; the completer must follow it).
private let allCommands = CommandTable.standard.commands.flatMap { [$0.name] + $0.aliases }
private func commands(_ prefix: String) -> [String] { allCommands.filter { $0.hasPrefix(prefix) } }
private let allRanges = ["last-night", "today", "yesterday", "7d", "30d", "2026-11-28", "2026-11-27"]

struct CompletionCase: Sendable, CustomTestStringConvertible {
    var line: String
    /// nil: at the end of the line.
    var cursor: Int?
    var replaceFrom: Int
    var candidates: [String]
    var testDescription: String { "\(line.debugDescription) @\(cursor.map(String.init) ?? "end")" }

    init(_ line: String, cursor: Int? = nil, _ replaceFrom: Int, _ candidates: [String]) {
        self.line = line
        self.cursor = cursor
        self.replaceFrom = replaceFrom
        self.candidates = candidates
    }
}

@Suite struct CompleterTests {
    @Test(arguments: [
        // First word: command names and aliases, in table order.
        CompletionCase("", 0, allCommands),
        CompletionCase("hel", 0, ["help"]),
        CompletionCase("fet", 0, ["fetch"]),
        CompletionCase("s", 0, commands("s")),
        CompletionCase("sum", 0, ["summary"]),
        CompletionCase("e", 0, commands("e")),
        CompletionCase("exi", 0, ["exit"]),
        CompletionCase("  qu", 2, ["quit"]),
        CompletionCase("zz", 0, []),
        // help's operand: commands.
        CompletionCase("help ", 5, allCommands),
        CompletionCase("help sum", 5, ["summary"]),
        CompletionCase("? f", 2, commands("f")),
        CompletionCase("? fe", 2, ["fetch"]),
        CompletionCase("help summary ", 13, []),
        // Ranges: keywords, then recent nights.
        CompletionCase("summary ", 8, allRanges),
        CompletionCase("summary 2026", 8, ["2026-11-28", "2026-11-27"]),
        CompletionCase("summary y", 8, ["yesterday"]),
        CompletionCase("summary 7", 8, ["7d"]),
        // Options.
        CompletionCase(
            "fetch --", 6, ["--group", "--project", "--nights", "--source", "--concurrency", "--format"]),
        CompletionCase(
            "fetch -", 6, ["--group", "--project", "--nights", "--source", "--concurrency", "--format"]),
        CompletionCase("fetch --n", 6, ["--nights"]),
        CompletionCase(
            "fetch --nights 3 --", 17, ["--group", "--project", "--source", "--concurrency", "--format"]),
        CompletionCase("fetch --group a --g", 16, ["--group"]),
        CompletionCase("help --", 5, ["--markdown", "--format"]),
        // The global --format, and one option of an exclusive group rules out the others.
        CompletionCase("failures --f", 9, ["--format"]),
        CompletionCase("failures --untriaged --t", 21, []),
        CompletionCase("failures --triaged --u", 19, []),
        CompletionCase("failures --t", 9, ["--triaged"]),
        CompletionCase("failures --format json --f", 23, []),
        // Option values.
        CompletionCase("fetch --project ", 16, ["julia/Foo.jl", "julia/Bar.jl", "tools/ci"]),
        CompletionCase("fetch --project jul", 16, ["julia/Foo.jl", "julia/Bar.jl"]),
        CompletionCase("fetch --project=jul", 16, ["julia/Foo.jl", "julia/Bar.jl"]),
        CompletionCase("fetch --source ", 15, ["schedule", "all"]),
        CompletionCase("fetch --source a", 15, ["all"]),
        CompletionCase("fetch --nights ", 15, []),
        CompletionCase("fetch --format ", 15, ["table", "tsv", "json"]),
        CompletionCase("status --format=j", 16, ["json"]),
        CompletionCase("fetch --nosuch=", 15, []),
        // Issue 14: a setting's values are its own; --stage offers the cached stages.
        CompletionCase("set ", 4, ["format", "color", "pager"]),
        CompletionCase("set format ", 11, ["table", "tsv", "json"]),
        CompletionCase("set color ", 10, ["auto", "always", "never"]),
        CompletionCase("set pager ", 10, ["auto", "never"]),
        CompletionCase("set color a", 10, ["auto", "always"]),
        CompletionCase("set nosuch ", 11, []),
        CompletionCase("failures --stage ", 17, ["build", "test"]),
        CompletionCase("failures --stage=t", 17, ["test"]),
        // Nothing to offer.
        CompletionCase("fetch ", 6, []),
        CompletionCase("fetch -- --", 9, []),
        CompletionCase("nosuch ", 7, []),
        CompletionCase("help 'qu", 5, []),
        CompletionCase("help \"a q", 8, []),
        // The cursor decides the word; what follows it is ignored.
        CompletionCase("help qu fetch", cursor: 7, 5, ["quit"]),
        CompletionCase("fet status", cursor: 3, 0, ["fetch"]),
        CompletionCase("help", cursor: 99, 0, ["help"]),
    ])
    func standardTable(_ c: CompletionCase) {
        let completer = Completer(table: .standard, data: data)
        let result = completer.complete(line: c.line, cursor: c.cursor ?? c.line.utf8.count)
        #expect(result.replaceFrom == c.replaceFrom)
        #expect(result.candidates == c.candidates)
    }

    @Test(arguments: [
        CompletionCase("show ", 5, ["250", "102", "101"]),
        CompletionCase("show 10", 5, ["102", "101"]),
        CompletionCase("show 101 ", 9, ["trace", "excerpt"]),
        CompletionCase("show 101 e", 9, ["excerpt"]),
        CompletionCase("show 101 trace ", 15, []),
    ])
    func operandSources(_ c: CompletionCase) {
        let completer = Completer(table: showTable, data: data)
        let result = completer.complete(line: c.line, cursor: c.cursor ?? c.line.utf8.count)
        #expect(result.replaceFrom == c.replaceFrom)
        #expect(result.candidates == c.candidates)
    }

    @Test func offsetsCountUTF8Bytes() {
        let completer = Completer(table: .standard, data: CompletionData(projects: { ["é/ü", "é/x"] }))
        let line = "fetch --project é/"
        let result = completer.complete(line: line, cursor: line.utf8.count)
        #expect(result.replaceFrom == 16)
        #expect(result.candidates == ["é/ü", "é/x"])
    }

    @Test func withoutDataOnlyTheTable() {
        let completer = Completer(table: .standard, data: .none)
        #expect(completer.complete(line: "fetch --project ", cursor: 16).candidates == [])
        #expect(completer.complete(line: "summary ", cursor: 8).candidates == Completer.rangeKeywords)
    }

    @Test func issueReferencesCompleteFromTheCacheOpenFirst() throws {
        let fixture = try ShellFixture()
        defer { fixture.cleanUp() }
        let store = try SQLiteCacheStore(directory: fixture.context.dotTriage)
        func issue(_ iid: Int, project: Int, state: String, updated: String) -> TriageCore.Issue {
            Issue(
                id: 9000 + iid, iid: iid, projectID: project, title: "t\(iid)", description: nil,
                state: state,
                labels: [], webURL: "https://g/i/\(iid)",
                createdAt: ShellFixture.date("2026-11-01T00:00:00Z"),
                updatedAt: ShellFixture.date(updated), closedAt: nil)
        }
        try store.upsertIssues([
            issue(45, project: 1, state: "opened", updated: "2026-11-20T00:00:00Z"),
            issue(7, project: 2, state: "closed", updated: "2026-11-28T00:00:00Z"),
            issue(46, project: 1, state: "opened", updated: "2026-11-25T00:00:00Z"),
            issue(3, project: 99, state: "opened", updated: "2026-11-28T00:00:00Z"),  // project not cached
        ])
        let completer = Completer(table: .standard, data: CompletionData.cache(fixture.context))
        let assign = "assign job 101 issue "
        #expect(
            completer.complete(line: assign, cursor: assign.utf8.count).candidates == [
                "julia/Foo.jl#46", "julia/Foo.jl#45", "tools/ci-images#7",
            ])
        let view = "issue tools/"
        let result = completer.complete(line: view, cursor: view.utf8.count)
        #expect(result.replaceFrom == 6)
        #expect(result.candidates == ["tools/ci-images#7"])
    }

    @Test func cacheDataNeverCreatesTheCache() throws {
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent(
            "triage-completion-\(UUID())")
        defer { try? FileManager.default.removeItem(at: workspace) }
        let opened = Atomic<Int>(0)
        let context = try makeContext(workspace: workspace) { _ in
            opened.add(1, ordering: .relaxed)
            throw ShellError("no cache here")
        }
        let cache = CompletionData.cache(context)
        // No .triage/ at all.
        #expect(cache.projects() == [])
        // Only the shell's history.
        try FileManager.default.createDirectory(at: context.dotTriage, withIntermediateDirectories: true)
        try Data("_HiStOrY_V2_\n".utf8).write(to: context.dotTriage.appendingPathComponent("history"))
        #expect(cache.projects() == [])
        #expect(opened.load(ordering: .relaxed) == 0)
        // A cache that cannot be opened: no candidates, no error.
        try Data().write(to: context.dotTriage.appendingPathComponent("cache.sqlite"))
        #expect(cache.projects() == [])
        #expect(cache.jobs() == [])
        #expect(cache.pipelines() == [])
        #expect(cache.nights() == [])
        #expect(opened.load(ordering: .relaxed) == 4)
    }
}

// MARK: - The interactive loop, with a scripted line reader

func makeContext(
    workspace: URL, sink: any OutputSink = CapturingSink(),
    openCache: @escaping @Sendable (URL) throws -> CachePorts = { _ in
        throw ShellError("no cache in this test")
    }
) throws -> Context {
    let environment = ShellEnvironment(
        workspace: workspace, variables: [:], now: { Date(timeIntervalSince1970: 0) }, openCache: openCache,
        makeGitLab: { _, _, _ in fatalError("no GitLab in this test") }, sink: sink, stdoutIsTerminal: false)
    return Context(environment: environment, format: .tsv, color: false)
}

/// Lines given up front; records the prompts and the threads `readLine` ran on. `interrupted()`
/// answers true on its `interruptAfter`-th call (Ctrl-C while a command runs).
final class ScriptedReader: LineReader, @unchecked Sendable {
    private let lock = NSLock()
    private var results: [LineResult]
    private var polls = 0
    private let interruptAfter: Int?
    private(set) var prompts: [String] = []
    private(set) var threads: [pthread_t] = []

    init(_ results: [LineResult], interruptAfter: Int? = nil) {
        self.results = results
        self.interruptAfter = interruptAfter
    }

    func readLine(prompt: String) -> LineResult {
        let thread = pthread_self()
        return lock.withLock {
            prompts.append(prompt)
            threads.append(thread)
            return results.isEmpty ? .endOfInput : results.removeFirst()
        }
    }

    func interrupted() -> Bool {
        lock.withLock {
            polls += 1
            return polls == interruptAfter
        }
    }
}

@Suite struct InteractiveLoopTests {
    let workspace = URL(fileURLWithPath: "/tmp/triage-interactive-test")

    @Test func runsLinesUntilEndOfInputAndKeepsGoingAfterErrors() async throws {
        let sink = CapturingSink()
        let session = Session(context: try makeContext(workspace: workspace, sink: sink))
        let reader = ScriptedReader([
            .line("help quit"), .interrupted, .line("nosuch"), .line(""), .line("help quit"),
        ])
        let status = await session.runInteractive(reader: reader)
        #expect(status == .success)
        let usage =
            "usage: quit\n\nLeave the shell (Ctrl-D does the same).\n\n"
            + "  --format FORMAT  this command's output: table, tsv or json\n\n  triage> quit\n"
        #expect(
            sink.stdout
                == "triage — workspace /tmp/triage-interactive-test — type 'help', Ctrl-D to leave\n" + usage
                + usage)
        #expect(sink.stderr == "error: unknown command 'nosuch' — type 'help' for the list of commands\n")
        #expect(reader.prompts == Array(repeating: "triage> ", count: 6))
        // One dedicated thread reads every line.
        #expect(Set(reader.threads).count == 1)
    }

    @Test func quitEndsTheShellSuccessfully() async throws {
        let session = Session(context: try makeContext(workspace: workspace))
        let reader = ScriptedReader([.line("quit"), .line("help")])
        #expect(await session.runInteractive(reader: reader) == .success)
        #expect(reader.prompts.count == 1)
    }

    @Test func ctrlCCancelsTheRunningCommandNotTheShell() async throws {
        let sink = CapturingSink()
        let table = CommandTable(commands: [
            CommandSpec(
                name: "wait", group: "Test", summary: "waits until canceled",
                run: { _, _ in
                    try await Task.sleep(for: .seconds(60))
                    return CommandOutput(text: ["not canceled"], json: .null)
                })
        ])
        let session = Session(table: table, context: try makeContext(workspace: workspace, sink: sink))
        // Poll 1 clears a stale Ctrl-C before the command; poll 3 is the watcher's second look.
        let reader = ScriptedReader([.line("wait")], interruptAfter: 3)
        let clock = ContinuousClock()
        let start = clock.now
        let status = await session.runInteractive(reader: reader, pollInterval: .milliseconds(10))
        #expect(status == .success)
        #expect(clock.now - start < .seconds(10))
        #expect(sink.stderr == "error: canceled\n")
        #expect(reader.prompts.count == 2)  // asked again after the canceled command
    }
}
