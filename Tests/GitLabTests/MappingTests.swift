import Foundation
import Testing
import TriageCore

@testable import GitLab

private func date(_ text: String) -> Date? { GitLabDates.parse(text) }

struct MappingTests {
    @Test(arguments: [
        ("2023-10-28T19:17:43.749Z", 1_698_520_663.749),
        ("2013-09-30T13:46:02Z", 1_380_548_762),
        ("2023-10-28T21:17:06.000+02:00", 1_698_520_626),
        ("2023-10-28T21:17:06+0200", 1_698_520_626),
        ("2023-10-28T14:17:06-05:00", 1_698_520_626),
        ("2026-01-21T09:47:05.094219Z", 1_768_988_825.094219),
        ("2024-02-29", 1_709_164_800),
        ("2023-10-28T19:17", 1_698_520_620),
    ])
    func datesParse(text: String, seconds: Double) throws {
        let parsed = try #require(date(text))
        #expect(abs(parsed.timeIntervalSince1970 - seconds) < 0.000_001)
    }

    @Test(arguments: [
        "", "yesterday", "2023-13-01T00:00:00Z", "2023-10-28T19:17:43.Z", "2023-10-28T19:17:43Zjunk",
    ])
    func badDatesDoNotParse(text: String) {
        #expect(date(text) == nil)
    }

