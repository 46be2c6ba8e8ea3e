import Foundation
import LogAnalysis
import Testing

/// What a signature keeps and drops, and when two failures may share one.
@Suite struct SignatureTests {
    static func excerpt(_ text: String) -> Excerpt {
        ExcerptExtractor().excerpt(failed: TraceCleaner.clean(text))
    }

    static func signature(_ text: String, project: String) -> FailureSignature {
        SignatureBuilder.signature(of: excerpt(text), identity: ProjectIdentity(path: project))
    }

    static func juliaError(project: String, testset: String, line: Int, message: String) -> String {
        """
        \(testset): Error During Test at /builds/\(project)/test/\(testset).jl:\(line)
          Test threw exception
          Expression: \(testset)_fixture(x) == expected
          \(message)
        ERROR: Job failed: exit code 1
        """
    }

    @Test(
        arguments: [
            ("MethodError: no method matching Base._tablesz(::Vector{Float64}, ::Int64)", "Base._tablesz"),
            ("UndefVarError: `_unsafe_view` not defined in `Tables`", "_unsafe_view"),
            ("fmt.Sprintf format %d has arg id of wrong type string", "fmt.Sprintf"),
            ("undefined: apiclient.ListJobsOptions", "apiclient.ListJobsOptions"),
            ("KeyError: 'name'", "name"),
            ("ERROR: Cannot install foo==<n> and bar==<n> because these versions conflict", "foo"),
            ("Unsatisfiable requirements detected for package Tables [<hex>]:", "Tables"),
            ("error: implicit declaration of function 'crc32_combine_gen64x'", "crc32_combine_gen64x"),
            ("BoundsError: attempt to access <n>-element Vector{Float64} at index [<n>]", nil),
            ("[<n>] signal (<n>): Segmentation fault", nil),
            ("DomainError with -<n>:", nil),
            ("request took <n>s, want < <n>s", nil),
        ] as [(String, String?)])
    func theFirstNameOfAMessage(line: String, name: String?) {
        #expect(SignatureBuilder.firstName(line) == name)
    }

    @Test(arguments: [
        ("E       AssertionError: assert <n> == <n>", true),
        ("Expression: timing_result(x2, digits = <n>) == expected", true),
        ("org.opentest4j.AssertionFailedError: expected: <true> but was: <false>", true),
        ("assertion failed: elapsed < Duration::from_millis(<n>)", true),
        ("BoundsError: attempt to access <n>-element Vector{Float64} at index [<n>]", true),
        ("MethodError: no method matching promote_shape(::Tuple{Base.OneTo{Int64}})", false),
        ("E       ModuleNotFoundError: No module named 'numpy.distutils'", false),
    ])
    func projectLocalMessages(line: String, local: Bool) {
        #expect(SignatureBuilder.isProjectLocal(line) == local)
    }

    /// An upstream break: other project, test set, file and line; one signature.
    @Test func oneNamedCauseInTwoProjectsIsOneSignature() {
        let message = "MethodError: no method matching promote_shape(::Tuple{Base.OneTo{Int64}})"
        let a = Self.signature(
            Self.juliaError(project: "julia/Tabular.jl", testset: "io", line: 115, message: message),
            project: "julia/Tabular.jl")
        let b = Self.signature(
            Self.juliaError(project: "julia/ml/Frames.jl", testset: "join", line: 38, message: message),
            project: "julia/ml/Frames.jl")
        #expect(a == b)
        #expect(a.maskedLines.last == "@scope * promote_shape")
    }

