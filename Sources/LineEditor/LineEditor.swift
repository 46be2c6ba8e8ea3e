@preconcurrency import CEditLine  // Swift 6: libedit's C globals (rl_*) count as shared mutable state
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Reads lines from the terminal with libedit: a prompt, Emacs-style editing, history kept in a
/// file, Tab completion and Ctrl-C.
///
/// libedit's readline API is one set of process-wide globals, so there is one `LineEditor` per
/// process, and `readLine(prompt:)` is called from one thread at a time (a dedicated thread, never
/// Swift's cooperative pool: it blocks until the user presses Enter). `interrupted()` may be
/// called from any thread.
public final class LineEditor: @unchecked Sendable {
    /// What one `readLine(prompt:)` produced.
    public enum LineResult: Sendable, Hashable {
        /// A line, without its newline (may be empty).
        case line(String)
        /// Ctrl-C: the half-typed line is dropped; ask again with a fresh prompt.
        case interrupted
        /// Ctrl-D on an empty line, or the terminal went away.
        case endOfInput
    }

    /// Candidates for Tab.
    ///
    /// Called with the whole line and the cursor, both offsets counted in UTF-8 bytes. Returns
    /// where the text to replace starts (at or before the cursor) and the full replacements for
    /// the text from there to the cursor. One candidate completes (libedit adds a space); several
    /// are listed. No candidates: nothing happens (never filename completion).
    public typealias Completer =
        @Sendable (_ line: String, _ cursor: Int) -> (replaceFrom: Int, candidates: [String])

    private let historyFile: URL?
    private var lastEntry: String?

    /// Sets libedit up: completion, Ctrl-C handling, and the history from `historyFile` (a missing
    /// file is an empty history; its directory is created on the first save).
    public init(historyFile: URL?, completer: @escaping Completer) {
        self.historyFile = historyFile
        editorState.completer = completer
        rl_readline_name = UnsafePointer(strdup("triage"))
        _ = rl_initialize()
        rl_attempted_completion_function = attemptCompletion
        rl_completion_entry_function = noFilenames
        // Words for Tab end at blanks and quotes only, so `julia/Foo.jl` or `--project=a/b` is one
        // word as far as libedit knows; the completer decides where a replacement starts.
        rl_basic_word_break_characters = UnsafePointer(strdup(" \t\n\"'"))
        installInterruptHandler()
        stifle_history(1000)
        if let historyFile {
            _ = read_history(historyFile.path)
            if history_length > 0, let entry = history_get(history_base + history_length - 1),
                let text = entry.pointee.line
            {
                lastEntry = String(cString: text)
            }
        }
    }

    /// Shows `prompt` and reads one line with editing, history and completion.
    ///
    /// A line that does not start with a space is added to the history without its trailing
    /// blanks, unless it is blank or equal to the previous entry (also one from an earlier
    /// session), and the history file is rewritten right away (a killed shell keeps it).
    public func readLine(prompt: String) -> LineResult {
        interruptFlag.store(false, ordering: .relaxed)
        // Threads started from Swift's pool inherit libdispatch's mask, which blocks SIGINT: the
        // reading thread must take it, or `read()` is never interrupted and Ctrl-C does nothing.
        var interrupt = sigset_t()
        sigemptyset(&interrupt)
        sigaddset(&interrupt, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &interrupt, nil)
        readerThread.store(UInt(bitPattern: Int(bitPattern: UInt(pthread_self()))), ordering: .relaxed)
        let raw = readline(prompt)
        readerThread.store(0, ordering: .relaxed)
        guard let raw else {
            if interruptFlag.exchange(false, ordering: .relaxed) {
                writeOut("^C\n")
                return .interrupted
            }
            writeOut("\n")
            return .endOfInput
        }
        let line = String(cString: raw)
        free(raw)
        remember(line)
        return .line(line)
    }

    /// Whether Ctrl-C was pressed since the last call (or since the last `readLine`); clears it.
    /// While a command runs, the shell polls this to cancel the command.
    public func interrupted() -> Bool {
        interruptFlag.exchange(false, ordering: .relaxed)
    }