    @Test func projectFromRealGitLabCom() throws {
        let project = try Mapping.project(sample("project_single_gitlabcom_cluttrdev_statistics.json"))
        #expect(
            project
                == Project(
                    id: 50_817_395, path: "cluttrdev/gitlab-exporter", name: "gitlab-exporter",
                    webURL: "https://gitlab.com/cluttrdev/gitlab-exporter", archived: false,
                    defaultBranch: "main"))
    }

    @Test func projectFromDocsExample() throws {
        let project = try Mapping.project(sample("project_gitlab4j_docsderived.json"))
        #expect(project.id == 3)
        #expect(project.path == "diaspora/diaspora-project-site")
        #expect(project.defaultBranch == "master")
    }

    @Test func simpleProjectWithoutArchivedField() throws {
        let projects = try Mapping.projects(Data("[\(projectJSON(id: 1, path: "julia/Foo.jl"))]".utf8))
        #expect(projects.map(\.archived) == [false])
    }

    @Test func pipelinesListFromRealGitLabCom() throws {
        let pipelines = try Mapping.pipelines(sample("pipelines_list_gitlabcom_cluttrdev_allpages.json"))
        #expect(pipelines.count == 28)
        #expect(
            pipelines[0]
                == Pipeline(
                    id: 1_252_248_442, iid: 28, projectID: 50_817_395,
                    sha: "f718986f8e09094e455d3bd03f7893eecfb0a0bd",
                    ref: "main", status: .success, source: "push",
                    createdAt: Date(timeIntervalSince1970: 1_713_095_677.896),
                    updatedAt: Date(timeIntervalSince1970: 1_713_095_929.893),
                    webURL: "https://gitlab.com/cluttrdev/gitlab-exporter/-/pipelines/1252248442"))
        #expect(pipelines.filter { $0.status == .failed }.count == 7)
        #expect(pipelines.filter { $0.status == .canceled }.map(\.id) == [1_097_349_658])
    }

    @Test func scheduledPipelinesFromGlab() throws {
        let pipelines = try Mapping.pipelines(sample("pipelines_list_gitlabcom_glab.json"))
        #expect(pipelines.map(\.source) == ["schedule", "schedule"])
        #expect(pipelines.map(\.ref) == ["#test#", "#test#"])
        #expect(pipelines.map(\.iid) == [338, 337])
    }

    @Test(arguments: [
        "pipeline_single_failed_gitlabcom_cluttrdev.json",
        "pipeline_single_canceled_gitlabcom_cluttrdev.json",
        "pipeline_single_gitlabcom_glab.json", "pipeline_gitlab4j_docsderived.json",
    ])
    func singlePipelinesWithIntDurationAndStringCoverage(file: String) throws {
        let pipeline = try Mapping.pipeline(sample(file))
        #expect(pipeline.id > 0)
        #expect(pipeline.updatedAt >= pipeline.createdAt)
    }

    @Test func failedJobsFromRealGitLabCom() throws {
        let jobs = try Mapping.jobs(
            sample("pipeline_jobs_failed_gitlabcom_cluttrdev.json"), projectID: 0, pipelineID: 0)
        #expect(jobs.map(\.name) == ["test", "build", "vet", "lint"])
        #expect(jobs.map(\.status) == [.skipped, .skipped, .failed, .failed])
        #expect(jobs.map(\.failureReason) == [nil, nil, "script_failure", "script_failure"])
        #expect(jobs.map(\.allowFailure) == [false, false, false, true])
        #expect(jobs.map(\.duration) == [nil, nil, 58.472312, 90.977388])
        #expect(Set(jobs.map(\.pipelineID)) == [1_053_344_116])
        #expect(Set(jobs.map(\.projectID)) == [50_817_395])
        let vet = jobs[2]
        #expect(vet.id == 5_407_026_878)
        #expect(vet.stage == "test" || vet.stage == "build" || !vet.stage.isEmpty)
        #expect(vet.commitSHA == "fe73f907afb0a049d577a1b5f26002cd12e3baaa")
        #expect(vet.commitTitle == "Add .gitlab/gitlab-ci.yaml")
        #expect(vet.webURL == "https://gitlab.com/cluttrdev/gitlab-exporter/-/jobs/5407026878")
        #expect(vet.startedAt != nil && vet.finishedAt != nil)
        #expect(jobs[0].startedAt == nil)
        #expect(jobs[0].createdAt == Date(timeIntervalSince1970: 1_698_520_663.796))
        #expect(jobs.allSatisfy { $0.attempt == 1 && !$0.retried })
    }

    @Test(arguments: [
        ("pipeline_jobs_canceled_gitlabcom_cluttrdev.json", 4, 0),
        ("pipeline_jobs_success_gitlabcom_cluttrdev.json", 4, 1),
        ("pipeline_jobs_list_gitlabcom_glab.json", 1, 0),
    ])
    func otherJobLists(file: String, count: Int, failed: Int) throws {
        let jobs = try Mapping.jobs(sample(file), projectID: 0, pipelineID: 0)
        #expect(jobs.count == count)
        #expect(jobs.filter { $0.status == .failed }.count == failed)
        #expect(jobs.allSatisfy { ($0.failureReason != nil) == ($0.status == .failed) })
    }

    @Test func singleJobFromDocs() throws {
        let job = try Mapping.job(sample("job_gitlab4j_docsderived.json"), projectID: 9)
        #expect(job.id == 7)
        #expect(job.pipelineID == 6)
        #expect(job.projectID == 9)
        #expect(job.failureReason == "script_failure")
        #expect(job.duration == 0.465)
    }

    @Test func issuesFromGlab() throws {
        let issues = try Mapping.issues(sample("issues_list_gitlabcom_glab.json"))
        #expect(
            issues
                == [
                    Issue(
                        id: 141_525_495, iid: 15, projectID: 37_777_023, title: "tem", description: "",
                        state: "opened",
                        labels: [], webURL: "https://gitlab.com/jay_mccure/test2target/-/issues/15",
                        createdAt: Date(timeIntervalSince1970: 1_706_679_477.883),
                        updatedAt: Date(timeIntervalSince1970: 1_706_835_242.842), closedAt: nil)
                ])
    }

    @Test func closedIssueFromDocs() throws {
        let issue = try Mapping.issue(sample("issue_gitlab4j_docsderived.json"))
        #expect(issue.state == "closed")
        #expect(issue.iid == 1)
        #expect(issue.closedAt == Date(timeIntervalSince1970: 1_452_007_906.176))
    }

    @Test(arguments: ["user_public_gogitlab.json", "user_gitlab4j_docsderived.json"])
    func usernames(file: String) throws {
        #expect(try Mapping.username(sample(file)).isEmpty == false)
        if file == "user_public_gogitlab.json" { #expect(try Mapping.username(sample(file)) == "john_smith") }
    }

    @Test(
        arguments: [
            (#"{"message":"404 Project Not Found"}"#, "404 Project Not Found", nil),
            (
                #"{"message":{"name":["has already been taken","is too long"]}}"#,
                "name has already been taken, name is too long", nil
            ),
            (
                #"{"message":{"error":"This endpoint has been requested too many times. Try again later."}}"#,
                "This endpoint has been requested too many times. Try again later.", nil
            ),
            (
                #"{"error":"invalid_token","error_description":"Token is expired. You can either do re-authorization or token refresh."}"#,
                "invalid_token: Token is expired. You can either do re-authorization or token refresh.",
                "invalid_token"
            ),
            (#"{"error":"body is missing"}"#, "body is missing", "body is missing"),
            ("Retry later\n", "Retry later", nil),
            (
                "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
                "502 Bad Gateway", nil
            ),
            ("", nil, nil),
        ] as [(String, String?, String?)])
    func errorBodies(body: String, message: String?, error: String?) {
        let parsed = Mapping.errorBody(Data(body.utf8))
        #expect(parsed.message == message)
        #expect(parsed.error == error)
    }

    @Test func malformedJSONSaysWhere() {
        let body = Data(#"[{"id":"not a number","name":"x"}]"#.utf8)
        #expect(throws: (any Error).self) { try Mapping.projects(body) }
        do {
            _ = try Mapping.projects(body)
        } catch {
            #expect("\(error)" == "expected Int at [0].id")
        }
    }
}
