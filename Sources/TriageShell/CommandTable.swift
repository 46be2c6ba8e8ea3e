import Foundation
import LogAnalysis
import TriageCore

/// Where Tab completion takes candidates for an operand or option value.
public enum CompletionSource: Sendable, Hashable {
    case none
    case commands
    case projects
    case jobs
    /// Cluster ids from the cache, most recently seen first.
    case clusters
    /// Issue references from the cache (`group/project#45`), open issues first.
    case issues
    case ranges
    /// Job stages of recent failures (`test`, `build`).
    case stages
    case values([String])
    /// Values that depend on the command's first operand: `set format` offers `table tsv json`,
    /// `set color` only `auto always never`. An unknown first operand offers nothing.
    case keyed([String: [String]])
}

public struct OptionSpec: Sendable, Hashable {
    /// Without the dashes: `group` for `--group`.
    public var name: String
    /// The value's placeholder, nil for a flag.
    public var value: String?
    public var repeatable: Bool
    public var summary: String
    public var completion: CompletionSource
    /// The only values the option takes (nil: any); parsing rejects any other, and completion
    /// offers these.
    public var choices: [String]?
    /// The value `ParsedCommand.option` answers when the line does not give one, shown in help.
    public var defaultValue: String?
    /// The whole numbers the option takes (nil: not a number): parsing rejects any other value, so
    /// `ParsedCommand.int` reads a checked number.
    public var integers: ClosedRange<Int>?

    public init(
        _ name: String, value: String? = nil, repeatable: Bool = false, summary: String,
        completion: CompletionSource = .none, choices: [String]? = nil, integers: ClosedRange<Int>? = nil,
        default defaultValue: String? = nil
    ) {
        self.name = name
        self.value = value
        self.repeatable = repeatable
        self.summary = summary
        self.completion = choices.map(CompletionSource.values) ?? completion
        self.choices = choices
        self.integers = integers
        self.defaultValue = defaultValue
    }

    /// A whole-number option from `range`, with its default (nil: none, the command decides).
    public static func integer(
        _ name: String, value: String = "N", summary: String, range: ClosedRange<Int>,
        default defaultValue: Int? = nil
    ) -> OptionSpec {
        OptionSpec(
            name, value: value, summary: summary, integers: range, default: defaultValue.map(String.init))
    }

    /// The summary as help and docs/commands.md show it: with the choices and the default the
    /// declaration holds, so that help never repeats them by hand.
    public var described: String {
        var text = summary
        if let choices { text += ": " + Self.alternatives(choices) }
        if let defaultValue { text += " (default \(defaultValue))" }
        return text
    }

    /// `a, b or c`.
    static func alternatives(_ values: [String]) -> String {
        guard let last = values.last, values.count > 1 else { return values.first ?? "" }
        return values.dropLast().joined(separator: ", ") + " or " + last
    }
}

public struct OperandSpec: Sendable, Hashable {
    public var name: String
    public var optional: Bool
    public var summary: String
    public var completion: CompletionSource
    /// The only words the operand takes (nil: any): a sub-command's word (`job`, `cluster`), or
    /// the fixed word of a phrase (`issue` in `assign job N issue REF`). Parsing rejects any other,
    /// and completion offers these.
    public var choices: [String]?

    public init(
        _ name: String, optional: Bool = false, summary: String, completion: CompletionSource = .none,
        choices: [String]? = nil
    ) {
        self.name = name
        self.optional = optional
        self.summary = summary
        self.completion = choices.map(CompletionSource.values) ?? completion
        self.choices = choices
    }
}

/// A parsed command line, checked against its spec.
public struct ParsedCommand: Sendable {
    public var spec: CommandSpec
    public var operands: [String]
    public var options: [String: [String]]
    public var flags: Set<String>

    /// The option's last value, or its declared default. The name must be one the spec declares:
    /// a misspelt name stops debug builds (and so every test that runs the command) instead of
    /// silently reading nil.
    public func option(_ name: String) -> String? {
        options[name]?.last ?? declared(name)?.defaultValue
    }
    public func values(_ name: String) -> [String] {
        _ = declared(name)
        return options[name] ?? []
    }
    /// Whether the flag was given; the name must be one the spec declares.
    public func flag(_ name: String) -> Bool {
        _ = declared(name)
        return flags.contains(name)
    }

    private func declared(_ name: String) -> OptionSpec? {
        let option = spec.options.first { $0.name == name }
        assert(option != nil, "\(spec.name) reads --\(name), which it does not declare")
        return option
    }
    public func operand(_ index: Int) -> String? { index < operands.count ? operands[index] : nil }

    /// A whole-number option's value or default (`OptionSpec.integer`), checked when parsed.
    public func int(_ name: String) -> Int? {
        assert(declared(name)?.integers != nil, "\(spec.name) reads --\(name) as a number; declare it so")
        return option(name).flatMap { Int($0) }
    }
}

