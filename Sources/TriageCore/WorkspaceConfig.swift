import Foundation
import LogAnalysis

/// The workspace's `triage.toml`: which GitLab, which projects, which nights.
///
/// ```toml
/// [gitlab]
/// url = "https://gitlab.example.com"
///
/// [scope]
/// groups = ["julia"]          # subgroups included
/// projects = ["tools/ci-images"]
/// source = "schedule"         # or "all"
/// nights = 30
///
/// [nightly]
/// timezone = "America/Chicago"
///
/// [patterns]                  # added to the built-in known patterns, see `ConfigPatterns`
/// gpu-lost = "CUDA error: (device-side assert|unspecified launch failure)"
/// mirror-down = ["Could not resolve host: mirror\\.example", "network"]
/// ```
/// The parser reads the TOML subset above: `[section]` headers, `key = value` with strings,
/// integers, booleans and arrays of strings, and `#` comments. Unknown keys are errors, so a
/// typo never silently falls back to a default.
public struct WorkspaceConfig: Hashable, Sendable {
    public var gitlabURL: String?
    public var groups: [String] = []
    public var projects: [String] = []
    /// nil means every pipeline source.
    public var source: String? = "schedule"
    public var nights: Int = 30
    public var timeZone: String?
    public var concurrency: Int = 16
    /// Known patterns of the `[patterns]` section, in file order (appended to the built-in ones).
    public var patterns: [KnownPattern] = []

    public init() {}

    /// The known-pattern library the analysis uses: the built-in patterns, then this workspace's.
    public var patternLibrary: PatternLibrary {
        patterns.isEmpty ? .builtIn : PatternLibrary.builtIn.adding(patterns)
    }

    public static let fileName = "triage.toml"

    public var scope: ProjectScope {
        groups.isEmpty && projects.isEmpty ? .membership : .named(groups: groups, projects: projects)
    }

    /// A parse error, with the 1-based line it is on.
    public struct ParseError: Error, Hashable, Sendable {
        public var line: Int
        public var message: String
    }

