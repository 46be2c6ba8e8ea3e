import Foundation
import LogAnalysis
import Testing
import TriageCore

/// A failure analysed from `trace` as fetch analyses it.
func analysed(_ job: Int, night: String, trace: String, project: String = "g/app") -> FailureAnalysis {
    let candidate = AnalysisCandidate(
        jobID: job, projectPath: project, night: night, jobName: "build", retriedGreen: false, hasTrace: true)
    return Analyzer.analyse(candidate, trace: Data(trace.utf8), extractor: ExcerptExtractor())
}

/// A `make lint` job whose linter's own line has no grammar: the excerpt's key line is make's.
func makeLintTrace(file: String, line: Int, message: String, makefileLine: Int) -> String {
    """
    $ make lint
    flake8 src tests
    \(file):\(line):1: \(message)
    make: *** [Makefile:\(makefileLine): lint] Error 1
    ERROR: Job failed: exit code 1
    """
}

/// `docker build` running make, each line behind BuildKit's step prefix.
func buildKitTrace(function: String, line: Int) -> String {
    """
    #10 [6/6] RUN make -C /src install
    #10 2.345 make: Entering directory '/src'
    #10 2.345 cc -O2 -Wall -Werror -c src/inflate.c -o src/inflate.o
    #10 2.346 src/inflate.c:\(line):9: error: implicit declaration of function '\(function)' [-Werror=implicit-function-declaration]
    #10 2.346 cc1: all warnings being treated as errors
    #10 2.347 make: *** [Makefile:12: src/inflate.o] Error 1
    #10 2.347 make: Leaving directory '/src'
    #10 ERROR: process "/bin/sh -c make -C /src install" did not complete successfully: exit code: 2
    ERROR: failed to solve: process "/bin/sh -c make -C /src install" did not complete successfully: exit code: 2
    """
}

struct ClusterTitleTests {
    @Test(arguments: [
        // Members' lines, the shown one last → marked.
        (
            ["make: *** [Makefile:12: all] Error 1", "make: *** [Makefile:40: all] Error 2"],
            "make: *** [Makefile:‹40›: all] Error ‹2›"
        ),
        (["got 3 pages, want 4"], "got 3 pages, want 4"),
        (["got 3 pages, want 4", "got 3 pages, want 4"], "got 3 pages, want 4"),
        // A run of varying words with what separates them is one part.
        (
            ["Cannot install foo==1.2.3 and bar", "Cannot install foo==1.4.0 and bar"],
            "Cannot install foo==1.‹4.0› and bar"
        ),
        (
            ["request took 2.5s, want < 1s", "request took 12.25s, want < 1s"],
            "request took ‹12.25s›, want < 1s"
        ),
        // Order counts: the same words elsewhere are not the same line.
        (["assert 3 == 4", "assert 4 == 3"], "assert ‹4› == 3"),
        (
            ["UndefVarError: `x` not defined", "UndefVarError: `zeta_2` not defined"],
            "UndefVarError: `‹zeta_2›` not defined"
        ),
        // Members that say mostly different things (one cause, each tool's phrasing): no marks.
        (
            ["Could not resolve host: github.com", "Temporary failure resolving 'deb.debian.org'"],
            "Temporary failure resolving 'deb.debian.org'"
        ),
        // Empty key lines are left out.
        (["", "segfault at 0x7ffd1234"], "segfault at 0x7ffd1234"),
    ])
    func marksWhatVariesBetweenMembers(lines: [String], marked: String) {
        let title = ClusterTitle(lines: lines, fallback: "template")
        #expect(title.marked == marked)
        #expect(title.plain == lines.last)
    }

    @Test func withoutLinesTheTemplateIsTheTitle() {
        #expect(ClusterTitle(lines: [], fallback: "@infra timeout").marked == "@infra timeout")
        #expect(ClusterTitle(lines: [""], fallback: "").parts.isEmpty)
        let title = ClusterTitle(lines: ["a 1 b", "a 2 b"], fallback: "")
        #expect(
            title.parts == [
                ClusterTitle.Part("a "), ClusterTitle.Part("2", varies: true), ClusterTitle.Part(" b"),
            ])
    }

    @Test(arguments: [
        ("make: *** [Makefile:12: all] Error 2", true),
        ("make[1]: *** [src/x.o] Error 1", true),
        ("#10 2.347 gmake: *** [all] Error 2", true),
        ("2022-04-28T15:42:33.5261794Z make: *** [Makefile:39: staticcheck] Error 1", true),
        ("ninja: build stopped: subcommand failed.", true),
        ("npm ERR! code ELIFECYCLE", true),
        ("npm ERR! errno 2", true),
        ("npm error code 1", true),
        ("error Command failed with exit code 1.", true),
        ("make: *** No rule to make target 'x', needed by 'y'.  Stop.", false),
        ("npm ERR! 404 Not Found - GET https://registry.npmjs.org/x", false),
        ("src/a.c:3:1: error: expected ';'", false),
        ("make: Entering directory '/src'", false),
    ])
    func buildToolWrappers(line: String, wrapper: Bool) {
        #expect(BuildWrapper.isWrapper(line) == wrapper)
    }

    /// The linter's line is the title, though make's wrapper is the excerpt's key line (a linter
    /// no grammar knows: Python's linters have one, and their line is the key line itself).
    @Test func aWrapperKeyLineGivesWayToTheMessageAboveIt() throws {
        let a = analysed(
            1, night: "2026-11-01",
            trace: makeLintTrace(file: "docs/a.md", line: 3, message: "MD013 Line length", makefileLine: 9))
        #expect(a.keyLine == "make: *** [Makefile:9: lint] Error 1")
        #expect(a.titleLine == "docs/a.md:3:1: MD013 Line length")
        // Read without its excerpt (as `clusters` reads analyses), the key line is all there is.
        var bare = a
        bare.excerpt = []
        #expect(bare.titleLine == "make: *** [Makefile:9: lint] Error 1")
    }

    /// Behind BuildKit's prefix, the compiler's message is the key line and the title, prefix off.
    @Test func buildKitsPrefixIsNotPartOfTheTitle() {
        let a = analysed(1, night: "2026-11-01", trace: buildKitTrace(function: "inflateReset3", line: 43))
        #expect(a.keyLine?.hasPrefix("#10 2.346 src/inflate.c:43:9: error: implicit declaration") == true)
        #expect(
            a.titleLine
                == "src/inflate.c:43:9: error: implicit declaration of function 'inflateReset3' [-Werror=implicit-function-declaration]"
        )
    }

    /// A cluster's title: its newest member's line, what differs from the others marked.
    @Test func aClustersTitleIsItsNewestMembersLine() throws {
        let members = [
            analysed(3, night: "2026-11-02", trace: buildKitTrace(function: "inflateReset3", line: 43)),
            analysed(1, night: "2026-11-01", trace: buildKitTrace(function: "inflateReset3", line: 40)),
            analysed(2, night: "2026-11-02", trace: buildKitTrace(function: "inflateReset3", line: 51)),
        ]
        var clusterer = ScopedClusterer(threshold: Analyzer.defaultThreshold)
        var clustered = members
        Analyzer.cluster(&clustered, with: &clusterer)
        #expect(Set(clustered.compactMap(\.cluster)).count == 1)
        let summary = try #require(ClusterSummary.summarise(clustered, states: clusterer.clusters).first)
        #expect(
            summary.title.marked
                == "src/inflate.c:‹43›:9: error: implicit declaration of function 'inflateReset3' [-Werror=implicit-function-declaration]"
        )
    }
}
