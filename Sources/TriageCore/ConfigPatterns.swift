import LogAnalysis

/// Known patterns written in `triage.toml`'s `[patterns]` section, one a line:
///
/// ```toml
/// [patterns]
/// gpu-lost = "CUDA error: (device-side assert|unspecified launch failure)"   # category test
/// mirror-down = ["Could not resolve host: mirror\\.example", "network"]      # REGEX, CATEGORY
/// flaky-socket = ["(ECONNRESET|EPIPE) on socket", "network", "socket"]        # REGEX, CATEGORY, ANCHOR
/// ```
///
/// - The key is the pattern's name, shown in excerpts and in `patterns`; the regex is Swift regex
///   syntax, matched against one cleaned log line.
/// - CATEGORY defaults to `test`. A pattern is an infrastructure failure (the machine's, not the
///   code's) when its category is one of `infrastructureCategories`.
/// - Weight is 90 (a test assertion's): a workspace pattern usually beats a generic error line.
/// - ANCHOR is the literal text every match contains (case-sensitive), the cheap prefilter before
///   the regex runs. Left out, it is the longest literal run of the regex outside groups, classes
///   and quantifiers (`CUDA error: ` above); a regex with a top-level `|`, or with no literal run of
///   two characters, needs one given.
public enum ConfigPatterns {
    public static let defaultCategory = "test"
    public static let weight = 90
    public static let infrastructureCategories: Set<String> = [
        "oom", "network", "disk", "docker", "git", "runner", "timeout",
    ]

    public struct Failure: Error, Hashable, Sendable {
        public var message: String
    }

    /// The pattern of one `name = value` line; `string` or `strings` is the value read.
    static func pattern(named name: String, _ string: String?, _ strings: [String]?) throws(Failure)
        -> KnownPattern
    {
        let parts: [String]
        if let string {
            parts = [string]
        } else if let strings, (1...3).contains(strings.count) {
            parts = strings
        } else {
            throw Failure(
                message:
                    "must be \"REGEX\" or [\"REGEX\", \"CATEGORY\"] or [\"REGEX\", \"CATEGORY\", \"ANCHOR\"]")
        }
        let source = parts[0]
        do {
            _ = try Regex(source)
        } catch {
            throw Failure(message: "'\(source)' is not a valid regular expression")
        }
        let category = parts.count > 1 && !parts[1].isEmpty ? parts[1] : defaultCategory
        guard let anchor = parts.count > 2 ? parts[2] : anchor(of: source), !anchor.isEmpty else {
            throw Failure(
                message: "cannot find a literal text every match of '\(source)' contains; "
                    + "give one: [\"REGEX\", \"CATEGORY\", \"ANCHOR\"]")
        }
        return KnownPattern(
            name: name, anchor: anchor, regex: source,
            infrastructure: infrastructureCategories.contains(category),
            category: category, weight: weight)
    }

    /// The longest run of literal characters at the top level of a regex, nil when there is a
    /// top-level alternation or no run of at least two characters.
    ///
    /// `CUDA error: (a|b)` → `CUDA error: `; `Killed\s+process` → `process`; `colou?r` → `colo`;
    /// `a|b` → nil.
    static func anchor(of source: String) -> String? {
        var best = ""
        var run = ""
        var depth = 0
        var inClass = false
        var chars = Array(source)[...]
        func flush() {
            if run.count > best.count { best = run }
            run = ""
        }
        while let c = chars.popFirst() {
            if inClass {
                if c == "\\" { _ = chars.popFirst() } else if c == "]" { inClass = false }
                continue
            }
            switch c {
            case "\\":
                guard let next = chars.popFirst() else { break }
                if depth == 0, next.isPunctuation || next.isSymbol || next == " " {
                    run.append(next)
                } else {
                    flush()
                }
            case "[":
                flush()
                inClass = true
            case "(":
                flush()
                depth += 1
            case ")":
                depth = max(0, depth - 1)
            case "|":
                if depth == 0 { return nil }
            case "?", "*", "{":
                // The character before is optional: it cannot be in the anchor.
                if depth == 0, !run.isEmpty { run.removeLast() }
                flush()
                if c == "{" { while let d = chars.popFirst(), d != "}" {} }
            case "+":
                flush()
            case ".", "^", "$":
                flush()
            default:
                if depth == 0 { run.append(c) }
            }
        }
        flush()
        return best.count >= 2 ? best : nil
    }
}
