import Foundation

/// The `triage` executable's arguments.
///
/// ```
/// triage [OPTIONS]                    interactive shell (or commands from a pipe)
/// triage [OPTIONS] COMMAND [ARGS…]    one command, e.g. `triage fetch --group julia`
/// triage [OPTIONS] -c CMD [-c CMD…]   commands from strings
/// triage [OPTIONS] -f FILE [-f FILE…] commands from files
/// triage demo [OPTIONS] [-c …|-f …]   the same against a built-in simulated GitLab
/// ```
public struct Invocation: Sendable, Hashable {
    public enum Source: Sendable, Hashable {
        case command(String)
        case file(String)
    }

    public var demo = false
    /// `triage demo --keep DIR`: the demo's workspace is DIR, kept afterwards (and reused by the
    /// next `demo --keep DIR`, whose fetch then brings only what is new).
    public var keep: String?
    public var sources: [Source] = []
    /// Words of a command given directly (`triage fetch --nights 7`).
    public var words: [String] = []
    public var format: OutputFormat?
    public var workspace: String?
    public var keepGoing = false
    public var echo = false
    public var color: ColorChoice = .auto
    public var help = false
    public var version = false

    public enum ColorChoice: String, Sendable, Hashable { case auto, always, never }

    public struct UsageError: Error, Hashable, Sendable {
        public var message: String
    }

    public static let usage = """
        usage: triage [--workspace DIR] [--format table|tsv|json] [--color auto|always|never]
                      [--keep-going] [--echo] [-c COMMAND]... [-f FILE]... [COMMAND [ARGS...]]
               triage demo [--keep DIR] [same options]
                                              (a simulated GitLab with a generated organisation;
                                              on a terminal it ends in the shell; --keep DIR keeps
                                              its workspace in DIR)
        Without -c, -f or a COMMAND, triage reads commands from the terminal or a pipe.
        Type 'help' inside triage, or 'triage help', for the commands.
        Exit status: 0 all succeeded; 1 something failed (--keep-going); 3 stopped at an error;
        4 no data for an asked night (the cache ends before it); 64 bad arguments; 130 interrupted.
        """

    public static func parse(_ arguments: [String]) throws(UsageError) -> Invocation {
        var invocation = Invocation()
        var index = 0
        func value(for flag: String) throws(UsageError) -> String {
            guard index < arguments.count else { throw UsageError(message: "\(flag) needs a value") }
            defer { index += 1 }
            return arguments[index]
        }
        if arguments.first == "demo" {
            invocation.demo = true
            index = 1
        }
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if !invocation.words.isEmpty {
                invocation.words.append(argument)
                continue
            }
            switch argument {
            case "-c", "--command": invocation.sources.append(.command(try value(for: argument)))
            case "-f", "--file": invocation.sources.append(.file(try value(for: argument)))
            case "--format":
                let text = try value(for: argument)
                guard let format = OutputFormat(rawValue: text) else {
                    throw UsageError(message: "--format must be table, tsv or json, not '\(text)'")
                }
                invocation.format = format
            case "--workspace", "-w": invocation.workspace = try value(for: argument)
            case "--color", "--colour":
                let text = try value(for: argument)
                guard let choice = ColorChoice(rawValue: text) else {
                    throw UsageError(message: "--color must be auto, always or never, not '\(text)'")
                }
                invocation.color = choice
            case "--keep" where invocation.demo: invocation.keep = try value(for: argument)
            case "--keep-going", "-k": invocation.keepGoing = true
            case "--echo": invocation.echo = true
            case "--help", "-h": invocation.help = true
            case "--version": invocation.version = true
            default:
                if argument.hasPrefix("-") {
                    throw UsageError(message: "unknown option '\(argument)'")
                }
                invocation.words.append(argument)
            }
        }
        if !invocation.words.isEmpty && !invocation.sources.isEmpty {
            throw UsageError(message: "give either a COMMAND or -c/-f, not both")
        }
        return invocation
    }
}
