extension ToolGrammar {
    /// `go test`, `go build`, `go vet` and the runtime's panics and race reports.
    public static let go = ToolGrammar(
        name: "go",
        rules: [
            BlockRule("fail", anchor: "--- FAIL: ", weight: 86),
            BlockRule(
                "test-line", anchor: "_test.go:", position: .anywhere, role: .message, weight: 88,
                body: .indented, maxBody: 6
            ) { s in
                guard let r = s.bytes(of: "_test.go:") else { return false }
                return s[r.upperBound...].first?.isNumber == true
            },
            BlockRule("panic", anchor: "panic: ", role: .message, weight: 92, body: .untilBlank, maxBody: 6),
            // The panicking goroutine's stack, after the blank line under `panic:` (the test's own
            // frames are in it); other goroutines' stacks stay out.
            BlockRule(
                "goroutine", anchor: "goroutine ", role: .summary, weight: 58, body: .untilBlank, maxBody: 24
            ) { s in
                s.ends("[running]:")
            },
            BlockRule(
                "fatal", anchor: "fatal error: ", role: .message, weight: 90, body: .untilBlank, maxBody: 4),
            // The race report, both goroutines' stacks, through its closing line of `=`.
            BlockRule(
                "race", anchor: "WARNING: DATA RACE", weight: 90, body: .through("=========="), maxBody: 40),
            BlockRule(
                "build-error", anchor: ".go:", position: .anywhere, role: .message, weight: 84, body: .none
            ) { s in
                // path/x.go:12:3: message
                guard let r = s.bytes(of: ".go:") else { return false }
                let rest = s[r.upperBound...]
                return rest.first?.isNumber == true && !s.starts("\t") && rest.has(": ")
                    && !s[s.startIndex..<r.lowerBound].has(" ")
            },
            BlockRule("fail-package", anchor: "FAIL\t", role: .summary, weight: 56, body: .none),
            BlockRule("fail-package", anchor: "FAIL ", role: .summary, weight: 56, body: .none) { s in
                s.has("/") || s.has("[build failed]") || s.has("[setup failed]")
            },
        ])
}
