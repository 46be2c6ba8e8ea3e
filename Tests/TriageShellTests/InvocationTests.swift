import Testing
@testable import TriageShell

@Test func parsesScriptsAndOptions() throws {
    let inv = try Invocation.parse([
        "--format", "json", "-c", "status", "-f", "a.triage", "--keep-going", "--echo", "-w", "/tmp/w",
    ])
    #expect(inv.sources == [.command("status"), .file("a.triage")])
    #expect(inv.format == .json)
    #expect(inv.keepGoing && inv.echo)
    #expect(inv.workspace == "/tmp/w")
    #expect(!inv.demo)
}

@Test func wordsAfterTheCommandBelongToIt() throws {
    let inv = try Invocation.parse(["--workspace", "w", "fetch", "--group", "julia", "-c", "x"])
    #expect(inv.words == ["fetch", "--group", "julia", "-c", "x"])
    #expect(inv.sources.isEmpty)
}

@Test func demoTakesTheSameOptions() throws {
    let inv = try Invocation.parse(["demo", "-c", "status"])
    #expect(inv.demo)
    #expect(inv.sources == [.command("status")])
    let kept = try Invocation.parse(["demo", "--keep", "/tmp/d", "-c", "status"])
    #expect(kept.keep == "/tmp/d" && kept.sources == [.command("status")])
}

@Test(arguments: [
    (["--format", "xml"], "--format must be table, tsv or json, not 'xml'"),
    (["-c"], "-c needs a value"),
    (["--bogus"], "unknown option '--bogus'"),
    (["--keep", "/tmp/d"], "unknown option '--keep'"),
    (["demo", "--keep"], "--keep needs a value"),
    (["--color", "pink"], "--color must be auto, always or never, not 'pink'"),
    (["-c", "status", "fetch"], "give either a COMMAND or -c/-f, not both"),
])
func rejectsBadArguments(arguments: [String], message: String) {
    #expect(throws: Invocation.UsageError(message: message)) { try Invocation.parse(arguments) }
}
