// The test runners' own framing in the independent organisation: what pytest, Pkg.test, go test,
// cargo test, surefire, Gradle, jest, rspec, ctest, automake, XCTest and BuildKit print around the
// failures they report, and what they print when everything passes.
import Foundation

/// One failing test as its runner reports it: `id` as the summary names it, the lines printed
/// for it, and the one-line reason the summary repeats.
struct Org2Test {
    var id: String
    var detail: [String]
    var short: String
}

enum Org2Frames {
    static func pytest(_ c: inout Org2Context, failures: [Org2Test], collected: [String]?) -> [String] {
        let p = c.p
        var out = [
            "============================= test session starts ==============================",
            "platform linux -- Python \(c.py).\(c.d.int(1...9)), pytest-8.\(c.d.int(1...3)).\(c.d.int(0...3)), pluggy-1.5.0",
            "rootdir: \(p.builds)", "configfile: pyproject.toml",
            "plugins: cov-5.0.0\(c.d.chance(0.5) ? ", xdist-3.6.1" : "")\(c.d.chance(0.3) ? ", timeout-2.3.1" : "")",
        ]
        if let collected {
            out.append("collected \(c.d.int(40...300)) items / \(max(1, collected.count / 20)) error")
            out.append("")
            out += ["==================================== ERRORS ===================================="]
            out += collected
            return out
        }
        let total = c.d.int(60...400)
        out.append("collected \(total) items")
        out.append("")
        let files = p.words.map { "tests/test_\($0).py" }
        let failingFiles = Set(failures.map { String($0.id.split(separator: ":").first ?? "") })
        var done = 0
        for f in files {
            let k = c.d.int(5...40)
            done += k
            var marks = String(repeating: ".", count: k)
            if failingFiles.contains(f) {
                var chars = Array(marks)
                for _ in failures.filter({ $0.id.hasPrefix(f) }) { chars[c.d.below(chars.count)] = "F" }
                marks = String(chars)
            }
            let pct = min(100, done * 100 / max(total, done))
            out.append(
                f + " " + marks.padding(toLength: max(marks.count, 72 - f.count), withPad: " ", startingAt: 0)
                    + " [\(String(format: "%3d", pct))%]")
        }
        if c.d.chance(0.5) {
            out += [
                "", "=============================== warnings summary ===============================",
                "tests/test_\(p.words[1]).py::test_\(p.words[2])_defaults",
                "  \(p.builds)/src/\(p.snake)/\(p.words[1]).py:\(c.d.int(10...90)): DeprecationWarning: datetime.datetime.utcnow() is deprecated and scheduled for removal in a future version. Use timezone-aware objects to represent datetimes in UTC: datetime.datetime.now(datetime.UTC).",
                "    stamp = datetime.utcnow()", "",
                "-- Docs: https://docs.pytest.org/en/stable/how-to/capture-warnings.html",
            ]
        }
        let seconds = c.d.seconds(2, 90)
        if failures.isEmpty {
            out.append(
                "======================= \(total) passed, \(c.d.int(0...6)) warnings in \(seconds)s ======================="
            )
            return out
        }
        out.append("=================================== FAILURES ===================================")
        for t in failures {
            let name = String(t.id.split(separator: ":").last ?? "")
            let bar = String(repeating: "_", count: max(2, (78 - name.count) / 2))
            out.append("\(bar) \(name) \(bar)")
            out += t.detail
        }
        out.append("=========================== short test summary info ============================")
        for t in failures { out.append("FAILED \(t.id) - \(t.short)") }
        out.append(
            "============ \(failures.count) failed, \(total - failures.count) passed, \(c.d.int(0...6)) warnings in \(seconds)s ============"
        )
        return out
    }

