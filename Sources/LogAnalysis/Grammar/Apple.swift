extension ToolGrammar {
    /// swift build, XCTest, Swift Testing and xcodebuild (raw or through xcpretty/xcbeautify).
    public static let apple = ToolGrammar(
        name: "apple",
        rules: [
            BlockRule(
                "xctest-failed", anchor: ": error: -[", position: .anywhere, role: .message, weight: 90,
                body: .none),
            BlockRule(
                "xctest-failed", anchor: " : XCT", position: .anywhere, role: .message, weight: 88,
                body: .none),
            BlockRule(
                "xctest-case-failed", anchor: "' failed (", position: .anywhere, role: .summary, weight: 66,
                body: .none
            ) { s in
                s.starts("Test Case '")
            },
            BlockRule(
                "swift-testing-failed", anchor: " recorded an issue", position: .anywhere, role: .message,
                weight: 88, body: .indented, maxBody: 6),
            BlockRule(
                "swift-testing-failed", anchor: " failed after ", position: .anywhere, role: .summary,
                weight: 64, body: .none
            ) { s in
                s.has("Test ") && (s.has("issue") || s.has("failed"))
            },
            BlockRule("cross", anchor: "✗ ", weight: 84, body: .indented, maxBody: 4),
            BlockRule("cross", anchor: "✖ ", weight: 84, body: .indented, maxBody: 4),
            BlockRule("cross", anchor: "❌ ", weight: 84, body: .indented, maxBody: 4),
            BlockRule(
                "xcodebuild-failed", anchor: "** BUILD FAILED **", position: .anywhere, role: .summary,
                weight: 60, body: .none),
            BlockRule(
                "xcodebuild-failed", anchor: "** TEST FAILED **", position: .anywhere, role: .summary,
                weight: 58, body: .none),
            BlockRule(
                "xcodebuild-failed", anchor: "** ARCHIVE FAILED **", position: .anywhere, role: .summary,
                weight: 60, body: .none),
            BlockRule("failing-tests", anchor: "Failing tests:", weight: 78, body: .indented, maxBody: 8),
            BlockRule(
                "xcode-error", anchor: "error: ", role: .message, weight: 80, body: .indented, maxBody: 3),
            BlockRule(
                "test-case-failed", anchor: "Test case '", position: .anywhere, role: .message, weight: 84,
                body: .none
            ) { s in
                s.has("' failed")
            },
            BlockRule(
                "precondition", anchor: "Precondition failed", position: .anywhere, role: .message,
                weight: 88, body: .none),
            BlockRule(
                "fatal-error", anchor: "Fatal error: ", position: .anywhere, role: .message, weight: 90,
                body: .none),
        ])
}