    private func remember(_ line: String) {
        guard !line.hasPrefix(" ") else { return }
        // Trailing blanks (a completion's space) would make `help` and `help ` two entries.
        let entry = String(line.reversed().drop(while: \.isWhitespace).reversed())
        guard !entry.isEmpty, entry != lastEntry else { return }
        lastEntry = entry
        _ = add_history(entry)
        guard let historyFile else { return }
        try? FileManager.default.createDirectory(
            at: historyFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        _ = write_history(historyFile.path)
    }

    private func writeOut(_ text: String) {
        _ = text.withCString { fputs($0, stdout) }
        fflush(stdout)
    }
}

// MARK: - The C side: completion callback and SIGINT

/// The one piece of Swift state libedit's C callback reaches: set in `LineEditor.init`, read only
/// by the completion callback, which libedit calls on the thread running `readline`.
private struct EditorState {
    var completer: LineEditor.Completer?
}
nonisolated(unsafe) private var editorState = EditorState()

/// Set by the SIGINT handler (a lock-free atomic store is async-signal-safe).
private let interruptFlag = Atomic<Bool>(false)
/// The thread blocked in `readline()`, 0 when none: SIGINT is forwarded there so that its
/// `read()` is interrupted, whichever thread the kernel picked.
private let readerThread = Atomic<UInt>(0)

/// Ctrl-C must not kill the shell, and ignoring SIGINT is not enough: libedit's `readline()`
/// returns NULL exactly as on end of input, so the handler records the interrupt to tell the two
/// apart.
private func installInterruptHandler() {
    var action = sigaction()
    action.__sigaction_handler.sa_handler = onInterrupt
    sigemptyset(&action.sa_mask)
    action.sa_flags = 0
    sigaction(SIGINT, &action, nil)
}

private func onInterrupt(_ signal: Int32) {
    interruptFlag.store(true, ordering: .relaxed)
    let reader = readerThread.load(ordering: .relaxed)
    if reader != 0, pthread_equal(pthread_self(), pthread_t(reader)) == 0 {
        pthread_kill(pthread_t(reader), SIGINT)
    }
}

/// libedit's attempted-completion hook: forwards the line to the Swift completer and hands back
/// a readline-style match array (`[common prefix, match…, NULL]`, malloc'd; libedit frees it).
private func attemptCompletion(
    _ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32
) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    rl_attempted_completion_over = 1  // reset by libedit after every Tab: never fall back to filenames
    // rl_line_buffer, not rl_copy_text: libedit 3.1's rl_copy_text drops the last character.
    guard let completer = editorState.completer, let buffer = rl_line_buffer else { return nil }
    let line = String(cString: buffer)
    let bytes = Array(line.utf8)
    let cursor = min(Int(end), bytes.count)
    let (from, candidates) = completer(line, cursor)
    // libedit replaces from its own word start; re-anchor the completer's replacements there.
    let wordStart = Int(start)
    guard !candidates.isEmpty, wordStart <= from, from <= cursor else { return nil }
    let lead = String(decoding: bytes[wordStart..<from], as: UTF8.self)
    return matchArray(candidates.map { lead + $0 })
}

/// Never offer file names.
private func noFilenames(_ text: UnsafePointer<CChar>?, _ state: Int32) -> UnsafeMutablePointer<CChar>? {
    nil
}

private func matchArray(_ words: [String]) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    guard let first = words.first else { return nil }
    let head = words.count == 1 ? first : commonPrefix(words)
    let entries = words.count == 1 ? [head] : [head] + words
    // Two NULLs at the end: libedit reads matches[2] before it looks at matches[1] to decide
    // whether a match is unique (and only then appends the space).
    let slots = entries.count + 2
    guard let array = malloc(slots * MemoryLayout<UnsafeMutablePointer<CChar>?>.stride) else { return nil }
    let matches = array.bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: slots)
    for (index, entry) in entries.enumerated() { matches[index] = strdup(entry) }
    matches[entries.count] = nil
    matches[entries.count + 1] = nil
    return matches
}

/// The longest common prefix, by characters.
func commonPrefix(_ words: [String]) -> String {
    guard var prefix = words.first else { return "" }
    for word in words.dropFirst() {
        prefix = String(zip(prefix, word).prefix { $0 == $1 }.map(\.0))
    }
    return prefix
}
