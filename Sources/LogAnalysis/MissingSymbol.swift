/// A name a module does not export (a dependency's release removed or renamed it), in the words of
/// the tool that looked it up: the test run's `ImportError: cannot import name 'RetryOptions' from
/// 'acme_http'` and the type checker's `Module "acme_http" has no attribute "RetryOptions"` are one
/// cause; another name, or the same name from another module, is another.
enum MissingSymbol {
    /// Text before the first quoted part, between it and the second, and which of the two is the
    /// module (the other is the name).
    struct Phrasing {
        var lead: String
        var middle: String
        var moduleFirst: Bool
    }

    static let phrasings: [Phrasing] = [
        // CPython, mypy
        Phrasing(lead: "cannot import name ", middle: " from ", moduleFirst: false),
        Phrasing(lead: "module ", middle: " has no attribute ", moduleFirst: true),
        Phrasing(lead: "Module ", middle: " has no attribute ", moduleFirst: true),
        Phrasing(lead: "Module ", middle: " does not explicitly export attribute ", moduleFirst: true),
        // tsc, Node's ES modules, webpack
        Phrasing(lead: "Module ", middle: " has no exported member ", moduleFirst: true),
        Phrasing(
            lead: "The requested module ", middle: " does not provide an export named ", moduleFirst: true),
        Phrasing(lead: "export ", middle: " was not found in ", moduleFirst: false),
    ]

    /// `name in module`, or nil when `line` says no such thing.
    ///
    /// | line | result |
    /// |---|---|
    /// | `E   ImportError: cannot import name 'RetryOptions' from 'acme_http' (/builds/…/__init__.py)` | `RetryOptions in acme_http` |
    /// | `src/a.py:10: error: Module "acme_http" has no attribute "RetryOptions"  [attr-defined]` | `RetryOptions in acme_http` |
    /// | `src/a.ts(3,10): error TS2305: Module '"@acme/http"' has no exported member 'RetryOptions'.` | `RetryOptions in @acme/http` |
    static func name(in line: String) -> String? {
        for p in phrasings {
            guard let lead = line.range(of: p.lead) else { continue }
            guard let (first, afterFirst) = quoted(line[lead.upperBound...]) else { continue }
            var rest = afterFirst
            // webpack's `export 'X' (imported as 'X') was not found in 'M'`.
            if rest.hasPrefix(" (imported as "), let close = rest.firstIndex(of: ")") {
                rest = rest[rest.index(after: close)...]
            }
            guard rest.hasPrefix(p.middle), let (second, _) = quoted(rest.dropFirst(p.middle.count)) else {
                continue
            }
            let (module, symbol) = p.moduleFirst ? (first, second) : (second, first)
            guard !module.isEmpty, !symbol.isEmpty, !symbol.contains(" "), !module.contains(" ") else {
                continue
            }
            return symbol + " in " + module
        }
        return nil
    }

    /// The text between a quote at the start of `s` and its closing quote (tsc's `'"m"'` as `m`),
    /// and what follows it.
    static func quoted(_ s: Substring) -> (String, Substring)? {
        guard let q = s.first, q == "'" || q == "\"" || q == "`" else { return nil }
        let body = s.dropFirst()
        guard let close = body.firstIndex(of: q) else { return nil }
        var text = body[..<close]
        if let inner = text.first, inner == "\"" || inner == "'", text.count >= 2, text.last == inner {
            text = text.dropFirst().dropLast()
        }
        return (String(text), body[body.index(after: close)...])
    }
}
