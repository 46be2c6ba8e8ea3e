import Testing

@testable import LogAnalysis

struct VersionCase: CustomTestStringConvertible, Sendable {
    let a: String
    let b: String
    let expected: VersionOrdering?
    let rule: String
    var testDescription: String { "\(a) vs \(b): \(rule)" }
}

@Suite struct DependenciesVersionTests {
    static let cases: [VersionCase] = [
        .init(a: "1.6.0", b: "1.7.0", expected: .ascending, rule: "minor bump"),
        .init(a: "1.9", b: "1.10", expected: .ascending, rule: "numbers compare numerically"),
        .init(a: "v1.2.3", b: "1.2.3", expected: .same, rule: "leading v ignored"),
        .init(a: "1.0", b: "1.0.0", expected: .same, rule: "missing number is 0"),
        .init(a: "1.0-rc1", b: "1.0", expected: .ascending, rule: "pre-release before release"),
        .init(a: "1.0-rc1", b: "1.0-rc2", expected: .ascending, rule: "pre-release numbers"),
        .init(a: "1.0-beta", b: "1.0-rc1", expected: .ascending, rule: "beta before rc"),
        .init(a: "1.0-alpha.2", b: "1.0-beta.1", expected: .ascending, rule: "alpha before beta"),
        .init(a: "2.0a1", b: "2.0", expected: .ascending, rule: "pip pre-release without separator"),
        .init(a: "2.0.dev0", b: "2.0a1", expected: .ascending, rule: "dev before alpha"),
        .init(a: "1.0", b: "1.0.post1", expected: .ascending, rule: "post-release after release"),
        .init(a: "1.0.post1", b: "1.0.1", expected: .ascending, rule: "number after post word"),
        .init(a: "1.4.0-DEV.577", b: "1.4.0", expected: .ascending, rule: "Julia DEV build before release"),
        .init(a: "1.4.0-DEV.577", b: "1.4.0-DEV.600", expected: .ascending, rule: "Julia DEV builds"),
        .init(a: "0.5.3+1", b: "0.5.3+2", expected: .ascending, rule: "JLL build number breaks the tie"),
        .init(a: "0.5.3+9", b: "0.5.4+1", expected: .ascending, rule: "build only breaks ties"),
        .init(a: "1.0", b: "1.0+cpu", expected: .ascending, rule: "build metadata after none"),
        .init(
            a: "v1.2.4-0.20240301123456-abcdef123456", b: "v1.2.4", expected: .ascending,
            rule: "Go pseudo-version is a pre-release"),
        .init(
            a: "v0.0.0-20240101000000-aaaaaaaaaaaa", b: "v0.0.0-20240301123456-abcdef123456",
            expected: .ascending,
            rule: "Go pseudo-versions by time"),
        .init(
            a: "12345678901234567890123", b: "12345678901234567890124", expected: .ascending,
            rule: "numbers of any length"),
        .init(a: "1.0-SNAPSHOT", b: "1.0", expected: .ascending, rule: "Maven snapshot"),
        .init(a: "4.1.106.Final", b: "4.1.107.Final", expected: .ascending, rule: "netty"),
        .init(a: "32.1.3-jre", b: "33.0.0-jre", expected: .ascending, rule: "guava flavours, same word"),
        .init(a: "2.0.0", b: "1.9.9", expected: .descending, rule: "descending"),
        .init(a: "1.0-RC1", b: "1.0-rc1", expected: .same, rule: "case-insensitive"),
        .init(a: "33.0.0-jre", b: "33.0.0-android", expected: nil, rule: "unknown words do not compare"),
        .init(a: "abc", b: "abd", expected: nil, rule: "unparseable"),
        .init(a: "1.0", b: "1.0-foo", expected: .descending, rule: "dash tail is a pre-release"),
        .init(a: "1.0", b: "1.0foo", expected: nil, rule: "unknown word without dash"),
    ]

    @Test(arguments: cases)
    func compare(_ c: VersionCase) {
        #expect(VersionComparator.compare(c.a, c.b) == c.expected)
        // Antisymmetry: swapping the sides flips the answer.
        #expect(VersionComparator.compare(c.b, c.a) == c.expected.map(VersionComparator.flipped))
    }

    struct ChangeCase: Sendable, CustomTestStringConvertible {
        let from: String?
        let to: String?
        let kind: DependencyChange.Kind?
        var testDescription: String { "\(from ?? "∅") → \(to ?? "∅")" }
    }

    @Test(arguments: [
        ChangeCase(from: nil, to: "1.0", kind: .added),
        ChangeCase(from: "1.0", to: nil, kind: .removed),
        ChangeCase(from: "1.0", to: "1.1", kind: .upgraded),
        ChangeCase(from: "1.1", to: "1.0", kind: .downgraded),
        ChangeCase(from: "1.0", to: "1.0.0", kind: .changed),  // same version spelled differently
        ChangeCase(from: "33.0.0-jre", to: "33.0.0-android", kind: .changed),
        ChangeCase(from: "1.0", to: "1.0", kind: nil),
        ChangeCase(from: nil, to: nil, kind: nil),
    ])
    func changeKind(_ c: ChangeCase) {
        #expect(DependencyChange(ecosystem: .pip, name: "x", from: c.from, to: c.to)?.kind == c.kind)
    }
}
