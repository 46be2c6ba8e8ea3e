import Foundation
import LogAnalysis
import TriageCore

/// An error of the shell's own: a bad command, a missing thing, with what to do next.
public struct ShellError: Error, Hashable, Sendable {
    public var message: String
    public var hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}

/// A failure that several commands meet, as data: each case has one wording and one hint
/// (`shellError`), whichever command throws it.
public enum ShellFailure: Error, Hashable, Sendable {
    /// The cache holds no job of this id.
    case jobNotCached(Int)
    /// The cache holds no pipeline of this id.
    case pipelineNotCached(Int)
    /// The job is cached, its trace is not.
    case traceNotCached(job: Int)
    /// The job has no stored analysis (it did not fail, or its trace is not cached).
    case jobNotAnalysed(Int)
    /// The cache holds no cluster of this id.
    case clusterNotCached(ClusterID)
    /// The text is not a cluster id.
    case notAClusterID(String)
    /// Neither the cached issues nor the assignments know this reference (`group/project#iid`, `#iid`).
    case issueNotKnown(String)
    /// No cached project has this path; `guess` is the nearest one, if any is near.
    case projectNotCached(String, guess: String?)
    /// The cache holds no night yet.
    case emptyCache
    /// Neither GITLAB_URL, triage.toml nor CI_SERVER_URL names a GitLab.
    case noGitLab
    /// The executable did not wire this capability (`export`, `serve`, an assignments store).
    case notInThisBuild(String)
    /// A pattern the user gave (`trace --grep`, `pattern test`) does not compile; `given` says where
    /// it was given (`--grep '('`, `'('`).
    case notARegularExpression(command: String, given: String)
    /// A file or directory named on the command line cannot be read; `hint` says what the command
    /// takes there.
    case unreadable(String, hint: String?)

    /// What happened and what to do next.
    public var shellError: ShellError {
        switch self {
        case .jobNotCached(let id):
            ShellError(
                "job \(id) is not in the cache",
                hint: "run 'fetch' (only nightly pipelines' jobs are fetched)")
        case .pipelineNotCached(let id):
            ShellError(
                "pipeline \(id) is not in the cache", hint: "run 'fetch' (only nightly pipelines are fetched)"
            )
        case .traceNotCached(let job):
            ShellError(
                "no trace of job \(job) in the cache", hint: "'fetch' stores the traces of failed jobs only")
        case .jobNotAnalysed(let id):
            ShellError(
                "job \(id) has no analysis",
                hint: "only failed jobs with a cached trace are analysed; run 'fetch'")
        case .clusterNotCached(let id):
            ShellError("no cluster \(id.rawValue) in the cache", hint: "see 'clusters' for the ids")
        case .notAClusterID(let text):
            ShellError(
                "'\(text)' is not a cluster id", hint: "cluster ids look like c-3f9a2b1c; see 'clusters'")
        case .issueNotKnown(let reference):
            ShellError(
                "no issue \(reference) in the cache or the assignments",
                hint: "'issues --state all' lists the cached issues, 'assignments' the assigned ones")
        case .projectNotCached(let path, let guess):
            ShellError(
                "no project '\(path)' in the cache",
                hint: guess.map { "did you mean '\($0)'?" }
                    ?? "'projects' lists them; 'fetch' brings new ones")
        case .emptyCache:
            ShellError("the cache is empty", hint: "run 'fetch' first")
        case .noGitLab:
            ShellError(
                "no GitLab to talk to",
                hint: "set GITLAB_URL=https://gitlab.example.com or [gitlab] url in triage.toml")
        case .notInThisBuild(let what):
            ShellError("\(what) is not available in this build", hint: "the triage executable provides it")
        case .notARegularExpression(let command, let given):
            ShellError("\(command): \(given) is not a regular expression")
        case .unreadable(let path, let hint):
            ShellError("cannot read '\(path)'", hint: hint)
        }
    }
}

