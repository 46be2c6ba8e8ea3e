import Foundation

/// Everything one request's handler needs; `dispatch` answers a matched route.
struct Context {
    let simulator: SimulatedGitLab
    let org: Organisation
    let entities: Entities
    let base: String
    let query: Query
    let scope: TokenScope
    let rawPath: String
    let body: Data
    let contentType: String?

    static let jobStatuses: Set<String> = [
        "created", "waiting_for_resource", "preparing", "waiting_for_callback", "pending", "running",
        "success",
        "failed", "canceling", "canceled", "skipped", "manual", "scheduled",
    ]
    static let sources: Set<String> = [
        "push", "web", "trigger", "schedule", "api", "external", "pipeline", "chat", "webide",
        "merge_request_event",
        "external_pull_request_event", "parent_pipeline", "ondemand_dast_scan", "ondemand_dast_validation",
        "security_orchestration_policy", "container_registry_push", "duo_workflow",
        "pipeline_execution_policy_schedule",
    ]

    func dispatch(_ route: Route) -> Reply {
        switch route {
        case .projects: return listProjects(org.projects, defaults: Self.projectDefaults, permissions: true)
        case .project(let id):
            guard let p = project(id) else { return .projectNotFound }
            return .json(200, entities.project(p, simple: false, permissions: true))
        case .group(let id):
            guard let g = group(id) else { return .message(404, "404 Group Not Found") }
            return .json(200, groupJSON(g))
        case .groupProjects(let id):
            guard let g = group(id) else { return .message(404, "404 Group Not Found") }
            let subgroups = query.bool("include_subgroups") ?? false
            let ids = Set(
                org.groups.filter { $0.id == g.id || (subgroups && $0.fullPath.hasPrefix(g.fullPath + "/")) }
                    .map(\.id))
            return listProjects(
                org.projects.filter { ids.contains($0.groupID) }, defaults: Self.groupProjectDefaults,
                permissions: false)
        case .projectPipelines(let id):
            guard let p = project(id) else { return .projectNotFound }
            return listPipelines(p)
        case .pipeline(let id, "latest"):
            guard let p = project(id) else { return .projectNotFound }
            let ref = query.first("ref") ?? "main"
            guard let latest = org.pipelines(ofProject: p.id).last(where: { $0.ref == ref }) else {
                return .notFound
            }
            return .json(200, entities.pipelineDetail(latest))
        case .pipeline(let id, let pid):
            guard let p = project(id) else { return .projectNotFound }
            guard let pipeline = Int(pid).flatMap(org.pipeline(id:)), pipeline.projectID == p.id else {
                return .notFound
            }
            return .json(200, entities.pipelineDetail(pipeline))
        case .pipelineJobs(let id, let pid):
            guard let p = project(id) else { return .projectNotFound }
            guard let pipeline = Int(pid).flatMap(org.pipeline(id:)), pipeline.projectID == p.id else {
                return .notFound
            }
            var jobs = org.jobs(ofPipeline: pipeline.id)
            if !(query.bool("include_retried") ?? false) { jobs = jobs.filter { !$0.retried } }
            return listJobs(jobs, defaults: ["include_retried": "false"], counts: true)
        case .projectJobs(let id):
            guard let p = project(id) else { return .projectNotFound }
            let jobs = org.pipelines(ofProject: p.id).flatMap { org.jobs(ofPipeline: $0.id) }
            return listJobs(jobs, defaults: [:], counts: false)
        case .job(let id, let jid):
            guard let p = project(id) else { return .projectNotFound }
            guard let job = Int(jid).flatMap(org.job(id:)), job.projectID == p.id else { return .notFound }
            return .json(200, entities.job(job))
        case .trace(let id, let jid):
            guard let p = project(id) else { return .projectNotFound }
            guard let job = Int(jid).flatMap(org.job(id:)), job.projectID == p.id else { return .notFound }
            return Reply(
                status: 200,
                headers: [
                    ("Content-Type", "text/plain"),
                    ("Content-Disposition", "infile; filename=\"\(job.id).log\""),
                ],
                body: org.trace(ofJob: job.id))
        case .schedules(let id):
            guard let p = project(id) else { return .projectNotFound }
            let schedules = p.archived ? [] : [entities.schedule(p, id: 300 + p.id)]
            return paginate(schedules, defaults: [:], counts: true) { $0 }
        case .schedule(let id, let sid):
            guard let p = project(id) else { return .projectNotFound }
            guard !p.archived, sid == "\(300 + p.id)" else {
                return .message(404, "404 Pipeline Schedule Not Found")
            }
            guard case .object(var fields) = entities.schedule(p, id: 300 + p.id) else { return .notFound }
            let last = org.pipelines(ofProject: p.id).last { $0.source == "schedule" }
            fields.append(("last_pipeline", last.map(entities.pipelineBasic) ?? .null))
            fields.append(
                (
                    "variables",
                    .array([
                        .object([
                            ("key", .string("JULIA_NUM_THREADS")), ("variable_type", .string("env_var")),
                            ("value", .string("4")),
                        ])
                    ])
                ))
            return .json(200, .object(fields))
        case .schedulePipelines(let id, let sid):
            guard let p = project(id) else { return .projectNotFound }
            guard !p.archived, sid == "\(300 + p.id)" else {
                return .message(404, "404 Pipeline Schedule Not Found")
            }
            var pipelines = org.pipelines(ofProject: p.id).filter { $0.source == "schedule" }
            if query.first("sort") == "desc" { pipelines.reverse() }
            return paginate(pipelines, defaults: ["sort": "asc"], counts: true) { entities.pipelineBasic($0) }
        case .projectIssues(let id):
            guard let p = project(id) else { return .projectNotFound }
            return listIssues(org.issues.filter { $0.projectID == p.id }, defaultScope: "all")
        case .groupIssues(let id):
            guard let g = group(id) else { return .message(404, "404 Group Not Found") }
            let ids = Set(
                org.groups.filter { $0.id == g.id || $0.fullPath.hasPrefix(g.fullPath + "/") }.map(\.id))
            let projects = Set(org.projects.filter { ids.contains($0.groupID) && !$0.archived }.map(\.id))
            return listIssues(org.issues.filter { projects.contains($0.projectID) }, defaultScope: "all")
        case .issues: return listIssues(org.issues, defaultScope: "created_by_me")
        case .issue(let id, let iid):
            guard let p = project(id) else { return .projectNotFound }
            guard let issue = issue(p, iid) else { return .message(404, "404 Issue Not Found") }
            return .json(200, entities.issue(issue, notes: simulator.notes(ofIssue: issue.id).count))
        case .notes(let id, let iid):
            guard let p = project(id) else { return .projectNotFound }
            guard let issue = issue(p, iid) else { return .message(404, "404 Issue Not Found") }
            var notes = simulator.notes(ofIssue: issue.id)
            if (query.first("sort") ?? "desc") == "desc" { notes.reverse() }
            return paginate(notes, defaults: ["order_by": "created_at", "sort": "desc"], counts: true) {
                entities.note($0)
            }
        case .postNote(let id, let iid):
            guard let p = project(id) else { return .projectNotFound }
            guard scope == .api else { return .insufficientScope }
            guard let issue = issue(p, iid) else { return .message(404, "404 Issue Not Found") }
            let params = bodyParameters()
            guard let text = params["body"] ?? query.first("body"), !text.isEmpty else {
                return .error(400, "body is missing")
            }
            let isInternal = (params["internal"] ?? query.first("internal")) == "true"
            let note = simulator.storeNote(
                issue: issue, body: text, isInternal: isInternal, author: org.tokenUser.id)
            return .json(201, entities.note(note))
        case .commit(let id, let sha):
            guard let p = project(id) else { return .projectNotFound }
            guard
                let c = org.commits.values.first(where: {
                    $0.sha == sha || ($0.sha.hasPrefix(sha) && sha.count >= 8)
                }),
                org.pipelines(ofProject: p.id).contains(where: { $0.sha == c.sha }) || c.parent == nil
            else { return .message(404, "404 Commit Not Found") }
            return .json(200, entities.commit(c.sha, projectID: p.id))
        case .compare(let id):
            // lib/api/repositories.rb: from/to required (Grape), an unknown ref is `not_found!("Ref")`.
            guard let p = project(id) else { return .projectNotFound }
            guard let from = query.first("from") else { return .error(400, "from is missing") }
            guard let to = query.first("to") else { return .error(400, "to is missing") }
            guard let chain = org.commits(projectID: p.id, from: from, to: to) else {
                return .message(404, "404 Ref Not Found")
            }
            let commits = chain.map { entities.commit($0.sha, projectID: p.id) }
            return .json(
                200,
                .object([
                    ("commit", commits.last ?? .null), ("commits", .array(commits)),
                    ("diffs", .array(compareDiffs(chain))),
                    ("compare_timeout", .bool(false)), ("compare_same_ref", .bool(from == to)),
                    ("web_url", .string("\(base)/\(p.pathWithNamespace)/-/compare/\(from)...\(to)")),
                ]))
        case .user: return .json(200, entities.userFull(org.tokenUser.id, current: true))
        case .version:
            return .json(
                200,
                .object([
                    ("version", .string("18.6.2-ee")), ("revision", .string("4a1f2b3c9d0")),
                    (
                        "kas",
                        .object([
                            ("enabled", .bool(false)), ("externalUrl", .null), ("externalK8sProxyUrl", .null),
                            ("version", .null),
                        ])
                    ),
                    ("enterprise", .bool(true)),
                ]))
        }
    }

