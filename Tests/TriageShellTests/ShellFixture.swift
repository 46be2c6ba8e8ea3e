import Foundation
import Store
import TriageCore
@testable import TriageShell

/// Captures what a session prints.
final class CapturingSink: OutputSink, @unchecked Sendable {
    private let lock = NSLock()
    private var out = ""
    private var err = ""
    private(set) var raw = Data()

    var stdout: String { lock.withLock { out } }
    var stderr: String { lock.withLock { err } }

    func write(_ text: String) { lock.withLock { out += text } }
    func writeError(_ text: String) { lock.withLock { err += text } }
    func status(_ line: String?) {}
    func writeRaw(_ data: Data) { lock.withLock { raw.append(data) } }
    /// Forgets what was captured so far.
    func clear() {
        lock.withLock {
            out = ""; err = ""; raw = Data()
        }
    }
}

/// A GitLab that is never reached: commands under test must not go to the network.
struct UnreachableSource: CompleteGitLab {
    func fail() -> RemoteError { RemoteError(kind: .unreachable, method: "GET", url: "http://test.invalid") }
    func projects(in scope: ProjectScope) async throws -> [Project] { throw fail() }
    func pipelines(projectID: Int, source: String?, updatedAfter: Date?, createdAfter: Date?) async throws
        -> [Pipeline]
    {
        throw fail()
    }
    func jobs(projectID: Int, pipelineID: Int) async throws -> [Job] { throw fail() }
    func trace(projectID: Int, jobID: Int) async throws -> Data { throw fail() }
    func issues(projectID: Int, updatedAfter: Date?) async throws -> [Issue] { throw fail() }
    var requestCount: Int { 0 }
    func issue(projectPath: String, iid: Int) async throws -> Issue { throw fail() }
    func postNote(projectID: Int, issueIID: Int, body: String) async throws { throw fail() }
    func currentUser() async throws -> String { throw fail() }
    func compare(projectID: Int, from: String, to: String) async throws -> CommitRange { throw fail() }
}

/// A workspace in a temp directory with a small cache: two projects, three nights
/// (2026-11-26..28 in America/Chicago), "now" the morning after.
struct ShellFixture {
    let root: URL
    let sink = CapturingSink()
    let context: Context
    let session: Session
    /// Pages shown through the injected pager.
    let paged: PagedLog

    final class PagedLog: @unchecked Sendable {
        private let lock = NSLock()
        private var pages: [Data] = []
        func append(_ data: Data) { lock.withLock { pages.append(data) } }
        var count: Int { lock.withLock { pages.count } }
    }

    /// - Parameters:
    ///   - now: the session's clock (ISO 8601); the default is the morning after the cache's last night.
    ///   - assignments: give the session the workspace's `assignments.json` (else none).
    init(
        filled: Bool = true, pager: Bool = false, now nowText: String = "2026-11-29T14:00:00Z",
        assignments: Bool = false
    ) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "shell-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try Data("[nightly]\ntimezone = \"America/Chicago\"\n".utf8).write(
            to: root.appendingPathComponent("triage.toml"))
        if filled { try Self.fill(SQLiteCacheStore(directory: root.appendingPathComponent(".triage"))) }
        let log = PagedLog()
        paged = log
        let now = ISO8601DateFormatter().date(from: nowText) ?? Date()
        let page: Pager = { data in
            log.append(data)
            return true
        }
        let open: @Sendable (URL) throws -> CachePorts = { directory in
            CachePorts(try SQLiteCacheStore(directory: directory))
        }
        let source: @Sendable (URL, String?, Int) -> GitLabPorts = { _, _, _ in
            GitLabPorts(UnreachableSource())
        }
        let book: @Sendable (URL, URL) -> any AssignmentBook = { workspace, scratch in
            assignments
                ? AssignmentsFile(url: workspace.appendingPathComponent("assignments.json"), scratch: scratch)
                : NoAssignmentBook()
        }
        let environment = ShellEnvironment(
            workspace: root, variables: [:], now: { now }, openCache: open, makeGitLab: source, sink: sink,
            stdoutIsTerminal: pager, pager: pager ? page : nil, makeAssignmentBook: book)
        context = Context(environment: environment, format: .tsv, color: false)
        session = Session(context: context)
    }

    func cleanUp() { try? FileManager.default.removeItem(at: root) }

    /// Runs lines as a script; returns the exit status.
    func run(_ lines: String, keepGoing: Bool = false, file: String? = nil) async -> ExitStatus {
        await session.run(script: Session.lines(of: lines, file: file), keepGoing: keepGoing, echo: false)
    }

    static func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text) ?? .distantPast }

    static func fill(_ store: SQLiteCacheStore) throws {
        try store.upsertProjects([
            Project(id: 1, path: "julia/Foo.jl", name: "Foo.jl", webURL: "https://g/julia/Foo.jl"),
            Project(id: 2, path: "tools/ci-images", name: "ci-images", webURL: "https://g/tools/ci-images"),
        ])
        let nights = [
            ("2026-11-26", "2026-11-27T06:00:00Z"), ("2026-11-27", "2026-11-28T06:00:00Z"),
            ("2026-11-28", "2026-11-29T06:00:00Z"),
        ]
        var id = 100
        for (n, (night, created)) in nights.enumerated() {
            for project in [1, 2] {
                id += 1
                let pipelineID = id
                let fooFails = project == 1 && n >= 1
                let pipeline = Pipeline(
                    id: pipelineID, iid: n, projectID: project, sha: "abcdef0123456789", ref: "main",
                    status: fooFails ? .failed : .success, source: "schedule", createdAt: date(created),
                    updatedAt: date(created).addingTimeInterval(600), webURL: "https://g/p/\(pipelineID)")
                var jobs: [Job] = []
                func job(_ name: String, _ stage: String, _ status: Status, allow: Bool = false) {
                    let jobID = pipelineID * 10 + jobs.count
                    jobs.append(
                        Job(
                            id: jobID, pipelineID: pipelineID, projectID: project, name: name, stage: stage,
                            status: status,
                            failureReason: status == .failed ? "script_failure" : nil, allowFailure: allow,
                            createdAt: date(created), startedAt: date(created).addingTimeInterval(10),
                            finishedAt: date(created).addingTimeInterval(310), duration: 300,
                            webURL: "https://g/jobs/\(jobID)", commitSHA: "abcdef0123456789",
                            commitTitle: "Bump"))
                }
                job("build", "build", .success)
                job("test-1.10", "test", fooFails ? .failed : .success)
                job("nightly", "test", project == 2 ? .failed : .success, allow: true)
                try store.storePipeline(pipeline, night: night, jobs: Job.numberingAttempts(jobs))
                if fooFails {
                    let trace =
                        "section_start:1:step_script\r\u{1B}[0K\u{1B}[31mRunning tests\u{1B}[0m\nTest Summary: | Fail\nERROR: LoadError: Some tests did not pass\nsection_end:2:step_script\r\u{1B}[0K\n"
                    try store.storeTrace(jobID: pipelineID * 10 + 1, data: Data(trace.utf8))
                }
            }
        }
    }
}
