/// The order of two versions: `a` before, equal to, or after `b`.
public enum VersionOrdering: Hashable, Sendable {
    case ascending, same, descending
}

/// Compares version strings across ecosystems ("semantic-ish"), or says it cannot.
///
/// Rules, in order:
/// 1. A leading `v`/`V` is ignored (`v1.2` = `1.2`). Letters are compared case-insensitively.
/// 2. The part after the first `+` is build metadata; it only breaks ties, and a version with one
///    is after the same version without (`0.5.3+1` < `0.5.3+2`, `1.0` < `1.0+cpu`) — Julia JLL
///    builds and pip local versions bump it.
/// 3. The rest splits into pieces at `.`, `-`, `_` and between digits and letters
///    (`1.0rc1` → 1, 0, rc, 1). Numbers compare numerically at any length (`1.10` > `1.9`).
/// 4. Where one version runs out, a missing number counts as 0 (`1.0` = `1.0.0`); a tail that
///    starts at a `-` or with a pre-release word is a pre-release, before the release
///    (`1.0-rc1` < `1.0`, `1.4.0-DEV.577` < `1.4.0`, Go `v1.2.4-0.2024…-abc` < `v1.2.4`, `2.0a1` < `2.0`);
///    a tail starting with a post-release word is after it (`1.0.post1` > `1.0`).
/// 5. A number is after a word in the same place (`1.0.1` > `1.0.post1` > `1.0-rc1`).
/// 6. Two words compare by their rank: dev = snapshot < alpha = a < beta = b <
///    milestone = m = pre = preview = c = rc = cr < ga = final = release (= no word) <
///    post = sp = patch = pl.
///    Two different words of which one is unknown do not compare (`32.1-jre` vs `32.1-android`):
///    the result is nil and a caller says "changed".
///
/// Equal results do not mean equal strings: `1.0` and `1.0.0` are `.same`.
public enum VersionComparator {
    public static func compare(_ a: String, _ b: String) -> VersionOrdering? {
        let (mainA, buildA) = split(a)
        let (mainB, buildB) = split(b)
        guard let main = compare(pieces(mainA), pieces(mainB)) else { return nil }
        if main != .same { return main }
        switch (buildA, buildB) {
        case (nil, nil): return .same
        case (nil, .some): return .ascending
        case (.some, nil): return .descending
        case (.some(let x), .some(let y)): return compare(pieces(x), pieces(y))
        }
    }

    /// True when `a` is known to be before `b`.
    public static func isLower(_ a: String, than b: String) -> Bool { compare(a, b) == .ascending }

    /// One piece of a version and the separator before it (`-` matters for rule 4).
    enum Piece: Equatable {
        case number(digits: Substring, afterDash: Bool)
        case word(Substring, afterDash: Bool)

        var afterDash: Bool {
            switch self {
            case .number(_, let d), .word(_, let d): return d
            }
        }
    }

    /// Pre-release words rank below 0, post-release words above; nil for unknown words.
    static func rank(_ word: Substring) -> Int? {
        switch word {
        case "dev", "snapshot": return -4
        case "alpha", "a": return -3
        case "beta", "b": return -2
        case "milestone", "m", "pre", "preview", "c", "rc", "cr": return -1
        case "ga", "final", "release": return 0
        case "post", "sp", "patch", "pl": return 1
        default: return nil
        }
    }

    static func split(_ version: String) -> (main: Substring, build: Substring?) {
        var s = Substring(version)
        if let f = s.first, f == "v" || f == "V", s.dropFirst().first?.isNumber == true { s = s.dropFirst() }
        guard let plus = s.firstIndex(of: "+") else { return (s, nil) }
        return (s[..<plus], s[s.index(after: plus)...])
    }

    static func pieces(_ s: Substring) -> [Piece] {
        let lower = Substring(s.lowercased())
        var out: [Piece] = []
        var start = lower.startIndex
        var afterDash = false
        var i = lower.startIndex
        func flush(_ end: String.Index) {
            guard start < end else { return }
            let text = lower[start..<end]
            if text.allSatisfy(\.isASCIIDigit) {
                let trimmed = text.drop { $0 == "0" }
                out.append(.number(digits: trimmed, afterDash: afterDash))
            } else {
                out.append(.word(text, afterDash: afterDash))
            }
            afterDash = false
        }
        while i < lower.endIndex {
            let c = lower[i]
            if c == "." || c == "-" || c == "_" {
                flush(i)
                if c == "-" { afterDash = true }
                start = lower.index(after: i)
            } else if i > start, lower[lower.index(before: i)].isASCIIDigit != c.isASCIIDigit {
                flush(i)
                start = i
            }
            i = lower.index(after: i)
        }
        flush(lower.endIndex)
        return out
    }

    static func compare(_ a: [Piece], _ b: [Piece]) -> VersionOrdering? {
        var i = 0
        while i < a.count || i < b.count {
            let r: VersionOrdering?
            if i < a.count && i < b.count {
                r = compare(a[i], b[i])
            } else if i < a.count {
                r = tail(a[i])
            } else {
                r = tail(b[i]).map(flipped)
            }
            guard let r else { return nil }
            if r != .same { return r }
            i += 1
        }
        return .same
    }

    /// The order of a version whose next piece is `p` against one that has run out.
    static func tail(_ p: Piece) -> VersionOrdering? {
        switch p {
        case .number(let digits, let afterDash):
            if afterDash { return .ascending }  // `1.2.4-0.2024…` is a pre-release of 1.2.4
            return digits.isEmpty ? .same : .descending
        case .word(let w, let afterDash):
            if let r = rank(w) {
                return r < 0 ? .ascending : r == 0 ? .same : .descending
            }
            return afterDash ? .ascending : nil
        }
    }

    static func compare(_ x: Piece, _ y: Piece) -> VersionOrdering? {
        switch (x, y) {
        case (.number(let a, _), .number(let b, _)):
            if a.count != b.count { return a.count < b.count ? .ascending : .descending }
            return a == b ? .same : a < b ? .ascending : .descending
        case (.number, .word): return .descending
        case (.word, .number): return .ascending
        case (.word(let a, _), .word(let b, _)):
            if a == b { return .same }
            guard let ra = rank(a), let rb = rank(b) else { return nil }
            return ra == rb ? .same : ra < rb ? .ascending : .descending
        }
    }

    static func flipped(_ o: VersionOrdering) -> VersionOrdering {
        switch o {
        case .ascending: return .descending
        case .same: return .same
        case .descending: return .ascending
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
