import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The real pager: `$PAGER` (default `less -R -K`) run through `/bin/sh -c`, fed on its stdin,
/// with the terminal as its stdout. Only the executable makes one, and only for a terminal.
///
/// The pager runs in a process group of its own that is given the terminal (made its
/// foreground group) for as long as it runs, as a job-control shell does; the terminal's modes
/// and foreground group are restored afterwards, however the pager ended. Without that, `less`
/// reading keys from a terminal whose foreground group is not its own is stopped by SIGTTIN and
/// the shell would wait for it forever.
///
/// Ctrl-C: on the terminal it goes to the foreground group, the pager's. The default `less -K`
/// quits on it, a pager killed by it ends; either way the shell is back at its prompt. When the
/// command is cancelled otherwise (SIGINT sent to triage itself), the pager is ended with
/// SIGTERM. A pager that stops itself (Ctrl-Z) is resumed: triage has no job control to park it.
public enum SystemPager {
    /// The pager used when `$PAGER` is unset or blank: `-R` passes colours, `-K` makes Ctrl-C quit.
    public static let defaultCommand = "less -R -K"

    public static func make(command: String?) -> Pager {
        let command =
            (command?.trimmingCharacters(in: .whitespaces)).flatMap { $0.isEmpty ? nil : $0 }
            ?? defaultCommand
        return { data in run(command: command, data: data) }
    }

    /// Runs `command` with `data` on its stdin until it exits; false when it could not start.
    static func run(command: String, data: Data) -> Bool {
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { return false }
        let (readEnd, writeEnd) = (pipeEnds[0], pipeEnds[1])
        _ = fcntl(writeEnd, F_SETFD, FD_CLOEXEC)

        let terminal = ForegroundTerminal()
        var attributes: posix_spawnattr_t = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The spawning thread may block SIGINT (libdispatch's threads do) and triage ignores
        // SIGPIPE: the pager starts with an empty mask and default dispositions.
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGQUIT, SIGPIPE, SIGTSTP, SIGTTIN, SIGTTOU, SIGTERM] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var flags = Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        if terminal != nil {
            flags |= Int32(POSIX_SPAWN_SETPGROUP)
            posix_spawnattr_setpgroup(&attributes, 0)
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, readEnd, STDIN_FILENO)
        posix_spawn_file_actions_addclose(&actions, readEnd)

        var pid: pid_t = 0
        let arguments = ["/bin/sh", "-c", command]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, &attributes, &argv, environ)
        close(readEnd)
        guard spawned == 0 else {
            close(writeEnd)
            return false
        }
        terminal?.give(to: pid)

        // Feed the pager from a thread of its own: `less` reads only as far as it shows, so
        // the write may block until the pager quits (the write then fails with EPIPE).
        let writer = Thread {
            data.withUnsafeBytes { buffer in
                guard let base = buffer.baseAddress else { return }
                var offset = 0
                while offset < buffer.count {
                    let written = write(writeEnd, base + offset, buffer.count - offset)
                    if written < 0, errno == EINTR { continue }
                    if written <= 0 { break }
                    offset += written
                }
            }
            close(writeEnd)
        }
        writer.start()

        var terminated = false
        while true {
            var status: Int32 = 0
            let reaped = waitpid(pid, &status, WNOHANG | WUNTRACED)
            if reaped == pid {
                // WIFSTOPPED: stopped by Ctrl-Z or by touching a terminal it does not own.
                if status & 0xff == 0x7f {
                    terminal?.give(to: pid)
                    kill(-pid, SIGCONT)
                    kill(pid, SIGCONT)
                    continue
                }
                break
            }
            if reaped < 0, errno != EINTR { break }
            if Task.isCancelled, !terminated {
                terminated = true
                kill(terminal == nil ? pid : -pid, SIGTERM)
                kill(pid, SIGCONT)
            }
            usleep(10_000)
        }
        terminal?.restore()
        return true
    }
}

/// The controlling terminal while triage owns it: its foreground group and modes, to hand the
/// terminal to a child's group and take it back. Nil when no standard stream is a terminal
/// whose foreground group is triage's (triage in a background job keeps its hands off).
struct ForegroundTerminal {
    let descriptor: Int32
    let group: pid_t
    let modes: termios?

    init?() {
        guard
            let descriptor = [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO].first(where: {
                isatty($0) == 1 && tcgetpgrp($0) == getpgrp()
            })
        else { return nil }
        self.descriptor = descriptor
        group = getpgrp()
        var modes = termios()
        self.modes = tcgetattr(descriptor, &modes) == 0 ? modes : nil
    }

    /// Makes `child`'s group the terminal's foreground group.
    func give(to child: pid_t) {
        // The child may not have joined its group yet; setting it here too closes that race.
        _ = setpgid(child, child)
        withTerminalSignalsBlocked { _ = tcsetpgrp(descriptor, child) }
    }

    /// Takes the terminal back and restores its modes (a killed pager leaves them raw).
    func restore() {
        withTerminalSignalsBlocked {
            _ = tcsetpgrp(descriptor, group)
            if var modes { _ = tcsetattr(descriptor, TCSADRAIN, &modes) }
        }
    }

    /// A background process calling `tcsetpgrp`/`tcsetattr` gets SIGTTOU, which would stop
    /// triage, unless the calling thread blocks it.
    private func withTerminalSignalsBlocked(_ body: () -> Void) {
        var blocked = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGTTOU)
        sigaddset(&blocked, SIGTTIN)
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        body()
        pthread_sigmask(SIG_SETMASK, &previous, nil)
    }
}
