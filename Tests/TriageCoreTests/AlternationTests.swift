import Foundation
import LogAnalysis
import Testing
import TriageCore

@Suite struct AlternationTests {
    // swift-format-ignore: NeverForceUnwrap
    // Literal ids of the right form.
    static let a = ClusterID(rawValue: "c-0000000a")!
    // swift-format-ignore: NeverForceUnwrap
    static let b = ClusterID(rawValue: "c-0000000b")!

    /// One job's nights, one character each from 2026-11-01: `R` failed in cluster a, `B` failed in
    /// cluster b, `G` green, `.` no run.
    static func record(_ strip: String, project: Int = 1, name: String = "test") -> (
        [ClusteredNight], [GreenNight]
    ) {
        var red: [ClusteredNight] = []
        var green: [GreenNight] = []
        for (k, c) in strip.enumerated() {
            let night = String(format: "2026-11-%02d", k + 1)
            switch c {
            case "R": red.append(ClusteredNight(cluster: a, projectID: project, jobName: name, night: night))
            case "B": red.append(ClusteredNight(cluster: b, projectID: project, jobName: name, night: night))
            case "G": green.append(GreenNight(projectID: project, jobName: name, night: night))
            default: break
            }
        }
        return (red, green)
    }

    @Test(arguments: [
        ("RGR", true),  // failed, green, failed again: flaky
        ("GRGGRG", true),
        ("RRGRR", true),
        ("GGRRRRGG", false),  // an episode that started and was fixed
        ("RRRRRRRR", false),  // persistent
        ("GRG", false),  // once
        ("R.R", false),  // no run between: nothing alternates
        ("RBR", false),  // another failure between is not a green night
        ("RBGR", true),
        ("GGGGR", false),
        ("", false),
    ])
    func alternationOfOneJob(_ c: (String, Bool)) {
        let (red, green) = Self.record(c.0)
        #expect(Alternation.alternatingClusters(red: red, green: green) == (c.1 ? [Self.a] : []))
    }

    @Test func judgesEachJobOnItsOwnNights() {
        // Cluster a fails job x on nights 1 and 3 and job y on night 2; only y is green on night 2:
        // x has no green night between its failures, so nothing alternates.
        let x = Self.record("R.R", name: "x")
        let y = Self.record("GRG", name: "y")
        #expect(Alternation.alternatingClusters(red: x.0 + y.0, green: x.1 + y.1).isEmpty)
        // The same job name in another project is another job.
        let other = Self.record("RGR", project: 2, name: "x")
        #expect(Alternation.alternatingClusters(red: x.0 + other.0, green: x.1 + other.1) == [Self.a])
        // A failed attempt retried to green the same night counts as a failing night, not a green one.
        let retried = Self.record("RR", name: "z").0 + Self.record("R", name: "z").0
        let greenSameNight = [GreenNight(projectID: 1, jobName: "z", night: "2026-11-02")]
        #expect(Alternation.alternatingClusters(red: retried, green: greenSameNight).isEmpty)
        // Both clusters alternate on the same job.
        let both = Self.record("RGBGRGB")
        #expect(Alternation.alternatingClusters(red: both.0, green: both.1) == [Self.a, Self.b])
    }
}
