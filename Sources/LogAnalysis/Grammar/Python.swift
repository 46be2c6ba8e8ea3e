extension ToolGrammar {
    /// CPython tracebacks, pytest and unittest.
    public static let python = ToolGrammar(
        name: "python",
        rules: [
            BlockRule(
                "traceback", anchor: "Traceback (most recent call last):", weight: 80, body: .traceback),
            // unittest's loader, when a test file fails to import, says so above the traceback; the
            // exception that closes the traceback is what failed.
            BlockRule(
                "unittest-import", anchor: "ImportError: Failed to import test module: ", weight: 86,
                body: .none
            ),
            BlockRule(
                "exception", anchor: "Error", position: .anywhere, role: .message, weight: 84,
                body: .indented, maxBody: 4
            ) { s in
                Shape.exceptionLine(s)
            },
            BlockRule(
                "exception", anchor: "Exception", position: .anywhere, role: .message, weight: 84,
                body: .indented, maxBody: 4
            ) { s in
                Shape.exceptionLine(s)
            },
            // A warning raised as an error (`-W error`) ends its traceback as an exception does:
            // `DeprecationWarning: datetime.datetime.utcfromtimestamp() is deprecated`. Printed
            // warnings start with their file and line, and a bare `Warning:` is any tool's.
            BlockRule(
                "warning-raised", anchor: "Warning: ", position: .anywhere, role: .message, weight: 84,
                body: .indented,
                maxBody: 4
            ) { s in
                Shape.raisedWarning(s)
            },
            BlockRule(
                "pytest-e", anchor: "E   ", role: .message, weight: 88, body: .sameLead("E "), maxBody: 12),
            BlockRule(
                "pytest-e", anchor: "E       ", role: .message, weight: 88, body: .sameLead("E "), maxBody: 12
            ),
            BlockRule(
                "pytest-failed", anchor: "FAILED ", role: .summary, weight: 78, body: .sameLead("FAILED "),
                maxBody: 10
            ) { s in
                s.has("::") || s.has(" - ")
            },
            BlockRule(
                "pytest-error", anchor: "ERROR ", role: .summary, weight: 76, body: .sameLead("ERROR "),
                maxBody: 10
            ) { s in
                s.has("::") || s.has(".py")
            },
            BlockRule("pytest-section", anchor: "_____", weight: 84, body: .none) { s in
                // `____ TestX.test_y ____`: the name between two runs of underscores.
                s.ends("_____") && s.has("_ ") && s.has(" _") && s.lowercased().contains("test")
            },
            BlockRule(
                "lint-error", anchor: "Error (", role: .message, weight: 80, body: .indented, maxBody: 4),
            // lintrunner's report of one file: `>>> Lint for torch/x.py:`, then each finding indented
            // under it (`  Warning (PYFMT) format`, its advice, the patch), blank lines between; any
            // finding fails the run, a formatter's patch too.
            BlockRule(
                "lintrunner-file", anchor: ">>> Lint for ", weight: 76, body: .indented, maxBody: 8
            ) { s in
                s.ends(":")
            },
            // A finding of lintrunner's below an error's level (`Warning (PYFMT) format`): the message
            // of its file's block, never a block of its own (advice a run may print and pass).
            BlockRule(
                "lintrunner-warning", anchor: "Warning (", role: .message, weight: 48, body: .none
            ) { s in
                guard let close = s.firstIndex(of: ")"), s[close...].starts(") ") else { return false }
                let code = s[s.index(s.startIndex, offsetBy: 9)..<close]
                return !code.isEmpty && code.allSatisfy { $0.isUppercase || $0.isNumber || $0 == "_" }
            },
            // flake8, ruff, pylint, pycodestyle: `src/b.py:17:1: F401 'sys' imported but unused`.
            // What failed in a `make lint`, above make's own `*** [lint] Error 1`.
            BlockRule(
                "lint-diagnostic", anchor: ".py:", position: .anywhere, role: .message, weight: 78,
                body: .none
            ) { s in
                Shape.ruleCodeDiagnostic(s, after: ".py:")
            },
            BlockRule(
                "pytest-summary", anchor: " failed", position: .anywhere, role: .summary, weight: 58,
                body: .none
            ) { s in
                s.starts("=") && Shape.nonZeroCount(s, before: " failed")
            },
            BlockRule(
                "interrupted", anchor: "KeyboardInterrupt", position: .anywhere, role: .message, weight: 70,
                body: .none),
            // A test runner that runs each test file in a child process (pytorch's `run_test.py`)
            // prints the child's output, then `Got exit code N`, then raises its own `RuntimeError:
            // test_x 1/1 failed!`: the child's last line before the exit code is the cause
            // (`Command took >30min, returning 124`, a collection error).
            BlockRule(
                "child-exit", anchor: "Got exit code ", role: .header, weight: 84, body: .none,
                reportsPrevious: true
            ) { s in
                s.starts("Got exit code ") && !s.starts("Got exit code 0") && Shape.containsDigit(s)
            },
            BlockRule("unittest-fail", anchor: "FAIL: ", role: .header, weight: 86),
            // Any test's id, not only `test…`: `setUpClass (tests.test_db.DBTest)`, and a module that
            // failed to import (`tests.test_x (unittest.loader._FailedTest.tests.test_x)`).
            BlockRule("unittest-error", anchor: "ERROR: ", role: .header, weight: 84) { s in
                Shape.unittestTest(s, after: "ERROR: ")
            },
            BlockRule("unittest-summary", anchor: "FAILED (", role: .summary, weight: 60, body: .none),
            BlockRule(
                "pip-error", anchor: "ERROR: ", role: .message, weight: 74, body: .sameLead("ERROR: "),
                maxBody: 6
            ) { s in
                s.starts("ERROR: Could not") || s.starts("ERROR: Cannot")
                    || s.starts("ERROR: No matching")
                    || s.starts("ERROR: pip") || s.starts("ERROR: ResolutionImpossible")
                    || s.starts("ERROR: Failed")
            },
            BlockRule(
                "mypy", anchor: ": error: ", position: .anywhere, role: .message, weight: 80, body: .none
            ) { s in
                Shape.diagnostic(s)
            },
        ])
}

