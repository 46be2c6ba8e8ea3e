import Foundation
import LogAnalysis
import Testing
import TriageCore

/// Issue 14, item 14: `similar` names other kinds of failure; the job's own cluster is counted,
/// not listed row after row.
@Suite struct SimilarFailuresTests {
    func analysis(_ job: Int, _ cluster: String?, _ night: String, _ line: String) -> FailureAnalysis {
        FailureAnalysis(
            jobID: job, projectPath: "julia/P\(job).jl", night: night, jobName: "test", excerpt: [],
            keyLine: line,
            patterns: [], category: nil, infrastructure: false, signatureLines: [line],
            cluster: cluster.flatMap(ClusterID.init(rawValue:)), retriedGreen: false)
    }

    var target: FailureAnalysis {
        analysis(1, "c-0000000a", "2026-11-28", "MethodError: no method matching foo(::Int)")
    }
    var candidates: [FailureAnalysis] {
        [
            target,
            analysis(2, "c-0000000a", "2026-11-28", "MethodError: no method matching foo(::Int)"),
            analysis(3, "c-0000000a", "2026-11-28", "MethodError: no method matching foo(::Int)"),
            analysis(4, "c-0000000b", "2026-11-27", "MethodError: no method matching bar(::Int)"),
            analysis(5, "c-0000000b", "2026-11-20", "MethodError: no method matching bar(::Int)"),
            analysis(6, nil, "2026-11-28", "no method here"),
            analysis(7, "c-0000000c", "2026-11-28", "disk quota exceeded"),
        ]
    }

    @Test func oneRowPerOtherClusterAndTheOwnClusterCounted() {
        let similar = SimilarFailures(target: target, among: candidates, limit: 10)
        #expect(similar.sameCluster == 2)
        #expect(similar.matches.map(\.analysis.jobID) == [4, 6])
        #expect(similar.matches.map(\.failures) == [2, 1])
        #expect(
            SimilarFailures(target: target, among: candidates, limit: 1).matches.map(\.analysis.jobID) == [4])
    }

    @Test func everyFailureListsTheOwnClusterToo() {
        let similar = SimilarFailures(target: target, among: candidates, limit: 10, everyFailure: true)
        #expect(similar.sameCluster == 0)
        #expect(similar.matches.map(\.analysis.jobID) == [3, 2, 4, 5, 6])
        #expect(similar.matches.first?.similarity == 1)
    }
}
