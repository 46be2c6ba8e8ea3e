extension ToolGrammar {
    /// RSpec, minitest and rubocop.
    public static let ruby = ToolGrammar(
        name: "ruby",
        rules: [
            // The heading over the failed examples: the examples above it (`Pending:`'s numbered
            // list, `# TODO` under each) did not fail.
            BlockRule("rspec-failures", anchor: "Failures:", weight: 60, body: .none, announces: true) { s in
                s == "Failures:"
            },
            BlockRule(
                "rspec-failure", anchor: ") ", position: .anywhere, weight: 84, body: .indented, maxBody: 10
            ) { s in
                Shape.numbered(s, digits: 4)
            },
            BlockRule(
                "rspec-summary", anchor: " failure", position: .anywhere, role: .summary, weight: 58,
                body: .none
            ) { s in
                s.has(" example") && Shape.nonZeroCount(s, before: " failure")
            },
            BlockRule(
                "rspec-rerun", anchor: "rspec ./", role: .summary, weight: 66, body: .sameLead("rspec ./"),
                maxBody: 10),
            BlockRule("rubocop-offenses", anchor: "Offenses:", weight: 70, body: .untilBlank, maxBody: 10),
            BlockRule(
                "rubocop-offense", anchor: ": C: ", position: .anywhere, role: .message, weight: 80,
                body: .none),
            BlockRule(
                "rubocop-offense", anchor: ": W: ", position: .anywhere, role: .message, weight: 78,
                body: .none),
            BlockRule(
                "rubocop-offense", anchor: ": E: ", position: .anywhere, role: .message, weight: 82,
                body: .none),
            BlockRule(
                "rubocop-offense", anchor: ": F: ", position: .anywhere, role: .message, weight: 82,
                body: .none),
            BlockRule(
                "rubocop-summary", anchor: " offense", position: .anywhere, role: .summary, weight: 58,
                body: .none
            ) { s in
                s.has("inspected") && Shape.nonZeroCount(s, before: " offense")
            },
            BlockRule("minitest-failure", anchor: "Failure:", weight: 84, body: .untilBlank, maxBody: 8),
            // A test that raised: `Error:`, the test (`LedgerTest#test_retries:`), the exception
            // and its frames (`  1) Error:` in minitest's own reporter, bare in Rails').
            // (Above the exception rules' 84: the `Error:` line is the header, not a message.)
            BlockRule("minitest-error", anchor: "Error:", weight: 85, body: .untilBlank, maxBody: 8) { s in
                s == "Error:"
            },
            BlockRule(
                "minitest-error", anchor: ") Error:", position: .anywhere, weight: 85, body: .untilBlank,
                maxBody: 8
            ) {
                s in
                Shape.numbered(s, digits: 4) && s.ends(") Error:")
            },
        ])
}
