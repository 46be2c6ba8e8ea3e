extension ToolGrammar {
    /// The CI runner's own failures: its timeouts, aborts, system failures and lost workers.
    public static let runner = ToolGrammar(
        name: "runner",
        rules: [
            BlockRule(
                "aborting", anchor: "[taskcluster:error]", role: .message, weight: 84,
                body: .sameLead("[taskcluster:error]"), maxBody: 4),
            BlockRule(
                "max-run-time", anchor: "max run time exceeded", position: .anywhere, caseSensitive: false,
                role: .message, weight: 94, body: .none),
            BlockRule(
                "timed-out", anchor: "timed out", position: .anywhere, role: .message, weight: 62, body: .none
            ),
            BlockRule(
                "cancelled", anchor: "The operation was canceled", position: .anywhere, role: .message,
                weight: 80, body: .none),
            BlockRule(
                "cancelled", anchor: "The job was canceled", position: .anywhere, role: .message, weight: 80,
                body: .none),
            BlockRule(
                "lost-runner", anchor: "lost communication with the server", position: .anywhere,
                role: .message, weight: 90, body: .none),
            BlockRule(
                "signal", anchor: "signal: SIG", position: .anywhere, caseSensitive: false, role: .message,
                weight: 90, body: .none),
            BlockRule(
                "signal", anchor: "signal SIG", position: .anywhere, role: .message, weight: 88, body: .none),
            // Jenkins: the agent's own failure (a lost channel, a checkout that died) and its trace.
            BlockRule(
                "jenkins-fatal", anchor: "FATAL: ", role: .message, weight: 90, body: .untilBlank,
                maxBody: 40),
            // Jenkins: a post-build step that failed (`ERROR: Step ‘Publish JUnit test result report’
            // failed: No test report files were found.`), under the step's own last words. Printed
            // after the build step's verdict, it is how the job ended, not why: below the strong
            // band once after a verdict, shown only with room to spare (`ExcerptExtractor`).
            BlockRule(
                "jenkins-post-step", anchor: "ERROR: Step ", role: .message, weight: 78, body: .none,
                reportsPrevious: true, afterVerdict: true
            ) { s in
                s.has(" failed:")
            },
            // A line the CI marked as an error, but for its own verdict on the step.
            BlockRule("runner-error", anchor: "##[error]", role: .message, weight: 70, body: .none) { s in
                !ExcerptExtractor.isVerdict(s)
            },
        ])
}