    /// The cumulative diff of a compared range: one entry per file its commits touched (each
    /// commit touches one file, chosen by its sha), in GitLab's diff entity shape.
    func compareDiffs(_ chain: [Organisation.Commit]) -> [JSON] {
        let files = [
            "src/Core.jl", "src/Utils.jl", "test/runtests.jl", "Project.toml", "docs/make.jl", "README.md",
        ]
        var touched: [String: Int] = [:]
        for c in chain {
            let file = files[Int(c.sha.utf8.reduce(0) { ($0 &* 31 &+ Int($1)) & 0xFFFF }) % files.count]
            touched[file, default: 0] += 1
        }
        return touched.keys.sorted().map { file in
            let n = touched[file] ?? 1
            return .object([
                (
                    "diff",
                    .string("@@ -1,\(n) +1,\(n + 1) @@\n \(file)\n+changed \(n) time\(n == 1 ? "" : "s")\n")
                ),
                ("new_path", .string(file)), ("old_path", .string(file)), ("a_mode", .string("100644")),
                ("b_mode", .string("100644")), ("new_file", .bool(false)), ("renamed_file", .bool(false)),
                ("deleted_file", .bool(false)), ("generated_file", .bool(false)),
            ])
        }
    }

    // MARK: Lookups

    func project(_ id: String) -> Organisation.Project? {
        if let n = Int(id) { return org.project(id: n) }
        return org.projects.first { $0.pathWithNamespace == id }
    }

