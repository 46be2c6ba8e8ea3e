import Basics
import Foundation

/// JSON shapes of GitLab API v4 entities, field sets and order as in the recorded samples.
struct Entities {
    let org: Organisation
    /// `http://127.0.0.1:PORT` or the configured external URL, without a trailing slash.
    let base: String

    func userBasic(_ id: Int) -> JSON {
        let u = org.user(id: id) ?? org.users[0]
        return .object([
            ("id", .int(u.id)), ("username", .string(u.username)), ("name", .string(u.name)),
            ("state", .string("active")), ("locked", .bool(false)),
            ("avatar_url", .string("\(base)/uploads/-/system/user/avatar/\(u.id)/avatar.png")),
            ("web_url", .string("\(base)/\(u.username)")),
        ])
    }

    func userFull(_ id: Int, current: Bool = false) -> JSON {
        let u = org.user(id: id) ?? org.users[0]
        guard case .object(var fields) = userBasic(id) else { return .null }
        fields += [
            ("created_at", .string("2019-03-1\(u.id % 10)T10:00:00.000Z")), ("bio", .string("")),
            ("location", .string("")), ("public_email", .string("")), ("skype", .string("")),
            ("linkedin", .string("")), ("twitter", .string("")), ("discord", .string("")),
            ("website_url", .string("")), ("organization", .string("")), ("job_title", .string("")),
            ("pronouns", .string("")), ("bot", .bool(u.username.hasSuffix("-bot"))),
            ("work_information", .null),
            ("followers", .int(0)), ("following", .int(0)), ("local_time", .null),
        ]
        if current {
            fields += [
                ("last_sign_in_at", .string("2026-01-05T08:00:00.000Z")),
                ("confirmed_at", .string("2019-03-10T10:00:00.000Z")),
                ("last_activity_on", .string(org.nights.last ?? "2026-01-01")),
                ("email", .string("\(u.username)@example.com")),
                ("theme_id", .int(1)), ("color_scheme_id", .int(1)), ("projects_limit", .int(100000)),
                ("current_sign_in_at", .string("2026-01-05T08:00:00.000Z")), ("identities", .array([])),
                ("can_create_group", .bool(true)), ("can_create_project", .bool(true)),
                ("two_factor_enabled", .bool(false)), ("external", .bool(false)),
                ("private_profile", .bool(false)),
                ("commit_email", .string("\(u.username)@example.com")),
            ]
        }
        return .object(fields)
    }

    func namespace(_ groupID: Int) -> JSON {
        let g = org.groups.first { $0.id == groupID } ?? org.groups[0]
        return .object([
            ("id", .int(g.id)), ("name", .string(g.name)), ("path", .string(g.path)),
            ("kind", .string("group")),
            ("full_path", .string(g.fullPath)), ("parent_id", g.parentID.map(JSON.int) ?? .null),
            ("avatar_url", .null), ("web_url", .string("\(base)/groups/\(g.fullPath)")),
        ])
    }

    func lastActivity(_ p: Organisation.Project) -> Int64 {
        org.pipelines(ofProject: p.id).last?.updatedAt ?? p.createdAt
    }

