import Foundation
import Testing
import TriageCore

/// Issue 14, bug 4: one masking rule for every writer.
@Suite struct SecretMaskerTests {
    struct Case: Sendable, CustomStringConvertible {
        var secret: String
        var text: String
        var masked: String
        var description: String { "\(secret): \(text)" }
    }

    static let cases: [Case] = [
        // A distinctive token is masked wherever it occurs, even inside a longer word.
        Case(
            secret: "glpat-Ab12Cd34Ef56Gh78", text: "curl -H 'PRIVATE-TOKEN: glpat-Ab12Cd34Ef56Gh78' x",
            masked: "curl -H 'PRIVATE-TOKEN: [MASKED]' x"),
        Case(secret: "glpat-Ab12Cd34Ef56Gh78", text: "xglpat-Ab12Cd34Ef56Gh78y", masked: "x[MASKED]y"),
        Case(
            secret: "glpat-Ab12Cd34Ef56Gh78", text: "https://oauth2:glpat-Ab12Cd34Ef56Gh78@h/",
            masked: "https://oauth2:[MASKED]@h/"),
        // A plain word only where it stands as a whole word.
        Case(
            secret: "test", text: "ERROR: test failed in test/runtests.jl",
            masked: "ERROR: [MASKED] failed in [MASKED]/runtests.jl"),
        Case(
            secret: "test", text: "testing tests test-1.10 Test latest test_x",
            masked: "testing tests test-1.10 Test latest test_x"),
        Case(
            secret: "error", text: "LoadError: error compiling; errors: 2; stderr",
            masked: "LoadError: [MASKED] compiling; errors: 2; stderr"),
        // Short tokens were never masked before (4 characters at least); now they are.
        Case(secret: "abc", text: "token abc.", masked: "token [MASKED]."),
        // A JSON key equal to the token keeps the document's shape; its value is masked.
        Case(
            secret: "test", text: #"{"stage":"test","test":"a test"}"#,
            masked: #"{"stage":"[MASKED]","test":"a [MASKED]"}"#),
    ]

    @Test(arguments: cases) func masks(_ c: Case) {
        let masker = SecretMasker(secrets: [c.secret])
        #expect(masker.mask(c.text) == c.masked)
        #expect(masker.mask(Data(c.text.utf8)) == Data(c.masked.utf8))
    }

    @Test func plainWordsAreTold() {
        #expect(SecretMasker(secrets: ["test"]).hasPlainWord)
        #expect(SecretMasker(secrets: ["AbCdEfGhIjKlMnOp"]).hasPlainWord)  // letters only
        #expect(!SecretMasker(secrets: ["glpat-Ab12Cd34Ef56Gh78"]).hasPlainWord)
        #expect(SecretMasker(secrets: ["", "x"]).secrets == ["x"])
    }

    @Test(arguments: [
        ("https://oauth2:glpat-x@gitlab.example.com/", "https://…@gitlab.example.com/"),
        ("https://user@gitlab.example.com", "https://…@gitlab.example.com"),
        ("https://gitlab.example.com/", "https://gitlab.example.com/"),
        ("https://gitlab.example.com/a@b", "https://gitlab.example.com/a@b"),
    ])
    func credentialsAreCutFromURLs(_ text: String, _ shown: String) {
        #expect(withoutCredentials(text) == shown)
    }
}