    func group(_ id: String) -> Organisation.Group? {
        if let n = Int(id) { return org.groups.first { $0.id == n } }
        return org.groups.first { $0.fullPath == id }
    }

    func issue(_ p: Organisation.Project, _ iid: String) -> Organisation.Issue? {
        guard let n = Int(iid) else { return nil }
        return org.issues.first { $0.projectID == p.id && $0.iid == n }
    }

    func groupJSON(_ g: Organisation.Group) -> JSON {
        .object([
            ("id", .int(g.id)), ("web_url", .string("\(base)/groups/\(g.fullPath)")),
            ("name", .string(g.name)),
            ("path", .string(g.path)), ("description", .string(g.description)),
            ("visibility", .string("private")),
            ("share_with_group_lock", .bool(false)), ("require_two_factor_authentication", .bool(false)),
            ("two_factor_grace_period", .int(48)), ("project_creation_level", .string("developer")),
            ("auto_devops_enabled", .null), ("subgroup_creation_level", .string("maintainer")),
            ("emails_disabled", .bool(false)), ("emails_enabled", .bool(true)), ("mentions_disabled", .null),
            ("lfs_enabled", .bool(true)), ("default_branch", .null), ("default_branch_protection", .int(2)),
            ("avatar_url", .null), ("request_access_enabled", .bool(true)),
            (
                "full_name",
                .string(
                    g.fullPath.split(separator: "/").map {
                        $0 == "julia" ? "Julia" : ($0 == "ml" ? "ML" : "Tools")
                    }.joined(separator: " / "))
            ),
            ("full_path", .string(g.fullPath)), ("created_at", .string("2019-03-01T10:00:00.000Z")),
            ("parent_id", g.parentID.map(JSON.int) ?? .null), ("organization_id", .int(1)),
            ("shared_runners_setting", .string("enabled")), ("ldap_cn", .null), ("ldap_access", .null),
            ("marked_for_deletion_on", .null),
        ])
    }

