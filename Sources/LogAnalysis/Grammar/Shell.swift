extension ToolGrammar {
    /// The shell and generic tools: a command that was not found, a script's own error line.
    public static let shell = ToolGrammar(
        name: "shell",
        rules: [
            BlockRule(
                "not-found", anchor: ": not found", position: .anywhere, role: .message, weight: 78,
                body: .none),
            BlockRule(
                "not-found", anchor: ": command not found", position: .anywhere, role: .message, weight: 80,
                body: .none),
            BlockRule(
                "no-such-file", anchor: "No such file or directory", position: .anywhere, role: .message,
                weight: 72, body: .none),
            BlockRule(
                "permission", anchor: "Permission denied", position: .anywhere, role: .message, weight: 72,
                body: .none),
            BlockRule("fatal", anchor: "fatal: ", role: .message, weight: 78, body: .indented, maxBody: 3),
            BlockRule(
                "error-colon", anchor: "Error: ", role: .message, weight: 72, body: .indented, maxBody: 3),
            BlockRule(
                "error-colon", anchor: "ERROR: ", role: .message, weight: 70, body: .indented, maxBody: 3
            ) { s in
                !s.starts("ERROR: Job failed")
            },
            BlockRule(
                "error-colon", anchor: "error: ", role: .message, weight: 70, body: .indented, maxBody: 3),
            BlockRule(
                "exit-code", anchor: "exited with code", position: .anywhere, role: .summary, weight: 45,
                body: .none),
            BlockRule(
                "exit-code", anchor: "exit code ", position: .anywhere, role: .summary, weight: 40,
                body: .none
            ) { s in
                !s.has("exit code 0")
            },
        ])
}
