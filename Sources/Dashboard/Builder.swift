import Foundation
import LogAnalysis
import TriageCore

/// Builds the dashboard's model from the cache. Reads only; the result depends on nothing but the
/// cache's contents and the assignments, so the same cache gives the same model (no clock: the
/// page's "last night" is the newest night in the cache).
public struct DashboardBuilder: Sendable {
    /// Most excerpt lines kept per failed job (the key line is the last one kept).
    public static let excerptLines = 8

    /// The cache's ports: listings, analysis, issues and the "what changed" queries.
    public var cache: CachePorts
    /// Pipeline source counted as nightly (`schedule`); nil counts every pipeline.
    public var source: String?
    /// The workspace's nights: windows ending at the newest night, and the night an issue was closed.
    public var calendar: NightCalendar
    /// The parts beyond the heatmap, failures, clusters, warnings and assignments (the benchmark
    /// leaves them out to measure what they cost).
    public var parts: Parts

    /// Optional parts of the model.
    public struct Parts: OptionSet, Sendable, Hashable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// The issue ranking with per-night strips (`issues --ranked 30d`).
        public static let ranking = Parts(rawValue: 1)
        /// Since when each of last night's failing jobs fails, and the top suspect (`WhatChanged`).
        public static let whatChanged = Parts(rawValue: 2)
        public static let all: Parts = [.ranking, .whatChanged]
    }

    public init(
        cache: CachePorts, source: String?,
        calendar: NightCalendar = NightCalendar(timeZone: TimeZone(identifier: "UTC") ?? .current),
        parts: Parts = .all
    ) {
        self.cache = cache
        self.source = source
        self.calendar = calendar
        self.parts = parts
    }

    public func build(assignments: PageAssignments) throws -> DashboardModel {
        let store = cache.store
        let analysis = cache.analysis
        let nights = try store.nights()
        let lastNight = nights.last ?? ""
        let nightIndex = Dictionary(uniqueKeysWithValues: nights.enumerated().map { ($1, $0) })

        // Heatmap rows.
        let rows = try store.pipelineRows(nights: Set(nights), projectID: nil).filter {
            $0.pipeline.isNightly(source)
        }
        var paths: [Int: (path: String, web: String)] = [:]
        for project in try store.projects() where !project.archived {
            paths[project.id] = (project.path, project.webURL)
        }
        // The newest pipeline of a project's night decides its cell (`NightPipelines`).
        let deciding = NightPipelines.deciding(rows, source: nil)
        for row in rows where paths[row.pipeline.projectID] == nil {
            paths[row.pipeline.projectID] = (row.projectPath, "")
        }
        let projects: [ProjectRow] = paths.map { id, project in
            var cells = [Character](repeating: "-", count: nights.count)
            for (night, row) in deciding[id] ?? [:] {
                if let index = nightIndex[night] { cells[index] = Self.symbol(row) }
            }
            return ProjectRow(
                path: project.path, group: Self.group(of: project.path), webURL: project.web,
                cells: String(cells))
        }.sorted { $0.path < $1.path }
        let overview = Overview(lastNight: lastNight, nights: nights, projects: projects)

        // Analyses and clusters.
        let analyses = try analysis.analyses(nights: nil)
        let states = try analysis.clusterStates()
        let byJob = Dictionary(analyses.map { ($0.jobID, $0) }, uniquingKeysWith: { a, _ in a })
        let summaries = ClusterSummary.summarise(
            analyses, states: states, flaky: try analysis.flakyClusters())
        let summaryByID = Dictionary(summaries.map { ($0.state.id, $0) }, uniquingKeysWith: { a, _ in a })
        let titles = Dictionary(
            summaries.map { ($0.state.id, $0.title.marked) }, uniquingKeysWith: { a, _ in a })

        // Since when last night's failing jobs fail, and their suspects.
        var changes: [Int: JobChanges] = [:]
        if parts.contains(.whatChanged), !lastNight.isEmpty {
            changes = try WhatChanged.jobs(on: [lastNight], cache: cache, calendar: calendar, source: source)
        }

        // Failed jobs per night (the facts `failures --with-warnings` lists).
        let facts = try Failures.rows(
            nights: Set(nights), source: source, filter: FailureFilter(allowedToFail: true), listings: store,
            flaky: { try analysis.flakyClusters() }, assignments: assignments.book
        ).rows
        let failureRows = try store.failures(nights: Set(nights))
        let failures = Dictionary(failureRows.map { ($0.job.id, $0) }, uniquingKeysWith: { a, _ in a })
        var perNight: [String: [FailedJob]] = [:]
        for fact in facts {
            guard let row = failures[fact.listing.jobID] else { continue }
            let state = fact.cluster.flatMap { summaryByID[$0]?.state }
            perNight[row.night, default: []].append(
                FailedJob(
                    record: FailureRecord(
                        row, facts: fact, excerpt: .keyLines(Self.keyLines(byJob[row.job.id]?.excerpt ?? []))),
                    pipelineURL: row.pipeline.webURL, commitTitle: row.job.commitTitle,
                    template: state?.template,
                    title: state.flatMap { titles[$0.id] },
                    changes: changes[row.job.id]))
        }
        let nightFiles = nights.map { night in
            NightFailures(
                night: night,
                jobs: (perNight[night] ?? []).sorted {
                    ($0.record.project, $0.record.name, $0.record.job) < (
                        $1.record.project, $1.record.name, $1.record.job
                    )
                })
        }

        let clusters = summaries.map { summary in
            var counts: [Int: Int] = [:]
            for member in summary.members {
                if let index = nightIndex[member.night] { counts[index, default: 0] += 1 }
            }
            return ClusterEntry(
                record: ClusterRecord(summary, lastNight: lastNight.isEmpty ? nil : lastNight),
                counts: counts.sorted { $0.key < $1.key }.map { [$0.key, $0.value] })
        }

        let warnings = Warnings.pipelines(of: failureRows, source: source)

        var ranking = IssueRanking()
        if parts.contains(.ranking), !lastNight.isEmpty {
            ranking = try IssueRanking.build(
                lastNight: lastNight, cache: cache, book: assignments.book, calendar: calendar)
        }

        return DashboardModel(
            overview: overview, nights: nightFiles, clusters: ClusterList(nights: nights, clusters: clusters),
            warnings: WarningList(pipelines: warnings.map(WarningPipelineRecord.init)),
            assignments: assignments, ranking: ranking)
    }

    /// The excerpt's key lines: those a pattern, an error keyword or the green comparison chose,
    /// at most `excerptLines`; the last lines of the excerpt when none was chosen that way.
    static func keyLines(_ excerpt: [AnalysedLine]) -> [String] {
        let key = excerpt.filter { ["pattern", "keyword", "absentFromGreen"].contains($0.reason) }
        return (key.isEmpty ? Array(excerpt.suffix(excerptLines)) : Array(key.prefix(excerptLines))).map(
            \.text)
    }

    /// The heatmap symbol of a nightly pipeline (see `ProjectRow.cells`).
    static func symbol(_ row: PipelineRow) -> Character {
        switch row.pipeline.status {
        case .success: row.allowedFailed > 0 ? "W" : "S"
        case .failed: "F"
        case let status where status.isFinished: "C"
        default: "R"
        }
    }

    /// `julia/sub/Foo.jl` → `julia/sub`; a path without a slash is its own group.
    static func group(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[..<slash])
    }
}
