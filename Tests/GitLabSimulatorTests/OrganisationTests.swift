import Testing
@testable import GitLabSimulator
