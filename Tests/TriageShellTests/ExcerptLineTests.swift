import Testing
@testable import TriageShell

/// Issue 14: `excerpt` prints bounded, visible text whatever the input.
@Suite struct ExcerptLineTests {
    @Test(arguments: [
        ("plain\ttext", "ignored", "plain\ttext"),
        ("\u{1B}[31mERROR\u{1B}[0m: x", "ERROR: x", "ERROR: x"),
        ("bin\u{0}\u{1}ary\u{7F}", "bin\u{0}\u{1}ary\u{7F}", "bin␀␁ary␡"),
    ])
    func aLineIsRawWhenPlainElseVisible(raw: String, cleaned: String, shown: String) {
        #expect(shownExcerptLine(raw: Substring(raw), cleaned: cleaned) == shown)
    }

    @Test func aTenMegabyteLineIsCut() {
        let long = "error: " + String(repeating: "x", count: 10_000_000)
        let shown = shownExcerptLine(raw: Substring(long), cleaned: long)
        #expect(shown == "error: " + String(repeating: "x", count: 1993) + "… (9998007 more characters)")
    }
}