/// Words that do not fit a command's declaration, found when the line is parsed, before anything
/// runs: each case one wording and one hint. `command` is the command's name, `usage` its usage line.
public enum UsageError: Error, Hashable, Sendable {
    case emptyCommand
    /// Not a command's name or alias; `guess` the nearest one, if any is near.
    case unknownCommand(String, guess: String?)
    case unknownOption(command: String, option: String, guess: String?, usage: String)
    case flagTakesNoValue(command: String, option: String, usage: String)
    case optionNeedsValue(command: String, option: String, placeholder: String, usage: String)
    /// An option's value outside its choices.
    case notAnOptionChoice(command: String, option: String, choices: [String], value: String, usage: String)
    /// A whole-number option's value that is not one, or outside its range.
    case notANumberInRange(
        command: String, option: String, range: ClosedRange<Int>, value: String, usage: String)
    case optionGivenTwice(command: String, option: String, usage: String)
    case exclusiveOptions(command: String, options: [String], usage: String)
    case missingOperand(command: String, operand: String, usage: String?)
    case unexpectedOperand(command: String, word: String, usage: String)
    /// An operand outside its choices; `hint` suggests the nearest or gives the usage.
    case notAnOperandChoice(command: String, operand: String, choices: [String], word: String, hint: String)
    /// A RANGE operand that is not a time range (`TimeRange.parse`'s message says what is).
    case notATimeRange(command: String, TimeRange.ParseError)
    /// An operand that must be a positive whole number (a job id, a pipeline id).
    case notAPositiveNumber(command: String, what: String, text: String)
    /// A CLUSTER operand or option value that is not a cluster id.
    case notAClusterID(command: String, text: String)

    /// What is wrong and what to type instead.
    public var shellError: ShellError {
        switch self {
        case .emptyCommand:
            ShellError("empty command")
        case .unknownCommand(let word, let guess):
            ShellError(
                "unknown command '\(word)'",
                hint: guess.map { "did you mean '\($0)'?" } ?? "type 'help' for the list of commands")
        case .unknownOption(let command, let option, let guess, let usage):
            ShellError(
                "\(command): unknown option '--\(option)'",
                hint: guess.map { "did you mean '--\($0)'?" } ?? "usage: \(usage)")
        case .flagTakesNoValue(let command, let option, let usage):
            ShellError("\(command): --\(option) takes no value", hint: "usage: \(usage)")
        case .optionNeedsValue(let command, let option, let placeholder, let usage):
            ShellError("\(command): --\(option) needs a value (\(placeholder))", hint: "usage: \(usage)")
        case .notAnOptionChoice(let command, let option, let choices, let value, let usage):
            ShellError(
                "\(command): --\(option) must be \(OptionSpec.alternatives(choices)), not '\(value)'",
                hint: "usage: \(usage)")
        case .notANumberInRange(let command, let option, let range, let value, let usage):
            ShellError(
                "\(command): --\(option) must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(value)'",
                hint: "usage: \(usage)")
        case .optionGivenTwice(let command, let option, let usage):
            ShellError("\(command): --\(option) given twice", hint: "usage: \(usage)")
        case .exclusiveOptions(let command, let options, let usage):
            ShellError(
                "\(command): " + options.map { "--\($0)" }.joined(separator: " and ")
                    + " cannot be given together",
                hint: "usage: \(usage)")
        case .missingOperand(let command, let operand, let usage):
            ShellError("\(command): missing \(operand)", hint: usage.map { "usage: \($0)" })
        case .unexpectedOperand(let command, let word, let usage):
            ShellError("\(command): unexpected '\(word)'", hint: "usage: \(usage)")
        case .notAnOperandChoice(let command, let operand, let choices, let word, let hint):
            choices.count == 1
                ? ShellError("\(command): expected '\(choices[0])', not '\(word)'", hint: hint)
                : ShellError(
                    "\(command): \(operand) must be \(OptionSpec.alternatives(choices)), not '\(word)'",
                    hint: hint)
        case .notATimeRange(let command, let error):
            ShellError("\(command): \(error.message)")
        case .notAPositiveNumber(let command, let what, let text):
            ShellError("\(command): '\(text)' is not a \(what) (a positive whole number)")
        case .notAClusterID(let command, let text):
            ShellError(
                "\(command): \(ShellFailure.notAClusterID(text).shellError.message)",
                hint: ShellFailure.notAClusterID(text).shellError.hint)
        }
    }
}

