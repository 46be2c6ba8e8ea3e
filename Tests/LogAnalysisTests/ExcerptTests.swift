import Testing

@testable import LogAnalysis

@Suite struct ExcerptTests {
    /// The three real PkgEval logs: a non-empty excerpt whose key line is the real error.
    @Test(arguments: [
        (
            "julia_pkgeval_AbstractNumbers_errored.log",
            "testing div: Error During Test at /home/pkgeval/.julia/packages/AbstractNumbers/VWdQ8/test/runtests.jl:86",
            "  MethodError: no method matching div(::Complex{Float64}, ::Complex{Float64}, ::RoundingMode{:ToZero})"
        ),
        (
            "julia_pkgeval_Batched_errored.log",
            "Testing batched_gemm! with Float32: Error During Test at /home/pkgeval/.julia/packages/Batched/yUbIZ/test/routines/gemm.jl:3",
            "  UndefVarError: has_offset_axes not defined"
        ),
        (
            "julia_pkgeval_Beauty_testfailed.log",
            "unicode via ::unicode => true: Test Failed at /home/pkgeval/.julia/packages/Beauty/bBrAV/test/show-measurements.jl:34",
            #"  Expression: showoutput("text/plain", (100.2 ± 0.5) * u"m", opt) == "100.2(5) m""#
        ),
    ])
    func juliaSamples(_ c: (String, String, String)) throws {
        let log = TraceCleaner.clean(try SharedFiles.sample(c.0))
        let excerpt = ExcerptExtractor().excerpt(failed: log)
        #expect(!excerpt.lines.isEmpty)
        #expect(excerpt.lines.count <= 30)
        // The block's header says where; the key line is the message under it.
        #expect(excerpt.header?.text == c.1)
        #expect(excerpt.keyLine?.line.text == c.2)
        #expect(!excerpt.infrastructure)
        #expect(excerpt.lines.map(\.line.number) == excerpt.lines.map(\.line.number).sorted())
    }

    /// A `make lint` whose linter failed: the linter's diagnostics are the key block, make's own
    /// `*** [lint] Error 1` (a wrapper: a step failed, not what) is not the key line.
    @Test func aLintersDiagnosticIsTheKeyNotMakesWrapper() {
        let log = CleanedLog(plain: [
            "$ make lint", "flake8 src tests", "src/b.py:17:1: F401 'sys' imported but unused",
            "src/c.py:3:80: E501 line too long (91 > 79 characters)", "make: *** [Makefile:12: lint] Error 1",
            "ERROR: Job failed: exit code 1",
        ])
        let e = ExcerptExtractor().excerpt(failed: log)
        #expect(e.keyLine?.line.text == "src/b.py:17:1: F401 'sys' imported but unused")
        let texts = e.lines.map(\.line.text)
        #expect(texts.contains("src/c.py:3:80: E501 line too long (91 > 79 characters)"))
        #expect(texts.contains("make: *** [Makefile:12: lint] Error 1"))
    }

    @Test func juliaBlockKeepsExceptionAndFirstFrames() throws {
        let log = TraceCleaner.clean(try SharedFiles.sample("julia_pkgeval_AbstractNumbers_errored.log"))
        let texts = ExcerptExtractor().excerpt(failed: log).lines.map(\.line.text)
        #expect(
            texts.contains(
                "  MethodError: no method matching div(::Complex{Float64}, ::Complex{Float64}, ::RoundingMode{:ToZero})"
            ))
        #expect(texts.contains("ERROR: Package AbstractNumbers errored during testing"))
        #expect(!texts.contains { $0.contains("[11] _start()") })
    }

    static func gitlab(_ body: [(String, [String])], exit: String = "ERROR: Job failed: exit code 1")
        -> String
    {
        var s = "\u{1B}[0KRunning with gitlab-runner 18.7.0 (3a5f2314)\u{1B}[0;m\n"
        var ts = 1_768_988_825
        for (section, lines) in body {
            s += "section_start:\(ts):\(section)\r\u{1B}[0K\u{1B}[0K\u{1B}[36;1mHeader \(section)\u{1B}[0;m\n"
            for l in lines { s += l + "\n" }
            ts += 1
            s += "section_end:\(ts):\(section)\r\u{1B}[0K\n"
        }
        s += "\u{1B}[31;1m\(exit)\u{1B}[0;m\n"
        return s
    }

    @Test func failureInGetSourcesIsInfrastructure() {
        let raw = Self.gitlab([
            ("prepare_executor", ["Using Docker executor with image julia:1.10 ..."]),
            (
                "get_sources",
                [
                    "Fetching changes with git depth set to 20...",
                    "fatal: unable to access 'https://gitlab.example.com/x.git/': Could not resolve host: gitlab.example.com",
                ]
            ),
        ])
        let e = ExcerptExtractor().excerpt(failed: TraceCleaner.clean(raw))
        #expect(e.infrastructure)
        #expect(e.keyLine?.line.section == "get_sources")
        #expect(e.keyLine?.detail == "git-fetch")
        #expect(e.matchedPatterns.first == "git-fetch")
    }

    @Test func oomIsInfrastructureEvenInScript() {
        let raw = Self.gitlab(
            [
                (
                    "step_script",
                    ["$ julia --project -e 'using Pkg; Pkg.test()'", "     Testing Foo", "Killed"]
                )
            ], exit: "ERROR: Job failed: exit code 137")
        let e = ExcerptExtractor().excerpt(failed: TraceCleaner.clean(raw))
        #expect(e.infrastructure)
        #expect(e.category == "oom")
        #expect(e.keyLine?.line.text == "ERROR: Job failed: exit code 137")
    }

    @Test func nothingTellingFallsBackToSectionTailThenRunner() {
        let raw = Self.gitlab([
            ("step_script", ["$ ./check.sh", "checking a", "checking b", "checking c"]),
            ("after_script", ["Running after_script"]),
        ])
        let e = ExcerptExtractor().excerpt(failed: TraceCleaner.clean(raw))
        #expect(e.lines.map(\.reason).allSatisfy { $0 == .sectionTail })
        #expect(e.lines.map(\.line.text) == ["checking a", "checking b", "checking c"])
        #expect(e.keyLine?.line.text == "checking c")
        #expect(!e.infrastructure)

        let bare = ExcerptExtractor().excerpt(failed: CleanedLog(plain: ["ERROR: Job failed: exit code 1"]))
        #expect(bare.lines.map(\.reason) == [.runnerFallback])
    }

    @Test func passingLogDemotesOldErrorsAndAddsNewLines() {
        let common = ["step 1", "WARN: Error-prone library loaded", "error: old noise that always happens"]
        let failed = CleanedLog(
            plain: common + [
                "computing", "value mismatch at index 3", "--- FAIL: TestX (0.01s)", "FAIL\tpkg\t0.1s",
            ])
        let passed = CleanedLog(plain: common + ["computing", "ok\tpkg\t0.1s"])
        let e = ExcerptExtractor().excerpt(failed: failed, passed: passed)
        let texts = e.lines.map(\.line.text)
        #expect(e.keyLine?.line.text == "--- FAIL: TestX (0.01s)")
        #expect(!texts.contains("error: old noise that always happens"))
        #expect(
            e.lines.contains { $0.reason == .absentFromGreen && $0.line.text == "value mismatch at index 3" })
    }

    /// A job that fails runs the runner's `upload_artifacts_on_failure` and cleanup, which a green
    /// run of it does not: their lines are not new against the green trace, nor the tool's report
    /// between its error and the verdict (lines of a GitLab Go build, as the runner prints them).
    @Test func theRunnersSectionsAfterTheScriptAreNoEvidence() {
        let script = [
            "$ go build ./...", "go: downloading golang.org/x/sync v0.8.0",
            "# gitlab.example.com/web/vaultwave/internal/wave",
            "internal/wave/wave.go:140:27: declared and not used: buf",
        ]
        func job(uploading: Bool) -> String {
            Self.gitlab(
                [("step_script", script)]
                    + (uploading
                        ? [
                            (
                                "upload_artifacts_on_failure",
                                [
                                    "Uploading artifacts...",
                                    "coverage/: found 2 matching artifact files and directories",
                                    "Uploading artifacts as \"junit\" to coordinator... 201 Created  id=6583240",
                                ]
                            )
                        ] : [])
                    + [("cleanup_file_variables", ["Cleaning up project directory and file based variables"])]
            )
        }
        let green = TraceCleaner.clean(
            Self.gitlab([("step_script", ["$ go build ./...", "go: downloading golang.org/x/sync v0.8.0"])]))
        for passed in [nil, green] {
            let uploaded = ExcerptExtractor().excerpt(
                failed: TraceCleaner.clean(job(uploading: true)), passed: passed)
            let plain = ExcerptExtractor().excerpt(
                failed: TraceCleaner.clean(job(uploading: false)), passed: passed)
            #expect(uploaded.keyLine?.line.text == "internal/wave/wave.go:140:27: declared and not used: buf")
            #expect(!uploaded.lines.contains { $0.line.section == "upload_artifacts_on_failure" })
            #expect(!uploaded.lines.contains { $0.line.section == "cleanup_file_variables" })
            #expect(uploaded.lines.last?.line.text == "ERROR: Job failed: exit code 1")
            #expect(uploaded.lines.map(\.line.text) == plain.lines.map(\.line.text))
            let identity = ProjectIdentity(path: "web/vaultwave")
            #expect(
                SignatureBuilder.signature(of: uploaded, identity: identity)
                    == SignatureBuilder.signature(of: plain, identity: identity))
        }
    }

    @Test func pythonTracebackKeyIsTheException() {
        let log = CleanedLog(plain: [
            "collected 3 items", "Traceback (most recent call last):", "  File \"a.py\", line 3, in <module>",
            "    main()", "  File \"a.py\", line 2, in main", "    raise ValueError(\"bad input 42\")",
            "ValueError: bad input 42", "done",
        ])
        let e = ExcerptExtractor().excerpt(failed: log)
        #expect(e.keyLine?.line.text == "ValueError: bad input 42")
        #expect(
            e.lines.contains {
                [.context, .stackTrace].contains($0.reason)
                    && $0.line.text == "    raise ValueError(\"bad input 42\")"
            })
        #expect(
            e.lines.contains {
                $0.reason == .stackTrace && $0.line.text == "  File \"a.py\", line 2, in main"
            })
    }

    @Test func maxLinesIsRespected() {
        let log = CleanedLog(plain: (1...500).map { "--- FAIL: Test\($0) (0.01s)" })
        let e = ExcerptExtractor(maxLines: 10).excerpt(failed: log)
        #expect(e.lines.count == 10)
        #expect(e.keyLine?.line.number == 1)
    }
}

