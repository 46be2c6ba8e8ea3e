import Foundation

/// The real pager: `$PAGER` (default `less -R`) run through `/bin/sh -c`, fed on its stdin,
/// with the terminal as its stdout. Only the executable makes one, and only for a terminal.
public enum SystemPager {
    public static func make(command: String?) -> Pager {
        let command = (command?.trimmingCharacters(in: .whitespaces)).flatMap { $0.isEmpty ? nil : $0 } ?? "less -R"
        return { data in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", command]
            let input = Pipe()
            process.standardInput = input
            do { try process.run() } catch { return false }
            // A pager quit early (q) closes the pipe: the write then fails, which is fine.
            try? input.fileHandleForWriting.write(contentsOf: data)
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
            return true
        }
    }
}
