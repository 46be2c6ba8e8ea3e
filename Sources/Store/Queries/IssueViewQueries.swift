import Foundation
import GRDB
import TriageCore

// The per-issue view's read: the analyses' identity columns only, no JSON to decode.
extension SQLiteCacheStore: ViewedFailureSource {
    public func viewedFailures(nights: Set<String>) throws -> [ViewedFailure] {
        let data = try JSONEncoder().encode(nights.sorted())
        let list = String(decoding: data, as: UTF8.self)
        return try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT job_id, project_path, night, job_name, cluster_id FROM analyses
                    WHERE night IN (SELECT value FROM json_each(?)) ORDER BY night, job_id
                    """,
                arguments: [list]
            ).map { row in
                ViewedFailure(
                    jobID: row[0], projectPath: row[1], night: row[2], jobName: row[3],
                    cluster: row[4] as String?)
            }
        }
    }
}
