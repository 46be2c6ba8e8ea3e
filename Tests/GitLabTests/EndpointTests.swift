import Testing
@testable import GitLab