    func project(_ p: Organisation.Project, simple: Bool, permissions: Bool) -> JSON {
        let g = org.groups.first { $0.id == p.groupID } ?? org.groups[0]
        let web = "\(base)/\(p.pathWithNamespace)"
        let host = URL(string: base)?.host ?? "127.0.0.1"
        var fields: [(String, JSON)] = [
            ("id", .int(p.id)), ("description", .string(p.description)), ("name", .string(p.name)),
            (
                "name_with_namespace",
                .string(
                    "\(g.fullPath.split(separator: "/").map { $0 == "julia" ? "Julia" : ($0 == "ml" ? "ML" : "Tools") }.joined(separator: " / ")) / \(p.name)"
                )
            ),
            ("path", .string(p.path)), ("path_with_namespace", .string(p.pathWithNamespace)),
            ("created_at", .time(p.createdAt)), ("default_branch", .string("main")),
            ("tag_list", .array([])), ("topics", .array([])),
            ("ssh_url_to_repo", .string("git@\(host):\(p.pathWithNamespace).git")),
            ("http_url_to_repo", .string("\(web).git")), ("web_url", .string(web)),
            ("readme_url", .string("\(web)/-/blob/main/README.md")), ("forks_count", .int(0)),
            ("avatar_url", .null), ("star_count", .int(p.id % 13)),
            ("last_activity_at", .time(lastActivity(p))),
            ("namespace", namespace(p.groupID)),
        ]
        if simple { return .object(fields) }
        let api = "\(base)/api/v4/projects/\(p.id)"
        let open = org.issues.filter { $0.projectID == p.id && $0.state == "opened" }.count
        fields += [
            (
                "container_registry_image_prefix",
                .string("registry.\(host)/\(p.pathWithNamespace.lowercased())")
            ),
            (
                "_links",
                .object([
                    ("self", .string(api)), ("issues", .string("\(api)/issues")),
                    ("merge_requests", .string("\(api)/merge_requests")),
                    ("repo_branches", .string("\(api)/repository/branches")),
                    ("labels", .string("\(api)/labels")),
                    ("events", .string("\(api)/events")), ("members", .string("\(api)/members")),
                    ("cluster_agents", .string("\(api)/cluster_agents")),
                ])
            ),
            ("packages_enabled", .bool(true)), ("empty_repo", .bool(false)), ("archived", .bool(p.archived)),
            ("visibility", .string("private")), ("resolve_outdated_diff_discussions", .bool(false)),
            ("repository_object_format", .string("sha1")), ("issues_enabled", .bool(true)),
            ("merge_requests_enabled", .bool(true)), ("wiki_enabled", .bool(false)),
            ("jobs_enabled", .bool(true)),
            ("snippets_enabled", .bool(false)), ("container_registry_enabled", .bool(true)),
            ("service_desk_enabled", .bool(false)), ("can_create_merge_request_in", .bool(true)),
            ("issues_access_level", .string("enabled")), ("repository_access_level", .string("enabled")),
            ("merge_requests_access_level", .string("enabled")), ("forking_access_level", .string("enabled")),
            ("wiki_access_level", .string("disabled")), ("builds_access_level", .string("enabled")),
            ("snippets_access_level", .string("disabled")), ("pages_access_level", .string("private")),
            ("analytics_access_level", .string("enabled")),
            ("container_registry_access_level", .string("enabled")),
            ("security_and_compliance_access_level", .string("private")),
            ("releases_access_level", .string("enabled")),
            ("environments_access_level", .string("enabled")),
            ("feature_flags_access_level", .string("enabled")),
            ("infrastructure_access_level", .string("enabled")), ("monitor_access_level", .string("enabled")),
            ("model_experiments_access_level", .string("enabled")),
            ("model_registry_access_level", .string("enabled")),
            ("emails_disabled", .bool(false)), ("emails_enabled", .bool(true)),
            ("shared_runners_enabled", .bool(true)),
            ("lfs_enabled", .bool(true)), ("creator_id", .int(1)), ("import_url", .null),
            ("import_type", .null),
            ("import_status", .string("none")), ("import_error", .null), ("open_issues_count", .int(open)),
            (
                "description_html",
                .string(
                    "<p data-sourcepos=\"1:1-1:\(p.description.utf8.count)\" dir=\"auto\">\(p.description)</p>"
                )
            ),
            ("updated_at", .time(lastActivity(p))), ("ci_default_git_depth", .int(20)),
            ("ci_forward_deployment_enabled", .bool(true)),
            ("ci_forward_deployment_rollback_allowed", .bool(true)),
            ("ci_job_token_scope_enabled", .bool(false)), ("ci_separated_caches", .bool(true)),
            ("ci_allow_fork_pipelines_to_run_in_parent_project", .bool(true)),
            ("build_git_strategy", .string("fetch")),
            ("keep_latest_artifact", .bool(true)), ("restrict_user_defined_variables", .bool(false)),
            ("runner_token_expiration_interval", .null), ("group_runners_enabled", .bool(true)),
            ("auto_cancel_pending_pipelines", .string("enabled")), ("build_timeout", .int(3600)),
            ("auto_devops_enabled", .bool(false)), ("auto_devops_deploy_strategy", .string("continuous")),
            ("ci_config_path", .string("")), ("public_jobs", .bool(true)), ("shared_with_groups", .array([])),
            ("only_allow_merge_if_pipeline_succeeds", .bool(false)),
            ("allow_merge_on_skipped_pipeline", .null),
            ("request_access_enabled", .bool(true)),
            ("only_allow_merge_if_all_discussions_are_resolved", .bool(false)),
            ("remove_source_branch_after_merge", .bool(true)),
            ("printing_merge_request_link_enabled", .bool(true)),
            ("merge_method", .string("merge")), ("squash_option", .string("default_off")),
            ("enforce_auth_checks_on_uploads", .bool(true)), ("suggestion_commit_message", .null),
            ("merge_commit_template", .null), ("squash_commit_template", .null),
            ("issue_branch_template", .null),
            ("warn_about_potentially_unwanted_characters", .bool(true)),
            ("autoclose_referenced_issues", .bool(true)),
            ("external_authorization_classification_label", .string("")),
            ("requirements_enabled", .bool(false)),
            ("requirements_access_level", .string("enabled")),
            ("security_and_compliance_enabled", .bool(true)),
            ("compliance_frameworks", .array([])),
        ]
        if permissions {
            fields.append(
                (
                    "permissions",
                    .object([
                        ("project_access", .null),
                        (
                            "group_access",
                            .object([("access_level", .int(30)), ("notification_level", .int(3))])
                        ),
                    ])
                ))
        }
        return .object(fields)
    }

