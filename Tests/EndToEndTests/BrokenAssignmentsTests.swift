import Foundation
import Testing
import TriageTestSupport

/// Issue 14, bug 7: an `assignments.json` left broken by a merge conflict must not stop the
/// morning. Reads go on without assignments and warn once, with the file's line and column;
/// only writes refuse, and no message points at a design document users do not have.
@Suite(.serialized) struct BrokenAssignmentsTests {
    static let conflicted = """
        {
          "assignments": [
        <<<<<<< HEAD
            {"at": "2026-11-29T08:00:00Z", "by": "alice", "issue": {"iid": 1, "project": "julia/Foo.jl", "url": "https://gitlab.example.com/julia/Foo.jl/-/issues/1"}, "job": 10000, "night": "2026-11-28", "pipeline": 500, "project": "julia/Foo.jl"}
        =======
            {"at": "2026-11-29T09:00:00Z", "by": "bob", "issue": {"iid": 1, "project": "julia/Foo.jl", "url": "https://gitlab.example.com/julia/Foo.jl/-/issues/1"}, "job": 10001, "night": "2026-11-28", "pipeline": 500, "project": "julia/Foo.jl"}
        >>>>>>> other
          ],
          "clusters": [],
          "version": 1
        }

        """

    @Test func readsGoOnWithAWarningAndWritesRefuse() async throws {
        let (workspace, ids) = try assignWorkspace(jobs: 2)
        defer { try? FileManager.default.removeItem(at: workspace) }
        let file = assignmentsURL(workspace)
        try Data(Self.conflicted.utf8).write(to: file)
        let warning =
            "warning: \(file.path):3:1: a merge conflict marker (<<<<<<<) — reading on without assignments "
            + "(every failure shows as untriaged); 'assign' refuses until the conflict is resolved\n"

        // One script of three reads: each succeeds; the warning comes once.
        let script = "failures last-night\nshow job \(ids[0])\nfailures last-night --untriaged\n"
        let reads = try await runTriage([], workspace: workspace, stdin: script)
        #expect(reads.status == 0, "\(reads.stderr)")
        #expect(reads.stderr == warning)
        #expect(reads.stdout.contains("test-\(ids[0])") && reads.stdout.contains("test-\(ids[1])"))

        let json = try await runTriage(["failures", "last-night", "--format", "json"], workspace: workspace)
        #expect(json.status == 0)
        #expect(json.stderr == warning)
        let records = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(records.count == 2)
        #expect(records.allSatisfy { $0["issue"] is NSNull })

        let write = try await runTriage(
            ["assign", "job", "\(ids[0])", "issue", "julia/Foo.jl#1"], workspace: workspace)
        #expect(write.status == 3)
        #expect(
            write.stderr
                == "error: \(file.path) cannot be read as assignments (line 3, column 1: a merge conflict marker (<<<<<<<)); "
                + "it was left untouched — resolve the conflict, or restore the file from git\n")
        #expect(!(reads.stderr + json.stderr + write.stderr).contains("DESIGN"))
        #expect(try String(contentsOf: file, encoding: .utf8) == Self.conflicted)
    }

    @Test func notJSONAtAllGivesTheParsersLineAndColumn() async throws {
        let (workspace, _) = try assignWorkspace(jobs: 1)
        defer { try? FileManager.default.removeItem(at: workspace) }
        let file = assignmentsURL(workspace)
        try Data("{\n  \"version\": 1,\n  \"assignments\": [,]\n}\n".utf8).write(to: file)
        let reads = try await runTriage(["failures", "last-night"], workspace: workspace)
        #expect(reads.status == 0)
        #expect(reads.stderr.hasPrefix("warning: \(file.path):3:"), "\(reads.stderr)")
        #expect(
            reads.stderr.hasSuffix(
                " — reading on without assignments (every failure shows as untriaged); 'assign' refuses until the file is fixed\n"
            ), "\(reads.stderr)")
    }
}
