extension ToolGrammar {
    /// Maven, Surefire, Gradle, sbt, and JVM exceptions.
    public static let jvm = ToolGrammar(
        name: "jvm",
        rules: [
            BlockRule(
                "maven-error", anchor: "[ERROR] ", role: .message, weight: 66, body: .sameLead("[ERROR] "),
                maxBody: 6
            ) { s in
                !s.starts("[ERROR] -> [Help") && !s.starts("[ERROR] Re-run Maven")
                    && !s.starts("[ERROR] To see the full") && !s.starts("[ERROR] For more information")
                    && !s.starts("[ERROR] [Help") && s.utf8.count > 9
            },
            BlockRule(
                "maven-failed-goal", anchor: "[ERROR] Failed to execute goal", role: .message, weight: 80,
                body: .sameLead("[ERROR]"), maxBody: 8),
            // maven-enforcer-plugin names the rule that failed (a `[WARNING]` when the rule does not
            // fail the build, an `[ERROR]` when it does), then prints the rule's own report on the
            // lines under it, up to Maven's next line; the build's failure under it only wraps it.
            BlockRule(
                "maven-enforcer-rule", anchor: " failed with message:", position: .anywhere, role: .message,
                weight: 84, body: .until("["), maxBody: 40
            ) { s in
                s.has("Rule ") && s.ends("failed with message:")
            },
            BlockRule(
                "maven-compilation", anchor: "[ERROR] COMPILATION ERROR", weight: 82,
                body: .sameLead("[ERROR] "), maxBody: 8),
            BlockRule(
                "maven-build-failure", anchor: "BUILD FAILURE", position: .anywhere, role: .summary,
                weight: 55, body: .none, announces: true),
            BlockRule(
                "surefire-failure", anchor: "<<< FAILURE!", position: .anywhere, weight: 86, body: .indented,
                maxBody: 6),
            BlockRule(
                "surefire-error", anchor: "<<< ERROR!", position: .anywhere, weight: 86, body: .indented,
                maxBody: 6),
            BlockRule(
                "surefire-summary", anchor: "Tests run: ", position: .anywhere, role: .summary, weight: 50,
                body: .none
            ) { s in
                (s.has("FAILURE") || s.has("Failures: ") && !s.has("Failures: 0"))
                    || (s.has("Errors: ") && !s.has("Errors: 0"))
            },
            BlockRule(
                "surefire-failed-tests", anchor: "Failed tests:", position: .anywhere, role: .summary,
                weight: 70, body: .indented),
            BlockRule(
                "surefire-failed-tests", anchor: "Tests in error:", position: .anywhere, role: .summary,
                weight: 70, body: .indented),
            BlockRule(
                "gradle-failure", anchor: "FAILURE: Build failed", weight: 70, body: .none, announces: true),
            BlockRule(
                "gradle-what-went-wrong", anchor: "* What went wrong:", weight: 84, body: .untilBlank,
                maxBody: 8),
            BlockRule(
                "gradle-task-failed", anchor: "Execution failed for task", position: .anywhere,
                role: .message, weight: 82, body: .none),
            BlockRule(
                "gradle-test-failed", anchor: " FAILED", position: .anywhere, weight: 80, body: .indented,
                maxBody: 4
            ) { s in
                s.ends(" FAILED") && s.has(" > ")
            },
            BlockRule(
                "sbt-error", anchor: "[error] ", role: .message, weight: 64, body: .sameLead("[error] "),
                maxBody: 6
            ) { s in
                !s.starts("[error] Total time") && !s.starts("[error] (") && s.utf8.count > 9
            },
            // Kotlin's compiler: `e: file:///src/Router.kt:27:16 Unresolved reference: x` (Kotlin 1.8+)
            // or `e: /src/Router.kt: (27, 16): Unresolved reference: x`; `w:` is a warning.
            // (Anchors of four bytes or more: a shorter one is searched for at every `e` of every line.)
            BlockRule("kotlin-error", anchor: "e: file:", role: .message, weight: 86, body: .none) { s in
                let path = s.dropFirst(3).prefix { $0 != " " }
                return path.has(".kt:") || path.has(".kts:")
            },
            BlockRule(
                "kotlin-error", anchor: ".kt: (", position: .anywhere, role: .message, weight: 86, body: .none
            ) { s in
                s.starts("e: ")
            },
            // ScalaTest: `- should not go below zero *** FAILED ***` and the reason under it, led by
            // sbt's `[info]` or indented (Maven's and Gradle's plugins).
            BlockRule(
                "scalatest-failed", anchor: "*** FAILED ***", position: .anywhere, weight: 84,
                body: .sameLead("[info]   "), maxBody: 6
            ) { s in
                s.starts("[info] ")
            },
            BlockRule(
                "scalatest-failed", anchor: "*** FAILED ***", position: .anywhere, weight: 84,
                body: .indented,
                maxBody: 6
            ) { s in
                !s.starts("[info] ")
            },
            // clojure.test: `FAIL in (tiered-discount) (discount_test.clj:27)` or `ERROR in (…)`, then
            // the testing context, `expected:` and `actual:`.
            BlockRule("clojure-test", anchor: "FAIL in (", weight: 86, body: .untilBlank, maxBody: 6),
            BlockRule("clojure-test", anchor: "ERROR in (", weight: 86, body: .untilBlank, maxBody: 6),
            BlockRule(
                "java-exception", anchor: "Exception", position: .anywhere, role: .message, weight: 80,
                body: .indented, maxBody: 4
            ) { s in
                (s.starts("Exception in thread") || s.starts("Caused by: ") || Shape.exceptionLine(s))
            },
        ])
}
