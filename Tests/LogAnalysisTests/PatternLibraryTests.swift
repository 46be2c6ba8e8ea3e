import Testing

@testable import LogAnalysis

@Suite struct PatternLibraryTests {
    /// (line, pattern name that must be the strongest match, or nil for no match at all).
    static let cases: [(String, String?)] = [
        // Julia
        ("unicode via ::unicode => true: Test Failed at /home/x/test/a.jl:34", "julia-test-failed"),
        ("testing div: Error During Test at /home/x/runtests.jl:86", "julia-test-errored"),
        (
            "ERROR: LoadError: Some tests did not pass: 588 passed, 0 failed, 2 errored, 0 broken.",
            "julia-tests-did-not-pass"
        ),
        ("ERROR: LoadError: UndefVarError: foo not defined", "julia-load-error"),
        ("ERROR: Package AbstractNumbers errored during testing", "julia-errored-during-testing"),
        ("ERROR: Package Foo errored during testing (received signal: KILL)", "killed-signal"),
        ("ERROR: Unsatisfiable requirements detected for package Foo [1234]:", "julia-unsatisfiable"),
        ("     Testing Foo tests passed", nil),
        // Python
        ("Traceback (most recent call last):", "python-traceback"),
        ("FAILED tests/test_a.py::test_b - AssertionError: boom", "pytest-failed"),
        ("E       assert 1 == 2", "pytest-assert"),
        ("collected 12 items / FAILED nothing", nil),  // `FAILED ` not at line start
        // Compilers
        ("src/main.c:12:5: error: expected ';'", "compiler-error"),
        ("main.c:1:10: fatal error: foo.h: No such file or directory", "compiler-error"),
        ("warning: unused variable", nil),
        ("[ERROR] /builds/a/B.java:[4,26] cannot access C", "javac-error"),
        // Go
        ("--- FAIL: TestCloud_config (1.67s)", "go-test-fail"),
        ("    --- FAIL: TestCloud_config/sub (0.00s)", "go-test-fail"),
        ("panic: runtime error: index out of range", "go-panic"),
        ("FAIL\tgithub.com/x/y\t0.01s", "go-package-fail"),
        ("ok  \tgithub.com/x/y\t0.01s", nil),
        // JVM
        (
            "Tests run: 3, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 0.1 sec <<< FAILURE!",
            "junit-failure"
        ),
        ("[ERROR] Tests run: 8, Failures: 1, Errors: 0, Skipped: 0", "junit-summary"),
        ("Tests run: 8, Failures: 0, Errors: 0, Skipped: 0", nil),
        ("[INFO] BUILD FAILURE", "maven-build-failure"),
        ("[INFO] BUILD SUCCESS", nil),
        ("FAILURE: Build failed with an exception.", "gradle-build-failed"),
        ("java.lang.IllegalStateException: boom", "java-exception"),
        ("Caused by: java.lang.AssertionError: expected", "java-error"),
        // npm
        ("npm ERR! code ELIFECYCLE", "npm-error"),
        // Infrastructure
        ("Killed", "killed"),
        ("/bin/bash: line 1:   123 Killed                  julia test.jl", "killed"),
        ("Process Killed by user request?", nil),
        ("clang: error: unable to execute command: Killed", "killed-signal"),
        ("c++: internal compiler error: Killed (program cc1plus)", "killed-signal"),
        ("x86_64-linux-gnu-gcc: fatal error: Killed signal terminated program cc1", "killed-signal"),
        ("ERROR: Job failed: exit code 137", "exit-code-137"),
        ("Segmentation fault (core dumped)", "segfault"),
        ("signal (11): Segmentation fault", "segfault"),
        ("ERROR: Job failed: execution took longer than 1h0m0s seconds", "timeout"),
        ("fatal: unable to access 'https://x/': Could not resolve host: gitlab.example.com", "git-fetch"),
        ("curl: (6) Could not resolve host: example.org", "dns"),
        ("dial tcp: lookup proxy.golang.org: Temporary failure in name resolution", "dns"),
        ("connect to 127.0.0.1 port 5432 failed: Connection refused", "connection-refused"),
        ("write /builds/x: No space left on device", "no-space"),
        ("ERROR: Job failed: failed to pull image \"julia:1.10\"", "docker-pull"),
        ("Job's log exceeded limit of 4194304 bytes.", "log-truncated"),
        ("java.lang.OutOfMemoryError: Java heap space", "java-error"),
        // Each tool's words for one outage (the resolver, the network, a time limit, the runner).
        ("java.net.UnknownHostException: repo.maven.apache.org", "dns"),
        ("DNSError: pkg.julialang.org, unknown node or service (EAI_NONAME)", "dns"),
        // reallogs pytorch-log-classifier/uv_python_download_failed/fail.log:36 (uv on macOS)
        (
            "  Caused by: failed to lookup address information: nodename nor servname provided, or not known",
            "dns"
        ),
        ("dial tcp: lookup proxy.golang.org on 10.0.0.2:53: server misbehaving", "dns"),
        ("error: No such host is known. (api.nuget.org:443)", "dns"),
        ("connect ECONNREFUSED 10.1.2.3:443", "connection-refused"),
        ("npm ERR! network read ECONNRESET", "connection-failed"),
        ("npm ERR! errno ETIMEDOUT", "connection-failed"),
        (
            "pip._vendor.urllib3.exceptions.NewConnectionError: Failed to establish a new connection: [Errno 101] Network is unreachable",
            "connection-failed"
        ),
        ("dial tcp 10.0.0.7:443: connect: no route to host", "connection-failed"),
        (
            "Get \"https://proxy.golang.org/x/@v/list\": dial tcp 142.250.1.1:443: i/o timeout",
            "connection-failed"
        ),
        ("read tcp 127.0.0.1:5000->127.0.0.1:41234: i/o timeout", nil),
        ("API rate limit exceeded for installation ID 123.", "rate-limit"),
        (
            "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
            "rate-limit"
        ),
        ("memory allocation of 4294967296 bytes failed", "oom-killed"),
        ("terminate called after throwing an instance of 'std::bad_alloc'", "oom-killed"),
        ("collect2: fatal error: ld terminated with signal 9 [Killed]", "killed-signal"),
        ("error: failed to write /tmp/x: There is not enough space on the disk.", "no-space"),
        (
            "##[error]The job running on runner gh-42 has exceeded the maximum execution time of 360 minutes.",
            "timeout"
        ),
        (
            "##[error]The job running on agent Hosted Agent ran longer than the maximum time of 60 minutes.",
            "timeout"
        ),
        ("Build timed out (after 60 minutes). Marking the build as aborted.", "timeout"),
        (
            "No output has been received in the last 10m0s, this potentially indicates a stalled build or something wrong with the build itself.",
            "timeout"
        ),
        // reallogs pytorch-log-classifier/gha_cancellation_shutdown/fail.log:15
        (
            "##[error]The runner has received a shutdown signal. This can happen when the runner service is stopped, or a manually started runner is canceled.",
            "runner-system-failure"
        ),
        ("The self-hosted runner: ci-7 lost communication with the server.", "runner-system-failure"),
        // Not errors at all
        ("Running with gitlab-runner 18.7.0", nil),
        ("ERROR: Job failed: exit code 1", nil),
    ]