/// Which step and which command failed, in a GitLab job log.
extension ExcerptTests {
    /// GitLab's runner stops a script at its first failing command: a report printed by an earlier
    /// command (a `go vet` run with `|| true`) did not fail the job.
    @Test func theBlockUnderTheLastCommandIsTheKey() {
        let raw = Self.gitlab([
            (
                "step_script",
                [
                    "$ go vet ./... || true",
                    "# gitlab.example.com/tools/proxy/internal/api",
                    "internal/api/client.go:65:2: fmt.Sprintf format %d has arg id of wrong type string",
                    "$ go build ./...",
                    "# gitlab.example.com/tools/proxy/internal/sync",
                    "internal/sync/runner.go:65:21: undefined: apiclient.ListPipelinesOptions",
                ]
            )
        ])
        let e = ExcerptExtractor().excerpt(failed: TraceCleaner.clean(raw))
        #expect(
            e.keyLine?.line.text == "internal/sync/runner.go:65:21: undefined: apiclient.ListPipelinesOptions"
        )
    }

    /// Nothing strong: the failing step's tail, not a keyword in the after_script's echo nor in
    /// changelog prose the script printed.
    @Test func withoutABlockTheScriptsLastStepIsTheFallback() {
        let raw = Self.gitlab([
            (
                "step_script",
                [
                    "$ head -n 3 CHANGELOG.md",
                    "## v0.1.2 (unreleased)",
                    "- Report errors from the cache layer instead of failing silently (#729).",
                    "$ ./check-schema",
                    "schema drift: 3 tables differ from migrations/",
                ]
            ),
            (
                "after_script",
                [
                    "$ echo \"job $CI_JOB_NAME finished with status $CI_JOB_STATUS\"",
                    "job check finished with status failed",
                ]
            ),
        ])
        let e = ExcerptExtractor().excerpt(failed: TraceCleaner.clean(raw))
        #expect(e.keyLine?.line.text == "schema drift: 3 tables differ from migrations/")
        // The prose may show as the step's tail, never as an error line.
        #expect(!e.lines.contains { $0.reason == .keyword })
        #expect(!e.lines.contains { $0.line.text == "job check finished with status failed" })
    }
}

/// The shapes of real build logs (lines adapted from CiDiff's Jenkins and GitHub Actions logs,
/// `cidiff/breakages/astor_400`, `casper_1774` and `Quick Checks_/run201`, Apache-2.0; see
/// Fixtures/PROVENANCE.md).
extension ExcerptTests {
    static func lines(_ l: [String]) -> String { l.joined(separator: "\n") + "\n" }

    /// The excerpt of a log given as its lines, from the failed log alone.
    static func excerpt(_ log: [String], maxLines: Int = 30) -> Excerpt {
        ExcerptExtractor(maxLines: maxLines).excerpt(failed: TraceCleaner.clean(Array(lines(log).utf8)))
    }

