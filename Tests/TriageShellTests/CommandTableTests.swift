import Foundation
import Testing
import TriageCore
@testable import TriageShell

@Test func everyExampleInTheTableParses() throws {
    for spec in CommandTable.standard.commands {
        #expect(!spec.examples.isEmpty, "\(spec.name) has no example")
        for example in spec.examples {
            let parsed = try CommandTable.standard.parse(try Lexer.words(example))
            #expect(parsed.spec.name == spec.name)
        }
    }
}

@Test func parsesOptionsAndOperands() throws {
    let parsed = try CommandTable.standard.parse([
        "fetch", "--group", "julia", "--group=tools", "--nights", "7",
    ])
    #expect(parsed.values("group") == ["julia", "tools"])
    #expect(parsed.option("nights") == "7")
    #expect(parsed.int("nights") == 7)
    let help = try CommandTable.standard.parse(["?", "fetch"])
    #expect(help.spec.name == "help")
    #expect(help.operands == ["fetch"])
}

@Test(arguments: [
    (["faliures"], "unknown command 'faliures' — did you mean 'failures'?"),
    (["fecth"], "unknown command 'fecth' — did you mean 'fetch'?"),
    (["stat"], "unknown command 'stat' — did you mean 'status'?"),
    (["frobnicate"], "unknown command 'frobnicate' — type 'help' for the list of commands"),
    (["fetch", "--grop", "x"], "fetch: unknown option '--grop' — did you mean '--group'?"),
    (
        ["fetch", "--nights"],
        "fetch: --nights needs a value (N) — usage: fetch [--group GROUP]... [--project PROJECT]... [--nights N] [--source SOURCE] [--concurrency N]"
    ),
    (
        ["fetch", "--nights", "1", "--nights", "2"],
        "fetch: --nights given twice — usage: fetch [--group GROUP]... [--project PROJECT]... [--nights N] [--source SOURCE] [--concurrency N]"
    ),
    (["status", "now"], "status: unexpected 'now' — usage: status"),
    (["summary", "a", "b"], "summary: unexpected 'b' — usage: summary [NIGHT]"),
    (
        ["failures", "7d", "--triaged", "--untriaged"],
        "failures: --untriaged and --triaged cannot be given together — usage: failures [RANGE] [--project PROJECT] [--stage STAGE] [--reason REASON] [--name GLOB] [--cluster CLUSTER] [--new] [--with-warnings] [--untriaged | --triaged]"
    ),
    (
        ["issues", "--state", "open"],
        "issues: --state must be opened, closed or all, not 'open' — usage: issues [PROJECT] [--ranked] [--search TEXT] [--state STATE]"
    ),
    (
        ["streaks", "--kind=broken"],
        "streaks: --kind must be new, recovered, failing or flapping, not 'broken' — usage: streaks [RANGE] [--project PROJECT] [--kind KIND]"
    ),
    (
        ["fetch", "--source", "push"],
        "fetch: --source must be schedule or all, not 'push' — usage: fetch [--group GROUP]... [--project PROJECT]... [--nights N] [--source SOURCE] [--concurrency N]"
    ),
    (
        ["assign", "cluster", "c-1", "isue", "45"],
        "assign: expected 'issue', not 'isue' — did you mean 'issue'?"
    ),
    (
        ["assign", "jobs", "12", "issue", "45"],
        "assign: KIND must be job or cluster, not 'jobs' — did you mean 'assign job'?"
    ),
    (["diff", "pipeline", "12"], "diff: expected 'job', not 'pipeline' — usage: diff job N"),
    (
        ["unassign", "issue", "12"],
        "unassign: KIND must be job or cluster, not 'issue' — usage: unassign job|cluster ID"
    ),
])
func reportsBadCommands(words: [String], message: String) {
    do {
        _ = try CommandTable.standard.parse(words)
        Issue.record("parsed \(words)")
    } catch {
        #expect(ErrorFormatter.message(for: error) == message)
    }
}

/// A parse error is a value carrying what did not fit, so callers and tests match on data, not on
/// wording; the wording is `UsageError.shellError`'s, one per case.
@Test func parseErrorsAreUsageErrorValues() throws {
    #expect(throws: UsageError.unknownCommand("fecth", guess: "fetch")) {
        try CommandTable.standard.parse(["fecth"])
    }
    #expect(throws: UsageError.unexpectedOperand(command: "status", word: "now", usage: "status")) {
        try CommandTable.standard.parse(["status", "now"])
    }
    #expect(throws: UsageError.notATimeRange(command: "clusters", TimeRange.ParseError(text: "7days"))) {
        try CommandTable.standard.parse(["clusters", "7days"])
    }
    // A project where a RANGE may also stand is left to the command (`pipelines julia/Foo.jl`).
    #expect(try CommandTable.standard.parse(["pipelines", "julia/Foo.jl", "7d"]).operands.count == 2)
    #expect(throws: UsageError.notAPositiveNumber(command: "show job", what: "job id", text: "-3")) {
        try integer("-3", "job id", command: "show job")
    }
    #expect(
        ErrorFormatter.message(
            for: UsageError.missingOperand(command: "trace", operand: "job id", usage: nil))
            == "trace: missing job id")
}

/// An option with choices takes only those; one with a default answers it when not given, and
/// help shows both from the declaration.
@Test func choicesAndDefaultsComeFromTheDeclaration() throws {
    #expect(try CommandTable.standard.parse(["issues"]).option("state") == "opened")
    #expect(try CommandTable.standard.parse(["issues", "--state", "all"]).option("state") == "all")
    #expect(try CommandTable.standard.parse(["streaks"]).option("kind") == nil)
    let state = try #require(CommandTable.standard.lookup("issues")?.options.first { $0.name == "state" })
    #expect(state.described == "the issues' state: opened, closed or all (default opened)")
    #expect(state.completion == .values(["opened", "closed", "all"]))
    let help = helpLines(try #require(CommandTable.standard.lookup("issues")), width: nil)
    #expect(help.contains("  --state STATE    the issues' state: opened, closed or all (default opened)"))
    #expect(help.contains("  --format FORMAT  this command's output: table, tsv or json"))
}

/// A whole-number option is checked when the line is parsed, against its declared range, before
/// the command runs; its declared default is what it answers, and what help says.
@Test func intOptionsAreRangeCheckedWhenParsed() throws {
    let usage = try #require(CommandTable.standard.lookup("suspects")).usage
    for bad in ["0", "1001", "five", "2.5"] {
        #expect(
            throws: UsageError.notANumberInRange(
                command: "suspects", option: "top", range: 1...1000, value: bad, usage: usage)
        ) { try CommandTable.standard.parse(["suspects", "--top", bad]) }
    }
    #expect(try CommandTable.standard.parse(["suspects", "--top", "1000"]).int("top") == 1000)
    #expect(try CommandTable.standard.parse(["suspects"]).int("top") == 5)
    let help = helpLines(try #require(CommandTable.standard.lookup("suspects")), width: nil)
    #expect(help.contains { $0.contains("suspects per night (default 5)") })
}

/// docs/commands.md is generated from the table; this fails when it is stale.
/// Regenerate with `swift run triage help --markdown > docs/commands.md`.
@Test func commandsDocumentIsFresh() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let committed = try String(contentsOf: root.appendingPathComponent("docs/commands.md"), encoding: .utf8)
    #expect(
        committed == CommandTable.standard.markdown() + "\n",
        "docs/commands.md is stale: run `swift run triage help --markdown > docs/commands.md`")
}
