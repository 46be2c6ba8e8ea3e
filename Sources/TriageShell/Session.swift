import Foundation
import TriageCore

/// One line of a script, and where it came from (for `FILE:LINE: error: …`).
public struct ScriptLine: Sendable, Hashable {
    /// A file path, or nil for `-c` and command-line words.
    public var file: String?
    public var line: Int
    public var text: String

    public init(file: String?, line: Int, text: String) {
        self.file = file
        self.line = line
        self.text = text
    }
}

/// Exit statuses (DESIGN §6): scripts and cron jobs rely on them.
public enum ExitStatus: Int32, Sendable {
    case success = 0
    /// `--keep-going` and at least one command failed.
    case someFailed = 1
    /// Stopped at the first error.
    case stopped = 3
    /// Every command succeeded, but some asked for nights the cache does not have (stale cache,
    /// or GitLab has no nightly pipeline for them yet): not a green night.
    case noData = 4
    /// Bad arguments to the `triage` executable.
    case usage = 64
    /// Interrupted (Ctrl-C) while running a script.
    case interrupted = 130
}

/// Runs commands from the table against a context, reporting errors in one format.
public final class Session: Sendable {
    public let table: CommandTable
    public let context: Context

    public init(table: CommandTable = .standard, context: Context) {
        self.table = table
        self.context = context
    }

    public enum LineOutcome: Sendable, Equatable {
        case ok, failed, quit, canceled
        /// Ran, but the nights it asked for are not in the cache: said so in its answer.
        case noData
        /// Did not run: the words do not fit the command table (an unknown command or option, a
        /// missing operand). A script treats it as `failed`; one command given to the executable
        /// exits 64, as a bad argument to it.
        case usage
    }

    /// How deep `source` may nest (a file that sources itself stops here).
    public static let maxSourceDepth = 8

    /// Runs one line: parse, run, render. Errors are written to the sink, prefixed with the
    /// line's location when it has a file.
    public func run(_ line: ScriptLine, echo: Bool = false) async -> LineOutcome {
        await run(line, echo: echo, keepGoing: false, depth: 0)
    }

    func run(_ line: ScriptLine, echo: Bool, keepGoing: Bool, depth: Int) async -> LineOutcome {
        let words: [String]
        do { words = try Lexer.words(line.text) } catch {
            report(error, at: line)
            return .failed
        }
        if words.isEmpty { return .ok }
        if echo { context.sink.write("triage> \(line.text.trimmingCharacters(in: .whitespaces))\n") }
        if words.first == "source" {
            return await source(words, at: line, echo: echo, keepGoing: keepGoing, depth: depth)
        }
        return await run(words: words, at: line)
    }

    /// `source FILE`: the file's lines run as if they were here; their errors carry the
    /// sourced file's name and line. A path is relative to the including file's directory
    /// (to the working directory for `-c`, stdin and the prompt).
    func source(_ words: [String], at line: ScriptLine, echo: Bool, keepGoing: Bool, depth: Int) async
        -> LineOutcome
    {
        let path: String
        do {
            let command = try table.parse(words)
            path = command.operand(0) ?? ""
        } catch {
            report(error, at: line)
            return .failed
        }
        guard depth < Self.maxSourceDepth else {
            report(
                ShellError(
                    "source: scripts nest more than \(Self.maxSourceDepth) deep",
                    hint: "does '\(path)' source itself?"),
                at: line)
            return .failed
        }
        var resolved = path
        if !path.hasPrefix("/"), let including = line.file, including != "<stdin>" {
            let directory = (including as NSString).deletingLastPathComponent
            if !directory.isEmpty { resolved = (directory as NSString).appendingPathComponent(path) }
        }
        guard let data = FileManager.default.contents(atPath: resolved) else {
            report(
                ShellError(
                    "source: cannot read '\(resolved)'",
                    hint: "check the path (relative to the including file)"), at: line)
            return .failed
        }
        var failed = false
        var noData = false
        for inner in Self.lines(of: String(decoding: data, as: UTF8.self), file: resolved) {
            switch await run(inner, echo: echo, keepGoing: keepGoing, depth: depth + 1) {
            case .ok: continue
            case .noData: noData = true
            case .quit: return .quit
            case .canceled: return .canceled
            case .failed, .usage:
                if !keepGoing { return .failed }
                failed = true
            }
        }
        return failed ? .failed : noData ? .noData : .ok
    }

