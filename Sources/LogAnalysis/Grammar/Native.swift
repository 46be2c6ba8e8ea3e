extension ToolGrammar {
    /// C/C++ compilers, make, CMake, linkers and sanitizers.
    public static let native = ToolGrammar(
        name: "native",
        rules: [
            BlockRule(
                "diagnostic", anchor: ": error: ", position: .anywhere, role: .message, weight: 88,
                body: .indented, maxBody: 4
            ) { s in
                Shape.diagnostic(s)
            },
            BlockRule(
                "fatal-diagnostic", anchor: ": fatal error: ", position: .anywhere, role: .message,
                weight: 90, body: .indented, maxBody: 3),
            BlockRule("make", anchor: "make", role: .summary, weight: 52, body: .none) { s in
                s.has(": *** ") || s.has("] Error ")
            },
            BlockRule("gmake", anchor: "gmake", role: .summary, weight: 52, body: .none) { s in
                s.has(": *** ")
            },
            BlockRule("ninja-failed", anchor: "FAILED: ", role: .header, weight: 76, body: .none),
            BlockRule("cmake-error", anchor: "CMake Error", weight: 86, body: .indented, maxBody: 6),
            // Autoconf's `configure: error: OpenSSL development files not found`.
            BlockRule(
                "configure-error", anchor: "configure: error:", role: .message, weight: 86, body: .indented,
                maxBody: 3),
            BlockRule(
                "undefined-reference", anchor: "undefined reference to", position: .anywhere, role: .message,
                weight: 86, body: .none),
            BlockRule(
                "undefined-symbols", anchor: "Undefined symbols for architecture", weight: 86,
                body: .indented, maxBody: 4),
            BlockRule("ld-error", anchor: "ld: ", role: .message, weight: 72, body: .none) { s in
                s.has("error") || s.has("cannot find")
            },
            BlockRule("collect2", anchor: "collect2: error:", role: .summary, weight: 60, body: .none),
            BlockRule(
                "sanitizer", anchor: "ERROR: AddressSanitizer", position: .anywhere, role: .message,
                weight: 94, body: .none),
            BlockRule(
                "sanitizer", anchor: "ERROR: LeakSanitizer", position: .anywhere, role: .message, weight: 92,
                body: .none),
            BlockRule(
                "sanitizer", anchor: "runtime error: ", position: .anywhere, role: .message, weight: 88,
                body: .none),
            BlockRule(
                "sanitizer", anchor: "WARNING: ThreadSanitizer:", position: .anywhere, role: .message,
                weight: 90, body: .through("=========="), maxBody: 40),
            // Valgrind's memcheck: each error a line (its `==PID== ` prefix is a decoration) over
            // its frames, indented; a leak's record likewise; `ERROR SUMMARY: N errors` at the end.
            BlockRule("valgrind", anchor: "Invalid read of size ", role: .message, weight: 88, maxBody: 8),
            BlockRule("valgrind", anchor: "Invalid write of size ", role: .message, weight: 88, maxBody: 8),
            BlockRule("valgrind", anchor: "Invalid free()", role: .message, weight: 88, maxBody: 8),
            BlockRule("valgrind", anchor: "Mismatched free()", role: .message, weight: 88, maxBody: 8),
            BlockRule(
                "valgrind", anchor: "Conditional jump or move depends on uninitialised", weight: 86,
                maxBody: 8),
            BlockRule(
                "valgrind", anchor: "Use of uninitialised value", role: .message, weight: 86, maxBody: 8),
            BlockRule("valgrind", anchor: "Syscall param ", role: .message, weight: 84, maxBody: 8) { s in
                s.has("uninitialised") || s.has("unaddressable")
            },
            BlockRule(
                "valgrind-leak", anchor: " are definitely lost in loss record ", position: .anywhere,
                weight: 84,
                maxBody: 6),
            BlockRule(
                "valgrind-summary", anchor: "ERROR SUMMARY: ", role: .summary, weight: 58, body: .none
            ) { s in
                Shape.nonZeroCount(s, before: " error")
            },
            // A harness's prefix (`PID 16211 | `) may come first.
            BlockRule(
                "sanitizer", anchor: "SUMMARY: ", position: .anywhere, role: .summary, weight: 70, body: .none
            ) { s in
                s.has("Sanitizer:")
            },
            BlockRule(
                "gtest-failure", anchor: "Failure", position: .anywhere, role: .message, weight: 84,
                body: .indented, maxBody: 6
            ) { s in
                // (`Failure/Error:` too, RSpec's; not a `Failures:` heading.)
                s.ends(": Failure") || (s.starts("Failure") && !s.starts("Failures"))
            },
            // Catch2: `path/x_test.cpp:41: FAILED:`, then the assertion and its expansion, or `due to
            // unexpected exception with message:` and the message, up to the blank line.
            BlockRule(
                "catch2-failed", anchor: ": FAILED:", position: .anywhere, weight: 84, body: .untilBlank,
                maxBody: 8
            ) { s in
                s.ends(": FAILED:")
            },
            BlockRule(
                "gtest-failed", anchor: "[  FAILED  ] ", role: .summary, weight: 70,
                body: .sameLead("[  FAILED  ]"), maxBody: 8),
            // ctest's line for a test that failed: `2/4 Test #2: RangeSet.Merge ....***Failed  0.01 sec`.
            BlockRule(
                "ctest-test-failed", anchor: " Test #", position: .anywhere, role: .summary, weight: 66,
                body: .none
            ) { s in
                s.has("***Failed") || s.has("***Exception") || s.has("***Timeout")
            },
            BlockRule(
                "ctest-failed", anchor: "The following tests FAILED:", weight: 74, body: .indented, maxBody: 8
            ),
            BlockRule(
                "msvc", anchor: ": error C", position: .anywhere, role: .message, weight: 86, body: .none),
        ])
}
