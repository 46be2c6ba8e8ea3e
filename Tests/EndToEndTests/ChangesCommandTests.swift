import Foundation
import GitLabSimulator
import Testing
import TriageTestSupport

/// `streaks`, `suspects` and `diff job` through the real binary, after a real `fetch`.
@Suite(.serialized) struct ChangesCommandTests {
    static func json(_ run: Transcript) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
    }

    @Test func streaksSuspectsAndDiffAgainstTheSimulator() async throws {
        try await withFetchedOrganisation(projects: 40, nights: 30) { shared, workspace in
            let simulator = shared.simulator
            let env = ["GITLAB_TOKEN": secretToken]
            let fetched = shared.fetch
            let fetchRecord = try #require(try Self.json(fetched) as? [String: Any])
            let green = try #require(fetchRecord["green_traces"] as? [String: Any])
            #expect((green["fetched"] as? Int ?? 0) > 0)
            // A second fetch never fetches a green trace again.
            let again = try await runTriage(
                ["-c", "fetch", "--format", "json"], workspace: workspace, environment: env)
            let againGreen = try #require(
                (try Self.json(again) as? [String: Any])?["green_traces"] as? [String: Any])
            #expect(againGreen["fetched"] as? Int == 0)

            let org = simulator.organisation
            func night(ofJob id: Int) -> String? {
                org.job(id: id).flatMap { org.pipeline(id: $0.pipelineID)?.night }
            }

            // streaks: every record's kind agrees with the simulator's statuses.
            let streaks = try await runTriage(
                ["streaks", "last-night", "--format", "json"], workspace: workspace)
            #expect(streaks.status == 0, "\(streaks.stderr)")
            let records = try #require(try Self.json(streaks) as? [[String: Any]])
            #expect(!records.isEmpty)
            for record in records {
                let kind = try #require(record["kind"] as? String)
                let job = try #require(record["job"] as? Int)
                let status = org.job(id: job)?.status
                #expect(record["night"] as? String == lastNight)
                switch kind {
                case "new": #expect(status == "failed" && record["nights"] as? Int == 1)
                case "failing":
                    #expect(status == "failed")
                    #expect((record["nights"] as? Int ?? 0) >= 2)
                    #expect((record["since"] as? String ?? lastNight) < lastNight)
                case "recovered", "flapping": #expect(status == "success")
                default: Issue.record("unknown kind \(kind)")
                }
            }

            // suspects: on a dependency release night, the first suspect is the released package.
            let suspects = try await runTriage(["suspects", "30d", "--format", "json"], workspace: workspace)
            #expect(suspects.status == 0, "\(suspects.stderr)")
            let ranked = try #require(try Self.json(suspects) as? [[String: Any]])
            var culpritJob: (id: Int, package: String, version: String)?
            for record in ranked where record["rank"] as? Int == 1 {
                let jobs = record["jobs"] as? [Int] ?? []
                for id in jobs {
                    guard let cause = org.cause(ofJob: id), let c = ChangesTruthTests.culprit(cause.id) else {
                        continue
                    }
                    if record["package"] as? String == c.name && record["to"] as? String == c.version {
                        culpritJob = (id, c.name, c.version)
                        #expect(record["from"] is [String])
                        #expect(record["ecosystem"] as? String == "julia")
                    }
                }
            }
            let culprit = try #require(culpritJob, "no release night's culprit ranked first")

            // diff job: lists the version change against the last green run.
            let diff = try await runTriage(
                ["diff", "job", String(culprit.id), "--format", "json"], workspace: workspace)
            #expect(diff.status == 0, "\(diff.stderr)")
            let diffRecord = try #require(try Self.json(diff) as? [String: Any])
            let changes = try #require(diffRecord["changes"] as? [[String: Any]])
            #expect(
                changes.contains {
                    $0["package"] as? String == culprit.package && $0["to"] as? String == culprit.version
                })
            let greenRun = try #require(diffRecord["green"] as? [String: Any])
            #expect((greenRun["night"] as? String ?? "z") < (night(ofJob: culprit.id) ?? ""))
            let table = try await runTriage(["diff", "job", String(culprit.id)], workspace: workspace)
            #expect(table.stdout.contains(culprit.package) && table.stdout.contains(culprit.version))

            // No green run before: a failed job of the first night.
            let firstNight = chicago.nights(endingAt: lastNight, count: 30)[0]
            let early = try await runTriage(
                ["failures", firstNight, "--format", "json"], workspace: workspace)
            let firstFailure = try #require((try Self.json(early) as? [[String: Any]])?.first?["job"] as? Int)
            let none = try await runTriage(
                ["diff", "job", String(firstFailure), "--format", "json"], workspace: workspace)
            #expect(none.status == 0, "\(none.stderr)")
            let noneRecord = try #require(try Self.json(none) as? [String: Any])
            #expect(noneRecord["green"] is NSNull)
            let noneNotes = noneRecord["notes"] as? [String] ?? []
            #expect(noneNotes.first?.hasPrefix("no green run of ") == true)
            #expect(noneNotes.first?.contains("looked back to") == true)

            // A truncated trace: an answer with a note, no crash.
            if let truncated = org.adversarialJobs[.truncated] {
                let cut = try await runTriage(
                    ["diff", "job", String(truncated), "--format", "json"], workspace: workspace)
                #expect(cut.status == 0, "\(cut.stderr)")
                let notes = (try Self.json(cut) as? [String: Any])?["notes"] as? [String] ?? []
                #expect(
                    notes.contains { $0.contains("truncated") || $0.hasPrefix("no green run") },
                    "\(notes) \(cut.stdout)")
            }

            // Traces missing from the cache: said, no crash.
            let database = workspace.appendingPathComponent(".triage/cache.sqlite").path
            let greenJob = try #require(greenRun["job"] as? Int)
            let deleted = try await offPool {
                let p = Process()
                p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
                p.arguments = [database, "DELETE FROM traces WHERE job_id IN (\(greenJob), \(culprit.id))"]
                try p.run()
                p.waitUntilExit()
                return p.terminationStatus
            }
            #expect(deleted == 0)
            let missing = try await runTriage(
                ["diff", "job", String(culprit.id), "--format", "json"], workspace: workspace)
            #expect(missing.status == 0, "\(missing.stderr)")
            let missingRecord = try #require(try Self.json(missing) as? [String: Any])
            #expect(
                missingRecord["notes"] as? [String] == [
                    "the green trace (job \(greenJob)) is not in the cache; run 'fetch' to fetch it",
                    "the trace of job \(culprit.id) is not in the cache; run 'fetch'",
                ])
            #expect((missingRecord["changes"] as? [Any])?.isEmpty == true)

            // Not a job of the cache, or not a job: errors that say so.
            let unknown = try await runTriage(["diff", "job", "999999999"], workspace: workspace)
            #expect(unknown.status != 0)
            #expect(unknown.stderr.contains("job 999999999 is not in the cache"))
            let wrong = try await runTriage(["diff", "pipeline", "1"], workspace: workspace)
            #expect(wrong.status != 0)
            #expect(wrong.stderr.contains("usage: diff job N"))
        }
    }
}