    static func julia(_ c: inout Org2Context, failures: [Org2Test]) -> [String] {
        let p = c.p
        let v = c.isNewJulia ? "1.11" : "1.10"
        let module = p.name.replacingOccurrences(of: ".jl", with: "")
        var out = [
            "     Testing \(module)",
            "      Status `/tmp/jl_\(c.d.alnum(6))/Project.toml`",
            "  [\(c.d.hex(8))] \(module) v0.\(c.d.int(1...9)).\(c.d.int(0...9)) `\(p.builds)`",
            "  [\(c.d.hex(8))] Test v\(v).\(c.d.int(0...5))",
            "      Status `/tmp/jl_\(c.d.alnum(6))/Manifest.toml`",
            "Precompiling project...", "  ✓ \(module)",
            "  1 dependency successfully precompiled in \(c.d.int(3...40)) seconds. \(c.d.int(20...80)) already precompiled.",
            "     Testing Running tests...",
        ]
        var sets: [(String, Int, Int)] = []
        for w in p.words.prefix(4) { sets.append((w, c.d.int(5...80), 0)) }
        for t in failures {
            out += t.detail
            if let i = sets.firstIndex(where: { t.id == $0.0 }) {
                sets[i].2 += 1
            } else {
                sets.append((t.id, c.d.int(1...9), 1))
            }
        }
        let pass = sets.map(\.1).reduce(0, +)
        let errors = failures.filter { $0.short == "error" }.count
        let failed = failures.count - errors
        let time = c.d.seconds(3, 80)
        if failures.isEmpty {
            out.append("Test Summary: | Pass  Total  Time")
            out.append(
                "\(p.name.padding(toLength: 13, withPad: " ", startingAt: 0))| \(String(format: "%4d", pass))  \(String(format: "%5d", pass))  \(time)s"
            )
            out.append("     Testing \(module) tests passed ")
            return out
        }
        out.append(
            "Test Summary:          | Pass  \(failed > 0 ? "Fail  " : "")\(errors > 0 ? "Error  " : "")Total   Time"
        )
        out.append(
            "\(module.padding(toLength: 22, withPad: " ", startingAt: 0)) | \(String(format: "%4d", pass))  \(failed > 0 ? String(format: "%4d  ", failed) : "")\(errors > 0 ? String(format: "%5d  ", errors) : "")\(String(format: "%5d", pass + failures.count))  \(time)s"
        )
        for s in sets {
            out.append(
                "  \(s.0.padding(toLength: 20, withPad: " ", startingAt: 0)) | \(String(format: "%4d", s.1))  \(s.2 > 0 ? String(format: "%4d", s.2) : "    ")  \(String(format: "%5d", s.1 + s.2))  \(c.d.seconds(0.1, 9))s"
            )
        }
        out.append(
            "ERROR: LoadError: Some tests did not pass: \(pass) passed, \(failed) failed, \(errors) errored, 0 broken."
        )
        out.append("in expression starting at \(p.builds)/test/runtests.jl:\(c.d.int(3...12))")
        out.append("ERROR: Package \(module) errored during testing")
        return out
    }

    static func goTest(_ c: inout Org2Context, failures: [Org2Test]) -> [String] {
        let p = c.p
        var out: [String] = []
        var any = false
        for w in p.words.prefix(5) {
            let pkg = "\(p.goModule)/internal/\(w)"
            let mine = failures.filter { $0.id == pkg }
            if mine.isEmpty {
                out.append("ok  \t\(pkg)\t\(c.d.seconds(0.01, 3))s")
                continue
            }
            any = true
            for t in mine { out += t.detail }
            if !(mine.last?.detail.last?.hasPrefix("FAIL\t") ?? false) {
                out.append("FAIL")
                out.append("FAIL\t\(pkg)\t\(c.d.seconds(0.01, 3))s")
            }
        }
        for t in failures where !p.words.prefix(5).contains(where: { t.id.hasSuffix("/" + $0) }) {
            any = true
            out += t.detail
        }
        out.insert("?   \t\(p.goModule)/cmd/\(p.words[0])\t[no test files]", at: 0)
        if any { out.append("FAIL") }
        return out
    }

