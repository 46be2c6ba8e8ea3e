import Testing
import TriageCore
@testable import TriageShell

let sample = CommandOutput(
    text: ["night 2026-11-28: 2 failed"],
    table: Table(columns: ["PROJECT", "JOB", "ID"], numeric: [2], rows: [
        [Cell("julia/Foo.jl"), Cell("test\tjulia", .bad), Cell("7")],
        [Cell("a"), Cell("docs"), Cell("12345")],
    ]),
    json: .object(["b": .int(2), "a": .array([.string("x<y>\n"), .null, .bool(true), .double(1.5)])]))

@Test func rendersAnAlignedTable() {
    let text = Renderer(format: .table, color: false).render(sample)
    #expect(text == """
        night 2026-11-28: 2 failed
        PROJECT       JOB            ID
        julia/Foo.jl  test julia      7
        a             docs        12345

        """)
}

@Test func colourOnlyWhenAsked() {
    let text = Renderer(format: .table, color: true).render(sample)
    #expect(text.contains("\u{1B}[31mtest julia"))
    #expect(!Renderer(format: .table, color: false).render(sample).contains("\u{1B}"))
}

@Test func alignsNonASCIICellsByCharactersAndColoursWithoutMovingColumns() {
    let table = CommandOutput(
        text: [],
        table: Table(columns: ["NAME", "N"], numeric: [1], rows: [
            [Cell("Überprüfung ✗"), Cell("3", .bad)],
            [Cell("e\u{301}te\u{301}"), Cell("12")],
        ]),
        json: .null)
    #expect(Renderer(format: .table, color: false).render(table) == """
        NAME            N
        Überprüfung ✗   3
        e\u{301}te\u{301}            12

        """)
    #expect(Renderer(format: .table, color: true).render(table) == """
        \u{1B}[1mNAME         \u{1B}[0m  \u{1B}[1m N\u{1B}[0m
        Überprüfung ✗  \u{1B}[31m 3\u{1B}[0m
        e\u{301}te\u{301}            12

        """)
}

@Test func rendersTSVWithoutDecoration() {
    #expect(Renderer(format: .tsv, color: true).render(sample) == "project\tjob\tid\njulia/Foo.jl\ttest julia\t7\na\tdocs\t12345\n")
}

@Test func rendersSortedEscapedJSON() {
    #expect(Renderer(format: .json, color: false).render(sample) == """
        {
          "a": [
            "x\\u003cy>\\n",
            null,
            true,
            1.5
          ],
          "b": 2
        }

        """)
}

@Test func emptyTableSaysNone() {
    let output = CommandOutput(table: Table(columns: ["A"]), json: .array([]))
    #expect(Renderer(format: .table, color: false).render(output) == "A\n(none)\n")
}

@Test(arguments: [
    (RemoteError(kind: .unauthorized, method: "GET", url: "https://g/api/v4/projects", status: 401, message: nil),
     "GitLab rejected the token (401 Unauthorized) — check GITLAB_TOKEN (a personal access token with the read_api scope)"),
    (RemoteError(kind: .notFound, method: "GET", url: "https://g/api/v4/projects/x%2Fy", status: 404, message: "404 Project Not Found", subject: "x/y"),
     "GitLab has no project or group 'x/y' visible to this token (404: 404 Project Not Found) — check the path (triage.toml [scope] or --group/--project)"),
    (RemoteError(kind: .unreachable, method: "GET", url: "http://127.0.0.1:9/api/v4/projects", message: "connection refused"),
     "cannot reach GitLab: GET http://127.0.0.1:9/api/v4/projects: connection refused — check GITLAB_URL and the network; nothing fetched so far is lost"),
])
func remoteErrorsSayWhatAndWhatNext(error: RemoteError, message: String) {
    #expect(ErrorFormatter.message(for: error) == message)
}

@Test func anExpiredTokenSaysSo() {
    let error = RemoteError(
        kind: .unauthorized, method: "GET", url: "https://g/api/v4/projects", status: 401,
        message: "Token is expired. You can either do re-authorization or token refresh.")
    #expect(
        ErrorFormatter.message(for: error)
            == "GitLab rejected the token (401: Token is expired. You can either do re-authorization or token refresh.) — check GITLAB_TOKEN (a personal access token with the read_api scope)"
    )
}

/// Issue 14 item 9: untrusted text (notes, titles, trace lines) never drives the terminal.
@Test(arguments: [OutputFormat.table, .tsv])
func controlCharactersInCellsAreShownNotSentToTheTerminal(format: OutputFormat) {
    let output = CommandOutput(
        table: Table(columns: ["NOTE"], rows: [
            [Cell("\u{1B}[31mred\u{1B}[0m\u{07}")],
            [Cell("a\u{0}b\u{7F}c\u{9B}2Jd\u{8}e")],
        ]),
        json: .null)
    let header = format == .tsv ? "note" : "NOTE"
    #expect(Renderer(format: format, color: false).render(output) == """
        \(header)
        ␛[31mred␛[0m␇
        a␀b␡c\u{FFFD}2Jd␈e

        """)
}
