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
    public var assignments: PageAssignments
    /// Issues ranked over the last 30 nights, as `issues --ranked 30d` (the assignments view).
    public var ranking: IssueRanking

    public init(
        overview: Overview, nights: [NightFailures], clusters: ClusterList, warnings: WarningList,
        assignments: PageAssignments, ranking: IssueRanking = IssueRanking()
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
public struct NightFailures: Sendable, Hashable, Encodable {
    public var version = 1
    public var night: String
    public var jobs: [FailedJob]
}

/// A failed job of a night file: the shell's failure record (`FailureRecord`, the same keys and
/// values as `failures --format json`, with the excerpt's key lines as `key_lines`), and what the
/// page adds: the pipeline's URL, the commit title, the cluster's template and title, and for last
/// night's failing jobs since when they fail and their top suspect.
public struct FailedJob: Sendable, Hashable, Encodable {
    public var record: FailureRecord
    public var pipelineURL: String
    public var commitTitle: String?
    /// The cluster's template, so a night's file needs no other file to group by cluster.
    public var template: String?
    /// The cluster's title for people (`ClusterTitle.marked`: a member's line, `‹varying›` parts).
    public var title: String?
    /// Last night's failing jobs only (absent elsewhere): since when the job fails, and the
    /// top suspect of that night (`WhatChanged`).
    public var changes: JobChanges?

    enum CodingKeys: String, CodingKey {
        case template, title, changes
        case pipelineURL = "pipeline_url"
        case commitTitle = "commit_title"
    }

    public func encode(to encoder: any Encoder) throws {
        try record.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(pipelineURL, forKey: .pipelineURL)
        try c.encodeIfPresent(commitTitle, forKey: .commitTitle)
        try c.encodeIfPresent(template, forKey: .template)
        try c.encodeIfPresent(title, forKey: .title)
        try c.encodeIfPresent(changes, forKey: .changes)
    }
}

/// Every cluster with members in the cache, and its members per night.
public struct ClusterList: Sendable, Hashable, Encodable {
    public var version = 1
    public var nights: [String]
    public var clusters: [ClusterEntry]
}

/// A cluster of the clusters file: the shell's cluster record (`ClusterRecord`, the keys and values
/// of `clusters --format json` over the whole cache, NEW on the export's last night, without the
/// issue, which the page reads from the live assignments), and its members per night.
public struct ClusterEntry: Sendable, Hashable, Encodable {
    public var record: ClusterRecord
    /// Pairs `[night index, members that night]`, ascending, nights without members left out.
    public var counts: [[Int]]

    public init(record: ClusterRecord, counts: [[Int]]) {
        self.record = record
        self.counts = counts
    }

    enum CodingKeys: String, CodingKey { case counts }

    public func encode(to encoder: any Encoder) throws {
        try record.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(counts, forKey: .counts)
    }
}

/// Pipelines that passed with warnings (`Warnings.pipelines`), newest night first, as `warnings
/// --format json` answers them.
public struct WarningList: Sendable, Hashable, Encodable {
    public var version = 1
    public var pipelines: [WarningPipelineRecord]
}