    static func cargoTest(_ c: inout Org2Context, failures: [Org2Test]) -> [String] {
        let p = c.p
        var out = [
            "   Compiling \(p.snake) v0.3.1 (\(p.builds))",
            "    Finished `test` profile [unoptimized + debuginfo] target(s) in \(c.d.seconds(5, 90))s",
            "     Running unittests src/lib.rs (target/debug/deps/\(p.snake)-\(c.d.hex(16)))", "",
        ]
        var names: [String] = []
        for w in p.words.prefix(4) {
            for _ in 0..<c.d.int(2...6) {
                names.append(
                    "\(w)::tests::\(c.d.pick(["parses", "roundtrip", "rejects_empty", "handles_unicode", "limits", "merges"]))_\(c.d.pick(p.words))"
                )
            }
        }
        names += failures.map(\.id)
        names = Array(Set(names)).sorted()
        out.append("running \(names.count) tests")
        let failing = Set(failures.map(\.id))
        for n in names { out.append("test \(n) ... \(failing.contains(n) ? "FAILED" : "ok")") }
        out.append("")
        let time = c.d.seconds(0.01, 4)
        if failures.isEmpty {
            out.append(
                "test result: ok. \(names.count) passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in \(time)s"
            )
            out.append("")
            out.append("   Doc-tests \(p.snake)")
            out.append("")
            out.append("running 0 tests")
            return out
        }
        out.append("failures:")
        out.append("")
        for t in failures {
            out.append("---- \(t.id) stdout ----")
            out += t.detail
            out.append("")
        }
        out.append("")
        out.append("failures:")
        for t in failures { out.append("    \(t.id)") }
        out.append("")
        out.append(
            "test result: FAILED. \(names.count - failures.count) passed; \(failures.count) failed; 0 ignored; 0 measured; 0 filtered out; finished in \(time)s"
        )
        out.append("")
        out.append("error: test failed, to rerun pass `--lib`")
        return out
    }

    static func mavenHeader(_ c: inout Org2Context) -> [String] {
        let p = c.p
        return [
            "[INFO] Scanning for projects...", "[INFO] ",
            "[INFO] -----------------------< \(p.javaPackage):\(p.kebab) >------------------------",
            "[INFO] Building \(p.kebab) 1.\(c.d.int(0...9)).\(c.d.int(0...9))-SNAPSHOT",
            "[INFO]   from pom.xml",
            "[INFO] --------------------------------[ jar ]---------------------------------", "[INFO] ",
            "[INFO] --- resources:3.3.1:resources (default-resources) @ \(p.kebab) ---",
            "[INFO] Copying \(c.d.int(1...9)) resources from src/main/resources to target/classes",
            "[INFO] --- compiler:3.13.0:compile (default-compile) @ \(p.kebab) ---",
            "[INFO] Recompiling the module because of changed source code.",
            "[INFO] Compiling \(c.d.int(20...200)) source files with javac [debug release 21] to target/classes",
        ]
    }

    static func mavenFooter(_ c: inout Org2Context, failed: Bool) -> [String] {
        let t = c.d.seconds(4, 90)
        return [
            "[INFO] ------------------------------------------------------------------------",
            "[INFO] BUILD \(failed ? "FAILURE" : "SUCCESS")",
            "[INFO] ------------------------------------------------------------------------",
            "[INFO] Total time:  \(t) s",
            "[INFO] Finished at: \(c.night)T\(c.d.int(20...22)):\(c.d.int(10...59)):\(c.d.int(10...59))Z",
            "[INFO] ------------------------------------------------------------------------",
        ]
    }

    /// `errors`: javac's `[ERROR]` lines, nil when it compiles.
    static func mavenCompile(_ c: inout Org2Context, errors: [String]?) -> [String] {
        var out = mavenHeader(&c)
        guard let errors else { return out + mavenFooter(&c, failed: false) }
        out.append("[INFO] -------------------------------------------------------------")
        out.append("[ERROR] COMPILATION ERROR : ")
        out.append("[INFO] -------------------------------------------------------------")
        out += errors
        out.append("[INFO] \(errors.filter { $0.hasPrefix("[ERROR] /") }.count) error")
        out.append("[INFO] -------------------------------------------------------------")
        out += mavenFooter(&c, failed: true)
        out.append(
            "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.13.0:compile (default-compile) on project \(c.p.kebab): Compilation failure"
        )
        out += errors.filter { $0.hasPrefix("[ERROR] /") }
        out += [
            "[ERROR] -> [Help 1]", "[ERROR] ",
            "[ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch.",
            "[ERROR] Re-run Maven using the -X switch to enable full debug logging.", "[ERROR] ",
            "[ERROR] For more information about the errors and possible solutions, please read the following articles:",
            "[ERROR] [Help 1] http://cwiki.apache.org/confluence/display/MAVEN/MojoFailureException",
        ]
        return out
    }

