import Foundation

/// The page's three static files, `Resources/index.html`, `style.css` and `app.js`, compiled into
/// the binary by SwiftPM (`embedInCode`), so that `export` needs nothing beside the executable.
/// Untrusted text goes into the page with textContent only (see `el` in app.js).
enum Assets {
    static var indexHTML: Data { Data(PackageResources.index_html) }
    static var styleCSS: Data { Data(PackageResources.style_css) }
    static var appJS: Data { Data(PackageResources.app_js) }
}
