import Testing
@testable import TriageShell

/// Issue 14: `help` is aligned on its longest name and wrapped to the terminal's width.
@Suite struct HelpTests {
    private let table = CommandTable(commands: [
        CommandSpec(
            name: "go", group: "Test", summary: "Short.",
            details: "One two three four five six seven eight nine ten.",
            operands: [OperandSpec("X", summary: "an operand")],
            options: [
                OptionSpec("a-long-option", value: "VALUE", summary: "what it does, said at some length here")
            ],
            examples: ["go 1"], run: { _, _ in .empty }),
        CommandSpec(
            name: "assignments", group: "Test", summary: "Much longer than the others, words.",
            run: { _, _ in .empty }),
    ])

    @Test func theListIsAlignedOnTheLongestNameAndWrapped() {
        #expect(
            helpLines(table, width: 40).prefix(5) == [
                "Test:",
                "  go           Short.",
                "  assignments  Much longer than the",
                "               others, words.",
                "",
            ])
        #expect(helpLines(table, width: nil)[2] == "  assignments  Much longer than the others, words.")
    }

    @Test func aCommandsOptionsAreAlignedAndItsDetailsWrapped() throws {
        let spec = try #require(table.lookup("go"))
        #expect(
            helpLines(spec, width: 40) == [
                "usage: go X [--a-long-option VALUE]",
                "",
                "Short.",
                "",
                "One two three four five six seven eight",
                "nine ten.",
                "",
                "  X                      an operand",
                // At least 20 columns for the text, even when that passes the width.
                "  --a-long-option VALUE  what it does, said",
                "                         at some length here",
                "",
                // The global options, after the command's own and aligned with them.
                "  --format FORMAT        this command's",
                "                         output: table, tsv",
                "                         or json",
                "",
                "  triage> go 1",
            ])
    }

    @Test func everyLineOfTheStandardHelpFitsEightyColumns() throws {
        let lines = helpLines(.standard, width: 80)
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(lines.filter { $0.count > 80 })")
        for spec in CommandTable.standard.commands {
            let long = helpLines(spec, width: 80).filter {
                $0.count > 80 && $0.contains(" ") && !$0.hasPrefix("  triage>")
            }
            #expect(long.isEmpty, "\(spec.name): \(long)")
        }
    }
}
