import Foundation
import GitLab
import GitLabSimulator
import Store
import Testing
import TriageCore
import TriageTestSupport

/// What `fetch` says it did: counts that are true of this fetch, against
/// the simulator's own request log and the cache it leaves.
@Suite(.serialized) struct FetchLinesTests {
    func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
    }

    @Test func aFirstFetchCountsEveryCallAndCallsNewOnlyTheNewestNightsClusters() async throws {
        try await withSimulator { simulator, url in
            let workspace = try makeWorkspace(url: url)
            let before = simulator.requestCount
            let run = try await runTriage(
                ["fetch", "--format", "json"], workspace: workspace,
                environment: ["GITLAB_TOKEN": secretToken])
            #expect(run.status == 0, "\(run.stderr)")
            let json = try object(run.stdout)
            // Sync, green traces and issue listings: every request the simulator answered.
            #expect(json["api_calls"] as? Int == simulator.requestCount - before)
            let traceCalls = simulator.requests.filter { $0.path.hasSuffix("/trace") }.count
            let green = try #require(json["green_traces"] as? [String: Any])
            #expect(traceCalls == (json["traces"] as? Int ?? -1) + (green["fetched"] as? Int ?? -1))
            #expect(green["already_cached"] as? Int == 0)
            #expect(green["fetched"] as? Int == green["wanted"] as? Int)

            let store = try SQLiteCacheStore(directory: workspace.appendingPathComponent(".triage"))
            let clusters = try store.clusterStates()
            let newestNight = clusters.filter { $0.firstNight == lastNight }.count
            let analysis = try #require(json["analysis"] as? [String: Any])
            #expect(analysis["first_fetch"] as? Bool == true)
            #expect(analysis["founded"] as? Int == clusters.count)
            #expect(analysis["new"] as? Int == newestNight)
            #expect(newestNight > 0 && newestNight < clusters.count, "\(newestNight) of \(clusters.count)")

            let issues = try #require(json["issues"] as? [String: Any])
            let cached = try store.issueCount()
            #expect(issues["updated"] as? Int == cached)
            #expect(issues["cached"] as? Int == cached)
            #expect(cached > 0)
        }
    }

    @Test func aRepeatFetchWithNothingNewSaysSo() async throws {
        try await withSimulator { simulator, url in
            let workspace = try makeWorkspace(url: url)
            let token = ["GITLAB_TOKEN": secretToken]
            let first = try await runTriage(
                ["fetch", "--format", "json"], workspace: workspace, environment: token)
            #expect(first.status == 0, "\(first.stderr)")
            let json = try object(first.stdout)
            let wanted = try #require((json["green_traces"] as? [String: Any])?["wanted"] as? Int)
            let clusters = try #require((json["analysis"] as? [String: Any])?["clusters"] as? Int)
            let issues = try #require((json["issues"] as? [String: Any])?["cached"] as? Int)

            let before = simulator.requestCount
            let again = try await runTriage(["fetch"], workspace: workspace, environment: token)
            #expect(again.status == 0, "\(again.stderr)")
            let calls = simulator.requestCount - before
            let lines = again.stdout.split(separator: "\n").map(String.init)
            #expect(lines.count == 4, "\(again.stdout)")
            #expect(
                lines.first?.hasPrefix("fetched 8 projects: 0 pipelines updated (") == true, "\(again.stdout)"
            )
            #expect(
                lines.first?.hasSuffix(", 0 jobs, 0 traces (0 B), \(calls) API calls") == true,
                "\(again.stdout)")
            #expect(
                Array(lines.dropFirst()) == [
                    "green traces: \(wanted) already cached",
                    "analysed 0 failures: \(clusters) clusters, 0 new",
                    "issues: none new or updated (\(issues) cached)",
                ])
        }
    }

    @Test func aFirstFetchOfOneNightHasNothingToCompare() async throws {
        try await withSimulator { _, url in
            let workspace = try makeWorkspace(url: url, nights: 1)
            let run = try await runTriage(
                ["fetch"], workspace: workspace, environment: ["GITLAB_TOKEN": secretToken])
            #expect(run.status == 0, "\(run.stderr)")
            let store = try SQLiteCacheStore(directory: workspace.appendingPathComponent(".triage"))
            let analysed = try store.analyses(nights: nil).count
            let clusters = try store.clusterStates().count
            #expect(analysed > 0)
            let lines = run.stdout.split(separator: "\n").map(String.init)
            #expect(
                lines.contains(
                    "analysed \(analysed) failures: \(clusters) clusters (first fetch: no earlier nights to compare)"
                ),
                "\(run.stdout)")
        }
    }

    /// The issue listing's `updated_after` is inclusive: each project's newest cached issue comes
    /// back on every fetch. Only a changed `updated_at` or content counts, and is stored.
    @Test func onlyIssuesThatReallyChangedAreCounted() async throws {
        try await withSimulator { _, url in
            let workspace = try makeWorkspace(url: url)
            let (_, store, client) = try await syncDirectly(url: url, workspace: workspace)
            let projects = try store.projects()
            let first = try await syncIssues(projects: projects, source: client, cache: store, store: store)
            #expect(try first.issues == store.issueCount())
            let unchanged = try await syncIssues(
                projects: projects, source: client, cache: store, store: store)
            #expect(unchanged.issues == 0)

            // The issue at a project's watermark, as the next listing brings it back.
            let cached = try store.issues()
            let target = try #require(cached.max { ($0.updatedAt, $0.id) < ($1.updatedAt, $1.id) })
            func editing(_ edit: @escaping @Sendable (inout [String: Any]) -> Void) -> GitLabClient {
                let real = URLSessionTransport.make(maxConnections: 16)
                return GitLabClient(
                    baseURL: url, token: secretToken,
                    transport: { request in
                        var response = try await real(request)
                        guard request.url.path.hasSuffix("/projects/\(target.projectID)/issues"),
                            var issues = try JSONSerialization.jsonObject(with: response.body)
                                as? [[String: Any]]
                        else { return response }
                        for k in issues.indices where issues[k]["id"] as? Int == target.id {
                            edit(&issues[k])
                        }
                        response.body = try JSONSerialization.data(withJSONObject: issues)
                        return response
                    }, concurrency: 16)
            }
            let retitled = try await syncIssues(
                projects: projects, source: editing { $0["title"] = "Retitled" }, cache: store, store: store)
            #expect(retitled.issues == 1)
            #expect(try store.issues(ids: [target.id]).first?.title == "Retitled")
            let bumped = try await syncIssues(
                projects: projects, source: editing { $0["updated_at"] = "2026-11-29T13:00:00.000Z" },
                cache: store,
                store: store)
            #expect(bumped.issues == 1)
            #expect(try store.issues(ids: [target.id]).first?.title == target.title)
            #expect(try store.issueCount() == cached.count)
        }
    }
}