    static func maven(_ c: inout Org2Context, failures: [Org2Test]) -> [String] {
        let p = c.p
        var out = mavenHeader(&c)
        out += [
            "[INFO] --- surefire:3.2.5:test (default-test) @ \(p.kebab) ---",
            "[INFO] Using auto detected provider org.apache.maven.surefire.junitplatform.JUnitPlatformProvider",
            "[INFO] ",
            "[INFO] -------------------------------------------------------", "[INFO]  T E S T S",
            "[INFO] -------------------------------------------------------",
        ]
        var total = 0
        for w in p.words.prefix(4) {
            let cls = "\(p.javaPackage).\(w.capitalized)Test"
            let mine = failures.filter { $0.id.hasPrefix(cls + ".") }
            let n = c.d.int(3...30)
            total += n
            out.append("[INFO] Running \(cls)")
            if mine.isEmpty {
                out.append(
                    "[INFO] Tests run: \(n), Failures: 0, Errors: 0, Skipped: 0, Time elapsed: \(c.d.seconds(0.01, 3)) s -- in \(cls)"
                )
            } else {
                let errs = mine.filter { $0.short.contains("»") }.count
                out.append(
                    "[ERROR] Tests run: \(n), Failures: \(mine.count - errs), Errors: \(errs), Skipped: 0, Time elapsed: \(c.d.seconds(0.01, 3)) s <<< FAILURE! -- in \(cls)"
                )
                for t in mine { out += t.detail }
            }
        }
        out.append("[INFO] ")
        out.append("[INFO] Results:")
        out.append("[INFO] ")
        if failures.isEmpty {
            out.append("[INFO] Tests run: \(total), Failures: 0, Errors: 0, Skipped: 0")
            return out + mavenFooter(&c, failed: false)
        }
        let errs = failures.filter { $0.short.contains("»") }
        let fails = failures.filter { !$0.short.contains("»") }
        if !fails.isEmpty {
            out.append("[ERROR] Failures: "); for t in fails { out.append("[ERROR]   \(t.short)") }
        }
        if !errs.isEmpty {
            out.append("[ERROR] Errors: "); for t in errs { out.append("[ERROR]   \(t.short)") }
        }
        out.append("[INFO] ")
        out.append("[ERROR] Tests run: \(total), Failures: \(fails.count), Errors: \(errs.count), Skipped: 0")
        out.append("[INFO] ")
        out += mavenFooter(&c, failed: true)
        out.append(
            "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-surefire-plugin:3.2.5:test (default-test) on project \(p.kebab): There are test failures."
        )
        out.append("[ERROR] ")
        out.append(
            "[ERROR] Please refer to \(p.builds)/target/surefire-reports for the individual test results.")
        out.append(
            "[ERROR] Please refer to dump files (if any exist) [date].dump, [date]-jvmRun[N].dump and [date].dumpstream."
        )
        out.append("[ERROR] -> [Help 1]")
        return out
    }

