/// Why a line was put in an excerpt.
public enum ExcerptReason: String, Sendable, Codable {
    /// A known pattern matched (`detail` names it).
    case pattern
    /// An error keyword (`error`, `failed`, `exception`, …) outside runner boilerplate.
    case keyword
    /// One of the last lines of the section that failed.
    case sectionTail
    /// A frame or the header of a stack trace / assertion block next to an error line.
    case stackTrace
    /// Indented continuation of an error line (a compiler's code snippet, a test's `Evaluated:`).
    case context
    /// Near an error and absent from the same job's last green trace (masked comparison).
    case absentFromGreen
    /// Runner boilerplate such as `ERROR: Job failed: exit code 1`, only when nothing better exists.
    case runnerFallback
    /// The CI's last word on the job (`Process completed with exit code 2`, Jenkins' `Build step
    /// '…' marked build as failure`), shown after the failure's own lines when there is room.
    case verdict
    /// A tool's error block opened or stated its message here (`detail` names `grammar/rule`).
    case grammar
    /// A tool's run summary (`FAILED tests/x.py::t`, `test result: FAILED`).
    case summary
    /// Between two shown lines of the failure, shown when there was room: what a tool printed
    /// between its error and its verdict (Docker's build context, a compiler's notes).
    case between
    /// Another occurrence of a block shown above (a retried test failing again), or a line of a run
    /// that says what the line above it said, shown when there was room; the shown line's
    /// `repeats` no longer counts it.
    case repeated
}

public struct ExcerptLine: Hashable, Sendable {
    public var line: CleanLine
    public var reason: ExcerptReason
    /// The pattern's name for `.pattern`, the rule's `grammar/rule` for `.grammar` and `.summary`;
    /// nil otherwise.
    public var detail: String?
    /// How many more times the same block (after masking) occurred in the log and was left out.
    public var repeats: Int

    public init(line: CleanLine, reason: ExcerptReason, detail: String? = nil, repeats: Int = 0) {
        self.line = line
        self.reason = reason
        self.detail = detail
        self.repeats = repeats
    }
}

/// The few lines that explain a failure.
public struct Excerpt: Sendable {
    /// At most the extractor's `maxLines`, in log order.
    public var lines: [ExcerptLine]
    /// The single most telling line (for one-line summaries); nil only for an empty log.
    public var keyLine: ExcerptLine?
    /// True when the cause is the machine, network or runner rather than the code.
    public var infrastructure: Bool
    /// Names of the known patterns found (strongest first, without repeats).
    public var matchedPatterns: [String]
    /// Category of the key line's pattern (`test`, `oom`, …), nil when no pattern matched it.
    public var category: String?
    /// The key block's message lines in log order (the key line among them), for the signature.
    public var messageLines: [CleanLine] = []
    /// The key block's header when it is not the key line (`Error During Test at …` above the
    /// exception): where the failure is, not what it is.
    public var header: CleanLine?

    public init(
        lines: [ExcerptLine], keyLine: ExcerptLine?, infrastructure: Bool, matchedPatterns: [String],
        category: String? = nil
    ) {
        self.lines = lines
        self.keyLine = keyLine
        self.infrastructure = infrastructure
        self.matchedPatterns = matchedPatterns
        self.category = category
    }

    /// The lines a failure signature is made of: the key line (the block's message where it has
    /// one) and the block's other message lines (assertion, `Expression:`/`Evaluated:`, the
    /// exception under a test header), at most `blockLines` + 1.
    public func keyBlock(blockLines: Int = 3) -> [CleanLine] {
        guard let key = keyLine else { return [] }
        var result = [key.line]
        for line in messageLines where line != key.line && result.count <= blockLines { result.append(line) }
        return result
    }
}

/// What `block(after:)` needs to know of a line, leading spaces/tabs aside: frame, `Stacktrace:`,
/// `Caused by:`, `...`, indented, nothing but spaces. Character semantics (`String.hasPrefix`,
/// `Character.isNumber`); an all-ASCII line, the usual case, is read as bytes, which is the same.
struct BlockLine: Equatable {
    var isFrame = false
    var stacktrace = false
    var causedBy = false
    var ellipsis = false
    var indented = false
    var blank = false

    init(_ text: String) {
        let ascii: BlockLine?? = text.utf8.withContiguousStorageIfAvailable { b in
            b.allSatisfy({ $0 < 0x80 }) ? BlockLine(ascii: b) : nil
        }
        if let ascii = ascii ?? nil {
            self = ascii
        } else {
            self.init(characters: text)
        }
    }

    /// The same as `BlockLine(String(text))`, without making the `String` when `text` is ASCII
    /// in place (a block's lines are read this way, one `String` each otherwise).
    init(_ text: Substring) {
        let ascii: BlockLine?? = text.utf8.withContiguousStorageIfAvailable { b in
            b.allSatisfy({ $0 < 0x80 }) ? BlockLine(ascii: b) : nil
        }
        if let ascii = ascii ?? nil {
            self = ascii
        } else {
            self.init(characters: String(text))
        }
    }

    /// The Character reading (any text).
    init(characters text: String) {
        let trimmed = text.drop { $0 == " " || $0 == "\t" }
        indented = trimmed.count < text.count
        blank = trimmed.isEmpty
        isFrame = Keywords.isFrame(trimmed)
        stacktrace = trimmed.hasPrefix("Stacktrace:")
        causedBy = trimmed.hasPrefix("Caused by:") || trimmed.hasPrefix("caused by")
        ellipsis = trimmed.hasPrefix("...")
    }

    static let stacktracePrefix = Array("Stacktrace:".utf8)
    static let causedPrefix = Array("Caused by:".utf8)
    static let causedLowerPrefix = Array("caused by".utf8)
    static let atPrefix = Array("at ".utf8)
    static let filePrefix = Array("File \"".utf8)

    /// The byte reading, for all-ASCII text.
    init(ascii b: UnsafeBufferPointer<UInt8>) {
        let n = b.count
        var s = 0
        while s < n && (b[s] == 0x20 || b[s] == 0x09) { s += 1 }
        indented = s > 0
        blank = s == n
        @inline(__always) func has(_ p: [UInt8]) -> Bool {
            guard n - s >= p.count else { return false }
            for k in 0..<p.count where b[s + k] != p[k] { return false }
            return true
        }
        if has(Self.atPrefix) || has(Self.filePrefix) {
            isFrame = true
        } else if s < n && b[s] == 0x5B {  // `[digits]`
            var k = s + 1
            while k < n && b[k] != 0x5D { k += 1 }
            if k < n {
                isFrame = k > s + 1 && (s + 1..<k).allSatisfy { b[$0] &- 0x30 < 10 }
            }
        }
        stacktrace = has(Self.stacktracePrefix)
        causedBy = has(Self.causedPrefix) || has(Self.causedLowerPrefix)
        ellipsis = n - s >= 3 && b[s] == 0x2E && b[s + 1] == 0x2E && b[s + 2] == 0x2E
    }
}
