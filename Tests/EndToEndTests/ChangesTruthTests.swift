import Foundation
import GitLabSimulator
import LogAnalysis
import Store
import Testing
import TriageCore
import TriageTestSupport

/// `suspects` and `diff job` against the simulator's truth: nights on which upstream dependency
/// releases broke projects (`julia-loaderror-PKG-VERSION`, `julia-unsatisfiable-PKG-VERSION`).
@Suite(.serialized) struct ChangesTruthTests {
    /// The package and version of a dependency cause id, nil for other causes.
    static func culprit(_ causeID: String) -> (name: String, version: String)? {
        let parts = causeID.split(separator: "-").map(String.init)
        guard parts.count == 4, parts[0] == "julia", ["loaderror", "unsatisfiable"].contains(parts[1]) else {
            return nil
        }
        return (parts[2], parts[3])
    }

    @Test func suspectsRankTheCulpritFirstAndDiffListsIt() async throws {
        try await withSimulator(projects: 120, nights: 60) { simulator, url in
            let workspace = try makeWorkspace(url: url, nights: 60)
            let (_, store, client) = try await syncDirectly(url: url, workspace: workspace, nights: 60)
            let nights = chicago.nights(endingAt: lastNight, count: 60)
            let first = try #require(nights.first)
            let rows = try store.nightlyJobs(
                fromNight: first, throughNight: lastNight, projectID: nil, name: nil)
            let histories = ChangesHistory.histories(rows.filter { $0.pipeline.source == "schedule" })
            var projectOf: [Int: Int] = [:]
            for h in histories { for run in h.runs { projectOf[run.jobID] = h.projectID } }
            let wanted = GreenTraces.wanted(nights: nights, histories: histories)
            // Bounded: a run fetches at most `limit`; the next run continues; then nothing is left.
            var report = try await GreenTraces.fetch(
                wanted: wanted, source: client, store: store, projectOf: projectOf)
            var runs = 1
            while report.deferred > 0 && runs < 10 {
                report = try await GreenTraces.fetch(
                    wanted: wanted, source: client, store: store, projectOf: projectOf)
                runs += 1
            }
            #expect(report.deferred == 0)
            let again = try await GreenTraces.fetch(
                wanted: wanted, source: client, store: store, projectOf: projectOf)
            #expect(again.fetched == 0)
            #expect(again.deferred == 0)
            #expect(try store.storedTraces(jobIDs: wanted).count == wanted.count - again.failed)

            var parsed: [Int: TraceFacts?] = [:]
            func listing(_ id: Int) throws -> TraceFacts? {
                if let known = parsed[id] { return known }
                let result = try store.trace(jobID: id).map {
                    TraceFacts(log: TraceCleaner.clean([UInt8]($0)))
                }
                parsed[id] = result
                return result
            }
            let org = simulator.organisation
            let adversarial = Set(org.adversarialJobs.values)
            // A release's night: the first night a job fails because of it.
            var releaseNight: [String: String] = [:]
            for night in nights {
                for h in histories {
                    guard let run = h.run(on: night), run.red, let cause = org.cause(ofJob: run.jobID),
                        let c = Self.culprit(cause.id)
                    else { continue }
                    let key = "\(c.name) \(c.version)"
                    releaseNight[key] = min(releaseNight[key] ?? night, night)
                }
            }
            var truthNights = 0
            var rankedFirst = 0
            var diffJobs = 0
            var diffListed = 0
            var misses: [String] = []
            for night in nights {
                let failing = ChangesPairs.newlyFailing(on: night, histories: histories)
                var counts: [String: Int] = [:]
                for pair in failing {
                    guard let cause = org.cause(ofJob: pair.jobID), let c = Self.culprit(cause.id),
                        !adversarial.contains(pair.jobID)
                    else { continue }
                    if releaseNight["\(c.name) \(c.version)"] == night {
                        counts["\(c.name) \(c.version)", default: 0] += 1
                    }
                    // diff job: the red job against its last green run lists the culprit's change.
                    diffJobs += 1
                    if let g = try listing(pair.baseJobID), let r = try listing(pair.jobID) {
                        let diff = r.diff(since: g)
                        if diff.changes.contains(where: { $0.name == c.name && $0.to == c.version }) {
                            diffListed += 1
                        } else if ProcessInfo.processInfo.environment["CHANGES_DEBUG"] != nil {
                            print(
                                "DIFFMISS \(night) \(cause.id) job \(pair.jobID) base \(pair.baseJobID) \(pair.baseNight): \(diff.changes.map(\.description)) \(diff.notes) g=\(g.listing.count) r=\(r.listing.count)"
                            )
                        }
                    } else if ProcessInfo.processInfo.environment["CHANGES_DEBUG"] != nil {
                        print("DIFFMISS \(night) \(cause.id) job \(pair.jobID): trace missing")
                    }
                }
                guard let truth = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) else {
                    continue
                }
                truthNights += 1
                let green = ChangesPairs.stillGreen(on: night, histories: histories)
                let ranked = try ChangesPairs.suspects(
                    failing: failing, green: green, clusters: [:], facts: listing)
                let top = ranked.suspects.first.map { "\($0.name) \($0.to ?? "-")" }
                if top == truth.key {
                    rankedFirst += 1
                } else {
                    misses.append(
                        "\(night): truth \(truth.key) (\(truth.value) of \(failing.count)), top \(top ?? "none")"
                    )
                }
            }
            let share = truthNights == 0 ? 0 : Double(rankedFirst) / Double(truthNights)
            let diffShare = diffJobs == 0 ? 0 : Double(diffListed) / Double(diffJobs)
            print(
                "suspects truth: \(rankedFirst)/\(truthNights) nights ranked the culprit first (\(share)); "
                    + "diff listed the culprit for \(diffListed)/\(diffJobs) jobs (\(diffShare))")
            for miss in misses { print("  miss \(miss)") }
            #expect(truthNights >= 3)
            #expect(share >= 0.9)
            #expect(diffShare >= 0.9)
        }
    }
}