    @Test(arguments: cases)
    func strongestMatch(_ c: (String, String?)) {
        let lib = PatternLibrary.builtIn
        let found = lib.matches(c.0).map { lib.patterns[$0] }
        let best = found.max { $0.weight < $1.weight }
        #expect(best?.name == c.1, "\(found.map(\.name))")
    }

    /// The byte-level twins of the slow regexes answer as the regexes do on ASCII text: on the
    /// real traces' lines and on lines generated from the pieces the regexes read.
    @Test func asciiMatchersAnswerAsTheirRegexes() throws {
        var lines = [
            "src/a.c:3:5: error: x", "a:1: error:", "a.c: error: x", " :3: error:", "a::3: error:",
            "\t:3: error:", "a:: error:", "x:12:: error:", ":1: error:", "ab:1:2: fatal error: y",
            "Tests run: 3, Failures: 1", "Tests run: 3, Failures: 0, Errors: 2", "Tests run: 3, Failures: 0",
            "Tests run: 3, Failures: 0, Errors: 0", "Tests run: x, Failures: 1", "Tests run: 3, Failures: 05",
            "Tests run: , Failures: 1", "Tests run: 1, Failures: 0, Errors: ", "a\r\n:1: error:",
        ]
        let pieces = [
            ":", "::", "1", "0", "42", " ", "\t", "\r\n", "\n", "\u{0B}", "a", "x.c", ": error:",
            ": fatal error:",
            " error:", "Tests run: ", ", Failures: ", ", Errors: ", ",", "9", "-",
        ]
        var generated = PieceTexts(pieces, seed: 7, countShift: 60)
        for _ in 0..<20_000 { lines.append(generated.next()) }
        // A sample of the real traces' distinct lines: one in four of those that hold what a
        // matcher reads, one in sixteen of the rest (Swift's regexes on all 11k of them took a
        // minute of the debug suite).
        var seen = Set<String>()
        var counts = (relevant: 0, other: 0)
        for (_, raw) in try FastPathEquivalenceTests.realTraces() {
            for line in TraceCleaner.clean(raw).lines.map(\.text) where seen.insert(line).inserted {
                if ["error", "Tests run", "429", "Failures"].contains(where: { line.contains($0) }) {
                    counts.relevant += 1
                    if counts.relevant % 4 == 0 { lines.append(line) }
                } else {
                    counts.other += 1
                    if counts.other % 16 == 0 { lines.append(line) }
                }
            }
        }
        lines += [
            "HTTP 429", "status code: 429 Too Many", "HTTP/1.1 429", "HTTP error 429", "status 4290",
            "received 429 from server", "status: 429",
        ]
        // A regex that needs one of its literals never matches text without them.
        for (source, literals) in CompiledRegex.requiredLiterals {
            let regex = try Regex(source)
            for line in lines where (try? regex.firstMatch(in: line)) != nil {
                #expect(literals.contains { line.contains($0) }, "\(source): \(line.debugDescription)")
            }
        }
        for (source, matcher) in AsciiMatchers.bySource {
            let regex = try Regex(source)
            var mismatches = 0
            for line in lines where line.utf8.allSatisfy({ $0 < 0x80 }) && mismatches < 5 {
                let expected = (try? regex.firstMatch(in: line)) != nil
                let got = Array(line.utf8).withUnsafeBufferPointer { matcher($0) }
                if got != expected {
                    mismatches += 1
                    Issue.record("\(source): \(line.debugDescription): \(got) vs the regex's \(expected)")
                }
            }
        }
    }

    @Test func invalidRegexIsReported() {
        let lib = PatternLibrary.builtIn.adding([
            KnownPattern(name: "bad", anchor: "x", regex: "(", category: "test", weight: 1),
            KnownPattern(name: "mine", anchor: "FLAKY-CHECK", category: "test", weight: 99),
        ])
        #expect(lib.invalid == ["bad"])
        #expect(lib.matches("FLAKY-CHECK failed").map { lib.patterns[$0].name }.contains("mine"))
    }

    @Test(arguments: [
        // keyword lines
        ("something went wrong: Error 42", true),
        ("AssertionError: boom", true),
        ("make: *** [Makefile:24: staticcheck] Error 1", true),
        // not keyword lines
        ("Tests run: 5, Failures: 0, Errors: 0, Skipped: 0", false),
        ("compiled with 0 errors", false),
        ("gcc -Werror -o x x.c", false),
        ("$ make test || echo failed", false),
        ("stderr output follows", false),
        ("WARNING: deprecated, will fail in future", false),
    ])
    func keywords(_ c: (String, Bool)) {
        var text = c.0
        #expect(text.withUTF8 { Keywords.hasErrorKeyword($0) } == c.1)
    }
}
