import Foundation
import LogAnalysis
import Testing
import TriageCore

@Suite struct ChangesTests {
    static let nights = ["2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23", "2026-11-24", "2026-11-25"]

    /// A history from a pattern: `G` green, `R` red, `r` green after a retry, `A` allowed failure,
    /// `.` did not run; job ids are 100 × index + night index.
    static func history(_ name: String, _ pattern: String, index: Int = 1) -> JobHistory {
        var runs: [JobRun] = []
        for (n, c) in pattern.enumerated() where c != "." {
            runs.append(
                JobRun(
                    night: nights[n], jobID: index * 100 + n, red: c == "R", retriedToGreen: c == "r",
                    sha: "sha\(n)", pipelineID: index * 100 + n, failed: c == "R" || c == "A"))
        }
        return JobHistory(key: JobKey(project: "julia/\(name)", name: "test"), projectID: index, runs: runs)
    }

    /// Flips and the night's run are counted in place: the same as the runs' filter and suffix,
    /// on every pattern of six nights (with gaps), for every night and window.
    @Test func flipsInPlaceAreTheFilteredRunsFlips() {
        let kinds: [Character] = ["G", "R", "r", "A", "."]
        var patterns: [String] = [""]
        for _ in Self.nights { patterns = patterns.flatMap { p in kinds.map { p + String($0) } } }
        for (i, pattern) in patterns.enumerated() {
            let h = Self.history("P\(i).jl", pattern, index: i)
            for night in Self.nights + ["2026-11-19", "2026-11-26"] {
                for window in [1, 2, 3, 14] {
                    let recent = h.runs.filter { $0.night <= night }.suffix(window)
                    let expected = zip(recent, recent.dropFirst()).filter { $0.red != $1.red }.count
                    #expect(
                        h.flips(through: night, window: window) == expected, "\(pattern) \(night) \(window)")
                }
            }
            // A night's streak is the one of its run, whichever way the run is found.
            for night in Self.nights {
                let streak = Streaks.on(night: night, histories: [h]).first
                #expect(
                    streak.map(\.jobID) == h.runs.last { $0.night == night }.map(\.jobID) || streak == nil)
                if h.runs.contains(where: { $0.night == night && $0.red }) {
                    #expect(streak != nil, "\(pattern) \(night)")
                }
            }
        }
    }

    @Test func streaksClassifyNewRecoveredFailingAndFlapping() {
        let histories = [
            Self.history("New.jl", "GGGGGR", index: 1),
            Self.history("Recovered.jl", "GGRRRG", index: 2),
            Self.history("Failing.jl", "GGRRRR", index: 3),
            Self.history("Flapping.jl", "GRGRGG", index: 4),
            Self.history("Green.jl", "GGGGGG", index: 5),
            Self.history("First.jl", ".....R", index: 6),
            Self.history("Absent.jl", "RRRRR.", index: 7),
            Self.history("Gap.jl", "GG.G.R", index: 8),
        ]
        let streaks = Streaks.on(night: "2026-11-25", histories: histories)
        #expect(
            streaks.map { "\($0.kind.rawValue) \($0.key.project) \($0.since ?? "-") \($0.nights)" } == [
                "new julia/First.jl 2026-11-25 1",
                "new julia/Gap.jl 2026-11-25 1",
                "new julia/New.jl 2026-11-25 1",
                "recovered julia/Recovered.jl 2026-11-22 3",
                "failing julia/Failing.jl 2026-11-22 4",
                "flapping julia/Flapping.jl - 0",
            ])
        #expect(streaks.first { $0.key.project == "julia/First.jl" }?.firstRun == true)
        #expect(streaks.first { $0.key.project == "julia/New.jl" }?.firstRun == false)
        #expect(streaks.first { $0.key.project == "julia/Flapping.jl" }?.flips == 4)
        #expect(streaks.filter(\.flapping).map(\.key.project) == ["julia/Flapping.jl"])
        #expect(streaks.first { $0.key.project == "julia/Failing.jl" }?.jobID == 305)
    }

    @Test func pairsCompareANewFailureWithItsGreenRunBefore() {
        let histories = [
            Self.history("Gap.jl", "GG.G.R", index: 1),
            Self.history("Failing.jl", "GGRRRR", index: 2),
            Self.history("Green.jl", "GGGGGG", index: 3),
            Self.history("Allowed.jl", "GGGGAR", index: 4),
        ]
        let failing = ChangesPairs.newlyFailing(on: "2026-11-25", histories: histories)
        #expect(
            failing == [
                RunPair(
                    key: JobKey(project: "julia/Gap.jl", name: "test"), jobID: 105, baseJobID: 103,
                    baseNight: "2026-11-23"),
                RunPair(
                    key: JobKey(project: "julia/Allowed.jl", name: "test"), jobID: 405, baseJobID: 403,
                    baseNight: "2026-11-23"),
            ])
        let green = ChangesPairs.stillGreen(on: "2026-11-25", histories: histories)
        #expect(green.map(\.jobID) == [305])
        #expect(histories[3].lastGreen(before: "2026-11-25")?.jobID == 403)
        #expect(histories[1].lastGreen(before: "2026-11-25")?.jobID == 201)
    }

    @Test func historiesKeepTheLastPipelineOfANightAndSkipOtherStatuses() {
        func row(_ id: Int, pipeline: Int, night: String, status: Status, allow: Bool = false)
            -> NightlyJobRow
        {
            let date = Date(timeIntervalSince1970: 0)
            return NightlyJobRow(
                job: Job(
                    id: id, pipelineID: pipeline, projectID: 7, name: "test", stage: "test", status: status,
                    failureReason: nil, allowFailure: allow, createdAt: nil, startedAt: nil, finishedAt: nil,
                    duration: nil, webURL: "", commitSHA: nil, commitTitle: nil, attempt: 1, retried: false),
                pipeline: Pipeline(
                    id: pipeline, iid: nil, projectID: 7, sha: "s\(pipeline)", ref: "main", status: status,
                    source: "schedule", createdAt: date, updatedAt: date, webURL: ""),
                night: night, projectPath: "julia/Foo.jl", retriedToGreen: false)
        }
        let histories = ChangesHistory.histories([
            row(1, pipeline: 10, night: "2026-11-20", status: .success),
            row(2, pipeline: 12, night: "2026-11-21", status: .failed),
            row(3, pipeline: 11, night: "2026-11-21", status: .success),
            row(4, pipeline: 13, night: "2026-11-22", status: Status(rawValue: "canceled")),
            row(5, pipeline: 14, night: "2026-11-23", status: .failed, allow: true),
        ])
        #expect(histories.count == 1)
        #expect(histories.first?.runs.map(\.jobID) == [1, 2, 5])
        #expect(histories.first?.runs.map(\.red) == [false, true, false])
        #expect(histories.first?.runs.map(\.failed) == [false, true, true])
    }

    @Test func greenTracesWantedAreTheLastGreenRunsOfFailedJobs() {
        let histories = [
            Self.history("Failing.jl", "GGRRRR", index: 1),
            Self.history("Gap.jl", "GG.G.R", index: 2),
            Self.history("Never.jl", "RRRRRR", index: 3),
            Self.history("Green.jl", "GGGGGG", index: 4),
        ]
        #expect(
            GreenTraces.wanted(nights: ["2026-11-24", "2026-11-25"], histories: histories, greenSample: 0)
                == [101, 203])
        // With a sample: still-green jobs of the same job name, both runs.
        #expect(
            GreenTraces.wanted(nights: ["2026-11-25"], histories: histories, greenSample: 5) == [
                101, 203, 404, 405,
            ])
        #expect(GreenTraces.wanted(nights: ["2026-11-24"], histories: histories, greenSample: 5) == [101])
    }

    static let unsatisfiable = [
        "   Resolving package versions...",
        "ERROR: Unsatisfiable requirements detected for package DataStructures [864edb3b]:",
        " DataStructures [864edb3b] log:",
        " ├─possible versions are: 0.1.0-0.19.0 or uninstalled",
        " ├─restricted to versions 0.19.0 by Graphs [86223c79], leaving only versions: 0.19.0",
        " └─restricted by compatibility requirements with Foo [12345678] to versions: 0.1.0-0.18.9 — no versions left",
        "Stacktrace:",
    ]

    @Test func resolverFailuresNameTheNewestVersion() {
        let facts = TraceFacts(log: CleanedLog(plain: Self.unsatisfiable))
        #expect(
            facts.unresolved == [Dependency(ecosystem: .julia, name: "DataStructures", version: "0.19.0")])
        #expect(facts.listing.isEmpty)
        let restricted = TraceFacts.unresolved(
            CleanedLog(plain: [
                "ERROR: Unsatisfiable requirements detected for package Foo [00000000]:",
                " ├─restricted to versions 1.2.3 by Bar [11111111], leaving only versions: 1.2.3",
            ]))
        #expect(restricted == [Dependency(ecosystem: .julia, name: "Foo", version: "1.2.3")])
        #expect(
            TraceFacts.unresolved(CleanedLog(plain: ["ERROR: LoadError: UndefVarError: `x` not defined"]))
                .isEmpty)
    }

    @Test func aResolverFailureIsTheChangeSinceTheGreenRun() {
        let green = TraceFacts(
            listing: DependencyListing([
                Dependency(ecosystem: .julia, name: "DataStructures", version: "0.18.20"),
                Dependency(ecosystem: .julia, name: "Compat", version: "4.16.0"),
            ]))
        let red = TraceFacts(log: CleanedLog(plain: Self.unsatisfiable))
        let diff = red.diff(since: green)
        #expect(
            diff.changes == [
                DependencyChange(
                    ecosystem: .julia, name: "DataStructures", from: "0.18.20", to: "0.19.0", kind: .upgraded)
            ])
        #expect(
            diff.notes.last
                == "DataStructures 0.19.0 could not be resolved (Unsatisfiable requirements): the newest version the resolver saw"
        )
        // Without a resolver error, the plain listing diff.
        let bumped = TraceFacts(
            listing: DependencyListing([
                Dependency(ecosystem: .julia, name: "DataStructures", version: "0.18.20"),
                Dependency(ecosystem: .julia, name: "Compat", version: "4.17.0"),
            ]))
        #expect(
            bumped.diff(since: green).changes == [
                DependencyChange(
                    ecosystem: .julia, name: "Compat", from: "4.16.0", to: "4.17.0", kind: .upgraded)
            ])
    }

    @Test func suspectsSkipPairsWithoutTracesAndRankTheSharedRelease() {
        func facts(_ versions: [String: String]) -> TraceFacts {
            TraceFacts(
                listing: DependencyListing(
                    versions.map { Dependency(ecosystem: .julia, name: $0.key, version: $0.value) }))
        }
        let before = facts(["DataFrames": "1.6.1", "JSON": "0.21.4"])
        let after = facts(["DataFrames": "1.7.0", "JSON": "0.21.5"])
        let traces: [Int: TraceFacts] = [
            1: before, 2: after, 3: before, 4: after, 5: before,
            6: facts(["DataFrames": "1.6.1", "JSON": "0.21.5"]),
        ]
        func pair(_ p: String, _ job: Int, _ base: Int) -> RunPair {
            RunPair(
                key: JobKey(project: p, name: "test"), jobID: job, baseJobID: base, baseNight: "2026-11-24")
        }
        let result = ChangesPairs.suspects(
            failing: [pair("a", 2, 1), pair("b", 4, 3), pair("c", 9, 8)], green: [pair("d", 6, 5)],
            clusters: [2: "c-00000001"], facts: { traces[$0] })
        #expect(result.compared == 2)
        #expect(result.withoutTraces == 1)
        #expect(
            result.suspects.map { "\($0.name) \($0.to ?? "-") \($0.newlyFailing) \($0.alsoInGreen)" } == [
                "DataFrames 1.7.0 2 0", "JSON 0.21.5 2 1",
            ])
        #expect(result.suspects.first?.clusters == ["c-00000001"])
    }
}
