import Testing
import TriageCore
@testable import TriageShell

let sample = CommandOutput(
    text: ["night 2026-11-28: 2 failed"],
    table: Table(
        columns: ["PROJECT", "JOB", "ID"], numeric: [2],
        rows: [
            [Cell("julia/Foo.jl"), Cell("test\tjulia", .bad), Cell("7")],
            [Cell("a"), Cell("docs"), Cell("12345")],
        ]),
    json: .object(["b": .int(2), "a": .array([.string("x<y>\n"), .null, .bool(true), .double(1.5)])]))

@Test func rendersAnAlignedTable() {
    let text = Renderer(format: .table, color: false).render(sample)
    #expect(
        text == """
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
        table: Table(
            columns: ["NAME", "N"], numeric: [1],
            rows: [
                [Cell("Überprüfung ✗"), Cell("3", .bad)],
                [Cell("e\u{301}te\u{301}"), Cell("12")],
            ]),
        json: .null)
    #expect(
        Renderer(format: .table, color: false).render(table) == """
            NAME            N
            Überprüfung ✗   3
            e\u{301}te\u{301}            12

            """)
    #expect(
        Renderer(format: .table, color: true).render(table) == """
            \u{1B}[1mNAME         \u{1B}[0m  \u{1B}[1m N\u{1B}[0m
            Überprüfung ✗  \u{1B}[31m 3\u{1B}[0m
            e\u{301}te\u{301}            12

            """)
}

@Test func rendersTSVWithoutDecoration() {
    #expect(
        Renderer(format: .tsv, color: true).render(sample)
            == "project\tjob\tid\njulia/Foo.jl\ttest julia\t7\na\tdocs\t12345\n")
}

@Test func rendersSortedEscapedJSON() {
    #expect(
        Renderer(format: .json, color: false).render(sample) == """
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
    (
        RemoteError(
            kind: .unauthorized, method: "GET", url: "https://g/api/v4/projects", status: 401, message: nil),
        "GitLab rejected the token (401 Unauthorized) — check GITLAB_TOKEN (a personal access token with the read_api scope)"
    ),
    (
        RemoteError(
            kind: .notFound, method: "GET", url: "https://g/api/v4/projects/x%2Fy", status: 404,
            message: "404 Project Not Found", subject: "x/y"),
        "GitLab has no project or group 'x/y' visible to this token (404: 404 Project Not Found) — check the path (triage.toml [scope] or --group/--project)"
    ),
    (
        RemoteError(
            kind: .unreachable, method: "GET", url: "http://127.0.0.1:9/api/v4/projects",
            message: "connection refused"),
        "cannot reach GitLab: GET http://127.0.0.1:9/api/v4/projects: connection refused — check GITLAB_URL and the network; nothing fetched so far is lost"
    ),
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
        table: Table(
            columns: ["NOTE"],
            rows: [
                [Cell("\u{1B}[31mred\u{1B}[0m\u{07}")],
                [Cell("a\u{0}b\u{7F}c\u{9B}2Jd\u{8}e")],
            ]),
        json: .null)
    let header = format == .tsv ? "note" : "NOTE"
    #expect(
        Renderer(format: format, color: false).render(output) == """
            \(header)
            ␛[31mred␛[0m␇
            a␀b␡c\u{FFFD}2Jd␈e

            """)
}

/// Issue 14, item 10: on a terminal a table is laid out to the terminal's width; in a pipe (no
/// width), as TSV and as JSON it stays whole.
let wideOutput = CommandOutput(
    table: Table(
        columns: ["NIGHT", "ID", "NAME", "KEY LINE", "URL"], numeric: [1],
        rows: [
            [
                Cell("2026-11-28"), Cell("7"), Cell("a"),
                Cell("error: something went badly wrong in the build step here"), Cell("https://x/1"),
            ],
            [Cell("2026-11-28"), Cell("12345"), Cell("docs"), Cell("short"), Cell("https://x/12345")],
        ],
        layout: TerminalLayout(order: [1, 2, 3, 4], shrinks: [3], drops: [4])),
    json: .null)

@Test func aWideTableShrinksItsKeyLineAndDropsWhatIsOneCommandAway() {
    // 30 columns: the URL goes (the rest would not fit with a readable key line), the key line is
    // cut with … to what is left, the NIGHT the layout leaves out is not shown.
    #expect(
        Renderer(format: .table, color: false, width: 30).render(wideOutput) == """
               ID  NAME  KEY LINE
                7  a     error: something…
            12345  docs  short

            """)
    // Room for everything with a comfortable key line: the URL stays, the key line gives way.
    #expect(
        Renderer(format: .table, color: false, width: 70).render(wideOutput) == """
               ID  NAME  KEY LINE                                  URL
                7  a     error: something went badly wrong in th…  https://x/1
            12345  docs  short                                     https://x/12345

            """)
    // Never narrower than 12 columns: a table that cannot fit wraps rather than say nothing.
    #expect(
        Renderer(format: .table, color: false, width: 10).render(wideOutput) == """
               ID  NAME  KEY LINE
                7  a     error: some…
            12345  docs  short

            """)
}

@Test func namesAreCutAtTheirStartSoTheirEndsStillTellRowsApart() {
    let output = CommandOutput(
        table: Table(
            columns: ["PROJECT", "KEY LINE"],
            rows: [
                [
                    Cell("julia/SparseUtilsA.jl"),
                    Cell("error: something went badly wrong in the build step here"),
                ],
                [Cell("julia/SparseUtilsB.jl"), Cell("short")],
            ],
            layout: TerminalLayout(shrinks: [1, 0], keepsEnd: [0])),
        json: .null)
    #expect(
        Renderer(format: .table, color: false, width: 38).render(output) == """
            PROJECT       KEY LINE
            …seUtilsA.jl  error: something went b…
            …seUtilsB.jl  short

            """)
}

@Test func aTableThatFitsOrHasNoWidthIsWholeAndTSVIgnoresTheLayout() {
    let whole = """
           ID  NAME  KEY LINE                                                  URL
            7  a     error: something went badly wrong in the build step here  https://x/1
        12345  docs  short                                                     https://x/12345

        """
    #expect(Renderer(format: .table, color: false, width: nil).render(wideOutput) == whole)
    #expect(Renderer(format: .table, color: false, width: 200).render(wideOutput) == whole)
    #expect(
        Renderer(format: .tsv, color: false, width: 30).render(wideOutput) == """
            night\tid\tname\tkey line\turl
            2026-11-28\t7\ta\terror: something went badly wrong in the build step here\thttps://x/1
            2026-11-28\t12345\tdocs\tshort\thttps://x/12345

            """)
}

/// A cell's width is its characters: the fast count of scalars that never combine agrees with
/// Swift's grapheme count, and anything that can combine is counted as graphemes.
@Test(arguments: [
    "julia/Foo.jl", "█·█·██··", "café", "→ … – “x”", "e\u{301}t\u{301}e\u{301}", "👍🏽 ok", "🇫🇷", "한국어",
    "\u{2588}\u{200D}\u{2588}", "",
])
func widthIsTheCharacterCount(text: String) {
    #expect(Renderer.width(text) == text.count)
}
