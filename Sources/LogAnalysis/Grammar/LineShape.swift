/// What a line is before any grammar looks at it: where its content starts once CI decorations are
/// skipped, how far that content is indented, and whether it is noise that never explains a failure.
///
/// Decorations skipped (repeatedly, in any order), so that `2024-07-08T16:59:07.13Z   File "x.py"`
/// reads as an indented traceback frame:
///
/// | decoration | example |
/// |---|---|
/// | ISO timestamp (GitHub Actions, Azure) | `2024-07-08T16:59:07.1311657Z ` |
/// | bracketed runner tag (taskcluster, mozharness) | `[task 2021-01-11T14:04:50.990Z] ` |
/// | clock (Jenkins timestamper, mozharness) with a level | `14:04:50     INFO - ` |
/// | bracketed clock (fastlane) and `▸ ` | `[15:47:28]: ▸ ` |
/// | Buildkite's timestamp marker | `bk;t=1778142104590` |
/// | pytest-xdist worker | `[gw3] ` |
/// | bracketed ISO timestamp (Buildkite) | `[2026-07-13T19:39:36Z] ` |
/// | BuildKit step (docker build) | `#12 0.345 ` |
/// | a package's prefix (stack, nix) | `markdown-lite> ` |
struct LineShape {
    /// Offset of the content (after decorations, before indentation).
    var contentStart: Int
    /// Offset of the first non-blank byte of the content (== count when blank).
    var textStart: Int
    var indent: Int { textStart - contentStart }
    var blank: Bool
    var noise: Noise
    /// The CI marked the line as an error (GitHub Actions' `##[error]`, taskcluster's
    /// `[taskcluster:error]`).
    var annotatedError = false

    enum Noise: Equatable {
        case none
        /// CI scaffolding: GitLab runner, GitHub Actions, Travis, Jenkins, Buildkite, taskcluster.
        case scaffolding
        /// A passing test, a progress line, a download.
        case progress
        /// A build tool's frame around its report, the same on every run whatever failed: Maven's
        /// rules, timing and memory lines, Gradle's `* Try:` advice and its timing, the JVM's
        /// start-up notices. Never the cause; never shown.
        case chrome
    }

    init(_ b: UnsafeBufferPointer<UInt8>) {
        let n = b.count
        var i = LineShape.skipDecorations(b)
        if i >= 9, LineShape.has(b, i - 9, "##[error]") { annotatedError = true }
        // The worker's own error level: it says why it stopped the task (`Aborting task...`,
        // `Error downloading …`), the tag itself being a decoration.
        if i > 19, LineShape.has(b, 0, "[taskcluster:error]") { annotatedError = true }
        contentStart = i
        while i < n && (b[i] == 0x20 || b[i] == 0x09) { i += 1 }
        textStart = i
        blank = i == n
        noise = blank ? .none : LineShape.noise(b, from: i, indented: i > contentStart)
    }

