import TriageCore

/// The client already has what `assign` needs (issue lookup, notes, the token's user); this
/// names it for the core, so the shell can use it without importing this module.
extension GitLabClient: IssueTracker {}
