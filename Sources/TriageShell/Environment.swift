import Foundation
import TriageCore

/// Where text goes. The real one writes stdout/stderr; tests capture it. Every string passes
/// through `redact` first, so a secret that slipped into a message is masked on the way out.
public protocol OutputSink: Sendable {
    func write(_ text: String)
    func writeError(_ text: String)
    /// A transient status line (progress); nil clears it. Shown only on a terminal.
    func status(_ line: String?)
    /// Bytes to stdout as they are (`trace --raw`), secrets still masked.
    func writeRaw(_ data: Data)
}

extension OutputSink {
    /// A sink that only takes text gets the bytes decoded (invalid UTF-8 as U+FFFD).
    public func writeRaw(_ data: Data) { write(String(decoding: data, as: UTF8.self)) }
}

/// Shows long output a screen at a time (`$PAGER`, default `less -R -K`). The executable injects
/// one only when stdout is a terminal; tests never get a real one. Returns false when the pager
/// could not run (the output then goes to the sink).
public typealias Pager = @Sendable (_ data: Data) -> Bool

/// What `export` asks of the dashboard generator.
public struct DashboardExportRequest: Sendable {
    public var cache: CachePorts
    /// Pipeline source counted as nightly (nil: every source).
    public var source: String?
    /// The workspace's `assignments.json` (may be missing).
    public var assignments: URL
    /// The folder to write (`public/` by default).
    public var folder: URL
    /// The workspace's nights (its time zone): the ranking's window and issues' closing nights.
    public var calendar: NightCalendar
    /// Applied to every file written: a trace that echoes the token must not publish it.
    public var masker: SecretMasker = .none
}

/// Writes the static dashboard. The executable wires it to the `Dashboard` module.
public typealias DashboardExporting = @Sendable (DashboardExportRequest) throws -> DashboardExportSummary
/// Serves a site folder on 127.0.0.1:`port` (0: any free port) until the task is canceled, with
/// the workspace's live `assignments.json`; calls `started` with the URL once listening.
public typealias DashboardServing =
    @Sendable (
        _ site: URL, _ assignments: URL, _ port: Int, _ started: @escaping @Sendable (URL) -> Void
    ) async throws -> Void

/// The effects the shell needs, injected by the executable (STYLE: effects at the edges).
public struct ShellEnvironment: Sendable {
    /// The workspace directory (holds `triage.toml`, `.triage/`, `assignments.json`).
    public var workspace: URL
    /// Environment variables (GITLAB_URL, GITLAB_TOKEN, …).
    public var variables: [String: String]
    public var now: @Sendable () -> Date
    /// Opens the cache in `.triage/` (created when missing), every port served.
    public var openCache: @Sendable (URL) throws -> CachePorts
    /// Makes a GitLab client for an instance root URL and a token, every port served.
    public var makeGitLab: @Sendable (_ baseURL: URL, _ token: String?, _ concurrency: Int) -> GitLabPorts
    public var sink: any OutputSink
    /// Whether stdout is a terminal (decides table vs tsv and colour).
    public var stdoutIsTerminal: Bool
    /// The pager for long output; nil when stdout is not a terminal.
    public var pager: Pager?
    /// `export`: writes the static dashboard (unavailable unless the executable wires it).
    public var exportDashboard: DashboardExporting = { _ in
        throw ShellFailure.notInThisBuild("export")
    }
    /// `serve`: serves the exported dashboard (unavailable unless the executable wires it).
    public var serveDashboard: DashboardServing = { _, _, _, _ in
        throw ShellFailure.notInThisBuild("serve")
    }
    /// Opens `assignments.json` of a workspace, with its lock in the scratch directory (`.triage/`).
    public var makeAssignmentBook: @Sendable (_ workspace: URL, _ scratch: URL) -> any AssignmentBook

    /// The terminal's width in columns when stdout is a terminal, asked on every use (the window
    /// may be resized); nil in a pipe, where output stays whole.
    public var terminalColumns: @Sendable () -> Int? = { nil }
    /// What a canceled `fetch` advises: "run 'fetch' again", unless the workspace will not outlive
    /// this run (`triage demo` removes its own).
    public var fetchCanceledHint = "the cache is consistent; run 'fetch' again to continue where it stopped"