    static func gradle(_ c: inout Org2Context, failures: [Org2Test]) -> [String] {
        let p = c.p
        var out = [
            "> Task :compileJava", "> Task :processResources", "> Task :classes", "> Task :compileTestJava",
            "> Task :testClasses",
        ]
        if failures.isEmpty {
            out += [
                "> Task :test", "", "BUILD SUCCESSFUL in \(c.d.int(20...120))s",
                "\(c.d.int(4...9)) actionable tasks: \(c.d.int(4...9)) executed",
            ]
            return out
        }
        out.append("")
        for t in failures { out += t.detail; out.append("") }
        let n = c.d.int(30...300)
        out += [
            "\(n) tests completed, \(failures.count) failed", "", "> Task :test FAILED", "",
            "FAILURE: Build failed with an exception.", "", "* What went wrong:",
            "Execution failed for task ':test'.",
            "> There were failing tests. See the report at: file://\(p.builds)/build/reports/tests/test/index.html",
            "",
            "* Try:", "> Run with --scan to get full insights.", "",
            "BUILD FAILED in \(c.d.int(1...3))m \(c.d.int(1...59))s",
            "\(c.d.int(4...9)) actionable tasks: \(c.d.int(4...9)) executed",
        ]
        return out
    }

    static func jest(_ c: inout Org2Context, failures: [Org2Test]) -> [String] {
        let p = c.p
        var out: [String] = []
        let files = p.words.prefix(5).map { "src/\($0)/\($0).test.ts" }
        var tests = 0
        for f in files + failures.map(\.id) where !out.contains(where: { $0.hasSuffix(f) }) {
            let mine = failures.filter { $0.id == f }
            tests += c.d.int(3...30)
            if mine.isEmpty {
                out.append("PASS \(f)\(c.d.chance(0.3) ? " (\(c.d.seconds(1, 9)) s)" : "")")
            } else {
                out.append("FAIL \(f)")
                for t in mine { out += t.detail; out.append("") }
            }
        }
        let failedSuites = Set(failures.map(\.id)).count
        let failedTests = failures.filter { !$0.short.hasPrefix("suite") }.count
        out.append("")
        out.append(
            "Test Suites: \(failedSuites > 0 ? "\(failedSuites) failed, " : "")\(files.count) passed, \(files.count + failedSuites) total"
        )
        out.append(
            "Tests:       \(failedTests > 0 ? "\(failedTests) failed, " : "")\(tests) passed, \(tests + failedTests) total"
        )
        out.append("Snapshots:   0 total")
        out.append("Time:        \(c.d.seconds(2, 40)) s")
        out.append("Ran all test suites.")
        return out
    }

    static func rspec(_ c: inout Org2Context, failures: [Org2Test]) -> [String] {
        let n = c.d.int(40...400)
        var out = ["Randomized with seed \(c.d.int(1000...65535))", ""]
        var dots = String(repeating: ".", count: min(n, 120))
        if !failures.isEmpty {
            var chars = Array(dots)
            for _ in failures { chars[c.d.below(chars.count)] = "F" }
            dots = String(chars)
        }
        out.append(dots)
        out.append("")
        if !failures.isEmpty {
            out.append("Failures:")
            out.append("")
            for (i, t) in failures.enumerated() {
                out.append("  \(i + 1)) \(t.short)")
                out += t.detail
                out.append("")
            }
        }
        out.append(
            "Finished in \(c.d.seconds(1, 60)) seconds (files took \(c.d.seconds(0.2, 3)) seconds to load)")
        out.append("\(n) examples, \(failures.count) failure\(failures.count == 1 ? "" : "s")")
        if !failures.isEmpty {
            out.append("")
            out.append("Failed examples:")
            out.append("")
            for t in failures { out.append("\(esc)[31m\(t.id)\(esc)[0m \(esc)[36m# \(t.short)\(esc)[0m") }
        }
        out.append("")
        out.append("Randomized with seed \(c.d.int(1000...65535))")
        return out
    }