    func bodyParameters() -> [String: String] {
        if contentType?.contains("json") == true {
            guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
                return [:]
            }
            return object.reduce(into: [:]) { out, pair in
                if let s = pair.value as? String {
                    out[pair.key] = s
                } else if let b = pair.value as? Bool {
                    out[pair.key] = b ? "true" : "false"
                } else if let n = pair.value as? NSNumber {
                    out[pair.key] = n.stringValue
                }
            }
        }
        let q = Query(String(decoding: body, as: UTF8.self))
        return q.items.reduce(into: [:]) { $0[$1.0] = $1.1 }
    }

    // MARK: Lists

    static let projectDefaults = [
        "archived": nil, "imported": "false", "membership": "false", "order_by": "created_at",
        "owned": "false",
        "simple": "false", "sort": "desc", "starred": "false", "statistics": "false",
        "with_custom_attributes": "false",
        "with_issues_enabled": "false", "with_merge_requests_enabled": "false",
    ].compactMapValues { $0 }
    static let groupProjectDefaults = [
        "include_ancestor_groups": "false", "include_subgroups": "false", "order_by": "created_at",
        "owned": "false",
        "simple": "false", "sort": "desc", "starred": "false", "with_custom_attributes": "false",
        "with_issues_enabled": "false", "with_merge_requests_enabled": "false",
        "with_security_reports": "false",
        "with_shared": "true",
    ]

    func listProjects(_ all: [Organisation.Project], defaults: [String: String], permissions: Bool) -> Reply {
        var projects = all
        if let archived = query.bool("archived") { projects = projects.filter { $0.archived == archived } }
        if let search = query.first("search")?.lowercased(), !search.isEmpty {
            projects = projects.filter {
                $0.name.lowercased().contains(search) || $0.description.lowercased().contains(search)
                    || (query.bool("search_namespaces") == true
                        && $0.pathWithNamespace.lowercased().contains(search))
            }
        }
        let orderBy = query.first("order_by") ?? "created_at"
        let validOrders: Set = [
            "id", "name", "path", "created_at", "updated_at", "last_activity_at", "similarity", "star_count",
        ]
        guard validOrders.contains(orderBy) else {
            return .error(400, "order_by does not have a valid value")
        }
        let sort = query.first("sort") ?? "desc"
        guard sort == "asc" || sort == "desc" else { return .error(400, "sort does not have a valid value") }
        projects.sort { a, b in
            let less: Bool
            switch orderBy {
            case "name": less = a.name == b.name ? a.id < b.id : a.name < b.name
            case "path": less = a.path == b.path ? a.id < b.id : a.path < b.path
            case "id": less = a.id < b.id
            case "updated_at", "last_activity_at":
                let (x, y) = (entities.lastActivity(a), entities.lastActivity(b))
                less = x == y ? a.id < b.id : x < y
            case "star_count": less = a.id % 13 == b.id % 13 ? a.id < b.id : a.id % 13 < b.id % 13
            default: less = a.createdAt == b.createdAt ? a.id < b.id : a.createdAt < b.createdAt
            }
            return sort == "asc" ? less : !less
        }
        let simple = query.bool("simple") ?? false
        if query.first("pagination") == "keyset" {
            guard orderBy == "id" else {
                return .message(405, "Keyset pagination is not yet available for this type of request")
            }
            return keyset(projects, id: \.id, descending: sort == "desc", defaults: defaults) {
                entities.project($0, simple: simple, permissions: permissions)
            }
        }
        let page = query.first("page").flatMap(Int.init) ?? 1
        let perPage = min(query.first("per_page").flatMap(Int.init) ?? 20, 100)
        if page * perPage > 50_000 {
            return .message(
                405,
                "Offset pagination has a maximum allowed offset of 50000 for requests that return objects of type Project. Remaining records can be retrieved using keyset pagination."
            )
        }
        return paginate(projects, defaults: defaults, counts: true) {
            entities.project($0, simple: simple, permissions: permissions)
        }
    }

    func listPipelines(_ project: Organisation.Project) -> Reply {
        var pipelines = org.pipelines(ofProject: project.id)
        if let source = query.first("source") {
            guard Self.sources.contains(source) else {
                return .error(400, "source does not have a valid value")
            }
            pipelines = pipelines.filter { $0.source == source }
        }
        if let status = query.first("status") {
            guard Self.jobStatuses.contains(status) else {
                return .error(400, "status does not have a valid value")
            }
            pipelines = pipelines.filter { $0.status == status }
        }
        if let scope = query.first("scope") {
            switch scope {
            case "running", "pending", "tags": pipelines = []
            case "finished": break
            case "branches": pipelines = pipelines.filter { !$0.ref.hasPrefix("refs/") }
            default: return .error(400, "scope does not have a valid value")
            }
        }
        if let ref = query.first("ref") { pipelines = pipelines.filter { $0.ref == ref } }
        if let sha = query.first("sha") { pipelines = pipelines.filter { $0.sha == sha } }
        if let username = query.first("username") {
            pipelines = pipelines.filter { org.user(id: $0.userID)?.username == username }
        }
        for (name, keep) in [
            ("updated_after", { (p: Organisation.Pipeline, t: Int64) in p.updatedAt > t }),
            ("updated_before", { (p: Organisation.Pipeline, t: Int64) in p.updatedAt < t }),
            ("created_after", { (p: Organisation.Pipeline, t: Int64) in p.createdAt > t }),
            ("created_before", { (p: Organisation.Pipeline, t: Int64) in p.createdAt < t }),
        ] {
            guard let text = query.first(name) else { continue }
            guard let t = parseISO8601Millis(text) else { return .error(400, "\(name) is invalid") }
            pipelines = pipelines.filter { keep($0, t) }
        }
        let orderBy = query.first("order_by") ?? "id"
        guard ["id", "status", "ref", "updated_at", "user_id"].contains(orderBy) else {
            return .error(400, "order_by does not have a valid value")
        }
        let sort = query.first("sort") ?? "desc"
        guard sort == "asc" || sort == "desc" else { return .error(400, "sort does not have a valid value") }
        if orderBy == "id" {
            // Already ascending by id: no sort (the hot path of every nightly fetch).
            if sort == "desc" { pipelines.reverse() }
        } else {
            pipelines.sort { a, b in
                let less: Bool
                switch orderBy {
                case "status": less = a.status == b.status ? a.id < b.id : a.status < b.status
                case "ref": less = a.ref == b.ref ? a.id < b.id : a.ref < b.ref
                case "updated_at": less = a.updatedAt == b.updatedAt ? a.id < b.id : a.updatedAt < b.updatedAt
                case "user_id": less = a.userID == b.userID ? a.id < b.id : a.userID < b.userID
                default: less = a.id < b.id
                }
                return sort == "asc" ? less : !less
            }
        }
        return paginate(pipelines, defaults: ["order_by": "id", "sort": "desc"], counts: true) {
            entities.pipelineListItem($0)
        }
    }

    func listJobs(_ all: [Organisation.Job], defaults: [String: String], counts: Bool) -> Reply {
        var jobs = all
        let scopes = query.array("scope")
        if !scopes.isEmpty {
            guard scopes.allSatisfy(Self.jobStatuses.contains) else {
                return .error(400, "scope does not have a valid value")
            }
            jobs = jobs.filter { scopes.contains($0.status) }
        }
        // Inputs are ascending by id; GitLab lists newest first.
        jobs.reverse()
        if !counts, query.first("pagination") == "keyset" {
            return keyset(jobs, id: \.id, descending: true, defaults: defaults) { entities.job($0) }
        }
        return paginate(jobs, defaults: defaults, counts: counts) { entities.job($0) }
    }

    func listIssues(_ all: [Organisation.Issue], defaultScope: String) -> Reply {
        var issues = all.filter { org.project(id: $0.projectID)?.archived == false }
        let scope = (query.first("scope") ?? defaultScope).replacingOccurrences(of: "-", with: "_")
        switch scope {
        case "created_by_me": issues = issues.filter { $0.authorID == org.tokenUser.id }
        case "assigned_to_me": issues = []
        case "all": break
        default: return .error(400, "scope does not have a valid value")
        }
        switch query.first("state") ?? "all" {
        case "opened": issues = issues.filter { $0.state == "opened" }
        case "closed": issues = issues.filter { $0.state == "closed" }
        case "all": break
        default: return .error(400, "state does not have a valid value")
        }
        let iids = query.array("iids").flatMap { $0.split(separator: ",") }.compactMap { Int($0) }
        if !iids.isEmpty { issues = issues.filter { iids.contains($0.iid) } }
        if let labels = query.first("labels"), !labels.isEmpty {
            let wanted = labels.split(separator: ",").map(String.init)
            issues = issues.filter { i in wanted.allSatisfy { i.labels.contains($0) } }
        }
        if let search = query.first("search")?.lowercased(), !search.isEmpty {
            issues = issues.filter {
                $0.title.lowercased().contains(search) || $0.description.lowercased().contains(search)
            }
        }
        if let author = query.first("author_username") {
            issues = issues.filter { org.user(id: $0.authorID)?.username == author }
        }
        if let author = query.first("author_id").flatMap(Int.init) {
            issues = issues.filter { $0.authorID == author }
        }
        for (name, keep) in [
            ("updated_after", { (i: Organisation.Issue, t: Int64) in i.updatedAt >= t }),
            ("updated_before", { (i: Organisation.Issue, t: Int64) in i.updatedAt <= t }),
            ("created_after", { (i: Organisation.Issue, t: Int64) in i.createdAt >= t }),
            ("created_before", { (i: Organisation.Issue, t: Int64) in i.createdAt <= t }),
        ] {
            guard let text = query.first(name) else { continue }
            guard let t = parseISO8601Millis(text) else { return .error(400, "\(name) is invalid") }
            issues = issues.filter { keep($0, t) }
        }
        let orderBy = query.first("order_by") ?? "created_at"
        let sort = query.first("sort") ?? "desc"
        issues.sort { a, b in
            let (x, y) = orderBy == "updated_at" ? (a.updatedAt, b.updatedAt) : (a.createdAt, b.createdAt)
            let less = x == y ? a.id < b.id : x < y
            return sort == "asc" ? less : !less
        }
        let defaults = [
            "order_by": "created_at", "sort": "desc", "state": "all", "scope": defaultScope,
            "with_labels_details": "false",
        ]
        return paginate(issues, defaults: defaults, counts: true) { i in
            entities.issue(i, notes: simulator.notes(ofIssue: i.id).count)
        }
    }

    // MARK: Pagination (§2)

    /// Offset pagination with GitLab's headers. `counts: false` never sends X-Total/X-Total-Pages/rel="last"
    /// (as `GET /projects/:id/jobs`); counts are also dropped above 10,000 rows.
    func paginate<T>(_ items: [T], defaults: [String: String], counts: Bool, _ encode: (T) -> JSON) -> Reply {
        var perPage = 20
        if let text = query.first("per_page") {
            guard let n = Int(text) else { return .error(400, "per_page is invalid") }
            guard n >= 1 else { return .error(400, "per_page has a value not allowed") }
            perPage = min(n, 100)
        }
        var page = 1
        if let text = query.first("page") {
            guard let n = Int(text) else { return .error(400, "page is invalid") }
            guard n >= 1 else { return .error(400, "page does not have a valid value") }
            page = n
        }
        let total = items.count
        let showCounts = counts && total <= 10_000
        let totalPages = max(1, (total + perPage - 1) / perPage)
        let start = min((page - 1) * perPage, total)
        let end = min(start + perPage, total)
        let hasNext = end < total
        let hasPrev = page > 1
        var headers: [(String, String)] = [
            ("X-Page", "\(page)"), ("X-Per-Page", "\(perPage)"),
            ("X-Next-Page", hasNext ? "\(page + 1)" : ""), ("X-Prev-Page", hasPrev ? "\(page - 1)" : ""),
        ]
        var links: [String] = []
        if hasPrev { links.append("<\(pageURL(page - 1, perPage, defaults))>; rel=\"prev\"") }
        if hasNext { links.append("<\(pageURL(page + 1, perPage, defaults))>; rel=\"next\"") }
        links.append("<\(pageURL(1, perPage, defaults))>; rel=\"first\"")
        if showCounts { links.append("<\(pageURL(totalPages, perPage, defaults))>; rel=\"last\"") }
        headers.append(("Link", links.joined(separator: ", ")))
        if showCounts {
            headers += [("X-Total", "\(total)"), ("X-Total-Pages", "\(totalPages)")]
        }
        return .json(200, .array(items[start..<end].map(encode)), headers: headers)
    }

    /// Keyset pagination (§2): `items` already in the requested order; `id_after`/`id_before` select the
    /// window; only `Link: <…>; rel="next"` (with the cursor added to the request's params) and `X-Per-Page`.
    func keyset<T>(
        _ items: [T], id: (T) -> Int, descending: Bool, defaults: [String: String], _ encode: (T) -> JSON
    ) -> Reply {
        var perPage = 20
        if let text = query.first("per_page") {
            guard let n = Int(text), n >= 1 else { return .error(400, "per_page has a value not allowed") }
            perPage = min(n, 100)
        }
        var window = items[...]
        if let before = query.first("id_before").flatMap(Int.init) {
            window = window.filter { id($0) < before }[...]
        }
        if let after = query.first("id_after").flatMap(Int.init) {
            window = window.filter { id($0) > after }[...]
        }
        let page = Array(window.prefix(perPage))
        var headers = [("X-Per-Page", "\(perPage)")]
        if window.count > perPage, let last = page.last {
            let cursor = descending ? "id_before" : "id_after"
            var params = query.items.filter {
                $0.0 != "id_before" && $0.0 != "id_after" && $0.0 != "private_token"
            }
            params.append((cursor, "\(id(last))"))
            let present = Set(params.map(\.0))
            for (k, v) in defaults where !present.contains(k) { params.append((k, v)) }
            let text = params.sorted { $0.0 < $1.0 }.map { "\(formEscape($0.0))=\(formEscape($0.1))" }.joined(
                separator: "&")
            headers.append(("Link", "<\(base)\(rawPath)?\(text)>; rel=\"next\""))
        }
        return .json(200, .array(page.map(encode)), headers: headers)
    }

    /// Absolute URL of a page: request params + defaults + page/per_page, keys sorted (Rails `to_query`).
    func pageURL(_ page: Int, _ perPage: Int, _ defaults: [String: String]) -> String {
        var params: [(String, String)] = query.items.filter {
            $0.0 != "page" && $0.0 != "per_page" && $0.0 != "private_token" && $0.0 != "access_token"
        }
        let present = Set(params.map { $0.0.hasSuffix("[]") ? String($0.0.dropLast(2)) : $0.0 })
        for (k, v) in defaults where !present.contains(k) { params.append((k, v)) }
        params += [("page", "\(page)"), ("per_page", "\(perPage)")]
        func sortKey(_ k: String) -> String { k.hasSuffix("[]") ? String(k.dropLast(2)) : k }
        let sorted = params.enumerated().sorted { a, b in
            let (x, y) = (sortKey(a.element.0), sortKey(b.element.0))
            return x == y ? a.offset < b.offset : x < y
        }.map(\.element)
        let query = sorted.map { "\(formEscape($0.0))=\(formEscape($0.1))" }.joined(separator: "&")
        return "\(base)\(rawPath)?\(query)"
    }
}

/// Ruby's `CGI.escape`: unreserved characters kept, space as `+`, everything else `%XX`.
func formEscape(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "*"):
            out.append(Character(UnicodeScalar(byte)))
        case UInt8(ascii: " "): out.append("+")
        default:
            let hex = Array("0123456789ABCDEF")
            out += "%\(hex[Int(byte >> 4)])\(hex[Int(byte & 15)])"
        }
    }
    return out
}
