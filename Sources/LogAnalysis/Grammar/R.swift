extension ToolGrammar {
    /// R: testthat's report, `R CMD check`'s verdicts, the interpreter's `Error in …`.
    public static let r = ToolGrammar(
        name: "r",
        rules: [
            // `── Failure ('test-fold.R:18:3'): fold keeps NA rows ──` (testthat 3) or
            // `── 1. Failure: fold keeps NA rows (@test-fold.R#18) ──` (testthat 2): the expectation
            // that failed and its message, up to the blank line.
            BlockRule("testthat-failure", anchor: "── ", weight: 86, body: .untilBlank, maxBody: 8) { s in
                let rest = s.dropFirst(3).drop { $0.isNumber || $0 == "." || $0 == " " }
                return rest.starts("Failure") || rest.starts("Error")
            },
            BlockRule("testthat-counts", anchor: "[ FAIL ", role: .summary, weight: 60, body: .none) { s in
                Shape.nonZeroCount(s, before: " |")
            },
            // `* checking tests ... ERROR`, `* checking examples ... ERROR`: the check that failed,
            // with what it printed up to the next check.
            BlockRule(
                "rcheck-error", anchor: "* checking ", weight: 80, body: .until("* "), maxBody: 10
            ) { s in
                s.ends(" ERROR")
            },
            // A check that printed on while it ran, its verdict on a line of its own.
            BlockRule("rcheck-error", anchor: "ERROR", weight: 70, body: .until("* "), maxBody: 10) { s in
                s == "ERROR"
            },
            BlockRule(
                "rcheck-tests-failed", anchor: "Running the tests in ", role: .message, weight: 78,
                body: .none
            ) { s in
                s.ends(" failed.")
            },
            BlockRule("rcheck-status", anchor: "Status: ", role: .summary, weight: 56, body: .none) { s in
                s.has(" ERROR")
            },
            BlockRule(
                "error-in", anchor: "Error in ", role: .message, weight: 80, body: .indented, maxBody: 3
            ) { s in
                // `Error in f(x) : msg`, rlang's `Error in \`f()\`: msg`.
                s.has(" : ") || s.ends(" :") || s.has("`: ")
            },
            // testthat's last word after its report (`Error: Test failures`, then `Execution halted`):
            // the failures are above.
            BlockRule(
                "testthat-halted", anchor: "Error: Test failures", role: .summary, weight: 85, body: .none
            ) { s in
                s == "Error: Test failures"
            },
        ])
}
