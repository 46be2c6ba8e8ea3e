/// `export --format json`: where the dashboard was written and what it holds.
public struct ExportRecord: Sendable, Hashable, Encodable {
    public var folder: String
    public var summary: DashboardExportSummary

    public init(folder: String, summary: DashboardExportSummary) {
        self.folder = folder
        self.summary = summary
    }

    enum CodingKeys: String, CodingKey {
        case folder, files, bytes, projects, nights, clusters
        case firstViewBytes = "first_view_bytes"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(folder, forKey: .folder)
        try c.encode(summary.files, forKey: .files)
        try c.encode(summary.bytes, forKey: .bytes)
        try c.encode(summary.projects, forKey: .projects)
        try c.encode(summary.nights, forKey: .nights)
        try c.encode(summary.clusters, forKey: .clusters)
        try c.encode(summary.firstViewBytes, forKey: .firstViewBytes)
    }
}
