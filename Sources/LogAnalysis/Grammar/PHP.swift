extension ToolGrammar {
    /// PHPUnit (and the runners built on it: Pest, Paratest) and Composer's resolver.
    public static let php = ToolGrammar(
        name: "php",
        rules: [
            // `There was 1 failure:` / `There were 2 errors:`: the heading of PHPUnit's report.
            BlockRule("phpunit-heading", anchor: "There w", weight: 60, body: .none) { s in
                (s.starts("There was 1 ") || s.starts("There were ")) && s.ends(":")
                    && (s.has(" failure") || s.has(" error") || s.has(" warning"))
            },
            // `1) Acme\Tests\InvoiceTest::testTotals`: the test, then its message lines up to the
            // blank line before the frames (not indented, so not an RSpec or mocha body).
            BlockRule(
                "phpunit-failure", anchor: ") ", position: .anywhere, weight: 86, body: .untilBlank,
                maxBody: 8
            ) { s in
                Shape.numbered(s, digits: 4) && Shape.phpTestName(s)
            },
            // Pest's and Collision's (`php artisan test`): `FAILED  Tests\Feature\RefundTest > it
            // refunds a paid order`, its message lines under it.
            BlockRule("pest-failed", anchor: "FAILED  ", weight: 86, body: .untilBlank, maxBody: 6) { s in
                s.has(" > ")
            },
            BlockRule(
                "failed-asserting", anchor: "Failed asserting that ", role: .message, weight: 84, body: .none),
            BlockRule("phpunit-verdict", anchor: "FAILURES!", role: .summary, weight: 56, body: .none),
            BlockRule("phpunit-verdict", anchor: "ERRORS!", role: .summary, weight: 56, body: .none),
            BlockRule("phpunit-counts", anchor: "Tests: ", role: .summary, weight: 56, body: .none) { s in
                s.has(", Assertions: ") && (s.has("Failures: ") || s.has("Errors: "))
            },
            // Composer's verdict over its problems (`  Problem 1` and the resolver's reasons
            // indented under it): the reasons say which package and why.
            BlockRule(
                "composer-unresolvable",
                anchor: "Your requirements could not be resolved to an installable set of packages",
                weight: 88, body: .indented, maxBody: 12),
            BlockRule(
                "composer-unresolvable",
                anchor: "Your lock file does not contain a compatible set of packages",
                weight: 88, body: .indented, maxBody: 12),
            BlockRule("composer-problem", anchor: "Problem ", weight: 84, body: .indented, maxBody: 6) { s in
                s.dropFirst("Problem ".utf8.count).allSatisfy(\.isNumber) && s.utf8.count > 8
            },
            // The reason that fails the problem: `- acme/sdk 5.0.0 requires php >=8.3 -> your php
            // version (8.2.24) does not satisfy that requirement.`, `… -> found acme/sdk[1.0.0] but
            // it does not match the constraint.` (not the lines that say what was asked for).
            BlockRule(
                "composer-reason", anchor: " -> ", position: .anywhere, role: .message, weight: 80,
                body: .none
            ) { s in
                s.starts("- ")
                    && (s.has("does not satisfy") || s.has("does not match") || s.has("could not be found")
                        || s.has("but these were not loaded") || s.has("conflicts with"))
            },
        ])
}

extension Shape {
    /// After `N) `, one PHP test name: `Class::method` (a namespace before it, a data set after:
    /// `with data set #0 (…)`), the `::` before any space.
    static func phpTestName(_ s: Substring) -> Bool {
        guard let close = s.firstIndex(of: ")") else { return false }
        let rest = s[s.index(close, offsetBy: 2)...]
        guard let colons = rest.bytes(of: "::") else { return false }
        let name = rest[rest.startIndex..<colons.lowerBound]
        let method = rest[colons.upperBound...].prefix { $0 != " " }
        // Nothing after the method but a data set's name (RSpec's `1) Zones::Matrix returns …`
        // goes on with its description).
        let after = rest[method.endIndex...]
        return !name.isEmpty && !name.contains(" ") && !name.contains("#") && !method.isEmpty
            && method.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
            && (after.isEmpty || after.starts(" with data set"))
    }
}