    func projectWeb(_ projectID: Int) -> String {
        "\(base)/\(org.project(id: projectID)?.pathWithNamespace ?? "unknown")"
    }

    func pipelineBasic(_ p: Organisation.Pipeline) -> JSON {
        .object([
            ("id", .int(p.id)), ("iid", .int(p.iid)), ("project_id", .int(p.projectID)),
            ("sha", .string(p.sha)),
            ("ref", .string(p.ref)), ("status", .string(p.status)), ("source", .string(p.source)),
            ("created_at", .time(p.createdAt)), ("updated_at", .time(p.updatedAt)),
            ("web_url", .string("\(projectWeb(p.projectID))/-/pipelines/\(p.id)")),
        ])
    }

    func pipelineListItem(_ p: Organisation.Pipeline) -> JSON {
        guard case .object(var fields) = pipelineBasic(p) else { return .null }
        fields.append(("name", p.source == "schedule" ? .string("Nightly") : .null))
        return .object(fields)
    }

    func pipelineDetail(_ p: Organisation.Pipeline) -> JSON {
        guard case .object(var fields) = pipelineListItem(p) else { return .null }
        let name = fields.removeLast()
        let labels: [String: (String, String)] = [
            "success": ("Passed", "passed"), "failed": ("Failed", "failed"),
            "canceled": ("Canceled", "canceled"),
            "skipped": ("Skipped", "skipped"),
        ]
        let warnings =
            p.status == "success"
            && org.jobs(ofPipeline: p.id).contains { !$0.retried && $0.status == "failed" && $0.allowFailure }
        let (text, label) = labels[p.status] ?? (p.status.capitalized, p.status)
        let icon = warnings ? "status_warning" : "status_\(p.status)"
        fields += [
            ("before_sha", .string(p.beforeSHA)), ("tag", .bool(false)), ("yaml_errors", .null),
            ("user", userBasic(p.userID)), ("started_at", .time(p.startedAt)),
            ("finished_at", .time(p.finishedAt)),
            ("committed_at", .null),
            (
                "duration",
                p.startedAt.flatMap { s in p.finishedAt.map { JSON.int(Int(($0 - s) / 1000)) } } ?? .null
            ),
            ("queued_duration", p.startedAt.map { .int(Int(($0 - p.createdAt) / 1000)) } ?? .null),
            ("coverage", .null),
            (
                "detailed_status",
                .object([
                    ("icon", .string(icon)), ("text", .string(warnings ? "Warning" : text)),
                    ("label", .string(warnings ? "passed with warnings" : label)),
                    ("group", .string(warnings ? "success-with-warnings" : p.status)),
                    ("tooltip", .string(warnings ? "passed with warnings" : label)),
                    ("has_details", .bool(true)),
                    (
                        "details_path",
                        .string(
                            "/\(org.project(id: p.projectID)?.pathWithNamespace ?? "")/-/pipelines/\(p.id)")
                    ),
                    ("illustration", .null),
                    ("favicon", .string("/assets/ci_favicons/favicon_\(icon).png")),
                ])
            ),
            name,
        ]
        return .object(fields)
    }

