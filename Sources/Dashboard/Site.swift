import Foundation

/// One file of the exported site: a path relative to the output folder and its bytes.
public struct SiteFile: Sendable, Hashable {
    public var path: String
    public var contents: Data

    public init(path: String, contents: Data) {
        self.path = path
        self.contents = contents
    }
}

/// The static site: a pure function from the model to files, and the one effect that writes them.
///
/// Data is shipped as `data/*.js` scripts, each a single call `triageData("name", {…JSON…});`,
/// not as `.json` files: a page opened from `file://` may not `fetch()` or XHR its neighbours,
/// but it may load `<script src>` files, from `file://`, a plain server and GitLab Pages alike.
/// The argument is JSON (sorted keys), so the file is also readable by anything that strips the
/// call. The page loads `overview` and `assignments` up front and the rest when a view needs it.
public enum Site {
    /// Folder (inside the output folder) of the data scripts; `export` replaces it wholesale.
    public static let dataFolder = "data"

    /// Every file of the site, in a fixed order. Same model → same bytes.
    public static func files(_ model: DashboardModel) throws -> [SiteFile] {
        var files = [
            SiteFile(path: "index.html", contents: Assets.indexHTML),
            SiteFile(path: "app.js", contents: Assets.appJS),
            SiteFile(path: "style.css", contents: Assets.styleCSS),
            try dataScript("overview", model.overview),
            try dataScript("clusters", model.clusters),
            try dataScript("warnings", model.warnings),
            try dataScript("assignments", model.assignments),
            try dataScript("ranking", model.ranking),
        ]
        for night in model.nights {
            files.append(try dataScript("night/\(night.night)", night, path: "data/nights/\(night.night).js"))
        }
        return files
    }

    /// `triageData("name", JSON);` — the shape every data script has.
    public static func dataScript<T: Encodable>(_ name: String, _ value: T, path: String? = nil) throws
        -> SiteFile
    {
        var data = Data("triageData(\"\(name)\", ".utf8)
        data.append(try encoder.encode(value))
        data.append(Data(");\n".utf8))
        return SiteFile(path: path ?? "\(dataFolder)/\(name).js", contents: data)
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// Writes the files under `folder`, replacing its `data/` folder (only one an earlier export
    /// wrote: it holds `overview.js`) and the three assets; leaves anything else in `folder` alone.
    /// Each file is written atomically.
    public static func write(_ files: [SiteFile], to folder: URL) throws {
        let manager = FileManager.default
        let data = folder.appendingPathComponent(dataFolder, isDirectory: true)
        do {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            if manager.fileExists(atPath: data.path) {
                // Only a data/ an earlier export wrote is replaced: `--out` may name a folder of the user's.
                guard manager.fileExists(atPath: data.appendingPathComponent("overview.js").path) else {
                    throw DashboardError.write(
                        path: data.path,
                        problem: "it exists and was not written by export — choose another --out")
                }
                try manager.removeItem(at: data)
            }
        } catch let error as DashboardError {
            throw error
        } catch {
            throw DashboardError.write(path: folder.path, problem: error.localizedDescription)
        }
        var made: Set<String> = []
        for file in files {
            let url = folder.appendingPathComponent(file.path)
            let parent = url.deletingLastPathComponent()
            do {
                if made.insert(parent.path).inserted {
                    try manager.createDirectory(at: parent, withIntermediateDirectories: true)
                }
                try file.contents.write(to: url, options: .atomic)
            } catch {
                throw DashboardError.write(path: url.path, problem: error.localizedDescription)
            }
        }
    }
}
