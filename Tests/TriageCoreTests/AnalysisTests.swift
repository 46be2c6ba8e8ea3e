import Foundation
import LogAnalysis
import Testing
import TriageCore

/// Failures of a few kinds over nights: `kind` picks the failing expression, `variant` the values
/// it evaluated to (volatile), `project` the paths.
func failure(_ job: Int, night: String, project: String, kind: Int, variant: Int) -> FailureAnalysis {
    let trace = """
        Running tests...
        kind\(kind): Test Failed at /builds/\(project)/test/kind\(kind).jl:\(10 + kind)
          Expression: result_\(kind)(x) == expected
           Evaluated: \(variant) == \(variant + 1)
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
                result.append(failure(job, night: "2026-11-0\(night)", project: project, kind: kind, variant: job % 3))
            }
        }
    }
    return result
}

func clustered(_ analyses: [FailureAnalysis], existing: [ClusterState] = []) -> ([Int: ClusterID], [ClusterState]) {
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
        let groups = Dictionary(grouping: sampleFailures(), by: { $0.keyLine ?? "" })
        #expect(groups.count == 5)
        for members in groups.values { #expect(Set(members.map { ids[$0.jobID] }).count == 1) }
    }

    @Test(arguments: [1, 2, 3])
    func anotherOrderGivesTheSameIDs(seed: UInt64) {
        let all = sampleFailures()
        var rng = SystemRandomNumberGeneratorSeeded(seed: seed)
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
            jobID: 1, projectPath: "p", night: "2026-11-01", jobName: "t", retriedGreen: false, hasTrace: true)
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
            jobID: 1, projectPath: "p", night: "2026-11-01", jobName: "t", retriedGreen: false, hasTrace: true)
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
}

/// A seeded generator (SplitMix64) for reproducible shuffles.
struct SystemRandomNumberGeneratorSeeded: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
