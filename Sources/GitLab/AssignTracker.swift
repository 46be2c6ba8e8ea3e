import TriageCore

/// The client already has what `assign` needs (issue lookup, notes, the token's user); this
/// names it for the core, so the shell can use it without importing this module.
extension GitLabClient: IssueTracker {}

/// The compare endpoint, for the commit titles of `diff job` and `suspects --commits`.
extension GitLabClient: CommitSource {}