    /// Runs one command given as words (the executable's own arguments).
    public func run(words: [String], at line: ScriptLine? = nil) async -> LineOutcome {
        let location = line ?? ScriptLine(file: nil, line: 1, text: words.joined(separator: " "))
        let command: ParsedCommand
        let format: OutputFormat?
        do {
            let (rest, chosen) = try Self.formatOption(words)
            command = try table.parse(rest)
            format = chosen
        } catch {
            report(error, at: location)
            return .usage
        }
        do {
            // A command's own --format is the format while it runs, so it can skip work only
            // another format shows (a table's JSON records, JSON's excerpts).
            let sessionFormat = context.format
            if let format { context.format = format }
            defer { if let format, context.format == format { context.format = sessionFormat } }
            context.noData = nil
            defer { context.noData = nil }
            let output = try await command.spec.run(command, context)
            context.write(output)
            return context.noData == nil ? .ok : .noData
        } catch is QuitRequest {
            return .quit
        } catch is CancellationError {
            report(ShellError("canceled"), at: location)
            return .canceled
        } catch {
            report(error, at: location)
            return Task.isCancelled ? .canceled : .failed
        }
    }

    /// Runs a script: stops at the first error (exit 3) unless `keepGoing` (then exit 1 if
    /// anything failed); `quit` ends it. A command that found no data for its nights does not
    /// stop it, but the script then exits 4 when nothing failed.
    public func run(script lines: [ScriptLine], keepGoing: Bool, echo: Bool) async -> ExitStatus {
        var failed = false
        var noData = false
        for line in lines {
            switch await run(line, echo: echo, keepGoing: keepGoing, depth: 0) {
            case .ok: continue
            case .noData: noData = true
            case .quit: return failed ? .someFailed : noData ? .noData : .success
            case .canceled: return .interrupted
            case .failed, .usage:
                if !keepGoing { return .stopped }
                failed = true
            }
        }
        return failed ? .someFailed : noData ? .noData : .success
    }

    /// `--format table|tsv|json` anywhere after the command word (before a `--`) sets the format
    /// of that one command: `failures last-night --format json`.
    static func formatOption(_ words: [String]) throws -> (words: [String], format: OutputFormat?) {
        var rest: [String] = []
        var format: OutputFormat?
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            if word == "--" {
                rest += words[(index - 1)...]
                break
            }
            var value: String?
            if index > 1, word == "--format" {
                guard index < words.count else {
                    throw ShellError("--format needs a value", hint: "table, tsv or json")
                }
                value = words[index]
                index += 1
            } else if index > 1, word.hasPrefix("--format=") {
                value = String(word.dropFirst("--format=".count))
            }
            guard let value else {
                rest.append(word)
                continue
            }
            guard let chosen = OutputFormat(rawValue: value) else {
                throw ShellError("--format must be table, tsv or json, not '\(value)'")
            }
            format = chosen
        }
        return (rest, format)
    }

    func report(_ error: any Error, at line: ScriptLine) {
        let location = line.file.map { "\($0):\(line.line): " } ?? ""
        context.sink.writeError("\(location)error: \(ErrorFormatter.message(for: error))\n")
    }

    /// Splits a script file's text into lines numbered from 1.
    public static func lines(of text: String, file: String?) -> [ScriptLine] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map {
            ScriptLine(file: file, line: $0.offset + 1, text: String($0.element))
        }
    }
}