    @inline(__always) static func digit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }

    /// A build tool's per-package prefix, `markdown-lite> ` (stack building several packages, nix's
    /// `--print-build-logs`): a lowercase letter, then letters, digits, `.`, `_`, `-`, then `> `; the
    /// index after it.
    /// A REPL's prompt in a doctest (`julia> `, `ghci> `, `scala> `) is the line's text, not a prefix.
    static func packagePrefixEnd(_ b: UnsafeBufferPointer<UInt8>, from i: Int) -> Int? {
        let n = b.count
        // Package names start with a lowercase letter: most lines are ruled out by their first byte.
        guard i < n, b[i] &- 0x61 < 26 else { return nil }
        var j = i
        while j < n && j - i <= 64 {
            let c = b[j]
            guard (c | 0x20) &- 0x61 < 26 || digit(c) || c == 0x2E || c == 0x5F || c == 0x2D else { break }
            j += 1
        }
        guard j - i >= 2, j + 1 < n, b[j] == 0x3E, b[j + 1] == 0x20 else { return nil }
        for prompt in replPrompts where prompt.count == j - i {
            if zip(prompt, UnsafeBufferPointer(rebasing: b[i..<j])).allSatisfy({ $0 == $1 }) { return nil }
        }
        return j + 2
    }
    static let replPrompts: [[UInt8]] = [
        "julia", "ghci", "scala", "irb", "pry", "node", "sqlite", "mysql", "shell",
    ]
    .map { Array($0.utf8) }

    /// After `##[error]` at `i`: the CI's verdict on the step (GitHub's `Process completed with exit
    /// code 1.`, Azure's `Bash exited with code '1'.`), which stays the line's text, not a tool's
    /// line the annotation marks.
    static func annotatedVerdict(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        annotatedVerdicts.contains { startsWith(b, i, $0) }
    }
    static let annotatedVerdicts: [[UInt8]] = (["Process completed"] + azureVerdicts).map { Array($0.utf8) }

    /// The CIs' verdicts on a failed step besides GitHub's and GitLab's, as prefixes: Azure
    /// Pipelines' (after its `##[error]`), then Jenkins Pipeline's `sh` step's and CircleCI's. One
    /// list for the scaffolding, the boilerplate and the verdict tests.
    static let azureVerdicts = [
        "Bash exited with code", "Script failed with exit code", "Cmd.exe exited with code",
        "PowerShell exited with code",
    ]
    static let otherStepVerdicts = ["ERROR: script returned exit code", "Exited with code exit status"]
    /// The same, as the line starts (`##[error]` before Azure's).
    static let stepVerdictLines = azureVerdicts.map { "##[error]" + $0 } + otherStepVerdicts

    static func skipDecorations(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        let n = b.count
        var i = 0
        var progressed = true
        // A timestamp was skipped: a BuildKit step prefix may follow it.
        var timestamped = false
        while progressed && i < n {
            progressed = false
            let start = i
            // ISO timestamp: dddd-dd-ddTdd:dd:dd(.d+)?Z? then spaces.
            if n - i >= 20, digit(b[i]), b[i + 4] == 0x2D, b[i + 7] == 0x2D,
                b[i + 10] == 0x54 || b[i + 10] == 0x20,
                b[i + 13] == 0x3A, b[i + 16] == 0x3A, digit(b[i + 17]), digit(b[i + 18])
            {
                var j = i + 19
                if j < n && (b[j] == 0x2E || b[j] == 0x2C) {
                    j += 1
                    while j < n && digit(b[j]) { j += 1 }
                }
                if j < n && b[j] == 0x5A { j += 1 }
                if j < n && (b[j] == 0x2B || b[j] == 0x2D) && j + 5 <= n && digit(b[j + 1]) {  // +00:00
                    j += 1
                    while j < n && (digit(b[j]) || b[j] == 0x3A) { j += 1 }
                }
                if j == n || b[j] == 0x20 || b[j] == 0x09 {
                    if j < n { j += 1 }
                    i = j
                    timestamped = true
                }
            } else if n - i >= 9, digit(b[i]), digit(b[i + 1]), b[i + 2] == 0x3A, digit(b[i + 3]),
                b[i + 5] == 0x3A,
                digit(b[i + 6]), digit(b[i + 7])
            {
                // hh:mm:ss, optional fraction, then spaces and an optional level and ` - `.
                var j = i + 8
                if j < n && (b[j] == 0x2E || b[j] == 0x2C) {
                    j += 1
                    while j < n && digit(b[j]) { j += 1 }
                }
                if j < n && b[j] == 0x20 {
                    while j < n && b[j] == 0x20 { j += 1 }
                    var k = j
                    while k < n && b[k] &- 0x41 < 26 { k += 1 }
                    if k - j >= 4 && k + 2 < n && b[k] == 0x20 && b[k + 1] == 0x2D && b[k + 2] == 0x20 {
                        j = k + 3
                        if j < n && b[j] == 0x20 { j += 1 }
                    }
                    i = j
                }
            } else if b[i] == 0x5B {  // `[...] ` runner tags
                var j = i + 1
                while j < n && j - i < 64 && b[j] != 0x5D { j += 1 }
                if j < n && b[j] == 0x5D {
                    let inner = j - i - 1
                    let tag = inner >= 4 && has(b, i + 1, "task ") || has(b, i + 1, "taskcluster")
                    let clock = inner == 8 && digit(b[i + 1]) && b[i + 3] == 0x3A && b[i + 6] == 0x3A
                    // `[gw3]`
                    let worker = inner >= 3 && b[i + 1] == 0x67 && b[i + 2] == 0x77 && digit(b[i + 3])
                    // `[2026-07-13T19:39:36Z]`: Buildkite's and many loggers' bracketed ISO time.
                    let iso =
                        inner >= 19 && digit(b[i + 1]) && digit(b[i + 4]) && b[i + 5] == 0x2D
                        && b[i + 8] == 0x2D && (b[i + 11] == 0x54 || b[i + 11] == 0x20) && b[i + 14] == 0x3A
                        && b[i + 17] == 0x3A
                    if iso { timestamped = true }
                    if tag || clock || worker || iso {
                        var k = j + 1
                        if k < n && b[k] == 0x3A { k += 1 }
                        if k < n && b[k] == 0x20 { k += 1 }
                        i = k
                    }
                }
            } else if has(b, i, "##[error]") && !annotatedVerdict(b, i + 9) {
                // GitHub Actions' annotation: the tool's own line follows.
                i += 9
            } else if i == 0, let tab = firstTab(b), tab + 1 < n {
                // `gh run view --log`: `job<TAB>step<TAB>timestamp line`.
                if let second = firstTab(b, from: tab + 1), second + 21 < n, digit(b[second + 1]),
                    b[second + 5] == 0x2D, b[second + 11] == 0x54
                {
                    i = second + 1
                }
            } else if i == 0 || timestamped, b[i] == 0x23, n - i > 3, digit(b[i + 1]) {
                // BuildKit's step prefix: `#12 ` and, inside a step, `#12 0.345 `; first on the
                // line, or after the CI's timestamp (a `docker build` in GitHub Actions).
                var j = i + 1
                while j < n && digit(b[j]) { j += 1 }
                if j < n && b[j] == 0x20 {
                    j += 1
                    var k = j
                    while k < n && digit(b[k]) { k += 1 }
                    if k > j && k < n && b[k] == 0x2E {
                        k += 1
                        while k < n && digit(b[k]) { k += 1 }
                        if k < n && b[k] == 0x20 { j = k + 1 }
                    }
                    i = j
                }
            } else if i == 0 || timestamped, b[i] == 0x3D || b[i] == 0x2D, n - i > 5, b[i + 1] == b[i],
                digit(b[i + 2])
            {
                // Valgrind's process prefix, `==4123== ` on its reports (`--4123-- ` on its own
                // notes): what follows is the report's line, its frames indented under it.
                var j = i + 2
                while j < n && digit(b[j]) { j += 1 }
                if j + 1 < n && b[j] == b[i] && b[j + 1] == b[i] {
                    j += 2
                    if j < n && b[j] == 0x20 { j += 1 }
                    i = j
                }
            } else if has(b, i, "bk;t=") {
                var j = i + 5
                while j < n && digit(b[j]) { j += 1 }
                if j < n && b[j] == 0x07 { j += 1 }
                i = j
                timestamped = true
            } else if i == 0 || timestamped, let j = packagePrefixEnd(b, from: i) {
                i = j
            } else if n - i >= 4, b[i] == 0xE2, b[i + 1] == 0x96, b[i + 2] == 0xB8, b[i + 3] == 0x20 {
                // `▸ `
                i += 4
            }
            progressed = i > start
        }
        return i
    }

    /// The first tab among the 120 bytes from `from`, or nil: eight bytes at a time (every line
    /// without another decoration is searched here, for `gh run view`'s tabs).
    static func firstTab(_ b: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int? {
        let end = min(b.count, from + 120)
        var k = from
        if let base = b.baseAddress {
            let raw = UnsafeRawPointer(base)
            // In bounds: k + 8 <= end <= b.count. The lowest flagged byte is the first tab (a borrow
            // only flags bytes above a tab).
            while k + 8 <= end {
                let v =
                    raw.loadUnaligned(fromByteOffset: k, as: UInt64.self).littleEndian ^ 0x0909_0909_0909_0909
                let zero = (v &- 0x0101_0101_0101_0101) & ~v & 0x8080_8080_8080_8080
                if zero != 0 { return k + zero.trailingZeroBitCount / 8 }
                k += 8
            }
        }
        while k < end {
            if b[k] == 0x09 { return k }
            k += 1
        }
        return nil
    }

    @inline(__always) static func has(_ b: UnsafeBufferPointer<UInt8>, _ at: Int, _ s: StaticString) -> Bool {
        let m = s.utf8CodeUnitCount
        guard b.count - at >= m else { return false }
        let p = s.utf8Start
        for k in 0..<m where b[at + k] != p[k] { return false }
        return true
    }

    /// Prefixes (at the content's first non-blank byte) of CI scaffolding.
    static let scaffolding: [[UInt8]] =
        ([
            "##[group]", "##[endgroup]", "##[section]", "##[command]", "##[debug]", "##[warning]",
            "##[notice]",
            "Post job cleanup", "Cleaning up orphan processes", "Cleaning up project directory",
            "Cleaning up file based variables", "Uploading artifacts", "Uploading artifact", "Saving cache",
            "Not uploading cache", "Restoring cache", "Checking cache for", "Downloading artifacts",
            "Running with gitlab-runner",
            "Preparing the ", "Preparing environment", "Getting source from Git", "Fetching changes",
            "Skipping Git submodules",
            "Executing \"step_script\"", "Executing \"after_script\"", "Running after_script",
            "Running after script",
            "Job succeeded", "travis_fold", "travis_time", "travis_retry", "Done. Your build exited with",
            "The command \"", "[Pipeline]", "Finished: FAILURE", "Finished: SUCCESS", "Finished: UNSTABLE",
            "Build step '", "Sending e-mails to", "Notifying upstream projects", "Archiving artifacts",
            "Recording test results", "[taskcluster", "~~~ ", "--- :", "+++ :", "Started by ",
            "Building in workspace",
            "[BFA]", "Collecting data...", "Data collection done.", "Set up job", "Complete job",
            "Evaluate and set",
            "Cleaning up temporary", "Terminate orphan process", "ERROR: Job failed", "WARNING: Job failed",
            "##[error]Process completed with exit code", "Process completed with exit code",
            "Error: Process completed with exit code",
            // Jenkins' Docker Pipeline asks for the image before it pulls it (`docker inspect`).
            "Error: No such object: ",
            "section_start:", "section_end:", "Waiting for ", "Your job ", "Build was aborted",
            "*** WARNING: Service ",
        ]
        // Azure Pipelines', Jenkins Pipeline's and CircleCI's verdicts on a step.
        + stepVerdictLines).map { Array($0.utf8) }

    /// Prefixes of progress, passing-test and download lines.
    static let progress: [[UInt8]] = [
        "✓", "✔", "√", "PASSED", "PASS ", "--- PASS", "=== RUN", "=== PAUSE", "=== CONT", "ok  \t", "ok   ",
        "?   \t",
        "[       OK ]", "[ RUN      ]", "[  PASSED  ]", "Test Passed", "Downloading", "Downloaded",
        "Collecting ",
        "Installing ", "Installed ", "Compiling ", "Resolving ", "Fetching ", "Cloning ", "Receiving objects",
        "Resolving deltas", "remote: ", "Unpacking ", "Requirement already satisfied", "Using cached",
        "Progress", "Precompiling", "Updating ", "Updated ", "Checking ", "Building ", "Built ",
        "Processing ",
        "Successfully built", "Successfully installed", "Preparing metadata", "Getting requirements",
        "Obtaining ", "Creating ", "Created ", "Copying ", "Linking ", "Generating ", "Running setup.py",
        "Selecting ", "Setting up ", "Get:", "Hit:", "Ign:", "Reading package lists", "Fetched ",
    ].map { Array($0.utf8) }

    /// Prefixes of a build tool's chrome (`Noise.chrome`).
    ///
    /// | tool | lines |
    /// |---|---|
    /// | Maven | `[INFO] ------------------------------------------------------------------------`, `[INFO] -----< org.x:y >-----`, `[INFO] Total time:  4.360 s`, `[INFO] Finished at: 2021-09-28T10:38:47+02:00`, `[INFO] Final Memory: 27M/228M` |
    /// | Gradle | `* Try:`, `> Run with --stacktrace option to get the stack trace.`, `* Get more help at https://help.gradle.org`, `BUILD FAILED in 13s` |
    /// | JVM | `Picked up JAVA_TOOL_OPTIONS: -Dfile.encoding=UTF8`, `WARNING: An illegal reflective access operation has occurred` and the four lines under it |
    ///
    /// Not chrome: Maven's `[INFO] --- maven-compiler-plugin:3.8.1:compile (default-compile) @ x ---`
    /// (which goal ran), `[ERROR] -> [Help 1]` and the lines under it (part of the failure's block).
    static let chrome: [[UInt8]] = [
        "[INFO] ----", "[INFO] Total time:", "[INFO] Finished at:", "[INFO] Final Memory:", "* Try:",
        "> Run with --", "* Get more help at", "BUILD FAILED in ", "Picked up JAVA_TOOL_OPTIONS:",
        "Picked up _JAVA_OPTIONS:", "WARNING: An illegal reflective access operation",
        "WARNING: Illegal reflective access by", "WARNING: Please consider reporting this to the maintainers",
        "WARNING: Use --illegal-access=", "WARNING: All illegal access operations",
    ].map { Array($0.utf8) }

    /// The prefixes above in one table (group 0 scaffolding, 1 progress, 2 chrome), looked up once
    /// by the line's first byte and compared a word at a time.
    static let noisePrefixes = PrefixSet(groups: [scaffolding, progress, chrome])

    /// - Parameter indented: the content is indented. A CI's own lines start at the content's first
    ///   byte; an indented `Waiting for the plan to start...` is a tool's output (a message quoted
    ///   under a failing test's log line), not the runner's.
    static func noise(_ b: UnsafeBufferPointer<UInt8>, from i: Int, indented: Bool = false) -> Noise {
        switch noisePrefixes.firstGroup(b, at: i, least: indented ? 1 : 0) {
        case 0: return .scaffolding
        case 1: return .progress
        case 2: return .chrome
        default:
            if bareLevelTag(b, from: i) { return .chrome }
            return passedTest(b, from: i) ? .progress : .none
        }
    }

    /// `dotnet test`'s passing test: `Passed Payroll.Tests.TaxTests.Lookup [1 ms]` (a `Passed in:`
    /// heading of another runner is not one).
    static func passedTest(_ b: UnsafeBufferPointer<UInt8>, from i: Int) -> Bool {
        // `… [1 ms]`, `… [< 1 ms]`, `… [2 s]`: the duration in brackets ends the line.
        guard has(b, i, "Passed "), b.last == 0x5D, let open = b.lastIndex(of: 0x5B), open > i + 7,
            b[open - 1] == 0x20, open + 1 < b.count
        else { return false }
        return digit(b[open + 1]) || b[open + 1] == 0x3C
    }

    /// Maven's `[INFO]` or `[WARNING]` with nothing after it: a blank line of its report.
    static func bareLevelTag(_ b: UnsafeBufferPointer<UInt8>, from i: Int) -> Bool {
        guard b[i] == 0x5B else { return false }
        var end = b.count
        while end > i && b[end - 1] == 0x20 { end -= 1 }
        let n = end - i
        return n == 6 && has(b, i, "[INFO]") || n == 9 && has(b, i, "[WARNING]")
    }
}

