import Foundation
import TriageCore

/// What Tab completion may offer beyond the command table: things in the cache.
///
/// Each closure is called on every Tab that needs it, must return quickly, and must not throw:
/// on any error it returns no candidates (a failed lookup never disturbs typing).
public struct CompletionData: Sendable {
    /// Project paths (`julia/Foo.jl`).
    public var projects: @Sendable () -> [String]
    /// Job ids of recent failures, newest first.
    public var jobs: @Sendable () -> [String]
    /// Pipeline ids of recent nights, newest first. Offered once the command table has a source
    /// for pipeline operands.
    public var pipelines: @Sendable () -> [String]
    /// Recent nights (`YYYY-MM-DD`), newest first: offered after the range keywords.
    public var nights: @Sendable () -> [String]
    /// Cluster ids (`c-3f9a2b1c`), the most recently seen first.
    public var clusters: @Sendable () -> [String]
    /// Cached issues as references (`julia/Foo.jl#45`): open ones first, the most recently
    /// updated first.
    public var issues: @Sendable () -> [String]
    /// Stages of recent failures, sorted.
    public var stages: @Sendable () -> [String]

    public init(
        projects: @escaping @Sendable () -> [String] = { [] },
        jobs: @escaping @Sendable () -> [String] = { [] },
        pipelines: @escaping @Sendable () -> [String] = { [] },
        nights: @escaping @Sendable () -> [String] = { [] },
        clusters: @escaping @Sendable () -> [String] = { [] },
        issues: @escaping @Sendable () -> [String] = { [] },
        stages: @escaping @Sendable () -> [String] = { [] }
    ) {
        self.projects = projects
        self.jobs = jobs
        self.pipelines = pipelines
        self.nights = nights
        self.clusters = clusters
        self.issues = issues
        self.stages = stages
    }

    /// Nothing but the command table.
    public static let none = CompletionData()

    /// How many recent nights feed the night, job and pipeline candidates.
    static let recentNights = 7
    /// How many cluster ids are offered at most (the most recently seen).
    static let recentClusters = 1000

    /// Candidates from the workspace's cache, only when one exists: completion never creates
    /// the cache (`.triage/` holding nothing but the shell's history does not count).
    public static func cache(_ context: Context) -> CompletionData {
        let dotTriage = context.dotTriage
        @Sendable func opened() -> CachePorts? {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: dotTriage.path)) ?? []
            guard entries.contains(where: { $0 != "history" }) else { return nil }
            return try? context.cache()
        }
        @Sendable func store() -> (any CacheStore)? { opened()?.store }
        @Sendable func recent(_ store: any CacheStore) -> Set<String> {
            Set(((try? store.nights()) ?? []).sorted().suffix(recentNights))
        }
        return CompletionData(
            projects: {
                guard let store = store() else { return [] }
                return ((try? store.projects()) ?? []).map(\.path).sorted()
            },
            jobs: {
                guard let store = store() else { return [] }
                let rows = (try? store.failures(nights: recent(store))) ?? []
                return rows.map(\.job.id).sorted(by: >).map(String.init)
            },
            pipelines: {
                guard let store = store() else { return [] }
                let rows = (try? store.pipelines(nights: recent(store))) ?? []
                return rows.map(\.pipeline.id).sorted(by: >).map(String.init)
            },
            nights: {
                guard let store = store() else { return [] }
                return recent(store).sorted(by: >)
            },
            clusters: {
                guard let store = store() else { return [] }
                return (try? store.clusterIDs(limit: recentClusters)) ?? []
            },
            issues: {
                guard let cache = opened(), let issues = try? cache.issues.issues(),
                    let projects = try? cache.store.projects()
                else { return [] }
                let paths = Dictionary(
                    projects.map { ($0.id, $0.path) }, uniquingKeysWith: { first, _ in first })
                return issues.sorted { a, b in
                    (a.state == "opened") != (b.state == "opened")
                        ? a.state == "opened" : a.updatedAt > b.updatedAt
                }.compactMap { issue in paths[issue.projectID].map { "\($0)#\(issue.iid)" } }
            },
            stages: {
                guard let store = store() else { return [] }
                let rows = (try? store.failures(nights: recent(store))) ?? []
                return Set(rows.map(\.job.stage)).sorted()
            })
    }
}

/// Tab completion, driven by the command table: pure, so tests call it directly and the line
/// editor only forwards to it.
///
/// - First word: command names and aliases.
/// - A word starting with `-`: the command's option names (`--group`) and the global ones
///   (`--format`), except non-repeatable options already given and the others of an exclusive
///   group one was given from; `--name=` completes the option's value after the `=`.
/// - The word after an option that takes a value: that option's `completion`.
/// - Otherwise: the `completion` of the operand at this position.
/// Quoted words and unknown commands get no candidates.
public struct Completer: Sendable {
    public var table: CommandTable
    public var data: CompletionData