    func commit(_ sha: String, projectID: Int) -> JSON {
        let c = org.commit(sha: sha)
        let author = org.user(id: c?.authorID ?? 4) ?? org.users[3]
        let date = c.map { isoMillis($0.date) } ?? "2026-01-01T00:00:00.000Z"
        let title = c?.title ?? "Update"
        return .object([
            ("id", .string(sha)), ("short_id", .string(String(sha.prefix(8)))), ("created_at", .string(date)),
            ("parent_ids", .array(c?.parent.map { [JSON.string($0)] } ?? [])), ("title", .string(title)),
            ("message", .string(title + "\n")), ("author_name", .string(author.name)),
            ("author_email", .string("\(author.username)@example.com")), ("authored_date", .string(date)),
            ("committer_name", .string(author.name)),
            ("committer_email", .string("\(author.username)@example.com")),
            ("committed_date", .string(date)), ("trailers", .object([])), ("extended_trailers", .object([])),
            ("web_url", .string("\(projectWeb(projectID))/-/commit/\(sha)")),
        ])
    }

    func job(_ j: Organisation.Job) -> JSON {
        guard let p = org.pipeline(id: j.pipelineID) else { return .null }
        var fields: [(String, JSON)] = [
            ("id", .int(j.id)), ("status", .string(j.status)), ("stage", .string(j.stage)),
            ("name", .string(j.name)),
            ("ref", .string(p.ref)), ("tag", .bool(false)), ("coverage", .null),
            ("allow_failure", .bool(j.allowFailure)),
            ("created_at", .time(j.createdAt)), ("started_at", .time(j.startedAt)),
            ("finished_at", .time(j.finishedAt)),
            ("erased_at", .null), ("duration", j.duration.map(JSON.double) ?? .null),
            ("queued_duration", j.startedAt.map { .double(Double($0 - j.createdAt) / 1000) } ?? .null),
            ("user", userFull(p.userID)), ("commit", commit(p.sha, projectID: p.projectID)),
            ("pipeline", pipelineBasic(p)),
        ]
        if j.status == "failed" {
            fields.append(("failure_reason", .string(j.failureReason ?? "unknown_failure")))
        }
        let runner = j.runnerIndex + 1
        let started = j.startedAt != nil
        fields += [
            ("web_url", .string("\(projectWeb(j.projectID))/-/jobs/\(j.id)")),
            ("project", .object([("ci_job_token_scope_enabled", .bool(false))])),
            (
                "artifacts",
                .array(
                    started
                        ? [
                            .object([
                                ("file_type", .string("trace")), ("size", .int(4000 + (j.id % 9000))),
                                ("filename", .string("job.log")),
                                ("file_format", .null),
                            ])
                        ] : [])
            ),
            (
                "runner",
                started
                    ? .object([
                        ("id", .int(500 + runner)),
                        ("description", .string("runner-\((runner < 10 ? "0\(runner)" : "\(runner)"))")),
                        ("ip_address", .string("10.1.5.\(10 + runner)")), ("active", .bool(true)),
                        ("paused", .bool(false)),
                        ("is_shared", .bool(true)), ("runner_type", .string("instance_type")),
                        ("name", .string("gitlab-runner")),
                        ("online", .bool(true)), ("status", .string("online")),
                    ]) : .null
            ),
            ("artifacts_expire_at", .null), ("archived", .bool(false)),
            ("tag_list", .array([.string("docker")])),
        ]
        return .object(fields)
    }

