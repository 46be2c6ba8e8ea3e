extension ToolGrammar {
    /// Test harnesses that report one line per failing test: Mozilla's (`TEST-UNEXPECTED-FAIL | …`),
    /// TAP, and `PROCESS-CRASH`.
    public static let harness = ToolGrammar(
        name: "harness",
        rules: [
            BlockRule(
                "unexpected", anchor: "TEST-UNEXPECTED-", position: .anywhere, role: .message, weight: 88,
                body: .none),
            BlockRule(
                "process-crash", anchor: "PROCESS-CRASH", position: .anywhere, role: .message, weight: 90,
                body: .none),
            BlockRule(
                "crash", anchor: "Hit MOZ_CRASH", position: .anywhere, role: .message, weight: 86, body: .none
            ),
            BlockRule(
                "assertion", anchor: "Assertion failure:", position: .anywhere, role: .message, weight: 88,
                body: .none),
            BlockRule(
                "assertion", anchor: "Assertion failed", position: .anywhere, role: .message, weight: 84,
                body: .none),
        ])
}
