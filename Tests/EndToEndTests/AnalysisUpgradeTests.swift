import Foundation
import LogAnalysis
import Testing
import TriageCore
import TriageTestSupport

@testable import Store

extension SyncTests {
    /// Issue 12 item 5 through the real binary: a cache a version-1 triage analysed (the column set
    /// back to 1) with a cluster assigned to an issue. The next `fetch` re-analyses it without being
    /// asked, says so in one line, keeps the cluster ids, and `failures` still shows every member of
    /// the assigned cluster covered by the issue; the fetch after that takes the cheap path.
    @Test func fetchUpgradesACacheAnalysedByAnOlderVersion() async throws {
        try await withSimulator { _, url in
            let workspace = try makeWorkspace(url: url)
            let env = ["GITLAB_TOKEN": secretToken]
            let first = try await runTriage(
                ["fetch", "--format", "json"], workspace: workspace, environment: env)
            #expect(first.status == 0, "\(first.stderr)")
            let fetched = try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any]
            let analysis = fetched?["analysis"] as? [String: Any]
            #expect(analysis?["version"] as? Int == AnalysisVersion.current)
            #expect(analysis?["upgraded_from"] is NSNull)
            // The simulated jobs fail after green nights, whose traces fetch brought first.
            #expect((analysis?["with_green"] as? Int ?? 0) > 0, "\(first.stdout)")

            let store = try SQLiteCacheStore(directory: workspace.appendingPathComponent(".triage"))
            let states = try store.clusterStates()
            let assigned = try #require(states.max { ($0.members.count, $1.id) < ($1.members.count, $0.id) })
            #expect(assigned.members.count >= 2)
            let issue = IssueRef(
                project: "julia/Foo.jl", iid: 45, url: "https://gitlab.example.com/julia/Foo.jl/-/issues/45")
            try AssignmentsFile(
                url: assignmentsURL(workspace), scratch: workspace.appendingPathComponent(".triage")
            )
            .update {
                $0.assign(
                    ClusterAssignment(
                        cluster: assigned.id.rawValue, issue: issue, by: "alice", at: "2026-11-29T08:00:00Z",
                        note: nil))
            }
            let analysed = try store.analyses(nights: nil).count
            try store.executeUnchecked(sql: "UPDATE analyses SET analysis_version = 1")

            // An assignments.json this triage cannot read stops the upgrade before it re-analyses
            // anything (it could not keep the decisions the file holds), and is left as it was.
            let valid = try Data(contentsOf: assignmentsURL(workspace))
            try Data(#"{"version": 99, "assignments": []}"#.utf8).write(to: assignmentsURL(workspace))
            let refused = try await runTriage(["fetch"], workspace: workspace, environment: env)
            #expect(refused.status != 0)
            #expect(try store.analysisVersions() == [1: analysed])
            #expect(
                try Data(contentsOf: assignmentsURL(workspace))
                    == Data(#"{"version": 99, "assignments": []}"#.utf8))
            try valid.write(to: assignmentsURL(workspace))

            let second = try await runTriage(["fetch"], workspace: workspace, environment: env)
            #expect(second.status == 0, "\(second.stderr)")
            let line =
                "analysis: upgraded from v1 to v\(AnalysisVersion.current), re-analysed \(analysed) failures, "
                + "kept \(states.count) of \(states.count) cluster ids"
            #expect(second.stdout.contains(line), "\(second.stdout)")
            #expect(Set(try store.clusterStates().map(\.id)) == Set(states.map(\.id)))
            #expect(try store.analysisVersions() == [AnalysisVersion.current: analysed])

            let failures = try await runTriage(
                ["failures", "6d", "--with-warnings", "--format", "json"], workspace: workspace,
                environment: env)
            #expect(failures.status == 0, "\(failures.stderr)")
            let records =
                try JSONSerialization.jsonObject(with: Data(failures.stdout.utf8)) as? [[String: Any]] ?? []
            let members = Set(assigned.members)
            let shown = records.filter { members.contains($0["job"] as? Int ?? -1) }
            #expect(!shown.isEmpty)
            for record in shown {
                #expect(record["cluster"] as? String == assigned.id.rawValue)
                #expect((record["issue"] as? [String: Any])?["iid"] as? Int == 45, "\(record)")
            }

            let third = try await runTriage(["fetch"], workspace: workspace, environment: env)
            #expect(third.status == 0, "\(third.stderr)")
            #expect(!third.stdout.contains("upgraded"), "\(third.stdout)")
            #expect(third.stdout.contains("analysed 0 failures"), "\(third.stdout)")
        }
    }
}
