import Foundation
import Store
import Testing
import TriageCore
import TriageTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A workspace whose cache holds `jobs` failed jobs of one project on night 2026-11-28 and
/// issue julia/Foo.jl#1, built without GitLab (no network needed to assign).
func assignWorkspace(jobs: Int) throws -> (URL, [Int]) {
    let workspace = try temporaryDirectory()
    var config = WorkspaceConfig()
    config.timeZone = "America/Chicago"
    try Data(config.rendered().utf8).write(to: workspace.appendingPathComponent("triage.toml"))
    let store = try SQLiteCacheStore(directory: workspace.appendingPathComponent(".triage"))
    let at = morningDate().addingTimeInterval(-12 * 3600)
    try store.upsertProjects([
        Project(
            id: 1, path: "julia/Foo.jl", name: "Foo.jl", webURL: "https://gitlab.example.com/julia/Foo.jl")
    ])
    let pipeline = Pipeline(
        id: 500, iid: 1, projectID: 1, sha: "abc", ref: "main", status: .failed, source: "schedule",
        createdAt: at,
        updatedAt: at, webURL: "https://gitlab.example.com/julia/Foo.jl/-/pipelines/500")
    let ids = (0..<jobs).map { 10_000 + $0 }
    let list = ids.map {
        Job(
            id: $0, pipelineID: 500, projectID: 1, name: "test-\($0)", stage: "test", status: .failed,
            failureReason: "script_failure", webURL: "https://gitlab.example.com/julia/Foo.jl/-/jobs/\($0)")
    }
    try store.storePipeline(pipeline, night: "2026-11-28", jobs: list)
    try store.upsertIssues([
        Issue(
            id: 9001, iid: 1, projectID: 1, title: "Nightly fails", description: nil, state: "opened",
            labels: ["ci"],
            webURL: "https://gitlab.example.com/julia/Foo.jl/-/issues/1", createdAt: at, updatedAt: at,
            closedAt: nil)
    ])
    return (workspace, ids)
}

func assignmentsURL(_ workspace: URL) -> URL { workspace.appendingPathComponent("assignments.json") }

func readAssignments(_ workspace: URL) throws -> Assignments {
    try AssignmentsFile(url: assignmentsURL(workspace), scratch: workspace.appendingPathComponent(".triage"))
        .read()
}

@Suite(.serialized) struct AssignStoreTests {
    @Test func twoProcessesMaking200AssignmentsEachLeave400() async throws {
        let (workspace, ids) = try assignWorkspace(jobs: 400)
        let scripts = [ids.prefix(200), ids.suffix(200)].enumerated().map { k, part in
            part.map { "assign job \($0) issue julia/Foo.jl#1 --note 'writer \(k)'" }.joined(separator: "\n")
                + "\n"
        }
        var running: [RunningTriage] = []
        for (k, script) in scripts.enumerated() {
            let file = workspace.appendingPathComponent("writer\(k).triage")
            try Data(script.utf8).write(to: file)
            running.append(
                try startTriage(["-f", file.path], workspace: workspace, environment: ["USER": "writer\(k)"]))
        }
        for process in running {
            let t = try await process.finish(timeout: 600)
            #expect(t.status == 0, "\(t.stderr)")
        }
        let book = try readAssignments(workspace)
        #expect(book.assignments.count == 400)
        #expect(book.assignments.map(\.job) == ids)
        #expect(Set(book.assignments.map(\.by)) == ["writer0", "writer1"])
        let text = try String(contentsOf: assignmentsURL(workspace), encoding: .utf8)
        #expect(text.hasPrefix("{\n  \"assignments\": [\n    {\n      \"at\": \"2026-11-29T14:00:00Z\",\n"))
    }

    @Test func aKilledWriterNeverLeavesAPartialFile() async throws {
        let (workspace, ids) = try assignWorkspace(jobs: 300)
        let script = ids.map { "assign job \($0) issue julia/Foo.jl#1" }.joined(separator: "\n") + "\n"
        let file = workspace.appendingPathComponent("writer.triage")
        try Data(script.utf8).write(to: file)
        var seen = 0
        for round in 0..<6 {
            let process = try startTriage(["-f", file.path], workspace: workspace)
            try await Task.sleep(for: .milliseconds(300 + 150 * round))
            process.signal(SIGKILL)
            _ = try? await process.finish(timeout: 30)
            guard FileManager.default.fileExists(atPath: assignmentsURL(workspace).path) else { continue }
            let book = try readAssignments(workspace)
            #expect(book.assignments.count >= seen)
            seen = book.assignments.count
        }
        #expect(seen > 0, "no assignment was written before the kills")
    }

