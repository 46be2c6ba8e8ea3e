import Foundation
import Testing

@testable import LogAnalysis

@Suite struct ClusteringTests {
    static func signature(_ lines: [String]) -> FailureSignature {
        FailureSignature(maskedLines: lines.map(Masker.mask))
    }

    /// Alike in every token but one name: apart where each names what the other does not, together
    /// where one names more (a newer phrasing that also names the module).
    @Test func namesThatDisagreeKeepAlikeFailuresApart() {
        func failure(_ key: String, _ names: String) -> FailureSignature {
            FailureSignature(maskedLines: [
                key, "Stacktrace:", "[1] total(x::Int64) at invoice.jl:12",
                "[2] top-level scope at runtests.jl:4",
                "@names " + names, "@scope * Money",
            ])
        }
        let up = failure("UndefVarError: `round_up` not defined in `Money`", "round_up | Money")
        let down = failure("UndefVarError: `round_down` not defined in `Money`", "round_down | Money")
        let older = failure("UndefVarError: `round_up` not defined", "round_up")
        #expect(up.jaccard(down) >= 0.7)
        #expect(up.jaccard(older) >= 0.7)
        #expect(!up.namesAgree(with: down) && up.namesAgree(with: older) && older.namesAgree(with: up))
        var c = Clusterer(threshold: 0.7)
        let ids = [up, down, older].enumerated().map {
            c.assign($0.element, member: $0.offset, night: "2026-01-20", project: "julia/A")
        }
        #expect(ids[0] != ids[1])
        #expect(ids[2] == ids[0])
    }

    @Test func sameErrorAtOtherPathsAndLinesJoins() {
        var c = Clusterer()
        let a = c.assign(
            Self.signature(["foo: Test Failed at /tmp/jl_AbC/test/a.jl:34", "Expression: f(1) == 2"]),
            member: 1, night: "2026-01-20", project: "julia/A")
        let b = c.assign(
            Self.signature(["foo: Test Failed at /tmp/jl_XyZ/test/a.jl:35", "Expression: f(1) == 2"]),
            member: 2, night: "2026-01-21", project: "julia/B")
        let other = c.assign(
            Self.signature(["connect to 127.0.0.1 port 5432 failed: Connection refused"]),
            member: 3, night: "2026-01-21", project: "julia/A")
        #expect(a == b)
        #expect(a != other)
        #expect(c.clusters.count == 2)
        let first = c.clusters[0]
        #expect(first.members == [1, 2])
        #expect(first.firstNight == "2026-01-20" && first.lastNight == "2026-01-21")
        #expect(first.projects == ["julia/A", "julia/B"])
        #expect(first.template == "foo: Test Failed at /tmp/<tmp>/test/a.jl:<n>")
        #expect(first.isNew(on: "2026-01-20") && !first.isNew(on: "2026-01-21"))
    }

    @Test func templateShowsVariablePartsAsEllipsis() {
        let t = Clusterer.template(
            "unicode via ::unicode => true: Test Failed at x.jl:<n>",
            keeping: ["Test", "Failed", "at", "x", "jl", "<n>", "true"])
        #expect(t == "… => true: Test Failed at x.jl:<n>")
    }

    @Test func idsAreStableAndIndependentOfOrder() throws {
        let s1 = Self.signature(["panic: runtime error: index out of range [3] with length 2"])
        let s2 = Self.signature(["npm ERR! code ELIFECYCLE"])
        var x = Clusterer()
        let x1 = x.assign(s1, member: 1, night: "n", project: "p")
        let x2 = x.assign(s2, member: 2, night: "n", project: "p")
        var y = Clusterer()
        let y2 = y.assign(s2, member: 2, night: "n", project: "p")
        let y1 = y.assign(s1, member: 1, night: "n", project: "p")
        #expect(x1 == y1 && x2 == y2)
        #expect(x1.rawValue.count == 10 && x1.rawValue.hasPrefix("c-"))
        // Persist and resume.
        let data = try JSONEncoder().encode(x.clusters)
        var resumed = Clusterer(existing: try JSONDecoder().decode([ClusterState].self, from: data))
        #expect(resumed.assign(s1, member: 9, night: "m", project: "q") == x1)
        #expect(resumed.clusters.first { $0.id == x1 }?.members == [1, 9])
    }

    @Test func clusterIDParsing() {
        #expect(ClusterID(rawValue: "c-3f9a2b1c") != nil)
        #expect(ClusterID(rawValue: "c-3F9A2B1C") == nil)
        #expect(ClusterID(rawValue: "3f9a2b1c") == nil)
        #expect(ClusterID(rawValue: "c-3f9a2b1") == nil)
    }

    @Test func minHashEstimatesJaccard() {
        let a = FailureSignature(maskedLines: [(0..<40).map { "t\($0)" }.joined(separator: " ")])
        let b = FailureSignature(maskedLines: [(20..<60).map { "t\($0)" }.joined(separator: " ")])
        #expect(abs(a.similarity(to: b) - a.jaccard(b)) < 0.15)  // true value 1/3
        #expect(a.similarity(to: a) == 1)
    }

    @Test func realJuliaSamplesClusterApart() throws {
        var c = Clusterer()
        var ids: [ClusterID] = []
        for (k, name) in [
            "julia_pkgeval_AbstractNumbers_errored.log", "julia_pkgeval_Batched_errored.log",
            "julia_pkgeval_Beauty_testfailed.log",
        ].enumerated() {
            let e = ExcerptExtractor().excerpt(failed: TraceCleaner.clean(try SharedFiles.sample(name)))
            ids.append(c.assign(FailureSignature(excerpt: e), member: k, night: "2019-12-11", project: name))
        }
        #expect(Set(ids).count == 3)
    }

    @Test(arguments: [
        (["failed", "success"], true),
        (["failed", "failed"], false),
        (["success"], false),
        (["failed", "canceled", "success"], true),
    ])
    func flakyAttempts(_ c: ([String], Bool)) {
        #expect(Recurrence.isFlaky(attempts: c.0) == c.1)
    }

    @Test func alternatingNights() {
        #expect(Recurrence.alternates([true, false, true]))
        #expect(!Recurrence.alternates([false, false, true, true]))
        #expect(Recurrence.isNew(firstNight: "2026-01-21", night: "2026-01-21"))
    }
}