    /// BuildKit prints the failed step's error, then its own report of the step (the step again,
    /// the Dockerfile around it), then `failed to solve`: with room in the excerpt, the report
    /// between the two error lines is shown whole (`.between`), and the signature reads the same
    /// lines as without it. Lines of `cidiff/breakages_dump/Build Terraform CLI Packages_/run312`
    /// 807-828, labelled 809 and 813-826, timestamps left out.
    @Test func theReportBetweenTwoErrorLinesIsShownWhole() {
        let log = [
            "$ docker buildx build .",
            "#4 [internal] load metadata for docker.mirror.hashicorp.services/alpine:latest",
            "#4 DONE 1.9s",
            "",
            "#6 [2/3] RUN apk add --no-cache git openssh",
            "#6 ERROR: failed to copy: httpReadSeeker: failed open: could not fetch content descriptor sha256:df9b9388f04ad6279a7410b85cedfdcb2208c0a003da7ab5613af71079148139 (application/vnd.docker.image.rootfs.diff.tar.gzip) from remote: not found",
            "",
            "#7 [internal] load build context",
            "#7 transferring context: 4.33MB 0.2s done",
            "#7 CANCELED",
            "------",
            " > [2/3] RUN apk add --no-cache git openssh:",
            "------",
            "build-Dockerfile:32",
            "--------------------",
            "  30 |     LABEL \"com.hashicorp.terraform.version\"=\"${VERSION}\"",
            "  31 |     ",
            "  32 | >>> RUN apk add --no-cache git openssh",
            "  33 |     ",
            "  34 |     # The hashicorp/actions-docker-build GitHub Action extracts the appropriate",
            "--------------------",
            "error: failed to solve: failed to compute cache key: failed to copy: httpReadSeeker: failed open: could not fetch content descriptor sha256:df9b9388f04ad6279a7410b85cedfdcb2208c0a003da7ab5613af71079148139 (application/vnd.docker.image.rootfs.diff.tar.gzip) from remote: not found",
            "##[error]Process completed with exit code 1.",
            "Post job cleanup.",
        ]
        let e = Self.excerpt(log)
        let texts = e.lines.map(\.line.text)
        let report = Array(log[10...21])
        #expect(report.allSatisfy(texts.contains), "\(texts)")
        // The whole gap, what BuildKit printed of the other steps meanwhile too; blank lines not.
        #expect(
            e.lines.filter { $0.reason == .between }.map(\.line.text) == log[7...20].filter { !$0.isEmpty })
        #expect(texts.first == "#6 [2/3] RUN apk add --no-cache git openssh")
        #expect(!texts.contains("Post job cleanup."))
        var without = e
        without.lines.removeAll { $0.reason == .between }
        #expect(
            SignatureBuilder.signature(of: e, identity: nil)
                == SignatureBuilder.signature(of: without, identity: nil))
        // Without room (10 lines), no gap is filled partly: the report is left out whole.
        let short = Self.excerpt(log, maxLines: 10)
        #expect(!short.lines.contains { $0.reason == .between })
    }

    /// A harness that restarts a test after a timeout prints the same failure each time: with room
    /// in the excerpt, every occurrence is shown (`.repeated`), nearest the key first, and the
    /// shown block's count says how many are still left out; the signature reads the same lines
    /// as without them. Lines of `reallogs/treeherder/taskcluster-timeout` (1527, 1698, 1854 and
    /// the lines around them), the mochitest restarts between them left out.
    @Test func theOtherOccurrencesOfARepeatedBlockAreShownWhenThereIsRoom() {
        let timeout =
            "[task 2025-02-13T11:53:22.117Z] 11:53:22     INFO - TEST-UNEXPECTED-TIMEOUT | automation.py | application timed out after 370 seconds with no output"
        var log = ["$ ./mach mochitest --timeout 370"]
        for n in 0..<3 {
            log += [
                "[task 2025-02-13T11:47:1\(n).406Z] 11:47:12     INFO - runtests.py | Waiting for browser...",
                timeout,
                "[task 2025-02-13T11:53:22.118Z] 11:53:22     INFO - TEST-INFO | screenshot: exit 0",
                "",
            ]
        }
        let e = Self.excerpt(log)
        let hits = e.lines.filter { $0.line.text == timeout }
        #expect(hits.map(\.line.number) == [3, 7, 11], "\(e.lines.map(\.line.text))")
        #expect(e.keyLine?.line.number == 11)
        #expect(hits.map(\.reason) == [.repeated, .repeated, .grammar])
        #expect(hits.allSatisfy { $0.repeats == 0 })
        var without = e
        without.lines.removeAll { $0.reason == .repeated }
        #expect(
            SignatureBuilder.signature(of: e, identity: nil)
                == SignatureBuilder.signature(of: without, identity: nil))
        // Without room, the occurrences are counted on the one shown, as before.
        let short = Self.excerpt(log, maxLines: 2)
        #expect(!short.lines.contains { $0.reason == .repeated })
        #expect(short.lines.first { $0.line.number == 11 }?.repeats == 2, "\(short.lines)")
    }

    /// taskcluster's worker tags its own errors `[taskcluster:error]`: the tag is a decoration,
    /// but the line is the worker saying why it stopped the task, an error line like GitHub's
    /// `##[error]` (the task it aborted, the image it could not download). Lines of
    /// `reallogs/treeherder/taskcluster-only` 4183-4196, both `[taskcluster:error]` lines labelled,
    /// some artifact uploads left out.
    @Test func aTaskclusterErrorLineIsAnError() {
        let log = [
            "[task 2025-02-12T03:17:15.938Z] 03:17:15     INFO - TEST-START | dom/canvas/test/webgl-conf/generated/test_conformance__rendering__line-rendering-quality.html",
            "[task 2025-02-12T03:17:19.299Z] 03:17:19     INFO - GECKO(4056) | MEMORY STAT | vsize 403590MB | residentFast 155MB | heapAllocated 16MB",
            "[taskcluster:error] Aborting task...",
            "[taskcluster:warn 2025-02-12T03:17:21.848Z] no such process",
            "[taskcluster 2025-02-12T03:17:21.849Z] === Task Finished ===",
            "[taskcluster 2025-02-12T03:17:21.849Z] Task Duration: 30m0.023994s",
            "[taskcluster 2025-02-12T03:17:23.293Z] Uploading link artifact public/logs/live.log to artifact public/logs/live_backing.log with expiry 2025-03-12T02:47:16.044Z",
            "[taskcluster:error] Task aborted - max run time exceeded",
        ]
        let e = Self.excerpt(log)
        #expect(e.keyLine?.line.text == "[taskcluster:error] Task aborted - max run time exceeded")
        let aborting = e.lines.first { $0.line.text == "[taskcluster:error] Aborting task..." }
        #expect(aborting?.detail == "runner/annotation", "\(e.lines.map(\.line.text))")
        // The worker's other levels are not errors.
        #expect(!e.lines.contains { $0.line.text.hasPrefix("[taskcluster:warn") && $0.detail != nil })
    }

    /// A message may hold a blank line before a line indented under it (git's hint: `To add an
    /// exception for this directory, call:`, a blank line, the tab-indented command): what follows
    /// the key block goes on over it, through the errors the failure caused, up to the CI's next
    /// step. Lines of `cidiff/breakages/cv_45` 1816-1824, 1817-1823 labelled.
    @Test func whatFollowsTheBlockGoesOnOverABlankLineBeforeAnIndentedOne() {
        let log = [
            "Checking out old dir into: /tmp/dIBV1K0J1d/latexdiff-vc-4e8932e579d2e085ea2d9e6e88035d1ad0ad16a6 (rev: 4e8932e579d2e085ea2d9e6e88035d1ad0ad16a6)",
            "fatal: unsafe repository ('/github/workspace' is owned by someone else)",
            "To add an exception for this directory, call:",
            "",
            "\tgit config --global --add safe.directory /github/workspace",
            "tar: This does not look like a tar archive",
            "tar: Exiting with failure status due to previous errors",
            "Something went wrong in executing:  git archive --format=tar 4e8932e579d2e085ea2d9e6e88035d1ad0ad16a6 | ( cd /tmp/dIBV1K0J1d/latexdiff-vc-4e8932e579d2e085ea2d9e6e88035d1ad0ad16a6 && tar -xf - )",
            "Post job cleanup.",
            "",
            "Cleaning up orphan processes",
        ]
        let e = Self.excerpt(log)
        #expect(e.keyLine?.line.number == 2)
        #expect(e.lines.map(\.line.number).filter { $0 >= 2 } == Array(2...8), "\(e.lines.map(\.line.text))")
        // A blank line before a line that is not indented under the one above it still ends it.
        var flat = log
        flat[4] = "git config --global --add safe.directory /github/workspace"
        #expect(!Self.excerpt(flat).lines.contains { $0.line.number > 3 && $0.line.number < 9 })
    }

    /// A test harness that compiles example projects prints their errors and goes on; the job
    /// failed in the build whose `BUILD FAILURE` came last, and the compiler's message under
    /// Maven's `Failed to execute goal` is the key line.
    @Test func theBlockAfterTheLastBuildFailureIsTheKey() {
        var log = [
            "[INFO] --- maven-surefire-plugin:2.22:test (default-test) @ astor ---",
            "compiling examples/lang_63/",
        ]
        for n in [63, 68, 86, 87] {
            log.append(
                "[ERROR] /builds/workspace/astor/examples/lang_63/src/Entities.java:[\(n),29] unmappable character for encoding UTF-8"
            )
        }
        log += [
            "[INFO] BUILD SUCCESS",
            "[INFO] -------------------------------------------------------------",
            "[ERROR] COMPILATION ERROR : ",
            "[INFO] -------------------------------------------------------------",
            "[ERROR] /builds/workspace/astor/src/main/java/fr/inria/astor/LibParser.java:[23,29] cannot find symbol",
            "  symbol:   class ImportScanner",
            "  location: package spoon.reflect.visitor",
            "[INFO] 1 error",
            "[INFO] ------------------------------------------------------------------------",
            "[INFO] BUILD FAILURE",
            "[INFO] ------------------------------------------------------------------------",
            "[INFO] Total time: 9.432 s",
            "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.0:compile (default-compile) on project astor: Compilation failure",
            "[ERROR] /builds/workspace/astor/src/main/java/fr/inria/astor/LibParser.java:[23,29] cannot find symbol",
            "[ERROR] symbol:   class ImportScanner",
            "[ERROR] location: package spoon.reflect.visitor",
            "[ERROR] -> [Help 1]",
            "Build step 'Execute shell' marked build as failure",
            "Finished: FAILURE",
        ]
        let e = Self.excerpt(log)
        #expect(e.keyLine?.line.number == 20)
        #expect(e.keyLine?.line.text.hasSuffix("LibParser.java:[23,29] cannot find symbol") == true)
        let shown = Set(e.lines.map(\.line.number))
        // The compiler's own block with its indented continuation lines, Maven's summary of it,
        // and Jenkins' verdict naming the step; not Jenkins' bare `Finished: FAILURE`.
        #expect(shown.isSuperset(of: [11, 12, 13, 19, 20, 21, 22, 24]))
        #expect(e.lines.first { $0.line.number == 24 }?.reason == .verdict)
        #expect(!shown.contains(25))
    }

    /// The same diagnostic on many lines of one file: the first six lines are shown, the rest counted.
    @Test func aLongRunOfOneDiagnosticIsCounted() {
        var log = ["[INFO] Compiling 12 source files", "[ERROR] COMPILATION ERROR : "]
        for n in 0..<30 {
            log.append(
                "[ERROR] /builds/workspace/astor/examples/lang_63/src/Entities.java:[\(60 + n),29] unmappable character for encoding UTF-8"
            )
        }
        log.append("[INFO] BUILD FAILURE")
        let e = Self.excerpt(log)
        let run = e.lines.filter { $0.line.text.hasSuffix("unmappable character for encoding UTF-8") }
        #expect(run.map(\.line.number) == [3, 4, 5, 6, 7, 8])
        #expect(run.map(\.repeats) == [0, 0, 0, 0, 0, 24])
        // Six different diagnostics that share a message are all shown.
        let six = (0..<6).map {
            "##[error]internal/command/cliconfig/credentials_test.go:\(88 + $0 * 3):9: undefined: os"
        }
        let go = ExcerptExtractor().excerpt(
            failed: TraceCleaner.clean(
                Array(Self.lines(["# github.com/hashicorp/terraform/internal/command/cliconfig"] + six).utf8))
        )
        #expect(go.lines.filter { $0.line.text.hasSuffix("undefined: os") }.count == 6)
    }

    /// Between a tool's message and the `make: ***` that reports it, the tool's own `exit status`;
    /// after them, the runner's verdict.
    @Test func theToolsExitStatusAndTheRunnersVerdictFollowTheMessage() {
        let log = [
            "==> Checking for switch statement exhaustiveness...",
            "##[error]/home/runner/work/terraform/internal/command/views/json/change.go:85:2: missing cases in switch of type plans.ResourceInstanceChangeActionReason",
            "exit status 3",
            "make: *** [Makefile:27: exhaustive] Error 1",
            "##[error]Process completed with exit code 2.",
            "Post job cleanup.",
            "[command]/usr/bin/git version",
        ]
        let e = Self.excerpt(log)
        let shown = e.lines.map(\.line.number)
        #expect(shown.contains(3) && shown.contains(4))
        #expect(e.lines.last?.line.number == 5)
        #expect(e.lines.last?.reason == .verdict)
        #expect(!shown.contains(6) && !shown.contains(7))
    }
}

/// Reports closed by a marker (go-junit-report `testdata/017-race`, MIT; see Fixtures/PROVENANCE.md).
extension ExcerptTests {
    /// Go's race report is one block, both goroutines' stacks, through its closing `=` line.
    @Test func aRaceReportRunsThroughItsClosingLine() {
        let log = [
            "=== RUN   TestRace",
            "    race_test.go:13: x = 3",
            "==================",
            "WARNING: DATA RACE",
            "Write at 0x00c000138168 by goroutine 8:",
            "  package/race.TestRace.func1()",
            "      /src/github.com/jstemmer/go-junit-report/testdata/src/race/race_test.go:9 +0x39",
            "",
            "Previous write at 0x00c000138168 by goroutine 7:",
            "  package/race.TestRace()",
            "      /src/github.com/jstemmer/go-junit-report/testdata/src/race/race_test.go:12 +0x105",
            "",
            "Goroutine 8 (running) created at:",
            "  package/race.TestRace()",
            "      /src/github.com/jstemmer/go-junit-report/testdata/src/race/race_test.go:8 +0xfb",
            "==================",
            "    testing.go:1312: race detected during execution of test",
            "--- FAIL: TestRace (0.00s)",
            "FAIL",
            "exit status 1",
            "FAIL\tpackage/race\t0.005s",
        ]
        let e = Self.excerpt(log)
        let shown = Set(e.lines.map(\.line.number))
        #expect(shown.isSuperset(of: [4, 5, 6, 7, 9, 10, 11, 13, 14, 15, 16]))
        #expect(e.lines.first { $0.line.number == 4 }?.detail == "go/race")
    }
}

