import Basics
import Foundation
import LogAnalysis
import Testing
import TriageCore

/// Failures of a few kinds over nights: `kind` picks the method an upstream change removed,
/// `variant` the values it was called with (volatile), `project` the paths. With `assertion`, the
/// project's own test assertion fails instead.
func failure(
    _ job: Int, night: String, project: String, kind: Int, variant: Int, assertion: Bool = false
) -> FailureAnalysis {
    let trace =
        assertion
        ? """
        Running tests...
        kind\(kind): Test Failed at /builds/\(project)/test/kind\(kind).jl:\(10 + kind)
          Expression: result_\(kind)(x) == expected
           Evaluated: \(variant) == \(variant + 1)
        ERROR: Job failed: exit code 1
        """
        : """
        Running tests...
        kind\(kind): Error During Test at /builds/\(project)/test/kind\(kind).jl:\(10 + kind)
          Test threw exception
          Expression: check(x) == expected
          MethodError: no method matching result_\(kind)(::Int64, ::Val{\(variant)})
        ERROR: Job failed: exit code 1
        """
    let candidate = AnalysisCandidate(
        jobID: job, projectPath: project, night: night, jobName: "test", retriedGreen: false, hasTrace: true)
    return Analyzer.analyse(candidate, trace: Data(trace.utf8), extractor: ExcerptExtractor())
}

/// 60 failures: 4 kinds in 2 projects over 6 nights, each with a varying detail.
func sampleFailures() -> [FailureAnalysis] {
    var result: [FailureAnalysis] = []
    var job = 1000
    for night in 1...6 {
        for project in ["julia/A.jl", "julia/B.jl"] {
            for kind in 0..<5 where (kind + night) % 4 != 0 {
                job += 7
                result.append(
                    failure(job, night: "2026-11-0\(night)", project: project, kind: kind, variant: job % 3))
            }
        }
    }
    return result
}

func clustered(_ analyses: [FailureAnalysis], existing: [ClusterState] = []) -> (
    [Int: ClusterID], [ClusterState]
) {
    var analyses = analyses
    var clusterer = ScopedClusterer(threshold: Analyzer.defaultThreshold, existing: existing)
    Analyzer.cluster(&analyses, with: &clusterer)
    var ids: [Int: ClusterID] = [:]
    for a in analyses { ids[a.jobID] = a.cluster }
    return (ids, clusterer.clusters)
}

