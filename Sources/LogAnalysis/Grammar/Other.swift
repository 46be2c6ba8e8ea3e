extension ToolGrammar {
    /// Test runners and compilers of smaller ecosystems, each a rule or two: PowerShell's Pester,
    /// Elm's compiler, Emacs' ert, Nim's unittest, and a Ruby exception as Cucumber and Ruby itself
    /// print it (`message (RSpec::Expectations::ExpectationNotMetError)`).
    public static let other = ToolGrammar(
        name: "other",
        rules: [
            // Pester: `[-] merges nested hashtables 48ms`, its message indented under it.
            BlockRule("pester-failed", anchor: "[-] ", weight: 84, body: .indented, maxBody: 10) { s in
                s.utf8.count > 4
            },
            // Elm: `-- TYPE MISMATCH ---------- src/Main.elm`, then paragraphs of explanation (found
            // by the dashes after the title: a needle under four bytes, `-- `, is searched apart
            // at every position and slowed every log by a fifth).
            BlockRule(
                "elm-error", anchor: " ----", position: .anywhere, weight: 84,
                body: .through("Detected errors in"), maxBody: 12
            ) { s in
                Shape.elmHeading(s)
            },
            // ert: `Test name condition:` over the failed `should` form.
            BlockRule("ert-condition", anchor: " condition:", position: .anywhere, weight: 84, maxBody: 14) {
                s in
                s.starts("Test ") && s.ends(" condition:")
            },
            // Nim's unittest: `tests/t.nim(88, 25): Check failed: expr` then what the operands were;
            // `[FAILED] test name` after them.
            BlockRule(
                "nim-check-failed", anchor: "): Check failed: ", position: .anywhere, role: .message,
                weight: 86, body: .none),
            BlockRule("nim-failed", anchor: "[FAILED] ", role: .summary, weight: 66, body: .none),
            // Ruby's exception after its message: `expected to find text "x" in "y"
            // (RSpec::Expectations::ExpectationNotMetError)`, the frames indented or not under it.
            BlockRule(
                "ruby-exception", anchor: "Error)", position: .anywhere, role: .message, weight: 84,
                body: .none
            ) { s in
                Shape.rubyExceptionSuffix(s)
            },
        ])
}

extension Shape {
    /// Elm's `-- TYPE MISMATCH ----- file`: `-- `, capital words, a space and a run of dashes.
    static func elmHeading(_ s: Substring) -> Bool {
        guard s.starts("-- ") else { return false }
        let u = Array(s.utf8.prefix(80))
        var i = 3
        while i < u.count && (u[i] &- 0x41 < 26 || u[i] == 0x20) { i += 1 }
        return i > 5 && i + 2 < u.count && u[i - 1] == 0x20 && u[i] == 0x2D && u[i + 1] == 0x2D
            && u[i + 2] == 0x2D
            && u[3] &- 0x41 < 26
    }

    /// A line ending in ` (Name::SpaceError)` or ` (NameError)`: a Ruby exception's class after its
    /// message.
    static func rubyExceptionSuffix(_ s: Substring) -> Bool {
        guard s.ends("Error)"), let open = s.lastIndex(of: "("), open > s.startIndex else { return false }
        let name = s[s.index(after: open)..<s.index(before: s.endIndex)]
        return s[s.index(before: open)] == " " && name.count > 5 && name.first?.isUppercase == true
            && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == ":" }
    }
}