/// Logs without sections (lines adapted from `reallogs/node-core-utils/git-failure-2`, MIT, and
/// `reallogs/pytorch-log-classifier/experimental_log8`, BSD-3-Clause; see Fixtures/PROVENANCE.md).
extension ExcerptTests {
    /// Jenkins runs post-build steps after its verdict; their errors did not fail the job, and the
    /// script's last error-ish line before the verdict is the key.
    @Test func jenkinsPostBuildStepsAfterTheVerdictAreNotTheCause() {
        let log = [
            "19:15:54 Commit message: \"fixup: remove branch entirely instead of asserting\"",
            "19:15:57 + git rebase --committer-date-is-author-date 78584b64d88c0567c46e3cf7bae42aa73927df40",
            "19:15:57 Cannot rebase: You have unstaged changes.",
            "19:15:58 Please commit or stash them.",
            "19:15:58 Build step 'Execute shell' marked build as failure",
            "19:15:58 Recording test results",
            "19:15:58 ERROR: Step ‘Publish JUnit test result report’ failed: No test report files were found. Configuration error?",
            "19:16:00 Finished: FAILURE",
        ]
        let e = Self.excerpt(log)
        #expect(e.keyLine?.line.number == 3)
        #expect(!e.lines.contains { $0.line.number == 7 })
    }

    /// Nothing strong in a GitHub Actions log: the tail is the failing step's, before
    /// `Process completed with exit code`, not the post-job cleanup after it.
    @Test func theTailIsTheStepBeforeTheVerdict() {
        var log = [
            "##[group]Run .github/scripts/docs.sh", "+ cat build/coverage/python.txt",
            "Undocumented Python objects",
            "===========================", "torch", "Functions:", " * cond", "",
            "Make sure you've updated relevant .rsts in docs/source!", "+ exit 1",
            "##[error]Process completed with exit code 1.", "Post job cleanup.",
        ]
        for k in 0..<12 {
            log += ["[command]/usr/bin/git submodule foreach --recursive", "Entering 'third_party/lib\(k)'"]
        }
        let e = Self.excerpt(log)
        let shown = Set(e.lines.map(\.line.number))
        #expect(shown.contains(7) && shown.contains(9))
        #expect(shown.allSatisfy { $0 <= 11 })
    }
}

extension ExcerptTests {
    /// A log of nothing but error-keyword lines keeps only its first and last keyword lines as
    /// candidates (memory bounded by the excerpt, not the log), and still shows the same lines: the
    /// first as the key, the last as the failing step's. (50 MB of them: `triage-bench analyse`.)
    @Test func tensOfThousandsOfKeywordLinesShowTheFirstAndTheLast() {
        var log: [UInt8] = []
        for k in 1...12_000 { log += Array("line \(k) Error: value \(k) failed\n".utf8) }
        let e = ExcerptExtractor().excerpt(failed: TraceCleaner.clean(log))
        #expect(e.keyLine?.line.number == 1)
        #expect(e.lines.count <= 30)
        #expect(e.lines.last?.line.number == 12_000)
        #expect(e.lines.contains { $0.line.number == 11_999 })
    }
}

/// A build tool's chrome (`LineShape.Noise.chrome`): the frame Maven, Gradle and the JVM print
/// around every report, whatever failed. Lines of `cidiff/breakages/nopol_1347/fail.log` 589-617
/// (Maven) and `cidiff/breakages/cidiff_57/fail.log` 514-576 (Gradle, GitHub Actions' timestamps
/// left out), Apache-2.0; see Fixtures/PROVENANCE.md.
extension ExcerptTests {
    @Test(arguments: [
        "[INFO] ------------------------------------------------------------------------",
        "[INFO] -------------------------------------------------------------",
        "[INFO] Total time:  4.360 s",
        "[INFO] Finished at: 2021-09-28T10:38:47+02:00",
        "[INFO] Final Memory: 27M/228M",
        "[INFO] ",
        "[WARNING] ",
        "* Try:",
        "> Run with --stacktrace option to get the stack trace.",
        "* Get more help at https://help.gradle.org",
        "BUILD FAILED in 13s",
        "Picked up JAVA_TOOL_OPTIONS: -Dfile.encoding=UTF8",
        "WARNING: An illegal reflective access operation has occurred",
    ])
    func aBuildToolsChromeIsNoise(_ line: String) {
        #expect(Self.noise(line) == .chrome)
    }

    @Test(arguments: [
        "[INFO] --- maven-compiler-plugin:3.0:compile (default-compile) @ nopol ---",
        "[ERROR] -> [Help 1]",
        "[ERROR] ",
        "[INFO] BUILD FAILURE",
        "[INFO] 1 error",
        "* What went wrong:",
        "> There were failing tests. See the report at: file:///home/runner/work/cidiff/build/index.html",
    ])
    func whatNamesTheFailureIsNotChrome(_ line: String) {
        #expect(Self.noise(line) == LineShape.Noise.none)
    }

    static func noise(_ line: String) -> LineShape.Noise {
        var copy = line
        return copy.withUTF8 { LineShape($0).noise }
    }

    /// Maven's separators and timings around the compiler's block are not shown; the compiler's
    /// block, Maven's `Failed to execute goal` block and Jenkins' verdict are.
    @Test func mavensChromeIsNotShown() {
        let log = [
            "[INFO] -------------------------------------------------------------",
            "[ERROR] COMPILATION ERROR : ",
            "[INFO] -------------------------------------------------------------",
            "[ERROR] /builds/workspace/nopol/nopol/src/main/java/fr/inria/lille/repair/synthesis/collect/spoon/MethodCollector.java:[3,24] cannot access spoon.processing.AbstractProcessor",
            "  bad class file: /builds/.m2/repository/fr/inria/gforge/spoon/spoon-core/9.2.0-SNAPSHOT/spoon-core-9.2.0-SNAPSHOT.jar(spoon/processing/AbstractProcessor.class)",
            "    class file has wrong version 55.0, should be 52.0",
            "[INFO] 1 error",
            "[INFO] -------------------------------------------------------------",
            "[INFO] ------------------------------------------------------------------------",
            "[INFO] BUILD FAILURE",
            "[INFO] ------------------------------------------------------------------------",
            "[INFO] Total time:  4.360 s",
            "[INFO] Finished at: 2021-09-28T10:38:47+02:00",
            "[INFO] ------------------------------------------------------------------------",
            "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.0:compile (default-compile) on project nopol: Compilation failure",
            "[ERROR] /builds/workspace/nopol/nopol/src/main/java/fr/inria/lille/repair/synthesis/collect/spoon/MethodCollector.java:[3,24] cannot access spoon.processing.AbstractProcessor",
            "[ERROR]   bad class file: /builds/.m2/repository/fr/inria/gforge/spoon/spoon-core/9.2.0-SNAPSHOT/spoon-core-9.2.0-SNAPSHOT.jar(spoon/processing/AbstractProcessor.class)",
            "[ERROR]     class file has wrong version 55.0, should be 52.0",
            "[ERROR] -> [Help 1]",
            "Build step 'Execute shell' marked build as failure",
        ]
        let e = Self.excerpt(log)
        let shown = Set(e.lines.map(\.line.number))
        #expect(shown.isSuperset(of: [4, 5, 6, 15, 16, 17, 18, 19, 20]), "\(shown.sorted())")
        #expect(shown.isDisjoint(with: [1, 3, 8, 9, 11, 12, 13, 14]), "\(shown.sorted())")
    }

    /// Gradle's advice under `* What went wrong:` (`* Try:`, `> Run with …`, its help link and
    /// timing) is not shown; with the room, the failing test's exception and its `Caused by:` are.
    @Test func gradlesAdviceIsNotShown() {
        let log = [
            "ConsoleClientTest > testOutput() PASSED",
            "",
            "ConsoleClientTest > testClassicParsing() FAILED",
            "    java.lang.IllegalArgumentException: java.nio.file.NoSuchFileException: ../data/astor_399.log",
            "        at org.github.gumtreediff.cidiff.LogParser.parseLog(LogParser.java:39)",
            "        at org.github.gumtreediff.cidiff.LogParser.parseLogs(LogParser.java:44)",
            "",
            "        Caused by:",
            "        java.nio.file.NoSuchFileException: ../data/astor_399.log",
            "            at java.base/sun.nio.fs.UnixException.translateToIOException(UnixException.java:92)",
            "",
            "27 tests completed, 1 failed",
            "",
            "FAILURE: Build failed with an exception.",
            "",
            "* What went wrong:",
            "Execution failed for task ':cidiff:test'.",
            "> There were failing tests. See the report at: file:///home/runner/work/cidiff/cidiff/cidiff/build/reports/tests/test/index.html",
            "",
            "* Try:",
            "> Run with --stacktrace option to get the stack trace.",
            "> Run with --info or --debug option to get more log output.",
            "> Run with --scan to get full insights.",
            "",
            "* Get more help at https://help.gradle.org",
            "",
            "BUILD FAILED in 13s",
            "##[error]Process completed with exit code 1.",
        ]
        let e = Self.excerpt(log)
        let shown = Set(e.lines.map(\.line.number))
        #expect(shown.isSuperset(of: [3, 4, 9, 16, 17, 18]), "\(shown.sorted())")
        #expect(shown.isDisjoint(with: [1, 20, 21, 22, 23, 25, 27]), "\(shown.sorted())")
    }

