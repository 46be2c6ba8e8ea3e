/// Splits a command line into words.
///
/// Grammar: words are separated by spaces or tabs; `'…'` quotes literally; `"…"` quotes with
/// `\"` and `\\` escapes; a `#` at the start of a word begins a comment that runs to the end
/// of the line; quotes may join parts of one word (`--note="a b"`). A blank or comment-only
/// line has no words.
public enum Lexer {
    public struct Failure: Error, Hashable, Sendable {
        public var message: String
    }

    public static func words(_ line: String) throws(Failure) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var iterator = line.makeIterator()
        while let ch = iterator.next() {
            switch ch {
            case " ", "\t", "\r", "\n":
                if inWord {
                    words.append(current)
                    current = ""
                    inWord = false
                }
            case "#" where !inWord:
                return words
            case "'":
                inWord = true
                var closed = false
                while let c = iterator.next() {
                    if c == "'" { closed = true; break }
                    current.append(c)
                }
                guard closed else { throw Failure(message: "unterminated ' quote") }
            case "\"":
                inWord = true
                var closed = false
                while let c = iterator.next() {
                    if c == "\"" { closed = true; break }
                    if c == "\\" {
                        guard let escaped = iterator.next() else { break }
                        if escaped != "\"" && escaped != "\\" { current.append("\\") }
                        current.append(escaped)
                        continue
                    }
                    current.append(c)
                }
                guard closed else { throw Failure(message: "unterminated \" quote") }
            default:
                inWord = true
                current.append(ch)
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
