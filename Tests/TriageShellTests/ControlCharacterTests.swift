import Foundation
import Testing
@testable import TriageShell

/// Issue 14 item 9: an assignment note and an issue title are untrusted text; in a table or TSV
/// their escape sequences are shown, never passed to the terminal.
@Suite struct ControlCharacterTests {
    @Test func anAssignmentNoteWithEscapesIsShownVisibly() async throws {
        let f = try ShellFixture(assignments: true)
        defer { f.cleanUp() }
        let file = """
            {
              "assignments": [
                {
                  "at": "2026-11-29T08:00:00Z", "by": "alice", "cluster": null, "job": 1051,
                  "issue": {"iid": 5, "project": "julia/Foo.jl", "title": "\\u001b]0;owned\\u0007t",
                            "url": "https://g/julia/Foo.jl/-/issues/5"},
                  "night": "2026-11-28", "note": "\\u001b[31mred\\u001b[2J", "pipeline": 105,
                  "project": "julia/Foo.jl"
                }
              ],
              "clusters": [],
              "version": 1
            }
            """
        try Data(file.utf8).write(to: f.root.appendingPathComponent("assignments.json"))
        #expect(await f.run("assignments") == .success)
        #expect(!f.sink.stdout.contains("\u{1B}"))
        #expect(!f.sink.stdout.contains("\u{07}"))
        #expect(f.sink.stdout.hasSuffix(
            "job\t1051\tjulia/Foo.jl\t2026-11-28\tjulia/Foo.jl#5\t␛]0;owned␇t\talice\t2026-11-29T08:00:00Z\t␛[31mred␛[2J\n"))
    }
}

