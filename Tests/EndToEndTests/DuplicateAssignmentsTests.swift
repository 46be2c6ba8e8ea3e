import Foundation
import Testing
import TriageTestSupport

/// Issue 14, bug 5: two entries for one job (both sides of a git merge) are read by one rule,
/// newest `at` wins, in the shell and on the dashboard; `assignments` flags them and
/// `assignments --dedupe` (or the next write) resolves them and says what it did.
@Suite(.serialized) struct DuplicateAssignmentsTests {
    /// Job 10000 twice: alice's older #1 first in the file, bob's newer #2 after it.
    static func merged(job: Int) -> String {
        func entry(_ iid: Int, _ by: String, _ at: String) -> String {
            #"{"at": "\#(at)", "by": "\#(by)", "cluster": null, "issue": {"iid": \#(iid), "project": "julia/Foo.jl", "url": "https://gitlab.example.com/julia/Foo.jl/-/issues/\#(iid)"}, "job": \#(job), "night": "2026-11-28", "note": null, "pipeline": 500, "project": "julia/Foo.jl"}"#
        }
        return """
            {"assignments": [\(entry(1, "alice", "2026-11-29T08:00:00Z")), \(entry(2, "bob", "2026-11-29T09:30:00Z"))],
             "clusters": [], "version": 1}
            """
    }

    @Test func newestWinsEverywhereAndDedupeSaysWhatItDropped() async throws {
        let (workspace, ids) = try assignWorkspace(jobs: 2)
        defer { try? FileManager.default.removeItem(at: workspace) }
        try Data(Self.merged(job: ids[0]).utf8).write(to: assignmentsURL(workspace))
        let sentence =
            "job \(ids[0]): kept julia/Foo.jl#2 (2026-11-29T09:30:00Z), dropped julia/Foo.jl#1 (2026-11-29T08:00:00Z)"

        // The shell: the newest entry's issue.
        let failures = try await runTriage(
            ["failures", "last-night", "--format", "json"], workspace: workspace)
        let records = try #require(
            try JSONSerialization.jsonObject(with: Data(failures.stdout.utf8)) as? [[String: Any]])
        let record = try #require(records.first { $0["job"] as? Int == ids[0] })
        #expect((record["issue"] as? [String: Any])?["iid"] as? Int == 2)

        // The dashboard: the same entry, and only it.
        let export = try await runTriage(["export"], workspace: workspace)
        #expect(export.status == 0, "\(export.stderr)")
        let page = try String(
            contentsOf: workspace.appendingPathComponent("public/data/assignments.js"), encoding: .utf8)
        #expect(page.contains(#""by":"bob""#) && !page.contains(#""by":"alice""#), "\(page)")

        // `assignments` flags them.
        let listed = try await runTriage(["--format", "table", "assignments"], workspace: workspace)
        #expect(listed.status == 0)
        #expect(
            listed.stdout.hasPrefix(
                "1 job assignment, 0 cluster assignments\n"
                    + "duplicates: 1 job or cluster with several entries (a merge kept both); the newest counts — "
                    + "'assignments --dedupe' keeps only it\n  \(sentence)\n"), "\(listed.stdout)")

        // --dedupe resolves them and says so; the file then has one entry.
        let dedupe = try await runTriage(
            ["--format", "table", "assignments", "--dedupe"], workspace: workspace)
        #expect(dedupe.status == 0, "\(dedupe.stderr)")
        #expect(dedupe.stdout == "resolved 1 duplicate (the newest kept):\n  \(sentence)\n")
        let book = try readAssignments(workspace)
        #expect(book.assignments.map(\.issue.iid) == [2])
        let again = try await runTriage(
            ["--format", "table", "assignments", "--dedupe"], workspace: workspace)
        #expect(again.stdout == "no duplicate assignments\n")
    }

    @Test func theNextWriteResolvesThemAndSaysSo() async throws {
        let (workspace, ids) = try assignWorkspace(jobs: 2)
        defer { try? FileManager.default.removeItem(at: workspace) }
        try Data(Self.merged(job: ids[0]).utf8).write(to: assignmentsURL(workspace))
        let write = try await runTriage(
            ["assign", "job", "\(ids[1])", "issue", "julia/Foo.jl#1"], workspace: workspace)
        #expect(write.status == 0, "\(write.stderr)")
        #expect(
            write.stderr
                == "note: assignments.json had several entries for one job or cluster (a merge kept both sides); "
                + "the newest of each is kept — job \(ids[0]): kept julia/Foo.jl#2 (2026-11-29T09:30:00Z), "
                + "dropped julia/Foo.jl#1 (2026-11-29T08:00:00Z)\n")
        let book = try readAssignments(workspace)
        #expect(book.assignments.map(\.job) == [ids[0], ids[1]])
        #expect(book.assignments.map(\.issue.iid) == [2, 1])
    }
}