    /// The range keywords, before recent nights.
    public static let rangeKeywords = ["last-night", "today", "yesterday", "7d", "30d"]

    public init(table: CommandTable, data: CompletionData) {
        self.table = table
        self.data = data
    }

    /// Candidates for the word that ends at `cursor`.
    ///
    /// - Parameters:
    ///   - line: the whole line being edited.
    ///   - cursor: the cursor, in UTF-8 bytes from the start of `line` (as libedit counts).
    /// - Returns: `replaceFrom`, the UTF-8 offset where the replaced text starts (the start of the
    ///   word, or just after `=` in `--option=`), and the full words to put there, in the order
    ///   they are offered, without duplicates. Everything after the cursor is ignored.
    public func complete(line: String, cursor: Int) -> (replaceFrom: Int, candidates: [String]) {
        let bytes = Array(line.utf8)
        let end = max(0, min(cursor, bytes.count))
        var wordStart = end
        while wordStart > 0, bytes[wordStart - 1] != UInt8(ascii: " "),
            bytes[wordStart - 1] != UInt8(ascii: "\t")
        {
            wordStart -= 1
        }
        let word = String(decoding: bytes[wordStart..<end], as: UTF8.self)
        let before = String(decoding: bytes[..<wordStart], as: UTF8.self)
        guard !word.hasPrefix("'"), !word.hasPrefix("\""), !word.hasPrefix("#"),
            let previous = try? Lexer.words(before)
        else { return (wordStart, []) }  // inside a quoted string (the lexer finds it unterminated)

        guard let commandWord = previous.first else {
            return (wordStart, filter(commandNames(), word))
        }
        guard let spec = table.lookup(commandWord) else { return (wordStart, []) }
        let options = spec.options + CommandTable.globalOptions

        var operands: [String] = []
        var pendingOption: OptionSpec?
        var onlyOperands = false
        var given: Set<String> = []
        for current in previous.dropFirst() {
            if let option = pendingOption {
                given.insert(option.name)
                pendingOption = nil
                continue
            }
            if !onlyOperands, current == "--" {
                onlyOperands = true
                continue
            }
            if !onlyOperands, current.hasPrefix("--"), current.count > 2 {
                let body = current.dropFirst(2)
                let name = String(body.prefix { $0 != "=" })
                given.insert(name)
                if let option = options.first(where: { $0.name == name }), option.value != nil,
                    !body.contains("=")
                {
                    pendingOption = option
                }
                continue
            }
            operands.append(current)
        }

        if let option = pendingOption {
            return (wordStart, filter(values(option.completion, operands), word))
        }
        if !onlyOperands, word.hasPrefix("-") {
            if word.hasPrefix("--"), let equals = word.firstIndex(of: "=") {
                let name = String(word[word.index(word.startIndex, offsetBy: 2)..<equals])
                let value = String(word[word.index(after: equals)...])
                let valueStart = wordStart + word[...equals].utf8.count
                guard let option = options.first(where: { $0.name == name }), option.value != nil else {
                    return (valueStart, [])
                }
                return (valueStart, filter(values(option.completion, operands), value))
            }
            let excluded = Set(given.flatMap { spec.excluded(by: $0) })
            let names = options.filter {
                ($0.repeatable || !given.contains($0.name)) && !excluded.contains($0.name)
            }
            .map { "--\($0.name)" }
            return (wordStart, filter(names, word))
        }
        guard operands.count < spec.operands.count else { return (wordStart, []) }
        return (wordStart, filter(values(spec.operands[operands.count].completion, operands), word))
    }

    private func commandNames() -> [String] {
        table.commands.flatMap { [$0.name] + $0.aliases }
    }

    /// - Parameter operands: the operands before the word, for `.keyed` sources.
    private func values(_ source: CompletionSource, _ operands: [String]) -> [String] {
        switch source {
        case .none: return []
        case .commands: return commandNames()
        case .projects: return data.projects()
        case .jobs: return data.jobs()
        case .clusters: return data.clusters()
        case .issues: return data.issues()
        case .ranges: return Self.rangeKeywords + data.nights()
        case .stages: return data.stages()
        case .values(let values): return values
        case .keyed(let values): return operands.first.flatMap { values[$0] } ?? []
        }
    }

    private func filter(_ candidates: [String], _ prefix: String) -> [String] {
        var seen: Set<String> = []
        return candidates.filter { $0.hasPrefix(prefix) && seen.insert($0).inserted }
    }
}
