// The `triage` executable: parses its flags, wires the adapters (GitLab client, SQLite cache,
// terminal streams, and for `triage demo` the simulated GitLab) into the shell, and exits with
// the session's status. Nothing else lives here.
import Dashboard
import Foundation
import GitLab
import GitLabSimulator
import LineEditor
import Store
import TriageCore
import TriageShell

#if canImport(Glibc)
    import Glibc
#endif

func fail(_ message: String, status: ExitStatus) -> Never {
    FileHandle.standardError.write(Data("triage: \(message)\n".utf8))
    exit(status.rawValue)
}

let invocation: Invocation
do {
    invocation = try Invocation.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    fail("\(error.message)\n\(Invocation.usage)", status: .usage)
}
if invocation.help {
    print(Invocation.usage)
    exit(0)
}
if invocation.version {
    print("triage 0.1.0")
    exit(0)
}

var variables = ProcessInfo.processInfo.environment
// TRIAGE_NOW pins the clock (ISO-8601), so transcripts of "last night" are reproducible in tests.
let pinnedNow: Date? = variables["TRIAGE_NOW"].flatMap { ISO8601DateFormatter().date(from: $0) }
let now: @Sendable () -> Date = { pinnedNow ?? Date() }
let stdinIsTerminal = isatty(STDIN_FILENO) == 1
let stdoutIsTerminal = isatty(STDOUT_FILENO) == 1
let stderrIsTerminal = isatty(STDERR_FILENO) == 1

// Script lines, read up front so that a missing file is a usage error before anything runs.
var lines: [ScriptLine] = []
for source in invocation.sources {
    switch source {
    case .command(let text):
        lines.append(ScriptLine(file: nil, line: 1, text: text))
    case .file(let path):
        guard let data = FileManager.default.contents(atPath: path) else {
            fail("cannot read script file '\(path)'", status: .usage)
        }
        lines += Session.lines(of: String(decoding: data, as: UTF8.self), file: path)
    }
}

var workspace = URL(
    fileURLWithPath: invocation.workspace ?? variables["TRIAGE_WORKSPACE"]
        ?? FileManager.default.currentDirectoryPath,
    isDirectory: true)
// A named workspace that does not exist is a typo until proven otherwise: only a first `fetch`
// creates one, and says so.
if !invocation.demo, let named = invocation.workspace ?? variables["TRIAGE_WORKSPACE"],
    !FileManager.default.fileExists(atPath: workspace.path)
{
    let first = invocation.words.first ?? lines.lazy.compactMap { try? Lexer.words($0.text).first }.first
    guard first == "fetch" else {
        fail(
            "workspace '\(named)' does not exist — check --workspace (or TRIAGE_WORKSPACE); "
                + "'triage --workspace \(named) fetch' creates it", status: .usage)
    }
    do {
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
    } catch {
        fail("cannot create workspace '\(named)': \(error.localizedDescription)", status: .usage)
    }
    FileHandle.standardError.write(Data("note: created workspace \(workspace.path)\n".utf8))
}
var simulator: SimulatedGitLab?
/// The demo's temporary workspace, removed at the end (nil with `demo --keep DIR`).
var demoDirectory: URL?
var fetchCanceledHint: String?
/// `triage demo` on a terminal without commands: after its fetch and listing, the shell.
let demoEndsInShell =
    invocation.demo && lines.isEmpty && invocation.words.isEmpty && stdinIsTerminal && stdoutIsTerminal

if invocation.demo {
    // A simulated GitLab on 127.0.0.1 and a temporary workspace pointing at it.
    let zone = "America/Chicago"
    let calendar = NightCalendar(timeZone: TimeZone(identifier: zone) ?? .current)
    let token = "glpat-demo-\(UUID().uuidString.prefix(8).lowercased())"
    var configuration = SimulatorConfiguration(lastNight: calendar.lastNight(now: now()))
    configuration.tokens = [token: .api]
    let sim = SimulatedGitLab(configuration: configuration)
    let url: URL
    do { url = try await sim.start() } catch {
        fail("could not start the simulated GitLab: \(error)", status: .stopped)
    }
    simulator = sim
    // `--keep DIR`: DIR is the workspace and stays; a second `demo --keep DIR` fetches into the
    // same cache (the organisation is generated the same), so only what is new comes.
    let directory =
        invocation.keep.map { URL(fileURLWithPath: $0, isDirectory: true) }
        ?? FileManager.default.temporaryDirectory.appendingPathComponent("triage-demo-\(UUID().uuidString)")
    do {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let configURL = directory.appendingPathComponent(WorkspaceConfig.fileName)
        var config =
            FileManager.default.contents(atPath: configURL.path).flatMap {
                try? WorkspaceConfig.parse(String(decoding: $0, as: UTF8.self))
            } ?? WorkspaceConfig()
        // The simulated GitLab's port is new each run.
        config.gitlabURL = url.absoluteString
        config.timeZone = zone
        config.nights = configuration.nights
        try Data(config.rendered().utf8).write(to: directory.appendingPathComponent(WorkspaceConfig.fileName))
    } catch {
        fail("could not create the demo workspace: \(error)", status: .stopped)
    }
    if let keep = invocation.keep {
        fetchCanceledHint =
            "the cache in \(keep) is consistent; 'triage demo --keep \(keep)' continues where it stopped"
    } else {
        demoDirectory = directory
        fetchCanceledHint =
            "the demo removes its workspace when it ends: run 'triage demo' again (with --keep DIR to keep the cache)"
    }
    workspace = directory
    variables["GITLAB_URL"] = nil
    variables["GITLAB_TOKEN"] = token
    FileHandle.standardError.write(
        Data("demo: simulated GitLab at \(url.absoluteString), workspace \(directory.path)\n".utf8))
    // Last night by kind of failure (NEW, flaky, issue, key line), not a flat list of jobs.
    let run = lines.isEmpty && invocation.words.isEmpty ? ["fetch", "failures last-night"] : ["fetch"]
    lines = run.map { ScriptLine(file: nil, line: 1, text: $0) } + lines
}

