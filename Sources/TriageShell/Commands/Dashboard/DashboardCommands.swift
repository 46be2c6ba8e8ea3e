import Foundation
import TriageCore

let dashboardCommands: [CommandSpec] = [exportCommand, serveCommand]

let exportCommand: CommandSpec = CommandSpec(
    name: "export", group: "Dashboard",
    summary: "Write the static dashboard (index.html, app.js, style.css, data/) from the cache to public/.",
    details: """
        The site works from file://, from 'serve' and from GitLab Pages, and fetches nothing from the \
        network. It shows the heatmap of projects × nights, last night's failures by cluster, the \
        clusters, the warnings and assignments.json with the issues ranked over the last 30 nights \
        (as 'issues --ranked 30d'), and for each of last night's failing jobs the night its streak began \
        and the top suspect of that night (as 'streaks' and 'suspects'). The same cache and assignments give byte-identical \
        files. A relative --out is taken from the workspace; only data/ and the three assets in it are \
        replaced. JSON: files, bytes, projects, nights, clusters, first_view_bytes, folder.
        """,
    options: [OptionSpec("out", value: "DIR", summary: "folder to write (default public/ in the workspace)")],
    examples: ["export", "export --out /tmp/site"],
    run: { command, context in try runExport(command, context) }
)

func runExport(_ command: ParsedCommand, _ context: Context) throws -> CommandOutput {
    let workspace = context.environment.workspace
    let folder =
        command.option("out").map { path in
            path.hasPrefix("/")
                ? URL(fileURLWithPath: path, isDirectory: true)
                : workspace.appendingPathComponent(path, isDirectory: true)
        } ?? workspace.appendingPathComponent("public", isDirectory: true)
    let request = DashboardExportRequest(
        cache: try context.cache(), source: try context.config().source,
        assignments: workspace.appendingPathComponent("assignments.json"), folder: folder,
        calendar: try context.calendar(), masker: context.environment.masker)
    if request.masker.hasPlainWord {
        context.sink.writeError(
            "warning: the token is a plain word ('[MASKED]' stands for it wherever it appears) — use a real token\n"
        )
    }
    let summary = try context.environment.exportDashboard(request)
    let shown =
        folder.standardizedFileURL.path.hasPrefix(workspace.standardizedFileURL.path + "/")
        ? String(folder.standardizedFileURL.path.dropFirst(workspace.standardizedFileURL.path.count + 1))
            + "/"
        : folder.path
    return CommandOutput(
        text: [
            "exported \(summary.projects) projects × \(summary.nights) nights, \(summary.clusters) clusters to \(shown)"
                + " (\(summary.files) files, \(kilobytes(summary.bytes)); first view \(kilobytes(summary.firstViewBytes)))"
        ],
        json: JSONValue(record: ExportRecord(folder: folder.path, summary: summary)))
}

func kilobytes(_ bytes: Int) -> String {
    bytes < 1_000_000 ? "\((bytes + 999) / 1000) kB" : String(format: "%.1f MB", Double(bytes) / 1_000_000)
}

let serveCommand: CommandSpec = CommandSpec(
    name: "serve", group: "Dashboard",
    summary: "Serve the exported dashboard (public/) on 127.0.0.1 until Ctrl-C.",
    details: """
        Binds the loopback address only and serves nothing outside public/. The assignments shown are \
        the workspace's current assignments.json, so a reload shows new ones without an export.
        """,
    options: [
        OptionSpec.integer(
            "port", value: "PORT", summary: "TCP port, 0 for a free one", range: 0...65535, default: 8000)
    ],
    examples: ["serve", "serve --port 8080"],
    run: { command, context in try await runServe(command, context) }
)

func runServe(_ command: ParsedCommand, _ context: Context) async throws -> CommandOutput {
    let port = command.int("port") ?? 8000
    let workspace = context.environment.workspace
    let site = workspace.appendingPathComponent("public", isDirectory: true)
    guard FileManager.default.fileExists(atPath: site.appendingPathComponent("index.html").path) else {
        throw ShellError("there is no dashboard in \(site.path)", hint: "run 'export' first")
    }
    let sink = context.sink
    try await context.environment.serveDashboard(
        site, workspace.appendingPathComponent("assignments.json"), port
    ) {
        url in sink.write("serving \(url.absoluteString) (127.0.0.1 only) — Ctrl-C stops\n")
    }
    return .empty
}
