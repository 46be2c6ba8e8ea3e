import Foundation

/// A JSON value with deterministic output: object keys sorted, integers without a fraction.
public indirect enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public static func optional(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
    public static func optional(_ n: Int?) -> JSONValue { n.map(JSONValue.int) ?? .null }

    /// Pretty-printed, two-space indent, sorted keys.
    public func rendered(indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent + 1)
        let close = String(repeating: "  ", count: indent)
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let n): return String(n)
        case .double(let d):
            if d.isFinite, d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
            return d.isFinite ? String(d) : "null"
        case .string(let s): return Self.quote(s)
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { pad + $0.rendered(indent: indent + 1) }.joined(separator: ",\n")
                + "\n\(close)]"
        case .object(let fields):
            if fields.isEmpty { return "{}" }
            return "{\n"
                + fields.keys.sorted().map { key in
                    pad + Self.quote(key) + ": " + (fields[key] ?? .null).rendered(indent: indent + 1)
                }.joined(separator: ",\n") + "\n\(close)}"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"  // keeps `</script>` inert if the JSON lands in HTML
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// How a cell should look on a terminal. Symbols carry the meaning without colour.
public enum CellStyle: Sendable, Hashable {
    case plain, good, bad, warn, dim, bold
}

public struct Cell: Hashable, Sendable, ExpressibleByStringLiteral {
    public var text: String
    public var style: CellStyle
    public init(_ text: String, _ style: CellStyle = .plain) {
        self.text = text
        self.style = style
    }
    public init(stringLiteral value: String) { self.init(value) }
}

/// Rows and columns, rendered as an aligned table on a terminal or as TSV in a pipe.
public struct Table: Hashable, Sendable {
    public var columns: [String]
    /// Columns whose cells are right-aligned (numbers).
    public var numeric: Set<Int>
    public var rows: [[Cell]]
    /// How the table gives way on a terminal narrower than its rows; TSV and JSON stay whole.
    public var layout: TerminalLayout

    public init(
        columns: [String], numeric: Set<Int> = [], rows: [[Cell]] = [],
        layout: TerminalLayout = TerminalLayout()
    ) {
        self.columns = columns
        self.numeric = numeric
        self.rows = rows
        self.layout = layout
    }
}

/// What an aligned table does on a terminal: a 290-column `failures` row must not wrap onto four
/// lines at 80 columns, nor the JOB ID the next command needs sit past column 190.
/// Columns are named by their index in `Table.columns`; TSV and JSON ignore all of this.
public struct TerminalLayout: Hashable, Sendable {
    /// The columns shown and their order (nil: all, as declared): identifiers first, free text last.
    public var order: [Int]?
    /// Free-text columns that shrink to fit, cut with `…`, the first given way first.
    public var shrinks: [Int]
    /// Columns left out when the rest cannot fit with the shrinking ones still readable
    /// (`comfortable` columns), the first dropped first; what they held is one command away.
    public var drops: [Int]
    /// Shrinking columns cut at their start (`…/SparseUtils.jl`, `…julia-1.11`): names whose
    /// end tells rows apart.
    public var keepsEnd: Set<Int>

    /// Narrowest a shrinking column is cut to while columns can still be dropped instead.
    public static let comfortable = 40
    /// Narrowest the first shrinking column is cut to before the other shrinking ones give way.
    public static let readable = 24
    /// Narrowest a shrinking column is ever cut to.
    public static let narrowest = 12

    public init(order: [Int]? = nil, shrinks: [Int] = [], drops: [Int] = [], keepsEnd: Set<Int> = []) {
        self.order = order
        self.shrinks = shrinks
        self.drops = drops
        self.keepsEnd = keepsEnd
    }

