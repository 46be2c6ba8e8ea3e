extension ToolGrammar {
    /// Terraform's and OpenTofu's diagnostics (0.15 on): a box from `╷` to `╵`, each line led by
    /// `│ `, holding the summary (`│ Error: Unsupported argument`), where it is (`│   on main.tf line
    /// 14, in resource "aws_vpc" "this":` and the code), and the detail that says what is wrong
    /// (`│ An argument named "enable_classiclink" is not expected here.`).
    public static let terraform = ToolGrammar(
        name: "terraform",
        rules: [
            BlockRule(
                "error", anchor: "│ Error: ", role: .message, weight: 84, body: .through("╵"), maxBody: 30),
            // The detail: a sentence at the box's own indentation (the location and the code are
            // indented under it). Below the strong band: it is the message of its box, never a block
            // of its own.
            BlockRule("detail", anchor: "│ ", role: .message, weight: 46, body: .none) { s in
                Shape.boxedSentence(s)
            },
        ])
}

extension Shape {
    /// A box's line that is a sentence of its own: `│ ` then a capital letter, three words or more,
    /// not another summary (`│ Error: `, `│ Warning: `) nor a label's (`│ ERROR: …`).
    static func boxedSentence(_ s: Substring) -> Bool {
        let t = s.dropFirst(2)
        guard let first = t.unicodeScalars.first, first.isASCII, first.properties.isUppercase,
            !t.starts("Error: "), !t.starts("Warning: ")
        else { return false }
        let words = t.split(separator: " ", omittingEmptySubsequences: true)
        // (Not a label's line, Julia's `│ ERROR: UndefVarError: …` in a logged error's box.)
        return words.count >= 3 && words[0].last != ":"
    }
}