    /// A failing Go test's passing subtests, indented under it, are not part of its block. Lines of
    /// `cidiff/breakages_dump/Build Terraform CLI Packages_/run380/fail.log` 206-215.
    @Test func passingSubtestsAreNotPartOfTheFailingTestsBlock() {
        let log = [
            "--- FAIL: TestProviderTampering (14.05s)",
            "    --- FAIL: TestProviderTampering/cache_dir_totally_gone (10.32s)",
            "    --- PASS: TestProviderTampering/cache_dir_totally_gone,_explicit_backend (1.17s)",
            "    --- PASS: TestProviderTampering/null_plugin_package_modified_before_plan (0.14s)",
            "FAIL",
            "exit status 1",
        ]
        let e = Self.excerpt(log)
        let shown = Set(e.lines.map(\.line.number))
        #expect(shown.contains(1) && shown.contains(2), "\(shown.sorted())")
        #expect(shown.isDisjoint(with: [3, 4]), "\(shown.sorted())")
    }

    /// `go test -v` prints a test's log lines (`t.Log`) whether it passes or not, between its
    /// `=== RUN` and its verdict: those of a passing or skipped test are not the failure, the
    /// failing test's are. `go-junit-report/001-pass-fail-skip/fail.log` 1-27 (MIT), labelled 12-15.
    @Test func theLogLinesOfAPassingGoTestAreNotTheFailure() {
        let log = [
            "=== RUN   TestPass", "--- PASS: TestPass (0.06s)", "=== RUN   TestPassLog",
            "    pass_test.go:9: log line", "    pass_test.go:10: log", "        multi", "        line",
            "--- PASS: TestPassLog (0.10s)", "PASS", "ok  \tpackage/pass\t0.160s", "=== RUN   TestOne",
            "    fail_test.go:6: Error message", "    fail_test.go:7: Longer", "        error",
            "        message.", "--- FAIL: TestOne (0.151s)", "FAIL", "FAIL\tpackage/fail\t0.151s",
            "=== RUN   TestSkip", "    skip_test.go:6: skip message", "--- SKIP: TestSkip (0.02s)",
            "=== RUN   TestSkipNow", "    skip_test.go:10: log message", "--- SKIP: TestSkipNow (0.13s)",
            "PASS",
            "ok  \tpackage/skip\t0.150s", "FAIL",
        ]
        for k in [10, 30] {
            let e = Self.excerpt(log, maxLines: k)
            let shown = Set(e.lines.map(\.line.number))
            #expect(shown.isSuperset(of: [12, 13, 14, 15]), "\(k): \(shown.sorted())")
            #expect(shown.isDisjoint(with: [4, 5, 6, 7, 20, 23]), "\(k): \(shown.sorted())")
            #expect(e.keyLine?.line.number == 12, "\(k)")
        }
    }

    /// Before Go 1.14, `go test -v` printed a test's log lines under its verdict; a passing test's
    /// stay out there too (the lines of the file above, in that order).
    @Test func theLogLinesUnderAPassingGoTestsVerdictAreNotTheFailure() {
        let log = [
            "=== RUN   TestPassLog", "--- PASS: TestPassLog (0.10s)", "    pass_test.go:9: log line",
            "=== RUN   TestOne", "--- FAIL: TestOne (0.151s)", "    fail_test.go:6: Error message", "FAIL",
            "FAIL\tpackage/fail\t0.151s",
        ]
        let shown = Set(Self.excerpt(log).lines.map(\.line.number))
        #expect(shown.isSuperset(of: [5, 6]), "\(shown.sorted())")
        #expect(!shown.contains(3), "\(shown.sorted())")
    }

    /// A GitHub Actions job stops at the step that failed; a block an earlier step printed (here a
    /// Maven run whose errors the step survived) is not the failure, and leaves the room to the
    /// failing step's report and the verdict. `cidiff/breakages/google_auto_693/fail.log` 1243-1265
    /// and 1972-1993 (Apache-2.0), timestamps left out, labelled 1978-1993.
    @Test func anEarlierStepsBlocksAreNotTheFailingSteps() {
        let earlier = [
            "[ERROR] /home/runner/work/auto/auto/value/src/it/gwtserializer/src/test/java/com/google/auto/value/client/GwtSerializerTest.java:[159,4] cannot find symbol",
            "[ERROR]   symbol:   class AutoValue",
            "[ERROR]   location: class com.google.auto.value.client.GwtSerializerTest",
            "[ERROR] /home/runner/work/auto/auto/value/src/it/gwtserializer/src/test/java/com/google/auto/value/client/GwtSerializerTest.java:[180,4] cannot find symbol",
            "[ERROR]   symbol:   class AutoValue",
            "[ERROR]   location: class com.google.auto.value.client.GwtSerializerTest",
            "[ERROR] /home/runner/work/auto/auto/value/src/it/gwtserializer/src/test/java/com/google/auto/value/client/GwtSerializerTest.java:[139,15] package AutoValue does not exist",
            "[ERROR] -> [Help 1]", "[ERROR] ",
            "[ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch.",
            "[ERROR] Re-run Maven using the -X switch to enable full debug logging.", "[ERROR] ",
            "[ERROR]   mvn <args> -rf :auto-service",
            "##[group]Run mvn -B verify -U --fail-at-end -Dsource.skip=true -Dmaven.javadoc.skip=true -f build-pom.xml",
            "mvn -B verify -U --fail-at-end -Dsource.skip=true -Dmaven.javadoc.skip=true -f build-pom.xml",
            "##[endgroup]",
        ]
        let failing = [
            "[INFO] ------------------------------------------------------------------------",
            "[INFO] BUILD FAILURE",
            "[INFO] ------------------------------------------------------------------------",
            "[INFO] Total time:  01:06 min",
            "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.10.1:testCompile (default-testCompile) on project functional: Compilation failure",
            "[ERROR] /home/runner/work/auto/auto/value/src/it/functional/src/test/java/com/google/auto/value/CompileWithEclipseTest.java:[42,46] cannot access org.eclipse.jdt.internal.compiler.tool.EclipseCompiler",
            "[ERROR]   bad class file: /home/runner/.m2/repository/org/eclipse/jdt/ecj/3.29.0/ecj-3.29.0.jar(org/eclipse/jdt/internal/compiler/tool/EclipseCompiler.class)",
            "[ERROR]     class file has wrong version 55.0, should be 52.0",
            "[ERROR]     Please remove or make sure it appears in the correct subdirectory of the classpath.",
            "[ERROR] -> [Help 1]", "[ERROR] ",
            "[ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch.",
            "[ERROR] Re-run Maven using the -X switch to enable full debug logging.", "[ERROR] ",
            "[ERROR] For more information about the errors and possible solutions, please read the following articles:",
            "[ERROR] [Help 1] http://cwiki.apache.org/confluence/display/MAVEN/MojoFailureException",
            "[ERROR] ", "[ERROR] After correcting the problems, you can resume the build with the command",
            "[ERROR]   mvn <args> -rf :functional", "##[error]Process completed with exit code 1.",
            "Post job cleanup.",
        ]
        let e = Self.excerpt(earlier + failing)
        let texts = e.lines.map(\.line.text)
        #expect(
            e.keyLine?.line.text.hasSuffix(
                "cannot access org.eclipse.jdt.internal.compiler.tool.EclipseCompiler") == true)
        #expect(!texts.contains { $0.contains("GwtSerializerTest") }, "\(texts)")
        #expect(texts.contains("##[error]Process completed with exit code 1."), "\(texts)")
    }

    /// With room left, a Java stack trace goes on past its first four frames (where it was thrown
    /// from, down to the test); with ten lines it keeps four. `cidiff/other_cases/dspot_623/fail.log`
    /// 7124-7143 (Apache-2.0), all labelled.
    @Test func aJavaStackGoesOnWhenThereIsRoom() {
        let log = [
            "Tests run: 1, Failures: 0, Errors: 1, Skipped: 0, Time elapsed: 0.233 sec <<< FAILURE!",
            "runPit_whenAllDescartesMutatorsAreSpecified(eu.stamp_project.dspot.common.automaticbuilder.gradle.GradleAutomaticBuilderWithDescartesTest)  Time elapsed: 0.226 sec  <<< ERROR!",
            #"java.lang.RuntimeException: java.io.IOException: Cannot run program "gradle" (in directory "/builds/workspace/dspot/dspot/src/test/resources/test-projects"): error=2, No such file or directory"#,
            "\tat eu.stamp_project.dspot.common.automaticbuilder.gradle.GradleAutomaticBuilder.runTasks(GradleAutomaticBuilder.java:137)",
            "\tat eu.stamp_project.dspot.common.automaticbuilder.gradle.GradleAutomaticBuilder.compile(GradleAutomaticBuilder.java:60)",
            "\tat eu.stamp_project.dspot.common.automaticbuilder.gradle.GradleAutomaticBuilderWithDescartesTest.setUp(GradleAutomaticBuilderWithDescartesTest.java:57)",
            "\tat sun.reflect.NativeMethodAccessorImpl.invoke0(Native Method)",
            "\tat sun.reflect.NativeMethodAccessorImpl.invoke(NativeMethodAccessorImpl.java:62)",
            "\tat sun.reflect.DelegatingMethodAccessorImpl.invoke(DelegatingMethodAccessorImpl.java:43)",
            "\tat java.lang.reflect.Method.invoke(Method.java:498)",
            "\tat org.junit.runners.model.FrameworkMethod$1.runReflectiveCall(FrameworkMethod.java:50)",
            "\tat org.junit.internal.runners.model.ReflectiveCallable.run(ReflectiveCallable.java:12)",
            "\tat org.junit.runners.model.FrameworkMethod.invokeExplosively(FrameworkMethod.java:47)",
            "\tat org.junit.internal.runners.statements.RunBefores.evaluate(RunBefores.java:24)",
            "\tat org.junit.internal.runners.statements.RunAfters.evaluate(RunAfters.java:27)",
            "\tat org.junit.runners.ParentRunner.runLeaf(ParentRunner.java:325)",
            "\tat org.junit.runners.BlockJUnit4ClassRunner.runChild(BlockJUnit4ClassRunner.java:78)",
            "\tat org.junit.runners.BlockJUnit4ClassRunner.runChild(BlockJUnit4ClassRunner.java:57)",
            "\tat org.junit.runners.ParentRunner$3.run(ParentRunner.java:290)",
            "\tat org.junit.runners.ParentRunner$1.schedule(ParentRunner.java:71)",
            "", "Results :",
        ]
        let wide = Set(Self.excerpt(log).lines.map(\.line.number))
        #expect(wide.isSuperset(of: Set(1...12)), "\(wide.sorted())")
        let narrow = Self.excerpt(log, maxLines: 10).lines.map(\.line.number)
        #expect(narrow.count <= 10 && narrow.contains(3) && !narrow.contains(12), "\(narrow)")
    }
}