    /// Decoys: the same words about another function are another cause.
    @Test func messagesThatDifferByTheNameTheyCarryAreApart() {
        let a = Self.signature(
            Self.juliaError(
                project: "julia/A.jl", testset: "io", line: 3,
                message: "MethodError: no method matching Base._tablesz(::Vector{Float64}, ::Int64)"),
            project: "julia/A.jl")
        let b = Self.signature(
            Self.juliaError(
                project: "julia/A.jl", testset: "io", line: 3,
                message: "MethodError: no method matching Base._tablesx(::Vector{Float64}, ::Int64)"),
            project: "julia/A.jl")
        // Alike enough to join on their tokens; the scope (TriageCore's `ScopedClusterer` compares
        // only within one) keeps them apart.
        #expect(a.jaccard(b) > 0.5)
        #expect(a.maskedLines.last == "@scope * Base._tablesz")
        #expect(b.maskedLines.last == "@scope * Base._tablesx")
    }

    /// A message that names nothing is the project's own: two projects, two signatures; the same
    /// project on another night (other numbers), the same one.
    @Test func aMessageThatNamesNothingStaysInItsProject() {
        func bounds(_ project: String, _ n: Int) -> FailureSignature {
            Self.signature(
                Self.juliaError(
                    project: project, testset: "kernels", line: 9 + n,
                    message:
                        "BoundsError: attempt to access \(n)-element Vector{Float64} at index [\(n + 60)]"),
                project: project)
        }
        #expect(bounds("julia/A.jl", 3) == bounds("julia/A.jl", 7))
        #expect(bounds("julia/A.jl", 3) != bounds("julia/B.jl", 3))
        #expect(bounds("julia/A.jl", 3).maskedLines.last?.hasPrefix("@scope julia/A.jl ") == true)
    }

    /// Infrastructure: the cause, whichever tool met it and whatever wraps it.
    @Test(arguments: [
        (
            "fatal: unable to access 'https://gitlab.example.com/g/P.git/': Could not resolve host: gitlab.example.com",
            "dns"
        ),
        ("npm error code EAI_AGAIN", "dns"),
        (
            "W: Failed to fetch http://deb.debian.org/debian/dists/bookworm/InRelease  Temporary failure resolving 'deb.debian.org'",
            "dns"
        ),
        (
            "ERROR: Job failed (system failure): failed to pull image \"julia:1.10\" with specified policies [always]: Error response from daemon: toomanyrequests: You have reached your pull rate limit.",
            "rate-limit"
        ),
        (
            "ERROR: failed to clone from https://github.com/JuliaRegistries/General.git, error: GitError(Code:ERROR, Class:HTTP, unexpected http status code: 429)",
            "rate-limit"
        ),
        (
            "ERROR: HTTP error 429 while getting https://files.pythonhosted.org/packages/numpy-2.1.3.whl",
            "rate-limit"
        ),
        (
            "go: golang.org/x/sync@v0.9.0: write /root/go/pkg/mod/cache/download/sync.zip: no space left on device",
            "no-space"
        ),
        ("npm error code ENOSPC", "no-space"),
        ("ERROR: Job failed: exit code 137", "oom"),
        ("ERROR: Job failed: execution took longer than 1h0m0s seconds", "timeout"),
        (
            "ERROR: Job failed (system failure): prepare environment: Error response from daemon: No such container: 6588ddf4",
            "runner-system-failure"
        ),
    ])
    func infrastructureIsNamedByItsCause(line: String, cause: String) {
        let s = Self.signature("$ make test\n\(line)\n", project: "g/P")
        #expect(s.maskedLines == ["@infra " + cause])
    }

    /// The cause under a tool's wrapper a few lines below it (cargo's `failed to get` and curl's
    /// reason) names the failure.
    @Test func theCauseUnderAWrapperNamesIt() {
        let log = """
            $ cargo build --locked
                Updating crates.io index
            error: failed to get `serde` as a dependency of package `log-indexer v0.8.5 (/builds/tools/log-indexer)`

            Caused by:
              download of config.json failed

            Caused by:
              [6] Couldn't resolve host name (Could not resolve host: index.crates.io)
            """
        #expect(Self.signature(log, project: "tools/log-indexer").maskedLines == ["@infra dns"])
    }
}