    @Test(arguments: [
        ("{ \"version\": 1, \"assignments\": [", "cannot be read as assignments (not valid JSON)"),
        (
            "{\"version\": 2, \"assignments\": []}",
            "has version 2; this triage reads and writes version 1 only"
        ),
        ("", "cannot be read as assignments (not valid JSON)"),
    ])
    func anUnreadableFileIsRefusedAndLeftAsItWas(content: String, message: String) async throws {
        let (workspace, ids) = try assignWorkspace(jobs: 1)
        try Data(content.utf8).write(to: assignmentsURL(workspace))
        let script = workspace.appendingPathComponent("s.triage")
        try Data("assign job \(ids[0]) issue julia/Foo.jl#1\nassignments\n".utf8).write(to: script)
        let t = try await runTriage(["-f", script.path], workspace: workspace)
        #expect(t.status == 3)
        #expect(t.stderr.contains(message), "\(t.stderr)")
        #expect(t.stderr.contains("left untouched"))
        #expect(try Data(contentsOf: assignmentsURL(workspace)) == Data(content.utf8))
        // A read goes on without the book and warns; the file stays as it was.
        let listing = try await runTriage(["-c", "assignments"], workspace: workspace)
        #expect(listing.status == 0)
        #expect(listing.stderr.hasPrefix("warning: \(assignmentsURL(workspace).path)"), "\(listing.stderr)")
        #expect(try Data(contentsOf: assignmentsURL(workspace)) == Data(content.utf8))
    }

    @Test(arguments: [
        (
            "assign job 999 issue julia/Foo.jl#1",
            "error: job 999 is not in the cache — run 'fetch' (only nightly pipelines' jobs are fetched)"
        ),
        (
            "assign job 10000 issue Foo.jl#1",
            "error: 'Foo.jl#1' is not an issue reference (a project path has a group: group/project#45) — use 45, group/project#45 or the issue's URL"
        ),
        (
            "assign job 10000 issue 0",
            "error: '0' is not an issue reference (the issue number must be a positive whole number) — use 45, group/project#45 or the issue's URL"
        ),
        (
            "assign job 10000 issue https://other.example.com/julia/Foo.jl/-/issues/1",
            "error: 'https://other.example.com/julia/Foo.jl/-/issues/1' is not an issue reference (no GitLab URL is configured to compare it with) — use 45, group/project#45 or the issue's URL"
        ),
        ("unassign job 10000", "error: job 10000 has no assignment of its own — 'assignments' lists them"),
    ])
    func badJobsAndReferencesWriteNothing(line: String, message: String) async throws {
        let (workspace, _) = try assignWorkspace(jobs: 1)
        let t = try await runTriage(["-c", line], workspace: workspace)
        #expect(t.status != 0)
        #expect(t.stderr == message + "\n")
        #expect(!FileManager.default.fileExists(atPath: assignmentsURL(workspace).path))
    }

    @Test func assignListUnassign() async throws {
        let (workspace, ids) = try assignWorkspace(jobs: 2)
        let t = try await runTriage(
            ["--format", "json", "-c", "assign job \(ids[0]) issue 1 --note 'upstream DataFrames 1.7'"],
            workspace: workspace, environment: ["USER": "alice"])
        #expect(t.status == 0, "\(t.stderr)")
        let expected = """
            {
              "assignments": [
                {
                  "at": "2026-11-29T14:00:00Z",
                  "by": "alice",
                  "cluster": null,
                  "issue": {
                    "iid": 1,
                    "project": "julia/Foo.jl",
                    "title": "Nightly fails",
                    "url": "https://gitlab.example.com/julia/Foo.jl/-/issues/1"
                  },
                  "job": 10000,
                  "night": "2026-11-28",
                  "note": "upstream DataFrames 1.7",
                  "pipeline": 500,
                  "project": "julia/Foo.jl"
                }
              ],
              "clusters": [],
              "comments": [],
              "version": 1
            }

            """
        #expect(try String(contentsOf: assignmentsURL(workspace), encoding: .utf8) == expected)
        let listed = try await runTriage(
            ["--format", "tsv", "-c", "assignments 7d --issue julia/Foo.jl#1"], workspace: workspace)
        #expect(
            listed.stdout.contains(
                "job\t10000\tjulia/Foo.jl\t2026-11-28\tjulia/Foo.jl#1\tNightly fails\talice"))
        let issues = try await runTriage(
            ["--format", "tsv", "-c", "issues julia/Foo.jl"], workspace: workspace)
        #expect(issues.stdout.contains("julia/Foo.jl\t#1\topen\tNightly fails\tci\t1"), "\(issues.stdout)")
        let removed = try await runTriage(["-c", "unassign job \(ids[0])"], workspace: workspace)
        #expect(removed.status == 0)
        #expect(try readAssignments(workspace).assignments.isEmpty)
    }
}
