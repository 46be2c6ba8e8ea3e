/// What a token may do, as the simulator's `tokens` table declares it.
public enum TokenScope: Sendable {
    /// Read and write (`api` scope): everything, including `POST …/notes`.
    case api
    /// `read_api`: every GET; writes answer 403 `insufficient_scope`.
    case readAPI
    /// An expired token: every request answers 401 `invalid_token`.
    case expired
}

/// The shape and behaviour of a simulated GitLab instance. Everything generated is a pure function
/// of these values, so two simulators with equal configurations serve byte-identical data.
public struct SimulatorConfiguration: Sendable {
    /// Seed of every generated value.
    public var seed: UInt64 = 7
    /// Non-archived projects. Three archived projects are generated in addition (excluded by `archived=false`).
    public var projects: Int = 40
    /// Nights of nightly pipelines, ending at `lastNight`.
    public var nights: Int = 30
    /// The newest night, `YYYY-MM-DD` in America/Chicago. Its schedule pipeline runs at 00:00 Chicago the next day.
    public var lastNight: String
    /// Added to every request before it is answered.
    public var latency: Duration = .zero
    /// Rack::Attack-style throttle over all authenticated requests per token, in fixed 60 s windows; nil = off.
    public var rateLimitPerMinute: Int?
    /// Application limit on `GET /projects/:id/jobs` per token per 60 s window (429 JSON, no headers); nil = off.
    public var jobsRateLimitPerMinute: Int?
    /// Fraction of requests answered with 500/502/503, in a deterministic sequence derived from `seed`.
    public var faultRate: Double = 0
    /// Accepted tokens (`PRIVATE-TOKEN` or `Authorization: Bearer`). All belong to the user `triage-bot`.
    public var tokens: [String: TokenScope] = ["glpat-simulator-token": .api]
    /// Base used in `web_url` and `Link` URLs (e.g. `https://gitlab.example.com`); nil = the bound `http://127.0.0.1:PORT`.
    public var externalURL: String?

    public init(
        lastNight: String, seed: UInt64 = 7, projects: Int = 40, nights: Int = 30, latency: Duration = .zero,
        rateLimitPerMinute: Int? = nil, jobsRateLimitPerMinute: Int? = nil, faultRate: Double = 0,
        tokens: [String: TokenScope] = ["glpat-simulator-token": .api], externalURL: String? = nil
    ) {
        self.lastNight = lastNight
        self.seed = seed
        self.projects = projects
        self.nights = nights
        self.latency = latency
        self.rateLimitPerMinute = rateLimitPerMinute
        self.jobsRateLimitPerMinute = jobsRateLimitPerMinute
        self.faultRate = faultRate
        self.tokens = tokens
        self.externalURL = externalURL
    }
}

/// One request the simulator received, for test assertions.
public struct SimulatedRequest: Sendable, Hashable {
    public var method: String
    /// Path as sent (percent-encoded), e.g. `/api/v4/projects/julia%2FFoo.jl`.
    public var path: String
    /// Raw query string without `?` ("" when none).
    public var query: String
    public var status: Int
}
