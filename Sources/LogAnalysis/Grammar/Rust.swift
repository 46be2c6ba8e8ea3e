extension ToolGrammar {
    /// rustc, cargo test and clippy.
    public static let rust = ToolGrammar(
        name: "rust",
        rules: [
            BlockRule(
                "error-code", anchor: "error[E", role: .message, weight: 90, body: .untilBlank, maxBody: 8),
            // A codespan report of another kind than the compiler's codes: cargo-deny's
            // `error[vulnerability]: \`idna\` accepts Punycode labels …`, `error[banned]: …`,
            // `error[rejected]: failed to satisfy license requirements`.
            BlockRule(
                "error-kind", anchor: "error[", role: .message, weight: 86, body: .untilBlank, maxBody: 8
            ) { s in
                Shape.bracketedKind(s, after: "error[")
            },
            BlockRule("error", anchor: "error: ", role: .message, weight: 82, body: .untilBlank, maxBody: 6) {
                s in
                !s.starts("error: could not compile") && !s.starts("error: test failed")
                    && !s.starts("error: aborting due to") && !s.starts("error: Recipe")
            },
            BlockRule(
                "could-not-compile", anchor: "error: could not compile", role: .summary, weight: 58,
                body: .none),
            BlockRule("test-failed", anchor: "error: test failed", role: .summary, weight: 56, body: .none),
            BlockRule(
                "panicked", anchor: "panicked at ", position: .anywhere, role: .message, weight: 90,
                body: .indented, maxBody: 4
            ) { s in
                !s.ends(":")
            },
            // Since Rust 1.73 the panic's message is on the lines under `panicked at src/x.rs:3:5:`,
            // unindented, up to the `note: run with RUST_BACKTRACE=1` advice.
            BlockRule(
                "panicked", anchor: "panicked at ", position: .anywhere, role: .message, weight: 90,
                body: .until("note: "), maxBody: 4
            ) { s in
                s.ends(":")
            },
            BlockRule(
                "panicked", anchor: "' panicked at '", position: .anywhere, role: .message, weight: 90,
                body: .none),
            // `cargo fmt --check`: `Diff in src/x.rs at line 1:` (`Diff in src/x.rs:1:` since rustfmt
            // 1.5), then the diff that formatting would apply.
            BlockRule("rustfmt-diff", anchor: "Diff in ", weight: 76, body: .diff, maxBody: 12) { s in
                s.ends(":") && (s.has(" at line ") || s.has(".rs:"))
            },
            BlockRule("test-result", anchor: "test result: FAILED", role: .summary, weight: 58, body: .none),
            BlockRule("failed-test", anchor: "---- ", weight: 80, body: .untilBlank, maxBody: 8) { s in
                s.ends(" stdout ----") || s.ends(" stderr ----")
            },
        ])
}

extension Shape {
    /// `error[vulnerability]: …`: the lead, then a lowercase word (`-` and `_` inside it), `]:`.
    static func bracketedKind(_ s: Substring, after lead: String) -> Bool {
        guard s.starts(lead) else { return false }
        let t = s.dropFirst(lead.count)
        let kind = t.prefix { ($0.isASCII && $0.isLowercase) || $0 == "-" || $0 == "_" }
        return kind.first?.isLetter == true && t.dropFirst(kind.count).starts("]: ")
    }
}
