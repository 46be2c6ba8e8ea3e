import Foundation
import Testing

@testable import LogAnalysis

/// Real lines that must open an error block, each with the grammar rule that must match it, and
/// lines that must not (passing tests, scaffolding, progress, prose). The lines are copied from the
/// labelled corpora (`shared/data/reallogs`, error lines of their ground truth); the path and line
/// number name where each came from (licences: `Fixtures/PROVENANCE.md`).
@Suite struct GrammarTests {
    static let mustMatch: [(line: String, rule: String, from: String)] = [
        (
            #" error: using `clone` on a double-reference; this will copy the reference of type `&str` instead of cloning the inner type"#,
            "rust/error", "analysis-model/cargo-clippy-2018/fail.log:37"
        ),
        (
            #"[ERROR] Failed to execute goal org.apache.maven.plugins:maven-javadoc-plugin:2.10.4:jar (attach-javadocs) on project cache2k-api: MavenReportException: Error while generating Javadoc:"#,
            "jvm/maven-failed-goal", "analysis-model/issue37975/fail.log:8"
        ),
        (
            "[WARNING] Rule 4: org.apache.maven.plugins.enforcer.RequireUpperBoundDeps failed with message:",
            "jvm/maven-enforcer-rule", "analysis-model/maven-enforcer/fail.log:4"
        ),
        (
            #"  2:10  error    'unusedf' is defined but never used             no-unused-vars"#,
            "javascript/eslint-error", "errorformat/eslint/fail.log:3"
        ),
        (
            #"buildtag.go:7: possible malformed +build comment"#, "go/build-error",
            "errorformat/govet/fail.log:1"
        ),
        (
            #"Gemfile:4:1: C: Extra blank line detected."#, "ruby/rubocop-offense",
            "errorformat/rubocop/fail.log:6"
        ),
        (
            #"[error] /home/haya14busa/src/github.com/reviewdog/errorformat/fmts/testdata/resources/scala/scalac.scala:6: missing argument list for method error in object Predef"#,
            "jvm/sbt-error", "errorformat/sbt/fail.log:78"
        ),
        (
            #"tsc.ts(3,13): error TS7006: Parameter 'y' implicitly has an 'any' type."#, "javascript/tsc",
            "errorformat/tsc/fail.log:3"
        ),
        (
            #"Precondition failed: : file /Users/basher/Code/TestingTest/TestingTest/AppDelegate.swift, line 19"#,
            "apple/precondition", "fastlane/early_testing_failure/fail.log:8"
        ),
        (
            #"Fatal error: Unexpectedly found nil while unwrapping an Optional value"#, "apple/fatal-error",
            "fastlane/non_parallel_testing_failure/fail.log:17"
        ),
        (
            #"Test case 'TestingTestTests.testFailure()' failed on 'Clone 1 of iPad Air 2 - TestingTest.app (20698)' (0.000 seconds)"#,
            "apple/test-case-failed", "fastlane/parallel_testing_failure/fail.log:14"
        ),
        (
            #"Test case 'ExampleTestTests.testExample()' failed on 'Clone 1 of iPhone 17 Pro - ExampleTest (96789)' (0.474 seconds)"#,
            "apple/test-case-failed", "fastlane/xcode26_testing_failure/fail.log:3"
        ),
        (
            #"[15:47:28]: ▸     ✖ [ExampleTestTests] testExample on 'Clone 1 of iPhone 17 Pro - ExampleTest (96789)' (0.474 seconds)"#,
            "apple/cross", "fastlane/xcode26_xcbeautify_failure/fail.log:3"
        ),
        (
            #"    fail_test.go:6: Error message"#, "go/test-line",
            "go-junit-report/001-pass-fail-skip/fail.log:12"
        ),
        (#"    pkg_test.go:10: t.Log(P1)"#, "go/test-line", "go-junit-report/008-parallel/fail.log:8"),
        (#"panic: panic"#, "go/panic", "go-junit-report/032-failed-summary/fail.log:4"),
        (
            #"┌ Error: doctest failure in ~/juliadocs/Documenter/test/doctests/src/FooBroken.jl:6-9"#,
            "julia/log-error", "documenter-jl/doctest_stdout_22/fail.log:3"
        ),
        (
            #"Diff in /Users/ryan/Code/arret/compiler/hir/loader.rs at line 1:"#, "rust/rustfmt-diff",
            "terminal-to-html/rustfmt/fail.log:1"
        ),
        (
            #"ERROR: Error fetching remote repo 'origin'"#, "julia/error",
            "node-core-utils/git-failure-1/fail.log:17"
        ),
        (
            #"not ok 2178 sequential/test-inspector-port-zero-cluster"#, "javascript/tap-not-ok",
            "node-core-utils/js-flake-1/fail.log:16089"
        ),
        (
            #"ERROR: No acceptable C compiler found!"#, "julia/error",
            "node-core-utils/no-compiler-error/fail.log:100"
        ),
        (
            #"2026-07-29T04:36:28.4540735Z ##[error]fatal: couldn't find remote ref refs/tags/ciflow/b200/190903"#,
            "shell/fatal", "pytorch-log-classifier/checkout_ciflow_tag_missing/fail.log:39"
        ),
        (
            #"2026-07-31T08:26:29.1787192Z SyntaxError: invalid decimal literal"#, "python/exception",
            "pytorch-log-classifier/collection_syntaxerror/fail.log:48"
        ),
        (
            #"2026-07-29T09:10:59.1799961Z Error response from daemon: manifest for python:3.14t not found: manifest unknown: manifest unknown"#,
            "docker/error-response", "pytorch-log-classifier/docker_manifest_unknown/fail.log:37"
        ),
        (
            #"2024-07-12T17:22:03.2512319Z FAILED [0.0103s] inductor/test_triton_kernels.py::KernelTests::test_triton_kernel_tracing_dynamic_True - TypeError: unhashable type: non-nested SymInt"#,
            "python/pytest-failed", "pytorch-log-classifier/error_log_multiple_matches/fail.log:750"
        ),
        (
            #"2023-09-29T17:42:08.3704186Z Traceback (most recent call last):"#, "python/traceback",
            "pytorch-log-classifier/experimental_log5/fail.log:3813"
        ),
        (
            #"2026-07-28T23:09:28.2898610Z ##[error]The operation was canceled."#, "runner/cancelled",
            "pytorch-log-classifier/gha_operation_canceled/fail.log:31"
        ),
        (
            #"2026-07-29T14:40:54.4928479Z ##[error]The action 'Test' has timed out after 360 minutes."#,
            "runner/timed-out", "pytorch-log-classifier/gha_timeout/fail.log:31"
        ),
        (
            #"2026-07-30T09:15:16.1400455Z RuntimeError: Command `git -C /home/runner/work/pytorch/pytorch cherry-pick -x f2c14040ce9aa74d0e5fa7e36b3f5df80f5be0c2` returned non-zero exit code 1"#,
            "python/exception", "pytorch-log-classifier/ghstack_cherry_pick/fail.log:26"
        ),
        (
            #"2026-07-30T13:29:28.1941597Z FAILED: [code=127] third_party/fmt/CMakeFiles/fmt.dir/src/format.cc.o.ddi "#,
            "native/ninja-failed", "pytorch-log-classifier/ninja_build_failed/fail.log:12"
        ),
        (
            #"2026-07-30T11:29:42.0798194Z !!!!!!!!!!!!!!!!!!!!!!!!!!!!!! KeyboardInterrupt !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"#,
            "python/interrupted", "pytorch-log-classifier/python_test_keyboardinterrupt/fail.log:31"
        ),
        (
            #"2026-07-31T06:28:05.2272960Z nn/test_pruning 1/1 failed! Received signal: SIGBUS"#,
            "runner/signal", "pytorch-log-classifier/test_file_signal_crash/fail.log:61"
        ),
        (
            #"2026-07-28T17:41:15.7688490Z FAILED CONSISTENTLY: test/dynamo/test_dynamic_shapes.py::DynamicShapesReproTests::test_vars_traced_correctly_under_compile_dynamic_shapes"#,
            "python/pytest-failed", "pytorch-log-classifier/unittest_failed_consistently/fail.log:29"
        ),
        (
            #"2026-07-29T17:45:22.4385450Z error: Error while fetching remote python downloads json from 'https://raw.githubusercontent.com/astral-sh/uv/0.11.29/crates/uv-python/download-metadata.json'"#,
            "rust/error", "pytorch-log-classifier/uv_python_download_failed/fail.log:31"
        ),
        (
            #"[task 2021-01-11T14:04:50.990Z] 14:04:50     INFO -  /data/local/tmp/test_root/tests/tests/tests/gc/weak-marking-01.js:141:11 Error: Assertion failed: got 4, expected 5"#,
            "harness/assertion", "treeherder/adjacent_identic_failure_lines/fail.log:1611"
        ),
        (
            #"[task 2025-02-13T22:10:07.053Z] 22:10:07    ERROR - PID 16211 | ==16211==ERROR: AddressSanitizer: heap-use-after-free on address 0x512000dacef0 at pc 0x7f5f778257ff bp 0x7fff65bbc1b0 sp 0x7fff65bbc1a8"#,
            "native/sanitizer", "treeherder/asan_too_large/fail.log:5439"
        ),
        (
            #"[task 2025-02-13T21:30:46.167Z] 21:30:46  WARNING -  TEST-UNEXPECTED-FAIL | dom/canvas/test/crossorigin/test_webgl_crossorigin_textures.html | Test timed out. -"#,
            "harness/unexpected", "treeherder/mochitest-end/fail.log:1745"
        ),
        (
            #"12:46:31     INFO -  Assertion failure: pNew->iVersion == pSub->iVersion, at ../../../storage/src/TelemetryVFS.cpp:357"#,
            "harness/assertion",
            "treeherder/mozilla-inbound_ubuntu64_vm-debug_test-mochitest-other-bm53-tests1-linux-build122/fail.log:826"
        ),
        (
            #"[task 2025-02-13T22:07:05.241Z] 22:07:05     INFO - TEST-UNEXPECTED-TIMEOUT | /css/css-inline/initial-letter/Initial-letter-breaking-rtl.html | expected FAIL"#,
            "harness/unexpected", "treeherder/reftest-timeout/fail.log:7471"
        ),
        (
            #"command timed out: 1200 seconds without output"#, "runner/timed-out",
            "treeherder/xpcshell-timeout/fail.log:26903"
        ),
        (
            #"✘ Test testFailTrueIsFalse() recorded an issue at Test.swift:17:9: Expectation failed: true == false"#,
            "apple/swift-testing-failed", "xcbeautify/MixedTestLog_6_0_macOS/fail.log:25"
        ),
        (
            #"􀢄  Test "Different kinds of functions are handled correctly" recorded an issue with 3 arguments input → "final class C_NAME {"#,
            "apple/swift-testing-failed", "xcbeautify/swift_test_log_macOS/fail.log:709"
        ),
        (
            #"/Users/musalj/code/OSS/ObjectiveSugar/Classes/NSNumber+ObjectiveSugar.m:26:5: error: use of undeclared identifier 'trololo'"#,
            "native/diagnostic", "xcpretty/raw_kiwi_compilation_fail/fail.log:17"
        ),
        (
            #"/Users/musalj/code/OSS/ReactiveCocoa/ReactiveCocoaFramework/ReactiveCocoaTests/RACTupleSpec.m:28: error: -[RACTupleSpec RACTupleUnpack_should_unpack_multiple_values] : expected: foobar, got: seoitns"#,
            "apple/xctest-failed", "xcpretty/raw_specta_fail/fail.log:3068"
        ),
        (
            #"FATAL: hudson.remoting.Channel$OrderlyShutdown: Command Close created at"#,
            "runner/jenkins-fatal",
            "cidiff/breakages/astor_1278/fail.log:49"
        ),
        (
            #"goroutine 24 [running]:"#, "go/goroutine",
            "cidiff/breakages_dump/Quick Checks_/run77/fail.log:642"
        ),
        (#"WARNING: DATA RACE"#, "go/race", "go-junit-report/017-race/fail.log:4"),
        (
            #"      throw new AssertionError(obj);"#, "javascript/assertion",
            "node-core-utils/js-flake-1/fail.log:16104"
        ),
        (
            #"____________ TestTorchDeviceTypeCPU.test_cauchy_kstest_cpu_bfloat16 ____________"#,
            "python/pytest-section", "pytorch-log-classifier/pytest_failures_section/fail.log:520"
        ),
        (
            #"[task 2025-02-13T22:10:09.075Z] 22:10:09     INFO - PID 16211 | SUMMARY: AddressSanitizer: heap-use-after-free /builds/worker/workspace/obj-build/dist/include/nsISupportsImpl.h:388:19 in operator++"#,
            "native/sanitizer", "treeherder/asan_too_large/fail.log:5541"
        ),
        // Buildkite's bracketed timestamp is a decoration, as GitHub's bare one is.
        (
            #"[2026-07-13T19:39:36Z] FAILED v1/engine/test_abort_final_step.py::test_abort_during_final_step[False] - RuntimeError: Engine core initialization failed. See root cause above. Failed core proc(s): {'EngineCore': 1}"#,
            "python/pytest-failed", "pytorch-vllm-buildkite/log_engine_cuda_init_fail/fail.log:41"
        ),
        (
            #"[2026-07-13T19:39:31Z] E               ValueError: Memory of devices devices=[0] not free after dur_s=120.01 (threshold='device=0: 0.100')"#,
            "python/pytest-e", "pytorch-vllm-buildkite/log_cudagraph_cuda_init_fail/fail.log:11"
        ),
    ]

    @Test(arguments: mustMatch.indices)
    func realErrorLinesOpenABlock(_ k: Int) {
        let c = Self.mustMatch[k]
        #expect(GrammarSet.builtIn.matches(c.line) == [c.rule], "\(c.from)")
    }

    /// Python linters name the rule they enforce after the location, in the formats their manuals
    /// give (flake8 and pycodestyle `%(path)s:%(row)d:%(col)d: %(code)s %(text)s`, ruff's concise
    /// output, pylint's `{path}:{line}:{column}: {msg_id}: {msg}`); pytest's and Python's own
    /// location lines are not lint diagnostics.
    /// The byte reading of an exception line answers as the `Character` one wherever it answers:
    /// on the samples' lines (from each offset of the first few bytes) and on generated names.
    @Test func asciiExceptionLineAnswersAsCharacters() throws {
        var texts = [
            "ValueError: x", "java.lang.IllegalStateException: x", "MethodError: no method", "Error: x",
            "valueerror: x", "KeyboardInterrupt", "SystemExit:", "Segmentation Fault: x", "AbcError:\u{301}x",
            "Abce\u{301}Error: x", "ÄbcError: x", "AbcError\r\n: x", "A-bcError: x", "A$b_c.dError:",
        ]
        let pieces = [
            "A", "b", "Error", "Exception", "Exit", ".", "_", "$", ":", " ", "-", "é", "\u{301}", "1",
        ]
        var generated = PieceTexts(pieces, seed: 11)
        for _ in 0..<20_000 { texts.append(generated.next()) }
        for (_, raw) in try FastPathEquivalenceTests.realTraces() {
            texts += TraceCleaner.clean(raw).lines.map(\.text)
        }
        var mismatches = 0
        for text in texts where mismatches < 5 {
            let bytes = Array(text.utf8)
            for start in 0..<min(3, bytes.count) where start == 0 || bytes[start - 1] < 0x80 {
                let s = Substring(text.utf8.dropFirst(start))
                var copy = String(s)
                guard let ascii = copy.withUTF8({ Shape.asciiExceptionLine($0) }) else { continue }
                if ascii != Shape.characterExceptionLine(s) {
                    mismatches += 1
                    Issue.record("\(s.debugDescription): bytes say \(ascii)")
                }
            }
        }
    }

    @Test func pythonLintersDiagnosticsAreMessages() {
        for line in [
            "src/b.py:17:1: F401 'sys' imported but unused",
            "./pkg/app.py:3:80: E501 line too long (91 > 79 characters)",
            "tests/test_io.py:12:5: PLR0913 [*] Too many arguments in function definition (6 > 5)",
            "src/a.py:1:0: C0114: Missing module docstring (missing-module-docstring)",
            "setup.py:4: W291 trailing whitespace",
        ] {
            #expect(GrammarSet.builtIn.matches(line) == ["python/lint-diagnostic"], "\(line)")
        }
        for line in [
            "src/app.py:12: in test_parse", "tests/test_a.py:17: AssertionError", "x.py:3:1: E",
            "see docs/usage.py:3: F401 for why", "src/b.py:17:1: f401 'sys' imported but unused",
        ] {
            #expect(!GrammarSet.builtIn.matches(line).contains("python/lint-diagnostic"), "\(line)")
        }
    }

    /// Tools the labelled corpora have no log of (PHP, R, Perl, Dart, Elixir and Erlang, Kotlin,
    /// ScalaTest, tsc's pretty format, ctest, pre-commit, Ansible): lines written here in the
    /// format each tool prints, with the rule that must match each, then the tool's passing or
    /// neutral lines that must match none of the new rules.
    static let otherToolsMatch: [(line: String, rule: String)] = [
        ("There were 2 failures:", "php/phpunit-heading"),
        ("1) Acme\\Billing\\Tests\\InvoiceTest::testTotalsWithDiscount", "php/phpunit-failure"),
        ("2) InvoiceTest::testRounding with data set #1 (19.99, 20.0)", "php/phpunit-failure"),
        ("FAILURES!", "php/phpunit-verdict"),
        ("Tests: 57, Assertions: 161, Errors: 1, Failures: 1.", "php/phpunit-counts"),
        (
            "Your requirements could not be resolved to an installable set of packages.",
            "php/composer-unresolvable"
        ),
        ("  Problem 1", "php/composer-problem"),
        ("── Failure ('test-fold.R:18:3'): fold keeps NA rows ──────────", "r/testthat-failure"),
        ("── 1. Error: parses dates (@test-dates.R#12)  ──────────", "r/testthat-failure"),
        ("[ FAIL 1 | WARN 0 | SKIP 0 | PASS 41 ]", "r/testthat-counts"),
        ("* checking examples ... ERROR", "r/rcheck-error"),
        ("Status: 1 ERROR, 2 WARNINGs", "r/rcheck-status"),
        ("Error in parse_date(x) : could not parse '2023-13-01'", "r/error-in"),
        ("#   Failed test 'wraps at the given width'", "perl/failed-test"),
        ("t/02-wrap.t ........ Dubious, test returned 1 (wstat 256, 0x100)", "perl/dubious"),
        ("t/02-wrap.t      (Wstat: 256 (exited 1) Tests: 12 Failed: 1)", "perl/prove-summary"),
        ("00:01 +2 -1: test/delta_test.dart: Delta compose merges adjacent retains [E]", "dart/test-failed"),
        (
            "  error • The method 'copyWith' isn't defined for the type 'Counter' • lib/a.dart:42:23 • undefined_method",
            "dart/analyzer-error"
        ),
        (
            "lib/src/counter.dart:42:23: Error: The method 'copyWith' isn't defined for the class 'Counter'.",
            "dart/compile-error"
        ),
        ("** (FunctionClauseError) no function clause matching in Relay.Body.parse/2", "elixir/exception"),
        ("** (CompileError) lib/relay.ex:3: undefined function foo/0", "elixir/exception"),
        ("23 tests, 2 failures", "elixir/counts"),
        ("%%% kvstore_ttl_SUITE ==> expired_key_is_not_returned: FAILED", "elixir/ct-failed"),
        ("══╡ EXCEPTION CAUGHT BY FLUTTER TEST FRAMEWORK ╞════════════════", "dart/flutter-exception"),
        ("   FAILED  Tests\\Feature\\RefundTest > it refunds a paid order", "php/pest-failed"),
        ("Failed asserting that 500 is identical to 200.", "php/failed-asserting"),
        ("FAIL in (tiered-discount) (discount_test.clj:27)", "jvm/clojure-test"),
        ("ERROR in (nil-region-falls-back) (Numbers.java:1095)", "jvm/clojure-test"),
        (
            "e: file:///builds/acme/app/src/main/kotlin/Router.kt:27:16 Unresolved reference: routeFor",
            "jvm/kotlin-error"
        ),
        (
            "e: /builds/acme/app/src/main/kotlin/Router.kt: (27, 16): Unresolved reference: routeFor",
            "jvm/kotlin-error"
        ),
        ("[info] - should not go below zero *** FAILED ***", "jvm/scalatest-failed"),
        ("- should not go below zero *** FAILED ***", "jvm/scalatest-failed"),
        (
            "src/components/Chart.vue:41:18 - error TS2339: Property 'seriez' does not exist on type 'Props'.",
            "javascript/tsc"
        ),
        ("Found 2 errors in 2 files.", "javascript/tsc-found"),
        ("2/4 Test #2: RangeSet.MergeAdjacent ...........***Failed    0.01 sec", "native/ctest-test-failed"),
        (" FAIL  src/cart.test.ts > cart > totals include tax", "javascript/vitest-failed"),
        ("      Tests  1 failed | 7 passed (8)", "javascript/vitest-counts"),
        (
            "configure: error: OpenSSL development files not found; install libssl-dev",
            "native/configure-error"
        ),
        (
            "black....................................................................Failed",
            "harness/pre-commit-hook"
        ),
        (
            "web1                       : ok=2    changed=1    unreachable=0    failed=1    skipped=0",
            "harness/ansible-recap"
        ),
        ("/builds/acme/billing/test/invoice_test.cpp:41: FAILED:", "native/catch2-failed"),
        ("Error in `round_up(x)`: could not find function \"round_up\"", "r/error-in"),
        ("Error: Test failures", "r/testthat-halted"),
        ("thread 'tests::totals' panicked at src/invoice.rs:41:9:", "rust/panicked"),
        (
            "PhantomJS 2.1.1 (Linux 0.0.0) calendarDirective week view renders ISO week numbers FAILED",
            "javascript/karma-failed"
        ),
        ("HeadlessChrome 120.0.6099 (Linux x86_64) Cart totals rounds up FAILED", "javascript/karma-failed"),
        ("│ Error: Unsupported argument", "terraform/error"),
        ("│ An argument named \"enable_classiclink\" is not expected here.", "terraform/detail"),
        (
            "error[vulnerability]: `idna` accepts Punycode labels that do not produce any non-ASCII",
            "rust/error-kind"
        ),
        ("error[banned]: crate 'openssl = 0.10.66' is explicitly banned", "rust/error-kind"),
        (
            "    - acme/php-sdk 5.0.0 requires php >=8.3 -> your php version (8.2.24) does not satisfy that requirement.",
            "php/composer-reason"
        ),
    ]

    static let otherToolsNoMatch: [String] = [
        "OK (57 tests, 161 assertions)",
        "Tests: 57, Assertions: 161, Skipped: 2.",
        "1) the first step of the release, then the second",
        "  Problem solved by upgrading the resolver",
        "── Skip ('test-net.R:3:1'): needs a network ──────────",
        "[ FAIL 0 | WARN 1 | SKIP 2 | PASS 41 ]",
        "* checking tests ... OK",
        "Status: OK",
        "t/01-basic.t ....... ok",
        "00:01 +3: test/delta_test.dart: Delta invert round-trips",
        "warning • The value of the local variable 'unused' isn't used • lib/main.dart:12:9 • unused_local_variable",
        "23 tests, 0 failures",
        "\t Executed 9 tests, with 1 failure (0 unexpected) in 0.002 (0.003) seconds",
        "w: file:///builds/acme/app/src/main/kotlin/Main.kt:8:5 Parameter 'args' is never used",
        "e: see the release notes",
        "%%% kvstore_ttl_SUITE ==> expired_key_is_returned: OK",
        "   PASS  Tests\\Feature\\WebhookTest",
        "[info] - should start at zero",
        "      Tests  8 passed (8)",
        " ✓ src/utils.test.ts  (5 tests) 4ms",
        "checking for libssl... no",
        "Found 0 errors. Watching for file changes.",
        "3/4 Test #3: RangeSet.Subtract ................   Passed    0.01 sec",
        "trim trailing whitespace.................................................Passed",
        "web1                       : ok=3    changed=0    unreachable=0    failed=0    skipped=1",
        "test cases:  3 |  3 passed",
        "Error in the second paragraph of the guide",
        "Error: Test failures were fixed in 2.1",
        "│ Warning: Argument is deprecated",
        "PhantomJS 2.1.1 (Linux 0.0.0): Executed 188 of 188 (1 FAILED) (1.234 secs / 1.112 secs)",
        "BUILD FAILED",
        "Tests run: 3 (2 FAILED)",
        "│   on main.tf line 14, in resource \"aws_vpc\" \"this\":",
        "│ ",
        "error[E0425]: cannot find value `x` in this scope",
        "    - Root composer.json requires acme/php-sdk ^5.0 -> satisfiable by acme/php-sdk[5.0.0].",
    ]

    @Test func otherToolsErrorLinesOpenABlock() {
        for c in Self.otherToolsMatch {
            #expect(GrammarSet.builtIn.matches(c.line) == [c.rule], "\(c.line)")
        }
        let added = Set(Self.otherToolsMatch.map(\.rule))
        for line in Self.otherToolsNoMatch {
            let rules = GrammarSet.builtIn.matches(line)
            #expect(added.isDisjoint(with: rules), "\(line): \(rules)")
        }
        // unittest's header is unittest's, not Julia's `ERROR: ` (whose message it would then be).
        let unittest = GrammarSet.builtIn.matches(
            "ERROR: test_parse (tests.test_parser.ParserTest.test_parse)")
        #expect(unittest.contains("python/unittest-error") && !unittest.contains("julia/error"))
        // A test file that failed to import, and a class's fixture, are unittest's headers too; the
        // loader's wrapper over the traceback is a header, the warning raised at its end a message.
        for line in [
            "ERROR: tests.test_due_dates (unittest.loader._FailedTest.tests.test_due_dates)",
            "ERROR: setUpClass (tests.test_db.DatabaseTest)",
        ] {
            #expect(GrammarSet.builtIn.matches(line) == ["python/unittest-error"], "\(line)")
        }
        #expect(
            GrammarSet.builtIn.matches("ImportError: Failed to import test module: tests.test_due_dates")
                .first
                == "python/unittest-import")
        for line in [
            "DeprecationWarning: datetime.datetime.utcfromtimestamp() is deprecated and scheduled for removal",
            "urllib3.exceptions.InsecureRequestWarning: Unverified HTTPS request is being made",
        ] {
            #expect(GrammarSet.builtIn.matches(line) == ["python/warning-raised"], "\(line)")
        }
        // A printed warning starts with its file and line; a bare `Warning:` is any tool's.
        for line in [
            "/builds/acme/app/src/x.py:12: DeprecationWarning: pkg_resources is deprecated as an API",
            "  /usr/lib/python3/dist-packages/yaml/__init__.py:5: UserWarning: no C extension",
            "Warning: the lock file is out of date",
        ] {
            #expect(!GrammarSet.builtIn.matches(line).contains("python/warning-raised"), "\(line)")
        }
        #expect(
            GrammarSet.builtIn.matches("ERROR: MethodError: no method matching f(::Int64)").contains(
                "julia/error"))
        // Valgrind's reports under its `==PID== ` prefix; minitest's test that raised.
        for (line, rule) in [
            ("==4123== Invalid read of size 1", "native/valgrind"),
            ("==4123== Conditional jump or move depends on uninitialised value(s)", "native/valgrind"),
            (
                "==4123== 64 bytes in 2 blocks are definitely lost in loss record 1 of 1",
                "native/valgrind-leak"
            ),
            (
                "==4123== ERROR SUMMARY: 3 errors from 2 contexts (suppressed: 0 from 0)",
                "native/valgrind-summary"
            ),
            ("Error:", "ruby/minitest-error"),
            ("  1) Error:", "ruby/minitest-error"),
        ] {
            #expect(GrammarSet.builtIn.matches(line).first == rule, "\(line)")
        }
        for line in [
            "==4123== ERROR SUMMARY: 0 errors from 0 contexts (suppressed: 0 from 0)",
            "==4123==    at 0x4C2E0F4: strlen (in /usr/lib/valgrind/vgpreload_memcheck-amd64-linux.so)",
            "Error: the second paragraph",
        ] {
            let rules = GrammarSet.builtIn.matches(line)
            #expect(
                !rules.contains { $0.hasPrefix("native/valgrind") || $0 == "ruby/minitest-error" }, "\(line)")
        }
        // Pester, Elm, ert, Nim's unittest, a Ruby exception after its message (travis2's tools).
        for (line, rule) in [
            ("[-] merges nested hashtables recursively 48ms", "other/pester-failed"),
            (
                "-- TYPE MISMATCH ------------------------------------------ ./src/Page/Board.elm",
                "other/elm-error"
            ),
            ("Test org-recur-test-weekday-list condition:", "other/ert-condition"),
            (
                "/home/travis/build/s/yamlite/tests/tparser.nim(88, 25): Check failed: doc.root[0].kind == yMapping",
                "other/nim-check-failed"
            ),
            ("[FAILED] flow mapping inside sequence", "other/nim-failed"),
            (
                "expected to find text \"Welcome back, alice\" in \"Signed in\" (RSpec::Expectations::ExpectationNotMetError)",
                "other/ruby-exception"
            ),
        ] {
            #expect(GrammarSet.builtIn.matches(line).first == rule, "\(line)")
        }
        for line in [
            "[+] merges flat hashtables 12ms", "-- Installing: /usr/local/lib/libfoo.so",
            "-- The C compiler identification is GNU 12.2.0", "Test suite condition: ok",
            "see the notes (Error)",
        ] {
            #expect(!GrammarSet.builtIn.matches(line).contains { $0.hasPrefix("other/") }, "\(line)")
        }
        // googletest's `Failure` rule reads RSpec's `Failure/Error:` too, not a `Failures:` heading.
        #expect(!GrammarSet.builtIn.matches("Failures:").contains("native/gtest-failure"))
        #expect(
            GrammarSet.builtIn.matches("Failure/Error: expect(total).to eq(11)").contains(
                "native/gtest-failure"))
    }

    /// Lines that are not the cause: no grammar rule may match them.
    static let mustNotMatch: [String] = [
        "✓ testSomething (0.05 seconds)",
        "  ✔ renders the page (12ms)",
        "--- PASS: TestParse (0.00s)",
        "ok  \tgithub.com/acme/tool/parse\t0.012s",
        "test tests::parses ... ok",
        "Test Summary: | Pass  Total  Time",
        "##[group]Run actions/checkout@v4",
        "Post job cleanup.",
        "Done. Your build exited with 1.",
        "Uploading artifacts for failed job",
        "Cleaning up project directory and file based variables",
        "- Fixed an error when the parser met an empty file (#1234)",
        "  * Handle errors from the resolver more gracefully",
        "Downloading https://files.pythonhosted.org/packages/error_tools-1.0.tar.gz (12 kB)",
        "   Compiling errno v0.3.8",
        "[INFO] BUILD SUCCESS",
        "Tests run: 12, Failures: 0, Errors: 0, Skipped: 1",
        "0 failing",
        "=== 25 passed in 3.21s ===",
        "goroutine 7 [chan receive]:",
        // A test named for the error it checks, in a logger's INFO line (cidiff/breakages/dspot_842/fail.log:2990).
        "[main] INFO eu.stamp_project.testrunner.EntryPoint - Test has been run: fr.inria.filter.failing.FailingTest#testAssertionError",
    ]

    @Test(arguments: mustNotMatch)
    func passingScaffoldingAndProseOpenNoBlock(_ line: String) {
        #expect(GrammarSet.builtIn.matches(line) == [])
    }

    /// A bracketed ISO timestamp (Buildkite's `[2026-07-13T19:39:36Z] `) is skipped like GitHub's
    /// bare one, the indentation after it kept; a bracket holding anything else is the line's text
    /// (`pytorch-vllm-buildkite/log_engine_cuda_init_fail/fail.log` 23 and 25).
    @Test(arguments: [
        (
            "[2026-07-13T19:39:36Z] tests/v1/engine/test_async_llm.py: 29 warnings",
            "tests/v1/engine/test_async_llm.py: 29 warnings"
        ),
        ("[2026-07-13T19:39:36Z]", ""),
        ("[2026-07-13T19:39:36Z]   @dataclass", "  @dataclass"),
        // BuildKit's step prefix after the CI's timestamp, as after nothing (`docker build` in
        // GitHub Actions: cidiff `Build Terraform CLI Packages_` run logs, `… #6 ERROR: …`).
        ("2022-04-27T19:35:52.9760703Z #6 ERROR: failed to copy", "ERROR: failed to copy"),
        ("2022-04-27T19:35:52.9760703Z #6 0.345 go: downloading x", "go: downloading x"),
        ("#6 0.345 go: downloading x", "go: downloading x"),
        ("see #6 0.345 above", "see #6 0.345 above"),
        ("markdown-lite> Test suite spec failed", "Test suite spec failed"),
        ("julia> 1 + 1", "julia> 1 + 1"),
        ("> Task :app:compileKotlin FAILED", "> Task :app:compileKotlin FAILED"),
        ("[2026-07-13 19:39:36.123] ERROR x", "ERROR x"),
        ("[ERROR] Failed to execute goal", "[ERROR] Failed to execute goal"),
        ("[2026-07-13] release notes", "[2026-07-13] release notes"),
        ("[v2026-07-13T19:39:36Z] x", "[v2026-07-13T19:39:36Z] x"),
    ])
    func bracketedTimestampsAreDecorations(_ c: (String, String)) {
        #expect(String(LineContent.of(c.0)) == c.1)
    }

    /// Scaffolding and progress lines are never chosen, even when nothing else is there.
    @Test func scaffoldingAndPassingLinesAreNeverChosen() {
        let log = CleanedLog(plain: [
            "Running with gitlab-runner 17.0.0", "✓ testA (0.01 seconds)", "✓ testB (0.02 seconds)",
            "$ make check", "checking parser", "checking printer: mismatch in line 3",
            "Uploading artifacts for failed job", "Cleaning up project directory and file based variables",
            "ERROR: Job failed: exit code 2",
        ])
        let e = ExcerptExtractor().excerpt(failed: log)
        let texts = e.lines.map(\.line.text)
        #expect(texts == ["checking parser", "checking printer: mismatch in line 3"])
        #expect(e.keyLine?.line.text == "checking printer: mismatch in line 3")
    }

    /// Jenkins' Docker Pipeline asks for an image before pulling it; the `docker inspect` answer
    /// is no cause (its format, as Jenkins prints it, written here).
    @Test func jenkinsImageProbeIsScaffolding() {
        let log = CleanedLog(plain: [
            "[Pipeline] sh", "+ docker inspect -f . ruby:3.2.3", "", "Error: No such object: ruby:3.2.3",
            "[Pipeline] sh", "+ docker pull ruby:3.2.3", "+ bundle exec rubocop",
            "app/models/order.rb:12:5: C: Style/GuardClause: Use a guard clause.",
            "1 file inspected, 1 offense detected",
        ])
        let e = ExcerptExtractor().excerpt(failed: log)
        #expect(e.keyLine?.line.number == 8)
        #expect(!e.lines.contains { $0.line.number == 4 })
    }

    /// `dotnet test`'s passing test is a passing test; busted's `Passed in:` heading over the value
    /// a failed assertion got is not (both formats written here).
    @Test func dotnetsPassingTestIsProgressNotBustedsHeading() {
        func noise(_ s: String) -> LineShape.Noise {
            var copy = s
            return copy.withUTF8 { LineShape($0).noise }
        }
        #expect(noise("  Passed Payroll.Tests.TaxTests.Lookup [1 ms]") == .progress)
        #expect(noise("  Passed Payroll.Tests.TaxTests.Lookup [< 1 ms]") == .progress)
        #expect(noise("Passed in:") == .none)
        #expect(noise("Passed 3 of 4 checks [see below]") == .none)
    }

    /// The head of the log is never the fallback: a log of plain lines gives its tail.
    @Test func neverTheHeadOfTheLog() {
        let log = CleanedLog(plain: (1...200).map { "step \($0) done" })
        let e = ExcerptExtractor(maxLines: 10).excerpt(failed: log)
        #expect(e.lines.allSatisfy { $0.line.number > 190 })
    }

    /// GitLab's report on a service that failed its health check quotes the service's logs
    /// (`FATAL: …`): the job went on, and the failure is the one its script met.
    @Test func aServicesHealthCheckReportIsNotTheFailure() {
        let log = CleanedLog(plain: [
            "Waiting for services to be up and running (timeout 30 seconds)...",
            "*** WARNING: Service runner-x-project-9-concurrent-0-postgres-0 probably didn't start properly.",
            "",
            "Health check error:", "service \"runner-x-wait-for-service\" health check: exit code 1", "",
            "Health check container logs:",
            "2026-11-02T01:34:20.794409Z FATAL: waiting for TCP port 5432 timed out",
            "", "*********", "", "$ go build ./...",
            "internal/window/window.go:237:29: declared and not used: locale",
            "ERROR: Job failed: exit code 1",
        ])
        let e = ExcerptExtractor().excerpt(failed: log)
        #expect(e.keyLine?.line.text == "internal/window/window.go:237:29: declared and not used: locale")
    }

    /// RSpec: the examples `Pending:` lists above `Failures:` did not fail; the exception an
    /// example raised is its key, not the expression that raised it.
    @Test func rspecsPendingExamplesAreNotTheFailure() {
        let log = CleanedLog(plain: [
            "Pending: (Failures listed here are expected and do not affect your suite's status)", "",
            "  1) Zones::Matrix returns the surcharge for cross-border pairs",
            "     # TODO: waiting for carrier rate card", "     # ./spec/models/zones/matrix_spec.rb:44", "",
            "Failures:", "", "  1) Stock::Replenisher#call posts a purchase order for the supplier",
            "     Failure/Error: PlatformClient.post(path, body: payload)", "", "     NoMethodError:",
            "       undefined method `escape' for URI:Module",
            "     # ./vendor/bundle/ruby/3.2.0/gems/platform_client-1.4.2/lib/platform_client/request.rb:27:in `build_path'",
            "", "Finished in 2.45 seconds (files took 1.59 seconds to load)",
            "85 examples, 1 failure, 1 pending",
        ])
        let e = ExcerptExtractor().excerpt(failed: log)
        #expect(e.header?.text == "  1) Stock::Replenisher#call posts a purchase order for the supplier")
        #expect(e.keyLine?.line.text == "     NoMethodError:")
        #expect(!e.messageLines.contains { $0.text.contains("Failure/Error") })
    }

    /// Valgrind's error under its `==PID== ` prefix is one block: the error and its frames.
    @Test func valgrindsErrorIsABlockWithItsFrames() {
        let log = CleanedLog(plain: [
            "  CC       libtok_la-error.lo", "PASS: test_tokenizer",
            "==4123== Memcheck, a memory error detector",
            "==4123== ", "==4123== Invalid read of size 1",
            "==4123==    at 0x4C2E0F4: strlen (in /usr/lib/valgrind/vgpreload_memcheck-amd64-linux.so)",
            "==4123==    by 0x4E3A2B7: tok_next (tokenizer.c:118)", "==4123== ",
            "==4123== ERROR SUMMARY: 1 errors from 1 contexts (suppressed: 0 from 0)",
            "make: *** [Makefile:412: check-valgrind] Error 1",
        ])
        let e = ExcerptExtractor().excerpt(failed: log)
        #expect(e.keyLine?.line.text == "==4123== Invalid read of size 1")
        #expect(e.lines.contains { $0.line.text == "==4123==    by 0x4E3A2B7: tok_next (tokenizer.c:118)" })
    }

    /// Pkg's precompile report announces the package; the error under it is the key.
    @Test func juliaPrecompileFailureKeyIsTheErrorUnderIt() {
        let log = CleanedLog(plain: [
            "Precompiling project...", "ERROR: The following 1 direct dependency failed to precompile:", "",
            "ForecastingModels [ae7a4b3b-134d-468d-a6b3-8936921a3382]", "",
            "Failed to precompile ForecastingModels [ae7a4b3b-134d-468d-a6b3-8936921a3382] to \"/root/.julia/compiled/v1.10/ForecastingModels/jl_BOcTe0\".",
            "ERROR: LoadError: UndefVarError: `split_defaults` not defined in `ForecastingModels`",
            "Stacktrace:",
            " [1] top-level scope", "   @ /builds/data/ml/forecasting-models/src/split.jl:164",
        ])
        let e = ExcerptExtractor().excerpt(failed: log)
        #expect(
            e.keyLine?.line.text
                == "ERROR: LoadError: UndefVarError: `split_defaults` not defined in `ForecastingModels`")
    }

    /// A Julia test error: the header says where, the key line is the exception under it.
    @Test func juliaErrorDuringTestKeyIsTheException() {
        let log = CleanedLog(plain: [
            "Test Summary: | Pass  Error  Total",
            "io: Error During Test at /builds/julia/Tabular.jl/test/io.jl:115",
            "  Test threw exception", "  Expression: read(io, Table)",
            "  MethodError: no method matching promote_shape(::Tuple{Int64}, ::Tuple{Int64, Int64})",
            "  Stacktrace:", "   [1] f at ./a.jl:1", "ERROR: Package Tabular errored during testing",
        ])
        let e = ExcerptExtractor().excerpt(failed: log)
        #expect(e.header?.text == "io: Error During Test at /builds/julia/Tabular.jl/test/io.jl:115")
        #expect(
            e.keyLine?.line.text
                == "  MethodError: no method matching promote_shape(::Tuple{Int64}, ::Tuple{Int64, Int64})")
    }

    /// Julia's logger prints an `@error` as a box: `┌ Error:`, its `│ ` lines (blank ones too),
    /// `└ @ Module file:line`. The box is one block, shown whole when it fits; the box of a
    /// warning is not. Documenter's doctest failure, `documenter-jl/doctest_stdout_22/fail.log`
    /// (all of it; lines 3-25 labelled).
    @Test func juliaLoggedErrorIsOneBlockThroughItsLocation() {
        let box = [
            "┌ Error: doctest failure in ~/juliadocs/Documenter/test/doctests/src/FooBroken.jl:6-9",
            "│ ", "│ ```jldoctest", "│ julia> 2 + 2", "│ 42", "│ ```", "│ ", "│ Subexpression:", "│ ",
            "│ 2 + 2", "│ ", "│ Evaluated output:", "│ ", "│ 4", "│ ", "│ Expected output:", "│ ", "│ 42",
            "│ ",
            "│   diff =", "│    Warning: Diff output requires color.", "│    424",
            "└ @ Documenter ~/juliadocs/Documenter/test/doctests/src/FooBroken.jl:6",
        ]
        let log = CleanedLog(
            plain: [
                "[ Info: SetupBuildDirectory: setting up build directory.",
                "[ Info: Doctest: running doctests.",
            ]
                + box + [
                    "[ Info: HTMLWriter: rendering HTML pages.",
                    "┌ Warning: Cannot extract version for inventory from {PATH}: no such file",
                    "└ @ Documenter.HTMLWriter {PATH}",
                ])
        let e = ExcerptExtractor().excerpt(failed: log)
        let texts = e.lines.map(\.line.text)
        #expect(e.keyLine?.line.text == box[0])
        #expect(box.allSatisfy(texts.contains), "\(texts)")
        #expect(!e.lines.contains { $0.line.text.hasPrefix("┌ Warning") && $0.reason == .grammar })
    }

    /// maven-enforcer-plugin: the rule that failed, then its report up to Maven's next line, which
    /// ends it; the `BUILD FAILURE` after it is not the cause. Lines of
    /// `analysis-model/maven-enforcer/fail.log` 1-14 and 40-43 (MIT; Fixtures/PROVENANCE.md), the
    /// middle of the dependency report left out.
    @Test func aMavenEnforcerRuleIsOneBlockThroughItsReport() {
        let report = [
            "[WARNING] Rule 4: org.apache.maven.plugins.enforcer.RequireUpperBoundDeps failed with message:",
            "Failed while enforcing RequireUpperBoundDeps. The error(s) are [",
            "Require upper bound dependencies error for org.jenkins-ci:annotation-indexer:1.11 paths to dependency are:",
            "+-io.jenkins.plugins:warnings-ng:2.2.0-SNAPSHOT", "  +-org.jenkins-ci.plugins:git:3.9.1",
            "    +-org.jenkins-ci:annotation-indexer:1.11", "and",
            "+-io.jenkins.plugins:warnings-ng:2.2.0-SNAPSHOT", "  +-org.jenkins-ci.main:jenkins-core:2.89.1",
            "    +-org.jenkins-ci:annotation-indexer:1.12", "]",
        ]
        let log = CleanedLog(
            plain: [
                "[INFO] --- maven-enforcer-plugin:3.0.0-M1:enforce (display-info) @ warnings-ng ---",
                "[INFO] Adding ignore: module-info", "[INFO] Adding ignore: **/ModuleUtils*",
            ] + report + [
                "[INFO] ------------------------------------------------------------------------",
                "[INFO] BUILD FAILURE",
                "[INFO] ------------------------------------------------------------------------",
                "[INFO] Total time:  7.251 s",
            ])
        let e = ExcerptExtractor().excerpt(failed: log)
        let texts = e.lines.map(\.line.text)
        #expect(e.keyLine?.line.text == report[0])
        #expect(report.allSatisfy(texts.contains), "\(texts)")
        #expect(e.lines.first { $0.line.text == report[0] }?.detail == "jvm/maven-enforcer-rule")
        // The rule and its report name the cause; another rule is another cause.
        let signature = SignatureBuilder.signature(
            of: e, identity: ProjectIdentity(path: "jenkinsci/warnings-ng"))
        #expect(signature.maskedLines.first?.contains("RequireUpperBoundDeps failed with message:") == true)
        let other = CleanedLog(
            plain: [
                "[WARNING] Rule 1: org.apache.maven.plugins.enforcer.RequireJavaVersion failed with message:",
                "Detected JDK Version: 1.8.0-292 is not in the allowed range [11,).",
                "[INFO] BUILD FAILURE",
            ])
        let otherSignature = SignatureBuilder.signature(
            of: ExcerptExtractor().excerpt(failed: other),
            identity: ProjectIdentity(path: "jenkinsci/warnings-ng"))
        #expect(otherSignature != signature)
    }

    /// lintrunner reports each file as `>>> Lint for FILE:` with its findings indented under it,
    /// blank lines between; any finding fails the run (a formatter's patch too, a `Warning`), so the
    /// file's block is the failure, not the runner's annotation after it. Lines 190-200 and 226-230
    /// of `pytorch-log-classifier/lint_lintrunner/fail.log` (timestamps and colours left out).
    @Test func lintrunnersFileReportIsTheBlock() {
        let report = [
            ">>> Lint for benchmarks/distributed/bench_symmetric_memory_all_gather.py:", "",
            "  Warning (PYFMT) format", "    Run `lintrunner -a` to apply this patch.", "",
            "    You can run `lintrunner -a` to apply this patch.",
        ]
        let log = CleanedLog(
            plain: [
                "$ uvx --python 3.10 lintrunner@0.12.7 --tee-json /tmp/spinlint_yt0bgn25.json --take PYFMT",
                "+ echo ''", "", "",
            ] + report + [
                "", "     20   20 | from torch._C._distributed_c10d import _SymmetricMemory", "",
                "Lint failed!", "",
                "You can reproduce these results locally by using `lintrunner -m origin/main`.",
                "##[error][OSDC] Step script exited with code 1. This is a script/workflow error, not an infrastructure issue. Check the step logs above for the actual failure.",
                "##[error]Process completed with exit code 1.",
            ])
        let e = ExcerptExtractor(maxLines: 10).excerpt(failed: log)
        let texts = e.lines.map(\.line.text)
        // The finding names the cause (which linter, which rule), the header where it is.
        #expect(e.keyLine?.line.text == report[2])
        #expect(report.filter { !$0.isEmpty }.allSatisfy(texts.contains), "\(texts)")
        #expect(GrammarSet.builtIn.matches(report[0]) == ["python/lintrunner-file"])
        // Prose that merely starts the same way is no report.
        #expect(GrammarSet.builtIn.matches(">>> Lint for details, see CONTRIBUTING.md") == [])
        #expect(GrammarSet.builtIn.matches("Warning (deprecated) use the new API") == [])
    }

    /// `cargo fmt --check` prints, for each file, `Diff in FILE at line N:` and the diff formatting
    /// would apply: context, removed and added lines, an empty context line as a lone space. The
    /// diff is the header's block, through its last line; the line after it is not. Lines of
    /// `terminal-to-html/rustfmt/fail.log` (all of it, colours left out), then a line of prose.
    @Test func rustfmtsDiffIsTheBlockOfItsHeader() {
        let diff = [
            "Diff in /Users/ryan/Code/arret/compiler/hir/loader.rs at line 1:",
            "- use std::collections::HashMap;", "+", "+use std::collections::HashMap;", " use std::path;",
            " ",
            " use crate::hir::error::{Error, ErrorKind, Result};",
        ]
        let log = CleanedLog(plain: ["$ cargo fmt --all -- --check"] + diff + ["", "Done in 3s."])
        let e = ExcerptExtractor().excerpt(failed: log)
        #expect(e.keyLine?.line.text == diff[0])
        #expect(e.lines.map(\.line.text) == diff)
    }

    /// Bad input stays harmless: empty, escape-only, invalid UTF-8, one 10 MB line, many MB of lines.
    @Test func badInputIsHarmless() {
        #expect(ExcerptExtractor().excerpt(failed: TraceCleaner.clean([UInt8]())).lines.isEmpty)
        let escapes = [UInt8](String(repeating: "\u{1B}[31m\u{1B}[0K", count: 10_000).utf8)
        #expect(ExcerptExtractor().excerpt(failed: TraceCleaner.clean(escapes)).lines.count <= 30)
        let invalid: [UInt8] = [0xFF, 0xFE, 0x0A, 0x45, 0x72, 0x72, 0x6F, 0x72, 0x3A, 0x20, 0xC3, 0x28, 0x0A]
        let e = ExcerptExtractor().excerpt(failed: TraceCleaner.clean(invalid))
        #expect(e.keyLine != nil)
        let long = [UInt8](repeating: 0x61, count: 10_000_000) + [UInt8]("\nerror: boom\n".utf8)
        #expect(
            ExcerptExtractor().excerpt(failed: TraceCleaner.clean(long)).keyLine?.line.text == "error: boom")
        var many: [UInt8] = []
        for k in 0..<120_000 { many += [UInt8]("line \(k) Error: value \(k) failed\n".utf8) }
        let big = ExcerptExtractor().excerpt(failed: TraceCleaner.clean(many))
        #expect(big.lines.count <= 30)
    }
}