@Suite struct AnalysisTests {
    /// The signature names the cause, not the place: one kind failing in two projects (other
    /// paths, other values) is one cluster, and the five kinds are five.
    @Test func oneClusterPerKindAcrossProjects() {
        let (ids, clusters) = clustered(sampleFailures())
        #expect(clusters.count == 5)
        let groups = Dictionary(grouping: sampleFailures(), by: { Masker.mask($0.keyLine ?? "") })
        #expect(groups.count == 5)
        for members in groups.values { #expect(Set(members.map { ids[$0.jobID] }).count == 1) }
    }

    @Test(arguments: [1, 2, 3])
    func anotherOrderGivesTheSameIDs(seed: UInt64) {
        let all = sampleFailures()
        var rng = SplitMix64(seed: seed)
        let (expected, _) = clustered(all)
        let (shuffled, _) = clustered(all.shuffled(using: &rng))
        #expect(shuffled == expected)
    }

    @Test func twoFetchesGiveTheSameIDsAsOne() {
        let all = sampleFailures()
        let (expected, _) = clustered(all)
        let (first, states) = clustered(all.filter { $0.night <= "2026-11-03" })
        let (second, _) = clustered(all.filter { $0.night > "2026-11-03" }, existing: states)
        #expect(first.merging(second) { a, _ in a } == expected)
    }

    @Test func reclusterKeepsIDsWhereMembersStay() {
        let (_, old) = clustered(sampleFailures())
        // The same clusters under other (founder) ids come back with the old ids.
        let renamed = old.map { c -> ClusterState in
            var c = c
            c.id = ClusterID(rawValue: "c-0000000\(old.firstIndex(of: c).map { $0 % 10 } ?? 0)") ?? c.id
            return c
        }
        let (kept, renames) = Analyzer.keepingIDs(old: old, new: renamed)
        #expect(Set(kept.map(\.id)) == Set(old.map(\.id)))
        #expect(renames.count == old.count)
        // A cluster with no old members gets its own id.
        let (fresh, _) = Analyzer.keepingIDs(old: [], new: old)
        #expect(Set(fresh.map(\.id)) == Set(old.map(\.id)))
    }

    @Test(arguments: [
        ("", 0), ("\u{1B}[0K\u{1B}[31m\u{1B}[0m\r\n", 0),
    ])
    func emptyAndEscapeOnlyTracesAnalyseToNoLines(trace: String, lines: Int) {
        let candidate = AnalysisCandidate(
            jobID: 1, projectPath: "p", night: "2026-11-01", jobName: "t", retriedGreen: false, hasTrace: true
        )
        let a = Analyzer.analyse(candidate, trace: Data(trace.utf8), extractor: ExcerptExtractor())
        #expect(a.excerpt.count == lines)
        #expect(a.keyLine == nil)
    }

    @Test func hugeAndInvalidTracesAreBounded() {
        var bytes = [UInt8]()
        let line = Array("step 123 of the build: compiling module_xyz.c with -O2 flags ok\n".utf8)
        while bytes.count < 6_000_000 { bytes += line }
        bytes += [0xFF, 0xFE, 0xC3, 0x28, 0x0A] + Array("error: something broke at foo.c:12\n".utf8)
        let candidate = AnalysisCandidate(
            jobID: 1, projectPath: "p", night: "2026-11-01", jobName: "t", retriedGreen: false, hasTrace: true
        )
        let start = Date()
        let a = Analyzer.analyse(candidate, trace: Data(bytes), extractor: ExcerptExtractor())
        #expect(Date().timeIntervalSince(start) < 30)
        #expect(a.excerpt.count <= 30)
        #expect(a.keyLine == "error: something broke at foo.c:12")
    }

    @Test func sameFailureInTwoProjectsIsOneClusterAndTwoCausesInOneAreTwo() {
        let a = failure(1, night: "2026-11-01", project: "julia/A.jl", kind: 1, variant: 1)
        let b = failure(2, night: "2026-11-01", project: "julia/B.jl", kind: 1, variant: 2)
        let c = failure(3, night: "2026-11-01", project: "julia/A.jl", kind: 2, variant: 1)
        let (ids, _) = clustered([a, b, c])
        #expect(ids[1] == ids[2])
        #expect(ids[1] != ids[3])
    }

    /// A failing assertion is about the project's own test: the same words in another project are
    /// another cause, while the same assertion on another night (other values) is the same one.
    @Test func anAssertionIsOneClusterPerProject() {
        let a1 = failure(1, night: "2026-11-01", project: "julia/A.jl", kind: 1, variant: 1, assertion: true)
        let a2 = failure(2, night: "2026-11-02", project: "julia/A.jl", kind: 1, variant: 5, assertion: true)
        let b = failure(3, night: "2026-11-01", project: "julia/B.jl", kind: 1, variant: 1, assertion: true)
        let (ids, _) = clustered([a1, a2, b])
        #expect(ids[1] == ids[2])
        #expect(ids[1] != ids[3])
        #expect(a1.keyLine == "  Expression: result_1(x) == expected")
    }
}

@Suite struct GreenEvidenceTests {
    func traced(_ id: Int, _ night: String, project: String = "julia/A.jl", name: String = "test")
        -> TracedJob
    {
        TracedJob(jobID: id, projectPath: project, night: night, jobName: name)
    }

    func candidate(night: String, project: String = "julia/A.jl", name: String = "test") -> AnalysisCandidate
    {
        AnalysisCandidate(
            jobID: 999, projectPath: project, night: night, jobName: name, retriedGreen: false, hasTrace: true
        )
    }

    /// The newest traced green run of the same project and job from an earlier night; never the
    /// failure's own night or a later one, never another job's or another project's.
    @Test(arguments: [
        ("2026-11-05", 4 as Int?),  // night 4's two runs: the later job
        ("2026-11-04", 2), ("2026-11-03", 2), ("2026-11-02", 1), ("2026-11-01", nil), ("2026-12-01", 6),
    ])
    func theNewestEarlierTracedGreenRunOfTheSameJob(night: String, expected: Int?) {
        let evidence = GreenEvidence([
            traced(6, "2026-11-10"), traced(4, "2026-11-04"), traced(3, "2026-11-04"),
            traced(2, "2026-11-02"),
            traced(1, "2026-11-01"), traced(7, "2026-11-03", name: "docs"),
            traced(8, "2026-11-03", project: "julia/B.jl"),
        ])
        #expect(evidence.green(for: candidate(night: night)) == expected)
        #expect(evidence.green(for: candidate(night: night, name: "lint")) == nil)
        #expect(GreenEvidence().green(for: candidate(night: night)) == nil)
    }