    func schedule(_ p: Organisation.Project, id: Int) -> JSON {
        let lastNight = org.nights.last.flatMap(CivilDate.init) ?? CivilDate(year: 2026, month: 1, day: 1)
        let next = chicagoMidnightMillis(lastNight.adding(days: 2))
        return .object([
            ("id", .int(id)), ("description", .string("Nightly")), ("ref", .string("main")),
            ("cron", .string("0 0 * * *")), ("cron_timezone", .string("America/Chicago")),
            ("next_run_at", .time(next)), ("active", .bool(true)),
            ("created_at", .time(p.createdAt + 3_600_000)),
            ("updated_at", .time(p.createdAt + 3_600_000)), ("owner", userBasic(3)), ("inputs", .array([])),
        ])
    }

    func issue(_ i: Organisation.Issue, notes: Int) -> JSON {
        let path = org.project(id: i.projectID)?.pathWithNamespace ?? ""
        let api = "\(base)/api/v4/projects/\(i.projectID)/issues/\(i.iid)"
        return .object([
            ("id", .int(i.id)), ("iid", .int(i.iid)), ("project_id", .int(i.projectID)),
            ("title", .string(i.title)),
            ("description", .string(i.description)), ("state", .string(i.state)),
            ("created_at", .time(i.createdAt)),
            ("updated_at", .time(i.updatedAt)), ("closed_at", .time(i.closedAt)),
            ("closed_by", i.closedAt == nil ? .null : userBasic(i.authorID)),
            ("labels", .array(i.labels.sorted().map(JSON.string))), ("milestone", .null),
            ("assignees", .array([])),
            ("author", userBasic(i.authorID)), ("type", .string("ISSUE")), ("assignee", .null),
            ("user_notes_count", .int(notes)), ("merge_requests_count", .int(0)), ("upvotes", .int(0)),
            ("downvotes", .int(0)), ("due_date", .null), ("confidential", .bool(false)),
            ("discussion_locked", .null),
            ("issue_type", .string("issue")), ("web_url", .string("\(base)/\(path)/-/issues/\(i.iid)")),
            (
                "time_stats",
                .object([
                    ("time_estimate", .int(0)), ("total_time_spent", .int(0)), ("human_time_estimate", .null),
                    ("human_total_time_spent", .null),
                ])
            ),
            ("task_completion_status", .object([("count", .int(0)), ("completed_count", .int(0))])),
            ("has_tasks", .bool(false)),
            (
                "_links",
                .object([
                    ("self", .string(api)), ("notes", .string("\(api)/notes")),
                    ("award_emoji", .string("\(api)/award_emoji")),
                    ("project", .string("\(base)/api/v4/projects/\(i.projectID)")),
                    ("closed_as_duplicate_of", .null),
                ])
            ),
            (
                "references",
                .object([
                    ("short", .string("#\(i.iid)")), ("relative", .string("#\(i.iid)")),
                    ("full", .string("\(path)#\(i.iid)")),
                ])
            ),
            ("severity", .string("UNKNOWN")), ("moved_to_id", .null), ("service_desk_reply_to", .null),
        ])
    }

    func note(_ n: StoredNote) -> JSON {
        .object([
            ("id", .int(n.id)), ("type", .null), ("body", .string(n.body)), ("author", userBasic(n.authorID)),
            ("created_at", .time(n.createdAt)), ("updated_at", .time(n.createdAt)), ("system", .bool(false)),
            ("noteable_id", .int(n.issueID)), ("noteable_type", .string("Issue")),
            ("project_id", .int(n.projectID)),
            ("resolvable", .bool(false)), ("confidential", .bool(n.isInternal)),
            ("internal", .bool(n.isInternal)),
            ("imported", .bool(false)), ("imported_from", .string("none")),
            ("noteable_iid", .int(n.issueIID)),
            ("commands_changes", .object([])),
        ])
    }
}

/// A note posted through the API (kept in memory for the simulator's lifetime).
struct StoredNote: Sendable {
    let id: Int
    let issueID: Int
    let issueIID: Int
    let projectID: Int
    let body: String
    let authorID: Int
    let isInternal: Bool
    let createdAt: Int64
}
