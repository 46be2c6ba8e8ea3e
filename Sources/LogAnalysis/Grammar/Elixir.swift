extension ToolGrammar {
    /// Elixir's and Erlang's runtimes and test runners (ExUnit, EUnit, Common Test).
    public static let elixir = ToolGrammar(
        name: "elixir",
        rules: [
            // `** (FunctionClauseError) no function clause matching in Relay.Body.parse/2`,
            // `** (CompileError) lib/a.ex:3: undefined function foo/0`: an exception as the runtime
            // prints it.
            BlockRule("exception", anchor: "** (", role: .message, weight: 86, body: .indented, maxBody: 6) {
                s in
                s.dropFirst(4).first?.isUppercase == true && s.has(") ")
            },
            // rebar3's Common Test: `%%% kvstore_SUITE ==> expired_key_is_not_returned: FAILED`.
            BlockRule("ct-failed", anchor: "%%% ", weight: 84, body: .untilBlank, maxBody: 6) { s in
                s.has(" ==> ") && s.ends(": FAILED")
            },
            // `23 tests, 2 failures` (ExUnit, rebar3's EUnit): the run's count, not zero, alone on
            // its line (XCTest's `Executed 9 tests, with 1 failure` is its own).
            BlockRule(
                "counts", anchor: " tests, ", position: .anywhere, role: .summary, weight: 56, body: .none
            ) { s in
                s.first?.isNumber == true && Shape.nonZeroCount(s, before: " failure")
            },
        ])
}
