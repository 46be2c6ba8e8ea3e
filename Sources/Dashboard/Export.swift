import Foundation
import TriageCore

extension DashboardBuilder {
    /// Builds the model, renders the site and writes it under `folder`.
    /// `assignments` is the content of `assignments.json` (nil when there is none).
    /// - Parameter masker: applied to every file's bytes before it is written: texts
    ///   from traces, commits and issues may echo the token, and Pages publishes these files.
    public func export(
        assignments: Data?, assignmentsPath: String, to folder: URL, masker: SecretMasker = .none
    ) throws -> DashboardExportSummary {
        let book = try PageAssignments.parse(assignments, path: assignmentsPath)
        let model = try build(assignments: book)
        let files = try Site.files(model).map { SiteFile(path: $0.path, contents: masker.mask($0.contents)) }
        try Site.write(files, to: folder)
        let firstView: Set<String> = [
            "index.html", "app.js", "style.css", "data/overview.js", "data/assignments.js",
        ]
        return DashboardExportSummary(
            files: files.count, bytes: files.reduce(0) { $0 + $1.contents.count },
            projects: model.overview.projects.count, nights: model.overview.nights.count,
            clusters: model.clusters.clusters.count,
            firstViewBytes: files.filter { firstView.contains($0.path) }.reduce(0) { $0 + $1.contents.count })
    }
}
