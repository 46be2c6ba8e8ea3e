import Testing

@testable import LineEditor

// The editor itself needs a terminal: Tests/EndToEndTests/InteractiveTests.swift drives it under
// tmux. Here: the match array libedit gets for several candidates starts with their common prefix.
@Suite struct CommonPrefixTests {
    @Test(arguments: [
        (["status", "summary"], "s"),
        (["julia/Foo.jl", "julia/Bar.jl"], "julia/"),
        (["fetch"], "fetch"),
        (["2026-11-28", "2026-11-27"], "2026-11-2"),
        (["abc", "xyz"], ""),
        (["é/ü", "é/x"], "é/"),
        ([], ""),
    ])
    func commonPrefixOfCandidates(_ words: [String], _ expected: String) {
        #expect(commonPrefix(words) == expected)
    }
}
