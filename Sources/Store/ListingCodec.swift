import Foundation
import LogAnalysis
import TriageCore

/// The compact text forms of what `ChangesSchema`'s tables hold.
///
/// A listing (`TraceFacts`) is one line per dependency, sorted by key, fields separated by tabs:
/// `ecosystem name version id line` (`id` and `line` empty when absent), then one line per
/// package the resolver could not install, prefixed with `!`: `!ecosystem name version id`.
/// `\`, tab and newline inside a field are escaped as `\\`, `\t`, `\n`. About 40 bytes per
/// dependency, against a trace's kilobytes; decoding is a split, no JSON.
enum ListingCodec {
    static func encode(_ facts: TraceFacts) -> String {
        var out = ""
        for (key, d) in facts.listing.dependencies.sorted(by: { $0.key < $1.key }) {
            out += [
                escape(d.ecosystem.rawValue), escape(d.name), escape(d.version), escape(d.id ?? ""),
                facts.listing.lines[key].map(String.init) ?? "",
            ].joined(separator: "\t")
            out += "\n"
        }
        for d in facts.unresolved {
            out += "!" + [escape(d.ecosystem.rawValue), escape(d.name), escape(d.version), escape(d.id ?? "")]
                .joined(separator: "\t") + "\n"
        }
        return out
    }

    /// Nil when the text is not a listing this codec wrote.
    static func decode(_ text: String, truncated: Bool) -> TraceFacts? {
        var listing = DependencyListing()
        var unresolved: [Dependency] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let isUnresolved = line.first == "!"
            let fields = (isUnresolved ? line.dropFirst() : line)
                .split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 4 else { return nil }
            let id = unescape(fields[3])
            let dependency = Dependency(
                ecosystem: Ecosystem(rawValue: unescape(fields[0])), name: unescape(fields[1]),
                version: unescape(fields[2]), id: id.isEmpty ? nil : id)
            if isUnresolved {
                unresolved.append(dependency)
            } else {
                let key = dependency.key
                listing.dependencies[key] = dependency
                if fields.count >= 5, let number = Int(fields[4]) { listing.lines[key] = number }
            }
        }
        return TraceFacts(listing: listing, truncated: truncated, unresolved: unresolved)
    }

    static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "\\" || $0 == "\t" || $0 == "\n" }) else { return field }
        return field.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    static func unescape(_ field: Substring) -> String {
        guard field.contains("\\") else { return String(field) }
        var out = ""
        var escaped = false
        for c in field {
            if escaped {
                out.append(c == "t" ? "\t" : c == "n" ? "\n" : c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.append(c)
            }
        }
        return out
    }

    /// A compared range's commits: a JSON array of `{author_name, created_at, id, short_id, title}`
    /// (sorted keys; `created_at` in the cache's date convention).
    struct StoredCommit: Codable {
        var id: String
        var short_id: String
        var title: String
        var author_name: String
        var created_at: Double?
    }

    static func encodeCommits(_ commits: [Commit]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let stored = commits.map {
            StoredCommit(
                id: $0.id, short_id: $0.shortID, title: $0.title, author_name: $0.authorName,
                created_at: $0.createdAt?.storedValue)
        }
        return String(decoding: try encoder.encode(stored), as: UTF8.self)
    }

    static func decodeCommits(_ text: String) throws -> [Commit] {
        try JSONDecoder().decode([StoredCommit].self, from: Data(text.utf8)).map {
            Commit(
                id: $0.id, shortID: $0.short_id, title: $0.title, authorName: $0.author_name,
                createdAt: $0.created_at.map(Date.init(storedValue:)))
        }
    }
}