    /// The columns to show, in order, and the width each is cut to (absent: its natural width),
    /// for natural column widths `natural` on a terminal `width` columns wide (nil: not cut).
    func fit(natural: [Int], width: Int?) -> (shown: [Int], limits: [Int: Int]) {
        var shown = (order ?? Array(natural.indices)).filter { natural.indices.contains($0) }
        guard let width else { return (shown, [:]) }
        func total(_ columns: [Int], shrinking cap: Int) -> Int {
            columns.reduce(2 * max(0, columns.count - 1)) { sum, column in
                sum + (shrinks.contains(column) ? min(natural[column], cap) : natural[column])
            }
        }
        for column in drops where total(shown, shrinking: Self.comfortable) > width {
            shown.removeAll { $0 == column }
        }
        // The first shrinking column (the key line) keeps `readable` columns while the others
        // (identifiers cut with …) give way; then it gives way too, down to `narrowest`.
        var limits: [Int: Int] = [:]
        var excess = total(shown, shrinking: .max) - width
        func give(_ column: Int, downTo floor: Int) {
            guard excess > 0, shown.contains(column) else { return }
            let current = limits[column] ?? natural[column]
            let cut = min(excess, max(0, current - floor))
            if cut > 0 { limits[column] = current - cut }
            excess -= cut
        }
        if let first = shrinks.first { give(first, downTo: Self.readable) }
        for column in shrinks.dropFirst() { give(column, downTo: Self.narrowest) }
        if let first = shrinks.first { give(first, downTo: Self.narrowest) }
        return (shown, limits)
    }
}

/// What a command returns; renderers decide how it looks.
public struct CommandOutput: Sendable {
    /// Lines shown above the table in table format only (headings, totals).
    public var text: [String]
    public var table: Table?
    /// The machine-readable answer (`--format json`); a contract, see DESIGN §6.
    public var json: JSONValue
    /// Bytes written as they are instead of `text` and `table` (`trace --raw`); not in JSON.
    public var raw: Data?
    /// Long output (traces): shown through the pager when there is one (a terminal).
    public var paged: Bool
    /// `text` was made terminal-safe by the command itself (the trace view: its lines are the
    /// cleaned log, its `▶` marks coloured on purpose). Otherwise its control characters are shown
    /// as pictures, like a table's (a key line or title in a heading line is untrusted text).
    public var textIsSafe: Bool

    public init(
        text: [String] = [], table: Table? = nil, json: JSONValue, raw: Data? = nil, paged: Bool = false,
        textIsSafe: Bool = false
    ) {
        self.textIsSafe = textIsSafe
        self.text = text
        self.table = table
        self.json = json
        self.raw = raw
        self.paged = paged
    }

    public static let empty = CommandOutput(json: .null)
}

public enum OutputFormat: String, Sendable, CaseIterable {
    case table, tsv, json
}

/// Turns a command's output into text.
public struct Renderer: Sendable {
    public var format: OutputFormat
    public var color: Bool
    /// The terminal's columns, which aligned tables are laid out to (nil: a pipe, or unknown).
    public var width: Int?

    public init(format: OutputFormat, color: Bool, width: Int? = nil) {
        self.format = format
        self.color = color
        self.width = width
    }

    public func render(_ output: CommandOutput) -> String {
        switch format {
        case .json:
            return output.json == .null && output.table == nil && output.text.isEmpty
                ? "" : output.json.rendered() + "\n"
        case .tsv:
            guard let table = output.table else { return text(output) }
            return tsv(table)
        case .table:
            var out = text(output)
            if let table = output.table { out += aligned(table) }
            return out
        }
    }

    /// The lines above a table: newlines and tabs kept, every other control character shown as
    /// its picture (see `clean`) unless the command made them safe itself.
    func text(_ output: CommandOutput) -> String {
        output.text.map { (output.textIsSafe ? $0 : Self.inert($0)) + "\n" }.joined()
    }

    /// `text` with newlines and tabs kept and every other control character shown as its picture.
    static func inert(_ text: String) -> String { visibleText(text, keepingLines: true) }

    /// Cells are one line, and inert on a terminal: tabs, newlines and carriage returns become
    /// spaces; every other control character is shown as a visible picture instead of reaching the
    /// terminal (an assignment note, issue title, commit title or trace line holding
    /// `\u{1B}[31m` must not recolour or move the screen). C0 controls become their Unicode control
    /// picture (`ESC` → `␛`, `NUL` → `␀`), `DEL` becomes `␡`, C1 controls (`U+0080`–`U+009F`, of
    /// which `U+009B` starts a sequence on some terminals) become `�`.
    static func clean(_ s: String) -> String { visibleText(s, keepingLines: false) }

