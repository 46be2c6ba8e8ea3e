extension ToolGrammar {
    /// MSBuild, dotnet test.
    public static let dotnet = ToolGrammar(
        name: "dotnet",
        rules: [
            BlockRule(
                "msbuild-error", anchor: ": error ", position: .anywhere, role: .message, weight: 84,
                body: .none
            ) { s in
                guard let r = s.bytes(of: ": error ") else { return false }
                let code = s[r.upperBound...].prefix { $0 != ":" }
                return code.count >= 4 && code.count <= 10 && code.last?.isNumber == true
            },
            // `  Failed X.Y [14 ms]`, then `  Error Message:` at the same indentation and the message
            // under it, up to `  Stack Trace:`.
            BlockRule(
                "dotnet-failed", anchor: "Failed ", weight: 80, body: .until("Stack Trace:"), maxBody: 8
            ) {
                s in
                s.has(" [") && s.ends("]")
            },
            BlockRule("dotnet-summary", anchor: "Failed!", role: .summary, weight: 60, body: .none),
        ])
}
