extension ToolGrammar {
    /// Dart's and Flutter's test runner, analyzer and compiler.
    public static let dart = ToolGrammar(
        name: "dart",
        rules: [
            // `00:01 +2 -1: test/delta_test.dart: Delta compose merges adjacent retains [E]`: the
            // failing test, its expectation or exception and frames indented under it.
            BlockRule("test-failed", anchor: " [E]", position: .anywhere, weight: 86, body: .indented) { s in
                s.ends(" [E]")
            },
            // `══╡ EXCEPTION CAUGHT BY FLUTTER TEST FRAMEWORK ╞═══`: what was thrown and the
            // expectation, up to the blank line before the stack.
            BlockRule(
                "flutter-exception", anchor: "╡ EXCEPTION CAUGHT BY ", position: .anywhere, weight: 88,
                body: .untilBlank, maxBody: 8),
            BlockRule(
                "tests-failed", anchor: "Some tests failed.", position: .anywhere, role: .summary, weight: 56,
                body: .none),
            // `  error • The method 'x' isn't defined for the type 'Y' • lib/a.dart:42:23 • code`.
            BlockRule("analyzer-error", anchor: "error • ", role: .message, weight: 84, body: .none),
            // `lib/a.dart:42:23: Error: The method 'x' isn't defined for the class 'Y'.`
            BlockRule(
                "compile-error", anchor: ": Error: ", position: .anywhere, role: .message, weight: 84,
                body: .indented, maxBody: 4
            ) { s in
                Shape.diagnostic(s, word: "Error")
            },
        ])
}
