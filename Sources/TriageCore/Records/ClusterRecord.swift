/// A line of an excerpt as `show job` (`excerpt_lines`), `cluster` (`sample_excerpt`) and `excerpt`
/// answer it.
public struct ExcerptLineRecord: Sendable, Hashable, Encodable {
    public var line: AnalysedLine

    public init(_ line: AnalysedLine) { self.line = line }

    enum CodingKeys: String, CodingKey { case line, text, reason, pattern, repeats }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(line.rawLine, forKey: .line)
        try c.encode(line.text, forKey: .text)
        try c.encode(line.reason, forKey: .reason)
        try c.encode(line.detail, forKey: .pattern)
        try c.encode(line.repeats, forKey: .repeats)
    }
}

/// A cluster as `clusters` and `cluster` answer it under `--format json`: its counts, nights, NEW
/// and flaky over the answer's range, template, title, a member's key line and patterns; `clusters`
/// adds the issue assigned to it, `cluster` its members and a sample excerpt.
public struct ClusterRecord: Sendable, Hashable, Encodable {
    public var summary: ClusterSummary
    /// The range's last night, for NEW; nil: never NEW.
    public var lastNight: String?
    /// The title for people (`ClusterTitle.marked`).
    public var title: String
    /// `clusters`: the cluster's issue (`null` when none); nil leaves the key out.
    public var issue: IssueRecord??
    /// `cluster`: its members, and the excerpt of the newest; nil leaves the keys out.
    public var detail: Detail?

    public struct Detail: Sendable, Hashable {
        public var members: [FailureAnalysis]
        public var sampleExcerpt: [AnalysedLine]

        public init(members: [FailureAnalysis], sampleExcerpt: [AnalysedLine]) {
            self.members = members
            self.sampleExcerpt = sampleExcerpt
        }
    }

    public init(
        _ summary: ClusterSummary, lastNight: String?, title: String? = nil, issue: IssueRecord?? = nil,
        detail: Detail? = nil
    ) {
        self.summary = summary
        self.lastNight = lastNight
        self.title = title ?? summary.title.marked
        self.issue = issue
        self.detail = detail
    }

    enum CodingKeys: String, CodingKey {
        case id, count, projects, new, flaky, template, title, patterns, issue, members
        case firstNight = "first_night"
        case lastNight = "last_night"
        case keyLine = "key_line"
        case sampleExcerpt = "sample_excerpt"
    }

    enum MemberKeys: String, CodingKey { case job, project, night, name }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        let s = summary
        try c.encode(s.state.id.rawValue, forKey: .id)
        try c.encode(s.members.count, forKey: .count)
        try c.encode(s.projects, forKey: .projects)
        try c.encode(s.state.firstNight, forKey: .firstNight)
        try c.encode(s.state.lastNight, forKey: .lastNight)
        try c.encode(lastNight.map { s.state.isNew(on: $0) } ?? false, forKey: .new)
        try c.encode(s.flaky, forKey: .flaky)
        try c.encode(s.state.template, forKey: .template)
        try c.encode(title, forKey: .title)
        try c.encode(s.members.last?.keyLine, forKey: .keyLine)
        try c.encode(s.patterns, forKey: .patterns)
        if let issue { try c.encode(issue, forKey: .issue) }
        guard let detail else { return }
        var members = c.nestedUnkeyedContainer(forKey: .members)
        for m in detail.members {
            var member = members.nestedContainer(keyedBy: MemberKeys.self)
            try member.encode(m.jobID, forKey: .job)
            try member.encode(m.projectPath, forKey: .project)
            try member.encode(m.night, forKey: .night)
            try member.encode(m.jobName, forKey: .name)
        }
        try c.encode(detail.sampleExcerpt.map(ExcerptLineRecord.init), forKey: .sampleExcerpt)
    }
}
