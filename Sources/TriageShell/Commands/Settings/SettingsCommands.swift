import Foundation
import TriageCore

/// The settings `set` changes, with their allowed values; `show settings` lists them.
let settingValues: [(key: String, values: [String], summary: String)] = [
    ("format", OutputFormat.allCases.map(\.rawValue), "how results are printed"),
    ("color", ["auto", "always", "never"], "colour in tables (auto: on a terminal without NO_COLOR)"),
    ("pager", ["auto", "never"], "long output through $PAGER on a terminal"),
]

let setCommand: CommandSpec = CommandSpec(
    name: "set", group: "Shell",
    summary: "Change a setting for the rest of the session: format, color or pager.",
    details: """
        `set format json` makes every later command print JSON. The time zone is not a session \
        setting: it defines the nights, so it comes from triage.toml ([nightly] timezone). \
        JSON: {key, value}.
        """,
    operands: [
        OperandSpec("KEY", summary: "format, color or pager", completion: .values(settingValues.map(\.key))),
        OperandSpec(
            "VALUE", summary: "the new value",
            completion: .keyed(Dictionary(uniqueKeysWithValues: settingValues.map { ($0.key, $0.values) }))),
    ],
    examples: ["set format json", "set color never", "set pager never"],
    run: { command, context in
        let key = command.operand(0) ?? ""
        let value = command.operand(1) ?? ""
        guard let setting = settingValues.first(where: { $0.key == key }) else {
            if key == "timezone" || key == "time_zone" {
                throw ShellError(
                    "set: the time zone defines the nights, so it is not a session setting",
                    hint: "change [nightly] timezone in triage.toml")
            }
            let hint = suggestion(for: key, among: settingValues.map(\.key)).map { "did you mean '\($0)'?" }
            throw ShellError("set: no setting '\(key)'", hint: hint ?? "settings: format, color, pager")
        }
        guard setting.values.contains(value) else {
            throw ShellError("set \(key): '\(value)' is not one of \(setting.values.joined(separator: ", "))")
        }
        switch key {
        case "format": context.format = OutputFormat(rawValue: value) ?? context.format
        case "color":
            let vars = context.environment.variables
            context.color =
                value == "always"
                || (value == "auto" && context.environment.stdoutIsTerminal
                    && (vars["NO_COLOR"] ?? "").isEmpty)
        default: context.pagerEnabled = value == "auto"
        }
        return CommandOutput(json: .object(["key": .string(key), "value": .string(value)]))
    }
)

func showSettings(_ context: Context) throws -> CommandOutput {
    let zone = try context.calendar().timeZone.identifier
    let fromFile = try context.config().timeZone != nil
    let values: [(String, String, String)] = [
        ("format", context.format.rawValue, "set format table|tsv|json"),
        ("color", context.color ? "always" : "never", "set color auto|always|never"),
        ("pager", context.pagerEnabled ? "auto" : "never", "set pager auto|never"),
        ("timezone", zone, fromFile ? "triage.toml" : "the system's (no [nightly] timezone in triage.toml)"),
    ]
    return CommandOutput(
        table: Table(
            columns: ["SETTING", "VALUE", "CHANGE WITH"],
            rows: values.map { [Cell($0.0), Cell($0.1), Cell($0.2, .dim)] }),
        json: .object(Dictionary(uniqueKeysWithValues: values.map { ($0.0, JSONValue.string($0.1)) })))
}

let sourceCommand: CommandSpec = CommandSpec(
    name: "source", group: "Shell",
    summary: "Run the commands of a script file (a path relative to the including file).",
    details: """
        Errors inside are reported as FILE:LINE of the sourced file; the script stops at the first \
        error unless triage runs with --keep-going. Sourcing nests at most 8 deep.
        """,
    operands: [OperandSpec("FILE", summary: "a script file")],
    examples: ["source morning.triage", "source ../common/checks.triage"],
    run: { _, _ in
        // The session runs `source` itself (it needs the script's position and options).
        throw ShellError("source: only a session can run a script")
    }
)
