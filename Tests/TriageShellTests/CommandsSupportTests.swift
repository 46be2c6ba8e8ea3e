import Foundation
import Testing

@testable import TriageShell

/// The byte-level shortcuts listings take give what Foundation and `Character` counting give.
@Suite struct CommandsSupportTests {
    @Test(arguments: [
        "", " ", "\t \t", "plain", "  Expression: f(1) == 2", "trailing \t", " both ",
        "\u{A0}no-break space\u{A0}", " \u{3000}ideographic\u{2003} ", " \u{301}combining", "x \u{301}",
        "\r\ncarriage\r", "\u{1B}[31mred\u{1B}[0m ", "  ünïcode ✓", "✓  ",
    ])
    func trimmingAsFoundationDoes(line: String) {
        #expect(trimmedOfWhitespace(line) == line.trimmingCharacters(in: .whitespaces))
        #expect(
            Array(trimmedOfWhitespace(line).utf8) == Array(line.trimmingCharacters(in: .whitespaces).utf8))
    }

    @Test(arguments: [
        ("short", 10), (String(repeating: "a", count: 100), 100), (String(repeating: "a", count: 101), 100),
        (String(repeating: "é", count: 60), 100), (String(repeating: "é", count: 120), 100),
        ("e\u{301}e\u{301}", 1),
    ])
    func truncatingCountsCharacters(text: String, width: Int) {
        let expected = text.count <= width ? text : String(text.prefix(max(0, width - 1))) + "…"
        #expect(truncated(text, width) == expected)
    }
}