    public static func parse(_ text: String) throws(ParseError) -> WorkspaceConfig {
        var config = WorkspaceConfig()
        var section = ""
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            let line = stripComment(String(raw)).trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else {
                    throw ParseError(line: lineNumber, message: "unterminated section header '\(line)'")
                }
                section = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                guard ["gitlab", "scope", "nightly", "sync", "patterns"].contains(section) else {
                    throw ParseError(line: lineNumber, message: "unknown section [\(section)]")
                }
                continue
            }
            guard let eq = line.firstIndex(of: "=") else {
                throw ParseError(line: lineNumber, message: "expected 'key = value', got '\(line)'")
            }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces)
            let valueText = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            let value: Value
            do { value = try Value.parse(valueText) } catch {
                throw ParseError(line: lineNumber, message: "\(section).\(key): \(error.message)")
            }
            func expect<T>(_ v: T?, _ kind: String) throws(ParseError) -> T {
                guard let v else {
                    throw ParseError(line: lineNumber, message: "\(section).\(key) must be \(kind)")
                }
                return v
            }
            if section == "patterns" {
                do {
                    config.patterns.append(
                        try ConfigPatterns.pattern(named: key, value.string, value.strings))
                } catch {
                    throw ParseError(line: lineNumber, message: "patterns.\(key): \(error.message)")
                }
                continue
            }
            switch (section, key) {
            case ("gitlab", "url"): config.gitlabURL = try expect(value.string, "a string")
            case ("scope", "groups"): config.groups = try expect(value.strings, "an array of strings")
            case ("scope", "projects"): config.projects = try expect(value.strings, "an array of strings")
            case ("scope", "source"):
                let source = try expect(value.string, "a string")
                config.source = source == "all" ? nil : source
            case ("scope", "nights"):
                let nights = try expect(value.int, "an integer")
                guard nights > 0 else {
                    throw ParseError(line: lineNumber, message: "scope.nights must be at least 1")
                }
                config.nights = nights
            case ("nightly", "timezone"):
                let name = try expect(value.string, "a string")
                guard TimeZone(identifier: name) != nil else {
                    throw ParseError(
                        line: lineNumber,
                        message: "unknown time zone '\(name)' (use an IANA name like America/Chicago)")
                }
                config.timeZone = name
            case ("sync", "concurrency"):
                let n = try expect(value.int, "an integer")
                guard (1...64).contains(n) else {
                    throw ParseError(line: lineNumber, message: "sync.concurrency must be between 1 and 64")
                }
                config.concurrency = n
            default:
                let name = section.isEmpty ? key : "\(section).\(key)"
                throw ParseError(line: lineNumber, message: "unknown setting '\(name)'")
            }
        }
        return config
    }

    /// The file's text for this configuration (used to write a new workspace's config).
    public func rendered() -> String {
        func quote(_ s: String) -> String {
            "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                + "\""
        }
        var out = "# triage workspace configuration\n"
        if let gitlabURL { out += "\n[gitlab]\nurl = \(quote(gitlabURL))\n" }
        out += "\n[scope]\n"
        out += "groups = [\(groups.map(quote).joined(separator: ", "))]\n"
        out += "projects = [\(projects.map(quote).joined(separator: ", "))]\n"
        out += "source = \(quote(source ?? "all"))\nnights = \(nights)\n"
        if let timeZone { out += "\n[nightly]\ntimezone = \(quote(timeZone))\n" }
        return out
    }

    private static func stripComment(_ line: String) -> String {
        var inString = false
        var escaped = false
        for (offset, ch) in line.enumerated() {
            if escaped { escaped = false; continue }
            if ch == "\\" && inString { escaped = true; continue }
            if ch == "\"" { inString.toggle() }
            if ch == "#" && !inString { return String(line.prefix(offset)) }
        }
        return line
    }

    private enum Value {
        case string(String), int(Int), bool(Bool), strings([String])

        var string: String? { if case .string(let s) = self { s } else { nil } }
        var int: Int? { if case .int(let n) = self { n } else { nil } }
        var strings: [String]? { if case .strings(let a) = self { a } else { nil } }

        struct Failure: Error { var message: String }

        static func parse(_ text: String) throws(Failure) -> Value {
            if text == "true" { return .bool(true) }
            if text == "false" { return .bool(false) }
            if let n = Int(text) { return .int(n) }
            if text.hasPrefix("\"") {
                var rest = Substring(text)
                let s = try parseString(&rest)
                guard rest.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw Failure(message: "unexpected text after string")
                }
                return .string(s)
            }
            if text.hasPrefix("[") {
                guard text.hasSuffix("]") else { throw Failure(message: "unterminated array") }
                var rest = text.dropFirst().dropLast()
                var items: [String] = []
                while true {
                    rest = rest.drop(while: { $0 == " " || $0 == "\t" })
                    if rest.isEmpty { break }
                    items.append(try parseString(&rest))
                    rest = rest.drop(while: { $0 == " " || $0 == "\t" })
                    if rest.isEmpty { break }
                    guard rest.first == "," else {
                        throw Failure(message: "expected ',' between array items")
                    }
                    rest = rest.dropFirst()
                }
                return .strings(items)
            }
            throw Failure(message: "cannot read value '\(text)' (strings need double quotes)")
        }

        static func parseString(_ text: inout Substring) throws(Failure) -> String {
            guard text.first == "\"" else { throw Failure(message: "expected a quoted string") }
            text = text.dropFirst()
            var out = ""
            while let ch = text.first {
                text = text.dropFirst()
                switch ch {
                case "\"": return out
                case "\\":
                    guard let next = text.first else { break }
                    text = text.dropFirst()
                    switch next {
                    case "n": out.append("\n")
                    case "t": out.append("\t")
                    default: out.append(next)
                    }
                default: out.append(ch)
                }
            }
            throw Failure(message: "unterminated string")
        }
    }
}
