import Foundation

/// Why the cache cannot be used, worded for the person at the prompt: where, what, what next.
///
/// The store never deletes or overwrites a file it refuses; the remedy is always the user's.
public enum StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The cache was migrated by a newer triage (it has migrations this binary does not know).
    /// `found` is the highest schema version recorded in the file, `known` this binary's highest.
    case newerSchema(directory: String, found: Int, known: Int)
    /// The file is not an SQLite database, or not one triage wrote. `reason` is SQLite's word
    /// for it (`file is not a database`, `database disk image is malformed`, …).
    case notACache(file: String, reason: String)
    /// The `.triage/` directory could not be created.
    case cannotCreateDirectory(directory: String, reason: String)
    /// Any other SQLite failure (disk full, locked for too long, I/O error).
    case database(file: String, message: String)
    /// A caller broke the contract of a write (nothing was written).
    case invalidWrite(String)

    public var description: String {
        switch self {
        case .newerSchema(let directory, let found, let known):
            return "the cache in \(directory) was written by a newer triage (schema v\(found); "
                + "this triage knows up to v\(known)) — upgrade triage, or delete .triage/ and run "
                + "'fetch' again"
        case .notACache(let file, let reason):
            return "\(file) is not a triage cache (\(reason)) — move it away or delete .triage/; "
                + "'fetch' rebuilds it"
        case .cannotCreateDirectory(let directory, let reason):
            return "cannot create the cache directory \(directory) (\(reason))"
        case .database(let file, let message):
            return "the cache \(file) failed: \(message)"
        case .invalidWrite(let message):
            return "cache write refused: \(message)"
        }
    }
}