    static func ctest(_ c: inout Org2Context, failures: [Org2Test]) -> [String] {
        let p = c.p
        var out = [
            "Internal ctest changing into directory: \(p.builds)/build", "Test project \(p.builds)/build",
        ]
        var names = p.words.prefix(5).map { "\($0)_unit" }
        names += failures.map(\.id).filter { !names.contains($0) }
        for (i, n) in names.enumerated() {
            let mine = failures.first { $0.id == n }
            out.append("      Start \(String(format: "%2d", i + 1)): \(n)")
            let dots = String(repeating: ".", count: max(3, 34 - n.count))
            if let mine {
                out.append(
                    "\(String(format: "%2d", i + 1))/\(names.count) Test \(String(format: "#%2d", i + 1)): \(n) \(dots)***Failed    \(c.d.seconds(0.01, 3)) sec"
                )
                out += mine.detail
            } else {
                out.append(
                    "\(String(format: "%2d", i + 1))/\(names.count) Test \(String(format: "#%2d", i + 1)): \(n) \(dots)   Passed    \(c.d.seconds(0.01, 3)) sec"
                )
            }
        }
        out.append("")
        let pct = (names.count - failures.count) * 100 / names.count
        out.append("\(pct)% tests passed, \(failures.count) tests failed out of \(names.count)")
        out.append("")
        out.append("Total Test time (real) = \(c.d.seconds(0.1, 30)) sec")
        if failures.isEmpty { return out }
        out.append("")
        out.append("The following tests FAILED:")
        for (i, n) in names.enumerated() where failures.contains(where: { $0.id == n }) {
            out.append("\t\(String(format: "%3d", i + 1)) - \(n) (Failed)")
        }
        out.append("Errors while running CTest")
        return out
    }

    static func automake(_ c: inout Org2Context, failures: [Org2Test]) -> [String] {
        let p = c.p
        var out = [
            "make  check-TESTS", "make[1]: Entering directory '\(p.builds)'",
            "make[2]: Entering directory '\(p.builds)'",
        ]
        var names = p.words.prefix(5).map { "tests/test_\($0)" }
        names += failures.map(\.id).filter { !names.contains($0) }
        for n in names { out.append("\(failures.contains { $0.id == n } ? "FAIL" : "PASS"): \(n)") }
        out.append("============================================================================")
        out.append("Testsuite summary for \(p.kebab) 1.\(c.d.int(0...9)).\(c.d.int(0...9))")
        out.append("============================================================================")
        out += [
            "# TOTAL: \(names.count)", "# PASS:  \(names.count - failures.count)", "# SKIP:  0", "# XFAIL: 0",
            "# FAIL:  \(failures.count)", "# XPASS: 0", "# ERROR: 0",
        ]
        out.append("============================================================================")
        if failures.isEmpty {
            out += ["make[2]: Leaving directory '\(p.builds)'", "make[1]: Leaving directory '\(p.builds)'"]
            return out
        }
        out.append("See ./test-suite.log")
        out.append("Please report to https://gitlab.example.com/\(p.path)/-/issues")
        out.append("============================================================================")
        out.append("$ cat test-suite.log")
        for t in failures {
            out.append("FAIL: \(t.id)")
            out.append(String(repeating: "=", count: t.id.count + 6))
            out.append("")
            out += t.detail
        }
        out += [
            "make[2]: *** [Makefile:\(c.d.int(600...1400)): test-suite.log] Error 1",
            "make[2]: Leaving directory '\(p.builds)'",
            "make[1]: *** [Makefile:\(c.d.int(600...1400)): check-TESTS] Error 2",
            "make[1]: Leaving directory '\(p.builds)'",
            "make: *** [Makefile:\(c.d.int(600...1400)): check-am] Error 2",
        ]
        return out
    }

