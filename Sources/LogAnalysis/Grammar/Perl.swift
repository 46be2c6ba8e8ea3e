extension ToolGrammar {
    /// Perl's Test::More diagnostics and `prove`'s verdicts.
    public static let perl = ToolGrammar(
        name: "perl",
        rules: [
            // `#   Failed test 'wraps at the given width'`, then `#   at t/02-wrap.t line 31.` and the
            // got/expected lines, all led by `#`.
            BlockRule(
                "failed-test", anchor: "#   Failed test", weight: 86, body: .sameLead("#"), maxBody: 8),
            BlockRule(
                "dubious", anchor: "Dubious, test returned", position: .anywhere, role: .summary, weight: 62,
                body: .none),
            // The summary report's line per failing file: `t/02-wrap.t (Wstat: 256 (exited 1) Tests: 12
            // Failed: 1)`, and `Failed test:  7` under it.
            BlockRule(
                "prove-summary", anchor: "(Wstat: ", position: .anywhere, role: .summary, weight: 64,
                body: .indented, maxBody: 3),
            BlockRule("prove-result", anchor: "Result: FAIL", role: .summary, weight: 54, body: .none) { s in
                s == "Result: FAIL"
            },
        ])
}
