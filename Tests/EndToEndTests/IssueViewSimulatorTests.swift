import Foundation
import GitLabSimulator
import Store
import Testing
import TriageCore
import TriageTestSupport

/// Decodes `--format json` output.
private func json(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8))
}

@Suite(.serialized) struct IssueViewSimulatorTests {
    /// The must-holds of issue 8 against the simulator's truth: one issue per cause the truth links
    /// to an issue, its clusters assigned to it (`assign cluster`); `issues --ranked 30d` then ranks
    /// those issues by the truth's failure counts and `issue REF` counts exactly the truth's failures.
    /// Unknown and malformed references are refused with a clear message.
    @Test func rankingAndCountsMatchTheTruth() async throws {
        try await withSimulator(projects: 20, nights: 10) { simulator, url in
            let workspace = try makeWorkspace(url: url, nights: 10)
            let env = ["GITLAB_TOKEN": secretToken, "USER": "alice"]
            let fetched = try await runTriage(["-c", "fetch"], workspace: workspace, environment: env)
            #expect(fetched.status == 0, "\(fetched.stderr)")
            let store = try SQLiteCacheStore(directory: workspace.appendingPathComponent(".triage"))
            let org = simulator.organisation
            let analyses = try store.analyses(nights: nil)
            // The truth: the failures of each cause among the analysed ones, and one issue per cause.
            var truth: [String: Set<Int>] = [:]
            var clustersOfCause: [String: Set<String>] = [:]
            var causesOfCluster: [String: Set<String>] = [:]
            for a in analyses {
                let cause = org.cause(ofJob: a.jobID)?.id ?? "none"
                truth[cause, default: []].insert(a.jobID)
                let cluster = a.cluster?.rawValue ?? "unclustered"
                clustersOfCause[cause, default: []].insert(cluster)
                causesOfCluster[cluster, default: []].insert(cause)
            }
            var issueOfCause: [String: String] = [:]
            var closedNight: [String: String] = [:]
            for issue in org.issues {
                guard let cause = issue.causeID, issueOfCause[cause] == nil, truth[cause] != nil,
                    let path = org.project(id: issue.projectID)?.pathWithNamespace
                else { continue }
                issueOfCause[cause] = "\(path)#\(issue.iid)"
                if let closed = issue.closedAt {
                    closedNight["\(path)#\(issue.iid)"] = chicago.night(
                        of: Date(timeIntervalSince1970: Double(closed) / 1000))
                }
            }
            // Causes whose clusters hold only that cause: assigning them by cluster is exact.
            let exact = issueOfCause.keys.filter { cause in
                clustersOfCause[cause, default: []].allSatisfy {
                    $0 != "unclustered" && causesOfCluster[$0]?.count == 1
                }
            }.sorted()
            print("issue view: \(exact.count) of \(issueOfCause.count) linked causes clustered exactly")
            for cause in issueOfCause.keys.sorted() where !exact.contains(cause) {
                let clusters = clustersOfCause[cause, default: []].sorted()
                print(
                    "  \(cause): \(truth[cause]?.count ?? 0) failures in \(clusters.map { "\($0) \(causesOfCluster[$0, default: []].sorted())" })"
                )
            }
            // Every issue-linked cause is clustered on its own (measured 2026-12-02: 15 of 15), so
            // assigning by cluster counts every issue exactly.
            #expect(exact.count == issueOfCause.count)
            var expected: [String: Set<Int>] = [:]
            for cause in exact {
                guard let key = issueOfCause[cause] else { continue }
                expected[key] = truth[cause]
                for cluster in clustersOfCause[cause, default: []].sorted() {
                    let assigned = try await runTriage(
                        ["-c", "assign cluster \(cluster) issue \(key)"], workspace: workspace,
                        environment: env)
                    #expect(assigned.status == 0, "\(assigned.stderr)")
                }
            }

            let ranked = try await runTriage(
                ["--format", "json", "-c", "issues --ranked 30d"], workspace: workspace, environment: env)
            #expect(ranked.status == 0, "\(ranked.stderr)")
            let rows = try #require(try json(ranked.stdout) as? [[String: Any]])
            let issueRows: [(String, Int)] = rows.compactMap { row in
                guard let issue = row["issue"] as? [String: Any], let project = issue["project"] as? String,
                    let iid = issue["iid"] as? Int, let failures = row["failures"] as? Int
                else { return nil }
                return ("\(project)#\(iid)", failures)
            }
            let truthOrder = expected.map { ($0.key, $0.value.count) }.sorted { ($1.1, $0.0) < ($0.1, $1.0) }
            #expect(issueRows.map(\.0) == truthOrder.map(\.0))
            #expect(issueRows.map(\.1) == truthOrder.map(\.1))
            // Untriaged clusters are rows too.
            #expect(rows.contains { $0["issue"] is NSNull && $0["cluster"] is String })

            var flagged = 0
            for (key, jobs) in expected.sorted(by: { $0.key < $1.key }) {
                let shown = try await runTriage(
                    ["--format", "json", "-c", "issue \(key) 30d"], workspace: workspace, environment: env)
                #expect(shown.status == 0, "\(shown.stderr)")
                let record = try #require(try json(shown.stdout) as? [String: Any])
                #expect(record["failures"] as? Int == jobs.count)
                #expect((record["jobs"] as? [Int]).map(Set.init) == jobs)
                #expect((record["counts"] as? [Int])?.reduce(0, +) == jobs.count)
                let nights = analyses.filter { jobs.contains($0.jobID) }.map(\.night)
                #expect(record["first"] as? String == nights.min())
                #expect(record["last"] as? String == nights.max())
                // Closed, and failing on a night after it was closed (the truth's closing time).
                let after = closedNight[key].map { closed in nights.filter { $0 > closed }.count } ?? 0
                #expect(record["failures_after_close"] as? Int == after, "\(key)")
                #expect(record["closed_but_failing"] as? Bool == (after > 0), "\(key)")
                #expect(record["state"] as? String == (closedNight[key] == nil ? "opened" : "closed"))
                if after > 0 { flagged += 1 }
                let table = try await runTriage(
                    ["--format", "table", "-c", "issue \(key) 30d"], workspace: workspace, environment: env)
                #expect(table.status == 0, "\(table.stderr)")
                #expect(table.stdout.contains("\(jobs.count) failure"), "\(table.stdout)")
            }

            print("issue view: \(flagged) of \(expected.count) issues closed but still failing")

            let unknown = try await runTriage(
                ["-c", "issue julia/Nope.jl#999"], workspace: workspace, environment: env)
            #expect(unknown.status != 0)
            #expect(
                unknown.stderr.contains("no issue julia/Nope.jl#999 in the cache or the assignments"),
                "\(unknown.stderr)")
            let malformed = try await runTriage(["-c", "issue foo#"], workspace: workspace, environment: env)
            #expect(malformed.status != 0)
            #expect(malformed.stderr.contains("'foo#' is not an issue reference"), "\(malformed.stderr)")
            let missing = try await runTriage(["-c", "issue"], workspace: workspace, environment: env)
            #expect(missing.status != 0)
        }
    }
}