    public init(
        workspace: URL, variables: [String: String], now: @escaping @Sendable () -> Date,
        openCache: @escaping @Sendable (URL) throws -> CachePorts,
        makeGitLab: @escaping @Sendable (URL, String?, Int) -> GitLabPorts,
        sink: any OutputSink, stdoutIsTerminal: Bool, pager: Pager? = nil,
        exportDashboard: DashboardExporting? = nil, serveDashboard: DashboardServing? = nil,
        makeAssignmentBook: @escaping @Sendable (URL, URL) -> any AssignmentBook = { _, _ in
            NoAssignmentBook()
        }
    ) {
        self.pager = pager
        if let exportDashboard { self.exportDashboard = exportDashboard }
        if let serveDashboard { self.serveDashboard = serveDashboard }
        self.makeAssignmentBook = makeAssignmentBook
        self.workspace = workspace
        self.variables = variables
        self.now = now
        self.openCache = openCache
        self.makeGitLab = makeGitLab
        self.sink = sink
        self.stdoutIsTerminal = stdoutIsTerminal
    }

    /// The variables that hold secrets: never printed, never written.
    public static let secretVariables = ["GITLAB_TOKEN", "GITLAB_ACCESS_TOKEN", "CI_JOB_TOKEN"]

    /// Masks every secret of the environment; the one rule for every writer (terminal, pager,
    /// JSON, export).
    public var masker: SecretMasker {
        SecretMasker(secrets: Self.secretVariables.compactMap { variables[$0] })
    }

    /// A token variable that is set but cannot be a token: empty, or with surrounding whitespace
    /// (`export GITLAB_TOKEN=$(cat file)` keeps a trailing newline and GitLab answers 401).
    /// Each gets its own sentence, which names the variable and never the value.
    public var tokenProblem: ShellError? {
        for name in Self.secretVariables {
            guard let value = variables[name] else { continue }
            if value.isEmpty {
                return ShellError(
                    "\(name) is set but empty",
                    hint: "put a personal access token in it, or unset it to see only public projects")
            }
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty {
                return ShellError("\(name) holds only whitespace", hint: "put a personal access token in it")
            }
            if trimmed != value {
                let what = value.last?.isNewline == true ? "ends with a newline" : "has spaces around it"
                return ShellError(
                    "\(name) \(what), which GitLab would reject",
                    hint: "strip it, e.g. export \(name)=\"$(tr -d '[:space:]' < FILE)\"")
            }
            return nil
        }
        return nil
    }

    /// The token from the environment, in order of preference.
    public var token: String? {
        for name in ["GITLAB_TOKEN", "GITLAB_ACCESS_TOKEN", "CI_JOB_TOKEN"] {
            if let value = variables[name], !value.isEmpty { return value }
        }
        return nil
    }
}

/// Everything a running command may use. One per session; the cache is opened on first use.
public final class Context: @unchecked Sendable {
    public let environment: ShellEnvironment
    public var format: OutputFormat
    public var color: Bool
    /// `set pager never` turns the pager off for the session.
    public var pagerEnabled = true
    /// Set by a command whose nights reach past the cache: the answer is then
    /// written as "no data", and the line's outcome is `.noData`. Cleared before each command.
    var noData: NoData?
    private var assignmentsWarned = false

    /// True the first time only: a broken `assignments.json` is warned about once a session.
    func claimAssignmentsWarning() -> Bool {
        lock.withLock {
            defer { assignmentsWarned = true }
            return !assignmentsWarned
        }
    }
    private let lock = NSLock()
    private var openedCache: CachePorts?
    private var cachedConfig: WorkspaceConfig?

    public init(environment: ShellEnvironment, format: OutputFormat, color: Bool) {
        self.environment = environment
        self.format = format
        self.color = color
    }

    public var sink: any OutputSink { environment.sink }
    public var now: Date { environment.now() }