/// Whether some prefix of a fixed set starts a text at an offset, byte for byte: only the prefixes
/// with the text's first two bytes there (or a bucket's worth: they are hashed) are tried, each by
/// its first eight bytes at once. The prefixes may come in groups, of which a lookup names the first
/// that has a prefix there.
struct PrefixSet: Sendable {
    /// The prefixes given (empty ones left out), group after group.
    let prefixes: [[UInt8]]
    /// The prefixes by `bucket` of their first two bytes (a one-byte prefix is in the buckets of
    /// every second byte): `entries[start[k]..<start[k + 1]]`, by group then in the order given.
    let start: [Int32]
    let entries: [Entry]
    /// The prefixes' bytes one after the other (`Entry.offset`).
    let bytes: [UInt8]

    struct Entry: Sendable {
        /// The prefix's first eight bytes (fewer for a shorter prefix) as a little-endian word.
        var head: UInt64
        /// Which bytes of a word `head` holds.
        var mask: UInt64
        var length: Int32
        var group: Int32
        /// Where its bytes start in `bytes`.
        var offset: Int32
    }

    static let bucketBits = 11

    @inline(__always) static func bucket(_ first: UInt8, _ second: UInt8) -> Int {
        Int(((UInt32(first) << 8 | UInt32(second)) &* 0x9E37_79B1) >> UInt32(32 - bucketBits))
    }

