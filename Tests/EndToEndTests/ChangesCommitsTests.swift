import Foundation
import GitLabSimulator
import Store
import Testing
import TriageCore
import TriageTestSupport

/// Commit titles (`diff job`, `suspects --commits`) and the listings cache, through the real
/// binary against the simulator.
@Suite(.serialized) struct ChangesCommitsTests {
    static func json(_ run: Transcript) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
    }

    static let env = ["GITLAB_TOKEN": secretToken]

    /// Runs SQL on a workspace's cache with the sqlite3 shell (the cache is a cache: tests may
    /// take things away from it, as a user deleting rows would).
    static func sqlite(_ workspace: URL, _ sql: String) async throws {
        let database = workspace.appendingPathComponent(".triage/cache.sqlite").path
        let status = try await offPool {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            p.arguments = [database, sql]
            try p.run()
            p.waitUntilExit()
            return p.terminationStatus
        }
        #expect(status == 0, "sqlite3 \(sql)")
    }

    /// A newly failing job of the cache whose last green run built another sha, with the
    /// simulator's commits between the two (at least `minimum`).
    static func jobWithCommits(
        _ store: SQLiteCacheStore, _ org: Organisation, minimum: Int = 1
    ) throws -> (job: Int, from: String, to: String, commits: [Organisation.Commit])? {
        let first = chicago.nights(endingAt: lastNight, count: 90).first ?? lastNight
        let rows = try store.nightlyJobs(fromNight: first, throughNight: lastNight, projectID: nil, name: nil)
        for history in ChangesHistory.histories(rows.filter { $0.pipeline.source == "schedule" }) {
            for run in history.runs.reversed() where run.red {
                guard let before = history.previous(before: run.night), !before.red,
                    let green = history.lastGreen(before: run.night), green.sha != run.sha,
                    let commits = org.commits(projectID: history.projectID, from: green.sha, to: run.sha),
                    commits.count >= minimum
                else { continue }
                return (run.jobID, green.sha, run.sha, commits)
            }
        }
        return nil
    }

    /// GitLab's compare calls the shared simulator has answered, for all tests so far: tests
    /// compare the count before and after what they run (the suites run one at a time).
    static func compareCalls(_ simulator: SimulatedGitLab) -> Int {
        compareCalls(simulator.requests)
    }

    static func compareCalls(_ requests: [SimulatedRequest]) -> Int {
        requests.filter { $0.path.hasSuffix("/repository/compare") }.count
    }

    static func line(_ c: Organisation.Commit, _ org: Organisation) -> String {
        "  \(String(c.sha.prefix(8))) \(c.title) (\(org.user(id: c.authorID)?.name ?? ""))"
    }

    @Test func diffShowsCommitTitlesOnceFetchedThenFromTheCache() async throws {
        try await withFetchedOrganisation(projects: 12, nights: 20) { shared, workspace in
            let simulator = shared.simulator
            let org = simulator.organisation
            let store = try SQLiteCacheStore(directory: workspace.appendingPathComponent(".triage"))
            let target = try #require(try Self.jobWithCommits(store, org))
            #expect(Self.compareCalls(shared.fetchRequests) == 0, "fetch asks for no commits")

            let before = Self.compareCalls(simulator)
            let first = try await runTriage(
                ["diff", "job", String(target.job), "--format", "table"], workspace: workspace,
                environment: Self.env)
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stderr == "")
            #expect(Self.compareCalls(simulator) == before + 1)
            let lines = first.stdout.components(separatedBy: "\n")
            let header = try #require(lines.firstIndex { $0.hasPrefix("commits: ") })
            let count = target.commits.count
            #expect(
                lines[header].hasPrefix(
                    "commits: \(target.from.prefix(8))..\(target.to.prefix(8)), \(count) commit\(count == 1 ? "" : "s") "
                ))
            #expect(lines[header].hasSuffix("/-/compare/\(target.from)...\(target.to)"))
            #expect(
                Array(lines[(header + 1)...].prefix(target.commits.count))
                    == target.commits.map { Self.line($0, org) })

            // Cached: a second diff, with or without a token, asks GitLab nothing at all.
            let calls = simulator.requests.count
            let second = try await runTriage(
                ["diff", "job", String(target.job), "--format", "table"], workspace: workspace,
                environment: Self.env)
            let offline = try await runTriage(
                ["diff", "job", String(target.job), "--format", "table"], workspace: workspace)
            #expect(simulator.requests.count == calls)
            #expect(second.stdout == first.stdout)
            #expect(offline.stdout == first.stdout)

            let record = try #require(
                try Self.json(
                    try await runTriage(
                        ["diff", "job", String(target.job), "--format", "json"], workspace: workspace))
                    as? [String: Any])
            let commits = try #require((record["commits"] as? [String: Any])?["list"] as? [[String: Any]])
            #expect(commits.compactMap { $0["id"] as? String } == target.commits.map(\.sha))
            #expect(commits.compactMap { $0["title"] as? String } == target.commits.map(\.title))
            #expect(simulator.requests.count == calls)
        }
    }

    @Test func offlineDiffSaysTitlesAreUnavailableInOneLine() async throws {
        try await withFetchedOrganisation(projects: 12, nights: 20) { shared, workspace in
            let simulator = shared.simulator
            let store = try SQLiteCacheStore(directory: workspace.appendingPathComponent(".triage"))
            let target = try #require(try Self.jobWithCommits(store, simulator.organisation))
            let calls = simulator.requests.count

            // No token: no request, one line, exit 0, the rest of the answer intact.
            let noToken = try await runTriage(
                ["diff", "job", String(target.job), "--format", "table"], workspace: workspace)
            #expect(noToken.status == 0, "\(noToken.stderr)")
            #expect(noToken.stderr == "")
            #expect(simulator.requests.count == calls)
            let lines = noToken.stdout.components(separatedBy: "\n")
            let header = try #require(lines.firstIndex { $0.hasPrefix("commits: ") })
            #expect(
                lines[header + 1] == "commit titles unavailable: no GitLab token configured (GITLAB_TOKEN)")
            #expect(lines.filter { $0.contains("unavailable") }.count == 1)
            #expect(lines.contains { $0.hasPrefix("dependencies: ") })
            let record = try #require(
                try Self.json(
                    try await runTriage(
                        ["diff", "job", String(target.job), "--format", "json"], workspace: workspace))
                    as? [String: Any])
            #expect((record["commits"] as? [String: Any])?["list"] is NSNull)

            // GitLab unreachable (nothing listens on port 9): the same kind of line, no token in it.
            let unreachable = try await runTriage(
                ["diff", "job", String(target.job), "--format", "table"], workspace: workspace,
                environment: ["GITLAB_TOKEN": secretToken, "GITLAB_URL": "http://127.0.0.1:9"])
            #expect(unreachable.status == 0, "\(unreachable.stderr)")
            let note = try #require(
                unreachable.stdout.components(separatedBy: "\n").first { $0.contains("unavailable") })
            #expect(
                note.hasPrefix(
                    "commit titles unavailable: cannot reach GitLab: GET http://127.0.0.1:9/api/v4/projects/")
            )
            #expect(!unreachable.stdout.contains(secretToken) && !unreachable.stderr.contains(secretToken))
            // Nothing was cached: with GitLab back, the titles come.
            let online = try await runTriage(
                ["diff", "job", String(target.job), "--format", "table"], workspace: workspace,
                environment: Self.env)
            #expect(online.stdout.contains(Self.line(target.commits[0], simulator.organisation)))
        }
    }

    /// `suspects` gives the same answer from cached listings, from traces parsed lazily (a cache
    /// fetched before listings were kept) and from a store that keeps no listings.
    @Test func suspectsAreTheSameWithAndWithoutCachedListings() async throws {
        try await withFetchedOrganisation(projects: 40, nights: 30) { shared, workspace in
            let fetched = shared.fetch
            let green = try #require(
                (try Self.json(fetched) as? [String: Any])?["green_traces"] as? [String: Any])
            #expect((green["listings_read"] as? Int ?? 0) > 0)
            let cache = workspace.appendingPathComponent(".triage")
            let store = try SQLiteCacheStore(directory: cache)
            #expect(try store.unlistedTraceCount(reader: TraceFacts.readerVersion) == 0)

            // Every stored listing is what parsing its trace gives.
            let first = chicago.nights(endingAt: lastNight, count: 90).first ?? lastNight
            let ids = try store.nightlyJobs(
                fromNight: first, throughNight: lastNight, projectID: nil, name: nil
            )
            .map(\.job.id)
            let listings = try store.listings(jobIDs: ids, reader: TraceFacts.readerVersion)
            #expect(listings.count > 100)
            for (id, facts) in listings {
                #expect(facts == TraceFacts(trace: try #require(try store.trace(jobID: id))), "job \(id)")
            }

            let cached = try await runTriage(["suspects", "30d", "--format", "json"], workspace: workspace)
            #expect(cached.status == 0, "\(cached.stderr)")
            #expect(((try Self.json(cached) as? [Any]) ?? []).count > 5)
            // A cache from before listings (and so before remembered suspects): the first
            // suspects parses and keeps them.
            try await Self.sqlite(workspace, "DELETE FROM listings; DELETE FROM suspect_nights")
            #expect(try store.unlistedTraceCount(reader: TraceFacts.readerVersion) > 0)
            let lazily = try await runTriage(["suspects", "30d", "--format", "json"], workspace: workspace)
            #expect(lazily.stdout == cached.stdout)
            #expect(try store.unlistedTraceCount(reader: TraceFacts.readerVersion) < listings.count)
            let again = try await runTriage(["suspects", "30d", "--format", "json"], workspace: workspace)
            #expect(again.stdout == cached.stdout)
            // Listings of an older reader are read again, not trusted (what the older reader
            // remembered is of another generation).
            try await Self.sqlite(
                workspace, "UPDATE listings SET reader = reader - 1, data = ''; DELETE FROM suspect_nights")
            let stale = try await runTriage(["suspects", "30d", "--format", "json"], workspace: workspace)
            #expect(stale.stdout == cached.stdout)
        }
    }

    /// `suspects --commits`: per night and project, the ranges since the newly failing jobs' last
    /// green run with the simulator's exact commits; fetched once, then from the cache.
    @Test func commitLevelViewIsTheSimulatorsHistory() async throws {
        try await withFetchedOrganisation(projects: 12, nights: 20) { shared, workspace in
            let simulator = shared.simulator
            let org = simulator.organisation
            let before = Self.compareCalls(simulator)
            let run = try await runTriage(
                ["suspects", "20d", "--commits", "--format", "json"], workspace: workspace,
                environment: Self.env)
            #expect(run.status == 0, "\(run.stderr)")
            let records = try #require(try Self.json(run) as? [[String: Any]])
            #expect(records.count > 3)
            let calls = Self.compareCalls(simulator) - before
            #expect(calls > 0)
            var withCommits = 0
            for record in records {
                let project = try #require(
                    org.projects.first { $0.pathWithNamespace == record["project"] as? String })
                let from = try #require(record["from"] as? String)
                let to = try #require(record["to"] as? String)
                let truth = try #require(org.commits(projectID: project.id, from: from, to: to))
                let commits = try #require(record["commits"] as? [[String: Any]])
                #expect(commits.compactMap { $0["id"] as? String } == truth.map(\.sha))
                #expect(commits.compactMap { $0["title"] as? String } == truth.map(\.title))
                if !truth.isEmpty { withCommits += 1 }
                // Each job of the range failed that night and built `to`; its last green run built `from`.
                let jobs = try #require(record["jobs"] as? [Int])
                #expect(record["failing"] as? Int == jobs.count)
                #expect((record["project_failing"] as? Int ?? 0) >= jobs.count)
                for id in jobs {
                    let job = try #require(org.job(id: id))
                    let pipeline = try #require(org.pipeline(id: job.pipelineID))
                    #expect(
                        job.status == "failed" && pipeline.sha == to
                            && pipeline.night == record["night"] as? String)
                }
                let since = try #require(record["since"] as? String)
                #expect(
                    org.pipelines(ofProject: project.id).contains {
                        $0.source == "schedule" && $0.night == since && $0.sha == from
                    })
            }
            #expect(withCommits > 0)
            // Every distinct range was asked for once; the second run asks nothing.
            let distinct = Set(
                records.compactMap { r in
                    (r["from"] as? String).map { "\(r["project"] ?? "") \($0) \(r["to"] ?? "")" }
                })
            let same = Set(
                records.filter { $0["from"] as? String == $0["to"] as? String }.compactMap { r in
                    (r["from"] as? String).map { "\(r["project"] ?? "") \($0) \(r["to"] ?? "")" }
                })
            #expect(calls == distinct.count - same.count)
            let again = try await runTriage(
                ["suspects", "20d", "--commits", "--format", "json"], workspace: workspace,
                environment: Self.env)
            #expect(again.stdout == run.stdout)
            #expect(Self.compareCalls(simulator) - before == calls)
            // Offline, ranges never fetched say so in one line; cached ones keep their titles.
            let table = try await runTriage(
                ["suspects", "20d", "--commits", "--format", "table"], workspace: workspace)
            #expect(table.status == 0)
            #expect(!table.stdout.contains("unavailable"))
        }
    }
}
