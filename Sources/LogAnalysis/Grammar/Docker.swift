extension ToolGrammar {
    /// docker build / buildx (BuildKit).
    public static let docker = ToolGrammar(
        name: "docker",
        rules: [
            BlockRule("stage-error", anchor: "ERROR [", weight: 84, body: .none),
            BlockRule(
                "failed-to-solve", anchor: "failed to solve", position: .anywhere, role: .message, weight: 86,
                body: .none),
            BlockRule(
                "error-response", anchor: "Error response from daemon", position: .anywhere, role: .message,
                weight: 86, body: .none),
            BlockRule(
                "returned-nonzero", anchor: "returned a non-zero code", position: .anywhere, role: .message,
                weight: 84, body: .none),
        ])
}
