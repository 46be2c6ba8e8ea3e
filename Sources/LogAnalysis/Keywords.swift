/// Cheap byte-level line tests used by the extractor: error keywords, runner boilerplate, frames.
enum Keywords {
    /// Lowercased keywords; a hit must start a word (or a CamelCase part: `AssertionError`).
    static let words: [[UInt8]] = [
        "error", "fail", "fatal", "exception", "panic", "abort", "traceback", "assert", "denied",
        "segfault", "cannot ", "could not", "unable to", "undefined", "timed out",
    ].map { Array($0.utf8) }

    /// Whole-line exclusions (lowercased substrings): compiler flags, option names, config noise.
    static let exclusions: [[UInt8]] = [
        "-werror", "error_reporting", "errorformat", "failfast", "fail-fast", "fail_fast", "-e errexit",
        "ignore_errors", "ignore-errors", "on_error", " onerror=", "allow_failure", "allow-failure",
        "skip_failed", "abort_on", "assertions enabled", "--no-fail",
    ].map { Array($0.utf8) }

    /// Runner and CI boilerplate (prefixes, after leading spaces): a failure's echo, not its cause.
    static let boilerplate: [[UInt8]] =
        ([
            "ERROR: Job failed: exit code", "ERROR: Job failed: exit status",
            "ERROR: Job failed: command terminated",
            "WARNING: Job failed", "Job failed", "Cleaning up project directory and file based variables",
            "Cleaning up file based variables", "Uploading artifacts", "Saving cache", "Not uploading cache",
            "ERROR: No files to upload", "##[error]Process completed with exit code",
            "Process completed with exit code",
            "Finished: FAILURE", "Build step '", "Build was aborted", "The command \"",
            "Done. Your build exited with",
            "Running after_script", "Running after script",
        ] + LineShape.stepVerdictLines).map { Array($0.utf8) }

    /// First bytes of the `boilerplate` prefixes.
    static let boilerplateFirst: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for prefix in boilerplate { if let f = prefix.first { table[Int(f)] = true } }
        return table
    }()

    static func isBoilerplate(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        while start < b.count && (b[start] == 0x20 || b[start] == 0x09) { start += 1 }
        guard start < b.count, boilerplateFirst[Int(b[start])] else { return false }
        for prefix in boilerplate where b.count - start >= prefix.count {
            var k = 0
            while k < prefix.count && b[start + k] == prefix[k] { k += 1 }
            if k == prefix.count { return true }
        }
        return false
    }

    /// The exclusions, searched in one pass.
    static let exclusionScanner = NeedleSet(exclusions)

    /// The keywords alone, for `hasErrorKeyword(_:)` (the extractor uses its library's scanner).
    static let scanner = NeedleSet(words)

    /// True when the line holds an error keyword that is not a zero count (`0 errors`, `Failures: 0`),
    /// an option name, a shell echo (`$ make`) or a warning.
    static func hasErrorKeyword(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var hits: [(needle: Int, at: Int)] = []
        scanner.scan(b, into: &hits)
        return hasErrorKeyword(b, hits: hits, base: 0)
    }

    /// Same, given every occurrence of the keywords in the line: `hits` whose `needle - base` is an
    /// index into `words` (others are ignored).
    static func hasErrorKeyword(_ b: UnsafeBufferPointer<UInt8>, hits: [(needle: Int, at: Int)], base: Int)
        -> Bool
    {
        guard hits.contains(where: { $0.needle >= base && $0.needle - base < words.count }) else {
            return false
        }
        let n = b.count
        var start = 0
        while start < n && (b[start] == 0x20 || b[start] == 0x09) { start += 1 }
        // `$ `, `+ `
        if start + 1 < n && (b[start] == 0x24 || b[start] == 0x2B) && b[start + 1] == 0x20 { return false }
        if startsWithLower(b, start, warningWord) || startsWithLower(b, start, warningTag)
            || startsWithLower(b, start, infoTag) && !ByteSearch.contains(b, errorWord, caseInsensitive: true)
                && !ByteSearch.contains(b, failWord, caseInsensitive: true)
        {
            return false
        }
        var found = false
        for hit in hits {
            let w = hit.needle - base
            guard w >= 0 && w < words.count else { continue }
            let at = hit.at
            if at > 0 {
                let before = b[at - 1]
                let camel = b[at] &- 0x41 < 26  // uppercase start: a CamelCase part
                if Masker.isAlpha(before) && !(camel && before &- 0x61 < 26) { continue }
            }
            if isZeroCount(b, at, words[w].count) { continue }
            found = true
            break
        }
        guard found else { return false }
        return !exclusionScanner.containsAny(b)
    }

    static let warningWord = Array("warning".utf8)
    static let warningTag = Array("[warning]".utf8)
    static let infoTag = Array("[info]".utf8)
    static let errorWord = Array("error".utf8)
    static let failWord = Array("fail".utf8)

    /// `0 errors`, `no failures`, `Errors: 0`, `failed=0`, `errors: 0,`.
    static func isZeroCount(_ b: UnsafeBufferPointer<UInt8>, _ at: Int, _ length: Int) -> Bool {
        let n = b.count
        if at >= 2 && b[at - 1] == 0x20 && b[at - 2] == 0x30 && (at < 3 || !Masker.isDigit(b[at - 3])) {
            return true
        }
        if at >= 3 && b[at - 1] == 0x20 && ByteSearch.lower(b[at - 2]) == 0x6F
            && ByteSearch.lower(b[at - 3]) == 0x6E
            && (at < 4 || !Masker.isAlpha(b[at - 4]))
        {
            return true
        }
        var j = at + length
        while j < n && (Masker.isAlpha(b[j]) || b[j] == 0x28 || b[j] == 0x29) { j += 1 }
        if j < n && (b[j] == 0x3A || b[j] == 0x3D) { j += 1 }
        while j < n && b[j] == 0x20 { j += 1 }
        if j < n && b[j] == 0x30 && (j + 1 >= n || !Masker.isDigit(b[j + 1])) && j > at + length {
            return true
        }
        return false
    }

    static func startsWithLower(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ prefix: String) -> Bool {
        startsWithLower(b, start, Array(prefix.utf8))
    }

    static func startsWithLower(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ p: [UInt8]) -> Bool {
        guard b.count - start >= p.count else { return false }
        for k in 0..<p.count where ByteSearch.lower(b[start + k]) != p[k] { return false }
        return true
    }

    static func containsLower(_ b: UnsafeBufferPointer<UInt8>, _ needle: String) -> Bool {
        ByteSearch.contains(b, Array(needle.utf8), caseInsensitive: true)
    }

    static func isIndented(_ text: String) -> Bool {
        guard let first = text.utf8.first else { return false }
        return first == 0x20 || first == 0x09
    }

    /// A stack frame, leading whitespace already removed: Java `at a.b(C.java:1)`, Julia `[3] f(…) at …`,
    /// Python `File "x.py", line 3`, Go `main.f(…)` / `/path/x.go:12 +0x1d`.
    static func isFrame(_ trimmed: Substring) -> Bool {
        if trimmed.hasPrefix("at ") { return true }
        if trimmed.hasPrefix("File \"") { return true }
        if trimmed.hasPrefix("["), let close = trimmed.firstIndex(of: "]") {
            let inner = trimmed[trimmed.index(after: trimmed.startIndex)..<close]
            return !inner.isEmpty && inner.allSatisfy(\.isNumber)
        }
        return false
    }
}