    init(_ raw: [[UInt8]]) { self.init(groups: [raw]) }

    init(groups raw: [[[UInt8]]]) {
        let given = raw.enumerated().flatMap { group, prefixes in
            prefixes.filter { !$0.isEmpty }.map { (group: group, prefix: $0) }
        }
        var buckets = [[Entry]](repeating: [], count: 1 << Self.bucketBits)
        var bytes: [UInt8] = []
        for e in given {
            let p = e.prefix
            var head: UInt64 = 0
            for (k, c) in p.prefix(8).enumerated() { head |= UInt64(c) << (8 * k) }
            let entry = Entry(
                head: head, mask: p.count >= 8 ? ~0 : (1 << UInt64(8 * p.count)) &- 1, length: Int32(p.count),
                group: Int32(e.group), offset: Int32(bytes.count))
            bytes += p
            let ks =
                p.count > 1
                ? [Self.bucket(p[0], p[1])] : Set((0...255).map { Self.bucket(p[0], $0) }).sorted()
            for k in ks { buckets[k].append(entry) }
        }
        var start: [Int32] = [0]
        var entries: [Entry] = []
        for bucket in buckets {
            // `given` is by group then in the order given: so is each bucket.
            entries += bucket
            start.append(Int32(entries.count))
        }
        self.prefixes = given.map(\.prefix)
        self.start = start
        self.entries = entries
        self.bytes = bytes
    }

