import Testing

@testable import LogAnalysis

/// Shorthand for a change: `up("DataFrames", "1.6.1", "1.7.0")`.
private func up(_ name: String, _ from: String?, _ to: String?, _ eco: Ecosystem = .julia) -> DependencyChange
{
    DependencyChange(ecosystem: eco, name: name, from: from, to: to)
        ?? DependencyChange(ecosystem: eco, name: name, from: from, to: to, kind: .changed)
}

struct SuspectScenario: Sendable, CustomTestStringConvertible {
    let rule: String
    let failing: [SuspectJob]
    let green: [SuspectJob]
    /// `name→to f/g` best first.
    let expected: [String]
    var testDescription: String { rule }
}

extension Suspect {
    var short: String { "\(name)→\(to ?? "∅") \(newlyFailing)/\(alsoInGreen)" }
}

@Suite struct SuspectsTests {
    static func jobs(
        _ n: Int, from firstID: Int, project: String, cluster: String? = nil, _ changes: [DependencyChange]
    )
        -> [SuspectJob]
    {
        (0..<n).map {
            SuspectJob(id: firstID + $0, project: "\(project)\($0)", cluster: cluster, changes: changes)
        }
    }

    static let scenarios: [SuspectScenario] = [
        .init(
            rule: "culprit shared by 5 failing and 0 green beats a routine bump in 5 failing and 20 green",
            failing: jobs(
                5, from: 100, project: "g/p", cluster: "c1",
                [up("Zygote", "0.6.68", "0.6.69"), up("Compat", "4.14.0", "4.15.0")]),
            green: jobs(20, from: 200, project: "g/q", [up("Compat", "4.14.0", "4.15.0")]),
            expected: ["Zygote→0.6.69 5/0", "Compat→4.15.0 5/20"]),
        .init(
            rule: "same to-version from different versions is one suspect",
            failing: [
                SuspectJob(id: 1, project: "a", changes: [up("DataFrames", "1.6.0", "1.7.0")]),
                SuspectJob(id: 2, project: "b", changes: [up("DataFrames", "1.6.1", "1.7.0")]),
                SuspectJob(id: 3, project: "c", changes: [up("DataFrames", nil, "1.7.0")]),
            ],
            green: [SuspectJob(id: 9, project: "d", changes: [up("DataFrames", "1.5.0", "1.6.1")])],
            expected: ["DataFrames→1.7.0 3/0"]),
        .init(
            rule: "different to-versions are different suspects",
            failing: [
                SuspectJob(id: 1, project: "a", changes: [up("CUDA", "5.1.0", "5.2.0")]),
                SuspectJob(id: 2, project: "b", changes: [up("CUDA", "5.1.0", "5.2.0")]),
                SuspectJob(id: 3, project: "c", changes: [up("CUDA", "5.1.0", "5.1.1")]),
            ],
            green: [SuspectJob(id: 9, project: "d", changes: [up("CUDA", "5.1.0", "5.1.1")])],
            expected: ["CUDA→5.2.0 2/0", "CUDA→5.1.1 1/1"]),
        .init(
            rule: "single-project night: every change of the one job, ties by name",
            failing: [
                SuspectJob(
                    id: 1, project: "a", changes: [up("Zeta", "1.0", "1.1"), up("Alpha", "2.0", "2.1")])
            ],
            green: [],
            expected: ["Alpha→2.1 1/0", "Zeta→1.1 1/0"]),
        .init(
            rule: "no changes at all",
            failing: [SuspectJob(id: 1, project: "a", changes: [])],
            green: [SuspectJob(id: 2, project: "b", changes: [up("X", "1", "2")])],
            expected: []),
        .init(
            rule: "nothing failing", failing: [],
            green: [SuspectJob(id: 2, project: "b", changes: [up("X", "1", "2")])],
            expected: []),
        .init(
            rule: "a job listed twice, and a failing job also given as green, count once as failing",
            failing: [
                SuspectJob(id: 1, project: "a", changes: [up("X", "1", "2"), up("X", "1", "2")]),
                SuspectJob(id: 1, project: "a", changes: [up("X", "1", "2")]),
            ],
            green: [SuspectJob(id: 1, project: "a", changes: [up("X", "1", "2")])],
            expected: ["X→2 1/0"]),
        .init(
            rule: "removals match removals, pip names match across spellings",
            failing: [
                SuspectJob(id: 1, project: "a", changes: [up("typing_extensions", "4.11.0", "4.12.2", .pip)]),
                SuspectJob(
                    id: 2, project: "b",
                    changes: [
                        up("Typing-Extensions", "4.11.0", "4.12.2", .pip),
                        up("six", "1.16.0", nil, .pip),
                    ]),
            ],
            green: [SuspectJob(id: 3, project: "c", changes: [up("six", "1.16.0", nil, .pip)])],
            expected: ["typing_extensions→4.12.2 2/0", "six→∅ 1/1"]),
        .init(
            rule: "more failing beats fewer at equal share of green",
            failing: jobs(3, from: 1, project: "a", [up("A", "1", "2")])
                + jobs(1, from: 10, project: "b", [up("B", "1", "2")]),
            green: [],
            expected: ["A→2 3/0", "B→2 1/0"]),
    ]

    @Test(arguments: scenarios)
    func ranks(_ s: SuspectScenario) {
        #expect(SuspectRanker.rank(failing: s.failing, green: s.green).map(\.short) == s.expected)
    }

    @Test func evidenceIsCollected() throws {
        let failing = [
            SuspectJob(id: 7, project: "g/b", cluster: "k2", changes: [up("DataFrames", "1.6.1", "1.7.0")]),
            SuspectJob(id: 5, project: "g/a", cluster: "k1", changes: [up("DataFrames", "1.6.0", "1.7.0")]),
            SuspectJob(id: 6, project: "g/a", changes: [up("DataFrames", nil, "1.7.0")]),
        ]
        let top = try #require(SuspectRanker.rank(failing: failing, green: []).first)
        #expect(top.from == ["1.6.0", "1.6.1"])
        #expect(top.kinds == [.added, .upgraded])
        #expect(top.failingJobs == [5, 6, 7])
        #expect(top.projects == ["g/a", "g/b"])
        #expect(top.clusters == ["k1", "k2"])
        #expect(
            top.description == "julia:DataFrames → 1.7.0 (from 1.6.0, 1.6.1): 3 failing, 0 green, score 1.69")
    }

    @Test(arguments: [
        (5, 0, 3.47), (3, 1, 1.08), (2, 0, 0.89), (1, 0, 0.25), (5, 20, 0.18), (0, 3, 0.0),
    ])
    func documentedScores(_ f: Int, _ g: Int, _ score: Double) {
        #expect(abs(SuspectRanker.score(newlyFailing: f, alsoInGreen: g) - score) < 0.005)
    }
}