/// One command, described once: parsing, usage, help, completion and docs/commands.md all
/// come from this.
public struct CommandSpec: Sendable {
    public var name: String
    public var aliases: [String]
    public var group: String
    public var summary: String
    public var details: String?
    public var operands: [OperandSpec]
    public var options: [OptionSpec]
    /// Groups of options (names, without dashes) of which one line may give at most one:
    /// `[["untriaged", "triaged"]]`. Parsing rejects two of a group; usage shows them as one choice.
    public var exclusive: [[String]]
    public var examples: [String]
    public var run: @Sendable (ParsedCommand, Context) async throws -> CommandOutput

    public init(
        name: String, aliases: [String] = [], group: String, summary: String, details: String? = nil,
        operands: [OperandSpec] = [], options: [OptionSpec] = [], exclusive: [[String]] = [],
        examples: [String] = [],
        run: @escaping @Sendable (ParsedCommand, Context) async throws -> CommandOutput
    ) {
        self.name = name
        self.aliases = aliases
        self.group = group
        self.summary = summary
        self.details = details
        self.operands = operands
        self.options = options
        self.exclusive = exclusive
        self.examples = examples
        self.run = run
    }

    /// `fetch [--group G]... [--nights N]`; an exclusive group as `[--untriaged | --triaged]`, where
    /// its first option stands.
    public var usage: String {
        var parts = [name]
        for operand in operands {
            // A word the operand must be is written as itself (`diff job N`, `assign job|cluster …`).
            let word = operand.choices.map { $0.joined(separator: "|") } ?? operand.name
            parts.append(operand.optional ? "[\(word)]" : word)
        }
        func body(_ option: OptionSpec) -> String {
            option.value.map { "--\(option.name) \($0)" } ?? "--\(option.name)"
        }
        for option in options {
            if let group = exclusive.first(where: { $0.contains(option.name) }) {
                guard group.first == option.name else { continue }
                let choices = group.compactMap { name in options.first { $0.name == name } }
                parts.append("[" + choices.map(body).joined(separator: " | ") + "]")
                continue
            }
            parts.append("[\(body(option))]" + (option.repeatable ? "..." : ""))
        }
        return parts.joined(separator: " ")
    }

    /// The options of an exclusive group other than `name` (none when it is in no group).
    func excluded(by name: String) -> [String] {
        exclusive.filter { $0.contains(name) }.flatMap { $0 }.filter { $0 != name }
    }
}

/// The only list of commands.
public struct CommandTable: Sendable {
    public var commands: [CommandSpec]

    /// Options every command takes, read by the session before the command's own
    /// (`Session.formatOption`): shown by `help COMMAND` and docs/commands.md, and completed.
    public static let globalOptions = [
        OptionSpec(
            "format", value: "FORMAT", summary: "this command's output",
            choices: OutputFormat.allCases.map(\.rawValue))
    ]

    public init(commands: [CommandSpec]) { self.commands = commands }

    /// Group names in the order they first appear.
    public var groups: [String] {
        var seen: [String] = []
        for c in commands where !seen.contains(c.group) { seen.append(c.group) }
        return seen
    }

    public func lookup(_ word: String) -> CommandSpec? {
        commands.first { $0.name == word || $0.aliases.contains(word) }
    }