extension ExcerptTests {
    /// A test runner that runs each test file in a child process prints the child's output, then
    /// `Got exit code N`, then raises its own `RuntimeError: … failed!`: the child's last line is the
    /// cause and the key line, not the runner's exception. Lines 5-27 of
    /// `pytorch-log-classifier/distributed_test_wrapper/fail.log` (GitHub's timestamps left out) and,
    /// for the timeout, lines 19-21 of `test_file_timeout/fail.log`.
    @Test func aChildsLastLineBeforeItsExitCodeIsTheCause() {
        let child = [
            "PRINTING LOG FILE of distributed/test_c10d_torchcomms 1/1 (test/test-reports/distributed.test_c10d_torchcomms_1.1_57d5e8b26f6005c4_.log)",
            "TestC10dTorchCommsBackendConfig - failed. This test class should extend from torch.testing._internal.common_utils.TestCase but it doesn't.",
            "Got exit code 1",
            "No stepcurrent file found. Either pytest didn't get to run (e.g. import error) or file got deleted (contact dev infra)",
            "",
            "FINISHED PRINTING LOG FILE of distributed/test_c10d_torchcomms 1/1 (test/test-reports/distributed.test_c10d_torchcomms_1.1_57d5e8b26f6005c4_.log)",
            "",
            "Finished distributed/test_c10d_torchcomms 1/1 ... [2026-07-24 18:47:03.538120][5725.654382616], took 0.05min",
        ]
        let runner = [
            "distributed/test_c10d_torchcomms 1/1 failed!", "Emitting td_test_failure_stats_v2",
            "Traceback (most recent call last):",
            #"  File "/__w/pytorch/pytorch/test/run_test.py", line 2397, in <module>"#, "    main()",
            #"  File "/__w/pytorch/pytorch/test/run_test.py", line 2169, in run_tests"#,
            "Failed to upload artifacts: Unable to locate credentials",
            "    raise RuntimeError(failure.message + keep_going_message)",
            "RuntimeError: distributed/test_c10d_torchcomms 1/1 failed!", "",
            "Tip: You can keep running tests even on failure by passing --keep-going to run_test.py.",
        ]
        let e = Self.excerpt(child + runner, maxLines: 10)
        #expect(e.keyLine?.line.text == child[1])
        #expect(e.lines.map(\.line.text).contains(child[2]))
        let timeout = Self.excerpt(
            [
                "PRINTING LOG FILE of inductor/test_torchinductor_opinfo 4/10 (test/test-reports/inductor.test_torchinductor_opinfo_4.10_9797f8c79fc8ca88_.log)",
                "Command took >30min, returning 124", "Got exit code 124",
            ] + runner, maxLines: 10)
        #expect(timeout.keyLine?.line.text == "Command took >30min, returning 124")
        // Another child's cause is another signature.
        let identity = ProjectIdentity(path: "pytorch/pytorch")
        #expect(
            SignatureBuilder.signature(of: e, identity: identity)
                != SignatureBuilder.signature(of: timeout, identity: identity))
    }

    /// After a tool's own summary (pytest's `=== 1 failed … ===`), the exit code says nothing more:
    /// pytest's report is the cause. Lines 12-13 and 26-30 of
    /// `pytorch-log-classifier/unittest_failed_consistently/fail.log`; a `Got exit code 0` is no failure.
    @Test func anExitCodeAfterAToolsSummaryIsNotTheCause() {
        let failed =
            "FAILED [0.3790s] dynamo/test_dynamic_shapes.py::DynamicShapesReproTests::test_vars_traced_correctly_under_compile_dynamic_shapes - torch._dynamo.exc.InternalTorchDynamoError: NameError: name 'cell_and_freevars' is not defined"
        let e = Self.excerpt([
            "=========================== short test summary info ============================", failed,
            "!!!!!!!!!!!!!!!!!!!!!!!!!! stopping after 1 failures !!!!!!!!!!!!!!!!!!!!!!!!!!!",
            "================= 1 failed, 1107 deselected, 2 rerun in 1.66s ==================",
            "Got exit code 1",
            "FAILED CONSISTENTLY: test/dynamo/test_dynamic_shapes.py::DynamicShapesReproTests::test_vars_traced_correctly_under_compile_dynamic_shapes",
            "Test failed consistently, continuing with the rest of the tests due to continue-through-error being set",
        ])
        #expect(e.keyLine?.line.text == failed)
        #expect(GrammarSet.builtIn.matches("Got exit code 0") != ["python/child-exit"])
        #expect(GrammarSet.builtIn.matches("Got exit code 1") == ["python/child-exit"])
    }
}

/// Analysis version 13's block shapes, each on real lines (see Fixtures/PROVENANCE.md).
extension ExcerptTests {
    /// A CI's own lines start at the content's first byte; indented, the same words are a tool's
    /// output. `Waiting for the plan to start...` and `Preparing the remote apply...` are lines 654
    /// and 649 of `cidiff/breakages_dump/Quick Checks_/run122/fail.log`, quoted under a failing Go
    /// test's log line; `##[group]Run go test ./...` and `Post job cleanup.` are that log's and
    /// `run114`'s GitHub Actions lines (timestamps left out).
    @Test(arguments: ["##[group]Run go test ./...", "Post job cleanup.", "Waiting for the plan to start..."])
    func anUnindentedRunnerLineIsScaffolding(_ line: String) {
        #expect(Self.noise(line) == .scaffolding)
    }

    @Test(arguments: ["        Waiting for the plan to start...", "        Preparing the remote apply..."])
    func anIndentedLineIsNeverScaffolding(_ line: String) {
        #expect(Self.noise(line) == LineShape.Noise.none)
    }

    /// A Go test's log line and the output it quotes, indented under it, is one block: the
    /// quoted `Preparing the remote apply...` and `Waiting for the plan to start...` do not end
    /// it. Lines 644-660 of `cidiff/breakages_dump/Quick Checks_/run122/fail.log` (labelled
    /// 638-687), GitHub's timestamps left out.
    @Test func aTestsQuotedOutputStaysInItsBlock() {
        let log = [
            "--- FAIL: TestCloud_applyDiscardedExternally (0.05s)",
            "    backend_apply_test.go:770: expected external discard output: Running apply in Terraform Cloud. Output will stream here. Pressing Ctrl-C",
            "        will cancel the remote apply if it's still pending. If the apply started it",
            "        will stop streaming the logs, but will not stop the apply running remotely.",
            "        ",
            "        Preparing the remote apply...",
            "        ",
            "        To view this run in a browser, visit:",
            "        https://app.terraform.io/app/hashicorp/app-prod/runs/run-18EsVg6gZqzY82yX",
            "        ",
            "        Waiting for the plan to start...",
            "        ",
            "        Terraform v0.11.7",
            "        ",
            "        Configuring remote state backend...",
            "        Initializing Terraform configuration...",
            "        Refreshing Terraform state in-memory prior to plan...",
            "FAIL",
            "FAIL\tgithub.com/hashicorp/terraform/internal/cloud\t0.584s",
            "##[error]Process completed with exit code 1.",
        ]
        let shown = Set(Self.excerpt(log).lines.map(\.line.number))
        #expect(shown.isSuperset(of: [1, 2, 3, 4, 6, 8, 9, 11, 13]), "\(shown.sorted())")
    }

