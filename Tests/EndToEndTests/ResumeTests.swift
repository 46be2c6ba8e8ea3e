import Foundation
import Store
import Testing
import TriageCore
import TriageTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Interrupting a fetch at any point leaves a consistent cache, and finishing it later gives
/// the same cache as one clean fetch.
@Suite(.serialized) struct ResumeTests {
    /// The cache of one uninterrupted `triage fetch` (sync, analysis and issues, as users run it).
    func cleanFetchDump(url: URL) async throws -> String {
        let clean = try makeWorkspace(url: url, nights: 8)
        let run = try await runTriage(["fetch"], workspace: clean, environment: ["GITLAB_TOKEN": secretToken])
        #expect(run.status == 0, "\(run.stderr)")
        return try SQLiteCacheStore(directory: clean.appendingPathComponent(".triage")).canonicalDump()
    }

    @Test func killedSeveralTimesThenResumedEqualsOneCleanSync() async throws {
        try await withSimulator(projects: 10, nights: 8, latency: .milliseconds(4)) { simulator, url in
            let expected = try await cleanFetchDump(url: url)

            let workspace = try makeWorkspace(url: url, nights: 8)
            let env = ["GITLAB_TOKEN": secretToken]
            var killedMidway = 0
            for delay in [0.25, 0.6, 0.9, 1.3] {
                let run = try startTriage(["fetch"], workspace: workspace, environment: env)
                try await Task.sleep(for: .seconds(delay))
                if run.process.isRunning {
                    run.signal(SIGKILL)
                    killedMidway += 1
                }
                _ = try await run.finish(timeout: 30)
            }
            #expect(
                killedMidway >= 2, "the fetch finished before it could be killed; slow the simulator down")
            let final = try await runTriage(["fetch"], workspace: workspace, environment: env)
            #expect(final.status == 0, "\(final.stderr)")
            let resumed = try SQLiteCacheStore(directory: workspace.appendingPathComponent(".triage"))
            #expect(try resumed.canonicalDump() == expected)
            _ = simulator
        }
    }

    /// Issue 14, item 11: the demo's workspace goes when the demo ends, so a Ctrl-C there does not
    /// advise a `fetch` in it.
    @Test func ctrlCInTheDemoDoesNotAdviseAFetchInItsRemovedWorkspace() async throws {
        let run = try startTriage(["demo", "-c", "status"])
        let deadline = ContinuousClock.now + .seconds(60)
        var announced = ""
        while !announced.contains("workspace ") && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
            announced = (try? String(contentsOf: run.stderrURL, encoding: .utf8)) ?? ""
        }
        let workspace = try #require(
            announced.firstMatch(of: /workspace (\S+)\n/).map { String($0.output.1) })
        try await Task.sleep(for: .milliseconds(300))
        run.signal(SIGINT)
        let interrupted = try await run.finish(timeout: 60)
        #expect(interrupted.status == 130)
        #expect(
            interrupted.stderr.hasSuffix(
                "error: fetch canceled — the demo removes its workspace when it ends: run 'triage demo' again "
                    + "(with --keep DIR to keep the cache)\n"), "\(interrupted.stderr)")
        #expect(!interrupted.stderr.contains("run 'fetch'"))
        #expect(!FileManager.default.fileExists(atPath: workspace))
    }

    @Test func ctrlCStopsCleanlyAndTheNextFetchContinues() async throws {
        try await withSimulator(projects: 10, nights: 8, latency: .milliseconds(25)) { _, url in
            let expected = try await cleanFetchDump(url: url)

            let workspace = try makeWorkspace(url: url, nights: 8)
            let env = ["GITLAB_TOKEN": secretToken]
            let run = try startTriage(["fetch"], workspace: workspace, environment: env)
            // Interrupt the sync itself: the cache appears once GitLab has listed the projects,
            // and the pipelines behind them take over a second at 25 ms a request.
            let cache = workspace.appendingPathComponent(".triage/cache.sqlite").path
            let deadline = ContinuousClock.now + .seconds(20)
            while !FileManager.default.fileExists(atPath: cache) && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
            }
            try await Task.sleep(for: .milliseconds(150))
            run.signal(SIGINT)
            let interrupted = try await run.finish(timeout: 30)
            #expect(interrupted.status == 130)
            #expect(
                interrupted.stderr
                    == "error: fetch canceled — the cache is consistent; run 'fetch' again to continue where it stopped\n"
            )
            let status = try await runTriage(["--format", "json", "status"], workspace: workspace)
            #expect(status.stdout.contains("\"outcome\": \"canceled\""))
            #expect(try await runTriage(["fetch"], workspace: workspace, environment: env).status == 0)
            let resumed = try SQLiteCacheStore(directory: workspace.appendingPathComponent(".triage"))
            #expect(try resumed.canonicalDump() == expected)
        }
    }
}