extension Shape {
    /// `NameWarning: message` at the line's start, the class name one identifier (dots allowed)
    /// longer than `Warning` itself: `DeprecationWarning: …`, `urllib3.exceptions.InsecureRequestWarning: …`.
    static func raisedWarning(_ s: Substring) -> Bool {
        let name = s.utf8.prefix { $0 != 0x3A }
        guard name.count > 7, name.count < s.utf8.count - 1,
            name.allSatisfy({
                $0 &- 0x41 < 26 || $0 &- 0x61 < 26 || $0 &- 0x30 < 10 || $0 == 0x2E || $0 == 0x5F
            })
        else { return false }
        let text = s[s.startIndex..<name.endIndex]
        return text.hasSuffix("Warning") && text.first?.isLetter == true
            && s[name.endIndex...].utf8.dropFirst().first == 0x20
    }

    /// unittest's header of a test that failed or raised: `ERROR: test_parse (tests.test_x.ParserTest)`,
    /// with the test's id in the parentheses (`….ParserTest.test_parse` from Python 3.11), nothing
    /// but the test's name and where it is; the name is a module's for a test file that failed to import.
    static func unittestTest(_ s: Substring, after lead: String) -> Bool {
        guard s.starts(lead) else { return false }
        let t = s.dropFirst(lead.count)
        let name = t.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
        guard !name.isEmpty, t.dropFirst(name.count).starts(" (") else { return false }
        let id = t.dropFirst(name.count + 2).prefix { $0 != ")" }
        return !id.isEmpty && id.contains(".") && !id.contains(" ")
            && t.dropFirst(name.count + 2 + id.count).starts(")")
    }
}
