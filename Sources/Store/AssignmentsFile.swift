import Foundation
import GRDB
import TriageCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `assignments.json`: the triage decisions, read by the dashboard (`version` 1).
///
/// - Written as sorted-key, two-space pretty JSON with entries sorted (`Assignments.normalised`).
/// - `update` takes an exclusive `flock` on `lockURL` (a file in `.triage/`, so the workspace's
///   git tree stays clean), re-reads the file under it, applies the change and replaces the
///   file atomically: the new contents go to a temporary file beside the lock, are fsynced, then
///   renamed over the file, and the directory is fsynced. A process killed at any point leaves
///   the old or the new file, never a partial one; two processes updating at once lose nothing.
/// - A file that does not parse, or has another `version`, is refused (`AssignmentsFileError`)
///   and never overwritten.
public struct AssignmentsFile: AssignmentBook {
    public let url: URL
    public let lockURL: URL

    /// `url` is `assignments.json`; the lock and temporary files go in `scratch` (`.triage/`),
    /// which must be on the same file system.
    public init(url: URL, scratch: URL) {
        self.url = url
        self.lockURL = scratch.appendingPathComponent("assignments.lock")
    }

    public func read() throws -> Assignments {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch let error as CocoaError where error.code == .fileReadNoSuchFile {
            return Assignments()
        } catch {
            throw AssignmentsFileError.io(
                file: url.path, operation: "read", reason: (error as NSError).localizedDescription)
        }
        return try Assignments.decode(data, file: url.path)
    }

    public func update<T>(_ change: (inout Assignments) throws -> T) throws -> T {
        let directory = lockURL.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw AssignmentsFileError.io(
                file: directory.path, operation: "create", reason: (error as NSError).localizedDescription)
        }
        let lock = open(lockURL.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard lock >= 0 else { throw posixError("open the lock", lockURL.path) }
        defer { close(lock) }
        while flock(lock, LOCK_EX) != 0 {
            if errno != EINTR { throw posixError("lock", lockURL.path) }
        }
        defer { flock(lock, LOCK_UN) }
        let before = try read()
        var after = before
        let result = try change(&after)
        after = after.normalised
        if after != before.normalised || !FileManager.default.fileExists(atPath: url.path) {
            try write(after)
        }
        return result
    }

    // MARK: - Atomic write

    private func write(_ assignments: Assignments) throws {
        let data = try Assignments.encoded(assignments)
        let scratch = lockURL.deletingLastPathComponent()
        let temp = scratch.appendingPathComponent("assignments.json.\(getpid()).tmp")
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw posixError("create", temp.path) }
        var ok = false
        defer {
            if !ok { unlink(temp.path) }
        }
        do {
            defer { close(fd) }
            try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
                guard var base = buffer.baseAddress else { return }
                var left = buffer.count
                while left > 0 {
                    let n = Glibc.write(fd, base, left)
                    if n < 0 {
                        if errno == EINTR { continue }
                        throw posixError("write", temp.path)
                    }
                    left -= n
                    base += n
                }
            }
            guard fsync(fd) == 0 else { throw posixError("fsync", temp.path) }
        }
        guard rename(temp.path, url.path) == 0 else { throw posixError("replace", url.path) }
        ok = true
        // The rename itself must reach the disk, or a crash could bring the old file back.
        let dir = open(url.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dir >= 0 {
            _ = fsync(dir)
            close(dir)
        }
    }

    private func posixError(_ operation: String, _ path: String) -> AssignmentsFileError {
        .io(file: path, operation: operation, reason: String(cString: strerror(errno)))
    }
}

extension SQLiteCacheStore: IssueCache {
    public func issueWatermarks() throws -> [Int: Date] {
        return try read { db in
            var marks: [Int: Date] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT project_id, max(updated_at) FROM issues GROUP BY project_id")
            {
                let id: Int = row[0]
                let value: Double = row[1]
                marks[id] = Date(storedValue: value)
            }
            return marks
        }
    }
}