    /// Parses the words of one command line. Throws a ShellError with a usage hint or a
    /// did-you-mean when the words don't fit.
    public func parse(_ words: [String]) throws -> ParsedCommand {
        guard let first = words.first else { throw UsageError.emptyCommand }
        guard let spec = lookup(first) else {
            let names = commands.flatMap { [$0.name] + $0.aliases }
            throw UsageError.unknownCommand(first, guess: suggestion(for: first, among: names))
        }
        var operands: [String] = []
        var options: [String: [String]] = [:]
        var flags: Set<String> = []
        var index = 1
        var onlyOperands = false
        while index < words.count {
            let word = words[index]
            index += 1
            if !onlyOperands, word == "--" {
                onlyOperands = true
                continue
            }
            if !onlyOperands, word.hasPrefix("--"), word.count > 2 {
                var name = String(word.dropFirst(2))
                var inlineValue: String?
                if let eq = name.firstIndex(of: "=") {
                    inlineValue = String(name[name.index(after: eq)...])
                    name = String(name[..<eq])
                }
                guard let option = spec.options.first(where: { $0.name == name }) else {
                    throw UsageError.unknownOption(
                        command: spec.name, option: name,
                        guess: suggestion(for: name, among: spec.options.map(\.name)),
                        usage: spec.usage)
                }
                if option.value == nil {
                    guard inlineValue == nil else {
                        throw UsageError.flagTakesNoValue(command: spec.name, option: name, usage: spec.usage)
                    }
                    flags.insert(name)
                    continue
                }
                let value: String
                if let inlineValue {
                    value = inlineValue
                } else {
                    guard index < words.count else {
                        throw UsageError.optionNeedsValue(
                            command: spec.name, option: name, placeholder: option.value ?? "VALUE",
                            usage: spec.usage)
                    }
                    value = words[index]
                    index += 1
                }
                if let choices = option.choices, !choices.contains(value) {
                    throw UsageError.notAnOptionChoice(
                        command: spec.name, option: name, choices: choices, value: value, usage: spec.usage)
                }
                if let range = option.integers, Int(value).map(range.contains) != true {
                    throw UsageError.notANumberInRange(
                        command: spec.name, option: name, range: range, value: value, usage: spec.usage)
                }
                if !option.repeatable, options[name] != nil {
                    throw UsageError.optionGivenTwice(command: spec.name, option: name, usage: spec.usage)
                }
                options[name, default: []].append(value)
                continue
            }
            operands.append(word)
        }
        for group in spec.exclusive {
            let given = group.filter { flags.contains($0) || options[$0] != nil }
            if given.count > 1 {
                throw UsageError.exclusiveOptions(command: spec.name, options: given, usage: spec.usage)
            }
        }
        let required = spec.operands.filter { !$0.optional }.count
        if operands.count < required {
            throw UsageError.missingOperand(
                command: spec.name, operand: spec.operands[operands.count].name, usage: spec.usage)
        }
        if operands.count > spec.operands.count {
            throw UsageError.unexpectedOperand(
                command: spec.name, word: operands[spec.operands.count], usage: spec.usage)
        }
        for (index, (word, operand)) in zip(operands, spec.operands).enumerated() {
            guard let choices = operand.choices, !choices.contains(word) else { continue }
            // A sub-command's word (the first operand) is suggested with its command.
            let hint =
                suggestion(for: word, among: choices).map {
                    "did you mean '\(index == 0 ? "\(spec.name) \($0)" : $0)'?"
                } ?? "usage: \(spec.usage)"
            throw UsageError.notAnOperandChoice(
                command: spec.name, operand: operand.name, choices: choices, word: word, hint: hint)
        }
        // A RANGE operand is read as one when the line is parsed, so a typo is a usage error
        // before the command runs, the same for every command that takes nights.
        for (word, operand) in zip(operands, spec.operands) where operand.completion == .ranges {
            do { _ = try TimeRange.parse(word) } catch {
                throw UsageError.notATimeRange(command: spec.name, error)
            }
        }
        // So is a cluster id, operand or option value.
        var clusterWords: [String] = []
        for (word, operand) in zip(operands, spec.operands) where operand.completion == .clusters {
            clusterWords.append(word)
        }
        for option in spec.options where option.completion == .clusters {
            clusterWords += options[option.name] ?? []
        }
        for word in clusterWords where ClusterID(rawValue: word) == nil {
            throw UsageError.notAClusterID(command: spec.name, text: word)
        }
        return ParsedCommand(spec: spec, operands: operands, options: options, flags: flags)
    }

    /// docs/commands.md, generated. A test fails when the committed file differs.
    public func markdown() -> String {
        var out = "# triage commands\n\n"
        out += "Generated from the command table (`swift run triage help --markdown`); do not edit by hand.\n"
        out +=
            "\nExit status of `triage -c`/`-f`/a pipe: 0 all succeeded; 1 something failed (`--keep-going`); "
        out +=
            "3 stopped at the first error; 4 no data: a command asked for nights after the cache's last one "
        out +=
            "(it says `no data for night X: the cache ends at Y (last fetch Z)`, and in JSON answers an object "
        out += "with `no_data`, `missing_nights`, `reason`, `records`), the script still ran to its end; "
        out += "64 bad arguments (also a command on triage's own command line whose words do not fit it, "
        out += "`triage failures --nosuch`); 130 interrupted.\n"
        out += "\nEvery command also takes:\n\n| option | meaning |\n|---|---|\n"
        for o in Self.globalOptions {
            out += "| `--\(o.name)\(o.value.map { " \($0)" } ?? "")` | \(o.described) |\n"
        }
        for group in groups {
            out += "\n## \(group)\n"
            for spec in commands where spec.group == group {
                out += "\n### `\(spec.name)`\n\n\(spec.summary)\n\n```\n\(spec.usage)\n```\n"
                if !spec.aliases.isEmpty {
                    out += "\nAlso: " + spec.aliases.map { "`\($0)`" }.joined(separator: ", ") + "\n"
                }
                if let details = spec.details { out += "\n\(details)\n" }
                let rows =
                    spec.operands.map { ("`\($0.name)`", $0.summary) }
                    + spec.options.map { o in ("`--\(o.name)\(o.value.map { " \($0)" } ?? "")`", o.described)
                    }
                if !rows.isEmpty {
                    out += "\n| operand / option | meaning |\n|---|---|\n"
                    for (name, summary) in rows { out += "| \(name) | \(summary) |\n" }
                }
                if !spec.examples.isEmpty {
                    out += "\nExamples:\n\n```\n" + spec.examples.map { "triage> \($0)\n" }.joined() + "```\n"
                }
            }
        }
        return out
    }
}