    /// The key block's Maven `[ERROR]` report, through its advice and `mvn <goals> -rf :module`:
    /// with K = 30 it reaches its end before the blocks of the nested runs printed earlier take
    /// the room; with K = 10 it keeps its bound and the goal that failed stays the key line. Lines
    /// 2477-2480, 2805-2808, 2990-2993, 5561-5569, 6844-6848, 8653-8656 and 10594-10609 of
    /// `cidiff/breakages/dspot_842/fail.log` (labelled: the last block), the colours left out,
    /// two lines shortened.
    @Test func aMavenReportReachesItsEndWhenThereIsRoom() {
        let log = [
            "eu.stamp_project.dspot.common.miscellaneous.AmplificationException: All instrumented tests have an empty body.",
            "\tat eu.stamp_project.dspot.assertiongenerator.assertiongenerator.methodreconstructor.Observer.addLogs(Observer.java:97)",
            "\tat eu.stamp_project.dspot.assertiongenerator.assertiongenerator.methodreconstructor.Observer.getObservations(Observer.java:69)",
            "\tat eu.stamp_project.dspot.assertiongenerator.assertiongenerator.MethodReconstructor.addAssertions(MethodReconstructor.java:84)",
            "eu.stamp_project.dspot.common.miscellaneous.AmplificationException: ",
            "\tat eu.stamp_project.dspot.common.configuration.AmplificationSetup.fullSelectorSetup(AmplificationSetup.java:160)",
            "\tat eu.stamp_project.dspot.DSpot.fullAmplification(DSpot.java:169)",
            "\tat eu.stamp_project.dspot.RecoveryDSpotTest.testThatDSpotCanRecoverFromError(RecoveryDSpotTest.java:146)",
            "java.lang.RuntimeException",
            "\tat eu.stamp_project.dspot.RecoveryDSpotTest$AssertionGeneratorThatThrowsError.assertionAmplification(RecoveryDSpotTest.java:120)",
            "\tat eu.stamp_project.dspot.assertiongenerator.AssertionGenerator.removeAndAmplifyAssertions(AssertionGenerator.java:62)",
            "\tat eu.stamp_project.dspot.DSpot.assertionAmplification(DSpot.java:202)",
            "[ERROR] Failed to execute goal org.pitest:pitest-maven:1.4.0:mutationCoverage (default-cli) on project example: Execution default-cli of goal org.pitest:pitest-maven:1.4.0:mutationCoverage failed: The supplied filter would cause PIT to try and mutate itself.",
            "[ERROR] See http://pitest.org for more details.",
            "[ERROR] -> [Help 1]",
            "[ERROR] ",
            "[ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch.",
            "[ERROR] Re-run Maven using the -X switch to enable full debug logging.",
            "[ERROR] ",
            "[ERROR] For more information about the errors and possible solutions, please read the following articles:",
            "[ERROR] [Help 1] http://cwiki.apache.org/confluence/display/MAVEN/PluginExecutionException",
            "java.lang.NullPointerException",
            "\tat eu.stamp_project.dspot.common.configuration.AmplificationSetup.postAmplification(AmplificationSetup.java:88)",
            "\tat eu.stamp_project.dspot.DSpot.run(DSpot.java:62)",
            "\tat eu.stamp_project.Main.main(Main.java:20)",
            "\tat eu.stamp_project.MainTest.testMainWithPitScoreSelector(MainTest.java:101)",
            "Traceback (most recent call last):",
            "  File \"c2n_apply.py\", line 5, in <module>",
            "    import bottleneck",
            "ModuleNotFoundError: No module named 'bottleneck'",
            "[INFO] DSpot - Diff Test Selection ........................ FAILURE [  8.818 s]",
            "[INFO] ------------------------------------------------------------------------",
            "[INFO] BUILD FAILURE",
            "[INFO] ------------------------------------------------------------------------",
            "[INFO] Total time:  17:26 min",
            "[INFO] Finished at: 2022-05-23T16:49:53+02:00",
            "[INFO] ------------------------------------------------------------------------",
            "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.7.0:testCompile (default-testCompile) on project dspot-diff-test-selection: Error while storing the mojo status: /builds/workspace/dspot/dspot-diff-test-selection/target/maven-status/maven-compiler-plugin/testCompile/default-testCompile/createdFiles.lst (No space left on device) -> [Help 1]",
            "[ERROR] ",
            "[ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch.",
            "[ERROR] Re-run Maven using the -X switch to enable full debug logging.",
            "[ERROR] ",
            "[ERROR] For more information about the errors and possible solutions, please read the following articles:",
            "[ERROR] [Help 1] http://cwiki.apache.org/confluence/display/MAVEN/MojoExecutionException",
            "[ERROR] ",
            "[ERROR] After correcting the problems, you can resume the build with the command",
            "[ERROR]   mvn <goals> -rf :dspot-diff-test-selection",
            "Build step 'Execute shell' marked build as failure",
        ]
        let wide = Self.excerpt(log)
        let shown = Set(wide.lines.map(\.line.number))
        #expect(wide.keyLine?.line.number == 38)
        #expect(shown.isSuperset(of: Set(38...47)), "\(shown.sorted())")
        let narrow = Self.excerpt(log, maxLines: 10)
        let shownNarrow = Set(narrow.lines.map(\.line.number))
        #expect(narrow.keyLine?.line.number == 38)
        #expect(shownNarrow.isSuperset(of: Set(38...46)), "\(shownNarrow.sorted())")
        #expect(!shownNarrow.contains(47))
    }

    /// A run of lines that each say what the line above said shows six of them and counts the
    /// rest, unless the room left holds the whole run. Lines 749-756 of
    /// `cidiff/breakages_dump/Build Terraform CLI Packages_/run407/fail.log` (749-756 labelled),
    /// each shortened after its `Expires=` query.
    @Test func aRunOfRepeatsIsShownWholeWhenThereIsRoom() {
        let log =
            [19, 20, 7, 21, 22, 23, 24].map { n in
                "2022-05-20T18:25:58.9337824Z ##[error]internal/backend/remote-state/oss/backend.go:\(n):2: github.com/aliyun/alibaba-cloud-sdk-go@v1.61.1501: Get \"https://storage.googleapis.com/proxy-golang-org-prod/3d343ff3137181ad-github.com:aliyun:alibaba-cloud-sdk-go-v1.61.1501.zip?Expires=1653149500"
            } + ["2022-05-20T18:25:58.9383407Z ##[error]Process completed with exit code 1."]
        for k in [10, 30] {
            let e = Self.excerpt(log, maxLines: k)
            #expect(e.lines.map(\.line.number) == Array(1...8), "K = \(k)")
            #expect(e.lines.allSatisfy { $0.repeats == 0 }, "K = \(k)")
        }
        // No room for the seventh: it is counted on the sixth.
        let e = Self.excerpt(log, maxLines: 6)
        #expect(e.lines.map(\.line.number) == Array(1...6))
        #expect(e.lines.last?.repeats == 1)
    }
}

/// Analysis version 14's block shapes, each on real lines (see Fixtures/PROVENANCE.md).
extension ExcerptTests {
    /// Jenkins' report that a post-build step failed, after the build step's verdict: how the job
    /// ended, shown with the step's last words above it when there is room, never the key. Lines
    /// 194-212 of `cidiff/breakages/mimecraft_2316/fail.log` (labelled: 200-208, 210-211), the
    /// colours left out, the `[ERROR] Plugin …` line shortened.
    @Test func aJenkinsPostBuildStepsFailureIsShownWhenThereIsRoom() {
        let log = [
            "[INFO] ------------------------------------------------------------------------",
            "[INFO] BUILD FAILURE",
            "[INFO] ------------------------------------------------------------------------",
            "[INFO] Total time:  0.948 s",
            "[INFO] Finished at: 2022-01-04T15:09:20+01:00",
            "[INFO] ------------------------------------------------------------------------",
            "[ERROR] Plugin fr.inria.gforge.spoon:spoon-maven-plugin:3.5-SNAPSHOT or one of its dependencies could not be resolved: Failed to read artifact descriptor for fr.inria.gforge.spoon:spoon-maven-plugin:jar:3.5-SNAPSHOT: Could not transfer artifact fr.inria.gforge.spoon:spoon-maven-plugin:pom:3.5-SNAPSHOT 503 Service Unavailable -> [Help 1]",
            "[ERROR] ",
            "[ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch.",
            "[ERROR] Re-run Maven using the -X switch to enable full debug logging.",
            "[ERROR] ",
            "[ERROR] For more information about the errors and possible solutions, please read the following articles:",
            "[ERROR] [Help 1] http://cwiki.apache.org/confluence/display/MAVEN/PluginResolutionException",
            "ERROR: no tag class, spoon has failed",
            "Build step 'Execute shell' marked build as failure",
            "Archiving artifacts",
            "/net/www/ci/sos/jobs/Mimecraft/builds/2316/archive does not exist.",
            "ERROR: Step ‘Publish XML Summary Reports’ failed: /net/www/ci/sos/jobs/Mimecraft/builds/2316/archive does not exist.",
            "Finished: FAILURE",
        ]
        let wide = Self.excerpt(log)
        let shown = Set(wide.lines.map(\.line.number))
        #expect(shown.isSuperset(of: [7, 14, 15, 17, 18]), "\(shown.sorted())")
        #expect(wide.keyLine?.line.number != 18)
        #expect(wide.lines.first { $0.line.number == 18 }?.detail == "runner/jenkins-post-step")
        // No room: the build step's report comes first.
        let narrow = Set(Self.excerpt(log, maxLines: 10).lines.map(\.line.number))
        #expect(!narrow.contains(18), "\(narrow.sorted())")
    }

