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

/// Whether a `go test` log line (`    x_test.go:12: message`, `t.Log`'s or `t.Error`'s) belongs to a
/// test that passed or was skipped. `go test -v` prints the lines either under the test's verdict
/// (before Go 1.14: `--- PASS: TestX (0.00s)`, then the indented lines) or between `=== RUN   TestX`
/// and its verdict (since 1.14; a subtest's verdict comes with its parent's, later).
///
/// | lines | the log line at the end / in the middle |
/// |---|---|
/// | `=== RUN   TestA`, `    a_test.go:5: info`, `--- PASS: TestA (0.00s)` | passed |
/// | `=== RUN   TestA/x`, `    a_test.go:5: info`, …, `    --- SKIP: TestA/x (0.00s)` | passed |
/// | `--- PASS: TestA (0.00s)`, `    a_test.go:5: info` | passed |
/// | `=== RUN   TestA`, `    a_test.go:5: boom`, `--- FAIL: TestA (0.00s)` | not |
/// | `--- FAIL: TestA (0.00s)`, `    a_test.go:5: boom` | not |
enum GoTestLog {
    /// How far a test's verdict is looked for from its `=== RUN` line, and its log line's header.
    static let reach = 4000

    static func passed(
        _ i: Int, _ lines: CleanedLog.View, _ shapes: UnsafeBufferPointer<LineShape>,
        _ verdicts: inout [Int: Bool]
    ) -> Bool {
        func text(_ j: Int) -> Substring { ExcerptExtractor.content(lines.text(j), shapes[j]) }
        func has(_ j: Int, _ prefix: String) -> Bool {
            ExcerptExtractor.hasPrefix(lines, j, from: shapes[j].textStart, prefix)
        }
        let indent = shapes[i].indent
        var j = i - 1
        while j >= 0 && i - j < 400 {
            if has(j, "--- ") {
                // Before Go 1.14 the log lines follow their test's verdict, indented under it.
                guard shapes[j].indent < indent else { return false }
                return has(j, "--- PASS: ") || has(j, "--- SKIP: ")
            }
            if has(j, "=== RUN ") || has(j, "=== CONT ") || has(j, "=== NAME ") {
                if let known = verdicts[j] { return known }
                let words = text(j).split(separator: " ", maxSplits: 3)
                guard words.count >= 3 else { return false }
                let name = words[2]
                var answer = false
                var k = j + 1
                while k < lines.count && k - j < reach {
                    if has(k, "--- "), text(k).has(": " + name + " (") {
                        answer = has(k, "--- PASS: ") || has(k, "--- SKIP: ")
                        break
                    }
                    k += 1
                }
                verdicts[j] = answer
                return answer
            }
            j -= 1
        }
        return false
    }
}
