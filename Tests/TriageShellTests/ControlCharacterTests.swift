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
        #expect(
            f.sink.stdout.hasSuffix(
                "job\t1051\tjulia/Foo.jl\t2026-11-28\tjulia/Foo.jl#5\t␛]0;owned␇t\talice\t2026-11-29T08:00:00Z\t␛[31mred␛[2J\n"
            ))
    }

    /// The lines above a table carry untrusted text too (`similar`'s heading is a log's key line):
    /// shown, not sent; their newlines and tabs stay (a carriage return becomes a space). A command that made its text safe itself
    /// (the trace view, whose `▶` marks are coloured on purpose) is written as it is.
    @Test(arguments: [OutputFormat.table, .tsv])
    func headingLinesShowControlCharacters(format: OutputFormat) {
        let output = CommandOutput(
            text: ["failures like job 7: \u{1B}[2Jboom\u{07}\r", "a\tb\nc"], json: .null)
        #expect(
            Renderer(format: format, color: false).render(output)
                == "failures like job 7: ␛[2Jboom␇ \na\tb\nc\n")
        var safe = output
        safe.textIsSafe = true
        #expect(
            Renderer(format: format, color: false).render(safe)
                == "failures like job 7: \u{1B}[2Jboom\u{07}\r\na\tb\nc\n")
    }
}