    static func swiftTest(_ c: inout Org2Context, failures: [Org2Test]) -> [String] {
        let p = c.p
        var out = [
            "Building for debugging...",
            "[\(c.d.int(100...300))/\(c.d.int(300...320))] Linking \(p.camel)PackageTests.xctest",
            "Build complete! (\(c.d.seconds(20, 120))s)",
            "Test Suite 'All tests' started at \(c.night) 20:\(c.d.int(10...59)):\(c.d.int(10...59)).\(c.d.int(100...999))",
        ]
        var n = 0
        for w in p.words.prefix(3) {
            for _ in 0..<c.d.int(2...6) {
                n += 1
                let name =
                    "\(p.camel)Tests.\(w.capitalized)Tests/test\(c.d.pick(["Parse", "Encode", "Defaults", "Merge", "Limits"]))\(n)"
                out.append("Test Case '\(name)' passed (\(c.d.seconds(0.001, 0.5)) seconds)")
            }
        }
        for t in failures { out += t.detail }
        out.append(
            "Test Suite 'All tests' \(failures.isEmpty ? "passed" : "failed") at \(c.night) 20:\(c.d.int(10...59)):\(c.d.int(10...59)).\(c.d.int(100...999))"
        )
        out.append(
            "\t Executed \(n + failures.count) tests, with \(failures.count) failure\(failures.count == 1 ? "" : "s") (0 unexpected) in \(c.d.seconds(0.1, 9)) (\(c.d.seconds(0.1, 9))) seconds"
        )
        return out
    }

    /// `docker build` through BuildKit; `failing`: the failing RUN step's command and output, and
    /// the error BuildKit closes with.
    static func buildkit(
        _ c: inout Org2Context, failing: (run: String, output: [String])?, pullError: String? = nil
    ) -> [String] {
        let p = c.p
        let base = c.d.pick([
            "python:3.12-slim", "debian:trixie-slim", "node:20-bookworm-slim", "golang:1.23",
        ])
        var out = [
            "#0 building with \"default\" instance using docker driver", "",
            "#1 [internal] load build definition from Dockerfile",
            "#1 transferring dockerfile: \(c.d.int(400...3000))B done",
            "#1 DONE 0.0s", "", "#2 [internal] load metadata for docker.io/library/\(base)",
        ]
        if let pullError {
            out.append("#2 ERROR: \(pullError)")
            out += [
                "------", " > [internal] load metadata for docker.io/library/\(base):", "------",
                "ERROR: failed to solve: \(base): failed to resolve source metadata for docker.io/library/\(base): \(pullError)",
            ]
            return out
        }
        out += [
            "#2 DONE \(c.d.seconds(0.3, 2))s", "", "#3 [internal] load .dockerignore",
            "#3 transferring context: 2B done", "#3 DONE 0.0s", "",
            "#4 [build 1/6] FROM docker.io/library/\(base)@sha256:\(c.sha())",
            "#4 resolve docker.io/library/\(base)@sha256:\(c.d.hex(64)) 0.0s done",
            "#4 DONE \(c.d.seconds(1, 9))s", "",
        ]
        let runs = [
            "WORKDIR /src", "COPY . /src", "RUN make -C /src release", "RUN useradd -r \(p.words[0])",
        ]
        var step = 5
        if let failing {
            out.append("#\(step) [build 2/6] RUN \(failing.run)")
            for l in failing.output { out.append("#\(step) \(c.d.seconds(0.1, 9)) \(l)") }
            out.append(
                "#\(step) ERROR: process \"/bin/sh -c \(failing.run)\" did not complete successfully: exit code: 100"
            )
            out += ["------", " > [build 2/6] RUN \(failing.run):"]
            for l in failing.output.suffix(4) { out.append("\(c.d.seconds(0.1, 9)) \(l)") }
            out += [
                "------", "Dockerfile:\(c.d.int(4...12))", "--------------------", "   8 |     ",
                "   9 | >>> RUN \(failing.run)", "  10 |     COPY . /src", "--------------------",
                "ERROR: failed to solve: process \"/bin/sh -c \(failing.run)\" did not complete successfully: exit code: 100",
            ]
            return out
        }
        for (i, r) in runs.enumerated() {
            out.append("#\(step) [build \(i + 3)/6] \(r)")
            out.append("#\(step) DONE \(c.d.seconds(0.1, 30))s")
            out.append("")
            step += 1
        }
        out += [
            "#\(step) exporting to image", "#\(step) exporting layers \(c.d.seconds(0.5, 9))s done",
            "#\(step) writing image sha256:\(c.sha()) done",
            "#\(step) naming to registry.gitlab.example.com/\(p.path):\(c.night) done",
            "#\(step) DONE \(c.d.seconds(0.5, 9))s",
        ]
        return out
    }
}