    /// With the green trace, a line that also occurs there (after masking) is no evidence:
    /// the excerpt drops it, the failure's own error stays the key line.
    @Test func theGreenTraceDemotesLinesItAlsoHas() throws {
        let failed = Data(
            """
            Running tests
            warning: deprecated call in Setup.jl, this is an error in 2.0 (run 41)
            LoadError: MethodError: no method matching f(::Int64)
            ERROR: Job failed: exit code 1
            """.utf8)
        let green = TraceCleaner.clean(
            Array(
                """
                Running tests
                warning: deprecated call in Setup.jl, this is an error in 2.0 (run 40)
                Job succeeded
                """.utf8))
        let c = candidate(night: "2026-11-02")
        let alone = Analyzer.analyse(c, trace: failed, extractor: ExcerptExtractor())
        let compared = Analyzer.analyse(c, trace: failed, green: green, extractor: ExcerptExtractor())
        // What the extractor says given both traces, stored as is.
        let expected = ExcerptExtractor().excerpt(failed: TraceCleaner.clean([UInt8](failed)), passed: green)
        #expect(compared.excerpt.map(\.text) == expected.lines.map(\.line.text))
        #expect(compared.keyLine == expected.keyLine?.line.text)
        #expect(alone.excerpt.contains { $0.text.hasPrefix("warning: deprecated") })
        #expect(!compared.excerpt.contains { $0.text.hasPrefix("warning: deprecated") })
        #expect(compared.keyLine == "LoadError: MethodError: no method matching f(::Int64)")
        #expect(compared.version == AnalysisVersion.current)
    }

    /// The project's identity as fetch knows it (name, web URL) reaches the signature.
    @Test func theCandidatesIdentityIsTheProjects() {
        let c = AnalysisCandidate(
            jobID: 1, projectPath: "julia/Tabular.jl", night: "2026-11-01", jobName: "test",
            retriedGreen: false,
            hasTrace: true, projectName: "Tabular.jl",
            projectWebURL: "https://gitlab.example.com/julia/Tabular.jl")
        #expect(
            c.identity
                == ProjectIdentity(
                    path: "julia/Tabular.jl", name: "Tabular.jl",
                    webURL: "https://gitlab.example.com/julia/Tabular.jl"))
        #expect(c.identity.words.contains("https://gitlab.example.com/julia/Tabular.jl.git"))
    }
}

@Suite struct KeepCoveringTests {
    let issue = IssueRef(project: "julia/A.jl", iid: 45)
    let other = IssueRef(project: "julia/A.jl", iid: 46)

    // swift-format-ignore: NeverForceUnwrap
    // `c-` and eight hex digits for n < 10: a well-formed id.
    func cluster(_ n: Int) -> ClusterID { ClusterID(rawValue: "c-0000000\(n)")! }

    /// Cluster 1 (issue 45) lost jobs 11, 12 and 13 to other clusters: 11 gets a job assignment to
    /// issue 45; 12 keeps its own; 13's new cluster 3 is assigned to issue 45 already; 14 is gone
    /// from the cache. Cluster 2's strayed members are nobody's: nothing for them.
    @Test func failuresThatLeftAnAssignedClusterKeepItsIssue() {
        var book = Assignments(
            assignments: [
                JobAssignment(
                    job: 12, project: "julia/A.jl", pipeline: 5, night: "2026-11-01", cluster: nil,
                    issue: other,
                    by: "bob", at: "2026-11-02T08:00:00Z", note: nil)
            ],
            clusters: [
                ClusterAssignment(
                    cluster: cluster(1).rawValue, issue: issue, by: "alice", at: "2026-11-02T09:00:00Z",
                    note: nil),
                ClusterAssignment(
                    cluster: cluster(3).rawValue, issue: issue, by: "alice", at: "2026-11-02T09:00:00Z",
                    note: nil),
            ])
        let strayed = [cluster(1): [11, 12, 13, 14], cluster(2): [21]]
        let now: [Int: ClusterID] = [11: cluster(2), 12: cluster(2), 13: cluster(3), 21: cluster(4)]
        let added = book.keepCovering(strayed: strayed, note: "kept") { job in
            now[job].map { ("julia/A.jl", 7, "2026-11-01", $0) }
        }
        #expect(added.map(\.job) == [11])
        let entry = book.assignment(job: 11)
        #expect(entry?.issue == issue)
        #expect(entry?.cluster == cluster(1).rawValue)
        #expect(entry?.by == "alice")
        #expect(entry?.at == "2026-11-02T09:00:00Z")
        #expect(entry?.pipeline == 7)
        #expect(entry?.note == "kept")
        #expect(book.assignment(job: 12)?.issue == other)
        // Every job cluster 1 covered is still covered by issue 45 (or by its own choice).
        for job in [11, 13] {
            #expect(book.assignmentFor(job: job, cluster: now[job]?.rawValue)?.issue == issue)
        }
        #expect(book.assignment(job: 21) == nil)
        // Applying it again adds nothing.
        #expect(
            book.keepCovering(strayed: strayed, note: "kept") { now[$0].map { ("julia/A.jl", 7, "n", $0) } }
                .isEmpty)
    }
}