/// The grammars' byte search answers what Foundation's `range(of:)` answers.
@Test(arguments: [
    ("internal/api/client_test.go:65: got 3", "_test.go:"), ("ß ünïcode.go:12:3: x", ".go:"),
    ("no match here", ".go:"),
    ("a.go:b.go:1", ".go:"), ("", ".go:"), (".go", ".go:"), ("x: error CS0103: y", ": error "),
])
func byteSearchAgreesWithFoundation(_ c: (String, String)) {
    let s = Substring(c.0)
    let mine = s.bytes(of: c.1).map { s.distance(from: s.startIndex, to: $0.lowerBound) }
    let theirs = s.range(of: c.1).map { s.distance(from: s.startIndex, to: $0.lowerBound) }
    #expect(mine == theirs)
}

/// mocha's and RSpec's numbered failure headers (`  1) Suite name`): the rules' anchor `) ` is never
/// at the start of the text, so they match it anywhere and check the number before it.
@Test(arguments: [
    ("1) Array #indexOf() should return -1 when the value is not present", true),
    ("12) User#save rejects an empty email", true), ("1)", false), ("12345) too many digits", false),
    ("a) not a number", false), ("see (1) below", false), (") nothing before", false),
])
func numberedFailureHeaders(_ c: (String, Bool)) {
    #expect(Shape.numbered(Substring(c.0), digits: 4) == c.1)
    // The stronger of the two rules names the line.
    #expect((GrammarSet.builtIn.matches("  " + c.0) == ["ruby/rspec-failure"]) == c.1)
}