    public var dotTriage: URL { environment.workspace.appendingPathComponent(".triage", isDirectory: true) }

    /// The workspace configuration; defaults when there is no `triage.toml`.
    public func config() throws -> WorkspaceConfig {
        try lock.withLock {
            if let cachedConfig { return cachedConfig }
            let url = environment.workspace.appendingPathComponent(WorkspaceConfig.fileName)
            var config = WorkspaceConfig()
            if FileManager.default.fileExists(atPath: url.path) {
                let data = try Data(contentsOf: url)
                guard let text = String(data: data, encoding: .utf8) else {
                    throw ShellError("\(url.path) is not UTF-8 text", hint: "fix or remove the file")
                }
                config = try WorkspaceConfig.parse(text)
            }
            cachedConfig = config
            return config
        }
    }

    /// The cache's ports, opened on first use.
    public func cache() throws -> CachePorts {
        try lock.withLock {
            if let openedCache { return openedCache }
            let cache = try environment.openCache(dotTriage)
            openedCache = cache
            return cache
        }
    }

    /// The cache's sync writes and listing queries.
    public func store() throws -> any CacheStore { try cache().store }

    public func calendar() throws -> NightCalendar {
        let config = try config()
        let zone = config.timeZone.flatMap(TimeZone.init(identifier:)) ?? TimeZone.current
        return NightCalendar(timeZone: zone)
    }

    /// The GitLab instance root: GITLAB_URL, else triage.toml, else CI_SERVER_URL.
    public func gitlabURL() throws -> URL {
        let vars = environment.variables
        let configured = try config().gitlabURL
        let chosen: (text: String, from: String, bare: String)? =
            if let text = vars["GITLAB_URL"].flatMap({ $0.isEmpty ? nil : $0 }) {
                (text, "GITLAB_URL", "GITLAB_URL")
            } else if let configured {
                (configured, "triage.toml's [gitlab] url", "triage.toml")
            } else if let text = vars["CI_SERVER_URL"].flatMap({ $0.isEmpty ? nil : $0 }) {
                (text, "CI_SERVER_URL", "CI_SERVER_URL")
            } else {
                nil
            }
        guard let (text, from, bare) = chosen else {
            throw ShellFailure.noGitLab
        }
        // Credentials in the URL would be printed with it in every error: refused, never shown.
        let shown = withoutCredentials(text)
        if shown != text || URL(string: text).map({ $0.user != nil || $0.password != nil }) == true {
            throw ShellError(
                "\(from) carries credentials (\(shown))",
                hint: "put the token in GITLAB_TOKEN and the bare URL in \(bare)")
        }
        guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme),
            url.host != nil
        else {
            throw ShellError(
                "'\(text)' is not a GitLab URL",
                hint: "use the instance root, like https://gitlab.example.com")
        }
        return url
    }

    /// Aligned tables are laid out to the terminal's width; TSV and JSON stay whole.
    func renderer(_ format: OutputFormat) -> Renderer {
        Renderer(format: format, color: color, width: format == .table ? environment.terminalColumns() : nil)
    }

    /// Renders a command's output in the session's format, or in `format` when given.
    func write(_ output: CommandOutput, format: OutputFormat? = nil) {
        let format = format ?? self.format
        if let noData {
            // Not an empty answer: a script reading the JSON gets an object that says which
            // nights are missing and why, with what the cache did have under `records`.
            if format == .json {
                sink.write(noData.json(records: output.json).rendered() + "\n")
                return
            }
            if !noData.allMissing {
                let text = renderer(format).render(output)
                sink.write(text)
            }
            sink.write(noData.message + "\n")
            return
        }
        if format != .json, let raw = output.raw {
            if output.paged, pagerEnabled, let pager = environment.pager, pager(environment.masker.mask(raw))
            {
                return
            }
            sink.writeRaw(raw)
            return
        }
        let text = renderer(format).render(output)
        if text.isEmpty { return }
        if output.paged, format != .json, pagerEnabled, let pager = environment.pager,
            pager(Data(environment.masker.mask(text).utf8))
        {
            return
        }
        sink.write(text)
    }
}