    /// Whether the bytes of a prefix longer than eight stand at `i` from its ninth on (it fits).
    private func restMatches(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ e: Entry) -> Bool {
        let m = Int(e.length)
        let offset = Int(e.offset)
        var k = 8
        while k < m && b[i + k] == bytes[offset + k] { k += 1 }
        return k == m
    }

    func hasPrefix(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        firstGroup(b, at: i) != nil
    }

    /// The least group, `least` or above, with a prefix starting `b` at `i`, or nil.
    func firstGroup(_ b: UnsafeBufferPointer<UInt8>, at i: Int, least: Int = 0) -> Int? {
        let left = b.count - i
        guard left > 0, let base = b.baseAddress else { return nil }
        // With one byte left, the buckets of every second byte hold the one-byte prefixes; longer
        // ones do not fit.
        let k = Self.bucket(base[i], left > 1 ? base[i + 1] : 0)
        let from = Int(start[k])
        let to = Int(start[k + 1])
        guard from < to else { return nil }
        // The eight bytes at `i`, or those left (in bounds: i + 8 <= b.count, else i + left).
        var word: UInt64 = 0
        if left >= 8 {
            word = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: i, as: UInt64.self).littleEndian
        } else {
            for j in 0..<left { word |= UInt64(base[i + j]) << UInt64(8 * j) }
        }
        for k in from..<to {
            let e = entries[k]
            guard e.group >= least, Int(e.length) <= left, word & e.mask == e.head else { continue }
            if e.length <= 8 || restMatches(b, i, e) { return Int(e.group) }
        }
        return nil
    }
}

extension LineShape {
    static func startsWith(_ b: UnsafeBufferPointer<UInt8>, _ at: Int, _ p: [UInt8]) -> Bool {
        guard b.count - at >= p.count else { return false }
        for k in 0..<p.count where b[at + k] != p[k] { return false }
        return true
    }
}

/// A log line as a person reads it: the CI's decorations (`LineShape`'s table: timestamps, runner
/// tags, BuildKit's `#12 0.345 `, GitHub's `##[error]`) skipped, the indentation kept.
///
/// | line | content |
/// |---|---|
/// | `#10 2.345 make: *** [Makefile:12: all] Error 1` | `make: *** [Makefile:12: all] Error 1` |
/// | `2022-04-28T15:42:33.4930568Z ##[error]x.go:63:3: unused` | `x.go:63:3: unused` |
/// | `  Expression: f(x) == 1` | `  Expression: f(x) == 1` |
public enum LineContent {
    public static func of(_ line: String) -> Substring {
        let utf8 = line.utf8
        let start =
            utf8.withContiguousStorageIfAvailable { LineShape.skipDecorations($0) }
            ?? Array(utf8).withUnsafeBufferPointer { LineShape.skipDecorations($0) }
        return Substring(line.utf8.dropFirst(start))
    }
}
