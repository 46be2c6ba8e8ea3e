import Foundation
import GitLabSimulator
import Testing
import TriageCore
import TriageTestSupport

/// `failures last-night --format json` is the simulator's truth for that night.
@Suite(.serialized) struct FailuresTruthTests {
    func truth(_ org: Organisation, night: String, withWarnings: Bool) -> Set<Int> {
        let archived = Set(org.projects.filter(\.archived).map(\.id))
        let nightly = org.pipelines.filter {
            $0.source == "schedule" && !archived.contains($0.projectID) && $0.night == night
        }
        return Set(
            nightly.flatMap { org.jobs(ofPipeline: $0.id) }
                .filter { $0.status == "failed" && !$0.retried && (withWarnings || !$0.allowFailure) }
                .map(\.id))
    }

    @Test func lastNightsFailuresAreTheSimulatorsTruth() async throws {
        try await withFetchedOrganisation { shared, workspace in
            let env = ["GITLAB_TOKEN": secretToken]
            let org = shared.simulator.organisation
            for withWarnings in [false, true] {
                let args =
                    ["failures", "last-night", "--format", "json"] + (withWarnings ? ["--with-warnings"] : [])
                let result = try await runTriage(args, workspace: workspace, environment: env)
                #expect(result.status == 0, "\(result.stderr)")
                let records = try #require(
                    try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
                let expected = truth(org, night: lastNight, withWarnings: withWarnings)
                #expect(!expected.isEmpty)
                #expect(Set(records.compactMap { $0["job"] as? Int }) == expected)
                #expect(records.count == expected.count)
                for record in records {
                    let id = try #require(record["job"] as? Int)
                    let job = try #require(org.job(id: id))
                    let pipeline = try #require(org.pipeline(id: job.pipelineID))
                    #expect(record["pipeline"] as? Int == job.pipelineID)
                    #expect(record["night"] as? String == lastNight)
                    #expect(record["name"] as? String == job.name)
                    #expect(record["stage"] as? String == job.stage)
                    #expect(record["status"] as? String == "failed")
                    #expect(record["failure_reason"] as? String == job.failureReason)
                    #expect(record["allow_failure"] as? Bool == job.allowFailure)
                    #expect(record["project"] as? String == org.project(id: job.projectID)?.pathWithNamespace)
                    #expect(pipeline.source == "schedule")
                    #expect((record["web_url"] as? String)?.hasSuffix("/-/jobs/\(id)") == true)
                }
                // Newest night first, then project path: one night here, so sorted by project.
                let projects = records.compactMap { $0["project"] as? String }
                #expect(projects == projects.sorted())
            }
            // A job retried to green is not a failure of its pipeline.
            let retriedGreen = org.jobs.filter { job in
                job.retried && job.status == "failed"
                    && org.jobs(ofPipeline: job.pipelineID).contains {
                        $0.name == job.name && !$0.retried && $0.status == "success"
                    }
            }
            let all = try await runTriage(
                ["failures", "6d", "--with-warnings", "--format", "json"], workspace: workspace,
                environment: env)
            let ids = Set(
                (try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [[String: Any]] ?? [])
                    .compactMap { $0["job"] as? Int })
            #expect(ids.isDisjoint(with: retriedGreen.map(\.id)))
        }
    }
}
