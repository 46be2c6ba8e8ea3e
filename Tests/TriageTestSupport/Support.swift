import Foundation
import GitLab
import GitLabSimulator
import Store
import TriageCore

#if canImport(Glibc)
    import Glibc
#endif

/// The night the simulated organisation ends on, and a "now" the morning after.
public let lastNight = "2026-11-28"
public let morningAfter = "2026-11-29T14:00:00Z"
// swift-format-ignore: NeverForceUnwrap
// A zone of the tz database every machine with Foundation has.
public let chicago = NightCalendar(timeZone: TimeZone(identifier: "America/Chicago")!)
public let secretToken = "glpat-E2E-s3cr3t-7f1c9a"

// swift-format-ignore: NeverForceUnwrap
// A literal ISO 8601 date: it parses.
public func morningDate() -> Date { ISO8601DateFormatter().date(from: morningAfter)! }

/// The simulated organisation of `projects` × `nights` ending on `lastNight`, answering `tokens`.
public func simulatorConfiguration(
    projects: Int = 8, nights: Int = 6, seed: UInt64 = 7, latency: Duration = .zero,
    tokens: [String: TokenScope] = [secretToken: .api]
) -> SimulatorConfiguration {
    var configuration = SimulatorConfiguration(lastNight: lastNight)
    configuration.projects = projects
    configuration.nights = nights
    configuration.seed = seed
    configuration.latency = latency
    configuration.tokens = tokens
    return configuration
}

/// A simulated GitLab on 127.0.0.1:0, stopped when the body returns.
public func withSimulator<T>(
    projects: Int = 8, nights: Int = 6, seed: UInt64 = 7, latency: Duration = .zero,
    tokens: [String: TokenScope] = [secretToken: .api],
    _ body: (SimulatedGitLab, URL) async throws -> T
) async throws -> T {
    let simulator = SimulatedGitLab(
        configuration: simulatorConfiguration(
            projects: projects, nights: nights, seed: seed, latency: latency, tokens: tokens))
    let url = try await simulator.start()
    do {
        let result = try await body(simulator, url)
        await simulator.stop()
        return result
    } catch {
        await simulator.stop()
        throw error
    }
}

/// A new empty directory under the system's temp directory.
public func temporaryDirectory(_ name: String = "triage-e2e") throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Writes a workspace config pointing at the simulator.
public func makeWorkspace(url: URL, nights: Int = 6) throws -> URL {
    let workspace = try temporaryDirectory()
    var config = WorkspaceConfig()
    config.gitlabURL = url.absoluteString
    config.timeZone = "America/Chicago"
    config.nights = nights
    try Data(config.rendered().utf8).write(to: workspace.appendingPathComponent("triage.toml"))
    return workspace
}

/// The built `triage` executable, beside the test bundle.
public func triageBinary() throws -> URL {
    let candidates = [
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
            "triage"),
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/triage"),
    ]
    for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
        return candidate
    }
    throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: candidates[0].path])
}

public struct Transcript: Sendable {
    public var stdout: String
    public var stderr: String
    public var status: Int32

    public init(stdout: String, stderr: String, status: Int32) {
        self.stdout = stdout
        self.stderr = stderr
        self.status = status
    }
}

/// Runs blocking work (waiting for a process, `system()`) on a dispatch thread: Swift's
/// cooperative pool has one thread per core, and a test blocking it stalls every other test,
/// the in-process simulator included.
public func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
    }
}

public struct ProcessTimedOut: Error, CustomStringConvertible {
    public var seconds: TimeInterval
    public init(seconds: TimeInterval) { self.seconds = seconds }
    public var description: String { "triage did not finish in \(seconds) s" }
}

/// Runs the real `triage` binary with arguments, environment additions and optional stdin.
public func runTriage(
    _ arguments: [String], workspace: URL? = nil, environment: [String: String] = [:], stdin: String? = nil,
    timeout: TimeInterval = 120
) async throws -> Transcript {
    let process = try startTriage(arguments, workspace: workspace, environment: environment, stdinText: stdin)
    return try await process.finish(timeout: timeout)
}

public final class RunningTriage: @unchecked Sendable {
    public let process: Process
    public let stdoutURL: URL
    public let stderrURL: URL

    init(process: Process, stdoutURL: URL, stderrURL: URL) {
        self.process = process
        self.stdoutURL = stdoutURL
        self.stderrURL = stderrURL
    }

    public func finish(timeout: TimeInterval) async throws -> Transcript {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning {
            process.terminate()
            try await offPool { [process] in process.waitUntilExit() }
            throw ProcessTimedOut(seconds: timeout)
        }
        try await offPool { [process] in process.waitUntilExit() }
        let out = (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: stdoutURL.deletingLastPathComponent())
        return Transcript(stdout: out, stderr: err, status: process.terminationStatus)
    }

    public func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }
}

public func startTriage(
    _ arguments: [String], workspace: URL? = nil, environment: [String: String] = [:],
    stdinText: String? = nil
) throws -> RunningTriage {
    let process = Process()
    process.executableURL = try triageBinary()
    process.arguments = (workspace.map { ["--workspace", $0.path] } ?? []) + arguments
    var env = ProcessInfo.processInfo.environment
    for key in [
        "GITLAB_TOKEN", "GITLAB_ACCESS_TOKEN", "CI_JOB_TOKEN", "GITLAB_URL", "CI_SERVER_URL", "NO_COLOR",
    ] {
        env[key] = nil
    }
    env["TRIAGE_NOW"] = morningAfter
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let dir = try temporaryDirectory("triage-io")
    let stdoutURL = dir.appendingPathComponent("stdout")
    let stderrURL = dir.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
    process.standardError = try FileHandle(forWritingTo: stderrURL)
    let stdinURL = dir.appendingPathComponent("stdin")
    _ = FileManager.default.createFile(atPath: stdinURL.path, contents: Data((stdinText ?? "").utf8))
    process.standardInput = try FileHandle(forReadingFrom: stdinURL)
    try process.run()
    return RunningTriage(process: process, stdoutURL: stdoutURL, stderrURL: stderrURL)
}

/// A sync through the real client over HTTP into a real SQLite cache.
public func syncDirectly(
    url: URL, workspace: URL, token: String = secretToken, nights: Int = 6,
    transport: HTTPTransport? = nil
) async throws -> (SyncReport, SQLiteCacheStore, GitLabClient) {
    let client = GitLabClient(
        baseURL: url, token: token, transport: transport ?? URLSessionTransport.make(maxConnections: 16),
        concurrency: 16)
    let store = try SQLiteCacheStore(directory: workspace.appendingPathComponent(".triage"))
    let syncer = Syncer(source: client, store: { store }, calendar: chicago, now: { morningDate() })
    let report = try await syncer.run(SyncOptions(scope: .membership, nights: nights))
    return (report, store, client)
}

/// Every file under a directory, recursively.
public func allFiles(under root: URL) -> [URL] {
    guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
        return []
    }
    return walker.compactMap { $0 as? URL }.filter {
        (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
    }
}

extension Data {
    public func contains(_ text: String) -> Bool { range(of: Data(text.utf8)) != nil }
}
