extension ToolGrammar {
    /// jest, mocha, npm, tsc, eslint and node's errors.
    public static let javascript = ToolGrammar(
        name: "javascript",
        rules: [
            BlockRule("jest-block", anchor: "● ", weight: 88, body: .indented, maxBody: 10) { s in
                !s.starts("● Console")
            },
            BlockRule(
                "mocha-failing", anchor: " failing", position: .anywhere, role: .summary, weight: 62,
                body: .none
            ) { s in
                Shape.nonZeroCount(s, before: " failing")
            },
            BlockRule(
                "mocha-failure", anchor: ") ", position: .anywhere, weight: 70, body: .indented, maxBody: 8
            ) { s in
                // `  1) Suite name` — numbered failure headers after `N failing`
                Shape.numbered(s, digits: 3)
            },
            BlockRule(
                "npm-err", anchor: "npm ERR! ", role: .message, weight: 74, body: .sameLead("npm ERR!"),
                maxBody: 8
            ) { s in
                !s.starts("npm ERR! A complete log") && !s.starts("npm ERR!     /")
            },
            BlockRule(
                "npm-error", anchor: "npm error ", role: .message, weight: 74, body: .sameLead("npm error"),
                maxBody: 8
            ) { s in
                !s.starts("npm error A complete log")
            },
            // Karma's reporters: `PhantomJS 2.1.1 (Linux 0.0.0) Suite renders week numbers FAILED`, the
            // browser at its version and platform, then the test; jasmine's message and frames are
            // tab-indented under it.
            BlockRule(
                "karma-failed", anchor: " FAILED", position: .anywhere, weight: 84, body: .indented,
                maxBody: 6
            ) { s in
                Shape.karmaFailed(s)
            },
            BlockRule(
                "tsc", anchor: ": error TS", position: .anywhere, role: .message, weight: 86, body: .none),
            BlockRule(
                "tsc", anchor: "): error TS", position: .anywhere, role: .message, weight: 86, body: .none),
            // vitest: ` FAIL  src/cart.test.ts > cart > totals include tax`, then its error; and its
            // counts, `Tests  1 failed | 7 passed (8)`.
            BlockRule("vitest-failed", anchor: "FAIL  ", weight: 86, body: .untilBlank, maxBody: 4) { s in
                s.has(" > ")
            },
            BlockRule(
                "vitest-counts", anchor: " failed | ", position: .anywhere, role: .summary, weight: 56,
                body: .none
            ) { s in
                s.starts("Tests ") || s.starts("Test Files ")
            },
            // tsc's pretty format (a terminal's, and `--pretty`): `src/a.ts:41:18 - error TS2339: …`.
            BlockRule(
                "tsc", anchor: "error TS", position: .anywhere, role: .message, weight: 86, body: .none
            ) { s in
                Shape.location(before: " - error TS", in: s)
            },
            BlockRule("tsc-found", anchor: "Found ", role: .summary, weight: 54, body: .none) { s in
                Shape.nonZeroCount(s, before: " error")
            },
            BlockRule(
                "eslint-error", anchor: "  error  ", position: .anywhere, role: .message, weight: 80,
                body: .none
            ) { s in
                s.first?.isNumber == true
            },
            BlockRule(
                "node-error", anchor: "Error: ", role: .message, weight: 78, body: .indented, maxBody: 4),
            BlockRule(
                "tap-not-ok", anchor: "not ok ", role: .header, weight: 82, body: .indented, maxBody: 10),
            BlockRule(
                "assertion", anchor: "AssertionError", position: .anywhere, role: .message, weight: 84,
                body: .indented, maxBody: 6
            ) { s in
                // The word, not a test named for it (`FailingTest#testAssertionError` in a log line).
                guard let r = s.bytes(of: "AssertionError") else { return false }
                guard r.lowerBound > s.startIndex else { return true }
                let before = s.utf8[s.utf8.index(before: r.lowerBound)]
                return !(before &- 0x41 < 26 || before &- 0x61 < 26 || before &- 0x30 < 10)
            },
        ])
}

extension Shape {
    /// `Browser 1.2.3 (Platform 0.0.0) … FAILED`: a browser's name at its version, its platform in
    /// parentheses, a test's name, `FAILED` at the end.
    static func karmaFailed(_ s: Substring) -> Bool {
        guard s.ends(" FAILED"), let open = s.firstIndex(of: "("), let close = s[open...].firstIndex(of: ")"),
            s[close...].starts(") ")
        else { return false }
        let version = s[..<open].dropLast().split(separator: " ").last ?? ""
        return version.first?.isNumber == true && version.contains(".")
            && version.allSatisfy { $0.isNumber || $0 == "." }
    }
}
