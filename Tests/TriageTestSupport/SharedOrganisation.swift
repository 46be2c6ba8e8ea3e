import Foundation
import GitLabSimulator

/// A simulated organisation fetched once per test process by the real `triage fetch`, for the
/// tests that read a fetched cache without needing their own first fetch. Each test works on its
/// own copy of the fetched workspace (`copy()`), so what one test writes no other test sees; the
/// simulator keeps running until the process exits, so a copy can fetch again.
///
/// Tests that change the simulator (`advance(nights:)`, posting comments) or check a first
/// fetch's own lines start their own simulator with `withSimulator` instead. Counters on the
/// shared simulator (`requests`) grow across tests: compare before and after.
public struct FetchedOrganisation: Sendable {
    public let simulator: SimulatedGitLab
    public let url: URL
    /// The first fetch (`fetch --format json`), as `triage` printed it.
    public let fetch: Transcript
    /// The requests the simulator answered during that fetch.
    public let fetchRequests: [SimulatedRequest]
    /// The fetched workspace, never handed out: `copy()` gives a test its own.
    let template: URL

    /// A new workspace holding what the first fetch wrote (`triage.toml`, `.triage/`).
    public func copy() throws -> URL {
        let workspace = try temporaryDirectory()
        let files = FileManager.default
        for item in try files.contentsOfDirectory(atPath: template.path) {
            try files.copyItem(
                at: template.appendingPathComponent(item), to: workspace.appendingPathComponent(item))
        }
        return workspace
    }

    /// The organisation of `projects` × `nights` (seed 7, ending on `lastNight`), fetched with
    /// a workspace looking back `nights` nights.
    public static func shared(projects: Int = 8, nights: Int = 6) async throws -> FetchedOrganisation {
        try await Registry.shared.organisation(projects: projects, nights: nights)
    }
}

/// What the fetch of a shared organisation failed with.
public struct SharedFetchFailed: Error, CustomStringConvertible {
    public var transcript: Transcript
    public var description: String {
        "the shared organisation's fetch exited with \(transcript.status): \(transcript.stderr)"
    }
}

private actor Registry {
    static let shared = Registry()
    private var fetched: [String: Task<FetchedOrganisation, any Error>] = [:]

    func organisation(projects: Int, nights: Int) async throws -> FetchedOrganisation {
        let key = "\(projects)x\(nights)"
        if let task = fetched[key] { return try await task.value }
        let task = Task { try await Self.fetch(projects: projects, nights: nights) }
        fetched[key] = task
        return try await task.value
    }

    private static func fetch(projects: Int, nights: Int) async throws -> FetchedOrganisation {
        let simulator = SimulatedGitLab(
            configuration: simulatorConfiguration(projects: projects, nights: nights))
        let url = try await simulator.start()
        let workspace = try makeWorkspace(url: url, nights: nights)
        let fetch = try await runTriage(
            ["fetch", "--format", "json"], workspace: workspace, environment: ["GITLAB_TOKEN": secretToken],
            timeout: 600)
        guard fetch.status == 0 else { throw SharedFetchFailed(transcript: fetch) }
        return FetchedOrganisation(
            simulator: simulator, url: url, fetch: fetch, fetchRequests: simulator.requests,
            template: workspace)
    }
}

/// Runs `body` on a fresh copy of the shared organisation's fetched workspace, removed after.
public func withFetchedOrganisation<T>(
    projects: Int = 8, nights: Int = 6, _ body: (FetchedOrganisation, URL) async throws -> T
) async throws -> T {
    let shared = try await FetchedOrganisation.shared(projects: projects, nights: nights)
    let workspace = try shared.copy()
    defer { try? FileManager.default.removeItem(at: workspace) }
    return try await body(shared, workspace)
}
