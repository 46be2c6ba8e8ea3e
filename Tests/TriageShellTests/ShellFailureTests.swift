import LogAnalysis
import Testing
@testable import TriageShell

/// Each failure several commands meet has one wording and one hint, whichever command throws it.
@Suite struct ShellFailureTests {
    @Test(arguments: [
        (
            ShellFailure.jobNotCached(7),
            "job 7 is not in the cache — run 'fetch' (only nightly pipelines' jobs are fetched)"
        ),
        (
            .pipelineNotCached(8),
            "pipeline 8 is not in the cache — run 'fetch' (only nightly pipelines are fetched)"
        ),
        (
            .traceNotCached(job: 9),
            "no trace of job 9 in the cache — 'fetch' stores the traces of failed jobs only"
        ),
        (
            .jobNotAnalysed(10),
            "job 10 has no analysis — only failed jobs with a cached trace are analysed; run 'fetch'"
        ),
        (
            .notAClusterID("nope"),
            "'nope' is not a cluster id — cluster ids look like c-3f9a2b1c; see 'clusters'"
        ),
        (
            .issueNotKnown("julia/Foo.jl#4"),
            "no issue julia/Foo.jl#4 in the cache or the assignments — 'issues --state all' lists the cached issues, 'assignments' the assigned ones"
        ),
        (
            .projectNotCached("Fo.jl", guess: "julia/Foo.jl"),
            "no project 'Fo.jl' in the cache — did you mean 'julia/Foo.jl'?"
        ),
        (
            .projectNotCached("x", guess: nil),
            "no project 'x' in the cache — 'projects' lists them; 'fetch' brings new ones"
        ),
        (.emptyCache, "the cache is empty — run 'fetch' first"),
        (
            .noGitLab,
            "no GitLab to talk to — set GITLAB_URL=https://gitlab.example.com or [gitlab] url in triage.toml"
        ),
        (
            .notInThisBuild("export"),
            "export is not available in this build — the triage executable provides it"
        ),
    ])
    func rendersWithItsOneHint(failure: ShellFailure, message: String) {
        #expect(ErrorFormatter.message(for: failure) == message)
    }

    @Test func aClusterNotCachedNamesIt() throws {
        let id = try #require(ClusterID(rawValue: "c-3f9a2b1c"))
        #expect(
            ErrorFormatter.message(for: ShellFailure.clusterNotCached(id))
                == "no cluster c-3f9a2b1c in the cache — see 'clusters' for the ids")
    }
}
