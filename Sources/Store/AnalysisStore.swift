import Foundation
import GRDB
import LogAnalysis
import TriageCore

/// A cluster as the `clusters.state` column keeps it: versioned, sorted-key JSON of plain values
/// (the representative is kept as its masked lines; tokens and MinHash are recomputed on load).
struct PersistedCluster: Codable {
    var version = 1
    var members: [Int]
    var projects: [String]
    var representative: [String]
    var template: String
    var commonTokens: [String]

    enum CodingKeys: String, CodingKey {
        case version, members, projects, representative, template
        case commonTokens = "common_tokens"
    }

    init(_ state: ClusterState) {
        members = state.members
        projects = state.projects
        representative = state.representative.maskedLines
        template = state.template
        commonTokens = state.commonTokens
    }

    func state(id: ClusterID, firstNight: String, lastNight: String) -> ClusterState {
        ClusterState(
            id: id, members: members, firstNight: firstNight, lastNight: lastNight, projects: projects,
            representative: FailureSignature(maskedLines: representative), template: template,
            commonTokens: commonTokens)
    }
}

/// `AnalysedLine` in the `analyses.excerpt` column.
private struct StoredLine: Codable {
    var number: Int
    var rawLine: Int
    var text: String
    var reason: String
    var detail: String?
    /// Absent in rows written before it existed, and when zero.
    var repeats: Int?

    enum CodingKeys: String, CodingKey {
        case number, text, reason, detail, repeats
        case rawLine = "raw_line"
    }
}

