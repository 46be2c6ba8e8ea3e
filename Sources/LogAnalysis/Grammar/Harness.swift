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
            // pre-commit: `black..........Failed`, then `- hook id: black` and the hook's own output.
            BlockRule(
                "pre-commit-hook", anchor: "Failed", position: .anywhere, weight: 80, body: .untilBlank,
                maxBody: 4
            ) { s in
                s.ends("...Failed")
            },
            // Ansible's recap: `web1 : ok=2 changed=1 unreachable=0 failed=1 …`, a host that failed.
            BlockRule(
                "ansible-recap", anchor: " failed=", position: .anywhere, role: .summary, weight: 56,
                body: .none
            ) { s in
                s.has(" unreachable=") && !s.has(" failed=0 ")
                    || s.has(" unreachable=") && !s.has(" unreachable=0 ")
            },
            BlockRule(
                "assertion", anchor: "Assertion failed", position: .anywhere, role: .message, weight: 84,
                body: .none),
        ])
}
