import Foundation

// `assignments.json`'s bytes to and from `Assignments` (DESIGN §3), and why a file cannot be
// used. Pure: the locked, atomic file I/O is Store's `AssignmentsFile`.

/// Why `assignments.json` cannot be used. The file is never touched when one of these is thrown.
public enum AssignmentsFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Not JSON, or not the shape of version 1. `line` and `column` (1-based) when known.
    case unreadable(file: String, reason: String, line: Int? = nil, column: Int? = nil)
    /// A `version` this triage does not know (a newer triage wrote it).
    case unknownVersion(file: String, version: Int)
    /// The file system refused (open, write, fsync, rename, lock).
    case io(file: String, operation: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason, let line, let column):
            let place = line.map { "line \($0)" + (column.map { ", column \($0)" } ?? "") + ": " } ?? ""
            return "\(file) cannot be read as assignments (\(place)\(reason)); it was left untouched — "
                + (reason.hasPrefix(Self.conflictReason)
                    ? "resolve the conflict, or restore the file from git" : "fix it, or restore it from git")
        case .unknownVersion(let file, let version):
            return
                "\(file) has version \(version); this triage reads and writes version \(Assignments.currentVersion) "
                + "only — it was left untouched; upgrade triage"
        case .io(let file, let operation, let reason):
            return "cannot \(operation) \(file): \(reason)"
        }
    }
}

extension AssignmentsFileError: UnusableAssignments {
    public static let conflictReason = "a merge conflict marker"

    /// `FILE:LINE:COLUMN: what — reading on without assignments …` (no line when unknown).
    public var warning: String {
        let what: String
        let fix: String
        switch self {
        case .unreadable(let file, let reason, let line, let column):
            what = file + (line.map { ":\($0)" + (column.map { ":\($0)" } ?? "") } ?? "") + ": " + reason
            fix = reason.hasPrefix(Self.conflictReason) ? "the conflict is resolved" : "the file is fixed"
        case .unknownVersion(let file, let version):
            what = "\(file): version \(version), which this triage does not read"
            fix = "triage is upgraded"
        case .io(let file, let operation, let reason):
            what = "cannot \(operation) \(file): \(reason)"
            fix = "it can be read"
        }
        return "\(what) — reading on without assignments (every failure shows as untriaged); "
            + "'assign' refuses until \(fix)"
    }
}

extension Assignments {
    /// Decodes the file's bytes (`file` names it in errors): a merge conflict marker, text that
    /// is not JSON (with its line and column), a `version` other than 1, or a shape that is not
    /// version 1's is refused with `AssignmentsFileError`. The one reading of the file: the
    /// shell's book and the dashboard's export both go through it.
    public static func decode(_ data: Data, file: String) throws -> Assignments {
        struct Envelope: Decodable { var version: Int }
        let decoder = JSONDecoder()
        let envelope: Envelope
        if let (line, marker) = conflictMarker(in: data) {
            throw AssignmentsFileError.unreadable(
                file: file, reason: "\(AssignmentsFileError.conflictReason) (\(marker))", line: line,
                column: 1)
        }
        do {
            envelope = try decoder.decode(Envelope.self, from: data)
        } catch {
            let (line, column) = syntaxLocation(error, in: data)
            throw AssignmentsFileError.unreadable(
                file: file, reason: reason(error), line: line, column: column)
        }
        guard envelope.version == Assignments.currentVersion else {
            throw AssignmentsFileError.unknownVersion(file: file, version: envelope.version)
        }
        do {
            return try decoder.decode(Assignments.self, from: data)
        } catch {
            throw AssignmentsFileError.unreadable(file: file, reason: reason(error))
        }
    }

    /// The first line that git's merge left as a conflict marker, and the marker.
    static func conflictMarker(in data: Data) -> (line: Int, marker: String)? {
        var number = 0
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            number += 1
            let text = String(decoding: line.prefix(8), as: UTF8.self)
            for marker in ["<<<<<<<", "=======", ">>>>>>>", "|||||||"] where text.hasPrefix(marker) {
                return (number, marker)
            }
        }
        return nil
    }

    /// Where JSON stopped parsing, as 1-based line and column (in bytes). JSONDecoder does not
    /// say; JSONSerialization says "around character N" (a byte offset), which is turned into a
    /// line and column. Nil when the text is valid JSON (the shape is wrong instead).
    static func syntaxLocation(_ error: any Error, in data: Data) -> (line: Int?, column: Int?) {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return (nil, nil)
        } catch {
            let text = "\((error as NSError).userInfo)"
            guard let range = text.range(of: #"character \d+"#, options: .regularExpression),
                let offset = Int(text[range].dropFirst("character ".count))
            else { return (nil, nil) }
            var line = 1
            var column = 1
            for byte in data.prefix(offset) {
                if byte == 0x0A {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            }
            return (line, column)
        }
    }

    private static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "'\(key.stringValue)' is missing" + at(context.codingPath)
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong type" + at(context.codingPath)
        case DecodingError.dataCorrupted(let context) where !context.codingPath.isEmpty:
            return "bad value" + at(context.codingPath)
        default:
            return "not valid JSON"
        }
    }

    private static func at(_ path: [any CodingKey]) -> String {
        guard !path.isEmpty else { return "" }
        return " at " + path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }

    /// Sorted keys, two-space indentation, `"key": value`, a final newline.
    public static func encoded(_ assignments: Assignments) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let compact = try encoder.encode(assignments.normalised)
        return Data((prettyPrinted(String(decoding: compact, as: UTF8.self)) + "\n").utf8)
    }

    /// Re-indents compact JSON (no whitespace outside strings, as JSONEncoder writes it).
    static func prettyPrinted(_ compact: String) -> String {
        var out = ""
        var depth = 0
        var inString = false
        var escaped = false
        let chars = Array(compact)
        func newline() { out += "\n" + String(repeating: "  ", count: depth) }
        for (i, c) in chars.enumerated() {
            if inString {
                out.append(c)
                if escaped {
                    escaped = false
                } else if c == "\\" {
                    escaped = true
                } else if c == "\"" {
                    inString = false
                }
                continue
            }
            switch c {
            case "\"":
                inString = true
                out.append(c)
            case "{", "[":
                out.append(c)
                let next = i + 1 < chars.count ? chars[i + 1] : " "
                if next == "}" || next == "]" { continue }
                depth += 1
                newline()
            case "}", "]":
                let previous = i > 0 ? chars[i - 1] : " "
                if previous != "{" && previous != "[" {
                    depth -= 1
                    newline()
                }
                out.append(c)
            case ",":
                out.append(c)
                newline()
            case ":":
                out += ": "
            default:
                out.append(c)
            }
        }
        return out
    }
}
