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
            out +=
                "!"
                + [escape(d.ecosystem.rawValue), escape(d.name), escape(d.version), escape(d.id ?? "")]
                .joined(separator: "\t") + "\n"
        }
        return out
    }

    /// A decoded line, kept by `decode` for the next listing with the same line.
    struct Line {
        var unresolved: Bool
        var key: String
        var dependency: Dependency
        var number: Int?
    }

    /// Nil when the text is not a listing this codec wrote.
    static func decode(_ text: String, truncated: Bool) -> TraceFacts? {
        var lines: [String: Line] = [:]
        return decode(text, truncated: truncated, lines: &lines)
    }

    /// Decodes with `lines` remembering each distinct line: the listings of one project's jobs
    /// repeat most of their lines night after night, and `suspects` decodes thousands of them.
    static func decode(_ text: String, truncated: Bool, lines: inout [String: Line]) -> TraceFacts? {
        var listing = DependencyListing()
        var unresolved: [Dependency] = []
        // Split on the UTF-8 bytes: splitting Characters was most of the decoding time.
        for bytes in text.utf8.split(separator: 10, omittingEmptySubsequences: true) {
            let raw = Substring(bytes)
            let lineText = String(raw)
            let line: Line
            if let known = lines[lineText] {
                line = known
            } else {
                guard let parsed = parse(raw) else { return nil }
                lines[lineText] = parsed
                line = parsed
            }
            if line.unresolved {
                unresolved.append(line.dependency)
            } else {
                listing.dependencies[line.key] = line.dependency
                if let number = line.number { listing.lines[line.key] = number }
            }
        }
        return TraceFacts(listing: listing, truncated: truncated, unresolved: unresolved)
    }

    private static func parse(_ raw: Substring) -> Line? {
        let isUnresolved = raw.first == "!"
        let fields = (isUnresolved ? raw.dropFirst() : raw).split(
            separator: "\t", omittingEmptySubsequences: false)
        guard fields.count >= 4 else { return nil }
        let id = unescape(fields[3])
        let dependency = Dependency(
            ecosystem: Ecosystem(rawValue: unescape(fields[0])), name: unescape(fields[1]),
            version: unescape(fields[2]), id: id.isEmpty ? nil : id)
        return Line(
            unresolved: isUnresolved, key: dependency.key, dependency: dependency,
            number: fields.count >= 5 ? Int(fields[4]) : nil)
    }

    static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "\\" || $0 == "\t" || $0 == "\n" }) else { return field }
        return field.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    static func unescape(_ field: Substring) -> String {
        guard field.utf8.contains(92) else { return String(field) }
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
        var shortID: String
        var title: String
        var authorName: String
        var createdAt: Double?

        enum CodingKeys: String, CodingKey {
            case id, title
            case shortID = "short_id"
            case authorName = "author_name"
            case createdAt = "created_at"
        }
    }

    static func encodeCommits(_ commits: [Commit]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let stored = commits.map {
            StoredCommit(
                id: $0.id, shortID: $0.shortID, title: $0.title, authorName: $0.authorName,
                createdAt: $0.createdAt?.storedValue)
        }
        return String(decoding: try encoder.encode(stored), as: UTF8.self)
    }

    static func decodeCommits(_ text: String) throws -> [Commit] {
        try JSONDecoder().decode([StoredCommit].self, from: Data(text.utf8)).map {
            Commit(
                id: $0.id, shortID: $0.shortID, title: $0.title, authorName: $0.authorName,
                createdAt: $0.createdAt.map(Date.init(storedValue:)))
        }
    }
}
