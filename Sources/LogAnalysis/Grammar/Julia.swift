extension ToolGrammar {
    /// Julia's `Test`, `Pkg` and the REPL's error reports.
    public static let julia = ToolGrammar(
        name: "julia",
        rules: [
            BlockRule("test-failed", anchor: "Test Failed at ", position: .anywhere, weight: 90),
            BlockRule("error-during-test", anchor: "Error During Test at ", position: .anywhere, weight: 90),
            BlockRule(
                "signal", anchor: "] signal (", position: .anywhere, role: .message, weight: 92,
                body: .untilBlank, maxBody: 6),
            BlockRule("test-threw", anchor: "Test threw exception", weight: 60),
            BlockRule(
                "expression", anchor: "Expression: ", role: .message, weight: 70, body: .indented, maxBody: 2),
            BlockRule("load-error", anchor: "LoadError: ", position: .anywhere, role: .message, weight: 88),
            // Pkg's `ERROR: The following 1 direct dependency failed to precompile:` announces the
            // package, then the error that stopped it (`ERROR: LoadError: UndefVarError: …`, a
            // signal) a few lines down: that is the message.
            BlockRule(
                "precompile-failed", anchor: "failed to precompile:", position: .anywhere, weight: 87,
                body: .none),
            // (Its `Failed to precompile X [uuid] to "…/jl_AbC123".`, the cache file's random name
            // in it, is the same announcement.)
            BlockRule("precompile-failed", anchor: "Failed to precompile ", weight: 87, body: .none),
            BlockRule("error", anchor: "ERROR: ", role: .message, weight: 86) { s in
                !s.starts("ERROR: Job failed") && !s.starts("ERROR: No files to upload")
                    && !s.starts("ERROR: Step ")  // a Jenkins post-build step (`runner/jenkins-post-step`)
                    // unittest's header (`python/unittest-error`)
                    && !Shape.unittestTest(s, after: "ERROR: ")
            },
            // The logging macros' `@error` (`ConsoleLogger`): `┌ Error: message`, its `│ ` lines, then
            // `└ @ Module file:line`. Below `ERROR:`'s band, so a logged error never takes the key
            // from the exception that ended the run; the whole box is one block.
            BlockRule(
                "log-error", anchor: "┌ Error: ", role: .message, weight: 78, body: .through("└ "),
                maxBody: 40),
            BlockRule(
                "package-errored", anchor: " errored during testing", position: .anywhere, role: .summary,
                weight: 62,
                body: .none),
            BlockRule(
                "unsatisfiable", anchor: "Unsatisfiable requirements", position: .anywhere, role: .message,
                weight: 92),
            BlockRule(
                "some-tests-did-not-pass", anchor: "Some tests did not pass", role: .summary, weight: 60,
                body: .none),
            BlockRule(
                "test-summary", anchor: "Test Summary:", role: .summary, weight: 55, body: .indented,
                maxBody: 3
            ) { s in
                s.has("Fail") || s.has("Error")
            },
        ])
}
