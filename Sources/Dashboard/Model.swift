import Foundation
import LogAnalysis
import TriageCore

/// What the page shows, as plain values. Each part becomes one or more data files; the keys of the
/// encoded JSON are the contract between `export` and `app.js`.
public struct DashboardModel: Sendable, Hashable {
    public var overview: Overview
    /// Failed jobs of every night of the cache, ascending by night (one data file each).
    public var nights: [NightFailures]
    public var clusters: ClusterList
    public var warnings: WarningList
    public var assignments: AssignmentsFile
    /// Issues ranked over the last 30 nights, as `issues --ranked 30d` (the assignments view).
    public var ranking: IssueRanking

    public init(
        overview: Overview, nights: [NightFailures], clusters: ClusterList, warnings: WarningList,
        assignments: AssignmentsFile, ranking: IssueRanking = IssueRanking()
    ) {
        self.overview = overview
        self.nights = nights
        self.clusters = clusters
        self.warnings = warnings
        self.assignments = assignments
        self.ranking = ranking
    }
}

/// The heatmap: one row per project, one cell per night of the cache.
public struct Overview: Sendable, Hashable, Codable {
    public var version = 1
    /// The newest night of the cache (the page's "last night"); empty when the cache is empty.
    public var lastNight: String
    /// Every night of the cache, ascending.
    public var nights: [String]
    public var projects: [ProjectRow]

    enum CodingKeys: String, CodingKey {
        case version, nights, projects
        case lastNight = "last_night"
    }
}

/// One heatmap row. `cells` has one character per night of `Overview.nights`:
/// `S` success, `F` failed, `W` passed with warnings (allowed failures), `C` canceled or other
/// finished states, `R` not finished, `-` no nightly pipeline.
public struct ProjectRow: Sendable, Hashable, Codable {
    public var path: String
    public var group: String
    public var webURL: String
    public var cells: String

    enum CodingKeys: String, CodingKey {
        case path, group, cells
        case webURL = "web_url"
    }
}

/// The failed latest attempts (allowed failures included) of one night's nightly pipelines.
public struct NightFailures: Sendable, Hashable, Codable {
    public var version = 1
    public var night: String
    public var jobs: [FailedJob]
}

/// A failure record, with the keys of the shell's JSON failure record (DESIGN §6) where they exist.
public struct FailedJob: Sendable, Hashable, Codable {
    public var job: Int
    public var project: String
    public var pipeline: Int
    public var pipelineURL: String
    public var night: String
    public var name: String
    public var stage: String
    public var status: String
    public var failureReason: String?
    public var allowFailure: Bool
    public var webURL: String
    public var commitTitle: String?
    public var cluster: String?
    /// The cluster was first seen on this job's night.
    public var new: Bool
    public var flaky: Bool
    /// The cluster's template, so a night's file needs no other file to group by cluster.
    public var template: String?
    /// The cluster's title for people (`ClusterTitle.marked`: a member's line, `‹varying›` parts).
    public var title: String?
    /// The excerpt's key lines (`DashboardBuilder.keyLines`).
    public var excerpt: [String]
    /// Last night's failing jobs only (absent elsewhere): since when the job fails, and the
    /// top suspect of that night (`WhatChanged`).
    public var changes: JobChanges?

    enum CodingKeys: String, CodingKey {
        case job, project, pipeline, night, name, stage, status, cluster, new, flaky, template, title, excerpt
        case changes
        case pipelineURL = "pipeline_url"
        case failureReason = "failure_reason"
        case allowFailure = "allow_failure"
        case webURL = "web_url"
        case commitTitle = "commit_title"
    }
}

/// Every cluster with members in the cache, and its members per night.
public struct ClusterList: Sendable, Hashable, Codable {
    public var version = 1
    public var nights: [String]
    public var clusters: [ClusterRow]
}

public struct ClusterRow: Sendable, Hashable, Codable {
    public var id: String
    public var template: String
    /// `ClusterTitle.marked` over the cache's members: what the page shows.
    public var title: String
    public var firstNight: String
    public var lastNight: String
    public var projects: [String]
    public var flaky: Bool
    public var patterns: [String]
    /// Pairs `[night index, members that night]`, ascending, nights without members left out.
    public var counts: [[Int]]

    enum CodingKeys: String, CodingKey {
        case id, template, title, projects, flaky, patterns, counts
        case firstNight = "first_night"
        case lastNight = "last_night"
    }
}

/// Pipelines that passed with warnings (status success, some allowed failure), newest night first.
public struct WarningList: Sendable, Hashable, Codable {
    public var version = 1
    public var pipelines: [WarningPipeline]
}

public struct WarningPipeline: Sendable, Hashable, Codable {
    public var pipeline: Int
    public var project: String
    public var night: String
    public var webURL: String
    public var jobs: [WarningJob]

    enum CodingKeys: String, CodingKey {
        case pipeline, project, night, jobs
        case webURL = "web_url"
    }
}

public struct WarningJob: Sendable, Hashable, Codable {
    public var job: Int
    public var name: String
    public var stage: String
    public var failureReason: String?
    public var webURL: String

    enum CodingKeys: String, CodingKey {
        case job, name, stage
        case failureReason = "failure_reason"
        case webURL = "web_url"
    }
}