extension SQLiteCacheStore: AnalysisStore {
    private static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }()

    /// A read of analysis rows: their JSON columns that do not decode make the file `notACache`.
    private func analysisRead<T>(_ body: (Database) throws -> T) throws -> T {
        try read(undecodable: "an analysis row is not valid JSON", body)
    }

    private static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        // Listings read the large columns as '[]' (`AnalysisParts`): no decoder for those.
        if text == "[]" {
            if let empty = [String]() as? T { return empty }
            if let empty = [StoredLine]() as? T { return empty }
        }
        return try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    static let candidatesSQL = """
        SELECT j.id, coalesce(pr.path, CAST(p.project_id AS TEXT)), p.night, j.name,
            EXISTS (SELECT 1 FROM jobs k WHERE k.pipeline_id = j.pipeline_id AND k.name = j.name
                AND k.id > j.id AND k.status = 'success'),
            EXISTS (SELECT 1 FROM traces t WHERE t.job_id = j.id), pr.name, pr.web_url
        FROM jobs j
        JOIN pipelines p ON p.id = j.pipeline_id
        LEFT JOIN projects pr ON pr.id = p.project_id
        WHERE j.status = 'failed'
        """

    private func candidates(sql: String) throws -> [AnalysisCandidate] {
        try analysisRead { db in
            try Row.fetchAll(db, sql: sql).map { row in
                AnalysisCandidate(
                    jobID: row[0], projectPath: row[1], night: row[2], jobName: row[3], retriedGreen: row[4],
                    hasTrace: row[5], projectName: row[6], projectWebURL: row[7])
            }
        }
    }

    public func unanalysedFailures() throws -> [AnalysisCandidate] {
        try candidates(
            sql: Self.candidatesSQL
                + " AND NOT EXISTS (SELECT 1 FROM analyses a WHERE a.job_id = j.id) ORDER BY p.night, j.id")
    }

    public func allFailureCandidates() throws -> [AnalysisCandidate] {
        try candidates(sql: Self.candidatesSQL + " ORDER BY p.night, j.id")
    }

    public func saveAnalyses(_ analyses: [FailureAnalysis], clusters: [ClusterState]) throws {
        let rows = try analyses.map(Self.analysisArguments)
        let clusterRows = try clusters.map(Self.clusterArguments)
        let joined = Set(analyses.compactMap(\.cluster?.rawValue)).union(clusters.map(\.id.rawValue))
        let jobs = Self.jsonArray(analyses.map(\.jobID))
        try write { db in
            // A job analysed again may leave its cluster, whose title then changes too.
            let left = try String.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT cluster_id FROM analyses
                    WHERE cluster_id IS NOT NULL AND job_id IN (SELECT value FROM json_each(?))
                    """, arguments: [jobs])
            try Self.insert(db, rows, clusterRows)
            try Self.keepTitles(db, clusters: joined.union(left).sorted())
            try Self.forgetSuspects(db)
        }
    }

    public func replaceAllAnalyses(_ analyses: [FailureAnalysis], clusters: [ClusterState]) throws {
        let rows = try analyses.map(Self.analysisArguments)
        let clusterRows = try clusters.map(Self.clusterArguments)
        try write { db in
            try db.execute(
                sql: "DELETE FROM analyses; DELETE FROM clusters; DELETE FROM alternating_clusters;")
            try Self.insert(db, rows, clusterRows)
            try Self.keepTitles(db, clusters: nil)
            try Self.forgetSuspects(db)
        }
    }

    /// A cluster's members newest first (latest night, then highest job id), as a title walks them:
    /// `analyses_cluster` read backwards, no sort.
    static func membersNewestFirstSQL(_ parts: AnalysisParts) -> String {
        "SELECT \(analysisColumns(parts)) FROM analyses WHERE cluster_id = ? ORDER BY night DESC, job_id DESC"
    }

    static let keptTitlesSQL = """
        SELECT cluster_id, title, marks, members, oldest_night, oldest_job_id FROM cluster_titles
        WHERE cluster_id IN (SELECT value FROM json_each(?))
        """

    /// Writes the `cluster_titles` rows of these clusters (of every cluster when nil, the table
    /// emptied first): the title `clusters` shows over all of a cluster's members
    /// (`KeptClusterTitle`, walked as `ClusterSummary.title(reading:)` walks them); no row for a
    /// cluster without members or without a `clusters` row. Reads only the members the title
    /// needs, newest first, and their excerpts only for a build tool's wrapper.
    static func keepTitles(_ db: Database, clusters ids: [String]?) throws {
        let list: [String]
        if let ids {
            list = ids
        } else {
            try db.execute(sql: "DELETE FROM cluster_titles")
            list = try String.fetchAll(db, sql: "SELECT id FROM clusters ORDER BY id")
        }
        guard !list.isEmpty else { return }
        let memo = PatternsMemo()
        let template = try db.cachedStatement(sql: "SELECT template FROM clusters WHERE id = ?")
        let brief = try db.cachedStatement(sql: membersNewestFirstSQL([]))
        let full = try db.cachedStatement(sql: membersNewestFirstSQL(.all))
        let upsert = try db.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO cluster_titles (cluster_id, title, marks, members, oldest_night, oldest_job_id)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
        let delete = try db.cachedStatement(sql: "DELETE FROM cluster_titles WHERE cluster_id = ?")
        func walk(_ statement: Statement, _ id: String) throws -> TitleWalk {
            var walk = TitleWalk()
            let rows = try Row.fetchCursor(statement, arguments: [id])
            while let row = try rows.next() {
                let columns = StatementColumns(statement: statement.sqliteStatement, row: row)
                guard walk.read(try decodeAnalysis(columns, memo: memo)) else { break }
            }
            return walk
        }
        for id in list {
            var kept: KeptClusterTitle?
            if let fallback = try String.fetchOne(template, arguments: [id]) {
                var walked = try walk(brief, id)
                if walked.needsExcerpts { walked = try walk(full, id) }
                kept = walked.kept(fallback: fallback)
            }
            if let kept {
                try upsert.execute(arguments: [
                    id, kept.title.plain, Self.marks(kept.title), kept.count, kept.oldestNight,
                    kept.oldestJobID,
                ])
            } else {
                try delete.execute(arguments: [id])
            }
        }
    }

    /// The `[start, end)` UTF-8 offsets of a title's varying parts, as JSON (`[]` for none).
    static func marks(_ title: ClusterTitle) -> String {
        var offsets: [Int] = []
        var at = 0
        for part in title.parts {
            let end = at + part.text.utf8.count
            if part.varies { offsets += [at, end] }
            at = end
        }
        return jsonArray(offsets)
    }

    /// The title whose plain line is `plain` and whose varying parts are at `marks` (`marks(_:)`);
    /// nil when the offsets do not fit the line.
    static func title(plain: String, marks: String) -> ClusterTitle? {
        guard marks != "[]" else {
            return ClusterTitle(parts: plain.isEmpty ? [] : [ClusterTitle.Part(plain)])
        }
        guard let offsets = try? JSONDecoder().decode([Int].self, from: Data(marks.utf8)),
            offsets.count % 2 == 0
        else { return nil }
        let utf8 = plain.utf8
        var parts: [ClusterTitle.Part] = []
        var at = 0
        func part(_ from: Int, _ to: Int, varies: Bool) -> Bool {
            guard from <= to, to <= utf8.count else { return false }
            if from < to {
                let range =
                    utf8.index(utf8.startIndex, offsetBy: from)..<utf8.index(utf8.startIndex, offsetBy: to)
                parts.append(ClusterTitle.Part(String(Substring(utf8[range])), varies: varies))
            }
            return true
        }
        for pair in stride(from: 0, to: offsets.count, by: 2) {
            guard part(at, offsets[pair], varies: false), part(offsets[pair], offsets[pair + 1], varies: true)
            else { return nil }
            at = offsets[pair + 1]
        }
        guard part(at, utf8.count, varies: false) else { return nil }
        return ClusterTitle(parts: parts)
    }

    public func keptTitles(ids: Set<ClusterID>) throws -> [ClusterID: KeptClusterTitle] {
        guard !ids.isEmpty else { return [:] }
        return try analysisRead { db in
            var result: [ClusterID: KeptClusterTitle] = [:]
            try StatementColumns.forEach(
                db, sql: Self.keptTitlesSQL, arguments: [Self.jsonArray(ids.map(\.rawValue).sorted())]
            ) { row in
                guard let id = ClusterID(rawValue: row.string(0)),
                    let title = Self.title(plain: row.string(1), marks: row.string(2))
                else { return }
                result[id] = KeptClusterTitle(
                    title: title, count: row.int(3), oldestNight: row.string(4), oldestJobID: row.int(5))
            }
            return result
        }
    }

    private static func insert(
        _ db: Database, _ rows: [StatementArguments], _ clusterRows: [StatementArguments]
    )
        throws
    {
        let analysis = try db.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO analyses (job_id, project_path, night, job_name, excerpt, key_line, patterns,
                    category, infrastructure, signature, cluster_id, retried_green, analysis_version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for row in rows { try analysis.execute(arguments: row) }
        let cluster = try db.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO clusters (id, first_night, last_night, member_count, template, state)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
        for row in clusterRows { try cluster.execute(arguments: row) }
    }

    private static func analysisArguments(_ a: FailureAnalysis) throws -> StatementArguments {
        let lines = a.excerpt.map {
            StoredLine(
                number: $0.number, rawLine: $0.rawLine, text: $0.text, reason: $0.reason, detail: $0.detail,
                repeats: $0.repeats > 0 ? $0.repeats : nil)
        }
        return [
            a.jobID, a.projectPath, a.night, a.jobName, try json(lines), a.keyLine, try json(a.patterns),
            a.category,
            a.infrastructure, try json(a.signatureLines), a.cluster?.rawValue, a.retriedGreen, a.version,
        ]
    }

    private static func clusterArguments(_ c: ClusterState) throws -> StatementArguments {
        [
            c.id.rawValue, c.firstNight, c.lastNight, c.members.count, c.template,
            try json(PersistedCluster(c)),
        ]
    }

    public func clusterStates() throws -> [ClusterState] {
        try analysisRead { db in
            try Row.fetchAll(db, sql: "SELECT id, first_night, last_night, state FROM clusters ORDER BY id")
                .compactMap {
                    row -> ClusterState? in
                    guard let id = ClusterID(rawValue: row[0]) else { return nil }
                    return try Self.decode(PersistedCluster.self, row[3]).state(
                        id: id, firstNight: row[1], lastNight: row[2])
                }
        }
    }

    private static let noSignature = FailureSignature(maskedLines: [])

    static let clusterHeadsSQL = """
        SELECT id, first_night, last_night, template FROM clusters
        WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id
        """

    /// The columns the analysis keeps beside each cluster's state, read without the state (its
    /// JSON, members included, often spills to overflow pages that this never reads).
    public func clusterHeads(ids: Set<ClusterID>) throws -> [ClusterState] {
        guard !ids.isEmpty else { return [] }
        return try analysisRead { db in
            // Read in place (`StatementColumns`): thousands of heads in a listing.
            var heads: [ClusterState] = []
            heads.reserveCapacity(ids.count)
            try StatementColumns.forEach(
                db, sql: Self.clusterHeadsSQL, arguments: [Self.jsonArray(ids.map(\.rawValue).sorted())]
            ) { row in
                guard let id = ClusterID(rawValue: row.string(0)) else { return }
                heads.append(
                    ClusterState(
                        id: id, members: [], firstNight: row.string(1), lastNight: row.string(2),
                        projects: [],
                        representative: Self.noSignature, template: row.string(3), commonTokens: []))
            }
            return heads
        }
    }

    private static let analysisColumns = """
        job_id, project_path, night, job_name, excerpt, key_line, patterns, category, infrastructure, signature,
        cluster_id, retried_green, analysis_version
        """

    /// `analysisColumns` with the large columns left out of `parts` read as empty JSON arrays.
    private static func analysisColumns(_ parts: AnalysisParts) -> String {
        """
        job_id, project_path, night, job_name, \(parts.contains(.excerpt) ? "excerpt" : "'[]'"), key_line, patterns, \
        category, infrastructure, \(parts.contains(.signature) ? "signature" : "'[]'"), cluster_id, retried_green, \
        analysis_version
        """
    }

    /// Decoded `patterns` arrays by their JSON: a listing's rows share a few dozen distinct ones,
    /// and a `JSONDecoder` per row was most of `clusters 30d`'s time.
    private final class PatternsMemo {
        var decoded: [String: [String]] = [:]
        func patterns(_ text: String) throws -> [String] {
            if let known = decoded[text] { return known }
            let value = try SQLiteCacheStore.decode([String].self, text)
            decoded[text] = value
            return value
        }
    }

    private static func decodeAnalysis(_ row: some ColumnReader, memo: PatternsMemo) throws -> FailureAnalysis
    {
        // A listing reads the large columns as '[]' (`AnalysisParts`): no decoding, no dynamic cast.
        let excerpt = row.string(4)
        let signature = row.string(9)
        let lines = excerpt == "[]" ? [] : try decode([StoredLine].self, excerpt)
        return FailureAnalysis(
            jobID: row.int(0), projectPath: row.string(1), night: row.string(2), jobName: row.string(3),
            excerpt: lines.map {
                AnalysedLine(
                    number: $0.number, rawLine: $0.rawLine, text: $0.text, reason: $0.reason,
                    detail: $0.detail, repeats: $0.repeats ?? 0)
            },
            keyLine: row.optionalString(5), patterns: try memo.patterns(row.string(6)),
            category: row.optionalString(7), infrastructure: row.bool(8),
            signatureLines: signature == "[]" ? [] : try decode([String].self, signature),
            cluster: row.optionalString(10).flatMap(ClusterID.init(rawValue:)), retriedGreen: row.bool(11),
            version: row.int(12))
    }

    private static func fetchAnalyses(
        _ db: Database, sql: String, arguments: StatementArguments
    ) throws -> [FailureAnalysis] {
        let memo = PatternsMemo()
        return try StatementColumns.map(db, sql: sql, arguments: arguments) {
            try decodeAnalysis($0, memo: memo)
        }
    }

    public func analyses(nights: Set<String>?, parts: AnalysisParts) throws -> [FailureAnalysis] {
        let filter = nights == nil ? "" : "WHERE night IN (SELECT value FROM json_each(?))"
        let arguments: StatementArguments = nights.map { [Self.jsonArray($0.sorted())] } ?? []
        return try analysisRead { db in
            try Self.fetchAnalyses(
                db,
                sql: "SELECT \(Self.analysisColumns(parts)) FROM analyses \(filter) ORDER BY night, job_id",
                arguments: arguments)
        }
    }

    /// `analyses(nights:parts:)`'s query for some nights: without the excerpt and the signature it
    /// reads `analyses_night_listing` alone (v11).
    static func analysesSQL(nights parts: AnalysisParts) -> String {
        "SELECT \(analysisColumns(parts)) FROM analyses WHERE night IN (SELECT value FROM json_each(?)) ORDER BY night, job_id"
    }

    public func analysis(jobID: Int) throws -> FailureAnalysis? {
        try analysisRead { db in
            try Self.fetchAnalyses(
                db, sql: "SELECT \(Self.analysisColumns) FROM analyses WHERE job_id = ?", arguments: [jobID]
            ).first
        }
    }

    public func analyses(cluster: ClusterID) throws -> [FailureAnalysis] {
        try analysisRead { db in
            try Self.fetchAnalyses(
                db,
                sql:
                    "SELECT \(Self.analysisColumns) FROM analyses WHERE cluster_id = ? ORDER BY night, job_id",
                arguments: [cluster.rawValue])
        }
    }

    // MARK: Alternation (DESIGN §5 "flaky") and green traces

    static let clusteredNightsSQL = """
        SELECT a.cluster_id, p.project_id, j.name, p.night
        FROM analyses a
        JOIN jobs j ON j.id = a.job_id
        JOIN pipelines p ON p.id = j.pipeline_id
        WHERE a.cluster_id IS NOT NULL AND (?1 IS NULL OR p.source = ?1)
        """

    /// Served by `pipelines_night_project` (the night range, the project read from the index) and
    /// `jobs_pipeline` (a pipeline's jobs, the latest successful attempts kept). The unary `+` keeps SQLite
    /// from taking `pipelines_project` instead, which reads every pipeline of each project (on the
    /// year-sized bench cache: 160 ms against 55 ms).
    static let greenNightsSQL = """
        SELECT p.project_id, j.name, p.night
        FROM pipelines p
        JOIN jobs j ON j.pipeline_id = p.id AND j.status = 'success' AND j.retried = 0
        WHERE p.night > ?1 AND p.night < ?2 AND (?3 IS NULL OR p.source = ?3)
            AND +p.project_id IN (SELECT value FROM json_each(?4))
            AND j.name IN (SELECT value FROM json_each(?5))
        """

    public func nightlyRecord(pipelineSource: String?) throws -> (red: [ClusteredNight], green: [GreenNight])
    {
        try analysisRead { db in
            var red: [ClusteredNight] = []
            let rows = try Row.fetchCursor(db, sql: Self.clusteredNightsSQL, arguments: [pipelineSource])
            while let row = try rows.next() {
                guard let id = ClusterID(rawValue: row[0]) else { continue }
                red.append(ClusteredNight(cluster: id, projectID: row[1], jobName: row[2], night: row[3]))
            }
            // Only a job failing in one cluster on two nights or more can alternate: the green nights
            // wanted are those of such jobs, between their first and last failing night.
            struct Key: Hashable {
                var cluster: ClusterID
                var projectID: Int
                var name: String
            }
            var nights: [Key: Set<String>] = [:]
            for r in red {
                nights[Key(cluster: r.cluster, projectID: r.projectID, name: r.jobName), default: []].insert(
                    r.night)
            }
            var projects = Set<Int>()
            var names = Set<String>()
            var first: String?
            var last: String?
            for (key, set) in nights where set.count >= 2 {
                projects.insert(key.projectID)
                names.insert(key.name)
                if let low = set.min(), first.map({ low < $0 }) ?? true { first = low }
                if let high = set.max(), last.map({ high > $0 }) ?? true { last = high }
            }
            guard let first, let last else { return (red, []) }
            var green: [GreenNight] = []
            let greens = try Row.fetchCursor(
                db, sql: Self.greenNightsSQL,
                arguments: [
                    first, last, pipelineSource, Self.jsonArray(projects.sorted()),
                    Self.jsonArray(names.sorted()),
                ])
            while let row = try greens.next() {
                green.append(GreenNight(projectID: row[0], jobName: row[1], night: row[2]))
            }
            return (red, green)
        }
    }

    public func setAlternatingClusters(_ ids: Set<ClusterID>) throws {
        let list = Self.jsonArray(ids.map(\.rawValue).sorted())
        try write { db in
            try db.execute(
                sql: "DELETE FROM alternating_clusters WHERE id NOT IN (SELECT value FROM json_each(?))",
                arguments: [list])
            try db.execute(
                sql: "INSERT OR IGNORE INTO alternating_clusters (id) SELECT value FROM json_each(?)",
                arguments: [list])
        }
    }

    static let retriedGreenClustersSQL =
        "SELECT DISTINCT cluster_id FROM analyses WHERE retried_green = 1 AND cluster_id IS NOT NULL"

    /// `retriedGreenClustersSQL` for the clusters in the JSON array argument: a seek of
    /// `analyses_flaky` per cluster.
    static let retriedGreenClustersAmongSQL = """
        SELECT DISTINCT cluster_id FROM analyses
        WHERE retried_green = 1 AND cluster_id IN (SELECT value FROM json_each(?))
        """

    static let alternatingClustersSQL = "SELECT id FROM alternating_clusters"

    static let alternatingClustersAmongSQL =
        "SELECT id FROM alternating_clusters WHERE id IN (SELECT value FROM json_each(?))"

    /// Both sets in one read; the retried-green one from the partial index `analyses_flaky`.
    public func flakyClusters(among ids: Set<ClusterID>?) throws -> FlakyClusters {
        if let ids, ids.isEmpty { return FlakyClusters() }
        let (alternatingSQL, retriedSQL, arguments): (String, String, StatementArguments) =
            ids.map {
                (
                    Self.alternatingClustersAmongSQL, Self.retriedGreenClustersAmongSQL,
                    [Self.jsonArray($0.map(\.rawValue).sorted())]
                )
            } ?? (Self.alternatingClustersSQL, Self.retriedGreenClustersSQL, [])
        return try analysisRead { db in
            let alternating = try String.fetchAll(db, sql: alternatingSQL, arguments: arguments)
            let retried = try String.fetchAll(db, sql: retriedSQL, arguments: arguments)
            return FlakyClusters(
                alternating: Set(alternating.compactMap(ClusterID.init(rawValue:))),
                retriedGreen: Set(retried.compactMap(ClusterID.init(rawValue:))))
        }
    }

    public func alternatingClusters() throws -> Set<ClusterID> {
        try analysisRead { db in
            Set(
                try String.fetchAll(db, sql: Self.alternatingClustersSQL).compactMap(
                    ClusterID.init(rawValue:)))
        }
    }

    public func tracedGreenJobs() throws -> [TracedJob] {
        try analysisRead { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT j.id, coalesce(pr.path, CAST(p.project_id AS TEXT)), p.night, j.name
                    FROM traces t
                    JOIN jobs j ON j.id = t.job_id
                    JOIN pipelines p ON p.id = j.pipeline_id
                    LEFT JOIN projects pr ON pr.id = p.project_id
                    WHERE j.status = 'success'
                    ORDER BY p.night, j.id
                    """
            ).map { TracedJob(jobID: $0[0], projectPath: $0[1], night: $0[2], jobName: $0[3]) }
        }
    }

    /// Served by `analyses_version` alone (v7): a covering index scan, the rows are not read.
    public func analysisVersions() throws -> [Int: Int] {
        try analysisRead { db in
            var counts: [Int: Int] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT analysis_version, count(*) FROM analyses GROUP BY analysis_version")
            {
                counts[row[0]] = row[1]
            }
            return counts
        }
    }
}