/// The one place that turns errors into text (STYLE: "one formatter turns errors into text").
public enum ErrorFormatter {
    public static func message(for error: any Error) -> String {
        switch error {
        case let failure as ShellFailure:
            return message(for: failure.shellError)
        case let usage as UsageError:
            return message(for: usage.shellError)
        case let error as ShellError:
            return error.hint.map { "\(error.message) — \($0)" } ?? error.message
        case let error as RemoteError:
            return remote(error)
        case let error as WorkspaceConfig.ParseError:
            return "\(WorkspaceConfig.fileName):\(error.line): \(error.message)"
        case let error as TimeRange.ParseError:
            return error.message
        case let error as Lexer.Failure:
            return error.message
        case is CancellationError:
            return "canceled"
        case let error as CustomStringConvertible:
            return error.description
        default:
            return String(describing: error)
        }
    }

    static func remote(_ e: RemoteError) -> String {
        let status = e.status.map { " (\($0)\(e.message.map { ": \($0)" } ?? ""))" } ?? ""
        let request = "\(e.method) \(e.url)"
        switch e.kind {
        case .unauthorized:
            let plain = e.message == nil || e.message == "401 Unauthorized"
            let detail = plain ? " (401 Unauthorized)" : " (401: \(e.message ?? ""))"
            return
                "GitLab rejected the token\(detail) — check GITLAB_TOKEN (a personal access token with the read_api scope)"
        case .insufficientScope:
            return
                "the token may not do \(request)\(status) — it needs the 'api' scope; create a token with the api scope"
        case .forbidden:
            return
                "GitLab refused \(request)\(status) — the token's user needs at least Reporter access to the project"
        case .notFound:
            if let subject = e.subject {
                return
                    "GitLab has no project or group '\(subject)' visible to this token\(status) — check the path (triage.toml [scope] or --group/--project)"
            }
            return "GitLab answered 404 for \(request)\(status.isEmpty ? "" : status)"
        case .rateLimited:
            return
                "GitLab kept rate-limiting \(request) (429) — wait a minute and run fetch again, or lower --concurrency"
        case .server:
            return
                "GitLab failed \(request)\(status) after several retries — it may be down or overloaded; run fetch again later (nothing fetched so far is lost)"
        case .unreachable:
            return
                "cannot reach GitLab: \(request)\(e.message.map { ": \($0)" } ?? "") — check GITLAB_URL and the network; nothing fetched so far is lost"
        case .timeout:
            return
                "GitLab did not answer in time: \(request) — check GITLAB_URL and the network; run fetch again to continue"
        case .malformedResponse:
            return
                "GitLab sent a response triage cannot read for \(request)\(e.message.map { ": \($0)" } ?? "") — is GITLAB_URL the root of a GitLab instance? The cache was not changed by it"
        case .badRequest:
            return "GitLab rejected \(request)\(status)"
        case .other:
            return "GitLab request failed: \(request)\(status)"
        }
    }
}

/// Edit distance, for did-you-mean suggestions.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        }
        previous = current
    }
    return previous[b.count]
}

/// The closest candidate within a small distance, if any.
func suggestion(for word: String, among candidates: [String]) -> String? {
    let scored = candidates.map { ($0, editDistance(word, $0)) }.filter { $0.1 <= max(2, word.count / 3) }
    if let prefixed = candidates.first(where: { $0.hasPrefix(word) && word.count >= 3 }) { return prefixed }
    return scored.min { $0.1 < $1.1 }?.0
}
