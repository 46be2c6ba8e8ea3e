import Basics
import Foundation
import GRDB

extension SQLiteCacheStore {
    /// A deterministic text rendering of what a sync produced: projects, pipelines (with their
    /// night and `synced_updated_at`), jobs, traces (job id, encoding, raw size, FNV-1a 64 of the
    /// raw bytes) and issues, each table sorted by id. Sync records and watermarks are left out:
    /// they legitimately differ between an interrupted-and-resumed sync and a clean one.
    ///
    /// Two caches holding the same data give the same text whatever order it was stored in (the
    /// values `DerivedColumns` stores as `''` are dumped rebuilt).
    public func canonicalDump() throws -> String {
        let file = databaseURL.path
        let tables: [(name: String, columns: String, key: String)] = [
            ("projects", "id, path, name, web_url, archived, default_branch", "id"),
            (
                "pipelines",
                "id, project_id, iid, sha, ref, status, source, created_at, updated_at, "
                    + DerivedColumns.pipelineWebURL("pipelines.", projectURL: nil)
                    + ", night, synced_updated_at",
                "id"
            ),
            (
                "jobs",
                "id, pipeline_id, project_id, name, stage, status, failure_reason, allow_failure, created_at, "
                    + "started_at, finished_at, duration, "
                    + DerivedColumns.jobWebURL("jobs.", projectURL: nil) + ", "
                    + DerivedColumns.jobCommitSHA("jobs.", pipeline: nil) + ", "
                    + DerivedColumns.jobCommitTitle("jobs.", pipeline: nil)
                    + ", attempt, retried",
                "id"
            ),
            (
                "issues",
                "id, project_id, iid, title, description, state, labels, web_url, created_at, updated_at, closed_at",
                "id"
            ),
        ]
        return try pool.read { db in
            var out = ""
            for table in tables {
                let rows = try Row.fetchCursor(
                    db, sql: "SELECT \(table.columns) FROM \(table.name) ORDER BY \(table.key)")
                while let row = try rows.next() {
                    out += table.name
                    for (column, value) in row {
                        out += " \(column)=\(Self.render(value))"
                    }
                    out += "\n"
                }
            }
            let traces = try Row.fetchCursor(
                db, sql: "SELECT job_id, encoding, raw_size, data FROM traces ORDER BY job_id")
            while let row = try traces.next() {
                let raw = try TraceCodec.decode(encoding: row[1], stored: row[3], rawSize: row[2], file: file)
                let hash = String(FNV1a.hash64(raw), radix: 16)
                out += "traces job_id=\(row[0] as Int) raw_size=\(raw.count) fnv1a64=\(hash)\n"
            }
            return out
        }
    }

    /// One value, unambiguously: NULL, integers and reals in Swift's exact shortest form,
    /// text JSON-quoted.
    private static func render(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: return "NULL"
        case .int64(let int): return String(int)
        case .double(let double): return "\(double)"
        case .string(let string):
            let quoted = (try? JSONEncoder().encode(string)).map { String(decoding: $0, as: UTF8.self) }
            return quoted ?? "\"\""
        case .blob(let data): return "blob(\(data.count))"
        }
    }

}
