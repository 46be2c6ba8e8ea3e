import Foundation
import LogAnalysis

/// A failure like a job's, as `similar job N --format json` lists it (similarity to three decimals).
public struct SimilarFailureRecord: Sendable, Hashable, Encodable {
    public var match: SimilarFailures.Match

    public init(_ match: SimilarFailures.Match) { self.match = match }

    enum CodingKeys: String, CodingKey {
        case job, similarity, night, project, name, cluster, failures
        case keyLine = "key_line"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        let a = match.analysis
        try c.encode(a.jobID, forKey: .job)
        try c.encode(match.similarity.thousandths, forKey: .similarity)
        try c.encode(a.night, forKey: .night)
        try c.encode(a.projectPath, forKey: .project)
        try c.encode(a.jobName, forKey: .name)
        try c.encode(a.cluster?.rawValue, forKey: .cluster)
        try c.encode(a.keyLine, forKey: .keyLine)
        try c.encode(match.failures, forKey: .failures)
    }
}

/// A pattern of the library as `patterns --format json` lists it, with the cached failures it matched.
public struct PatternRecord: Sendable, Hashable, Encodable {
    public var pattern: KnownPattern
    public var matched: Int

    public init(_ pattern: KnownPattern, matched: Int) {
        self.pattern = pattern
        self.matched = matched
    }

    enum CodingKeys: String, CodingKey { case name, category, infrastructure, weight, matched, anchor, regex }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(pattern.name, forKey: .name)
        try c.encode(pattern.category, forKey: .category)
        try c.encode(pattern.infrastructure, forKey: .infrastructure)
        try c.encode(pattern.weight, forKey: .weight)
        try c.encode(matched, forKey: .matched)
        try c.encode(pattern.anchor, forKey: .anchor)
        try c.encode(pattern.regex, forKey: .regex)
    }
}

/// The first line of a cached trace a pattern under test matches (`pattern test`): the job, the
/// line (the raw log's number) and, for a failed job, whether its excerpt already shows that line.
public struct TraceMatchRecord: Sendable, Hashable, Encodable {
    public var jobID: Int
    public var night: String
    public var project: String
    public var name: String
    public var line: CleanLine
    /// Failed traces only; a green trace's record has no `in_excerpt`.
    public var inExcerpt: Bool?

    public init(jobID: Int, night: String, project: String, name: String, line: CleanLine, inExcerpt: Bool?) {
        self.jobID = jobID
        self.night = night
        self.project = project
        self.name = name
        self.line = line
        self.inExcerpt = inExcerpt
    }

    enum CodingKeys: String, CodingKey {
        case job, night, project, name, line, text
        case inExcerpt = "in_excerpt"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(jobID, forKey: .job)
        try c.encode(night, forKey: .night)
        try c.encode(project, forKey: .project)
        try c.encode(name, forKey: .name)
        try c.encode(line.rawLine, forKey: .line)
        try c.encode(line.text, forKey: .text)
        try c.encodeIfPresent(inExcerpt, forKey: .inExcerpt)
    }
}

/// `pattern test RE --format json`: the failed traces it matches, and the green traces it would
/// wrongly match (the newest few listed, all counted).
public struct PatternTestRecord: Sendable, Hashable, Encodable {
    public var pattern: String
    public var red: [TraceMatchRecord]
    public var redTotal: Int
    public var green: [TraceMatchRecord]
    public var greenMatched: Int
    public var greenTotal: Int

    public init(
        pattern: String, red: [TraceMatchRecord], redTotal: Int, green: [TraceMatchRecord], greenMatched: Int,
        greenTotal: Int
    ) {
        self.pattern = pattern
        self.red = red
        self.redTotal = redTotal
        self.green = green
        self.greenMatched = greenMatched
        self.greenTotal = greenTotal
    }

    enum CodingKeys: String, CodingKey {
        case pattern, red, green
        case redTotal = "red_total"
        case greenMatched = "green_matched"
        case greenTotal = "green_total"
    }
}

/// A job's cleaned log as `trace N --format json` answers it: each line with the raw log's number,
/// its section, and whether the excerpt shows it.
public struct TraceRecord: Sendable, Hashable, Encodable {
    public var jobID: Int
    public var lines: [CleanLine]
    /// Raw line numbers of the excerpt's lines.
    public var excerpt: Set<Int>

    public init(jobID: Int, lines: [CleanLine], excerpt: Set<Int>) {
        self.jobID = jobID
        self.lines = lines
        self.excerpt = excerpt
    }

    enum CodingKeys: String, CodingKey { case job, lines }

    enum LineKeys: String, CodingKey {
        case number, section, text
        case inExcerpt = "in_excerpt"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(jobID, forKey: .job)
        var list = c.nestedUnkeyedContainer(forKey: .lines)
        for line in lines {
            var k = list.nestedContainer(keyedBy: LineKeys.self)
            try k.encode(line.rawLine, forKey: .number)
            try k.encode(line.section, forKey: .section)
            try k.encode(line.text, forKey: .text)
            try k.encode(excerpt.contains(line.rawLine), forKey: .inExcerpt)
        }
    }
}
