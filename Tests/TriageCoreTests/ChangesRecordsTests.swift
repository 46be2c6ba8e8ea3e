import Foundation
import LogAnalysis
import Testing

@testable import TriageCore

/// The JSON records of `streaks`, `suspects`, `suspects --commits` and `diff job`: every key, as
/// scripts read them (`null` where a value is missing, a key left out only where documented).
@Suite struct ChangesRecordsTests {
    let job = Job(
        id: 42, pipelineID: 7, projectID: 1, name: "test", stage: "test", status: .failed, webURL: "")
    let upgrade = DependencyChange(
        ecosystem: Ecosystem(rawValue: "julia"), name: "Foo", from: "1.0.0", to: "1.1.0", kind: .upgraded)

    @Test func streak() throws {
        let streak = Streak(
            key: JobKey(project: "g/p", name: "test"), night: "2026-11-28", kind: .failing, jobID: 42,
            since: "2026-11-26", nights: 3, flips: 1, flapping: false)
        #expect(
            try recordJSON(StreakRecord(streak, cluster: nil))
                == #"{"cluster":null,"first_run":false,"flapping":false,"flips":1,"job":42,"kind":"failing","name":"test","night":"2026-11-28","nights":3,"project":"g/p","since":"2026-11-26"}"#
        )
    }

    @Test func suspectScoresToThreeDecimals() throws {
        let suspect = Suspect(
            ecosystem: Ecosystem(rawValue: "pip"), name: "numpy", to: nil, from: ["1.26.4"],
            kinds: [.removed],
            newlyFailing: 2, alsoInGreen: 0, failingJobs: [5, 9], projects: ["g/a", "g/b"], clusters: ["c-1"],
            score: 0.66666)
        #expect(
            try recordJSON(SuspectRecord(night: "2026-11-28", rank: 1, suspect: suspect))
                == #"{"clusters":["c-1"],"ecosystem":"pip","failing":2,"from":["1.26.4"],"green":0,"jobs":[5,9],"kinds":["removed"],"night":"2026-11-28","package":"numpy","projects":["g/a","g/b"],"rank":1,"score":0.667,"to":null}"#
        )
    }

    @Test func commitRangeWithAndWithoutTitles() throws {
        let range = ProjectCommitRange(
            night: "2026-11-28", project: "g/p", projectID: 1, from: "aaa", to: "bbb",
            greenNight: "2026-11-27",
            jobIDs: [42, 43], jobNames: ["build", "test"], projectFailing: 3)
        let commit = Commit(
            id: "bbb", shortID: "bb", title: "Bump", authorName: "A",
            createdAt: Date(timeIntervalSince1970: 0))
        #expect(
            try recordJSON(
                CommitRangeRecord(range, compareURL: "https://g/p/-/compare/aaa...bbb", commits: [commit]))
                == #"{"commits":[{"author_name":"A","created_at":"1970-01-01T00:00:00Z","id":"bbb","short_id":"bb","title":"Bump"}],"compare_url":"https://g/p/-/compare/aaa...bbb","failing":2,"from":"aaa","jobs":[42,43],"names":["build","test"],"night":"2026-11-28","project":"g/p","project_failing":3,"since":"2026-11-27","to":"bbb"}"#
        )
        #expect(
            try recordJSON(CommitRangeRecord(range, compareURL: nil, commits: nil)).contains(
                #""commits":null"#))
    }

    func diff(green: JobRun?, commits: JobDiff.Commits?) -> JobDiff {
        JobDiff(
            job: job, projectPath: "g/p", night: "2026-11-28", lookedBackTo: "2026-10-28", green: green,
            nightsBetween: green == nil ? 0 : 2, commits: commits, changes: green == nil ? [] : [upgrade],
            notes: [])
    }

    @Test func aDiffWithoutAGreenRunHasNullGreenNightsAndCommits() throws {
        #expect(
            try recordJSON(JobDiffRecord(diff(green: nil, commits: nil), notes: ["no green run"]))
                == #"{"changes":[],"commits":null,"green":null,"job":42,"looked_back_to":"2026-10-28","name":"test","night":"2026-11-28","nights_between":null,"notes":["no green run"],"project":"g/p","status":"failed"}"#
        )
    }

    @Test func aDiffListsItsCommitsUnlessBothRunsBuiltOne() throws {
        let green = JobRun(night: "2026-11-25", jobID: 30, red: false, retriedToGreen: true, sha: "aaa")
        let range = CommitRange(
            projectID: 1, from: "aaa", to: "bbb",
            commits: [Commit(id: "bbb", shortID: "bb", title: "Bump", authorName: "")])
        let listed = diff(
            green: green,
            commits: JobDiff.Commits(
                from: "aaa", to: "bbb", compareURL: "u", titles: .found(range, fetched: false)))
        #expect(
            try recordJSON(JobDiffRecord(listed, notes: []))
                == #"{"changes":[{"ecosystem":"julia","from":"1.0.0","kind":"upgraded","package":"Foo","to":"1.1.0"}],"commits":{"compare_url":"u","from":"aaa","list":[{"author_name":"","created_at":null,"id":"bbb","short_id":"bb","title":"Bump"}],"to":"bbb"},"green":{"job":30,"night":"2026-11-25","retried":true,"sha":"aaa"},"job":42,"looked_back_to":"2026-10-28","name":"test","night":"2026-11-28","nights_between":2,"notes":[],"project":"g/p","status":"failed"}"#
        )
        let offline = diff(
            green: green,
            commits: JobDiff.Commits(
                from: "aaa", to: "bbb", compareURL: "u", titles: .offline(reason: "no token")))
        #expect(try recordJSON(JobDiffRecord(offline, notes: [])).contains(#""list":null"#))
        let same = diff(
            green: green, commits: JobDiff.Commits(from: "bbb", to: "bbb", compareURL: nil, titles: nil))
        #expect(
            try recordJSON(JobDiffRecord(same, notes: [])).contains(
                #""commits":{"compare_url":null,"from":"bbb","to":"bbb"}"#))
    }
}