let secrets = ShellEnvironment.secretVariables.compactMap { variables[$0] }
let sink = StandardStreams(secrets: secrets, statusEnabled: stderrIsTerminal)
var environment = ShellEnvironment(
    workspace: workspace, variables: variables, now: now,
    openCache: { directory in CachePorts(try SQLiteCacheStore(directory: directory)) },
    makeGitLab: { url, token, concurrency in
        GitLabPorts(
            GitLabClient(
                baseURL: url, token: token, transport: URLSessionTransport.make(maxConnections: concurrency),
                concurrency: concurrency))
    },
    sink: sink, stdoutIsTerminal: stdoutIsTerminal,
    pager: stdoutIsTerminal ? SystemPager.make(command: variables["PAGER"]) : nil,
    exportDashboard: { request in
        do {
            let builder = DashboardBuilder(
                cache: request.cache, source: request.source, calendar: request.calendar)
            return try builder.export(
                assignments: FileManager.default.contents(atPath: request.assignments.path),
                assignmentsPath: request.assignments.path, to: request.folder, masker: request.masker)
        } catch let error as DashboardError {
            throw ShellError(error.description)
        }
    },
    serveDashboard: { site, assignments, port, started in
        do {
            let server = try DashboardServer(site: site, assignments: assignments, port: UInt16(port))
            try await server.run(started: started)
        } catch let error as DashboardError {
            throw ShellError(error.description)
        } catch {
            // Ctrl-C cancels the task: the server stops however it reports it.
            if Task.isCancelled || error is CancellationError { throw CancellationError() }
            throw ShellError("cannot serve on 127.0.0.1:\(port): \(error)", hint: "try another --port")
        }
    },
    makeAssignmentBook: { workspace, scratch in
        AssignmentsFile(url: workspace.appendingPathComponent("assignments.json"), scratch: scratch)
    })
if let fetchCanceledHint { environment.fetchCanceledHint = fetchCanceledHint }
environment.terminalColumns = {
    guard stdoutIsTerminal else { return nil }
    var size = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
    return Int(size.ws_col)
}
// A pager quit early, or `triage … | head`, closes the pipe: writes then fail instead of killing us.
signal(SIGPIPE, SIG_IGN)
let color: Bool =
    switch invocation.color {
    case .always: true
    case .never: false
    case .auto: stdoutIsTerminal && (variables["NO_COLOR"] ?? "").isEmpty
    }
let context = Context(
    environment: environment,
    format: invocation.format ?? (stdoutIsTerminal || invocation.demo ? .table : .tsv),
    color: color)
let session = Session(context: context)

// Ctrl-C cancels the running command; the session then stops cleanly.

let status: ExitStatus
if !lines.isEmpty || !invocation.words.isEmpty {
    let task = Task {
        if !lines.isEmpty {
            let status = await session.run(
                script: lines, keepGoing: invocation.keepGoing, echo: invocation.echo)
            if status != .success || invocation.words.isEmpty { return status }
        }
        switch await session.run(words: invocation.words) {
        case .ok, .quit: return ExitStatus.success
        case .noData: return ExitStatus.noData
        case .failed: return ExitStatus.stopped
        case .usage: return ExitStatus.usage
        case .canceled: return ExitStatus.interrupted
        }
    }
    Interrupts.install()
    Interrupts.cancel(task)
    let scripted = await task.value
    if demoEndsInShell, scripted == .success {
        sink.write(context.demoSuggestions().map { $0 + "\n" }.joined())
        status = await interactive()
    } else {
        status = scripted
    }
} else if stdinIsTerminal {
    status = await interactive()
} else {
    let data = FileHandle.standardInput.readDataToEndOfFile()
    let script = Session.lines(of: String(decoding: data, as: UTF8.self), file: "<stdin>")
    let task = Task {
        await session.run(script: script, keepGoing: invocation.keepGoing, echo: invocation.echo)
    }
    Interrupts.install()
    Interrupts.cancel(task)
    status = await task.value
}

if let simulator { await simulator.stop() }
if let demoDirectory { try? FileManager.default.removeItem(at: demoDirectory) }
if invocation.demo, let keep = invocation.keep {
    FileHandle.standardError.write(
        Data(
            ("demo: the workspace stays in \(keep): 'triage --workspace \(keep)' reads its cache; "
                + "'triage demo --keep \(keep)' fetches into it again\n").utf8))
}
exit(status.rawValue)

/// The interactive shell: libedit on its own thread, with its own SIGINT handler (installed when
/// the editor is made, so after a demo's scripted part it replaces the scripts' one).
func interactive() async -> ExitStatus {
    let completer = Completer(table: session.table, data: .cache(context))
    let editor = LineEditor(
        historyFile: context.dotTriage.appendingPathComponent("history"),
        completer: { line, cursor in completer.complete(line: line, cursor: cursor) })
    return await session.runInteractive(reader: TerminalReader(editor: editor))
}

/// The libedit line editor as the shell's line source.
struct TerminalReader: LineReader {
    let editor: LineEditor

    func readLine(prompt: String) -> LineResult {
        switch editor.readLine(prompt: prompt) {
        case .line(let text): .line(text)
        case .interrupted: .interrupted
        case .endOfInput: .endOfInput
        }
    }

    func interrupted() -> Bool { editor.interrupted() }
}
