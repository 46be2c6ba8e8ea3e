/// The rule every view of a project's nights shares: when a night has several nightly pipelines of
/// one project (a scheduled run and a re-run), the newest (the highest id) decides the night. The
/// dashboard's heatmap cell, `projects`' last status and failed nights, and `history`'s strip all
/// read a night through it.
public enum NightPipelines {
    /// Per project id, per night, the deciding pipeline of the nightly `source` (every pipeline
    /// when nil).
    public static func deciding(_ rows: [PipelineRow], source: String?) -> [Int: [String: PipelineRow]] {
        var newest: [Int: [String: PipelineRow]] = [:]
        for row in rows where row.pipeline.isNightly(source) {
            let project = row.pipeline.projectID
            if let held = newest[project]?[row.night], held.pipeline.id > row.pipeline.id { continue }
            newest[project, default: [:]][row.night] = row
        }
        return newest
    }
}