    /// `clean` (`keepingLines` false) and `inert` (true: newlines and tabs stay as they are).
    static func visibleText(_ s: String, keepingLines: Bool) -> String {
        // Almost no cell holds one: skip the rewriting (most of a 3 000-row table's cost). 0xC2 is
        // the lead byte of every C1 control's UTF-8 encoding.
        func kept(_ b: UInt8) -> Bool { keepingLines && (b == 0x0A || b == 0x09) }
        guard s.utf8.contains(where: { ($0 < 0x20 && !kept($0)) || $0 == 0x7F || $0 == 0xC2 }) else {
            return s
        }
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            out.append(keepingLines && (scalar == "\n" || scalar == "\t") ? scalar : visible(scalar))
        }
        return String(out)
    }

    /// A scalar that is safe to write to a terminal inside a cell; see `clean`.
    static func visible(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return " "
        case 0x00..<0x20: return Unicode.Scalar(0x2400 + scalar.value) ?? "\u{FFFD}"
        case 0x7F: return "\u{2421}"
        case 0x80..<0xA0: return "\u{FFFD}"
        default: return scalar
        }
    }

    func tsv(_ table: Table) -> String {
        let clean = Self.clean
        var out = table.columns.map { clean($0.lowercased()) }.joined(separator: "\t") + "\n"
        // Appended in place, not an array and a join per row: a month's listing has 16k rows.
        for row in table.rows {
            for (i, cell) in row.enumerated() {
                if i > 0 { out += "\t" }
                out += clean(cell.text)
            }
            out += "\n"
        }
        return out
    }

    func aligned(_ table: Table) -> String {
        // Each cell is cleaned and measured once: a 30-night listing has tens of thousands of them.
        let clean = table.rows.map { $0.map { Cell(Self.clean($0.text), $0.style) } }
        let cellWidths = clean.map { $0.map { Self.width($0.text) } }
        var natural = table.columns.map(Self.width)
        for row in cellWidths {
            for (i, width) in row.enumerated() where i < natural.count { natural[i] = max(natural[i], width) }
        }
        let (shown, limits) = table.layout.fit(natural: natural, width: width)
        let numeric = Set(shown.indices.filter { table.numeric.contains(shown[$0]) })
        let widths = shown.map { limits[$0] ?? natural[$0] }
        var out = ""
        func line(_ cells: [Cell], _ measured: [Int]) {
            for (i, column) in shown.enumerated() {
                if i > 0 { out += "  " }
                var cell = column < cells.count ? cells[column] : Cell("")
                var cellWidth = column < measured.count ? measured[column] : 0
                if let limit = limits[column], cellWidth > limit {
                    cell.text = Self.cut(
                        cell.text, to: limit, keepingEnd: table.layout.keepsEnd.contains(column))
                    cellWidth = limit
                }
                let padding = max(0, widths[i] - cellWidth)
                let last = i == shown.count - 1
                let code = color ? Self.sgr(cell.style) : nil
                if let code { out += "\u{1B}[\(code)m" }
                if numeric.contains(i) {
                    out += String(repeating: " ", count: padding)
                    out += cell.text
                } else {
                    out += cell.text
                    if !last { out += String(repeating: " ", count: padding) }
                }
                if code != nil { out += "\u{1B}[0m" }
            }
            out += "\n"
        }
        line(table.columns.map { Cell($0, .bold) }, table.columns.map(Self.width))
        if clean.isEmpty { return out + "(none)\n" }
        for (row, measured) in zip(clean, cellWidths) { line(row, measured) }
        return out
    }

    /// `text` in at most `limit` columns: cut with `…` (at its end, or at its start) when longer.
    static func cut(_ text: String, to limit: Int, keepingEnd: Bool = false) -> String {
        guard width(text) > limit else { return text }
        return keepingEnd ? "…" + text.suffix(max(0, limit - 1)) : text.prefix(max(0, limit - 1)) + "…"
    }

    /// Columns a cell takes: its characters (ASCII counted by bytes, without grapheme breaking).
    static func width(_ text: String) -> Int {
        let utf8 = text.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) { return utf8.count }
        // Scalars that never join a neighbour into one character (Latin-1 letters, `·`, `…`,
        // arrows, box drawing, `█`): one character each, counted without grapheme breaking (a
        // `clusters` listing draws a 30-night strip of them on every row).
        var scalars = 0
        for scalar in text.unicodeScalars {
            let v = scalar.value
            guard (0x20..<0x300).contains(v) || (0x2010...0x2027).contains(v) || (0x2100...0x2BFF).contains(v)
            else { return text.count }
            scalars += 1
        }
        return scalars
    }

    static func sgr(_ style: CellStyle) -> String? {
        switch style {
        case .plain: nil
        case .good: "32"
        case .bad: "31"
        case .warn: "33"
        case .dim: "2"
        case .bold: "1"
        }
    }
}
