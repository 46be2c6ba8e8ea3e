import Testing
@testable import TriageShell

@Test(arguments: [
    ("failures last-night", ["failures", "last-night"]),
    ("  fetch   --group  julia\t", ["fetch", "--group", "julia"]),
    (
        "assign job 1 issue 2 --note 'upstream DataFrames 1.7'",
        ["assign", "job", "1", "issue", "2", "--note", "upstream DataFrames 1.7"]
    ),
    (#"pattern test "Killed|OOM \"x\"""#, ["pattern", "test", #"Killed|OOM "x""#]),
    (#"say "a\nb""#, ["say", #"a\nb"#]),
    ("--note=\"a b\"", ["--note=a b"]),
    ("fetch # comment here", ["fetch"]),
    ("# only a comment", []),
    ("", []),
    ("issue a#1", ["issue", "a#1"]),
    ("''", [""]),
])
func splitsWords(line: String, words: [String]) throws {
    #expect(try Lexer.words(line) == words)
}

@Test(arguments: [("say 'open", "unterminated ' quote"), ("say \"open", "unterminated \" quote")])
func rejectsUnterminatedQuotes(line: String, message: String) {
    #expect(throws: Lexer.Failure(message: message)) { try Lexer.words(line) }
}