    /// `ERROR: Step ‘…’ failed:` is Jenkins' post-build step (`nopol_1347/fail.log:619`,
    /// `bukkit_2336/fail.log:826` of `cidiff`, the second with its quotes mis-decoded), not
    /// Julia's `ERROR:`.
    @Test(arguments: [
        "ERROR: Step ‘Publish JUnit test result report’ failed: No test report files were found. Configuration error?",
        "ERROR: Step ?Publish XML Summary Reports? failed: /net/www/ci/sos/jobs/Bukkit/builds/2336/archive does not exist.",
    ])
    func aJenkinsPostBuildStepIsItsOwnRule(_ line: String) {
        #expect(GrammarSet.builtIn.matches(line) == ["runner/jenkins-post-step"])
    }

    /// An exception line is a block with what is indented under it, whichever runtime printed it:
    /// JUnit's `AssertionFailedError` under Surefire's `<<< FAILURE!` shows its first frames.
    /// Lines 693-700 of `cidiff/breakages/commonslang_2089/fail.log` (labelled: 693-773).
    @Test func anExceptionLinesFramesAreItsBlock() {
        let log = [
            "[INFO] Running org.apache.commons.lang3.time.DurationUtilsTest",
            "[ERROR] Tests run: 10, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 0.036 s <<< FAILURE! - in org.apache.commons.lang3.time.DurationUtilsTest",
            "[ERROR] org.apache.commons.lang3.time.DurationUtilsTest.testOfConsumer  Time elapsed: 0.003 s  <<< FAILURE!",
            "org.opentest4j.AssertionFailedError: expected: <true> but was: <false>",
            "\tat org.junit.jupiter.api.AssertionUtils.fail(AssertionUtils.java:55)",
            "\tat org.junit.jupiter.api.AssertTrue.assertTrue(AssertTrue.java:40)",
            "\tat org.junit.jupiter.api.AssertTrue.assertTrue(AssertTrue.java:35)",
            "\tat org.junit.jupiter.api.Assertions.assertTrue(Assertions.java:179)",
            "\tat org.apache.commons.lang3.time.DurationUtilsTest.lambda$testOfConsumer$1(DurationUtilsTest.java:84)",
            "",
        ]
        let shown = Set(Self.excerpt(log).lines.map(\.line.number))
        #expect(shown.isSuperset(of: 2...9), "\(shown.sorted())")
        #expect(GrammarSet.builtIn.matches(log[3]) == ["python/exception"])
    }

    /// PHPUnit's report: each test's name and its message, not indented under it, are one block, the
    /// message its key; the frames after the blank line are context (lines written here in PHPUnit 10's format; the
    /// corpora hold no PHP log).
    @Test func aPHPUnitFailureIsItsNameAndMessage() {
        let log = [
            "$ vendor/bin/phpunit", "PHPUnit 10.5.2 by Sebastian Bergmann and contributors.", "",
            "...........F.......E.........                                  29 / 29 (100%)", "",
            "Time: 00:00.412, Memory: 10.00 MB", "", "There was 1 failure:", "",
            "1) Acme\\Billing\\Tests\\TaxTest::testVatRounding",
            "Failed asserting that 19.99 matches expected 20.0.",
            "", "/builds/acme/billing/tests/TaxTest.php:31", "", "FAILURES!",
            "Tests: 29, Assertions: 61, Failures: 1.",
        ]
        let excerpt = Self.excerpt(log)
        let shown = Set(excerpt.lines.map(\.line.number))
        #expect(shown.isSuperset(of: [10, 11, 15, 16]), "\(shown.sorted())")
        #expect(excerpt.keyLine?.line.number == 11)
        #expect(!shown.contains(2) && !shown.contains(4))
    }

    /// A test's header over what it printed, where no line has a message's shape: the first line
    /// that says something is the key line, not the test's name, a label, a location or a verdict
    /// (dotnet, Test::More, testthat; the lines are written here in each tool's format).
    @Test(
        arguments: [
            (
                [
                    "  Failed Billing.Tests.InvoiceTests.TotalsRoundUp [23 ms]", "  Error Message:",
                    "   System.MissingMethodException : Method not found: 'Void Money.Rounding.Up(Int32)'.",
                    "  Stack Trace:", "     at Billing.Invoice.Total() in /builds/a/b/src/Invoice.cs:line 41",
                ], 1, 3
            ),
            (
                [
                    "t/01-invoice.t ..", "#   Failed test 'totals round up'",
                    "#   at t/01-invoice.t line 41.",
                    #"# Can't locate object method "up" via package "Money" at lib/Invoice.pm line 41."#,
                    "# Looks like you failed 1 test of 5.",
                ], 2, 4
            ),
            (
                [
                    "── Error ('test-invoice.R:41:3'): totals round up ──────────",
                    #"Error in `round_up(x)`: could not find function "round_up""#, "Backtrace:",
                    "[ FAIL 1 | WARN 0 | SKIP 0 | PASS 3 ]", "Error: Test failures", "Execution halted",
                ], 1, 2
            ),
        ] as [([String], Int, Int)])
    func theMessageUnderATestsHeaderIsTheKeyLine(log: [String], header: Int, key: Int) {
        let excerpt = Self.excerpt(log + ["", "ERROR: Job failed: exit code 1"])
        #expect(excerpt.keyLine?.line.number == key)
        #expect(excerpt.header?.number == header)
        #expect(excerpt.lines.contains { $0.line.number == header })
    }

    /// testthat's failure under `R CMD check`: the check that failed, the expectation and its
    /// message are shown; the checks that passed are not (testthat 3's format, written here).
    @Test func aTestthatFailureUnderRCMDCheckIsShown() {
        let log = [
            "* checking examples ... OK", "* checking tests ...", "  Running ‘testthat.R’", " ERROR",
            "Running the tests in ‘tests/testthat.R’ failed.", "Last 13 lines of output:",
            "  ── Failure ('test-fold.R:18:3'): fold keeps NA rows ──────────",
            "  nrow(out) (`actual`) not equal to 4L (`expected`).", "  ",
            "  [ FAIL 1 | WARN 0 | SKIP 0 | PASS 41 ]", "  Error: Test failures", "  Execution halted",
            "* DONE", "", "Status: 1 ERROR",
        ]
        let shown = Set(Self.excerpt(log).lines.map(\.line.number))
        #expect(shown.isSuperset(of: [4, 5, 7, 8, 10, 15]), "\(shown.sorted())")
        #expect(!shown.contains(1))
    }

    /// A tool no grammar knows: the failing step's last lines are the excerpt, five at 10 lines and
    /// ten at 30, never the head of the log.
    @Test func anUnknownToolsFailureIsTheStepsTailByTheBudget() {
        let log =
            ["Running with gitlab-runner 17.0.0", "$ ./check.sh"]
            + (1...40).map { "checked \(["alpha", "beta", "gamma", "delta", "omega"][$0 % 5]) part \($0)" }
            + [
                "frobnicator: widget 7 lacks a sprocket", "frobnicator: 1 widget rejected",
            ]
        func shown(_ k: Int) -> [Int] { Self.excerpt(log, maxLines: k).lines.map(\.line.number) }
        #expect(shown(10) == Array(40...44))
        #expect(shown(30) == Array(35...44))
    }

    /// `dotnet test`: the failed test's `Error Message:` stands at the test's own indentation, the
    /// message under it; both are its block, the stack after them context (the format of `dotnet
    /// test`'s console logger, written here).
    @Test func aDotnetFailedTestShowsItsErrorMessage() {
        let log = [
            "Starting test execution, please wait...", "  Passed Payroll.Tests.TaxTests.Lookup [1 ms]",
            "  Failed Payroll.Tests.OvertimeTests.DoubleTime_AfterTwelveHours [14 ms]", "  Error Message:",
            "   Assert.Equal() Failure: Values differ", "Expected: 540.00", "Actual:   495.00",
            "  Stack Trace:",
            "     at Payroll.Tests.OvertimeTests.DoubleTime_AfterTwelveHours() in /src/OvertimeTests.cs:line 41",
            "  Passed Payroll.Tests.OvertimeTests.NoOvertime [2 ms]", "",
            "Failed!  - Failed:     1, Passed:    17, Skipped:     0, Total:    18",
        ]
        let shown = Set(Self.excerpt(log, maxLines: 10).lines.map(\.line.number))
        #expect(shown.isSuperset(of: 3...7), "\(shown.sorted())")
        #expect(!shown.contains(2))
    }

    /// Azure Pipelines', Jenkins Pipeline's and CircleCI's words for a failed step are the CI's
    /// verdict, as GitHub's `Process completed with exit code 1.` is: shown as such after the
    /// failure, never its cause (the CIs' formats, written here).
    @Test(arguments: [
        "##[error]Bash exited with code '1'.", "##[error]Script failed with exit code: 1",
        "ERROR: script returned exit code 1", "Exited with code exit status 1",
    ])
    func otherCIsVerdictsAreVerdicts(_ verdict: String) {
        let log = [
            "collected 2 items", "tests/test_a.py::test_one PASSED", "tests/test_a.py::test_two FAILED",
            "=================================== FAILURES ===================================",
            "    def test_two():", ">       assert add(2, 2) == 5", "E       assert 4 == 5",
            "tests/test_a.py:9: AssertionError",
            "FAILED tests/test_a.py::test_two - assert 4 == 5", verdict,
        ]
        let excerpt = Self.excerpt(log)
        #expect(excerpt.lines.last.map { [$0.line.number, $0.reason == .verdict ? 1 : 0] } == [10, 1])
        #expect(excerpt.keyLine?.line.number != 10)
    }
}
