#!/usr/bin/env python3
"""org3: simulated GitLab organisation with nightly scheduled pipelines and known root causes.

Usage: python3 gen.py --seed N --projects 40 --nights 30 --out DIR

Standard library only.  Deterministic per seed: every random choice is drawn from a
random.Random seeded with a string that contains the seed (str seeds are hashed with
SHA-512 by CPython, independent of PYTHONHASHSEED).
"""
import argparse
import datetime as dt
import json
import os
import random
import shutil
import sys

# --------------------------------------------------------------------------------------
# small helpers
# --------------------------------------------------------------------------------------
ESC = "\x1b"
RST = ESC + "[0;m"


def c_info(s):
    return ESC + "[32;1m" + s + RST


def c_warn(s):
    return ESC + "[0;33m" + s + RST


def c_err(s):
    return ESC + "[31;1m" + s + RST


def c_println(s):
    return ESC + "[0K" + s + RST


def c_cmd(s):
    return ESC + "[32;1m$ " + s + RST


def sgr(code, s):
    return ESC + "[" + code + "m" + s + ESC + "[0m"


def srng(*parts):
    return random.Random(":".join(str(p) for p in parts))


HEX = "0123456789abcdef"
ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789"
B62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def hexs(rng, n):
    return "".join(rng.choice(HEX) for _ in range(n))


def alnum(rng, n, chars=ALNUM):
    return "".join(rng.choice(chars) for _ in range(n))


def uuid4(rng):
    h = hexs(rng, 32)
    return "%s-%s-4%s-%s%s-%s" % (h[:8], h[8:12], h[13:16], rng.choice("89ab"), h[17:20], h[20:32])


def addr(rng):
    return "0x7f" + hexs(rng, 10)


def camel(word):
    return "".join(p[:1].upper() + p[1:] for p in word.replace("-", "_").split("_") if p)


def snake(word):
    return word.replace("-", "_")


def lower_camel(word):
    c = camel(word)
    return c[:1].lower() + c[1:]


def human(word):
    return word.replace("_", " ").replace("-", " ")


def fmt_bytes_kb(rng, lo, hi):
    v = rng.uniform(lo, hi)
    if v > 1024:
        return "%.1f MB" % (v / 1024)
    return "%d kB" % v


# --------------------------------------------------------------------------------------
# trace writer
# --------------------------------------------------------------------------------------
class Trace:
    """Collects trace lines.  Each entry: (unix_time, stream, text) where text has no \n.
    Section end markers are kept pending and glued in front of the next line, as the
    runner does (section_end:...\r\e[0K immediately followed by the next output)."""

    def __init__(self, t0, timestamps=False, rng=None):
        self.t = t0
        self.entries = []
        self.pending = ""
        self.timestamps = timestamps
        self.rng = rng or random.Random(0)
        self.lines = 0
        self.open_sections = []

    def tick(self, lo=0.0005, hi=0.02):
        self.t += self.rng.uniform(lo, hi)

    def adv(self, seconds):
        self.t += seconds

    def w(self, text="", stream=1, err=False, dt_=None):
        if dt_ is None:
            self.t += self.rng.uniform(0.0001, 0.004)
        else:
            self.t += dt_
        text = self.pending + text
        self.pending = ""
        self.entries.append((self.t, stream, err, text))
        self.lines += 1

    def ws(self, lines, stream=1, err=False, lo=0.0001, hi=0.004):
        for ln in lines:
            self.t += self.rng.uniform(lo, hi)
            text = self.pending + ln
            self.pending = ""
            self.entries.append((self.t, stream, err, text))
        self.lines += len(lines)

    def runner(self, text):
        self.w(c_println(text), stream=0)

    def info(self, text, stream=1):
        self.w(c_info(text), stream=stream)

    def warn(self, text, stream=1):
        self.w(c_warn(text), stream=stream)

    def cmd(self, text):
        self.w(c_cmd(text), stream=1)

    def start(self, name, header, opts=""):
        ts = int(self.t)
        self.open_sections.append(name)
        self.w("section_start:%d:%s%s\r%s[0K%s[0K%s[36;1m%s%s%s" % (ts, name, opts, ESC, ESC, ESC, header, RST, RST), stream=0)

    def end(self, name):
        if name in self.open_sections:
            self.open_sections.remove(name)
        self.pending += "section_end:%d:%s\r%s[0K" % (int(self.t), name, ESC)

    def flush_pending(self):
        if self.pending:
            self.entries.append((self.t, 0, False, self.pending))
            self.pending = ""

    def render(self):
        self.flush_pending()
        out = []
        if not self.timestamps:
            for _, _, _, text in self.entries:
                out.append(text)
                out.append("\n")
            return "".join(out)
        for t, stream, err, text in self.entries:
            parts = []
            rest = text
            while "\r" in rest:
                i = rest.index("\r")
                parts.append(rest[: i + 1])
                rest = rest[i + 1:]
            parts.append(rest)
            if len(parts) > 1 and parts[-1] == "":
                parts.pop()
            d = dt.datetime.fromtimestamp(t, dt.timezone.utc)
            stamp = d.strftime("%Y-%m-%dT%H:%M:%S.") + "%06dZ" % d.microsecond
            for k, p in enumerate(parts):
                out.append("%s %02d%s%s%s\n" % (stamp, stream, "E" if err else "O", " " if k == 0 else "+", p))
        return "".join(out)


# --------------------------------------------------------------------------------------
# organisation model
# --------------------------------------------------------------------------------------
ECO_COUNTS_40 = [("python", 6), ("node", 6), ("go", 5), ("java", 5), ("rust", 3), ("ruby", 3),
                 ("php", 1), ("cpp", 2), ("dotnet", 1), ("kotlin", 1), ("scala", 1), ("swift", 1),
                 ("elixir", 1), ("haskell", 1), ("julia", 1), ("docker", 1), ("terraform", 1)]

NAME_POOLS = {
    "python": ["platform/payments/ledger-api", "data/etl/ingest-worker", "data/ml/feature-store",
               "platform/identity/auth-service", "data/analytics/report-builder", "tools/release/release-bot",
               "platform/notifications/mailer", "data/etl/schema-sync", "platform/search/indexer",
               "data/ml/model-serving"],
    "node": ["web/frontend/storefront", "web/frontend/admin-console", "platform/payments/checkout-web",
             "web/bff/graphql-gateway", "web/design/design-system", "platform/notifications/push-gateway",
             "web/frontend/docs-portal", "mobile/react-native/rn-shell", "web/bff/session-edge"],
    "go": ["platform/edge/api-gateway", "platform/identity/token-broker", "infra/tooling/runner-autoscaler",
           "data/streaming/event-router", "platform/payments/fraud-scorer", "infra/observability/metrics-relay",
           "platform/search/query-router"],
    "java": ["platform/payments/settlement-engine", "platform/orders/order-service", "data/etl/batch-loader",
             "platform/catalog/pricing-service", "platform/identity/user-directory",
             "platform/orders/inventory-service", "platform/billing/invoice-core"],
    "rust": ["platform/edge/rate-limiter", "infra/tooling/log-shipper", "data/streaming/wal-decoder",
             "platform/crypto/signing-service", "infra/observability/trace-sampler"],
    "ruby": ["web/legacy/customer-portal", "tools/ops/chatops-bot", "web/legacy/partner-admin"],
    "php": ["web/legacy/cms", "platform/billing/invoice-renderer", "web/legacy/affiliate-tracker"],
    "cpp": ["platform/edge/packet-filter", "libs/native/geo-index", "libs/native/image-codec"],
    "dotnet": ["platform/billing/tax-calculator", "web/bff/partner-api"],
    "kotlin": ["mobile/android/android-app", "platform/notifications/sms-dispatcher"],
    "scala": ["data/streaming/clickstream-aggregator", "data/analytics/spark-jobs"],
    "swift": ["mobile/ios/ios-app", "tools/cli/release-notes-cli"],
    "elixir": ["platform/notifications/realtime-hub", "platform/chat/presence-service"],
    "haskell": ["tools/compilers/policy-dsl", "tools/compilers/config-checker"],
    "julia": ["data/ml/forecasting-models", "data/science/optimizer-lab"],
    "docker": ["infra/images/base-images", "infra/images/ci-toolbox"],
    "terraform": ["infra/deploy/staging-environments", "infra/deploy/cluster-addons"],
}

DOMAIN = {
    "payments": ["ledger", "posting", "journal", "balance", "transfer", "currency", "refund", "payout", "fee", "settlement"],
    "etl": ["batch", "parser", "schema", "partition", "loader", "checkpoint", "manifest", "record", "watermark", "dedupe"],
    "ml": ["feature", "embedding", "model", "dataset", "split", "metric", "forecast", "sampler", "window", "scaler"],
    "identity": ["token", "session", "user", "role", "permission", "tenant", "claim", "password", "mfa", "directory"],
    "analytics": ["report", "query", "chart", "export", "aggregate", "cohort", "funnel", "dimension", "segment", "cube"],
    "release": ["release", "changelog", "tag", "milestone", "approval", "rollout", "artifact", "version", "notes", "freeze"],
    "notifications": ["message", "template", "channel", "recipient", "delivery", "bounce", "digest", "push", "sms", "webhook"],
    "search": ["index", "query", "tokenizer", "ranking", "facet", "synonym", "shard", "suggest", "highlight", "analyzer"],
    "frontend": ["cart", "checkout", "product", "catalog", "price", "wishlist", "review", "banner", "search", "account"],
    "bff": ["resolver", "schema", "loader", "session", "partner", "quota", "gateway", "cache", "auth", "profile"],
    "design": ["button", "modal", "tooltip", "theme", "grid", "icon", "table", "toast", "form", "menu"],
    "react-native": ["navigator", "screen", "storage", "push", "deeplink", "camera", "profile", "feed", "login", "settings"],
    "edge": ["route", "upstream", "limiter", "bucket", "filter", "rule", "conntrack", "header", "tls", "backend"],
    "tooling": ["scaler", "pool", "instance", "shipper", "buffer", "spool", "config", "lease", "drain", "batch"],
    "streaming": ["event", "topic", "consumer", "offset", "window", "session", "decoder", "segment", "sink", "router"],
    "observability": ["metric", "sampler", "span", "exporter", "relay", "histogram", "label", "scrape", "trace", "rollup"],
    "orders": ["order", "inventory", "reservation", "shipment", "stock", "warehouse", "allocation", "backorder", "sku", "return"],
    "catalog": ["price", "discount", "promotion", "tier", "catalog", "variant", "rule", "currency", "tax", "bundle"],
    "billing": ["invoice", "tax", "subscription", "plan", "usage", "credit", "dunning", "statement", "vat", "line_item"],
    "crypto": ["signer", "keyring", "digest", "certificate", "envelope", "nonce", "rotation", "hsm", "jwk", "verifier"],
    "legacy": ["customer", "page", "menu", "affiliate", "click", "banner", "invoice", "profile", "comment", "upload"],
    "ops": ["command", "deploy", "approval", "incident", "pager", "slack", "runbook", "schedule", "oncall", "alert"],
    "native": ["tile", "polygon", "rtree", "geohash", "codec", "decoder", "frame", "palette", "huffman", "bitstream"],
    "android": ["activity", "fragment", "repository", "viewmodel", "sync", "push", "login", "cart", "catalog", "settings"],
    "ios": ["cart", "checkout", "catalog", "login", "profile", "push", "sync", "wishlist", "order", "settings"],
    "cli": ["changelog", "commit", "section", "template", "renderer", "config", "tag", "milestone", "label", "author"],
    "chat": ["presence", "room", "member", "typing", "channel", "socket", "heartbeat", "tracker", "roster", "diff"],
    "compilers": ["parser", "lexer", "rule", "typecheck", "policy", "eval", "pretty", "ast", "scope", "diagnostic"],
    "science": ["solver", "constraint", "objective", "gradient", "simplex", "sampler", "kernel", "matrix", "bound", "step"],
    "images": ["python", "node", "golang", "jdk", "ruby", "toolbox"],
    "deploy": ["network", "cluster", "database", "bucket", "dns", "iam", "queue", "cache", "ingress", "monitoring"],
}

VERBS = ["creates", "updates", "deletes", "parses", "validates", "computes", "renders", "serializes", "handles",
         "retries", "rejects", "applies", "reconciles", "merges", "splits", "caches", "expires", "refreshes",
         "publishes", "consumes", "schedules", "cancels", "rounds", "converts", "normalizes", "encodes", "decodes",
         "signs", "verifies", "loads", "saves", "lists", "filters", "sorts", "paginates", "imports", "exports",
         "locks", "emits", "groups"]
CONDS = ["", "", "", "with_empty_input", "when_expired", "on_timeout", "for_negative_amount", "with_unicode_name",
         "concurrently", "twice", "after_rollback", "with_missing_field", "when_disabled", "for_large_batch",
         "with_default_config", "on_error", "on_failure", "with_invalid_token", "when_cache_is_cold",
         "across_timezones", "with_retries", "without_permissions", "and_logs_error", "raising_exception",
         "with_error_budget", "for_failed_records", "with_zero_errors", "when_upstream_fails"]

COMPANIES = ["acme", "globex", "initech", "hooli", "vandelay", "umbrella"]


class Test:
    __slots__ = ("file", "name", "cls", "desc", "line", "suite", "idx")

    def __init__(self, file, name, cls, desc, line, suite, idx):
        self.file, self.name, self.cls, self.desc, self.line, self.suite, self.idx = file, name, cls, desc, line, suite, idx


def split_path(path):
    parts = path.split("/")
    return parts[:-1], parts[-1]


def project_words(proj_path, rng):
    groups, name = split_path(proj_path)
    key = groups[-1]
    pool = list(DOMAIN.get(key, DOMAIN["tooling"]))
    rng.shuffle(pool)
    extra = [w for w in name.split("-") if len(w) > 2 and w not in ("api", "app", "web", "service", "core")]
    words = []
    for w in extra + pool:
        w = snake(w)
        if w not in words:
            words.append(w)
    return words[:10]

# --------------------------------------------------------------------------------------
# projects
# --------------------------------------------------------------------------------------
GITLAB = "gitlab.example.com"
ARTI = "artifacts.internal.example.com"
REG = "registry.internal.example.com"
VAULT = "vault.internal.example.com"
PGHOST = "pg-ci.internal.example.com"

BINARY_WHEELS = {"greenlet", "sqlalchemy", "pydantic-core", "orjson", "pyyaml", "markupsafe", "charset-normalizer", "psycopg", "numpy", "pandas", "pyarrow", "scikit-learn", "scipy", "coverage"}
PY_DEPS = [("requests", "2.32.3"), ("urllib3", "2.2.3"), ("certifi", "2024.8.30"), ("charset-normalizer", "3.4.0"),
           ("idna", "3.10"), ("pydantic", "2.9.2"), ("pydantic-core", "2.23.4"), ("annotated-types", "0.7.0"),
           ("typing-extensions", "4.12.2"), ("sqlalchemy", "2.0.36"), ("greenlet", "3.1.1"), ("alembic", "1.14.0"),
           ("fastapi", "0.115.4"), ("starlette", "0.41.2"), ("anyio", "4.6.2.post1"), ("sniffio", "1.3.1"),
           ("uvicorn", "0.32.0"), ("h11", "0.14.0"), ("click", "8.1.7"), ("httpx", "0.27.2"), ("httpcore", "1.0.6"),
           ("structlog", "24.4.0"), ("python-dateutil", "2.9.0.post0"), ("six", "1.16.0"), ("pyyaml", "6.0.2"),
           ("boto3", "1.35.54"), ("botocore", "1.35.54"), ("jmespath", "1.0.1"), ("s3transfer", "0.10.3"),
           ("redis", "5.2.0"), ("psycopg", "3.2.3"), ("orjson", "3.10.11"), ("tenacity", "9.0.0"),
           ("prometheus-client", "0.21.0"), ("markupsafe", "3.0.2"), ("jinja2", "3.1.4"), ("pytz", "2024.2"),
           ("tzdata", "2024.2"), ("attrs", "24.2.0"), ("marshmallow", "3.23.1")]
PY_DATA_DEPS = [("numpy", "1.26.4"), ("pandas", "2.2.3"), ("pyarrow", "17.0.0"), ("scikit-learn", "1.5.2"),
                ("scipy", "1.14.1"), ("joblib", "1.4.2"), ("threadpoolctl", "3.5.0")]
PY_TEST_DEPS = [("pytest", "8.3.3"), ("pluggy", "1.5.0"), ("iniconfig", "2.0.0"), ("packaging", "24.2"),
                ("coverage", "7.6.4"), ("pytest-cov", "6.0.0"), ("pytest-asyncio", "0.24.0"), ("pytest-mock", "3.14.0"),
                ("freezegun", "1.5.1"), ("respx", "0.21.1")]
NPM_DEPS = ["react", "react-dom", "axios", "date-fns", "zod", "lodash", "express", "graphql", "@apollo/server",
            "pino", "dotenv", "uuid", "clsx", "react-router-dom", "@tanstack/react-query", "i18next", "ioredis",
            "jsonwebtoken", "cookie-parser", "helmet", "cors", "yup", "immer", "zustand"]
GO_DEPS = [("github.com/go-chi/chi/v5", "v5.1.0"), ("github.com/jackc/pgx/v5", "v5.7.1"),
           ("github.com/redis/go-redis/v9", "v9.7.0"), ("github.com/prometheus/client_golang", "v1.20.5"),
           ("go.opentelemetry.io/otel", "v1.31.0"), ("google.golang.org/grpc", "v1.67.1"),
           ("google.golang.org/protobuf", "v1.35.1"), ("github.com/stretchr/testify", "v1.9.0"),
           ("github.com/spf13/cobra", "v1.8.1"), ("github.com/spf13/pflag", "v1.0.5"),
           ("golang.org/x/sync", "v0.8.0"), ("golang.org/x/net", "v0.30.0"), ("golang.org/x/sys", "v0.26.0"),
           ("golang.org/x/text", "v0.19.0"), ("github.com/google/uuid", "v1.6.0"),
           ("go.uber.org/zap", "v1.27.0"), ("github.com/cespare/xxhash/v2", "v2.3.0"),
           ("github.com/beorn7/perks", "v1.0.1"), ("github.com/davecgh/go-spew", "v1.1.1")]
MVN_DEPS = [("org/springframework/boot/spring-boot-starter-web", "3.3.5"), ("com/fasterxml/jackson/core/jackson-databind", "2.17.2"),
            ("com/fasterxml/jackson/core/jackson-core", "2.17.2"), ("org/slf4j/slf4j-api", "2.0.16"),
            ("ch/qos/logback/logback-classic", "1.5.12"), ("org/postgresql/postgresql", "42.7.4"),
            ("com/zaxxer/HikariCP", "5.1.0"), ("org/flywaydb/flyway-core", "10.20.1"),
            ("io/micrometer/micrometer-core", "1.13.6"), ("org/junit/jupiter/junit-jupiter", "5.11.3"),
            ("org/assertj/assertj-core", "3.26.3"), ("org/mockito/mockito-core", "5.14.2"),
            ("org/testcontainers/postgresql", "1.20.3"), ("org/apache/commons/commons-lang3", "3.17.0"),
            ("com/google/guava/guava", "33.3.1-jre"), ("io/projectreactor/reactor-core", "3.6.11"),
            ("org/yaml/snakeyaml", "2.3"), ("net/bytebuddy/byte-buddy", "1.15.10")]
CRATES = [("proc-macro2", "1.0.89"), ("unicode-ident", "1.0.13"), ("quote", "1.0.37"), ("syn", "2.0.87"),
          ("serde", "1.0.214"), ("serde_derive", "1.0.214"), ("serde_json", "1.0.132"), ("itoa", "1.0.11"),
          ("ryu", "1.0.18"), ("memchr", "2.7.4"), ("libc", "0.2.162"), ("cfg-if", "1.0.0"), ("bytes", "1.8.0"),
          ("pin-project-lite", "0.2.15"), ("tokio", "1.41.1"), ("tokio-macros", "2.4.0"), ("mio", "1.0.2"),
          ("socket2", "0.5.7"), ("tracing", "0.1.40"), ("tracing-core", "0.1.32"), ("once_cell", "1.20.2"),
          ("futures-core", "0.3.31"), ("futures-util", "0.3.31"), ("thiserror", "1.0.68"), ("anyhow", "1.0.93"),
          ("hashbrown", "0.15.1"), ("smallvec", "1.13.2"), ("parking_lot", "0.12.3"), ("lock_api", "0.4.12"),
          ("scopeguard", "1.2.0"), ("http", "1.1.0"), ("hyper", "1.5.0"), ("prost", "0.13.3"), ("clap", "4.5.20")]
GEMS = [("rake", "13.2.1"), ("concurrent-ruby", "1.3.4"), ("i18n", "1.14.6"), ("minitest", "5.25.1"),
        ("activesupport", "7.2.2"), ("rack", "3.1.8"), ("nokogiri", "1.16.7"), ("faraday", "2.12.0"),
        ("json", "2.7.5"), ("pg", "1.5.9"), ("puma", "6.4.3"), ("sidekiq", "7.3.5"), ("redis-client", "0.22.2"),
        ("rspec-core", "3.13.2"), ("rspec-expectations", "3.13.3"), ("rspec-mocks", "3.13.2"),
        ("webmock", "3.24.0"), ("rubocop", "1.68.0"), ("parser", "3.3.6.0"), ("zeitwerk", "2.7.1")]


def pkg_java(p):
    g, n = split_path(p["path"])
    return "com.%s.%s.%s" % (p["co"], snake(g[-1]).replace("_", ""), n.replace("-", ""))


def make_tests(p, rng, integration=False):
    eco = p["eco"]
    words = p["words"]
    suites = []
    nt_target = p["n_tests_int"] if integration else p["n_tests"]
    n_suites = max(3 if integration else len(words), nt_target // rng.randint(7, 22))
    SUFX = ["", "api", "repository", "handler", "validation", "mapper", "events", "cache", "query", "legacy", "batch", "async", "edge", "bulk", "io", "admin", "sync", "v2", "errors", "limits"]
    used = set()
    idx = 0
    for si in range(n_suites):
            w = words[si % len(words)]
            r = si // len(words)
            wv = w if r == 0 else "%s_%s" % (w, SUFX[r % len(SUFX)] if r < len(SUFX) else "%s%d" % (SUFX[r % len(SUFX)], r // len(SUFX)))
            W = camel(wv)
            n = max(2, int(nt_target / float(n_suites) * rng.uniform(0.4, 1.6)))
            m = p["mod"]
            if eco == "python":
                if p["tools"]["test"] == "unittest":
                    f = ("tests/integration/test_%s_repository.py" if integration else "tests/test_%s.py") % wv
                    cls = "Test%s%s" % (W, "Repository" if integration else "")
                else:
                    f = ("tests/integration/test_%s_repository.py" if integration else "tests/unit/test_%s.py") % wv
                    cls = None
            elif eco == "node":
                ext = "ts" if p["tools"]["ts"] else "js"
                if p["tools"]["test"] == "mocha":
                    f = ("test/integration/%s.spec.%s" if integration else "test/%s.spec.%s") % (wv.replace("_", "-"), ext)
                else:
                    f = ("src/%s/%s.int.test.%s" if integration else "src/%s/%s.test.%s") % (wv.replace("_", "-"), wv.replace("_", "-"), ext)
                cls = "%sService" % W
            elif eco == "go":
                f = "internal/%s/%s%s_test.go" % (w.replace("_", ""), wv, "_integration" if integration else "")
                cls = "%s/internal/%s" % (m, w.replace("_", ""))
            elif eco in ("java", "kotlin"):
                ext = "java" if eco == "java" else "kt"
                pk = pkg_java(p)
                f = "src/test/%s/%s/%sService%s.%s" % ("java" if eco == "java" else "kotlin", pk.replace(".", "/"), W, "IT" if integration else "Test", ext)
                cls = "%s.%sService%s" % (pk, W, "IT" if integration else "Test")
            elif eco == "scala":
                pk = pkg_java(p)
                f = "src/test/scala/%s/%sSpec.scala" % (pk.replace(".", "/"), W)
                cls = "%s.%sSpec" % (pk, W)
            elif eco == "rust":
                f = "tests/%s.rs" % wv if integration else ("src/%s.rs" % w if r == 0 else "src/%s/%s.rs" % (w, wv[len(w) + 1:]))
                cls = wv if integration else ("%s::tests" % w if r == 0 else "%s::%s::tests" % (w, wv[len(w) + 1:]))
            elif eco == "ruby":
                if p["tools"]["test"] == "rspec":
                    f = "spec/%s%s/%s_spec.rb" % ("integration/" if integration else "", m, wv)
                    cls = "%s::%s" % (camel(m), W)
                else:
                    f = "test/%s/%s_test.rb" % (m, wv)
                    cls = "%s::%sTest" % (camel(m), W)
            elif eco == "php":
                f = "tests/%s/%sServiceTest.php" % ("Integration" if integration else "Unit", W)
                cls = "Tests\\%s\\%sServiceTest" % ("Integration" if integration else "Unit", W)
            elif eco == "cpp":
                f = "tests/%s_test.cpp" % wv
                cls = "%sTest" % W
            elif eco == "dotnet":
                f = "tests/%s.Tests/%sServiceTests.cs" % (p["ns"], W)
                cls = "%s.Tests.%sServiceTests" % (p["ns"], W)
            elif eco == "swift":
                f = ("%sTests/%sTests.swift" % (p["ns"], W)) if p["tools"]["xcode"] else ("Tests/%sTests/%sTests.swift" % (p["ns"], W))
                cls = "%sTests" % W
            elif eco == "elixir":
                f = "test/%s/%s_test.exs" % (m, wv)
                cls = "%s.%sTest" % (camel(m), W)
            elif eco == "haskell":
                f = "test/%s/%sSpec.hs" % (p["ns"], W)
                cls = "%s.%s" % (p["ns"], W)
            elif eco == "julia":
                f = "test/%s.jl" % wv
                cls = W
            else:
                continue
            tests = []
            suite = {"file": f, "cls": cls, "word": wv, "tests": tests, "line0": rng.randint(8, 30)}
            line = suite["line0"]
            for k in range(n):
                for _ in range(20):
                    v = rng.choice(VERBS)
                    cond = rng.choice(CONDS)
                    key = (f, v, cond)
                    if key not in used:
                        used.add(key)
                        break
                else:
                    cond = cond + "_%d" % k
                    key = (f, v, cond)
                    used.add(key)
                line += rng.randint(6, 28)
                desc = ("%s %s %s" % (v, human(wv), human(cond))).strip()
                if eco == "python":
                    name = "test_%s_%s%s" % (v, wv, "_" + cond if cond else "")
                elif eco == "go":
                    name = "Test%s_%s%s" % (W, camel(v), camel(cond))
                elif eco in ("java", "kotlin"):
                    name = "should%s%s%s" % (camel(v), W, camel(cond))
                elif eco == "rust":
                    name = "%s_%s" % (v, cond) if cond else "%s_%s" % (v, wv)
                elif eco == "ruby":
                    if p["tools"]["test"] == "rspec":
                        name = "#%s %s" % (v[:-1] if v.endswith("s") else v, human(cond) or "with valid input")
                    else:
                        name = "test_%s_%s%s" % (v, wv, "_" + cond if cond else "")
                elif eco == "php":
                    name = "test%s%s%s" % (camel(v), W, camel(cond))
                elif eco == "cpp":
                    name = "%s%s" % (camel(v), camel(cond) or "Basic")
                elif eco == "dotnet":
                    name = "%s_%s%s" % (camel(v), W, "_" + camel(cond) if cond else "")
                elif eco == "swift":
                    name = "test%s%s%s" % (camel(v), W, camel(cond))
                else:
                    name = desc
                tests.append(Test(f, name, cls, desc, line, suite, idx))
                idx += 1
            suite["end"] = line + rng.randint(5, 20)
            suites.append(suite)
    return suites


def make_src_files(p):
    eco, m = p["eco"], p["mod"]
    out = []
    for w in p["words"]:
        W = camel(w)
        if eco == "python":
            out.append("src/%s/%s.py" % (m, w))
        elif eco == "node":
            out.append("src/%s/%s.service.%s" % (w.replace("_", "-"), w.replace("_", "-"), "ts" if p["tools"]["ts"] else "js"))
        elif eco == "go":
            out.append("internal/%s/%s.go" % (w.replace("_", ""), w))
        elif eco == "java":
            out.append("src/main/java/%s/%sService.java" % (pkg_java(p).replace(".", "/"), W))
        elif eco == "kotlin":
            out.append("src/main/kotlin/%s/%sService.kt" % (pkg_java(p).replace(".", "/"), W))
        elif eco == "scala":
            out.append("src/main/scala/%s/%s.scala" % (pkg_java(p).replace(".", "/"), W))
        elif eco == "rust":
            out.append("src/%s.rs" % w)
        elif eco == "ruby":
            out.append("lib/%s/%s.rb" % (m, w))
        elif eco == "php":
            out.append("src/%s/%sService.php" % (W, W))
        elif eco == "cpp":
            out.append("src/%s.cpp" % w)
        elif eco == "dotnet":
            out.append("src/%s/%sService.cs" % (p["ns"], W))
        elif eco == "swift":
            out.append("%s/%s.swift" % (("%s" % p["ns"]) if p["tools"]["xcode"] else "Sources/%s" % p["ns"], W))
        elif eco == "elixir":
            out.append("lib/%s/%s.ex" % (m, w))
        elif eco == "haskell":
            out.append("src/%s/%s.hs" % (p["ns"], W))
        elif eco == "julia":
            out.append("src/%s.jl" % w)
        elif eco == "docker":
            out.append("images/%s/Dockerfile" % w)
        elif eco == "terraform":
            out.append("modules/%s/main.tf" % w)
    return out


def pick_jobs(p, rng):
    eco = p["eco"]
    T = p["tools"]
    if eco == "docker":
        imgs = ["python", "node", "golang", "jdk", "ruby"]
        rng.shuffle(imgs)
        jobs = [("lint", "lint")] + [("docker:%s-base" % i, "package") for i in imgs[: rng.randint(1, 3)]]
        if rng.random() < 0.6:
            jobs.append(("scan", "test"))
        return [{"name": n, "stage": s} for n, s in jobs]
    if eco == "terraform":
        jobs = [("validate", "test"), ("plan:staging", "plan"), ("deploy:staging", "deploy")]
        if rng.random() < 0.5:
            jobs.insert(1, ("lint", "test"))
        return [{"name": n, "stage": s} for n, s in jobs]
    core = {"python": ["test:unit"], "node": ["test:unit"], "go": ["test:unit"], "java": ["build", "test:unit"],
            "kotlin": ["build", "test:unit"], "scala": ["build", "test:unit"], "rust": ["build", "test:unit"],
            "ruby": ["test:unit"], "php": ["test:unit"], "cpp": ["build", "test:unit"], "dotnet": ["build", "test:unit"],
            "swift": ["build", "test:unit"], "elixir": ["test:unit"], "haskell": ["build", "test:unit"],
            "julia": ["test:unit"]}[eco]
    opt = {"python": ["lint", "test:integration", "build", "docker", "deploy:staging"],
           "node": ["build", "lint", "test:integration", "docker", "deploy:staging"],
           "go": ["build", "lint", "test:integration", "docker"],
           "java": ["test:integration", "lint", "docker"],
           "kotlin": ["lint"], "scala": ["lint"], "rust": ["lint", "docker"],
           "ruby": ["lint", "test:integration"], "php": ["lint"], "cpp": ["lint"], "dotnet": ["lint", "docker"],
           "swift": ["lint"], "elixir": ["build", "lint"], "haskell": ["lint"], "julia": ["build"]}[eco]
    want = rng.randint(2, 5)
    jobs = list(core)
    o = list(opt)
    rng.shuffle(o)
    # lint is very common
    if "lint" in o and rng.random() < 0.8:
        o.remove("lint")
        o.insert(0, "lint")
    for j in o:
        if len(jobs) >= want:
            break
        jobs.append(j)
    if len(jobs) < 2:
        jobs.append(o[0])
    order = ["build", "lint", "test:unit", "test:integration", "docker", "deploy:staging"]
    jobs.sort(key=order.index)
    lint_stage = rng.choice(["test", "lint"])
    st = {"build": "build", "lint": lint_stage, "test:unit": "test", "test:integration": "test",
          "docker": "package", "deploy:staging": "deploy"}
    return [{"name": j, "stage": st[j]} for j in jobs]


def make_project(eco, path, pid, rng, co):
    groups, name = split_path(path)
    p = {"id": pid, "path": path, "name": name, "group": "/".join(groups), "eco": eco, "co": co,
         "web_url": "https://%s/%s" % (GITLAB, path)}
    p["words"] = project_words(path, rng)
    p["version"] = "%d.%d.%d" % (rng.randint(0, 4), rng.randint(0, 30), rng.randint(0, 12))
    p["big"] = False
    T = {}
    p["tools"] = T
    mod = snake(name)
    p["ns"] = camel(name)
    if eco == "python":
        T["test"] = rng.choice(["pytest", "pytest", "pytest", "unittest", "tox"])
        T["pm"] = "pip" if T["test"] == "tox" else rng.choice(["pip", "pip", "poetry"])
        T["lint"] = rng.choice(["flake8", "mypy", "ruff", "mypy"])
        T["py"] = rng.choice(["3.11", "3.12", "3.12", "3.13"])
        T["verbose"] = rng.random() < 0.65
        T["tb"] = rng.choice(["auto", "short", "auto"])
        T["color"] = rng.random() < 0.4
        T["data"] = any(g in ("ml", "etl", "analytics", "science") for g in groups)
        T["internal_image"] = rng.random() < 0.35
        T["werror"] = rng.random() < 0.5   # filterwarnings = error::DeprecationWarning
    elif eco == "node":
        T["test"] = rng.choice(["jest", "jest", "vitest", "vitest", "mocha"])
        T["pm"] = rng.choice(["npm", "npm", "yarn", "pnpm"])
        T["ts"] = T["test"] != "mocha" or rng.random() < 0.3
        T["lint"] = rng.choice(["eslint", "tsc"]) if T["ts"] else "eslint"
        T["build"] = rng.choice(["tsc", "vite", "webpack"]) if T["ts"] else rng.choice(["webpack", "vite"])
        T["node"] = rng.choice(["20", "22"])
        T["verbose"] = rng.random() < 0.5
        mod = "@%s/%s" % (co, name)
    elif eco == "go":
        T["gotestsum"] = rng.random() < 0.35
        T["verbose"] = rng.random() < 0.6
        T["race"] = rng.random() < 0.6
        T["go"] = rng.choice(["1.22", "1.23", "1.23"])
        mod = "%s/%s" % (GITLAB, path)
    elif eco == "java":
        T["build"] = rng.choice(["maven", "maven", "gradle"])
        T["jdk"] = rng.choice(["17", "21", "21"])
        T["color"] = rng.random() < 0.3
        T["events"] = rng.random() < 0.6
        mod = name
    elif eco == "kotlin":
        T["build"] = "gradle"
        T["android"] = "android" in path
        T["jdk"] = "17"
        T["events"] = rng.random() < 0.6
        mod = name
    elif eco == "scala":
        T["build"] = "sbt"
        T["test"] = rng.choice(["scalatest", "munit"])
    elif eco == "rust":
        T["toolchain"] = rng.choice(["1.82", "stable"])
    elif eco == "ruby":
        T["test"] = rng.choice(["rspec", "rspec", "minitest"])
        T["ruby"] = rng.choice(["3.2", "3.3"])
        T["doc"] = rng.random() < 0.5
    elif eco == "php":
        T["lint"] = rng.choice(["phpstan", "php-cs-fixer"])
    elif eco == "cpp":
        T["gen"] = rng.choice(["ninja", "make"])
        T["cc"] = "clang" if T["gen"] == "ninja" and rng.random() < 0.7 else "gcc"
        T["lint"] = rng.choice(["clang-tidy", "cppcheck"])
    elif eco == "dotnet":
        T["test"] = rng.choice(["xunit", "nunit"])
        T["verbose"] = rng.random() < 0.5
    elif eco == "swift":
        T["xcode"] = "ios" in path
    elif eco == "elixir":
        T["trace"] = rng.random() < 0.5
    elif eco == "haskell":
        T["build"] = rng.choice(["cabal", "stack"])
        p["ns"] = camel(p["words"][0])
    elif eco == "docker":
        T["builder"] = rng.choice(["buildkit", "kaniko"])
    elif eco == "terraform":
        T["helm"] = True
    p["mod"] = mod
    p["n_tests"] = rng.randint(120, 1300)
    p["n_tests_int"] = rng.randint(30, 220)
    p["jobs"] = pick_jobs(p, rng)
    if eco == "swift" and T.get("xcode"):
        # ios app: no integration, runs on macOS shell runner
        pass
    return p


def finish_project(p, rng):
    p["src"] = make_src_files(p)
    if p["eco"] not in ("docker", "terraform"):
        p["suites"] = make_tests(p, srng(p["path"], "tests"))
        p["isuites"] = make_tests(p, srng(p["path"], "itests"), integration=True)
        p["all_tests"] = [t for s in p["suites"] for t in s["tests"]]
        p["all_itests"] = [t for s in p["isuites"] for t in s["tests"]]
    else:
        p["suites"] = p["isuites"] = []
        p["all_tests"] = p["all_itests"] = []
    p["clone"] = "https://%s/%s.git" % (GITLAB, p["path"])


def build_org(seed, nprojects, nights):
    rng = srng("org3", seed, "org")
    co = rng.choice(COMPANIES)
    counts = list(ECO_COUNTS_40)
    if nprojects != 40:
        tot = sum(c for _, c in counts)
        scaled = [(e, max(1, round(c * nprojects / tot))) for e, c in counts]
        while sum(c for _, c in scaled) > nprojects:
            i = max(range(len(scaled)), key=lambda k: scaled[k][1])
            scaled[i] = (scaled[i][0], scaled[i][1] - 1)
        while sum(c for _, c in scaled) < nprojects:
            i = rng.randrange(len(scaled))
            scaled[i] = (scaled[i][0], scaled[i][1] + 1)
        counts = [(e, c) for e, c in scaled if c > 0]
    chosen = []
    for eco, c in counts:
        pool = list(NAME_POOLS[eco])
        rng.shuffle(pool)
        k = 0
        while len(pool) < c:
            pool.append("%s-%d" % (pool[k % len(NAME_POOLS[eco])], k + 2))
            k += 1
        for path in pool[:c]:
            chosen.append((eco, path))
    rng.shuffle(chosen)
    ids = sorted(rng.sample(range(101, 990), len(chosen)))
    projects = []
    for pid, (eco, path) in zip(ids, chosen):
        prng = srng("org3", seed, "proj", path)
        p = make_project(eco, path, pid, prng, co)
        projects.append(p)
    # a few projects have very large, verbose test suites (long logs)
    cand = [p for p in projects if p["eco"] in ("python", "node", "go", "java", "rust", "cpp", "php", "ruby")]
    rng.shuffle(cand)
    for p in cand[:4]:
        p["big"] = True
        p["n_tests"] = rng.randint(2000, 5500)
        if p["eco"] == "python":
            p["tools"]["verbose"] = True
        if p["eco"] in ("go", "node"):
            p["tools"]["verbose"] = True
    for p in projects:
        finish_project(p, srng("org3", seed, "proj2", p["path"]))
    end = dt.date(2026, 11, 28)
    dates = [(end - dt.timedelta(days=nights - 1 - i)).isoformat() for i in range(nights)]
    runners = make_runners(rng)
    return {"seed": seed, "co": co, "projects": projects, "nights": dates, "runners": runners}


RUNNER_VERSIONS = {"16.11.4": "b6c5a7f3", "17.2.1": "6c6f3a0e", "17.4.2": "9c2f7a1b", "17.5.3": "12030cf4", "17.6.0": "374d34fd"}


def make_runners(rng):
    rs = []
    for i in range(1, 7):
        rs.append({"desc": "docker-autoscaler-ci-%02d" % i, "token": alnum(rng, 8, B62), "exec": "docker",
                   "sysid": "s_" + hexs(rng, 12), "host": "ci-docker-%02d" % i,
                   "versions": ("16.11.4", "17.5.3"), "upgrade": rng.randint(8, 20), "ts": False, "weight": 10})
    rs.append({"desc": "k8s-ci-runner", "token": alnum(rng, 8, B62), "exec": "kubernetes", "sysid": "s_" + hexs(rng, 12),
               "host": "gitlab-runner-%s-%s" % (hexs(rng, 9), alnum(rng, 5)), "versions": ("17.4.2", "17.6.0"),
               "upgrade": rng.randint(5, 25), "ts": True, "weight": 8})
    rs.append({"desc": "shared-docker-machine-large", "token": alnum(rng, 8, B62), "exec": "docker+machine",
               "sysid": "s_" + hexs(rng, 12), "host": "runner-mgr-large", "versions": ("17.2.1", "17.2.1"),
               "upgrade": 99, "ts": False, "weight": 6})
    rs.append({"desc": "macos-m2-runner-01", "token": alnum(rng, 8, B62), "exec": "shell", "sysid": "s_" + hexs(rng, 12),
               "host": "mac-mini-ci-01", "versions": ("17.5.3", "17.5.3"), "upgrade": 99, "ts": False, "weight": 0})
    return rs

# --------------------------------------------------------------------------------------
# job anatomy
# --------------------------------------------------------------------------------------
class Inj:
    """A failure injected into one job run."""

    def __init__(self, phase, payload, exit_code=1, reason="script_failure"):
        self.phase = phase
        self.payload = payload
        self.exit_code = exit_code
        self.reason = reason

    @property
    def type(self):
        return self.payload.get("type")


def job_kind(job):
    n = job["name"]
    if n.startswith("docker"):
        return "docker"
    if n.startswith("test:integration"):
        return "integ"
    if n.startswith("test"):
        return "unit"
    if n.startswith("deploy"):
        return "deploy"
    if n.startswith("plan"):
        return "plan"
    return n  # build, lint, scan, validate


def job_image(p, job):
    eco, T, k = p["eco"], p["tools"], job_kind(job)
    if k == "docker" and eco != "docker":
        return "docker:27.3" if p.get("docker_builder", "buildkit") == "buildkit" else "gcr.io/kaniko-project/executor:v1.23.2-debug"
    if k == "deploy":
        return "%s/ci/helm-kubectl:3.16" % REG if eco != "terraform" else "hashicorp/terraform:1.9.8"
    if eco == "python":
        if T.get("internal_image"):
            return "%s/base/python:%s" % (REG, T["py"])
        return "python:%s-slim" % T["py"]
    if eco == "node":
        return "node:%s-%s" % (T["node"], "bookworm-slim" if T["pm"] != "pnpm" else "alpine")
    if eco == "go":
        if k == "lint":
            return "golangci/golangci-lint:v1.61.0"
        return "golang:%s" % T["go"]
    if eco == "java":
        return "maven:3.9.9-eclipse-temurin-%s" % T["jdk"] if T["build"] == "maven" else "eclipse-temurin:%s-jdk" % T["jdk"]
    if eco == "kotlin":
        return "%s/ci/android-sdk:34" % REG if T.get("android") else "gradle:8.10-jdk17"
    if eco == "scala":
        return "sbtscala/scala-sbt:eclipse-temurin-21.0.5_11_1.10.5_2.13.15"
    if eco == "rust":
        return "rust:%s" % ("1.82" if T["toolchain"] == "1.82" else "latest")
    if eco == "ruby":
        return "ruby:%s" % T["ruby"]
    if eco == "php":
        return "%s/ci/php:8.3-composer" % REG
    if eco == "cpp":
        return "%s/ci/cpp-toolchain:%s" % (REG, "clang18" if T["cc"] == "clang" else "gcc14")
    if eco == "dotnet":
        return "mcr.microsoft.com/dotnet/sdk:8.0"
    if eco == "swift":
        return None if T["xcode"] else "swift:6.0-jammy"
    if eco == "elixir":
        return "hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim"
    if eco == "haskell":
        return "haskell:9.6.6"
    if eco == "julia":
        return "julia:1.10"
    if eco == "docker":
        if k == "lint":
            return "hadolint/hadolint:v2.12.0-debian"
        if k == "scan":
            return "aquasec/trivy:0.57.0"
        return "docker:27.3" if T["builder"] == "buildkit" else "gcr.io/kaniko-project/executor:v1.23.2-debug"
    if eco == "terraform":
        if k == "lint":
            return "ghcr.io/terraform-linters/tflint:v0.54.0"
        return "hashicorp/terraform:1.9.8"
    return "alpine:3.20"


def image_dockerhub(image):
    if not image:
        return False
    first = image.split("/")[0]
    if "/" in image and ("." in first or ":" in first):
        return False
    return True


def job_steps(p, job):
    """List of (tool, phases) the job script runs, in order."""
    eco, T, k = p["eco"], p["tools"], job_kind(job)
    S = []
    if k == "docker":
        b = T.get("builder") if eco == "docker" else p.get("docker_builder", "buildkit")
        S.append((b, {"docker", "install"} if eco != "docker" else {"docker", "install"}))
        return S
    if k == "deploy":
        if eco == "terraform":
            S.append(("terraform_apply", {"install", "deploy"}))
        else:
            S.append(("helm", {"deploy"}))
        return S
    if eco == "python":
        pm = T["pm"]
        if k == "lint":
            if T["lint"] == "mypy":
                S += [(pm, {"install"}), ("mypy", {"lint"})]
            else:
                S += [("pip_tools", {"install"}), (T["lint"], {"lint"})]
        elif k == "build":
            S += [("pip_tools", {"install"}), ("pybuild", {"compile"})]
        else:
            if T["test"] == "tox":
                S += [("pip_tools", {"install"}), ("tox", {"install", "test"})]
            else:
                S += [(pm, {"install"}), (T["test"], {"test"})]
    elif eco == "node":
        S.append((T["pm"], {"install"}))
        if k == "build":
            S.append((T["build"], {"compile"}))
        elif k == "lint":
            S.append(("tsc_noemit" if T["lint"] == "tsc" else "eslint", {"lint", "compile"} if T["lint"] == "tsc" else {"lint"}))
        else:
            S.append((T["test"], {"test"}))
    elif eco == "go":
        if k == "lint":
            S.append(("golangci", {"install", "lint", "compile"}))
        else:
            S.append(("gomod", {"install"}))
            S.append(("gobuild" if k == "build" else "gotest", {"compile"} if k == "build" else {"compile", "test"}))
    elif eco in ("java", "kotlin"):
        tool = T["build"]
        if k == "lint":
            S.append((tool, {"install", "lint"}))
        elif k == "build":
            S.append((tool, {"install", "compile"}))
        else:
            S.append((tool, {"install", "compile", "test"}))
    elif eco == "scala":
        S.append(("sbt", {"install", "lint"} if k == "lint" else ({"install", "compile"} if k == "build" else {"install", "compile", "test"})))
    elif eco == "rust":
        if k == "lint":
            S += [("cargo_fmt", {"lint"}), ("clippy", {"install", "compile", "lint"})]
        elif k == "build":
            S.append(("cargo_build", {"install", "compile"}))
        else:
            S.append(("cargo_test", {"install", "compile", "test"}))
    elif eco == "ruby":
        S.append(("bundler", {"install"}))
        S.append(("rubocop" if k == "lint" else T["test"], {"lint"} if k == "lint" else {"test"}))
    elif eco == "php":
        S.append(("composer", {"install"}))
        S.append((T["lint"] if k == "lint" else "phpunit", {"lint"} if k == "lint" else {"test"}))
    elif eco == "cpp":
        if k == "lint":
            S.append((T["lint"], {"lint"}))
        else:
            S.append(("apt", {"install"}))
            S.append(("cmake", {"compile"}))
            if k == "unit":
                S.append(("ctest", {"test"}))
    elif eco == "dotnet":
        if k == "lint":
            S.append(("dotnet_format", {"install", "lint"}))
        elif k == "build":
            S.append(("dotnet_build", {"install", "compile"}))
        else:
            S.append(("dotnet_test", {"install", "compile", "test"}))
    elif eco == "swift":
        if k == "lint":
            S.append(("swiftlint", {"lint"}))
        elif T["xcode"]:
            S.append(("xcodebuild", {"install", "compile"} if k == "build" else {"install", "compile", "test"}))
        else:
            S.append(("swiftpm", {"install", "compile"} if k == "build" else {"install", "compile", "test"}))
    elif eco == "elixir":
        S.append(("mix_deps", {"install"}))
        if k == "lint":
            S.append(("credo", {"lint"}))
        elif k == "build":
            S.append(("mix_compile", {"compile"}))
        else:
            S.append(("mix_test", {"compile", "test"}))
    elif eco == "haskell":
        if k == "lint":
            S.append(("hlint", {"lint"}))
        else:
            S.append(("cabal" if T["build"] == "cabal" else "stack", {"install", "compile"} if k == "build" else {"install", "compile", "test"}))
    elif eco == "julia":
        S.append(("julia", {"install", "compile"} if k == "build" else {"install", "compile", "test"}))
    elif eco == "docker":
        if k == "lint":
            S.append(("hadolint", {"lint"}))
        elif k == "scan":
            S.append(("trivy", {"docker"}))
        else:
            S.append((T["builder"], {"docker", "install"}))
    elif eco == "terraform":
        if k == "lint":
            S.append(("tflint", {"lint"}))
        elif k == "validate":
            S.append(("terraform_validate", {"install", "lint"}))
        else:
            S.append(("terraform_plan", {"install", "deploy"}))
    return S


def job_has_artifacts(p, job):
    k = job_kind(job)
    if k in ("unit", "integ"):
        return True
    if k == "build":
        return True
    if k == "lint":
        return p["eco"] in ("python", "node", "go", "ruby", "php")
    if k in ("scan", "plan"):
        return True
    return False


def job_phases(p, job):
    ph = {"prepare"}
    for _, s in job_steps(p, job):
        ph |= s
    if job_has_artifacts(p, job):
        ph.add("upload")
    if job_kind(job) == "deploy":
        ph.add("secrets")
    return ph


def job_tools(p, job):
    return [t for t, _ in job_steps(p, job)]


class Ctx:
    def __init__(self, org, p, job, night, jid, runner, rng, inj, tr):
        self.org, self.p, self.job, self.night, self.jid, self.runner = org, p, job, night, jid, runner
        self.rng, self.inj, self.tr = rng, inj, tr
        self.kind = job_kind(job)
        self.co = org["co"]
        if runner["exec"] == "shell":
            self.b = "/Users/gitlab/builds/%s/0/%s" % (runner["token"], p["path"])
        else:
            self.b = "/builds/" + p["path"]
        self.date = org["nights"][night]

    def ln(self, file, base):
        r = srng(self.p["path"], file, "drift")
        rate = r.choice([0, 0, 1, 1, 2, 3, 5])
        off = (self.night * rate) // 4
        return max(1, base + off)

    def w(self, *a, **k):
        self.tr.w(*a, **k)

    def ws(self, lines, **k):
        self.tr.ws(lines, **k)

    def cmd(self, c):
        self.tr.adv(self.rng.uniform(0.05, 0.4))
        self.tr.cmd(c)

    def stage_inj(self, phases):
        if self.inj and self.inj.phase in phases:
            return self.inj
        return None


def fmt_dur(sec):
    if sec >= 60:
        return "%dm%02ds" % (sec // 60, sec % 60)
    return "%.2fs" % sec

# --------------------------------------------------------------------------------------
# runner framing
# --------------------------------------------------------------------------------------
RATE_MSG = ("toomanyrequests: You have reached your pull rate limit. You may increase the limit by "
            "authenticating and upgrading: https://www.docker.com/increase-rate-limit")


def runner_version(r, night):
    v = r["versions"][0] if night < r["upgrade"] else r["versions"][1]
    return v, RUNNER_VERSIONS[v]


def image_digest_line(c, image):
    rng = c.rng
    name = image.split(":")[0]
    return "Using docker image sha256:%s for %s with digest %s@sha256:%s ..." % (hexs(rng, 64), image, name, hexs(rng, 64))


def prepare(c):
    """Runner preamble up to and including prepare_script.  Returns False if the job died here."""
    tr, r, rng, p = c.tr, c.runner, c.rng, c.p
    v, rev = runner_version(r, c.night)
    tr.runner("Running with gitlab-runner %s (%s)" % (v, rev))
    tr.runner("  on %s %s, system ID: %s" % (r["desc"], r["token"], r["sysid"]))
    ff = []
    if r["ts"]:
        ff.append("FF_TIMESTAMPS:true")
    if rng.random() < 0.25:
        ff.append("FF_USE_FASTZIP:true")
    if r["exec"] == "kubernetes":
        ff.append("FF_USE_POWERSHELL_PATH_RESOLVER:false" if rng.random() < 0.1 else "FF_RETRIEVE_POD_WARNING_EVENTS:true")
    if ff:
        tr.runner("  feature flags: " + ", ".join(ff))
    inj = c.stage_inj({"prepare"})
    secrets = c.kind == "deploy"
    if secrets:
        tr.start("resolve_secrets", "Resolving secrets")
        tr.runner('Resolving secret "KUBE_TOKEN"...')
        tr.runner('Using "vault" secret resolver...')
        sinj = c.stage_inj({"secrets"})
        if sinj:
            tr.adv(rng.uniform(0.2, 3))
            host = sinj.payload.get("host", VAULT)
            if sinj.type == "tls":
                e = ('resolving secrets: initializing Vault service: preparing authenticated client: checking Vault server health: '
                     'Get "https://%s/v1/sys/health?drsecondarycode=299&performancestandbycode=299&sealedcode=299&standbycode=299&uninitcode=299": '
                     'tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time %s is after %s'
                     % (host, c.date + "T%02d:%02d:%02dZ" % (int(tr.t) // 3600 % 24, int(tr.t) // 60 % 60, int(tr.t) % 60), sinj.payload["expired_at"]))
            else:
                e = ('resolving secrets: initializing Vault service: preparing authenticated client: checking Vault server health: '
                     'Get "https://%s/v1/sys/health": dial tcp: lookup %s on 10.0.0.2:53: no such host' % (host, host))
            tr.w(c_err("ERROR: Job failed (system failure): " + e), stream=0)
            return False
        tr.adv(rng.uniform(0.2, 1.5))
        tr.end("resolve_secrets")
    exe = r["exec"]
    image = c.image
    if exe == "shell":
        tr.start("prepare_executor", 'Preparing the "shell" executor')
        tr.runner("Using Shell (bash) executor...")
        tr.adv(rng.uniform(0.2, 1))
    elif exe == "kubernetes":
        tr.start("prepare_executor", 'Preparing the "kubernetes" executor')
        tr.runner("Using Kubernetes namespace: gitlab-runner")
        tr.runner("Using Kubernetes executor with image %s ..." % image)
        tr.runner("Using attach strategy to execute scripts...")
        tr.adv(rng.uniform(0.1, 0.5))
    else:
        tr.start("prepare_executor", 'Preparing the "%s" executor' % exe)
        tr.runner("Using Docker executor with image %s ..." % image)
        if c.services:
            for s in c.services:
                tr.runner("Starting service %s ..." % s)
                tr.runner("Using effective pull policy of [always] for container %s" % s)
                tr.runner("Pulling docker image %s ..." % s)
                tr.adv(rng.uniform(1, 8))
                tr.runner(image_digest_line(c, s))
            tr.runner("Waiting for services to be up and running (timeout 30 seconds)...")
            tr.adv(rng.uniform(2, 12))
            if rng.random() < 0.25:
                sv = c.services[0]
                tr.w("")
                tr.w(c_warn("*** WARNING: Service runner-%s-project-%d-concurrent-0-%s-0 probably didn't start properly." % (r["token"].lower(), p["id"], sv.split(":")[0].split("/")[-1])), stream=0)
                tr.w("")
                tr.w("Health check error:", stream=0)
                tr.w("service \"runner-%s-project-%d-concurrent-0-%s-0-wait-for-service\" health check: exit code 1" % (r["token"].lower(), p["id"], hexs(rng, 16)), stream=0)
                tr.w("")
                tr.w("Health check container logs:", stream=0)
                tr.w("%s FATAL: waiting for TCP port 5432 timed out" % (c.date + "T%02d:%02d:%02d.%06dZ" % (1, rng.randint(0, 59), rng.randint(0, 59), rng.randint(0, 999999))), stream=0)
                tr.w("")
                tr.w("Service container logs:", stream=0)
                tr.w("%s PostgreSQL init process complete; ready for start up." % (c.date + "T01:%02d:%02d.%06dZ" % (rng.randint(0, 59), rng.randint(0, 59), rng.randint(0, 999999))), stream=0)
                tr.w("")
                tr.w(c_warn("*********"), stream=0)
                tr.w("")
        if v >= "17":
            tr.runner("Using effective pull policy of [always] for container %s" % image)
        tr.runner("Pulling docker image %s ..." % image)
        if inj:
            tr.adv(rng.uniform(0.5, 4))
            return prepare_fail(c, inj)
        tr.adv(rng.uniform(0.5, 25))
        tr.runner(image_digest_line(c, image))
    if inj and exe in ("shell", "kubernetes"):
        return prepare_fail(c, inj)
    tr.end("prepare_executor")
    tr.start("prepare_script", "Preparing environment")
    if exe == "kubernetes":
        pod = "runner-%s-project-%d-concurrent-%d-%s" % (r["token"].lower(), p["id"], rng.randint(0, 9), alnum(rng, 8))
        for _ in range(rng.randint(1, 4)):
            tr.w("Waiting for pod gitlab-runner/%s to be running, status is Pending" % pod, stream=0)
            tr.adv(3)
        tr.w("Running on %s via %s..." % (pod, r["host"]))
    elif exe == "shell":
        tr.w("Running on %s..." % r["host"])
    else:
        if v >= "17":
            tr.runner("Using effective pull policy of [always] for container sha256:%s" % hexs(rng, 64))
        tr.w("Running on runner-%s-project-%d-concurrent-%d via %s..." % (r["token"].lower(), p["id"], rng.randint(0, 3), r["host"]))
    tr.adv(rng.uniform(0.3, 3))
    tr.end("prepare_script")
    return True


def prepare_fail(c, inj):
    tr, rng, r, image = c.tr, c.rng, c.runner, c.image
    t = inj.type
    exe = r["exec"]
    if t == "ratelimit":
        if exe == "kubernetes":
            tr.w(c_warn('WARNING: Event retrieved from the cluster: Failed to pull image "%s": failed to pull and unpack image "docker.io/library/%s": '
                        'failed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/library/%s/manifests/sha256:%s: '
                        '429 Too Many Requests - Server message: %s' % (image, image, image.split(":")[0], hexs(rng, 64), RATE_MSG)), stream=0)
            tr.adv(rng.uniform(5, 40))
            tr.w(c_warn('WARNING: Event retrieved from the cluster: Error: ErrImagePull'), stream=0)
            tr.adv(rng.uniform(5, 40))
            tr.w(c_warn('WARNING: Event retrieved from the cluster: Back-off pulling image "%s"' % image), stream=0)
            tr.w(c_err('ERROR: Job failed (system failure): prepare environment: waiting for pod running: pulling image "%s": image pull failed: '
                       'Back-off pulling image "%s". Check https://docs.gitlab.com/runner/shells/index.html#shell-profile-loading for more information' % (image, image)), stream=0)
            inj.reason = "runner_system_failure"
            return False
        e = "Error response from daemon: " + RATE_MSG
        tr.w(c_warn('WARNING: Failed to pull image with policy "always": %s (manager.go:%d:%ds)' % (e, 250, 0)), stream=0)
        tr.w(c_err('ERROR: Job failed: failed to pull image "%s" with specified policies [always]: %s (manager.go:%d:%ds)' % (image, e, 250, rng.randint(0, 2))), stream=0)
        return False
    if t == "dns":
        host = inj.payload["host"]
        e = 'Error response from daemon: Get "https://%s/v2/": dial tcp: lookup %s on %s:53: %s' % (
            host, host, inj.payload.get("resolver", "10.0.0.2"), inj.payload.get("dnserr", "no such host"))
        for _ in range(rng.randint(0, 2)):
            tr.w(c_warn('WARNING: Failed to pull image with policy "always": %s (manager.go:250:%ds)' % (e, rng.randint(0, 5))), stream=0)
            tr.adv(rng.uniform(1, 5))
        tr.w(c_err('ERROR: Job failed: failed to pull image "%s" with specified policies [always]: %s (manager.go:250:%ds)' % (image, e, rng.randint(0, 10))), stream=0)
        return False
    if t == "tls":
        host = inj.payload["host"]
        e = 'Error response from daemon: Get "https://%s/v2/": tls: failed to verify certificate: %s' % (host, x509_expired(c, inj))
        tr.w(c_warn('WARNING: Failed to pull image with policy "always": %s (manager.go:250:0s)' % e), stream=0)
        tr.w(c_err('ERROR: Job failed: failed to pull image "%s" with specified policies [always]: %s (manager.go:250:%ds)' % (image, e, rng.randint(0, 2))), stream=0)
        return False
    if t == "disk":
        e = "failed to register layer: write /var/lib/docker/overlay2/%s/diff/usr/lib/x86_64-linux-gnu/libLLVM-15.so.1: no space left on device" % hexs(rng, 64)
        tr.w(c_warn('WARNING: Failed to pull image with policy "always": %s (manager.go:250:%ds)' % (e, rng.randint(3, 30))), stream=0)
        tr.w(c_err('ERROR: Job failed (system failure): failed to pull image "%s" with specified policies [always]: %s (manager.go:250:%ds)' % (image, e, rng.randint(3, 30))), stream=0)
        inj.reason = "runner_system_failure"
        return False
    if t == "system":
        var = inj.payload["variant"]
        if exe == "kubernetes":
            msg = ("prepare environment: waiting for pod running: timed out waiting for pod to start. "
                   "Check https://docs.gitlab.com/runner/shells/index.html#shell-profile-loading for more information")
            tr.adv(600)
        elif var == 0:
            msg = ("Error response from daemon: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. "
                   "Is the docker daemon running? (docker.go:%d:%ds)" % (rng.choice([958, 961]), rng.randint(0, 3)))
        elif var == 1:
            msg = ("prepare environment: Error response from daemon: failed to create task for container: failed to create shim task: "
                   "OCI runtime create failed: runc create failed: unable to start container process: error during container init: "
                   "error mounting \"/var/lib/docker/volumes/runner-%s-project-%d-concurrent-0-cache-%s/_data\" to rootfs at \"/cache\": "
                   "mkdir /var/lib/docker/overlay2/%s/merged/cache: read-only file system: unknown (docker.go:%d:%ds). "
                   "Check https://docs.gitlab.com/runner/shells/index.html#shell-profile-loading for more information"
                   % (r["token"].lower(), c.p["id"], hexs(rng, 32), hexs(rng, 64), rng.choice([1141, 1155]), rng.randint(0, 2)))
        else:
            msg = ("adding cache volume: set volume permissions: running permission container \"%s\" for volume "
                   "\"runner-%s-project-%d-concurrent-0-cache-%s\": starting permission container: Error response from daemon: "
                   "failed to set up container networking: failed to create endpoint runner-%s-project-%d-concurrent-0-%s-cache-%s on network bridge: "
                   "adding interface veth%s to bridge docker0 failed: exchange full (linux_set.go:%d:%ds)"
                   % (hexs(rng, 64), r["token"].lower(), c.p["id"], hexs(rng, 32), r["token"].lower(), c.p["id"], hexs(rng, 16), hexs(rng, 32), hexs(rng, 7), rng.choice([105, 111]), rng.randint(1, 9)))
        tr.w(c_err("ERROR: Job failed (system failure): " + msg), stream=0)
        inj.reason = "runner_system_failure"
        return False
    tr.w(c_err("ERROR: Job failed (system failure): unknown"), stream=0)
    inj.reason = "runner_system_failure"
    return False


def get_sources(c):
    tr, rng, p = c.tr, c.rng, c.p
    tr.start("get_sources", "Getting source from Git repository")
    v, _ = runner_version(c.runner, c.night)
    if v >= "17" and rng.random() < 0.6:
        tr.info("Gitaly correlation ID: %s" % alnum(rng, 26, "0123456789ABCDEFGHJKMNPQRSTVWXYZ"))
    sha = c.sha
    strategy = c.git_strategy
    if strategy == "clone":
        tr.info("Cloning repository for main with git depth 20 from %s..." % p["clone"])
        tr.w("Cloning into '%s'..." % c.b)
    else:
        tr.info("Fetching changes with git depth set to 20...")
        if rng.random() < 0.6 or c.runner["exec"] != "shell":
            tr.w("Initialized empty Git repository in %s/.git/" % c.b)
            tr.info("Created fresh repository.")
        else:
            tr.w("Reinitialized existing Git repository in %s/.git/" % c.b)
            tr.w("From https://%s/%s" % (GITLAB, p["path"]))
            tr.w(" * [new ref]         %s -> refs/pipelines/%d" % (sha, c.pipeline_id))
            tr.w(" + %s...%s main       -> origin/main  (forced update)" % (hexs(rng, 9), sha[:9]))
    tr.adv(rng.uniform(0.5, 6))
    tr.info("Checking out %s as detached HEAD (ref is main)..." % sha[:8])
    if rng.random() < 0.3:
        tr.w("Removing .venv/" if p["eco"] == "python" else "Removing node_modules/" if p["eco"] == "node" else "Removing .cache/")
    tr.w("")
    if p["eco"] == "cpp" and rng.random() < 0.5:
        tr.info("Updating/initializing submodules recursively with git depth set to 20...")
        tr.w("Submodule 'third_party/googletest' (https://%s/mirrors/googletest.git) registered for path 'third_party/googletest'" % GITLAB)
        tr.w("Cloning into '%s/third_party/googletest'..." % c.b)
        tr.w("Submodule path 'third_party/googletest': checked out '%s'" % hexs(rng, 40))
        tr.info("Updated submodules")
    else:
        tr.info("Skipping Git submodules setup")
    if v >= "17":
        tr.cmd('git remote set-url origin "${CI_REPOSITORY_URL}" || echo \'Not a git repository; skipping\'')
    tr.end("get_sources")


def cache_key(c):
    e = c.p["eco"]
    base = {"python": "pip", "node": "node-modules", "go": "gomod", "java": "m2", "kotlin": "gradle", "scala": "ivy-coursier",
            "rust": "cargo", "ruby": "bundle", "php": "composer", "cpp": "ccache", "dotnet": "nuget", "swift": "spm",
            "elixir": "mix-deps", "haskell": "cabal-store", "julia": "julia-depot", "docker": "buildx", "terraform": "tf-plugins"}[e]
    return "%s-%d-protected" % (base, c.cache_gen) if c.cache_gen else "%s-protected" % base


def restore_cache(c):
    tr, rng = c.tr, c.rng
    if c.kind in ("deploy",) or c.p["eco"] in ("docker",):
        return
    tr.start("restore_cache", "Restoring cache")
    key = cache_key(c)
    tr.info("Checking cache for %s..." % key)
    if c.cache_miss:
        tr.w(c_warn("WARNING: file does not exist                       "), stream=1)
        tr.w(c_warn("Failed to extract cache"))
    else:
        tr.w("Downloading cache from https://minio.internal.example.com/runner-cache/project/%d/%s%s  ETag%s=\"%s\"" % (c.p["id"], key, RST, RST, hexs(rng, 32)), err=True)
        tr.adv(rng.uniform(1, 20))
        tr.info("Successfully extracted cache")
    tr.end("restore_cache")


def download_artifacts(c):
    tr, rng = c.tr, c.rng
    if c.job["stage"] not in ("package", "deploy", "test") or c.p["eco"] in ("docker", "terraform"):
        return
    if c.job["stage"] == "test" and srng(c.p["path"], "dl").random() < 0.5:
        return
    builds = [j for j in c.p["jobs"] if j["name"] == "build"]
    if not builds:
        return
    tr.start("download_artifacts", "Downloading artifacts")
    bid = c.jid - rng.randint(1, 6)
    tr.info("Downloading artifacts for build (%d)..." % bid)
    tr.w("Downloading artifacts from coordinator... ok      %s  host%s=%s id%s=%d responseStatus%s=200 OK token%s=%s" % (RST, RST, GITLAB, RST, bid, RST, RST, "glcbt-" + alnum(rng, 2)), err=True)
    tr.end("download_artifacts")


def artifacts_for(c):
    k, e = c.kind, c.p["eco"]
    if not job_has_artifacts(c.p, c.job):
        return []
    if k in ("unit", "integ"):
        a = [("report.xml" if e not in ("java", "kotlin") else "target/surefire-reports/TEST-*.xml" if c.p["tools"].get("build") == "maven" else "build/test-results/test/**/TEST-*.xml", "junit")]
        if e in ("python", "go", "node", "rust") and c.rng.random() < 0.7:
            a.append(("coverage.xml" if e == "python" else "coverage/cobertura-coverage.xml" if e == "node" else "coverage.xml", "coverage_report"))
        return a
    if k == "build":
        return [({"python": "dist/", "node": "dist/", "go": "bin/", "java": "target/*.jar", "kotlin": "app/build/outputs/apk/", "scala": "target/scala-2.13/*.jar",
                  "rust": "target/release/%s" % c.p["name"], "cpp": "build/bin/", "dotnet": "publish/", "swift": ".build/release/",
                  "elixir": "_build/prod/", "haskell": "dist-newstyle/sdist/", "julia": "Manifest.toml"}.get(e, "dist/"), "archive")]
    if k == "lint":
        return [("gl-code-quality-report.json", "codequality")]
    if k == "scan":
        return [("gl-container-scanning-report.json", "container_scanning")]
    if k == "plan":
        return [("plan.json", "terraform")]
    return []


def upload_artifacts(c, success):
    tr, rng = c.tr, c.rng
    arts = artifacts_for(c)
    if not arts:
        return True
    if success:
        tr.start("upload_artifacts_on_success", "Uploading artifacts for successful job")
    if not success:
        arts = [a for a in arts if a[1] in ("junit", "coverage_report", "codequality", "container_scanning")]
        if not arts:
            return True
        tr.start("upload_artifacts_on_failure", "Uploading artifacts for failed job")
    inj = c.stage_inj({"upload"})
    tr.info("Uploading artifacts...")
    for path, kind in arts:
        n = 1 if "." in path.split("/")[-1] and "*" not in path else rng.randint(2, 400)
        tr.w("%s: found %d matching artifact files and directories%s " % (path, n, RST), err=True)
        tr.adv(rng.uniform(0.2, 3))
        tok = "glcbt-" + alnum(rng, 2)
        if inj:
            code = inj.payload["code"]
            for attempt in range(3):
                tr.w(c_warn('WARNING: Uploading artifacts as "%s" to coordinator... POST https://%s/api/v4/jobs/%d/artifacts: %s (Request failed with status code %d)' % (kind, GITLAB, c.jid, code, int(code.split()[0])))
                     + '  id%s=%d responseStatus%s=%s status%s=%s token%s=%s' % (RST, c.jid, RST, code, RST, code.split()[0], RST, tok), err=True)
                tr.adv(rng.uniform(1, 8))
                if attempt < 2:
                    tr.w(c_warn("WARNING: Retrying...                               ") + "  %scontext%s=artifacts-uploader %serror%s=invalid argument" % (ESC + "[0;33m", RST, ESC + "[0;33m", RST), err=True)
            tr.w(c_err("FATAL: invalid argument                            ") + " ", err=True)
            tr.end("upload_artifacts_on_success" if success else "upload_artifacts_on_failure")
            return False
        tr.w('Uploading artifacts as "%s" to coordinator... 201 Created%s  id%s=%d responseStatus%s=201 Created token%s=%s' % (kind, RST, RST, c.jid, RST, RST, tok), err=True)
    tr.end("upload_artifacts_on_success" if success else "upload_artifacts_on_failure")
    return True


def archive_cache(c, success):
    tr, rng = c.tr, c.rng
    if c.kind in ("deploy",) or c.p["eco"] in ("docker",):
        return
    if not success and rng.random() < 0.6:
        return
    key = cache_key(c)
    paths = {"python": [".cache/pip"], "node": ["node_modules/", ".npm/"], "go": [".go/pkg/mod/"], "java": [".m2/repository"],
             "kotlin": [".gradle/caches/", ".gradle/wrapper/"], "scala": [".cache/coursier", ".ivy2/cache"], "rust": [".cargo/registry", "target/"],
             "ruby": ["vendor/bundle"], "php": ["vendor/"], "cpp": [".ccache/"], "dotnet": [".nuget/packages"], "swift": [".build/"],
             "elixir": ["deps/", "_build/"], "haskell": [".cabal/store"], "julia": [".julia/"], "terraform": [".terraform/"]}[c.p["eco"]]
    tr.start("archive_cache" if success else "archive_cache_on_failure", "Saving cache for %s job" % ("successful" if success else "failed"))
    tr.info("Creating cache %s..." % key)
    for pth in paths:
        n = rng.randint(30, 40000)
        if rng.random() < 0.08:
            tr.w(c_warn("WARNING: %s: no matching files. Ensure that the artifact path is relative to the working directory (%s)" % (pth, c.b)) + " ", err=True)
        else:
            tr.w("%s: found %d matching artifact files and directories%s " % (pth, n, RST), err=True)
    if rng.random() < 0.1:
        tr.info("Archive is up to date!")
    else:
        tr.adv(rng.uniform(1, 30))
        tr.w("Uploading cache.zip to https://minio.internal.example.com/runner-cache/project/%d/%s%s " % (c.p["id"], key, RST), err=True)
        tr.info("Created cache")
    tr.end("archive_cache" if success else "archive_cache_on_failure")


def after_script(c):
    tr, rng = c.tr, c.rng
    if not c.after:
        return
    tr.start("after_script", "Running after_script")
    tr.info("Running after script...")
    for cmd, out in c.after:
        tr.cmd(cmd)
        for o in out:
            tr.w(o)
    tr.adv(rng.uniform(0.2, 2))
    tr.end("after_script")


def cleanup(c):
    tr = c.tr
    tr.start("cleanup_file_variables", "Cleaning up project directory and file based variables")
    tr.adv(c.rng.uniform(0.1, 1.2))
    tr.end("cleanup_file_variables")


def final_line(c, code):
    tr = c.tr
    exe = c.runner["exec"]
    if code == 0:
        tr.w(c_info("Job succeeded"), stream=0)
    elif code == "timeout":
        tr.w(c_err("ERROR: Job failed: execution took longer than %s seconds" % c.timeout_str), stream=0)
    else:
        if exe == "kubernetes":
            tr.w(c_err("ERROR: Job failed: command terminated with exit code %d" % code), stream=0)
        elif exe == "shell":
            tr.w(c_err("ERROR: Job failed: exit status %d" % code), stream=0)
        else:
            tr.w(c_err("ERROR: Job failed: exit code %d" % code), stream=0)

# --------------------------------------------------------------------------------------
# generic failure text helpers
# --------------------------------------------------------------------------------------
def now_iso(c):
    d = dt.datetime.fromtimestamp(c.tr.t, dt.timezone.utc)
    return d.strftime("%Y-%m-%dT%H:%M:%SZ")


def x509_expired(c, inj):
    return ("x509: certificate has expired or is not yet valid: current time %s is after %s" % (now_iso(c), inj.payload["expired_at"]))


def dns_go(c, inj, host=None):
    host = host or inj.payload["host"]
    return "dial tcp: lookup %s on %s:53: %s" % (host, inj.payload.get("resolver", "10.0.0.2"), inj.payload.get("dnserr", "no such host"))


def java_unknown_host(inj):
    return "%s: %s" % (inj.payload["host"], "Temporary failure in name resolution" if inj.payload.get("errno") == -3 else "Name or service not known")


def py_dns_reason(c, inj):
    e = inj.payload.get("errno", -3)
    txt = "Temporary failure in name resolution" if e == -3 else "Name or service not known"
    return "[Errno %d] %s" % (e, txt)


def pick_fail(c, inj, phase):
    """return injection if it applies to this phase"""
    if inj is not None and inj.phase == phase:
        return inj
    return None


def val_py(v, vt):
    if vt == "dec":
        return "Decimal('%s')" % v
    if vt == "str":
        return "'%s'" % v
    if vt == "bool":
        return "True" if v else "False"
    return str(v)


def val_js(v, vt):
    if vt == "dec":
        s = ("%s" % v).rstrip("0").rstrip(".") if "." in str(v) else str(v)
        return s
    if vt == "str":
        return '"%s"' % v
    if vt == "bool":
        return "true" if v else "false"
    return str(v)


def val_plain(v, vt):
    if vt == "bool":
        return "true" if v else "false"
    return str(v)


def val_ruby(v, vt):
    if vt == "str":
        return ":" + v if v.isalpha() and v.islower() else '"%s"' % v
    if vt == "dec":
        return "0.%se%d" % (str(v).replace(".", "").lstrip("0") or "0", len(str(v).split(".")[0])) if False else "%s" % v
    if vt == "bool":
        return "true" if v else "false"
    return str(v)


def centered(title, ch="=", width=80):
    t = " %s " % title
    if len(t) >= width:
        return ch * 2 + t + ch * 2
    left = (width - len(t)) // 2
    right = width - len(t) - left
    return ch * left + t + ch * right


# --------------------------------------------------------------------------------------
# python
# --------------------------------------------------------------------------------------
def py_deps(c):
    rng = srng(c.p["path"], "pydeps")
    deps = list(PY_DEPS)
    rng.shuffle(deps)
    deps = deps[: rng.randint(14, 30)]
    if c.p["tools"].get("data"):
        deps += PY_DATA_DEPS
    co = c.co
    deps += [("%s-http" % co, c.ambient.get("py_http_ver", "2.8.1")), ("%s-config" % co, c.ambient.get("py_config_ver", "1.12.0")),
             ("%s-auth" % co, "2.3.4"), ("%s-events" % co, c.ambient.get("py_events_ver", "1.7.3"))]
    return deps


def pip_index(c):
    return "https://%s/api/pypi/pypi-remote/simple" % ARTI


def st_pip(c, inj, packages=None, tools_only=False):
    tr, rng, T = c.tr, c.rng, c.p["tools"]
    py = T.get("py", "3.12")
    if not tools_only:
        c.cmd("python -m venv .venv && . .venv/bin/activate")
        c.cmd("pip install -r requirements.txt -r requirements-dev.txt")
    else:
        c.cmd("pip install %s" % " ".join("%s==%s" % d for d in packages))
    deps = packages if tools_only else (py_deps(c) + PY_TEST_DEPS)
    tr.w("Looking in indexes: %s" % pip_index(c))
    inj = pick_fail(c, inj, "install")
    cached = not c.cache_miss
    fail_at = None
    if inj:
        fail_at = 0 if inj.type in ("dns", "tls") and c.cache_miss else rng.randint(0, max(0, len(deps) - 1))
        if inj.type in ("conflict", "notfound"):
            fail_at = len(deps)
        if inj.type == "disk":
            fail_at = len(deps) + 1
    for i, (n, v) in enumerate(deps):
        if inj and inj.type in ("dns", "tls") and i == fail_at:
            return pip_net_fail(c, inj, n, v)
        src = "requirements.txt" if i < len(deps) - len(PY_TEST_DEPS) else "requirements-dev.txt"
        tr.w("Collecting %s==%s (from -r %s (line %d))" % (n, v, src, i + 1))
        fn = "%s-%s-py3-none-any.whl" % (n.replace("-", "_"), v) if n not in BINARY_WHEELS else "%s-%s-cp%s-cp%s-manylinux_2_17_x86_64.manylinux2014_x86_64.whl" % (n.replace("-", "_"), v, py.replace(".", ""), py.replace(".", ""))
        size = rng.uniform(8, 9000)
        if cached and rng.random() < 0.85:
            tr.w("  Using cached %s (%s)" % (fn, ("%.1f MB" % (size / 1024)) if size > 1024 else "%d kB" % size))
        else:
            tr.w("  Downloading %s (%s)" % (fn, ("%.1f MB" % (size / 1024)) if size > 1024 else "%d kB" % size))
            if size > 200:
                tot = size / 1024 if size > 1024 else size
                unit = "MB" if size > 1024 else "kB"
                tr.w("     " + ESC + "[38;2;114;156;31m" + "━" * 40 + ESC + "[0m %.1f/%.1f %s %s%.1f MB/s%s eta %s0:00:00%s" % (tot, tot, unit, ESC + "[31m", rng.uniform(2, 90), ESC + "[0m", ESC + "[36m", ESC + "[0m"))
        tr.adv(rng.uniform(0.01, 0.3))
    if inj and inj.type == "conflict":
        P = inj.payload
        tr.w("INFO: pip is looking at multiple versions of %s to determine which version is compatible with other requirements. This could take a while." % P["dependent"])
        tr.adv(rng.uniform(3, 40))
        tr.w("ERROR: Cannot install -r requirements.txt (line %d) and %s because these package versions have conflicting dependencies." % (rng.randint(3, 25), P["req"]))
        tr.w("")
        tr.w("The conflict is caused by:")
        tr.w("    The user requested %s" % P["req"])
        tr.w("    %s %s depends on %s" % (P["dependent"], P["dependent_ver"], P["dep_constraint"]))
        tr.w("")
        tr.w("To fix this you could try to:")
        tr.w("1. loosen the range of package versions you've specified")
        tr.w("2. remove package versions to allow pip to attempt to solve the dependency conflict")
        tr.w("")
        tr.w("ERROR: ResolutionImpossible: for help visit https://pip.pypa.io/en/latest/topics/dependency-resolution/#dealing-with-dependency-conflicts")
        return 1
    if inj and inj.type == "notfound":
        P = inj.payload
        tr.w("ERROR: Could not find a version that satisfies the requirement %s==%s (from versions: %s)" % (P["pkg"], P["ver"], ", ".join(P["have"])))
        tr.w("ERROR: No matching distribution found for %s==%s" % (P["pkg"], P["ver"]))
        return 1
    names = " ".join(n for n, _ in deps)
    tr.w("Installing collected packages: " + ", ".join(n for n, _ in deps))
    tr.adv(rng.uniform(2, 25))
    if inj and inj.type == "disk":
        n = rng.choice(["botocore", "pandas", "numpy", "sqlalchemy", "pydantic_core"] if T.get("data") else ["botocore", "sqlalchemy", "pydantic_core", "orjson"])
        f = {"botocore": "data/ec2/2016-11-15/service-2.json.gz", "pandas": "_libs/groupby.cpython-%s-x86_64-linux-gnu.so" % py.replace(".", ""),
             "numpy": "core/_multiarray_umath.cpython-%s-x86_64-linux-gnu.so" % py.replace(".", ""),
             "sqlalchemy": "orm/relationships.py", "pydantic_core": "_pydantic_core.cpython-%s-x86_64-linux-gnu.so" % py.replace(".", ""),
             "orjson": "orjson.cpython-%s-x86_64-linux-gnu.so" % py.replace(".", "")}[n]
        tr.w("ERROR: Could not install packages due to an OSError: [Errno 28] No space left on device: '%s/.venv/lib/python%s/site-packages/%s/%s'" % (c.b, py, n, f))
        tr.w("")
        return 1
    tr.w("Successfully installed " + " ".join("%s-%s" % d for d in deps))
    if rng.random() < 0.5:
        tr.w("")
        tr.w("[" + ESC + "[34;49mnotice" + ESC + "[0m] A new release of pip is available: " + ESC + "[31;49m24.2" + ESC + "[0m -> " + ESC + "[32;49m24.3.1" + ESC + "[0m")
        tr.w("[" + ESC + "[34;49mnotice" + ESC + "[0m] To update, run: " + ESC + "[32;49mpip install --upgrade pip" + ESC + "[0m")
    return 0


def pip_net_fail(c, inj, n, v):
    tr, rng = c.tr, c.rng
    host = inj.payload["host"]
    path = "/api/pypi/pypi-remote/simple/%s/" % n
    if inj.type == "dns":
        reason = "NewConnectionError('<pip._vendor.urllib3.connection.HTTPSConnection object at %s>: Failed to establish a new connection: %s')" % (addr(rng), py_dns_reason(c, inj))
    else:
        reason = "SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired (_ssl.c:%d)'))" % rng.choice([1000, 1006, 1007])
    for total in range(4, -1, -1):
        if inj.type == "dns":
            reason = "NewConnectionError('<pip._vendor.urllib3.connection.HTTPSConnection object at %s>: Failed to establish a new connection: %s')" % (addr(rng), py_dns_reason(c, inj))
        tr.w(c_warn("WARNING: Retrying (Retry(total=%d, connect=None, read=None, redirect=None, status=None)) after connection broken by '%s': %s" % (total, reason, path)) if False else
             "WARNING: Retrying (Retry(total=%d, connect=None, read=None, redirect=None, status=None)) after connection broken by '%s': %s" % (total, reason, path), err=True)
        tr.adv(2 ** (4 - total) * 0.25 + rng.uniform(0, 0.2))
    if inj.type == "tls":
        tr.w("Could not fetch URL https://%s%s: There was a problem confirming the ssl certificate: HTTPSConnectionPool(host='%s', port=443): Max retries exceeded with url: %s (Caused by %s) - skipping" % (host, path, host, path, reason), err=True)
    tr.w("ERROR: Could not find a version that satisfies the requirement %s==%s (from versions: none)" % (n, v), err=True)
    if inj.type == "tls":
        tr.w("Could not fetch URL https://%s/api/pypi/pypi-remote/simple/pip/: There was a problem confirming the ssl certificate: HTTPSConnectionPool(host='%s', port=443): Max retries exceeded with url: /api/pypi/pypi-remote/simple/pip/ (Caused by %s) - skipping" % (host, host, reason), err=True)
    tr.w("ERROR: No matching distribution found for %s==%s" % (n, v), err=True)
    return 1


def st_pip_tools(c, inj):
    T = c.p["tools"]
    k = c.kind
    if k == "lint":
        pk = {"flake8": [("flake8", "7.1.1"), ("flake8-bugbear", "24.10.31"), ("pycodestyle", "2.12.1"), ("pyflakes", "3.2.0"), ("mccabe", "0.7.0")],
              "ruff": [("ruff", "0.7.3")], "mypy": [("mypy", "1.13.0")]}[T["lint"]]
    elif k == "build":
        pk = [("build", "1.2.2.post1"), ("twine", "5.1.1"), ("pyproject-hooks", "1.2.0"), ("packaging", "24.2")]
    else:
        pk = [("tox", "4.23.2"), ("virtualenv", "20.27.1"), ("pluggy", "1.5.0"), ("pyproject-api", "1.8.0"), ("cachetools", "5.5.0"),
              ("chardet", "5.2.0"), ("colorama", "0.4.6"), ("filelock", "3.16.1"), ("platformdirs", "4.3.6"), ("distlib", "0.3.9")]
    return st_pip(c, inj, packages=pk, tools_only=True)


def st_poetry(c, inj):
    tr, rng = c.tr, c.rng
    c.cmd("pip install poetry==1.8.4")
    tr.w("Successfully installed poetry-1.8.4 poetry-core-1.9.1 poetry-plugin-export-1.8.0 (and %d more)" % rng.randint(30, 40) if False else "Successfully installed CacheControl-0.14.1 build-1.2.2.post1 cleo-2.1.0 crashtest-0.4.1 dulwich-0.21.7 fastjsonschema-2.20.0 installer-0.7.0 keyring-24.3.1 pkginfo-1.11.2 poetry-1.8.4 poetry-core-1.9.1 poetry-plugin-export-1.8.0 shellingham-1.5.4 tomlkit-0.13.2 trove-classifiers-2024.10.21.16 virtualenv-20.27.1")
    c.cmd("poetry config virtualenvs.in-project true")
    c.cmd("poetry update --no-interaction --no-ansi --lock && poetry install --no-interaction --no-ansi --with dev")
    inj = pick_fail(c, inj, "install")
    tr.w("Updating dependencies")
    tr.w("Resolving dependencies...")
    tr.adv(rng.uniform(2, 30))
    if inj and inj.type in ("dns", "tls") and rng.random() < 0.5:
        host = inj.payload["host"]
        tr.w("")
        if inj.type == "dns":
            tr.w("Source (internal): Failed to retrieve metadata at https://%s/api/pypi/pypi-remote/simple/%s/" % (host, c.p["co"] + "-http"))
            tr.w("")
            tr.w("HTTPSConnectionPool(host='%s', port=443): Max retries exceeded with url: /api/pypi/pypi-remote/simple/%s-http/ (Caused by NameResolutionError(\"<urllib3.connection.HTTPSConnection object at %s>: Failed to resolve '%s' (%s)\"))" % (host, c.p["co"], addr(rng), host, py_dns_reason(c, inj)))
        else:
            tr.w("Source (internal): Failed to retrieve metadata at https://%s/api/pypi/pypi-remote/simple/%s-http/" % (host, c.p["co"]))
            tr.w("")
            tr.w("HTTPSConnectionPool(host='%s', port=443): Max retries exceeded with url: /api/pypi/pypi-remote/simple/%s-http/ (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired (_ssl.c:1000)')))" % (host, c.p["co"]))
        return 1
    if inj and inj.type == "conflict":
        P = inj.payload
        tr.w("")
        tr.w("Because %s (%s) depends on %s (%s)" % (P["dependent"], P["dependent_ver"], P["dep"], P["dep_constraint"].split(P["dep"])[-1].strip() or "*"))
        tr.w(" and no versions of %s match >%s,<%d.0.0, %s (>=%s,<%d.0.0) requires %s (%s)." % (P["dependent"], P["dependent_ver"], int(P["dependent_ver"].split(".")[0]) + 1, P["dependent"], P["dependent_ver"], int(P["dependent_ver"].split(".")[0]) + 1, P["dep"], P["dep_constraint"].split(P["dep"])[-1].strip()))
        tr.w("So, because %s depends on both %s (%s) and %s (^%s), version solving failed." % (c.p["name"], P["dep"], P["req"].split("==")[-1], P["dependent"], P["dependent_ver"]))
        return 1
    if inj and inj.type == "notfound":
        P = inj.payload
        tr.w("")
        tr.w("Because %s depends on %s (%s) which doesn't match any versions, version solving failed." % (c.p["name"], P["pkg"], P["ver"]))
        return 1
    deps = py_deps(c) + PY_TEST_DEPS
    tr.w("")
    tr.w("No dependencies to install or update" if rng.random() < 0.05 else "Writing lock file")
    tr.w("Installing dependencies from lock file")
    tr.w("")
    tr.w("Package operations: %d installs, %d updates, 0 removals" % (len(deps), rng.randint(0, 3)))
    tr.w("")
    fail_at = rng.randint(0, len(deps) - 1) if inj else -1
    for i, (n, v) in enumerate(deps):
        if i == fail_at and inj.type in ("dns", "tls", "disk"):
            tr.w("  - Installing %s (%s): Failed" % (n, v))
            tr.w("")
            host = inj.payload.get("host", ARTI)
            if inj.type == "disk":
                tr.w("  OSError")
                tr.w("")
                tr.w("  [Errno 28] No space left on device: '%s/.venv/lib/python%s/site-packages/%s'" % (c.b, c.p["tools"]["py"], n.replace("-", "_")))
                tr.w("")
                tr.w("  at /usr/local/lib/python%s/shutil.py:%d in copyfileobj" % (c.p["tools"]["py"], rng.choice([201, 204])))
                return 1
            url = "/api/pypi/pypi-remote/packages/packages/%s/%s/%s/%s-%s-py3-none-any.whl" % (hexs(rng, 2), hexs(rng, 2), hexs(rng, 60), n.replace("-", "_"), v)
            tr.w("  ConnectionError" if inj.type == "dns" else "  SSLError")
            tr.w("")
            if inj.type == "dns":
                tr.w("  HTTPSConnectionPool(host='%s', port=443): Max retries exceeded with url: %s (Caused by NameResolutionError(\"<urllib3.connection.HTTPSConnection object at %s>: Failed to resolve '%s' (%s)\"))" % (host, url, addr(rng), host, py_dns_reason(c, inj)))
            else:
                tr.w("  HTTPSConnectionPool(host='%s', port=443): Max retries exceeded with url: %s (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired (_ssl.c:1000)')))" % (host, url))
            tr.w("")
            tr.w("  at /root/.local/share/pypoetry/venv/lib/python%s/site-packages/requests/adapters.py:%d in send" % (c.p["tools"]["py"], 700 if inj.type == "dns" else 698))
            for k, l in enumerate(["            if isinstance(e.reason, _SSLError):", "                # This branch is for urllib3 v1.22 and later.", "                raise SSLError(e, request=request)", "", "            raise ConnectionError(e, request=request)"]):
                ln = (696 if inj.type == "dns" else 694) + k
                tr.w("      %s%4d│ %s" % ("→ " if ln == (700 if inj.type == "dns" else 698) else "  ", ln, l))
            tr.w("")
            tr.w("Cannot install %s." % n)
            tr.w("")
            return 1
        tr.w("  - Installing %s (%s)" % (n, v))
    tr.w("")
    tr.w("Installing the current project: %s (%s)" % (c.p["name"], c.p["version"]))
    return 0


def py_src_frames_default(c, test):
    return []


def pytest_status_line(c, test, status, pct, xdist=None):
    T = c.p["tools"]
    tid = "%s::%s" % (test.file, test.name)
    if T.get("color"):
        col = {"PASSED": "32", "FAILED": "31", "SKIPPED": "33", "ERROR": "31", "XFAIL": "33"}[status]
        s = "%s %s%s%s" % (tid, ESC + "[" + col + "m", status, ESC + "[0m")
        vis = len(tid) + 1 + len(status)
        pad = max(1, 80 - 7 - vis)
        s += ESC + "[" + col + "m" + " " * pad + "[%3d%%]" % pct + ESC + "[0m"
    else:
        s = "%s %s" % (tid, status)
        pad = max(1, 80 - 7 - len(s))
        s += " " * pad + "[%3d%%]" % pct
    if xdist is not None:
        s = "[gw%d] [%3d%%] %s %s" % (xdist, pct, status, tid)
    return s


def py_exc_summary(d):
    if d["k"] == "assert":
        return "AssertionError: assert %s == %s" % (val_py(d["act"], d["vt"]), val_py(d["exp"], d["vt"]))
    return "%s: %s" % (d["etype"], d["emsg"])


def py_frame_path(c, f):
    return f["file"]


def pytest_fail_block(c, test, d, tb):
    rng = c.rng
    L = []
    title = test.name if not test.cls else "%s.%s" % (test.cls, test.name)
    L.append(centered(title, "_"))
    tline = c.ln(test.file, test.line)
    if d["k"] == "assert":
        code = d.get("code") or "assert result == %s" % val_py(d["exp"], d["vt"])
        if tb == "short":
            L.append("%s:%d: in %s" % (test.file, tline + 3, test.name))
            L.append("    " + code)
            L.append("E   AssertionError: assert %s == %s" % (val_py(d["act"], d["vt"]), val_py(d["exp"], d["vt"])))
            if d.get("where"):
                L.append("E    +  where %s" % d["where"])
        else:
            L.append("")
            fx = d.get("fixtures", "")
            L.append("    def %s(%s):" % (test.name, fx))
            for pre in d.get("pre", ["result = build_subject()"]):
                L.append("        " + pre)
            L.append(">       " + code)
            L.append("E       AssertionError: assert %s == %s" % (val_py(d["act"], d["vt"]), val_py(d["exp"], d["vt"])))
            if d.get("where"):
                L.append("E        +  where %s" % d["where"])
            L.append("")
            L.append("%s:%d: AssertionError" % (test.file, tline + 1 + len(d.get("pre", [1]))))
    else:
        frames = d["frames"]
        if tb == "short":
            for f in frames:
                L.append("%s:%d: in %s" % (py_frame_path(c, f), f["line"], f["func"]))
                L.append("    " + f["code"])
            L.append("E   %s: %s" % (d["etype"], d["emsg"]))
        else:
            L.append("")
            for i, f in enumerate(frames):
                last = i == len(frames) - 1
                if f.get("locals"):
                    L.append(f["locals"])
                    L.append("")
                L.append("    def %s(%s):" % (f["func"], f.get("args", "")))
                for pre in f.get("pre", []):
                    L.append("        " + pre)
                L.append(">       " + f["code"])
                if last:
                    for el in ("%s: %s" % (d["etype"], d["emsg"])).split("\n"):
                        L.append("E       " + el)
                    L.append("")
                    L.append("%s:%d: %s" % (py_frame_path(c, f), f["line"], d["etype"].split(".")[-1]))
                else:
                    L.append("")
                    L.append("%s:%d: " % (py_frame_path(c, f), f["line"]))
                    L.append("_ " * 39 + "_")
                    L.append("")
    if d.get("captured"):
        L.append(centered("Captured log call", "-"))
        L.extend(d["captured"])
    return L


def app_log_lines(c, n, level_mix=True):
    rng = c.rng
    mod = snake(c.p["name"])
    out = []
    for _ in range(n):
        w = rng.choice(c.p["words"])
        lvl = rng.choice(["ERROR", "WARNING", "INFO", "ERROR"]) if level_mix else "INFO"
        msg = rng.choice(["%s %s rejected: validation failed for field 'amount'" % (w, rng.randint(100, 9999)),
                          "retrying %s call after error (attempt %d/3)" % (w, rng.randint(1, 3)),
                          "failed to refresh %s cache, serving stale entry" % w,
                          "upstream returned 503 for %s, falling back" % w,
                          "exception while processing %s %s: simulated failure" % (w, uuid4(rng)[:8])])
        out.append("%-8s %s.%s:%s.py:%d %s" % (lvl, mod, w, w, rng.randint(20, 400), msg))
    return out


PY_DEPRECATIONS = [
    ("/usr/local/lib/python{py}/site-packages/dateutil/tz/tz.py:37", "DeprecationWarning: datetime.datetime.utcfromtimestamp() is deprecated and scheduled for removal in a future version. Use timezone-aware objects to represent datetimes in UTC: datetime.datetime.fromtimestamp(timestamp, datetime.UTC).", "EPOCH = datetime.datetime.utcfromtimestamp(0)"),
    (".venv/lib/python{py}/site-packages/botocore/auth.py:424", "DeprecationWarning: datetime.datetime.utcnow() is deprecated and scheduled for removal in a future version. Use timezone-aware objects to represent datetimes in UTC: datetime.datetime.now(datetime.UTC).", "datetime_now = datetime.datetime.utcnow()"),
    (".venv/lib/python{py}/site-packages/pydantic/_internal/_config.py:291", "PydanticDeprecatedSince20: Support for class-based `config` is deprecated, use ConfigDict instead. Deprecated in Pydantic V2.0 to be removed in V3.0. See Pydantic V2 Migration Guide at https://errors.pydantic.dev/2.9/migration/", "warnings.warn(DEPRECATION_MESSAGE, DeprecationWarning)"),
    (".venv/lib/python{py}/site-packages/sqlalchemy/orm/decl_api.py:1593", "MovedIn20Warning: The ``declarative_base()`` function is now available as sqlalchemy.orm.declarative_base(). (deprecated since: 2.0) (Background on SQLAlchemy 2.0 at: https://sqlalche.me/e/b8d9)", "Base = declarative_base()"),
]


def pytest_header(c, ntests, xdist):
    tr, T, rng = c.tr, c.p["tools"], c.rng
    py = T["py"]
    tr.w(centered("test session starts") if not T.get("color") else ESC + "[1m" + centered("test session starts") + ESC + "[0m")
    tr.w("platform linux -- Python %s.%d, pytest-8.3.3, pluggy-1.5.0%s" % (py, rng.choice([4, 5, 7, 8]) if py != "3.13" else 0, (" -- %s/.venv/bin/python" % c.b) if T["verbose"] else ""))
    if T["verbose"]:
        tr.w("cachedir: .pytest_cache")
    tr.w("rootdir: %s" % c.b)
    tr.w("configfile: pyproject.toml")
    tr.w("plugins: cov-6.0.0, asyncio-0.24.0, mock-3.14.0%s" % (", xdist-3.6.1" if xdist else ""))
    tr.w("asyncio: mode=Mode.STRICT, default_loop_scope=None")
    if xdist:
        tr.w("created: 4/4 workers")
        tr.w("4 workers [%d items]" % ntests)
    tr.w("collecting ... " if T["verbose"] and not xdist else "", dt_=rng.uniform(0.3, 3))


def st_pytest(c, inj, from_tox=False):
    tr, rng, T, p = c.tr, c.rng, c.p["tools"], c.p
    integ = c.kind == "integ"
    suites = p["isuites"] if integ else p["suites"]
    tests = [t for s in suites for t in s["tests"]]
    xdist = p["big"] and not integ and srng(p["path"], "xdist").random() < 0.5
    if not from_tox:
        args = "-m integration tests/integration" if integ else "tests/unit"
        c.cmd("pytest %s%s --junitxml=report.xml --cov=%s --cov-report=xml%s" % (args, " -v" if T["verbose"] else " -q" if not T["verbose"] and rng.random() < 0.1 else "", snake(p["name"]), " -n 4" if xdist else ""))
    inj = pick_fail(c, inj, "test")
    fails, collect = {}, []
    hang_at = oom_at = None
    if inj:
        if inj.type == "tests":
            for t, d in inj.payload.get("fails", []):
                fails[t.idx] = d
            collect = inj.payload.get("collect", [])
        elif inj.type == "hang":
            hang_at = int(len(tests) * inj.payload.get("at", 0.5))
        elif inj.type == "oom":
            oom_at = int(len(tests) * inj.payload.get("at", 0.6))
    pytest_header(c, len(tests), xdist)
    if collect:
        tr.w("collected %d items / %d error%s" % (len(tests) - sum(len([1 for t in tests if t.file == f]) for f, _ in collect), len(collect), "s" if len(collect) > 1 else ""))
        tr.w("")
        tr.w(centered("ERRORS"))
        for f, d in collect:
            tr.w(centered("ERROR collecting %s" % f, "_"))
            if d.get("style") == "import":
                tr.w("ImportError while importing test module '%s/%s'." % (c.b, f))
                tr.w("Hint: make sure your test modules/packages have valid Python names.")
                tr.w("Traceback:")
                tr.w("/usr/local/lib/python%s/importlib/__init__.py:90: in import_module" % T["py"])
                tr.w("    return _bootstrap._gcd_import(name[level:], package, level)")
                for fr in d["frames"]:
                    tr.w("%s:%d: in %s" % (fr["file"], fr["line"], fr["func"]))
                    tr.w("    " + fr["code"])
                tr.w("E   %s: %s" % (d["etype"], d["emsg"]))
            else:
                for fr in d["frames"]:
                    tr.w("%s:%d: in %s" % (fr["file"], fr["line"], fr["func"]))
                    tr.w("    " + fr["code"])
                tr.w("E   %s: %s" % (d["etype"], d["emsg"]))
        pytest_warnings(c, rng.randint(0, 2))
        tr.w(centered("short test summary info"))
        for f, d in collect:
            tr.w("ERROR %s" % f + (" - %s: %s" % (d["etype"], d["emsg"]) if T["verbose"] else ""))
        tr.w("!" * 20 + " Interrupted: %d error%s during collection " % (len(collect), "s" if len(collect) > 1 else "") + "!" * 20)
        tr.w(centered("%d error%s in %.2fs" % (len(collect), "s" if len(collect) > 1 else "", rng.uniform(0.8, 6))))
        return 2
    tr.w("collected %d items" % len(tests))
    tr.w("")
    n = len(tests)
    passed = failed = skipped = 0
    done = 0
    failed_list = []
    if T["verbose"] or xdist:
        order = list(tests)
        if xdist:
            order = sorted(tests, key=lambda t: srng(c.jid, t.idx).random())
        for t in order:
            done += 1
            pct = done * 100 // n
            if hang_at is not None and done - 1 == hang_at:
                tr.w("%s::%s " % (t.file, t.name))
                return "timeout"
            if oom_at is not None and done - 1 == oom_at:
                tr.w("%s::%s " % (t.file, t.name))
                tr.w("Killed")
                return 137
            st = "PASSED"
            if t.idx in fails:
                st = "FAILED"
                failed += 1
                failed_list.append(t)
            elif srng(p["path"], t.idx, "skip").random() < 0.02:
                st = "SKIPPED"
                skipped += 1
            else:
                passed += 1
            line = pytest_status_line(c, t, st, pct, xdist=(rng.randint(0, 3) if xdist else None))
            if st == "SKIPPED" and not xdist:
                line = line.replace("SKIPPED", "SKIPPED (requires %s)" % rng.choice(["network", "docker", "GPU", "postgres>=16"]), 1)
            tr.w(line, dt_=rng.uniform(0.001, 0.08))
    else:
        for s in suites:
            chars = []
            for t in s["tests"]:
                if hang_at is not None and done == hang_at:
                    tr.w(s["file"] + " " + "".join(chars))
                    return "timeout"
                if oom_at is not None and done == oom_at:
                    tr.w(s["file"] + " " + "".join(chars))
                    tr.w("Killed")
                    return 137
                done += 1
                if t.idx in fails:
                    chars.append("F")
                    failed += 1
                    failed_list.append(t)
                elif srng(p["path"], t.idx, "skip").random() < 0.02:
                    chars.append("s")
                    skipped += 1
                else:
                    chars.append(".")
                    passed += 1
            first = True
            while chars:
                width = 80 - 7 - (len(s["file"]) + 1 if first else 0)
                chunk, chars = chars[:width], chars[width:]
                pct = (done - len(chars)) * 100 // n
                text = (s["file"] + " " if first else "") + "".join(chunk)
                if T.get("color"):
                    text = text.replace("F", ESC + "[31mF" + ESC + "[0m").replace(".", ESC + "[32m." + ESC + "[0m") if False else text
                tr.w(text + " " * max(1, 80 - 7 - len(text)) + "[%3d%%]" % pct, dt_=rng.uniform(0.01, 0.5))
                first = False
    tr.w("")
    if failed_list:
        tr.w(centered("FAILURES"))
        for t in failed_list:
            for l in pytest_fail_block(c, t, fails[t.idx], T.get("tb", "auto")):
                tr.w(l)
    nw = pytest_warnings(c, rng.randint(0, 4))
    cov = rng.random() < 0.8
    if cov:
        tr.w("")
        tr.w("---------- coverage: platform linux, python %s.%d-final-0 -----------" % (T["py"], rng.randint(1, 8)))
        tr.w("Coverage XML written to file coverage.xml")
        tr.w("")
    tr.w("- generated xml file: %s/report.xml -" % c.b)
    dur = rng.uniform(2, 50) * (3 if p["big"] else 1)
    if failed_list:
        tr.w(centered("short test summary info"))
        for t in failed_list:
            s = "FAILED %s::%s - %s" % (t.file, t.name, py_exc_summary(fails[t.idx]).split("\n")[0])
            if not T["verbose"] and len(s) > 80:
                s = s[:77] + "..."
            tr.w(s)
    parts = []
    if failed:
        parts.append("%d failed" % failed)
    parts.append("%d passed" % passed)
    if skipped:
        parts.append("%d skipped" % skipped)
    if nw:
        parts.append("%d warnings" % nw)
    summ = centered("%s in %.2fs%s" % (", ".join(parts), dur, (" (%d:%02d:%02d)" % (dur // 3600, dur // 60 % 60, dur % 60)) if dur > 60 else ""))
    if T.get("color"):
        summ = (ESC + "[31m" if failed else ESC + "[32m") + summ + ESC + "[0m"
    tr.w(summ)
    return 1 if failed else 0


def pytest_warnings(c, k):
    tr, rng = c.tr, c.rng
    ws = []
    py = c.p["tools"]["py"]
    amb = c.ambient.get("py_deprecation")
    if amb and not c.p["tools"].get("werror"):
        ws.append(amb)
    pool = list(PY_DEPRECATIONS)
    rng.shuffle(pool)
    ws += [(a.format(py=py), b, cc) for a, b, cc in pool[:k]]
    if not ws:
        return 0
    tr.w(centered("warnings summary"))
    total = 0
    for loc, msg, code in ws:
        tr.w(loc)
        n = rng.randint(1, 40)
        total += n
        tr.w("  %s/%s: %s" % (c.b, loc, msg) if not loc.startswith("/") else "  %s: %s" % (loc, msg))
        tr.w("    " + code)
        tr.w("")
    tr.w("-- Docs: https://docs.pytest.org/en/stable/how-to/capture-warnings.html")
    return total


def unittest_id(t):
    mod = t.file[:-3].replace("/", ".")
    return "%s (%s.%s.%s)" % (t.name, mod, t.cls, t.name)


def st_unittest(c, inj):
    tr, rng, T, p = c.tr, c.rng, c.p["tools"], c.p
    integ = c.kind == "integ"
    suites = p["isuites"] if integ else p["suites"]
    tests = [t for s in suites for t in s["tests"]]
    c.cmd("python -m coverage run -m unittest discover -s %s -t .%s" % ("tests/integration" if integ else "tests", " -v" if T["verbose"] else ""))
    inj = pick_fail(c, inj, "test")
    fails, collect = {}, []
    hang_at = oom_at = None
    if inj:
        if inj.type == "tests":
            for t, d in inj.payload.get("fails", []):
                fails[t.idx] = d
            collect = inj.payload.get("collect", [])
        elif inj.type == "hang":
            hang_at = int(len(tests) * inj.payload.get("at", 0.5))
        elif inj.type == "oom":
            oom_at = int(len(tests) * inj.payload.get("at", 0.6))
    bad_files = set(f for f, _ in collect)
    blocks = []
    nf = ne = ns = 0
    run = 0
    dots = []
    for f, d in collect:
        mod = f[:-3].split("/")[-1]
        run += 1
        ne += 1
        tid = "%s (unittest.loader._FailedTest.%s)" % (mod, mod)
        if T["verbose"]:
            tr.w("%s ... ERROR" % tid, err=True)
        else:
            dots.append("E")
        B = ["=" * 70, "ERROR: %s" % tid, "-" * 70, "ImportError: Failed to import test module: %s" % mod, "Traceback (most recent call last):",
             '  File "/usr/local/lib/python%s/unittest/loader.py", line 396, in _find_test_path' % T["py"],
             "    module = self._get_module_from_name(name)",
             '  File "/usr/local/lib/python%s/unittest/loader.py", line 339, in _get_module_from_name' % T["py"],
             "    __import__(name)"]
        for fr in d["frames"]:
            fp = fr["file"] if fr["file"].startswith("/") else "%s/%s" % (c.b, fr["file"])
            B += ['  File "%s", line %d, in %s' % (fp, fr["line"], fr["func"]), "    " + fr["code"]]
        B.append("%s: %s" % (d["etype"], d["emsg"]))
        B.append("")
        blocks.append(B)
    i = 0
    for t in tests:
        if t.file in bad_files:
            continue
        if hang_at is not None and i == hang_at:
            if T["verbose"]:
                tr.w("%s ... " % unittest_id(t), err=True)
            else:
                tr.w("".join(dots), err=True)
            return "timeout"
        if oom_at is not None and i == oom_at:
            tr.w("".join(dots) if not T["verbose"] else "%s ... " % unittest_id(t), err=True)
            tr.w("Killed")
            return 137
        i += 1
        run += 1
        st = "ok"
        if t.idx in fails:
            d = fails[t.idx]
            kind = "FAIL" if d["k"] == "assert" else "ERROR"
            st = kind
            if kind == "FAIL":
                nf += 1
            else:
                ne += 1
            tline = c.ln(t.file, t.line)
            B = ["=" * 70, "%s: %s" % (kind, unittest_id(t)), "-" * 70, "Traceback (most recent call last):"]
            if d["k"] == "assert":
                B += ['  File "%s/%s", line %d, in %s' % (c.b, t.file, tline + 3, t.name),
                      "    " + (d.get("ucode") or "self.assertEqual(result, %s)" % val_py(d["exp"], d["vt"])),
                      "AssertionError: %s != %s" % (val_py(d["act"], d["vt"]), val_py(d["exp"], d["vt"]))]
            else:
                for fr in d["frames"]:
                    fp = fr["file"] if fr["file"].startswith("/") else "%s/%s" % (c.b, fr["file"])
                    B += ['  File "%s", line %d, in %s' % (fp, fr["line"], fr["func"]), "    " + fr["code"]]
                    if fr.get("caret"):
                        B.append("    " + fr["caret"])
                B.append("%s: %s" % (d["etype"], d["emsg"]))
            B.append("")
            blocks.append(B)
        elif srng(p["path"], t.idx, "skip").random() < 0.02:
            st = "skipped %r" % rng.choice(["requires network", "flaky on CI", "postgres not available"])
            ns += 1
        if T["verbose"]:
            tr.w("%s ... %s" % (unittest_id(t), st), err=True, dt_=rng.uniform(0.001, 0.05))
        else:
            dots.append({"ok": ".", "FAIL": "F", "ERROR": "E"}.get(st, "s"))
    if not T["verbose"]:
        for k in range(0, len(dots), 70):
            tr.w("".join(dots[k:k + 70]), err=True)
    if rng.random() < 0.5:
        for l in app_log_lines(c, rng.randint(1, 4)):
            tr.w(l.split()[0] + ":" + l.split()[1].split(":")[0] + ":" + " ".join(l.split()[2:]), err=True)
    for B in blocks:
        for l in B:
            tr.w(l, err=True)
    tr.w("-" * 70, err=True)
    tr.w("Ran %d tests in %.3fs" % (run, rng.uniform(0.5, 40)), err=True)
    tr.w("", err=True)
    if nf or ne:
        parts = []
        if nf:
            parts.append("failures=%d" % nf)
        if ne:
            parts.append("errors=%d" % ne)
        if ns:
            parts.append("skipped=%d" % ns)
        tr.w("FAILED (%s)" % ", ".join(parts), err=True)
        return 1
    tr.w("OK" + (" (skipped=%d)" % ns if ns else ""), err=True)
    return 0


def st_tox(c, inj):
    tr, rng, T, p = c.tr, c.rng, c.p["tools"], c.p
    env = "py" + T["py"].replace(".", "")
    c.cmd("tox -e %s" % env)
    t0 = tr.t
    iinj = pick_fail(c, inj, "install")
    tr.w("%s: install_deps> python -I -m pip install -r requirements-dev.txt -r requirements.txt" % env)
    tr.adv(rng.uniform(5, 30))
    if iinj:
        # tox shows pip output of the failing command
        pip_body(c, iinj)
        el = tr.t - t0
        tr.w("%s: exit 1 (%.2f seconds) %s> python -I -m pip install -r requirements-dev.txt -r requirements.txt pid=%d" % (env, el, c.b, rng.randint(30, 400)))
        tr.w("  %s: FAIL code 1 (%.2f seconds)" % (env, el + 0.02))
        tr.w("  evaluation failed :( (%.2f seconds)" % (el + 0.1))
        return 1
    tr.w(".pkg: install_requires> python -I -m pip install 'setuptools>=68' wheel")
    for h in ("_optional_hooks", "get_requires_for_build_sdist", "build_sdist"):
        tr.w(".pkg: %s> python /usr/local/lib/python%s/site-packages/pyproject_api/_backend.py True setuptools.build_meta" % (h, T["py"]))
    tr.w("%s: install_package> python -I -m pip install --force-reinstall --no-deps %s/.tox/.tmp/package/1/%s-%s.tar.gz" % (env, c.b, snake(p["name"]), p["version"]))
    setup = tr.t - t0
    tr.w("%s: commands[0]> pytest tests --junitxml=report.xml" % env)
    t1 = tr.t
    code = st_pytest(c, inj, from_tox=True)
    if code == "timeout" or code == 137:
        return code
    cmd_t = tr.t - t1
    pid = rng.randint(60, 900)
    if code:
        tr.w("%s: exit %d (%.2f seconds) %s> pytest tests --junitxml=report.xml pid=%d" % (env, code, cmd_t, c.b, pid))
    tr.w(".pkg: _exit> python /usr/local/lib/python%s/site-packages/pyproject_api/_backend.py True setuptools.build_meta" % T["py"])
    if code:
        tr.w("  %s: FAIL code %d (%.2f=setup[%.2f]+cmd[%.2f] seconds)" % (env, code, setup + cmd_t, setup, cmd_t))
        tr.w("  evaluation failed :( (%.2f seconds)" % (setup + cmd_t + 0.05))
        return 1
    tr.w("  %s: OK (%.2f=setup[%.2f]+cmd[%.2f] seconds)" % (env, setup + cmd_t, setup, cmd_t))
    tr.w("  congratulations :) (%.2f seconds)" % (setup + cmd_t + 0.05))
    return 0


def pip_body(c, inj):
    """pip output for a failing install (used inside tox / docker RUN)."""
    deps = py_deps(c)
    tr, rng = c.tr, c.rng
    tr.w("Looking in indexes: %s" % pip_index(c))
    if inj.type in ("dns", "tls"):
        n, v = deps[0]
        return pip_net_fail(c, inj, n, v)
    for i, (n, v) in enumerate(deps[:rng.randint(3, len(deps))]):
        tr.w("Collecting %s==%s (from -r requirements.txt (line %d))" % (n, v, i + 1))
        tr.w("  Downloading %s-%s-py3-none-any.whl (%d kB)" % (n.replace("-", "_"), v, rng.randint(10, 900)))
    if inj.type == "disk":
        tr.w("Installing collected packages: " + ", ".join(n for n, _ in deps))
        tr.w("ERROR: Could not install packages due to an OSError: [Errno 28] No space left on device")
        return 1
    if inj.type == "conflict":
        P = inj.payload
        tr.w("ERROR: Cannot install -r requirements.txt (line %d) and %s because these package versions have conflicting dependencies." % (rng.randint(3, 25), P["req"]))
        tr.w("")
        tr.w("The conflict is caused by:")
        tr.w("    The user requested %s" % P["req"])
        tr.w("    %s %s depends on %s" % (P["dependent"], P["dependent_ver"], P["dep_constraint"]))
        tr.w("")
        tr.w("ERROR: ResolutionImpossible: for help visit https://pip.pypa.io/en/latest/topics/dependency-resolution/#dealing-with-dependency-conflicts")
        return 1
    if inj.type == "notfound":
        P = inj.payload
        tr.w("ERROR: Could not find a version that satisfies the requirement %s==%s (from versions: %s)" % (P["pkg"], P["ver"], ", ".join(P["have"])))
        tr.w("ERROR: No matching distribution found for %s==%s" % (P["pkg"], P["ver"]))
        return 1
    return 1


def st_mypy(c, inj):
    tr, rng, p = c.tr, c.rng, c.p
    c.cmd("mypy src/ --junit-xml mypy.xml")
    inj = pick_fail(c, inj, "lint")
    nfiles = len(p["src"]) * rng.randint(4, 9)
    notes = []
    if rng.random() < 0.5:
        f = rng.choice(p["src"])
        notes.append("%s:%d: note: By default the bodies of untyped functions are not checked, consider using --check-untyped-defs  [annotation-unchecked]" % (f, c.ln(f, rng.randint(20, 300))))
    for n in notes:
        tr.w(n)
    tr.adv(rng.uniform(3, 40))
    if inj and inj.type == "lint":
        iss = inj.payload["issues"]
        files = set()
        for it in iss:
            tr.w("%s:%d: error: %s  [%s]" % (it["file"], it["line"], it["msg"], it["code"]))
            files.add(it["file"])
        tr.w("Found %d error%s in %d file%s (checked %d source files)" % (len(iss), "s" if len(iss) > 1 else "", len(files), "s" if len(files) > 1 else "", nfiles))
        return 1
    tr.w("Success: no issues found in %d source files" % nfiles)
    return 0


def st_flake8(c, inj):
    tr, rng, p = c.tr, c.rng, c.p
    c.cmd("flake8 src tests --count --statistics")
    inj = pick_fail(c, inj, "lint")
    tr.adv(rng.uniform(1, 10))
    if inj and inj.type == "lint":
        iss = inj.payload["issues"]
        for it in iss:
            tr.w("%s:%d:%d: %s %s" % (it["file"], it["line"], it["col"], it["code"], it["msg"]))
        codes = {}
        for it in iss:
            codes.setdefault((it["code"], it["msg"]), 0)
            codes[(it["code"], it["msg"])] += 1
        for (cd, m), n in codes.items():
            tr.w("%-5d %s %s" % (n, cd, m))
        tr.w("%d" % len(iss))
        return 1
    tr.w("0")
    return 0


def st_ruff(c, inj):
    tr, rng = c.tr, c.rng
    c.cmd("ruff check --output-format=full .")
    inj = pick_fail(c, inj, "lint")
    if inj and inj.type == "lint":
        iss = inj.payload["issues"]
        for it in iss:
            fix = " [*]" if it.get("fixable") else ""
            tr.w("%s:%d:%d: %s%s %s" % (it["file"], it["line"], it["col"], it["code"], fix, it["msg"]))
            tr.w("   |")
            for k, src in enumerate(it.get("ctx", [])):
                tr.w("%2d | %s" % (it["line"] - len(it["ctx"]) + k, src))
            tr.w("%2d | %s" % (it["line"], it["src"]))
            tr.w("   | %s%s %s" % (" " * (it["col"] - 1), "^" * max(1, it.get("width", 2)), it["code"]))
            tr.w("   |")
            if it.get("help"):
                tr.w("   = help: %s" % it["help"])
            tr.w("")
        tr.w("Found %d error%s." % (len(iss), "s" if len(iss) > 1 else ""))
        nfix = sum(1 for it in iss if it.get("fixable"))
        if nfix:
            tr.w("[*] %d fixable with the `--fix` option." % nfix)
        return 1
    tr.w("All checks passed!")
    return 0


def st_pybuild(c, inj):
    tr, rng, p = c.tr, c.rng, c.p
    c.cmd("python -m build")
    tr.w("* Creating isolated environment: venv+pip...")
    tr.w("* Installing packages in isolated environment:")
    tr.w("  - setuptools>=68")
    tr.w("  - setuptools-scm>=8")
    tr.adv(rng.uniform(2, 9))
    tr.w("* Getting build dependencies for sdist...")
    mod = snake(p["name"])
    inj = pick_fail(c, inj, "compile")
    tr.w("running egg_info")
    tr.w("writing src/%s.egg-info/PKG-INFO" % mod)
    if inj and inj.type == "compile":
        for l in inj.payload["lines"]:
            tr.w(l)
        tr.w("")
        tr.w("ERROR Backend subprocess exited when trying to invoke get_requires_for_build_sdist")
        return 1
    tr.w("writing dependency_links to src/%s.egg-info/dependency_links.txt" % mod)
    tr.w("writing top-level names to src/%s.egg-info/top_level.txt" % mod)
    tr.w("writing manifest file 'src/%s.egg-info/SOURCES.txt'" % mod)
    tr.w("* Building sdist...")
    for f in p["src"]:
        tr.w("copying %s -> %s-%s/%s" % (f, mod, p["version"], os.path.dirname(f)))
    tr.w("Writing %s-%s/setup.cfg" % (mod, p["version"]))
    tr.w("Creating tar archive")
    tr.w("removing '%s-%s' (and everything under it)" % (mod, p["version"]))
    tr.w("* Building wheel from sdist")
    tr.w("* Creating isolated environment: venv+pip...")
    tr.adv(rng.uniform(2, 9))
    tr.w("* Getting build dependencies for wheel...")
    tr.w("running bdist_wheel")
    tr.w("running build")
    tr.w("running build_py")
    for f in p["src"]:
        tr.w("copying %s -> build/lib/%s" % (f, os.path.dirname(f)[4:]))
    tr.w("Successfully built %s-%s.tar.gz and %s-%s-py3-none-any.whl" % (mod, p["version"], mod, p["version"]))
    return 0

# --------------------------------------------------------------------------------------
# node / javascript / typescript
# --------------------------------------------------------------------------------------
def npm_log_path(c):
    d = dt.datetime.fromtimestamp(c.tr.t, dt.timezone.utc)
    return "/root/.npm/_logs/%s_%03dZ-debug-0.log" % (d.strftime("%Y-%m-%dT%H_%M_%S"), c.rng.randint(0, 999))


def node_pkgs(c):
    rng = srng(c.p["path"], "npmdeps")
    d = list(NPM_DEPS)
    rng.shuffle(d)
    return d[:12] + ["@%s/http-client" % c.co, "@%s/config" % c.co, "@%s/logger" % c.co, "@%s/ui-kit" % c.co]


def st_npm(c, inj):
    tr, rng, p = c.tr, c.rng, c.p
    c.cmd("npm install --no-audit --no-fund" if c.ambient.get("node_latest") else "npm ci --no-audit --no-fund")
    inj = pick_fail(c, inj, "install")
    tr.adv(rng.uniform(2, 10))
    if not inj or inj.type != "eresolve":
        for w in rng.sample(["npm warn deprecated inflight@1.0.6: This module is not supported, and leaks memory. Do not use it. Check out lru-cache if you want a good and tested way to coalesce async requests by a key value, which is much more comprehensive and powerful.",
                             "npm warn deprecated glob@7.2.3: Glob versions prior to v9 are no longer supported",
                             "npm warn deprecated rimraf@3.0.2: Rimraf versions prior to v4 are no longer supported",
                             "npm warn deprecated @humanwhocodes/config-array@0.13.0: Use @eslint/config-array instead",
                             "npm warn deprecated @humanwhocodes/object-schema@2.0.3: Use @eslint/object-schema instead",
                             "npm warn deprecated eslint@8.57.1: This version is no longer supported. Please see https://eslint.org/version-support for other options.",
                             "npm warn deprecated abab@2.0.6: Use your platform's native atob() and btoa() methods instead",
                             "npm warn deprecated domexception@4.0.0: Use your platform's native DOMException instead"], rng.randint(1, 5)):
            tr.w(w, err=True)
    if inj:
        t = inj.type
        host = inj.payload.get("host", ARTI)
        pk = rng.choice(node_pkgs(c)[:12])
        if t == "dns":
            for l in ["npm error code ENOTFOUND", "npm error syscall getaddrinfo", "npm error errno ENOTFOUND",
                      "npm error network request to https://%s/api/npm/npm-remote/%s failed, reason: getaddrinfo ENOTFOUND %s" % (host, pk.replace("/", "%2f"), host),
                      "npm error network This is a problem related to network connectivity.",
                      "npm error network In most cases you are behind a proxy or have bad network settings.",
                      "npm error network",
                      "npm error network If you are behind a proxy, please make sure that the",
                      "npm error network 'proxy' config is set properly.  See: 'npm help config'"]:
                tr.w(l, err=True)
        elif t == "tls":
            for l in ["npm error code CERT_HAS_EXPIRED", "npm error errno CERT_HAS_EXPIRED",
                      "npm error request to https://%s/api/npm/npm-remote/%s failed, reason: certificate has expired" % (host, pk.replace("/", "%2f"))]:
                tr.w(l, err=True)
        elif t == "disk":
            for l in ["npm error code ENOSPC", "npm error syscall write", "npm error errno -28",
                      "npm error nospc ENOSPC: no space left on device, write",
                      "npm error nospc There appears to be insufficient space on your system to finish.",
                      "npm error nospc Clear up some disk space and try again."]:
                tr.w(l, err=True)
        elif t == "eresolve":
            P = inj.payload
            for l in ["npm error code ERESOLVE", "npm error ERESOLVE unable to resolve dependency tree", "npm error",
                      "npm error While resolving: %s@%s" % (p["mod"], p["version"]),
                      "npm error Found: %s@%s" % (P["peer"], P["have"]),
                      "npm error node_modules/%s" % P["peer"],
                      "npm error   %s@\"^%s\" from the root project" % (P["peer"], P["have"].split(".")[0] + "." + P["have"].split(".")[1] + ".0"),
                      "npm error", "npm error Could not resolve dependency:",
                      "npm error peer %s@\"%s\" from %s@%s" % (P["peer"], P["want"], P["pkg"], P["ver"]),
                      "npm error node_modules/%s" % P["pkg"],
                      "npm error   %s@\"*\" from the root project" % P["pkg"],
                      "npm error", "npm error Fix the upstream dependency conflict, or retry",
                      "npm error this command with --force or --legacy-peer-deps",
                      "npm error to accept an incorrect (and potentially broken) dependency resolution.", "npm error", "npm error",
                      "npm error For a full report see:",
                      "npm error %s" % npm_log_path(c).replace("debug-0.log", "eresolve-report.txt")]:
                tr.w(l, err=True)
        tr.w("npm error A complete log of this run can be found in: %s" % npm_log_path(c), err=True)
        return 1
    n = rng.randint(600, 1900)
    tr.w("")
    tr.w("added %d packages in %ds" % (n, rng.randint(8, 70)))
    return 0


def st_yarn(c, inj):
    tr, rng, p = c.tr, c.rng, c.p
    c.cmd("yarn install --frozen-lockfile --non-interactive" if not c.ambient.get("node_latest") else "yarn install --non-interactive")
    tr.w("yarn install v1.22.22")
    tr.w("[1/4] Resolving packages...")
    inj = pick_fail(c, inj, "install")
    tr.adv(rng.uniform(1, 8))
    tr.w("[2/4] Fetching packages...")
    if inj and inj.type in ("dns", "tls", "disk"):
        host = inj.payload.get("host", ARTI)
        pk = rng.choice(["lodash/-/lodash-4.17.21.tgz", "react-dom/-/react-dom-18.3.1.tgz", "typescript/-/typescript-5.6.3.tgz", "@babel/core/-/core-7.26.0.tgz", "caniuse-lite/-/caniuse-lite-1.0.30001680.tgz"])
        if inj.type == "dns":
            for _ in range(rng.randint(1, 3)):
                tr.w("info There appears to be trouble with your network connection. Retrying...")
                tr.adv(rng.uniform(5, 30))
            tr.w('error An unexpected error occurred: "https://%s/api/npm/npm-remote/%s: getaddrinfo ENOTFOUND %s".' % (host, pk, host), err=True)
        elif inj.type == "tls":
            tr.w('error An unexpected error occurred: "https://%s/api/npm/npm-remote/%s: certificate has expired".' % (host, pk), err=True)
        else:
            tr.w('error An unexpected error occurred: "ENOSPC: no space left on device, write".', err=True)
        tr.w('info If you think this is a bug, please open a bug report with the information provided in "%s/yarn-error.log".' % c.b)
        tr.w("info Visit https://yarnpkg.com/en/docs/cli/install for documentation about this command.")
        return 1
    tr.adv(rng.uniform(3, 30))
    tr.w("[3/4] Linking dependencies...")
    for wl in rng.sample(['warning " > @testing-library/user-event@14.5.2" has unmet peer dependency "@testing-library/dom@>=7.21.4".',
                          'warning "eslint-config-next > @rushstack/eslint-patch@1.10.4" has incorrect peer dependency "eslint@^8.0.0".',
                          'warning " > ts-jest@29.2.5" has unmet peer dependency "@babel/core@>=7.0.0-beta.0 <8".'], rng.randint(0, 2)):
        tr.w(wl, err=True)
    amb = c.ambient.get("node_peer_warning")
    if amb:
        tr.w(amb, err=True)
    tr.w("[4/4] Building fresh packages...")
    tr.w("Done in %.2fs." % rng.uniform(8, 80))
    return 0


def st_pnpm(c, inj):
    tr, rng = c.tr, c.rng
    c.cmd("corepack enable && pnpm install --frozen-lockfile" if not c.ambient.get("node_latest") else "corepack enable && pnpm install --no-frozen-lockfile")
    inj = pick_fail(c, inj, "install")
    tr.w("Lockfile is up to date, resolution step is skipped" if not c.ambient.get("node_latest") else "Progress: resolved 1, reused 0, downloaded 0, added 0")
    if inj:
        host = inj.payload.get("host", ARTI)
        pk = rng.choice(["lodash", "react-dom", "typescript", "@babel%2Fcore", "vite"])
        if inj.type == "dns":
            for k in (2, 1):
                tr.w(" WARN  GET https://%s/api/npm/npm-remote/%s error (ENOTFOUND). Will retry in %d seconds. %d retries left." % (host, pk, 10 if k == 2 else 60, k), err=True)
                tr.adv(10 if k == 2 else 60)
            tr.w(" ERR_PNPM_META_FETCH_FAIL  GET https://%s/api/npm/npm-remote/%s: request to https://%s/api/npm/npm-remote/%s failed, reason: getaddrinfo ENOTFOUND %s" % (host, pk, host, pk, host), err=True)
        elif inj.type == "tls":
            tr.w(" ERR_PNPM_META_FETCH_FAIL  GET https://%s/api/npm/npm-remote/%s: request to https://%s/api/npm/npm-remote/%s failed, reason: certificate has expired" % (host, pk, host, pk), err=True)
        elif inj.type == "disk":
            tr.w(" ERR_PNPM_ENOSPC  ENOSPC: no space left on device, copyfile '/root/.local/share/pnpm/store/v3/files/%s/%s' -> '%s/node_modules/.pnpm/%s@%d.%d.%d/node_modules/%s/dist/index.js'" % (hexs(rng, 2), hexs(rng, 126), c.b, pk, rng.randint(1, 9), rng.randint(0, 20), rng.randint(0, 9), pk), err=True)
        elif inj.type == "eresolve":
            P = inj.payload
            tr.w(" ERR_PNPM_PEER_DEP_ISSUES  Unmet peer dependencies", err=True)
            tr.w("")
            tr.w(".")
            tr.w("└─┬ %s %s" % (P["pkg"], P["ver"]))
            tr.w("  └── ✕ unmet peer %s@%s: found %s" % (P["peer"], P["want"], P["have"]))
            tr.w("")
            tr.w("hint: If you want peer dependencies to be automatically installed, add \"auto-install-peers=true\" to an .npmrc file at the root of your project.")
            tr.w("hint: If you don't want pnpm to fail on peer dependency issues, add \"strict-peer-dependencies=false\" to an .npmrc file at the root of your project.")
        return 1
    n = rng.randint(500, 1500)
    tr.w("Packages: +%d" % n)
    tr.w("+" * 60)
    tr.w("Progress: resolved %d, reused %d, downloaded %d, added %d, done" % (n, n - 12, 12, n))
    tr.w("")
    tr.w("dependencies:")
    for d in node_pkgs(c)[:6]:
        tr.w("+ %s %d.%d.%d" % (d, rng.randint(1, 18), rng.randint(0, 20), rng.randint(0, 15)))
    tr.w("")
    tr.w("Done in %.1fs" % rng.uniform(3, 40))
    return 0


def js_frame_lines(frames, indent="      "):
    out = []
    for f in reversed(frames):
        if f.get("func"):
            out.append("%sat %s (%s:%d:%d)" % (indent, f["func"], f["file"], f["line"], f.get("col", 10)))
        else:
            out.append("%sat %s:%d:%d" % (indent, f["file"], f["line"], f.get("col", 10)))
    return out


def js_codeframe(line, code, col, pre=None, post=None, style="jest"):
    pre = pre or ["  const subject = createSubject();", ""]
    post = post or ["  });", ""]
    out = []
    n0 = line - len(pre)
    for k, l in enumerate(pre):
        out.append(("  %4d | %s" if style == "jest" else "    %3d| %s") % (n0 + k, l))
    out.append(("> %4d | %s" if style == "jest" else "    %3d| %s") % (line, code))
    out.append(("       | %s^" if style == "jest" else "       | %s^") % (" " * (col - 1)))
    for k, l in enumerate(post):
        out.append(("  %4d | %s" if style == "jest" else "    %3d| %s") % (line + 1 + k, l))
    return out


def node_tests(c):
    integ = c.kind == "integ"
    suites = c.p["isuites"] if integ else c.p["suites"]
    return suites, [t for s in suites for t in s["tests"]]


def test_inj(c, inj, tests):
    inj = pick_fail(c, inj, "test")
    fails, collect, hang_at, oom_at = {}, [], None, None
    if inj:
        if inj.type == "tests":
            for t, d in inj.payload.get("fails", []):
                fails[t.idx] = d
            collect = inj.payload.get("collect", [])
        elif inj.type == "hang":
            hang_at = int(len(tests) * inj.payload.get("at", 0.5))
        elif inj.type == "oom":
            oom_at = int(len(tests) * inj.payload.get("at", 0.6))
    return inj, fails, collect, hang_at, oom_at


def npm_run_header(c, script, cmdline):
    p = c.p
    pm = p["tools"]["pm"]
    if pm == "npm":
        c.cmd("npm run %s" % script if script != "test" else "npm test")
        c.tr.w("")
        c.tr.w("> %s@%s %s" % (p["mod"], p["version"], script))
        c.tr.w("> %s" % cmdline)
        c.tr.w("")
    elif pm == "yarn":
        c.cmd("yarn %s" % script)
        c.tr.w("yarn run v1.22.22")
        c.tr.w("$ %s" % cmdline)
    else:
        c.cmd("pnpm run %s" % script)
        c.tr.w("")
        c.tr.w("> %s@%s %s %s" % (p["mod"], p["version"], script, c.b))
        c.tr.w("> %s" % cmdline)
        c.tr.w("")


def npm_run_fail(c, code, script, cmdline, signal=None):
    pm = c.p["tools"]["pm"]
    tr = c.tr
    if pm == "yarn":
        tr.w("error Command failed with %s." % ("signal \"%s\"" % signal if signal else "exit code %d" % code), err=True)
        tr.w("info Visit https://yarnpkg.com/en/docs/cli/run for documentation about this command.")
    elif pm == "pnpm":
        tr.w(" ELIFECYCLE  %s failed." % ("Test" if script == "test" else "Command"), err=True)
    else:
        if signal:
            for l in ["npm error path %s" % c.b, "npm error command failed", "npm error signal %s" % signal, "npm error command sh -c %s" % cmdline]:
                tr.w(l, err=True)
            tr.w("npm error A complete log of this run can be found in: %s" % npm_log_path(c), err=True)


def jest_console_noise(c):
    rng = c.rng
    w = rng.choice(c.p["words"])
    kind = rng.choice(["error", "warn", "log"])
    msg = {"error": "[%s] ERROR request failed: 502 Bad Gateway (will retry)" % w,
           "warn": "Warning: An update to %sPanel inside a test was not wrapped in act(...)." % camel(w),
           "log": "[%s] processed %d items in %dms" % (w, rng.randint(1, 500), rng.randint(1, 90))}[kind]
    f = "src/%s/%s.service.ts" % (w.replace("_", "-"), w.replace("_", "-"))
    return ["  console.%s" % kind, "    %s" % msg, "", "      at %s (%s:%d:%d)" % (camel(w) + "Service." + rng.choice(["fetch", "sync", "handle"]), f, rng.randint(10, 200), rng.randint(5, 30)), ""]


def js_assert_lines(d, fw):
    e, a = val_js(d["exp"], d["vt"]), val_js(d["act"], d["vt"])
    if fw == "jest":
        m = d.get("matcher", "toBe")
        if m == "toEqual":
            return ["expect(received).toEqual(expected) // deep equality", "", "Expected: %s" % e, "Received: %s" % a]
        return ["expect(received).%s(expected) // Object.is equality" % m, "", "Expected: %s" % e, "Received: %s" % a]
    if fw == "vitest":
        return ["AssertionError: expected %s to %s %s // Object.is equality" % (a, "be" if d.get("matcher", "toBe") == "toBe" else "deeply equal", e), "", "- Expected", "+ Received", "", "- %s" % e, "+ %s" % a]
    return ["AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:", "", "%s !== %s" % (a, e), "", "      + expected - actual", "", "      -%s" % a, "      +%s" % e]


def st_jest(c, inj):
    tr, rng, p, T = c.tr, c.rng, c.p, c.p["tools"]
    suites, tests = node_tests(c)
    integ = c.kind == "integ"
    cmdline = "jest --ci --reporters=default --reporters=jest-junit%s" % (" --config jest.integration.config.js" if integ else "")
    npm_run_header(c, "test:integration" if integ else "test", cmdline)
    inj, fails, collect, hang_at, oom_at = test_inj(c, inj, tests)
    ext = "ts" if T["ts"] else "js"
    bad = {f: d for f, d in collect}
    nt = nfail = 0
    sfail = spass = 0
    done = 0
    for s in suites:
        sf = [t for t in s["tests"] if t.idx in fails]
        if hang_at is not None and done + len(s["tests"]) > hang_at:
            tr.adv(3600)
            return "timeout"
        if oom_at is not None and done + len(s["tests"]) > oom_at:
            tr.w("")
            tr.w("  ● Test suite failed to run")
            tr.w("")
            tr.w("    A jest worker process (pid=%d) was terminated by another process: signal=SIGKILL, exitCode=null. Operating system logs may contain more information on why this occurred." % rng.randint(100, 9000))
            tr.w("")
            tr.w("      at ChildProcessWorker._onExit (node_modules/jest-worker/build/workers/ChildProcessWorker.js:370:23)")
            tr.w("")
            tr.w("Test Suites: 1 failed, %d passed, 1 of %d total" % (spass, len(suites)))
            tr.w("Tests:       %d passed, %d total" % (nt, nt))
            npm_run_fail(c, 1, "test", cmdline)
            return 1
        done += len(s["tests"])
        dur = rng.uniform(0.3, 9)
        if s["file"] in bad:
            d = bad[s["file"]]
            sfail += 1
            tr.w("FAIL %s" % s["file"], err=True)
            tr.w("  ● Test suite failed to run", err=True)
            tr.w("", err=True)
            for l in d["jest"]:
                tr.w("    " + l if l else "", err=True)
            tr.w("", err=True)
            continue
        head = ("FAIL %s" if sf else "PASS %s") % s["file"] + (" (%.3f s)" % dur if dur > 5 else "")
        if sf:
            sfail += 1
        else:
            spass += 1
        tr.w(head, err=True, dt_=dur)
        if T["verbose"]:
            tr.w("  %s" % s["cls"], err=True)
            for t in s["tests"]:
                mark = "✕" if t.idx in fails else "✓"
                tr.w("    %s %s (%d ms)" % (mark, t.desc, rng.randint(1, 120)), err=True)
        if rng.random() < 0.15:
            for l in jest_console_noise(c):
                tr.w(l, err=True)
        for t in sf:
            d = fails[t.idx]
            nfail += 1
            tr.w("  ● %s › %s" % (s["cls"], t.desc), err=True)
            tr.w("", err=True)
            tl = c.ln(t.file, t.line)
            if d["k"] == "assert":
                for l in js_assert_lines(d, "jest"):
                    tr.w("    " + l if l else "", err=True)
                tr.w("", err=True)
                code = d.get("jcode") or "    expect(result).toBe(%s);" % val_js(d["exp"], d["vt"])
                col = code.index("(", code.index("to")) + 1 if "to" in code else 12
                for l in js_codeframe(tl + 3, code, col):
                    tr.w("    " + l, err=True)
                tr.w("", err=True)
                tr.w("      at Object.<anonymous> (%s:%d:%d)" % (t.file, tl + 3, col), err=True)
            else:
                tr.w("    %s: %s" % (d["etype"], d.get("jmsg", d["emsg"])), err=True)
                tr.w("", err=True)
                fr = d["frames"][-1]
                for l in js_codeframe(fr["line"], fr["code"], fr.get("col", 10)):
                    tr.w("    " + l, err=True)
                tr.w("", err=True)
                for l in js_frame_lines(d["frames"]):
                    tr.w(l, err=True)
            tr.w("", err=True)
        nt += len(s["tests"])
    tr.w("", err=True)
    total_s = len(suites)
    tr.w(("Test Suites: " + (sgr("1;31", "%d failed" % sfail) + ", " if sfail else "") + sgr("1;32", "%d passed" % spass) + ", %d total") % total_s if False else
         "Test Suites: %s%d passed, %d total" % ("%d failed, " % sfail if sfail else "", spass, total_s), err=True)
    tr.w("Tests:       %s%d passed, %d total" % ("%d failed, " % nfail if nfail else "", nt - nfail, nt), err=True)
    tr.w("Snapshots:   %s" % ("%d passed, %d total" % (rng.randint(1, 40),) * 2 if False else "0 total"), err=True)
    tr.w("Time:        %.3f s%s" % (rng.uniform(8, 120), ", estimated %d s" % rng.randint(10, 120) if rng.random() < 0.5 else ""), err=True)
    tr.w("Ran all test suites.", err=True)
    if sfail:
        npm_run_fail(c, 1, "test", cmdline)
        return 1
    if p["tools"]["pm"] == "yarn":
        tr.w("Done in %.2fs." % rng.uniform(10, 120))
    return 0


def st_vitest(c, inj):
    tr, rng, p, T = c.tr, c.rng, c.p, c.p["tools"]
    suites, tests = node_tests(c)
    integ = c.kind == "integ"
    cmdline = "vitest run --reporter=default --reporter=junit --outputFile=report.xml%s" % (" --project integration" if integ else "")
    npm_run_header(c, "test:integration" if integ else "test", cmdline)
    inj, fails, collect, hang_at, oom_at = test_inj(c, inj, tests)
    bad = {f: d for f, d in collect}
    tr.w("")
    tr.w(" %s %s" % (sgr("46;30", " RUN ") if rng.random() < 0.2 else "RUN ", "v2.1.%d %s" % (rng.randint(3, 5), c.b)))
    tr.w("")
    done = 0
    nfail = 0
    ffiles = 0
    blocks = []
    for s in suites:
        if hang_at is not None and done + len(s["tests"]) > hang_at:
            tr.adv(3600)
            return "timeout"
        if oom_at is not None and done + len(s["tests"]) > oom_at:
            tr.w("")
            tr.w("⎯⎯⎯⎯⎯⎯ Unhandled Errors ⎯⎯⎯⎯⎯⎯")
            tr.w("")
            tr.w("Vitest caught 1 unhandled error during the test run.")
            tr.w("This might cause false positive tests. Resolve unhandled errors to make sure your tests are not affected.")
            tr.w("")
            tr.w("⎯⎯⎯⎯⎯⎯ Unhandled Error ⎯⎯⎯⎯⎯⎯⎯")
            tr.w("Error: Worker exited unexpectedly")
            tr.w(" ❯ ChildProcess.<anonymous> node_modules/tinypool/dist/index.js:139:34")
            tr.w("")
            npm_run_fail(c, 1, "test", cmdline)
            return 1
        done += len(s["tests"])
        sf = [t for t in s["tests"] if t.idx in fails]
        ms = rng.randint(4, 900)
        if s["file"] in bad:
            ffiles += 1
            tr.w(" ❯ %s (0 test)" % s["file"])
            blocks.append((" FAIL  %s [ %s ]" % (s["file"], s["file"]), bad[s["file"]]["vitest"], None, "Suites"))
            continue
        if sf:
            ffiles += 1
            tr.w(" ❯ %s (%d tests | %d failed) %dms" % (s["file"], len(s["tests"]), len(sf), ms))
            for t in s["tests"]:
                if t.idx in fails:
                    d = fails[t.idx]
                    tr.w("   × %s > %s %dms" % (s["cls"], t.desc, rng.randint(5001, 5040) if "timed out" in d.get("emsg", "") else rng.randint(1, 60)))
                    msg = js_assert_lines(d, "vitest")[0] if d["k"] == "assert" else "%s: %s" % (d["etype"], d.get("vmsg", d["emsg"]).split("\n")[0])
                    tr.w("     → %s" % msg.replace("AssertionError: ", ""))
                elif T["verbose"]:
                    tr.w("   ✓ %s > %s" % (s["cls"], t.desc))
            for t in sf:
                nfail += 1
                blocks.append((" FAIL  %s > %s > %s" % (s["file"], s["cls"], t.desc), None, t, "Tests"))
        else:
            tr.w(" ✓ %s (%d tests) %dms" % (s["file"], len(s["tests"]), ms), dt_=ms / 1000.0)
            if T["verbose"]:
                for t in s["tests"]:
                    tr.w("   ✓ %s > %s" % (s["cls"], t.desc))
    if blocks:
        tr.w("")
        nsuites = sum(1 for b in blocks if b[3] == "Suites")
        ntests = sum(1 for b in blocks if b[3] == "Tests")
        k = 0
        for kind in ("Suites", "Tests"):
            bl = [b for b in blocks if b[3] == kind]
            if not bl:
                continue
            tr.w("⎯⎯⎯⎯⎯⎯⎯ Failed %s %d ⎯⎯⎯⎯⎯⎯⎯" % (kind, len(bl)))
            tr.w("")
            for title, lines, t, _ in bl:
                k += 1
                tr.w(title)
                if lines:
                    for l in lines:
                        tr.w(l)
                else:
                    d = fails[t.idx]
                    tl = c.ln(t.file, t.line)
                    if d["k"] == "assert":
                        for l in js_assert_lines(d, "vitest"):
                            tr.w(l)
                        tr.w("")
                        code = d.get("jcode") or "    expect(result).toBe(%s);" % val_js(d["exp"], d["vt"])
                        col = code.index("(", code.index("to")) + 1 if "to" in code else 12
                        tr.w(" ❯ %s:%d:%d" % (t.file, tl + 3, col))
                        for l in js_codeframe(tl + 3, code, col, style="vitest"):
                            tr.w(l)
                    else:
                        tr.w("%s: %s" % (d["etype"], d.get("vmsg", d["emsg"])))
                        for f in reversed(d["frames"]):
                            tr.w(" ❯ %s%s:%d:%d" % ((f["func"] + " ") if f.get("func") else "", f["file"], f["line"], f.get("col", 10)))
                        fr = d["frames"][-1]
                        for l in js_codeframe(fr["line"], fr["code"], fr.get("col", 10), style="vitest"):
                            tr.w(l)
                tr.w("")
                tr.w("⎯" * 48 + "[%d/%d]⎯" % (k, len(blocks)))
                tr.w("")
    tr.w("")
    nt = len(tests)
    tr.w(" Test Files  %s%d passed (%d)" % ("%d failed | " % ffiles if ffiles else "", len(suites) - ffiles, len(suites)))
    tr.w("      Tests  %s%d passed (%d)" % ("%d failed | " % nfail if nfail else "", nt - nfail, nt))
    d = dt.datetime.fromtimestamp(c.tr.t, dt.timezone.utc)
    tr.w("   Start at  %s" % d.strftime("%H:%M:%S"))
    tr.w("   Duration  %.2fs (transform %dms, setup %dms, collect %.2fs, tests %.2fs, environment %dms, prepare %dms)" % (rng.uniform(3, 60), rng.randint(300, 4000), rng.randint(0, 900), rng.uniform(1, 9), rng.uniform(1, 40), rng.randint(1, 2000), rng.randint(200, 3000)))
    tr.w("")
    if ffiles:
        npm_run_fail(c, 1, "test", cmdline)
        return 1
    return 0


def st_mocha(c, inj):
    tr, rng, p, T = c.tr, c.rng, c.p, c.p["tools"]
    suites, tests = node_tests(c)
    integ = c.kind == "integ"
    cmdline = "mocha --recursive --reporter spec --exit%s" % (" test/integration" if integ else " test")
    npm_run_header(c, "test:integration" if integ else "test", cmdline)
    inj, fails, collect, hang_at, oom_at = test_inj(c, inj, tests)
    if collect:
        f, d = collect[0]
        for l in d["mocha"]:
            tr.w(l, err=True)
        npm_run_fail(c, 1, "test", cmdline)
        return 1
    tr.w("")
    k = 0
    done = 0
    flist = []
    npend = 0
    for s in suites:
        tr.w("  %s" % s["cls"])
        for t in s["tests"]:
            if hang_at is not None and done == hang_at:
                tr.adv(3600)
                return "timeout"
            if oom_at is not None and done == oom_at:
                tr.w("Killed")
                npm_run_fail(c, 137, "test", cmdline, signal="SIGKILL")
                return 137
            done += 1
            if t.idx in fails:
                k += 1
                flist.append(t)
                tr.w("    %d) %s" % (k, t.desc))
            elif srng(p["path"], t.idx, "pend").random() < 0.015:
                npend += 1
                tr.w("    - %s" % t.desc)
            else:
                ms = rng.randint(0, 300)
                tr.w("    ✔ %s%s" % (t.desc, " (%dms)" % ms if ms > 75 else ""))
        tr.w("")
    tr.w("")
    tr.w("  %d passing (%ds)" % (len(tests) - len(flist) - npend, rng.randint(1, 60)))
    if npend:
        tr.w("  %d pending" % npend)
    if flist:
        tr.w("  %d failing" % len(flist))
        tr.w("")
        for i, t in enumerate(flist, 1):
            d = fails[t.idx]
            tr.w("  %d) %s" % (i, t.suite["cls"]))
            tr.w("       %s:" % t.desc)
            tl = c.ln(t.file, t.line)
            if d["k"] == "assert":
                l = js_assert_lines(d, "mocha")
                tr.w("")
                tr.w("      " + l[0])
                for x in l[1:]:
                    tr.w(x)
                tr.w("      at Context.<anonymous> (file://%s/%s:%d:%d)" % (c.b, t.file, tl + 3, rng.randint(10, 30)))
                tr.w("      at process.processImmediate (node:internal/timers:483:21)")
            else:
                tr.w("     %s: %s" % (d["etype"], d.get("mmsg", d["emsg"])))
                for f in reversed(d["frames"]):
                    tr.w("      at %s (%s/%s:%d:%d)" % (f.get("func") or "Context.<anonymous>", c.b, f["file"], f["line"], f.get("col", 10)))
            tr.w("")
        tr.w("")
        npm_run_fail(c, len(flist), "test", cmdline)
        return len(flist)
    return 0


def ts_error_lines(c, errs, pretty):
    out = []
    for e in errs:
        if pretty:
            out.append("%s:%d:%d - error TS%d: %s" % (e["file"], e["line"], e["col"], e["code"], e["msg"]))
            out.append("")
            out.append("%d %s" % (e["line"], e["src"]))
            out.append("%s %s%s" % (" " * len(str(e["line"])), " " * (e["col"] - 1), "~" * e.get("width", 8)))
            out.append("")
        else:
            out.append("%s(%d,%d): error TS%d: %s" % (e["file"], e["line"], e["col"], e["code"], e["msg"]))
    return out


def st_tsc(c, inj, noemit=False):
    tr, rng, p = c.tr, c.rng, c.p
    pretty = srng(p["path"], "pretty").random() < 0.5
    cmdline = "tsc --noEmit -p tsconfig.json" if noemit else "tsc -p tsconfig.build.json"
    npm_run_header(c, "typecheck" if noemit else "build", cmdline + ("" if pretty else " --pretty false"))
    inj2 = pick_fail(c, inj, "compile") or (pick_fail(c, inj, "lint") if noemit else None)
    tr.adv(rng.uniform(4, 60))
    if inj2 and inj2.type == "compile":
        errs = inj2.payload["ts"]
        for l in ts_error_lines(c, errs, pretty):
            tr.w(l)
        files = sorted(set(e["file"] for e in errs))
        if pretty:
            if len(files) == 1:
                tr.w("Found %d error%s in %s%s" % (len(errs), "s" if len(errs) > 1 else "", files[0], (":%d" % errs[0]["line"]) if len(errs) == 1 else ""))
            else:
                tr.w("Found %d errors in %d files." % (len(errs), len(files)))
                tr.w("")
                tr.w("Errors  Files")
                for f in files:
                    tr.w("%6d  %s%s" % (sum(1 for e in errs if e["file"] == f), f, ":%d" % min(e["line"] for e in errs if e["file"] == f)))
            tr.w("")
        npm_run_fail(c, 2, "build", cmdline)
        return 2
    if inj2 and inj2.type == "oom":
        tr.w("")
        tr.w("<--- Last few GCs --->")
        tr.w("")
        tr.w("[%d:0x%s]    %d ms: Mark-Compact %.1f (%.1f) -> %.1f (%.1f) MB, pooled: 0 MB, %.2f / 0.00 ms  (average mu = 0.%03d, current mu = 0.%03d) allocation failure; scavenge might not succeed" % (rng.randint(20, 900), hexs(rng, 11), rng.randint(30000, 90000), 2040.1, 2083.3, 2039.0, 2083.3, rng.uniform(900, 1900), rng.randint(0, 999), rng.randint(0, 999)))
        tr.w("")
        tr.w("Killed")
        npm_run_fail(c, 137, "build", cmdline, signal="SIGKILL")
        return 137
    if p["tools"]["pm"] == "yarn":
        tr.w("Done in %.2fs." % rng.uniform(5, 70))
    return 0


def st_tsc_noemit(c, inj):
    return st_tsc(c, inj, noemit=True)


def st_vite(c, inj):
    tr, rng, p = c.tr, c.rng, c.p
    npm_run_header(c, "build", "tsc -b && vite build" if p["tools"]["ts"] else "vite build")
    inj2 = pick_fail(c, inj, "compile")
    if inj2 and inj2.type == "compile" and p["tools"]["ts"]:
        for l in ts_error_lines(c, inj2.payload["ts"], False):
            tr.w(l)
        npm_run_fail(c, 2, "build", "tsc -b && vite build")
        return 2
    tr.w(sgr("36", "vite v5.4.%d " % rng.randint(8, 11)) + sgr("32", "building for production..."))
    tr.w("transforming...")
    tr.adv(rng.uniform(3, 30))
    if inj2 and inj2.type == "oom":
        tr.w("Killed")
        npm_run_fail(c, 137, "build", "vite build", signal="SIGKILL")
        return 137
    if inj2 and inj2.type == "compile":
        e = inj2.payload["ts"][0]
        tr.w(sgr("31", "x") + " Build failed in %.2fs" % rng.uniform(2, 9))
        tr.w(sgr("31", "error during build:"))
        tr.w(sgr("31", '%s (%d:%d): "%s" is not exported by "%s", imported by "%s".' % (e["file"], e["line"], e["col"], e.get("sym", "default"), e.get("modfile", "node_modules/x/index.js"), e["file"])))
        tr.w("file: %s/%s:%d:%d" % (c.b, e["file"], e["line"], e["col"]))
        npm_run_fail(c, 1, "build", "vite build")
        return 1
    n = rng.randint(300, 4000)
    tr.w(sgr("32", "✓") + " %d modules transformed." % n)
    tr.w("rendering chunks...")
    tr.w("computing gzip size...")
    tr.w("dist/index.html                   0.%02d kB │ gzip:  0.%02d kB" % (rng.randint(40, 99), rng.randint(20, 40)))
    for _ in range(rng.randint(2, 6)):
        sz = rng.uniform(1, 700)
        tr.w("dist/assets/%s-%s.%s  %8.2f kB │ gzip: %7.2f kB" % (rng.choice(["index", "vendor", "charts", "editor"]), alnum(rng, 8, B62), rng.choice(["js", "css"]), sz, sz / 3.4))
    if rng.random() < 0.4:
        tr.w("")
        tr.w(sgr("33", "(!) Some chunks are larger than 500 kB after minification. Consider:"))
        tr.w("- Using dynamic import() to code-split the application")
        tr.w("- Use build.rollupOptions.output.manualChunks to improve chunking: https://rollupjs.org/configuration-options/#output-manualchunks")
        tr.w("- Adjust chunk size limit for this warning via build.chunkSizeWarningLimit.")
    tr.w(sgr("32", "✓ built in %.2fs" % rng.uniform(3, 60)))
    return 0


def st_webpack(c, inj):
    tr, rng, p = c.tr, c.rng, c.p
    npm_run_header(c, "build", "webpack --mode production")
    inj2 = pick_fail(c, inj, "compile")
    tr.adv(rng.uniform(10, 90))
    if inj2 and inj2.type == "oom":
        tr.w("Killed")
        npm_run_fail(c, 137, "build", "webpack --mode production", signal="SIGKILL")
        return 137
    tr.w("assets by status %.1f MiB [cached] %d assets" % (rng.uniform(0.5, 4), rng.randint(3, 30)))
    tr.w("orphan modules %.1f MiB [orphan] %d modules" % (rng.uniform(0.5, 4), rng.randint(100, 900)))
    tr.w("runtime modules %.1f KiB %d modules" % (rng.uniform(1, 20), rng.randint(5, 20)))
    tr.w("cacheable modules %.1f MiB" % rng.uniform(1, 9))
    if inj2 and inj2.type == "compile":
        errs = inj2.payload["ts"]
        tr.w("")
        for e in errs:
            if e.get("sym"):
                tr.w("ERROR in ./%s %d:0-%d" % (e["file"], e["line"], rng.randint(30, 70)))
                tr.w("export '%s' (imported as '%s') was not found in '%s' (possible exports: %s)" % (e["sym"], e["sym"], e["mod"], ", ".join(e.get("exports", ["createClient", "HttpClient"]))))
            else:
                tr.w("ERROR in %s/%s" % (c.b, e["file"]))
                tr.w("[tsl] ERROR in %s/%s(%d,%d)" % (c.b, e["file"], e["line"], e["col"]))
                tr.w("      TS%d: %s" % (e["code"], e["msg"]))
            tr.w("")
        tr.w("webpack 5.96.1 compiled with %d error%s in %d ms" % (len(errs), "s" if len(errs) > 1 else "", rng.randint(8000, 90000)))
        npm_run_fail(c, 1, "build", "webpack --mode production")
        return 1
    if rng.random() < 0.4:
        tr.w("")
        tr.w("WARNING in asset size limit: The following asset(s) exceed the recommended size limit (244 KiB).")
        tr.w("This can impact web performance.")
    tr.w("webpack 5.96.1 compiled %s in %d ms" % ("with 1 warning" if rng.random() < 0.3 else "successfully", rng.randint(8000, 90000)))
    return 0


def st_eslint(c, inj):
    tr, rng, p = c.tr, c.rng, c.p
    npm_run_header(c, "lint", "eslint . --max-warnings=0")
    inj2 = pick_fail(c, inj, "lint")
    tr.adv(rng.uniform(3, 40))
    warns = []
    if inj2 and inj2.type == "lint":
        iss = inj2.payload["issues"]
        byf = {}
        for it in iss:
            byf.setdefault(it["file"], []).append(it)
        tr.w("")
        for f, its in byf.items():
            tr.w("%s/%s" % (c.b, f))
            for it in its:
                tr.w("  %d:%d  %s  %s  %s" % (it["line"], it["col"], "error", it["msg"], it["code"]))
            tr.w("")
        ne = len(iss)
        tr.w("✖ %d problem%s (%d error%s, 0 warnings)" % (ne, "s" if ne > 1 else "", ne, "s" if ne > 1 else ""))
        if any(it.get("fixable") for it in iss):
            tr.w("  %d error and 0 warnings potentially fixable with the `--fix` option." % sum(1 for it in iss if it.get("fixable")))
        tr.w("")
        npm_run_fail(c, 1, "lint", "eslint . --max-warnings=0")
        return 1
    if p["tools"]["pm"] == "yarn":
        tr.w("Done in %.2fs." % rng.uniform(5, 40))
    return 0

# --------------------------------------------------------------------------------------
# go
# --------------------------------------------------------------------------------------
def go_kit_ver(c):
    return c.ambient.get("go_kit_ver", "v1.8.2")


def st_gomod(c, inj):
    tr, rng, p = c.tr, c.rng, c.p
    kit = "%s/shared/go-kit" % GITLAB
    c.cmd("go get %s@latest && go mod tidy" % kit)
    inj = pick_fail(c, inj, "install")
    ver = go_kit_ver(c)
    if inj and inj.type == "gotoolchain":
        tr.w("go: downloading %s %s" % (kit, inj.payload["ver"]))
        tr.w("go: %s@%s requires go >= %s (running go %s.%d; GOTOOLCHAIN=local)" % (kit, inj.payload["ver"], inj.payload["needs"], p["tools"]["go"], {"1.22": 9, "1.23": 3}[p["tools"]["go"]]))
        return 1
    gx = srng(p["path"], "gox").random() < 0.45
    if gx:
        c.cmd("go mod download -x")
    if c.cache_miss or rng.random() < 0.3 or gx:
        deps = list(GO_DEPS)
        rng.shuffle(deps)
        fail_i = 1 if not gx else rng.randint(0, 6)
        for i, (m, v) in enumerate(deps[: rng.randint(5, len(deps))] if not gx else deps):
            if inj and inj.type in ("dns", "tls", "disk") and i == fail_i:
                return go_net_fail(c, inj, m, v)
            if gx:
                for ext in ("info", "mod", "zip"):
                    u = "https://%s/api/go/go-remote/%s/@v/%s.%s" % (ARTI, m, v, ext)
                    tr.w("# get %s" % u, err=True)
                    tr.w("# get %s: 200 OK (%.3fs)" % (u, rng.uniform(0.005, 0.9)), err=True)
            else:
                tr.w("go: downloading %s %s" % (m, v), err=True)
    elif inj and inj.type in ("dns", "tls", "disk"):
        m, v = rng.choice(GO_DEPS)
        return go_net_fail(c, inj, m, v)
    if c.ambient.get("go_kit_new"):
        tr.w("go: upgraded %s v1.8.2 => %s" % (kit, ver), err=True)
    return 0


def go_net_fail(c, inj, m, v):
    tr, rng = c.tr, c.rng
    url = "https://%s/api/go/go-remote/%s/@v/%s.mod" % (inj.payload.get("host", ARTI), m, v)
    if inj.type == "dns":
        tr.w('go: %s@%s: Get "%s": %s' % (m, v, url, dns_go(c, inj)), err=True)
    elif inj.type == "tls":
        tr.w('go: %s@%s: Get "%s": tls: failed to verify certificate: %s' % (m, v, url, x509_expired(c, inj)), err=True)
    else:
        tr.w("go: %s@%s: write /go/pkg/mod/cache/download/%s/@v/%s.zip%d.tmp: no space left on device" % (m, v, m, v, rng.randint(10 ** 8, 10 ** 9)), err=True)
    return 1


def go_pkgs(c):
    return ["%s/internal/%s" % (c.p["mod"], w.replace("_", "")) for w in c.p["words"]] + ["%s/cmd/%s" % (c.p["mod"], c.p["name"])]


def go_compile_lines(c, errs):
    out = []
    byp = {}
    for e in errs:
        byp.setdefault(e["pkg"], []).append(e)
    for pkg, es in byp.items():
        out.append("# %s" % pkg)
        for e in es:
            out.append("%s:%d:%d: %s" % (e["file"], e["line"], e["col"], e["msg"]))
    return out


def st_gobuild(c, inj):
    tr, rng, p = c.tr, c.rng, c.p
    c.cmd("CGO_ENABLED=0 go build -trimpath -ldflags \"-s -w -X main.version=${CI_COMMIT_SHORT_SHA}\" -o bin/ ./cmd/...")
    inj = pick_fail(c, inj, "compile")
    tr.adv(rng.uniform(5, 60))
    if inj and inj.type == "compile":
        for l in go_compile_lines(c, inj.payload["go"]):
            tr.w(l, err=True)
        return 1
    if inj and inj.type == "oom":
        tr.w("# %s" % rng.choice(go_pkgs(c)), err=True)
        tr.w("/usr/local/go/pkg/tool/linux_amd64/compile: signal: killed", err=True)
        return 1
    if inj and inj.type == "disk":
        tr.w("go: error obtaining buildID for go tool compile: write /root/.cache/go-build/%s/%s-d: no space left on device" % (hexs(rng, 2), hexs(rng, 64)), err=True)
        return 1
    c.cmd("ls -la bin/")
    tr.w("total %d" % rng.randint(20000, 90000))
    tr.w("-rwxr-xr-x 1 root root %d %s %s" % (rng.randint(9000000, 40000000), dt.datetime.fromtimestamp(c.tr.t, dt.timezone.utc).strftime("%b %d %H:%M"), p["name"]))
    return 0


def st_gotest(c, inj):
    tr, rng, p, T = c.tr, c.rng, c.p, c.p["tools"]
    integ = c.kind == "integ"
    suites = p["isuites"] if integ else p["suites"]
    tests = [t for s in suites for t in s["tests"]]
    tags = " -tags integration" if integ else ""
    race = " -race" if T["race"] else ""
    gts = T["gotestsum"]
    verbose = T["verbose"]
    if gts:
        c.cmd("gotestsum --junitfile report.xml --format %s --%s -count=1%s%s -coverprofile=coverage.out ./..." % ("standard-verbose" if verbose else "pkgname", "", race, tags))
    else:
        c.cmd("go test%s%s -count=1 -coverprofile=coverage.out%s ./... 2>&1 | tee test.log" % (race, " -v" if verbose else "", tags))
    cinj = pick_fail(c, inj, "compile")
    tinj, fails, collect, hang_at, oom_at = test_inj(c, inj, tests)
    bypkg = {}
    for s in suites:
        bypkg.setdefault(s["cls"], []).append(s)
    nfail_pkgs = 0
    fails_total = 0
    done = 0
    broken_pkgs = set()
    if cinj and cinj.type == "compile":
        for e in cinj.payload["go"]:
            broken_pkgs.add(e["pkg"])
        for l in go_compile_lines(c, [dict(e, pkg="%s [%s.test]" % (e["pkg"], e["pkg"])) for e in cinj.payload["go"]]):
            tr.w(l, err=True)
    pkgs = go_pkgs(c)
    for pk in pkgs:
        if pk.endswith("/cmd/" + p["name"]):
            if not gts:
                tr.w("?   \t%s\t[no test files]" % pk)
            continue
        if any(pk == b or b.startswith(pk) for b in broken_pkgs) or (cinj and cinj.type == "compile" and cinj.payload.get("all_pkgs")):
            nfail_pkgs += 1
            tr.w("FAIL\t%s [build failed]" % pk if not gts else "✖  %s [build failed]" % pk[len(p["mod"]) + 1:])
            continue
        ss = bypkg.get(pk, [])
        if not ss:
            if not gts:
                tr.w("?   \t%s\t[no test files]" % pk)
            continue
        pk_fail = False
        out = []
        for s in ss:
            for t in s["tests"]:
                if hang_at is not None and done == hang_at:
                    if verbose:
                        tr.ws(out)
                        tr.w("=== RUN   %s" % t.name)
                    if T.get("panic_timeout"):
                        tr.adv(600)
                        tr.w("panic: test timed out after 10m0s")
                        tr.w("\trunning tests:")
                        tr.w("\t\t%s (10m0s)" % t.name)
                        tr.w("")
                        tr.w("goroutine %d [running]:" % rng.randint(10, 90))
                        tr.w("testing.(*M).startAlarm.func1()")
                        tr.w("\t/usr/local/go/src/testing/testing.go:2373 +0x385")
                        tr.w("created by time.goFunc")
                        tr.w("\t/usr/local/go/src/time/sleep.go:215 +0x2d")
                        tr.w("")
                        tr.w("goroutine 1 [chan receive, 9 minutes]:")
                        tr.w("testing.(*T).Run(0xc000%s, {0x%s, 0x%x}, 0x%s)" % (hexs(rng, 6), hexs(rng, 6), rng.randint(10, 40), hexs(rng, 6)))
                        tr.w("\t/usr/local/go/src/testing/testing.go:1751 +0x3ab")
                        tr.w("")
                        tr.w("goroutine %d [IO wait, 9 minutes]:" % rng.randint(10, 90))
                        tr.w("internal/poll.runtime_pollWait(0x7f%s, 0x72)" % hexs(rng, 8))
                        tr.w("\t/usr/local/go/src/runtime/netpoll.go:351 +0x85")
                        tr.w("github.com/jackc/pgx/v5/pgconn.connectOne({0x%s, 0xc000%s}, 0xc000%s, 0xc000%s, 0x0)" % (hexs(rng, 6), hexs(rng, 6), hexs(rng, 6), hexs(rng, 6)))
                        tr.w("\t/go/pkg/mod/github.com/jackc/pgx/v5@v5.7.1/pgconn/pgconn.go:342 +0x2b5")
                        tr.w("FAIL\t%s\t600.%03ds" % (pk, rng.randint(0, 999)))
                        tr.w("FAIL")
                        return 1
                    return "timeout"
                if oom_at is not None and done == oom_at:
                    tr.ws(out)
                    tr.w("signal: killed")
                    tr.w("FAIL\t%s\t%.3fs" % (pk, rng.uniform(5, 80)))
                    tr.w("FAIL")
                    return 1
                done += 1
                if t.idx in fails:
                    d = fails[t.idx]
                    pk_fail = True
                    fails_total += 1
                    out.append("=== RUN   %s" % t.name)
                    if d["k"] == "panic":
                        out += d["go_lines"]
                        break
                    out.append("--- FAIL: %s (%.2fs)" % (t.name, rng.uniform(0, 3)))
                    base = os.path.basename(t.file)
                    tl = c.ln(t.file, t.line)
                    if d["k"] == "assert":
                        if d.get("testify"):
                            out += ["    %s:%d: " % (base, tl + 4),
                                    "        \tError Trace:\t%s/%s:%d" % (c.b, t.file, tl + 4),
                                    "        \tError:      \tNot equal: ",
                                    "        \t            \texpected: %s" % val_plain(d["exp"], d["vt"]),
                                    "        \t            \tactual  : %s" % val_plain(d["act"], d["vt"]),
                                    "        \tTest:       \t%s" % t.name]
                        else:
                            out.append("    %s:%d: %s" % (base, tl + 4, d.get("gomsg") or "got %s, want %s" % (val_plain(d["act"], d["vt"]), val_plain(d["exp"], d["vt"]))))
                    else:
                        out += d.get("go_lines") or ["    %s:%d: %s" % (base, tl + 4, d["emsg"])]
                    if d.get("race"):
                        out.insert(len(out) - 1, "    testing.go:1399: race detected during execution of test")
                elif verbose:
                    out.append("=== RUN   %s" % t.name)
                    if srng(p["path"], t.idx, "sub").random() < 0.3:
                        for sub in ("valid_input", "empty_input", "returns_error_on_failure"):
                            out.append("=== RUN   %s/%s" % (t.name, sub))
                        out.append("--- PASS: %s (0.%02ds)" % (t.name, rng.randint(0, 20)))
                        for sub in ("valid_input", "empty_input", "returns_error_on_failure"):
                            out.append("    --- PASS: %s/%s (0.00s)" % (t.name, sub))
                    else:
                        if srng(p["path"], t.idx, "log").random() < 0.1:
                            out.append("    %s:%d: level=ERROR msg=\"upstream unavailable\" attempt=2 (expected in test)" % (os.path.basename(t.file), c.ln(t.file, t.line) + 5))
                        out.append("--- PASS: %s (0.%02ds)" % (t.name, rng.randint(0, 40)))
        cov = "coverage: %.1f%% of statements" % rng.uniform(40, 95)
        if pk_fail:
            nfail_pkgs += 1
            if gts and not verbose:
                tr.w("✖  %s (%dms)" % (pk[len(p["mod"]) + 1:], rng.randint(20, 9000)))
            tr.ws(out, lo=0.0001, hi=0.002)
            if not gts or verbose:
                tr.w("FAIL")
                tr.w("%s" % cov)
                tr.w("FAIL\t%s\t%.3fs" % (pk, rng.uniform(0.01, 30)))
        else:
            if verbose:
                tr.ws(out, lo=0.0001, hi=0.002)
                tr.w("PASS")
                tr.w(cov)
            if gts and not verbose:
                tr.w("✓  %s (%dms) (%s)" % (pk[len(p["mod"]) + 1:], rng.randint(20, 9000), cov))
            else:
                tr.w("ok  \t%s\t%.3fs\t%s" % (pk, rng.uniform(0.01, 30), cov))
    if gts:
        tr.w("")
        if nfail_pkgs:
            tr.w("=== Failed")
            for t, d in (tinj.payload.get("fails", []) if tinj and tinj.type == "tests" else []):
                tr.w("=== FAIL: %s %s (%.2fs)" % (t.suite["cls"][len(p["mod"]) + 1:], t.name, rng.uniform(0, 2)))
        tr.w("DONE %d tests%s in %.3fs" % (len(tests), (", %d failure%s" % (fails_total, "s" if fails_total != 1 else "")) if fails_total else "", rng.uniform(5, 90)))
    elif nfail_pkgs:
        tr.w("FAIL")
    return 1 if nfail_pkgs else 0


def st_golangci(c, inj):
    tr, rng, p = c.tr, c.rng, c.p
    c.cmd("golangci-lint run --timeout 5m --out-format colored-line-number ./...")
    inj2 = pick_fail(c, inj, "lint") or pick_fail(c, inj, "compile") or pick_fail(c, inj, "install")
    tr.adv(rng.uniform(10, 120))
    if inj2 and inj2.type in ("dns", "tls"):
        m, v = rng.choice(GO_DEPS)
        tr.w('level=error msg="Running error: context loading failed: failed to load packages: failed to load packages: failed to load with go/packages: err: exit status 1: stderr: go: %s@%s: Get \\"https://%s/api/go/go-remote/%s/@v/%s.mod\\": %s\\n"' % (m, v, inj2.payload["host"], m, v, dns_go(c, inj2) if inj2.type == "dns" else "tls: failed to verify certificate: " + x509_expired(c, inj2)))
        return 3
    if inj2 and inj2.type == "compile":
        for e in inj2.payload["go"]:
            tr.w("%s:%d:%d: %s (typecheck)" % (e["file"], e["line"], e["col"], e["msg"].split("\n")[0]))
            src = e.get("src", "")
            tr.w(src)
            lead = src[: len(src) - len(src.lstrip("\t"))]
            tr.w(lead + " " * max(0, e["col"] - 1 - len(lead)) + "^")
        return 1
    if inj2 and inj2.type == "lint":
        for it in inj2.payload["issues"]:
            tr.w("%s:%d:%d: %s (%s)" % (it["file"], it["line"], it["col"], it["msg"], it["code"]))
            tr.w(it["src"])
            lead = it["src"][: len(it["src"]) - len(it["src"].lstrip("\t"))]
            tr.w(lead + " " * max(0, it["col"] - 1 - len(lead)) + "^")
        return 1
    if rng.random() < 0.3:
        tr.w('level=warning msg="[config_reader] The configuration option `run.skip-dirs` is deprecated, please use `issues.exclude-dirs`."')
    return 0


# --------------------------------------------------------------------------------------
# jvm: maven / gradle / sbt
# --------------------------------------------------------------------------------------
def mvn_log(c, level, msg):
    if c.p["tools"].get("color"):
        col = {"INFO": "1;34", "WARNING": "1;33", "ERROR": "1;31"}[level]
        return "[" + ESC + "[" + col + "m" + level + ESC + "[m] " + msg
    return "[%s] %s" % (level, msg)


def java_group(p):
    return ".".join(pkg_java(p).split(".")[:3])


def java_test_stack(c, cls, meth, line, extra=None):
    fn = cls.split(".")[-1] + (".java" if c.p["eco"] == "java" else ".kt")
    out = list(extra or [])
    out += ["\tat %s.%s(%s:%d)" % (cls, meth, fn, line),
            "\tat java.base/java.lang.reflect.Method.invoke(Method.java:580)",
            "\tat java.base/java.util.ArrayList.forEach(ArrayList.java:1596)",
            "\tat java.base/java.util.ArrayList.forEach(ArrayList.java:1596)"]
    return out


JUNIT_ASSERT_FRAMES = ["\tat org.junit.jupiter.api.AssertionFailureBuilder.build(AssertionFailureBuilder.java:151)",
                       "\tat org.junit.jupiter.api.AssertionFailureBuilder.buildAndThrow(AssertionFailureBuilder.java:132)",
                       "\tat org.junit.jupiter.api.AssertEquals.failNotEqual(AssertEquals.java:197)",
                       "\tat org.junit.jupiter.api.AssertEquals.assertEquals(AssertEquals.java:182)",
                       "\tat org.junit.jupiter.api.Assertions.assertEquals(Assertions.java:1156)"]


def junit_exc_lines(c, t, d):
    tl = c.ln(t.file, t.line) + 4
    if d["k"] == "assert":
        head = "org.opentest4j.AssertionFailedError: %sexpected: <%s> but was: <%s>" % ((d["msg"] + " ==> ") if d.get("msg") else "", val_plain(d["exp"], d["vt"]), val_plain(d["act"], d["vt"]))
        return head, [head] + java_test_stack(c, t.cls, t.name, tl, JUNIT_ASSERT_FRAMES)
    head = "%s: %s" % (d["etype"], d["emsg"]) if d["emsg"] else d["etype"]
    fr = ["\tat %s(%s:%d)" % (f["func"], f["file"], f["line"]) for f in reversed(d["frames"])]
    return head, [head] + fr + java_test_stack(c, t.cls, t.name, tl)


def java_compile_mvn(c, errs):
    L = [mvn_log(c, "INFO", "-------------------------------------------------------------"),
         mvn_log(c, "ERROR", "COMPILATION ERROR : "),
         mvn_log(c, "INFO", "-------------------------------------------------------------")]
    for e in errs:
        L.append(mvn_log(c, "ERROR", "%s/%s:[%d,%d] %s" % (c.b, e["file"], e["line"], e["col"], e["msg"])))
        for x in e.get("extra", []):
            L.append("  " + x)
    L.append(mvn_log(c, "INFO", "%d error%s" % (len(errs), "s" if len(errs) > 1 else "")))
    L.append(mvn_log(c, "INFO", "-------------------------------------------------------------"))
    return L


def mvn_tail(c, ok, t0, goal_fail=None, extra_err=None):
    rng = c.rng
    L = [mvn_log(c, "INFO", "------------------------------------------------------------------------"),
         mvn_log(c, "INFO", "BUILD SUCCESS" if ok else "BUILD FAILURE"),
         mvn_log(c, "INFO", "------------------------------------------------------------------------")]
    el = c.tr.t - t0
    L.append(mvn_log(c, "INFO", "Total time:  %s" % ("%.3f s" % el if el < 60 else "%02d:%02d min" % (el // 60, el % 60))))
    L.append(mvn_log(c, "INFO", "Finished at: %s" % now_iso(c)))
    L.append(mvn_log(c, "INFO", "------------------------------------------------------------------------"))
    if not ok:
        L.append(mvn_log(c, "ERROR", goal_fail))
        for x in extra_err or []:
            L.append(mvn_log(c, "ERROR", x))
        L += [mvn_log(c, "ERROR", "-> [Help 1]"), mvn_log(c, "ERROR", ""),
              mvn_log(c, "ERROR", "To see the full stack trace of the errors, re-run Maven with the -e switch."),
              mvn_log(c, "ERROR", "Re-run Maven using the -X switch to enable full debug logging."),
              mvn_log(c, "ERROR", ""),
              mvn_log(c, "ERROR", "For more information about the errors and possible solutions, please read the following articles:")]
        L.append(mvn_log(c, "ERROR", "[Help 1] http://cwiki.apache.org/confluence/display/MAVEN/%s" % (c.help_kind if hasattr(c, "help_kind") else "MojoFailureException")))
    return L


def maven_deps(c):
    rng = srng(c.p["path"], "mvndeps")
    d = list(MVN_DEPS)
    rng.shuffle(d)
    d = d[: rng.randint(8, len(d))]
    d.append(("com/%s/platform/platform-commons" % c.co, c.ambient.get("jvm_commons_ver", "3.9.1")))
    return d


def st_maven(c, inj):
    tr, rng, p, T = c.tr, c.rng, c.p, c.p["tools"]
    k = c.kind
    goal = {"build": "package -DskipTests", "unit": "verify", "integ": "verify -Pintegration-tests", "lint": "spotless:check checkstyle:check"}[k]
    ntp = srng(p["path"], "ntp").random() < 0.4
    c.cmd("mvn $MAVEN_CLI_OPTS %s%s" % (goal, " -ntp" if ntp else ""))
    t0 = tr.t
    art = p["name"]
    grp = java_group(p)
    tr.w(mvn_log(c, "INFO", "Scanning for projects..."))
    if rng.random() < 0.3:
        tr.w(mvn_log(c, "WARNING", ""))
        tr.w(mvn_log(c, "WARNING", "Some problems were encountered while building the effective model for %s:%s:jar:%s-SNAPSHOT" % (grp, art, p["version"])))
        tr.w(mvn_log(c, "WARNING", "'build.plugins.plugin.version' for org.apache.maven.plugins:maven-jar-plugin is missing. @ line %d, column 21" % rng.randint(80, 200)))
        tr.w(mvn_log(c, "WARNING", ""))
    tr.w(mvn_log(c, "INFO", ""))
    hdr = "< %s:%s >" % (grp, art)
    tr.w(mvn_log(c, "INFO", "-" * ((72 - len(hdr)) // 2) + hdr + "-" * (72 - len(hdr) - (72 - len(hdr)) // 2)))
    tr.w(mvn_log(c, "INFO", "Building %s %s-SNAPSHOT" % (art, p["version"])))
    tr.w(mvn_log(c, "INFO", "  from pom.xml"))
    tr.w(mvn_log(c, "INFO", "--------------------------------[ jar ]---------------------------------"))
    iinj = pick_fail(c, inj, "install")
    deps = maven_deps(c)
    if (not ntp) and (c.cache_miss or p["big"] or rng.random() < 0.25):
        reps = 6 if p["big"] else 1
        for r in range(reps):
            for path, ver in deps:
                nm = path.split("/")[-1] + ("-parent" if r == 1 else "-bom" if r == 2 else "")
                for ext in ("pom", "jar") if r == 0 else ("pom",):
                    u = "https://%s/maven2/%s/%s/%s-%s.%s" % (ARTI, path, ver, nm, ver, ext)
                    tr.w(mvn_log(c, "INFO", "Downloading from internal: %s" % u))
                    tr.w(mvn_log(c, "INFO", "Downloaded from internal: %s (%s at %d kB/s)" % (u, fmt_bytes_kb(rng, 1, 2000).replace(" kB", " kB"), rng.randint(80, 9000))))
    if iinj:
        path, ver = rng.choice(deps)
        ga = path.replace("/", ".")
        g, a = ".".join(path.split("/")[:-1]), path.split("/")[-1]
        if iinj.type == "dns":
            why = java_unknown_host(iinj)
        elif iinj.type == "tls":
            why = "PKIX path validation failed: java.security.cert.CertPathValidatorException: validity check failed"
        else:
            why = None
        if why:
            u = "https://%s/maven2/%s/%s/%s-%s.pom" % (ARTI, path, ver, a, ver)
            tr.w(mvn_log(c, "INFO", "Downloading from internal: %s" % u))
            for L in mvn_tail(c, False, t0, "Failed to execute goal on project %s: Could not resolve dependencies for project %s:%s:jar:%s-SNAPSHOT: Failed to collect dependencies at %s:%s:jar:%s: Failed to read artifact descriptor for %s:%s:jar:%s: The following artifacts could not be resolved: %s:%s:pom:%s (absent): Could not transfer artifact %s:%s:pom:%s from/to internal (https://%s/maven2/): %s"
                              % (art, grp, art, p["version"], g, a, ver, g, a, ver, g, a, ver, g, a, ver, ARTI, why)):
                tr.w(L)
            return 1
        if iinj.type == "disk":
            c.help_kind = "MojoExecutionException"
            tr.w(mvn_log(c, "INFO", ""))
            tr.w(mvn_log(c, "INFO", "--- compiler:3.13.0:compile (default-compile) @ %s ---" % art))
            tr.w(mvn_log(c, "INFO", "Compiling %d source files with javac [debug release %s] to target/classes" % (len(p["src"]) * rng.randint(5, 15), T["jdk"])))
            for L in mvn_tail(c, False, t0, "Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.13.0:compile (default-compile) on project %s: Fatal error compiling: java.io.IOException: No space left on device" % art):
                tr.w(L)
            return 1
    tr.w(mvn_log(c, "INFO", ""))
    if k == "lint":
        linj = pick_fail(c, inj, "lint")
        tr.w(mvn_log(c, "INFO", "--- spotless:2.43.0:check (default-cli) @ %s ---" % art))
        tr.w(mvn_log(c, "INFO", "Index file does not exist. Fallback to an empty index"))
        if linj and linj.type == "lint":
            it = linj.payload["issues"][0]
            tr.w(mvn_log(c, "INFO", "------------------------------------------------------------------------"))
            c.help_kind = "MojoExecutionException"
            for L in mvn_tail(c, False, t0, "Failed to execute goal com.diffplug.spotless:spotless-maven-plugin:2.43.0:check (default-cli) on project %s: The following files had format violations:" % art,
                              ["    %s" % it["file"], "        @@ -%d,7 +%d,7 @@" % (it["line"] - 3, it["line"] - 3), "        -%s" % it["src"], "        +%s" % it["fixed"], "Run 'mvn spotless:apply' to fix these violations."]):
                tr.w(L)
            return 1
        tr.w(mvn_log(c, "INFO", "--- checkstyle:3.6.0:check (default-cli) @ %s ---" % art))
        tr.w(mvn_log(c, "INFO", "You have 0 Checkstyle violations."))
        for L in mvn_tail(c, True, t0):
            tr.w(L)
        return 0
    tr.w(mvn_log(c, "INFO", "--- resources:3.3.1:resources (default-resources) @ %s ---" % art))
    tr.w(mvn_log(c, "INFO", "Copying %d resources from src/main/resources to target/classes" % rng.randint(2, 12)))
    tr.w(mvn_log(c, "INFO", ""))
    tr.w(mvn_log(c, "INFO", "--- compiler:3.13.0:compile (default-compile) @ %s ---" % art))
    tr.w(mvn_log(c, "INFO", "Recompiling the module because of changed source code."))
    tr.w(mvn_log(c, "INFO", "Compiling %d source files with javac [debug release %s] to target/classes" % (len(p["src"]) * rng.randint(5, 15), T["jdk"])))
    cinj = pick_fail(c, inj, "compile")
    tr.adv(rng.uniform(4, 40))
    if cinj and cinj.type == "compile":
        errs = cinj.payload["java"]
        for L in java_compile_mvn(c, errs):
            tr.w(L)
        extra = []
        for e in errs:
            extra.append("%s/%s:[%d,%d] %s" % (c.b, e["file"], e["line"], e["col"], e["msg"]))
            extra += ["  " + x for x in e.get("extra", [])]
        for L in mvn_tail(c, False, t0, "Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.13.0:compile (default-compile) on project %s: Compilation failure%s" % (art, "" if len(errs) == 1 else "s"), extra):
            tr.w(L)
        return 1
    if cinj and cinj.type == "oom":
        tr.w("Killed")
        return 137
    if rng.random() < 0.5:
        f = rng.choice(p["src"])
        tr.w(mvn_log(c, "WARNING", "%s/%s: Some input files use unchecked or unsafe operations." % (c.b, f)))
        tr.w(mvn_log(c, "WARNING", "%s/%s: Recompile with -Xlint:unchecked for details." % (c.b, f)))
    tr.w(mvn_log(c, "INFO", ""))
    tr.w(mvn_log(c, "INFO", "--- resources:3.3.1:testResources (default-testResources) @ %s ---" % art))
    tr.w(mvn_log(c, "INFO", "Copying %d resources from src/test/resources to target/test-classes" % rng.randint(1, 9)))
    tr.w(mvn_log(c, "INFO", ""))
    tr.w(mvn_log(c, "INFO", "--- compiler:3.13.0:testCompile (default-testCompile) @ %s ---" % art))
    tr.w(mvn_log(c, "INFO", "Recompiling the module because of changed dependency."))
    tr.w(mvn_log(c, "INFO", "Compiling %d source files with javac [debug release %s] to target/test-classes" % (len(p["suites"]) + rng.randint(0, 9), T["jdk"])))
    if k == "build":
        tr.w(mvn_log(c, "INFO", ""))
        tr.w(mvn_log(c, "INFO", "--- surefire:3.5.2:test (default-test) @ %s ---" % art))
        tr.w(mvn_log(c, "INFO", "Tests are skipped."))
        tr.w(mvn_log(c, "INFO", ""))
        tr.w(mvn_log(c, "INFO", "--- jar:3.4.2:jar (default-jar) @ %s ---" % art))
        tr.w(mvn_log(c, "INFO", "Building jar: %s/target/%s-%s-SNAPSHOT.jar" % (c.b, art, p["version"])))
        tr.w(mvn_log(c, "INFO", ""))
        tr.w(mvn_log(c, "INFO", "--- spring-boot:3.3.5:repackage (repackage) @ %s ---" % art))
        tr.w(mvn_log(c, "INFO", "Replacing main artifact %s/target/%s-%s-SNAPSHOT.jar with repackaged archive, adding nested dependencies in BOOT-INF/." % (c.b, art, p["version"])))
        tr.w(mvn_log(c, "INFO", "The original artifact has been renamed to %s/target/%s-%s-SNAPSHOT.jar.original" % (c.b, art, p["version"])))
        for L in mvn_tail(c, True, t0):
            tr.w(L)
        return 0
    integ = k == "integ"
    plug = "failsafe:3.5.2:integration-test (default)" if integ else "surefire:3.5.2:test (default-test)"
    tr.w(mvn_log(c, "INFO", ""))
    tr.w(mvn_log(c, "INFO", "--- %s @ %s ---" % (plug, art)))
    tr.w(mvn_log(c, "INFO", "Using auto detected provider org.apache.maven.surefire.junitplatform.JUnitPlatformProvider"))
    tr.w(mvn_log(c, "INFO", ""))
    tr.w(mvn_log(c, "INFO", "-------------------------------------------------------"))
    tr.w(mvn_log(c, "INFO", " T E S T S"))
    tr.w(mvn_log(c, "INFO", "-------------------------------------------------------"))
    suites = p["isuites"] if integ else p["suites"]
    tests = [t for s in suites for t in s["tests"]]
    tinj, fails, collect, hang_at, oom_at = test_inj(c, inj, tests)
    tot = nf = ne = nsk = 0
    failed_sum = []
    done = 0
    spring = srng(p["path"], "spring").random() < 0.6
    for s in suites:
        if hang_at is not None and done + len(s["tests"]) > hang_at:
            tr.w(mvn_log(c, "INFO", "Running %s" % s["cls"]))
            if spring:
                tr.w("%s  INFO %d --- [%s] [           main] com.zaxxer.hikari.HikariDataSource       : HikariPool-1 - Starting..." % (now_iso(c)[:-1] + ".%03dZ" % rng.randint(0, 999), rng.randint(100, 999), art))
            return "timeout"
        if oom_at is not None and done + len(s["tests"]) > oom_at:
            tr.w(mvn_log(c, "INFO", "Running %s" % s["cls"]))
            c.help_kind = "MojoExecutionException"
            tr.w(mvn_log(c, "INFO", ""))
            tr.w(mvn_log(c, "INFO", "Results:"))
            tr.w(mvn_log(c, "INFO", ""))
            tr.w(mvn_log(c, "INFO", "Tests run: %d, Failures: 0, Errors: 0, Skipped: %d" % (tot, nsk)))
            tr.w(mvn_log(c, "INFO", ""))
            stamp = dt.datetime.fromtimestamp(c.tr.t, dt.timezone.utc).strftime("%Y%m%d%H%M%S") + "%03d" % rng.randint(0, 999)
            cmdl = "/bin/sh -c cd '%s' && '/opt/java/openjdk/bin/java' '-Xmx2g' '-jar' '%s/target/surefire/surefirebooter-%s_3.jar' '%s/target/surefire' '%s-jvmRun1' 'surefire-%s_1tmp' 'surefire_0-%s_2tmp'" % (c.b, c.b, stamp, c.b, stamp, stamp, stamp)
            for L in mvn_tail(c, False, t0, "Failed to execute goal org.apache.maven.plugins:maven-%s on project %s: " % (plug.replace(":", "-plugin:", 1), art),
                              ["", "Please refer to %s/target/surefire-reports for the individual test results." % c.b,
                               "Please refer to dump files (if any exist) [date].dump, [date]-jvmRun[N].dump and [date].dumpstream.",
                               "The forked VM terminated without properly saying goodbye. VM crash or System.exit called?",
                               "Command was " + cmdl, "Error occurred in starting fork, check output in log", "Process Exit Code: 137",
                               "org.apache.maven.surefire.booter.SurefireBooterForkException: The forked VM terminated without properly saying goodbye. VM crash or System.exit called?",
                               "Command was " + cmdl]):
                tr.w(L)
            return 1
        done += len(s["tests"])
        tr.w(mvn_log(c, "INFO", "Running %s" % s["cls"]))
        if spring and (s is suites[0] or rng.random() < 0.35):
            for l in spring_logs(c, s["cls"], first=s is suites[0]):
                tr.w(l)
        sf = [t for t in s["tests"] if t.idx in fails]
        n = len(s["tests"])
        tot += n
        el = rng.uniform(0.01, 4)
        if sf:
            sfail = sum(1 for t in sf if fails[t.idx]["k"] == "assert")
            serr = len(sf) - sfail
            nf += sfail
            ne += serr
            tr.w(mvn_log(c, "ERROR", "Tests run: %d, Failures: %d, Errors: %d, Skipped: 0, Time elapsed: %.3f s <<< FAILURE! -- in %s" % (n, sfail, serr, el, s["cls"])))
            for t in sf:
                d = fails[t.idx]
                head, lines = junit_exc_lines(c, t, d)
                tr.w(mvn_log(c, "ERROR", "%s.%s -- Time elapsed: %.3f s <<< %s!" % (t.cls, t.name, rng.uniform(0.001, 1), "FAILURE" if d["k"] == "assert" else "ERROR")))
                for l in lines:
                    tr.w(l)
                tr.w("")
                failed_sum.append((t, d, head))
        else:
            tr.w(mvn_log(c, "INFO", "Tests run: %d, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: %.3f s -- in %s" % (n, el, s["cls"])), dt_=el)
    tr.w(mvn_log(c, "INFO", ""))
    tr.w(mvn_log(c, "INFO", "Results:"))
    tr.w(mvn_log(c, "INFO", ""))
    if failed_sum:
        fs = [x for x in failed_sum if x[1]["k"] == "assert"]
        es = [x for x in failed_sum if x[1]["k"] != "assert"]
        if fs:
            tr.w(mvn_log(c, "ERROR", "Failures: "))
            for t, d, head in fs:
                tr.w(mvn_log(c, "ERROR", "  %s.%s:%d %s" % (t.cls.split(".")[-1], t.name, c.ln(t.file, t.line) + 4, head.split(": ", 1)[1])))
        if es:
            tr.w(mvn_log(c, "ERROR", "Errors: "))
            for t, d, head in es:
                simple = d["etype"].split(".")[-1]
                for suf in ("Exception", "Error"):
                    if simple.endswith(suf) and simple != suf:
                        simple = simple[: -len(suf)]
                tr.w(mvn_log(c, "ERROR", "  %s.%s:%d \u00bb %s %s" % (t.cls.split(".")[-1], t.name, c.ln(t.file, t.line) + 4, simple, d["emsg"])))
        tr.w(mvn_log(c, "INFO", ""))
        tr.w(mvn_log(c, "ERROR", "Tests run: %d, Failures: %d, Errors: %d, Skipped: %d" % (tot, nf, ne, nsk)))
        tr.w(mvn_log(c, "INFO", ""))
        for L in mvn_tail(c, False, t0, "Failed to execute goal org.apache.maven.plugins:maven-%s on project %s: There are test failures." % (plug.replace(":", "-plugin:", 1), art),
                          ["", "Please refer to %s/target/%s-reports for the individual test results." % (c.b, "failsafe" if integ else "surefire"),
                           "Please refer to dump files (if any exist) [date].dump, [date]-jvmRun[N].dump and [date].dumpstream."]):
            tr.w(L)
        return 1
    tr.w(mvn_log(c, "INFO", "Tests run: %d, Failures: 0, Errors: 0, Skipped: %d" % (tot, nsk)))
    tr.w(mvn_log(c, "INFO", ""))
    tr.w(mvn_log(c, "INFO", "--- jacoco:0.8.12:report (report) @ %s ---" % art))
    tr.w(mvn_log(c, "INFO", "Loading execution data file %s/target/jacoco.exec" % c.b))
    tr.w(mvn_log(c, "INFO", "Analyzed bundle '%s' with %d classes" % (art, rng.randint(30, 300))))
    for L in mvn_tail(c, True, t0):
        tr.w(L)
    return 0


def spring_logs(c, cls, first=False):
    rng, p = c.rng, c.p
    art = p["name"]
    pid = srng(c.jid, "pid").randint(100, 9999)
    short = cls.split(".")[-1]
    abbrev = ".".join(x[0] for x in cls.split(".")[:-1]) + "." + short

    def L(level, logger, msg, thread="main"):
        c.tr.adv(rng.uniform(0.001, 0.4))
        d = dt.datetime.fromtimestamp(c.tr.t, dt.timezone.utc)
        return "%s.%03dZ %5s %d --- [%s] [%15s] %-40s : %s" % (d.strftime("%Y-%m-%dT%H:%M:%S"), d.microsecond // 1000, level, pid, art, thread[-15:], logger[-40:], msg)
    out = []
    if first:
        out += ["", "  .   ____          _            __ _ _", " /\\\\ / ___'_ __ _ _(_)_ __  __ _ \\ \\ \\ \\", "( ( )\\___ | '_ | '_| | '_ \\/ _` | \\ \\ \\ \\",
                " \\\\/  ___)| |_)| | | | | || (_| |  ) ) ) )", "  '  |____| .__|_| |_|_| |_\\__, | / / / /", " =========|_|==============|___/=/_/_/_/", "", " :: Spring Boot ::                (v3.3.5)", ""]
        out.append("Mockito is currently self-attaching to enable the inline-mock-maker. This will no longer work in future releases of the JDK. Please add Mockito as an agent to your build what is described in Mockito's documentation: https://javadoc.io/doc/org.mockito/mockito-core/latest/org/mockito/Mockito.html#0.3")
        out.append("WARNING: A Java agent has been loaded dynamically (/root/.m2/repository/net/bytebuddy/byte-buddy-agent/1.15.10/byte-buddy-agent-1.15.10.jar)")
        out.append("WARNING: If a serviceability tool is in use, please run with -XX:+EnableDynamicAgentLoading to hide this warning")
        out.append("WARNING: If a serviceability tool is not in use, please run with -XX:+EnableDynamicAgentLoading to hide this warning")
        out.append("WARNING: Dynamic loading of agents will be disallowed by default in a future release")
    out.append(L("INFO", abbrev, "Starting %s using Java 21.0.5 with PID %d (started by root in %s)" % (short, pid, c.b)))
    out.append(L("INFO", abbrev, 'No active profile set, falling back to 1 default profile: "default"'))
    if first or rng.random() < 0.5:
        out.append(L("INFO", ".s.d.r.c.RepositoryConfigurationDelegate", "Bootstrapping Spring Data JPA repositories in DEFAULT mode."))
        out.append(L("INFO", ".s.d.r.c.RepositoryConfigurationDelegate", "Finished Spring Data repository scanning in %d ms. Found %d JPA repository interfaces." % (rng.randint(20, 300), rng.randint(2, 20))))
        out.append(L("INFO", "com.zaxxer.hikari.HikariDataSource", "HikariPool-1 - Starting..."))
        out.append(L("INFO", "com.zaxxer.hikari.pool.HikariPool", "HikariPool-1 - Added connection org.postgresql.jdbc.PgConnection@%s" % hexs(rng, 8)))
        out.append(L("INFO", "com.zaxxer.hikari.HikariDataSource", "HikariPool-1 - Start completed."))
        out.append(L("INFO", "o.f.core.internal.command.DbMigrate", 'Successfully applied %d migrations to schema "public", now at version v%d (execution time 00:00.%03ds)' % (rng.randint(5, 60), rng.randint(5, 60), rng.randint(0, 999))))
        out.append(L("WARN", "JpaBaseConfiguration$JpaWebConfiguration", "spring.jpa.open-in-view is enabled by default. Therefore, database queries may be performed during view rendering. Explicitly configure spring.jpa.open-in-view to disable this warning"))
    out.append(L("INFO", abbrev, "Started %s in %.3f seconds (process running for %.3f)" % (short, rng.uniform(1, 9), rng.uniform(5, 40))))
    for _ in range(rng.randint(0, 12)):
        w = rng.choice(p["words"])
        lv = rng.choice(["INFO", "INFO", "WARN", "ERROR", "DEBUG"])
        msg = rng.choice(["%s %d accepted" % (camel(w), rng.randint(1, 9999)), "Retrying %s lookup after transient failure (attempt %d of 3)" % (w, rng.randint(1, 3)),
                          "Failed to publish %s event, will retry: Connection refused" % w, "Exception while handling %s request: expected validation failure" % w,
                          "Processed %d %s records in %d ms" % (rng.randint(1, 500), w, rng.randint(1, 900))])
        out.append(L(lv, "%s.%sService" % (".".join(x[0] for x in pkg_java(p).split(".")), camel(w)), msg, thread=rng.choice(["main", "pool-2-thread-1", "task-1", "scheduling-1"])))
    return out


def gradle_header(c, tasks):
    tr, rng = c.tr, c.rng
    c.cmd("./gradlew %s --no-daemon --console=plain" % tasks)
    if c.cache_miss:
        tr.w("Downloading https://services.gradle.org/distributions/gradle-8.10.2-bin.zip")
        tr.w("." * 13 + "10%" + "." * 13 + "20%" + "." * 13 + "30%" + "." * 13 + "40%" + "." * 13 + "50%" + "." * 13 + "60%" + "." * 13 + "70%" + "." * 13 + "80%" + "." * 13 + "90%" + "." * 13 + "100%")
        tr.w("")
        tr.w("Welcome to Gradle 8.10.2!")
        tr.w("")
        tr.w("Here are the highlights of this release:")
        tr.w(" - Support for Java 23")
        tr.w(" - Faster configuration cache")
        tr.w(" - Better configuration cache reports")
        tr.w("")
        tr.w("For more details see https://docs.gradle.org/8.10.2/release-notes.html")
        tr.w("")
        tr.w("Starting a Gradle Daemon (subsequent builds will be faster)")
    else:
        tr.w("To honour the JVM settings for this build a single-use Daemon process will be forked. For more on this, please refer to https://docs.gradle.org/8.10.2/userguide/gradle_daemon.html#sec:disabling_the_daemon in the Gradle documentation.")
        tr.w("Daemon will be stopped at the end of the build ")
    tr.adv(rng.uniform(5, 30))


def gradle_fail(c, task, what, t0, tests_report=False):
    tr, rng = c.tr, c.rng
    tr.w("")
    tr.w("FAILURE: Build failed with an exception.")
    tr.w("")
    tr.w("* What went wrong:")
    for l in what:
        tr.w(l)
    tr.w("")
    tr.w("* Try:")
    for l in (["> Run with --scan to get full insights."] if tests_report else ["> Run with --stacktrace option to get the stack trace.", "> Run with --info or --debug option to get more log output.", "> Run with --scan to get full insights."]):
        tr.w(l)
    tr.w("> Get more help at https://help.gradle.org.")
    tr.w("")
    tr.adv(rng.uniform(0.2, 2))
    el = int(tr.t - c.t_script + rng.uniform(8, 40))
    tr.w("BUILD FAILED in %s" % ("%ds" % el if el < 60 else "%dm %ds" % (el // 60, el % 60)))
    a = rng.randint(4, 20)
    e = rng.randint(1, a)
    tr.w("%d actionable tasks: %d executed%s" % (a, e, ", %d up-to-date" % (a - e) if a > e else ""))


def gradle_deprecation(c):
    tr = c.tr
    tr.w("")
    tr.w("Deprecated Gradle features were used in this build, making it incompatible with Gradle 9.0.")
    tr.w("")
    tr.w("You can use '--warning-mode all' to show the individual deprecation warnings and determine if they come from your own scripts or plugins.")
    tr.w("")
    tr.w("For more on this, please refer to https://docs.gradle.org/8.10.2/userguide/command_line_interface.html#sec:command_line_warnings in the Gradle documentation.")


def st_gradle(c, inj):
    tr, rng, p, T = c.tr, c.rng, c.p, c.p["tools"]
    k = c.kind
    android = T.get("android")
    kt = p["eco"] == "kotlin"
    pre = ":app" if android else ""
    if k == "build":
        tasks = "%s:assembleDebug" % pre if android else "assemble"
    elif k == "lint":
        tasks = "%s:lintDebug" % pre if android else ("detekt" if kt else "spotlessCheck")
    else:
        tasks = "%s:testDebugUnitTest" % pre if android else ("integrationTest" if k == "integ" else "test")
    gradle_header(c, tasks)
    t0 = tr.t
    iinj = pick_fail(c, inj, "install")
    comp = "%s:compileDebugKotlin" % pre if android else (":compileKotlin" if kt else ":compileJava")
    if iinj:
        path, ver = rng.choice(maven_deps(c))
        g, a = ".".join(path.split("/")[:-1]), path.split("/")[-1]
        u = "https://%s/maven2/%s/%s/%s-%s.pom" % (ARTI, path, ver, a, ver)
        if iinj.type == "disk":
            tr.w("> Task %s FAILED" % comp)
            gradle_fail(c, comp, ["Execution failed for task '%s'." % comp, "> java.io.IOException: No space left on device"], t0)
            return 1
        why = java_unknown_host(iinj) if iinj.type == "dns" else "PKIX path validation failed: java.security.cert.CertPathValidatorException: validity check failed"
        tr.w("> Task %s FAILED" % comp)
        cfg = ":app:debugCompileClasspath" if android else ":compileClasspath"
        gradle_fail(c, comp, ["Execution failed for task '%s'." % comp,
                              "> Could not resolve all files for configuration '%s'." % cfg,
                              "   > Could not resolve %s:%s:%s." % (g, a, ver),
                              "     Required by:",
                              "         project %s" % (":app" if android else ":"),
                              "      > Could not resolve %s:%s:%s." % (g, a, ver),
                              "         > Could not get resource '%s'." % u,
                              "            > Could not GET '%s'." % u,
                              "               > %s" % why], t0)
        return 1
    tasks_pre = ([":app:preBuild", ":app:preDebugBuild", ":app:generateDebugBuildConfig", ":app:checkDebugAarMetadata", ":app:processDebugManifest", ":app:mergeDebugResources"] if android
                 else [":processResources"])
    for tk in tasks_pre:
        tr.w("> Task %s%s" % (tk, " UP-TO-DATE" if rng.random() < 0.2 else ""))
    cinj = pick_fail(c, inj, "compile")
    if k != "lint" or android:
        if cinj and cinj.type == "compile":
            if kt:
                for e in cinj.payload["kotlin"]:
                    tr.w("e: file://%s/%s:%d:%d %s" % (c.b, e["file"], e["line"], e["col"], e["msg"]))
                tr.w("")
                tr.w("> Task %s FAILED" % comp)
                gradle_fail(c, comp, ["Execution failed for task '%s'." % comp,
                                      "> A failure occurred while executing org.jetbrains.kotlin.compilerRunner.GradleCompilerRunnerWithWorkers$GradleKotlinCompilerWorkAction",
                                      "   > Compilation error. See log for more details"], t0)
            else:
                tr.w("> Task %s" % comp)
                for e in cinj.payload["java"]:
                    tr.w("%s/%s:%d: error: %s" % (c.b, e["file"], e["line"], e["msg"]))
                    tr.w(e["src"])
                    tr.w(" " * (e["col"] - 1) + "^")
                    for x in e.get("extra", []):
                        tr.w("  " + x)
                errs = cinj.payload["java"]
                tr.w("%d error%s" % (len(errs), "s" if len(errs) > 1 else ""))
                tr.w("")
                tr.w("> Task %s FAILED" % comp)
                gradle_fail(c, comp, ["Execution failed for task '%s'." % comp, "> Compilation failed; see the compiler error output for details."], t0)
            return 1
        if cinj and cinj.type == "oom":
            tr.w("> Task %s" % comp)
            tr.adv(rng.uniform(20, 200))
            tr.w("")
            tr.w("FAILURE: Build failed with an exception.")
            tr.w("")
            tr.w("* What went wrong:")
            tr.w("Gradle build daemon disappeared unexpectedly (it may have been killed or may have crashed)")
            tr.w("")
            tr.w("* Try:")
            tr.w("> Run with --stacktrace option to get the stack trace.")
            tr.w("> Run with --info or --debug option to get more log output.")
            tr.w("> Run with --scan to get full insights.")
            tr.w("> Get more help at https://help.gradle.org.")
            return 1
        if kt and rng.random() < 0.6:
            f = rng.choice(p["src"])
            tr.w("> Task %s" % comp)
            tr.w("w: file://%s/%s:%d:%d Parameter 'context' is never used" % (c.b, f, c.ln(f, rng.randint(20, 200)), rng.randint(5, 40)))
        else:
            tr.w("> Task %s" % comp)
        tr.w("> Task %s" % (":app:compileDebugJavaWithJavac NO-SOURCE" if android else ":classes"))
    if k == "build":
        for tk in ([":app:mergeDebugAssets", ":app:dexBuilderDebug", ":app:mergeDebugJavaResource", ":app:packageDebug", ":app:assembleDebug"] if android else [":jar", ":bootJar", ":assemble"]):
            tr.w("> Task %s" % tk)
        if rng.random() < 0.5:
            gradle_deprecation(c)
        tr.w("")
        tr.w("BUILD SUCCESSFUL in %ds" % int(tr.t - t0 + rng.uniform(20, 90)))
        a = rng.randint(8, 40)
        tr.w("%d actionable tasks: %d executed" % (a, a))
        return 0
    if k == "lint":
        linj = pick_fail(c, inj, "lint")
        if android:
            tr.w("> Task :app:lintAnalyzeDebug")
            tr.w("> Task :app:lintReportDebug")
            if linj and linj.type == "lint":
                it = linj.payload["issues"][0]
                tr.w("Wrote HTML report to file://%s/app/build/reports/lint-results-debug.html" % c.b)
                tr.w("")
                tr.w("> Task :app:lintDebug FAILED")
                tr.w("Lint found 1 error, %d warnings. First failure:" % rng.randint(5, 60))
                tr.w("%s/%s:%d: Error: %s [%s]" % (c.b, it["file"], it["line"], it["msg"], it["code"]))
                tr.w("    " + it["src"])
                tr.w("    " + " " * (it["col"] - 1) + "~" * it.get("width", 10))
                tr.w("")
                tr.w("   Explanation for issues of type \"%s\":" % it["code"])
                tr.w("   %s" % it.get("explain", "This check flags usages that are known to crash on some devices."))
                gradle_fail(c, ":app:lintDebug", ["Execution failed for task ':app:lintDebug'.", "> Lint found errors in the project; aborting build.", "  ", "  Fix the issues identified by lint, or create a baseline to see only new errors.", "  To create a baseline, run `gradlew updateLintBaseline` after adding the following to the module's build.gradle file:", "  ```", "  android {", "      lint {", "          baseline = file(\"lint-baseline.xml\")", "      }", "  }", "  ```", "  For more details, see https://developer.android.com/studio/write/lint#snapshot"], t0)
                return 1
            tr.w("Wrote HTML report to file://%s/app/build/reports/lint-results-debug.html" % c.b)
            tr.w("> Task :app:lintDebug")
        else:
            tr.w("> Task :%s" % ("detekt" if kt else "spotlessJava"))
            if linj and linj.type == "lint":
                it = linj.payload["issues"][0]
                if kt:
                    tr.w("")
                    tr.w("%s - %dmin debt" % (it["ruleset"], rng.randint(5, 20)))
                    tr.w("\t%s - [%s] at %s/%s:%d:%d" % (it["code"], it["sym"], c.b, it["file"], it["line"], it["col"]))
                    tr.w("")
                    tr.w("Overall debt: %dmin" % rng.randint(5, 20))
                    tr.w("")
                    tr.w("> Task :detekt FAILED")
                    gradle_fail(c, ":detekt", ["Execution failed for task ':detekt'.", "> Analysis failed with 1 weighted issues."], t0)
                else:
                    tr.w("> Task :spotlessJava FAILED")
                    gradle_fail(c, ":spotlessJavaCheck", ["Execution failed for task ':spotlessJavaCheck'.", "> The following files had format violations:", "      %s" % it["file"], "          @@ -%d,7 +%d,7 @@" % (it["line"] - 3, it["line"] - 3), "          -%s" % it["src"], "          +%s" % it["fixed"], "  Run './gradlew :spotlessApply' to fix these violations."], t0)
                return 1
            tr.w("> Task :%s" % ("detekt" if kt else "spotlessCheck"))
        tr.w("")
        tr.w("BUILD SUCCESSFUL in %ds" % int(tr.t - t0 + rng.uniform(10, 60)))
        a = rng.randint(3, 12)
        tr.w("%d actionable tasks: %d executed" % (a, a))
        return 0
    ttask = "%s:testDebugUnitTest" % pre if android else (":integrationTest" if k == "integ" else ":test")
    tr.w("> Task %s" % (":app:compileDebugUnitTestKotlin" if android else (":compileTestKotlin" if kt else ":compileTestJava")))
    tr.w("> Task %s" % (":app:processDebugUnitTestJavaRes" if android else ":testClasses"))
    suites = p["isuites"] if k == "integ" else p["suites"]
    tests = [t for s in suites for t in s["tests"]]
    tinj, fails, collect, hang_at, oom_at = test_inj(c, inj, tests)
    tr.w("> Task %s" % ttask)
    done = 0
    nfail = 0
    for s in suites:
        for t in s["tests"]:
            if hang_at is not None and done == hang_at:
                return "timeout"
            if oom_at is not None and done == oom_at:
                tr.w("")
                tr.w("> Task %s FAILED" % ttask)
                gradle_fail(c, ttask, ["Execution failed for task '%s'." % ttask, "> Process 'Gradle Test Executor %d' finished with non-zero exit value 137" % rng.randint(1, 9), "  This problem might be caused by incorrect test process configuration.", "  For more on test execution, please refer to https://docs.gradle.org/8.10.2/userguide/java_testing.html#sec:test_execution in the Gradle documentation."], t0)
                return 1
            done += 1
            if t.idx not in fails and T.get("events"):
                tr.w("")
                tr.w("%s > %s() PASSED" % (t.cls.split(".")[-1], t.name), dt_=rng.uniform(0.001, 0.2))
            if t.idx in fails:
                nfail += 1
                d = fails[t.idx]
                cn = t.cls.split(".")[-1]
                tr.w("")
                tr.w("%s > %s() FAILED" % (cn, t.name))
                head, lines = junit_exc_lines(c, t, d)
                if T.get("fullfmt", srng(p["path"], "fullfmt").random() < 0.6):
                    tr.w("    " + head)
                    for l in lines[1:4]:
                        tr.w("        " + l.strip().replace("at ", "at app//", 1) if "org.junit" not in l and "java.base" not in l else "        " + l.strip())
                else:
                    ex = head.split(":")[0]
                    tr.w("    %s at %s.%s:%d" % (ex, cn, "java" if not kt else "kt", c.ln(t.file, t.line) + 4))
    if nfail:
        tr.w("")
        tr.w("%d tests completed, %d failed%s" % (len(tests), nfail, ", %d skipped" % rng.randint(1, 5) if rng.random() < 0.4 else ""))
        tr.w("")
        tr.w("> Task %s FAILED" % ttask)
        rep = "app/build/reports/tests/testDebugUnitTest/index.html" if android else "build/reports/tests/%s/index.html" % ttask.strip(":")
        gradle_fail(c, ttask, ["Execution failed for task '%s'." % ttask, "> There were failing tests. See the report at: file://%s/%s" % (c.b, rep)], t0, tests_report=True)
        return 1
    if rng.random() < 0.5:
        gradle_deprecation(c)
    tr.w("")
    tr.w("BUILD SUCCESSFUL in %s" % ("%ds" % int(tr.t - t0 + 30) if rng.random() < 0.5 else "%dm %ds" % (rng.randint(1, 6), rng.randint(0, 59))))
    a = rng.randint(5, 30)
    e = rng.randint(1, a)
    tr.w("%d actionable tasks: %d executed%s" % (a, e, ", %d up-to-date" % (a - e) if a > e else ""))
    return 0


def sbt_ts(c):
    d = dt.datetime.fromtimestamp(c.tr.t, dt.timezone.utc)
    return d.strftime("%b %-d, %Y, %-I:%M:%S %p")


def st_sbt(c, inj):
    tr, rng, p, T = c.tr, c.rng, c.p, c.p["tools"]
    k = c.kind
    task = {"build": "compile", "lint": "scalafmtCheckAll", "unit": "test", "integ": "IntegrationTest/test"}[k]
    c.cmd("sbt -Dsbt.ci=true -batch %s" % task)
    t0 = tr.t
    tr.w("[info] welcome to sbt 1.10.5 (Eclipse Adoptium Java 21.0.5)")
    tr.w("[info] loading settings for project %s-build from plugins.sbt ..." % p["name"])
    tr.w("[info] loading project definition from %s/project" % c.b)
    tr.w("[info] loading settings for project %s from build.sbt ..." % p["name"])
    tr.w("[info] set current project to %s (in build file:%s/)" % (p["name"], c.b))
    iinj = pick_fail(c, inj, "install")
    if iinj:
        path, ver = rng.choice(maven_deps(c))
        a = path.split("/")[-1]
        g = ".".join(path.split("/")[:-1])
        if iinj.type == "dns":
            why = "download error: Caught java.net.UnknownHostException (%s) while downloading https://%s/maven2/%s/%s/%s-%s.pom" % (java_unknown_host(iinj), ARTI, path, ver, a, ver)
        elif iinj.type == "tls":
            why = "download error: Caught javax.net.ssl.SSLHandshakeException (PKIX path validation failed: java.security.cert.CertPathValidatorException: validity check failed) while downloading https://%s/maven2/%s/%s/%s-%s.pom" % (ARTI, path, ver, a, ver)
        else:
            why = "java.io.IOException: No space left on device"
        tr.w("[error] lmcoursier.internal.shaded.coursier.error.FetchError$DownloadingArtifacts: Error fetching artifacts:")
        tr.w("[error] https://%s/maven2/%s/%s/%s-%s.jar: %s" % (ARTI, path, ver, a, ver, why))
        tr.w("[error] (update) lmcoursier.internal.shaded.coursier.error.FetchError$DownloadingArtifacts: Error fetching artifacts:")
        tr.w("[error] https://%s/maven2/%s/%s/%s-%s.jar: %s" % (ARTI, path, ver, a, ver, why))
        tr.w("[error] Total time: %d s, completed %s" % (int(tr.t - t0) + 3, sbt_ts(c)))
        return 1
    if k == "lint":
        linj = pick_fail(c, inj, "lint")
        tr.w("[info] scalafmt: Checking %d Scala sources (%s)..." % (len(p["src"]) * 4, c.b))
        if linj and linj.type == "lint":
            it = linj.payload["issues"][0]
            tr.w("[warn] %s/%s isn't formatted properly!" % (c.b, it["file"]))
            tr.w("[error] (Compile / scalafmtCheck) 1 files must be formatted")
            tr.w("[error] Total time: %d s, completed %s" % (int(tr.t - t0) + 8, sbt_ts(c)))
            return 1
        tr.w("[success] Total time: %d s, completed %s" % (int(tr.t - t0) + 8, sbt_ts(c)))
        return 0
    tr.w("[info] compiling %d Scala sources to %s/target/scala-2.13/classes ..." % (len(p["src"]) * rng.randint(3, 9), c.b))
    tr.adv(rng.uniform(20, 120))
    cinj = pick_fail(c, inj, "compile")
    if cinj and cinj.type == "compile":
        errs = cinj.payload["scala"]
        for e in errs:
            ml = e["msg"].split("\n")
            tr.w("[error] %s/%s:%d:%d: %s" % (c.b, e["file"], e["line"], e["col"], ml[0]))
            for x in ml[1:]:
                tr.w("[error] %s" % x)
            tr.w("[error] %s" % e["src"])
            tr.w("[error] %s^" % (" " * (e["col"] - 1)))
        tr.w("[error] %s error%s found" % ("one" if len(errs) == 1 else str(len(errs)), "" if len(errs) == 1 else "s"))
        tr.w("[error] (Compile / compileIncremental) Compilation failed")
        tr.w("[error] Total time: %d s, completed %s" % (int(tr.t - t0), sbt_ts(c)))
        return 1
    if cinj and cinj.type == "oom":
        tr.w("/usr/share/sbt/bin/sbt-launch-lib.bash: line %d: %d Killed                  \"$@\"" % (rng.choice([59, 61]), rng.randint(30, 300)))
        return 137
    if rng.random() < 0.5:
        f = rng.choice(p["src"])
        tr.w("[warn] %s/%s:%d:%d: method %s in class %s is deprecated (since 2.13.0)" % (c.b, f, c.ln(f, rng.randint(10, 200)), rng.randint(5, 40), "toIterator", "IterableOnceExtensionMethods"))
        tr.w("[warn] one warning found")
    if k == "build":
        tr.w("[success] Total time: %d s (%02d:%02d), completed %s" % (int(tr.t - t0), int(tr.t - t0) // 60, int(tr.t - t0) % 60, sbt_ts(c)))
        return 0
    tr.w("[info] compiling %d Scala sources to %s/target/scala-2.13/test-classes ..." % (len(p["suites"]), c.b))
    suites = p["isuites"] if k == "integ" else p["suites"]
    tests = [t for s in suites for t in s["tests"]]
    tinj, fails, collect, hang_at, oom_at = test_inj(c, inj, tests)
    done = 0
    nfail = 0
    failed_suites = []
    munit = T.get("test") == "munit"
    for s in suites:
        short = s["cls"].split(".")[-1]
        if not munit:
            tr.w("[info] %s:" % short)
        else:
            tr.w("[info] %s:" % s["cls"])
        sfail = False
        for t in s["tests"]:
            if hang_at is not None and done == hang_at:
                return "timeout"
            if oom_at is not None and done == oom_at:
                tr.w("/usr/share/sbt/bin/sbt-launch-lib.bash: line 59: %d Killed                  \"$@\"" % rng.randint(30, 300))
                return 137
            done += 1
            if t.idx in fails:
                d = fails[t.idx]
                nfail += 1
                sfail = True
                tl = c.ln(t.file, t.line) + 3
                fn = os.path.basename(t.file)
                if munit:
                    tr.w("[error] ==> X %s.%s  %.3fs munit.ComparisonFailException: %s/%s:%d" % (s["cls"], t.desc, rng.uniform(0, 1), c.b, t.file, tl))
                    if d["k"] == "assert":
                        tr.w("[error] %d:    assertEquals(result, %s)" % (tl, val_plain(d["exp"], d["vt"])))
                        tr.w("[error] values are not the same")
                        tr.w("[error] => Obtained")
                        tr.w("[error] %s" % val_plain(d["act"], d["vt"]))
                        tr.w("[error] => Diff (- obtained, + expected)")
                        tr.w("[error] -%s" % val_plain(d["act"], d["vt"]))
                        tr.w("[error] +%s" % val_plain(d["exp"], d["vt"]))
                    else:
                        tr.w("[error] %s: %s" % (d["etype"], d["emsg"]))
                else:
                    tr.w("[info] - %s *** FAILED ***" % t.desc)
                    if d["k"] == "assert":
                        tr.w("[info]   %s did not equal %s (%s:%d)" % (val_plain(d["act"], d["vt"]), val_plain(d["exp"], d["vt"]), fn, tl))
                    else:
                        tr.w("[info]   %s: %s" % (d["etype"], d["emsg"]))
                        for f in reversed(d["frames"]):
                            tr.w("[info]   at %s(%s:%d)" % (f["func"], f["file"], f["line"]))
            else:
                if munit:
                    tr.w("[info]   + %s %.3fs" % (t.desc, rng.uniform(0, 0.3)))
                else:
                    tr.w("[info] - %s" % t.desc)
        if sfail:
            failed_suites.append(s["cls"])
    tr.w("[info] Run completed in %d seconds, %d milliseconds." % (rng.randint(2, 90), rng.randint(0, 999)))
    tr.w("[info] Total number of tests run: %d" % len(tests))
    tr.w("[info] Suites: completed %d, aborted 0" % len(suites))
    tr.w("[info] Tests: succeeded %d, failed %d, canceled 0, ignored %d, pending 0" % (len(tests) - nfail, nfail, rng.randint(0, 3)))
    if nfail:
        tr.w("[info] *** %d TEST%s FAILED ***" % (nfail, "S" if nfail > 1 else ""))
        tr.w("[error] Failed tests:")
        for s in failed_suites:
            tr.w("[error] \t%s" % s)
        tr.w("[error] (Test / test) sbt.TestsFailedException: Tests unsuccessful")
        tr.w("[error] Total time: %d s (%02d:%02d), completed %s" % (int(tr.t - t0), int(tr.t - t0) // 60, int(tr.t - t0) % 60, sbt_ts(c)))
        return 1
    tr.w("[info] All tests passed.")
    tr.w("[success] Total time: %d s (%02d:%02d), completed %s" % (int(tr.t - t0), int(tr.t - t0) // 60, int(tr.t - t0) % 60, sbt_ts(c)))
    return 0

# --------------------------------------------------------------------------------------
# rust
# --------------------------------------------------------------------------------------
def crate_name(p):
    return p["name"]


def cargo_prelude(c, iinj, locked=True):
    """Updating index / downloading / compiling deps.  Returns exit code or None to continue."""
    tr, rng, p = c.tr, c.rng, c.p
    if c.cache_miss or rng.random() < 0.3 or iinj:
        tr.w("    Updating `internal` index")
        if iinj and iinj.type in ("dns", "tls"):
            host = iinj.payload["host"]
            e = "[6] Couldn't resolve host name (Could not resolve host: %s)" % host if iinj.type == "dns" else "[60] SSL peer certificate or SSH remote key was not OK (SSL certificate problem: certificate has expired)"
            for k in (3, 2, 1):
                tr.w("warning: spurious network error (%d tries remaining): %s" % (k, e))
                tr.adv(1.5 * (4 - k))
            dep = rng.choice(CRATES)[0]
            tr.w("error: failed to get `%s` as a dependency of package `%s v%s (%s)`" % (dep, crate_name(p), p["version"], c.b))
            tr.w("")
            tr.w("Caused by:")
            tr.w("  download of config.json failed")
            tr.w("")
            tr.w("Caused by:")
            tr.w("  failed to download from `https://%s/api/cargo/crates-remote/index/config.json`" % host)
            tr.w("")
            tr.w("Caused by:")
            tr.w("  %s" % e)
            return 101
        crates = list(CRATES)
        n = rng.randint(20, len(crates))
        for cr, v in crates[:n]:
            tr.w("  Downloaded %s v%s" % (cr, v))
        tr.w("  Downloaded %d crates (%.1f MB) in %.2fs" % (n, rng.uniform(2, 30), rng.uniform(0.5, 5)))
    return None


def rust_diag(c, e):
    out = []
    code = "[%s]" % e["code"] if e.get("code") else ""
    out.append("%s%s: %s" % (e.get("level", "error"), code, e["msg"]))
    w = len(str(e["line"]))
    out.append("%s--> %s:%d:%d" % (" " * w, e["file"], e["line"], e["col"]))
    out.append("%s |" % (" " * w))
    out.append("%d | %s" % (e["line"], e["src"]))
    out.append("%s | %s%s%s" % (" " * w, " " * (e["col"] - 1), "^" * e.get("width", 3), (" " + e["label"]) if e.get("label") else ""))
    out.append("%s |" % (" " * w))
    for n in e.get("notes", []):
        out.append("%s = %s" % (" " * w, n))
    out.append("")
    return out


def cargo_compile_deps(c, cinj):
    tr, rng = c.tr, c.rng
    crates = list(CRATES)
    big = c.p["big"]
    for r in range(3 if big else 1):
        for i, (cr, v) in enumerate(crates):
            if cinj and cinj.type == "oom" and i == len(crates) // 2:
                tr.w("error: could not compile `%s` (lib)" % cr)
                tr.w("")
                tr.w("Caused by:")
                tr.w("  process didn't exit successfully: `/usr/local/rustup/toolchains/%s-x86_64-unknown-linux-gnu/bin/rustc --crate-name %s --edition=2021 /usr/local/cargo/registry/src/index.crates.io-6f17d22bba15001f/%s-%s/src/lib.rs --error-format=json --json=diagnostic-rendered-ansi,artifacts,future-incompat --crate-type lib --emit=dep-info,metadata,link -C opt-level=3 -C embed-bitcode=no --cfg 'feature=\"default\"' -C metadata=%s -C extra-filename=-%s --out-dir %s/target/release/deps -C strip=debuginfo -L dependency=%s/target/release/deps --cap-lints allow` (signal: 9, SIGKILL: kill)" % ("1.82.0" if c.p["tools"]["toolchain"] == "1.82" else c.ambient.get("rust_stable", "1.83.0"), cr.replace("-", "_"), cr, v, hexs(rng, 16), hexs(rng, 16), c.b, c.b))
                tr.w("warning: build failed, waiting for other jobs to finish...")
                return 101
            if cinj and cinj.type == "disk" and i == len(crates) - 3:
                tr.w("error: failed to write %s/target/release/deps/lib%s-%s.rmeta: No space left on device (os error 28)" % (c.b, cr.replace("-", "_"), hexs(rng, 16)))
                tr.w("")
                tr.w("error: could not compile `%s` (lib) due to 1 previous error" % cr)
                tr.w("warning: build failed, waiting for other jobs to finish...")
                return 101
            if r == 0:
                tr.w("   Compiling %s v%s" % (cr, v), dt_=rng.uniform(0.05, 2))
            else:
                tr.w("   Compiling %s-%s v%s" % (cr, ["sys", "impl", "core", "util"][r], v), dt_=rng.uniform(0.05, 2))
    return None


def st_cargo_build(c, inj, test=False):
    tr, rng, p = c.tr, c.rng, c.p
    c.cmd("cargo build --release --locked" if not test else "cargo test --locked --all-features")
    iinj = pick_fail(c, inj, "install")
    r = cargo_prelude(c, iinj)
    if r:
        return r
    cinj = pick_fail(c, inj, "compile")
    r = cargo_compile_deps(c, cinj)
    if r:
        return r
    tr.w("   Compiling %s v%s (%s)" % (crate_name(p), p["version"], c.b))
    tr.adv(rng.uniform(5, 90))
    if cinj and cinj.type == "compile":
        errs = cinj.payload["rust"]
        for e in errs:
            for l in rust_diag(c, e):
                tr.w(l)
        codes = sorted(set(e["code"] for e in errs if e.get("code")))
        if codes:
            if len(codes) == 1:
                tr.w("For more information about this error, try `rustc --explain %s`." % codes[0])
            else:
                tr.w("Some errors have detailed explanations: %s." % ", ".join(codes))
                tr.w("For more information about an error, try `rustc --explain %s`." % codes[0])
        tr.w("error: could not compile `%s` (%s) due to %d previous error%s" % (crate_name(p), "lib" if not test else "lib test", len(errs), "s" if len(errs) > 1 else ""))
        return 101
    if rng.random() < 0.3:
        f = rng.choice(p["src"])
        for l in rust_diag(c, {"level": "warning", "msg": "unused variable: `%s`" % rng.choice(["ctx", "idx", "err", "cfg"]), "file": f, "line": c.ln(f, rng.randint(20, 300)), "col": rng.randint(9, 20), "src": "        let ctx = self.context();", "width": 3, "label": "help: if this is intentional, prefix it with an underscore: `_ctx`", "notes": ["note: `#[warn(unused_variables)]` on by default"]}):
            tr.w(l)
        tr.w("warning: `%s` (lib) generated 1 warning" % crate_name(p))
    if not test:
        tr.w("    Finished `release` profile [optimized] target(s) in %s" % fmt_dur(tr.t - c.t_script + rng.uniform(30, 200)))
        return 0
    tr.w("    Finished `test` profile [unoptimized + debuginfo] target(s) in %s" % fmt_dur(rng.uniform(30, 300)))
    return cargo_run_tests(c, inj)


def cargo_run_tests(c, inj):
    tr, rng, p = c.tr, c.rng, c.p
    suites = p["suites"]
    tests = [t for s in suites for t in s["tests"]]
    tinj, fails, collect, hang_at, oom_at = test_inj(c, inj, tests)
    tr.w("     Running unittests src/lib.rs (target/debug/deps/%s-%s)" % (crate_name(p).replace("-", "_"), hexs(rng, 16)))
    tr.w("")
    tr.w("running %d tests" % len(tests))
    flist = []
    for i, t in enumerate(sorted(tests, key=lambda t: "%s::%s" % (t.cls, t.name))):
        if hang_at is not None and i == hang_at:
            tr.adv(60)
            tr.w("test %s::%s has been running for over 60 seconds" % (t.cls, t.name))
            return "timeout"
        if oom_at is not None and i == oom_at:
            tr.w("error: test failed, to rerun pass `--lib`")
            tr.w("")
            tr.w("Caused by:")
            tr.w("  process didn't exit successfully: `%s/target/debug/deps/%s-%s` (signal: 9, SIGKILL: kill)" % (c.b, crate_name(p).replace("-", "_"), hexs(rng, 16)))
            return 101
        if t.idx in fails:
            flist.append(t)
            tr.w("test %s::%s ... FAILED" % (t.cls, t.name))
        elif srng(p["path"], t.idx, "ign").random() < 0.02:
            tr.w("test %s::%s ... ignored" % (t.cls, t.name))
        else:
            tr.w("test %s::%s ... ok" % (t.cls, t.name))
    tr.w("")
    if flist:
        tr.w("failures:")
        tr.w("")
        for t in flist:
            d = fails[t.idx]
            tr.w("---- %s::%s stdout ----" % (t.cls, t.name))
            tl = c.ln(t.file, t.line) + 6
            if d["k"] == "assert":
                tr.w("thread '%s::%s' panicked at %s:%d:%d:" % (t.cls, t.name, t.file, tl, rng.randint(5, 13)))
                tr.w("assertion `left == right` failed%s" % (": " + d["msg"] if d.get("msg") else ""))
                tr.w("  left: %s" % (val_js(d["act"], d["vt"]) if d["vt"] == "str" else val_plain(d["act"], d["vt"])))
                tr.w(" right: %s" % (val_js(d["exp"], d["vt"]) if d["vt"] == "str" else val_plain(d["exp"], d["vt"])))
            else:
                f = d["frames"][-1] if d.get("frames") else {"file": t.file, "line": tl}
                tr.w("thread '%s::%s' panicked at %s:%d:%d:" % (t.cls, t.name, f["file"], f["line"], f.get("col", 9)))
                tr.w(d["emsg"])
            tr.w("note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace")
            tr.w("")
        tr.w("")
        tr.w("failures:")
        for t in flist:
            tr.w("    %s::%s" % (t.cls, t.name))
        tr.w("")
        tr.w("test result: FAILED. %d passed; %d failed; 0 ignored; 0 measured; 0 filtered out; finished in %.2fs" % (len(tests) - len(flist), len(flist), rng.uniform(0.1, 30)))
        tr.w("")
        tr.w("error: test failed, to rerun pass `--lib`")
        return 101
    tr.w("test result: ok. %d passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in %.2fs" % (len(tests), rng.uniform(0.1, 30)))
    tr.w("")
    tr.w("   Doc-tests %s" % crate_name(p).replace("-", "_"))
    tr.w("")
    nd = rng.randint(0, 12)
    tr.w("running %d tests" % nd)
    tr.w("test result: ok. %d passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in %.2fs" % (nd, rng.uniform(0.1, 3)))
    tr.w("")
    return 0


def st_cargo_test(c, inj):
    return st_cargo_build(c, inj, test=True)


def st_cargo_fmt(c, inj):
    c.cmd("cargo fmt --all -- --check")
    inj2 = pick_fail(c, inj, "lint")
    if inj2 and inj2.type == "lint" and inj2.payload.get("fmt"):
        it = inj2.payload["issues"][0]
        c.tr.w("Diff in %s/%s:%d:" % (c.b, it["file"], it["line"]))
        c.tr.w(" %s" % it.get("ctx", "    fn refill(&mut self) {"))
        c.tr.w("-%s" % it["src"])
        c.tr.w("+%s" % it["fixed"])
        return 1
    return 0


def st_clippy(c, inj):
    tr, rng, p = c.tr, c.rng, c.p
    c.cmd("cargo clippy --all-targets --all-features --locked -- -D warnings")
    iinj = pick_fail(c, inj, "install")
    r = cargo_prelude(c, iinj)
    if r:
        return r
    for cr, v in CRATES[: rng.randint(10, len(CRATES))]:
        tr.w("    Checking %s v%s" % (cr, v))
    tr.w("    Checking %s v%s (%s)" % (crate_name(p), p["version"], c.b))
    cinj = pick_fail(c, inj, "compile") or pick_fail(c, inj, "lint")
    if cinj and cinj.type in ("compile", "lint") and not cinj.payload.get("fmt"):
        errs = cinj.payload["rust"] if cinj.type == "compile" else cinj.payload["issues"]
        for e in errs:
            for l in rust_diag(c, e):
                tr.w(l)
        tr.w("error: could not compile `%s` (lib) due to %d previous error%s" % (crate_name(p), len(errs), "s" if len(errs) > 1 else ""))
        tr.w("warning: build failed, waiting for other jobs to finish...")
        if rng.random() < 0.5:
            tr.w("error: could not compile `%s` (lib test) due to %d previous error%s" % (crate_name(p), len(errs), "s" if len(errs) > 1 else ""))
        return 101
    tr.w("    Finished `dev` profile [unoptimized + debuginfo] target(s) in %s" % fmt_dur(rng.uniform(20, 200)))
    return 0


# --------------------------------------------------------------------------------------
# ruby
# --------------------------------------------------------------------------------------
def st_bundler(c, inj):
    tr, rng, p = c.tr, c.rng, c.p
    c.cmd("bundle config set --local path vendor/bundle")
    c.cmd("bundle install --jobs 4 --retry 3")
    inj2 = pick_fail(c, inj, "install")
    src = "https://%s/api/gems/gems-remote/" % ARTI
    if inj2 and inj2.type in ("dns", "tls"):
        tr.w("Fetching gem metadata from %s" % src)
        if inj2.type == "dns":
            under = "<Socket::ResolutionError: Failed to open TCP connection to %s:443 (getaddrinfo: %s)>" % (inj2.payload["host"], "Temporary failure in name resolution" if inj2.payload.get("errno") == -3 else "Name or service not known")
        else:
            under = "<OpenSSL::SSL::SSLError: SSL_connect returned=1 errno=0 peeraddr=10.20.%d.%d:443 state=error: certificate verify failed (certificate has expired)>" % (rng.randint(0, 9), rng.randint(2, 250))
        for k in (2, 3, 4):
            tr.w("Retrying fetcher due to error (%d/4): Bundler::HTTPError Could not fetch specs from %s due to underlying error %s (%sversions)" % (k, src, under[:-1] + ">" if False else under, src) if False else
                 "Retrying fetcher due to error (%d/4): Bundler::HTTPError Could not fetch specs from %s due to underlying error %s" % (k, src, under))
            tr.adv(rng.uniform(1, 5))
        tr.w("Could not fetch specs from %s due to underlying error %s" % (src, under))
        return 17
    tr.w("Fetching gem metadata from %s%s" % (src, "." * rng.randint(3, 12)))
    tr.w("Resolving dependencies...")
    for g, v in GEMS:
        if c.cache_miss:
            tr.w("Fetching %s %s" % (g, v))
            tr.w("Installing %s %s%s" % (g, v, " with native extensions" if g in ("nokogiri", "pg", "puma", "json") else ""))
        else:
            tr.w("Using %s %s" % (g, v))
    if inj2 and inj2.type == "disk":
        tr.w("Fetching nokogiri 1.16.7 (x86_64-linux)")
        tr.w("Installing nokogiri 1.16.7 (x86_64-linux)")
        tr.w("Errno::ENOSPC: No space left on device @ io_write - %s/vendor/bundle/ruby/%s.0/gems/nokogiri-1.16.7-x86_64-linux/lib/nokogiri/%s/nokogiri.so" % (c.b, p["tools"]["ruby"], p["tools"]["ruby"]))
        tr.w("An error occurred while installing nokogiri (1.16.7), and Bundler cannot continue.")
        return 5
    tr.w("Using %s-client %s" % (c.co, c.ambient.get("rb_client_ver", "2.6.0")))
    tr.w("Bundle complete! %d Gemfile dependencies, %d gems now installed." % (rng.randint(15, 30), len(GEMS) + rng.randint(20, 60)))
    tr.w("Bundled gems are installed into `./vendor/bundle`")
    return 0


def rb_frames(c, frames):
    out = []
    for f in reversed(frames):
        out.append("# ./%s:%d:in '%s'" % (f["file"], f["line"], f["func"]))
    return out


def st_rspec(c, inj):
    tr, rng, p = c.tr, c.rng, c.p
    integ = c.kind == "integ"
    suites = p["isuites"] if integ else p["suites"]
    tests = [t for s in suites for t in s["tests"]]
    c.cmd("bundle exec rspec %s--format %s --format RspecJunitFormatter --out report.xml" % ("spec/integration " if integ else "", "documentation" if p["tools"].get("doc") else "progress"))
    seed = rng.randint(1000, 65000)
    tinj, fails, collect, hang_at, oom_at = test_inj(c, inj, tests)
    if collect:
        f, d = collect[0]
        tr.w("")
        tr.w("An error occurred while loading ./%s." % f)
        for l in d["rspec"]:
            tr.w(l)
        tr.w("")
        tr.w("Finished in %.5f seconds (files took %.5f seconds to load)" % (rng.uniform(0, 0.01), rng.uniform(0.5, 3)))
        tr.w("0 examples, 0 failures, 1 error occurred outside of examples")
        tr.w("")
        return 1
    tr.w("Randomized with seed %d" % seed)
    order = sorted(tests, key=lambda t: srng(seed, t.idx).random())
    chars = []
    flist = []
    pend = []
    for i, t in enumerate(order):
        if hang_at is not None and i == hang_at:
            tr.w("".join(chars))
            return "timeout"
        if oom_at is not None and i == oom_at:
            tr.w("".join(chars))
            tr.w("Killed")
            return 137
        if t.idx in fails:
            chars.append(ESC + "[31mF" + ESC + "[0m")
            flist.append(t)
        elif srng(p["path"], t.idx, "pend").random() < 0.015:
            chars.append(ESC + "[33m*" + ESC + "[0m")
            pend.append(t)
        else:
            chars.append(ESC + "[32m." + ESC + "[0m")
    if p["tools"].get("doc"):
        fi = 0
        bysuite = {}
        for t in order:
            bysuite.setdefault(t.cls, []).append(t)
        for cls, ts in bysuite.items():
            tr.w("")
            tr.w(cls)
            for t in ts:
                if t in flist:
                    fi = flist.index(t) + 1
                    tr.w(ESC + "[31m  %s (FAILED - %d)" % (t.name, fi) + ESC + "[0m")
                elif t in pend:
                    tr.w(ESC + "[33m  %s (PENDING: Temporarily skipped with xit)" % t.name + ESC + "[0m")
                else:
                    tr.w(ESC + "[32m  %s" % t.name + ESC + "[0m", dt_=rng.uniform(0.001, 0.2))
    else:
        for k in range(0, len(chars), 120):
            tr.w("".join(chars[k:k + 120]), dt_=rng.uniform(0.2, 3))
    tr.w("")
    if pend:
        tr.w("Pending: (Failures listed here are expected and do not affect your suite's status)")
        tr.w("")
        for i, t in enumerate(pend, 1):
            tr.w("  %d) %s %s" % (i, t.cls, t.name))
            tr.w("     # Temporarily skipped with xit")
            tr.w("     # ./%s:%d" % (t.file, c.ln(t.file, t.line)))
            tr.w("")
    if flist:
        tr.w("Failures:")
        tr.w("")
        for i, t in enumerate(flist, 1):
            d = fails[t.idx]
            tl = c.ln(t.file, t.line)
            tr.w("  %d) %s %s" % (i, t.cls, t.name))
            if d["k"] == "assert":
                tr.w("     Failure/Error: %s" % (d.get("rbcode") or "expect(result).to eq(%s)" % val_ruby(d["exp"], d["vt"])))
                tr.w("")
                tr.w("       expected: %s" % val_ruby(d["exp"], d["vt"]))
                tr.w("            got: %s" % val_ruby(d["act"], d["vt"]))
                tr.w("")
                tr.w("       (compared using ==)")
                tr.w("     # ./%s:%d:in 'block (3 levels) in <top (required)>'" % (t.file, tl + 3))
            else:
                tr.w("     Failure/Error: %s" % d["frames"][-1]["code"].strip())
                tr.w("")
                tr.w("     %s:" % d["etype"])
                for l in d["emsg"].split("\n"):
                    tr.w("       %s" % l)
                for l in rb_frames(c, d["frames"]):
                    tr.w("     " + l)
                tr.w("     # ./%s:%d:in 'block (2 levels) in <top (required)>'" % (t.file, tl + 3))
            tr.w("")
    tr.w("Finished in %.2f seconds (files took %.5f seconds to load)" % (rng.uniform(3, 120), rng.uniform(0.5, 4)))
    tr.w("%d examples, %d failure%s%s" % (len(tests), len(flist), "" if len(flist) == 1 else "s", ", %d pending" % len(pend) if pend else ""))
    tr.w("")
    if flist:
        tr.w("Failed examples:")
        tr.w("")
        for t in flist:
            tr.w(ESC + "[31mrspec ./%s:%d" % (t.file, c.ln(t.file, t.line)) + ESC + "[0m " + ESC + "[36m# %s %s" % (t.cls, t.name) + ESC + "[0m")
        tr.w("")
    tr.w("Randomized with seed %d" % seed)
    tr.w("")
    return 1 if flist else 0


def st_minitest(c, inj):
    tr, rng, p = c.tr, c.rng, c.p
    suites = p["suites"]
    tests = [t for s in suites for t in s["tests"]]
    c.cmd("bundle exec rake test")
    seed = rng.randint(1000, 65000)
    tinj, fails, collect, hang_at, oom_at = test_inj(c, inj, tests)
    tr.w("Run options: --seed %d" % seed)
    tr.w("")
    tr.w("# Running:")
    tr.w("")
    chars = []
    flist = []
    for i, t in enumerate(sorted(tests, key=lambda t: srng(seed, t.idx).random())):
        if hang_at is not None and i == hang_at:
            tr.w("".join(chars))
            return "timeout"
        if oom_at is not None and i == oom_at:
            tr.w("".join(chars))
            tr.w("Killed")
            return 137
        if t.idx in fails:
            chars.append("F" if fails[t.idx]["k"] == "assert" else "E")
            flist.append(t)
        else:
            chars.append(".")
    for k in range(0, len(chars), 100):
        tr.w("".join(chars[k:k + 100]))
    tr.w("")
    el = rng.uniform(1, 40)
    tr.w("Finished in %.6fs, %.4f runs/s, %.4f assertions/s." % (el, len(tests) / el, len(tests) * 2.3 / el))
    nf = ne = 0
    for i, t in enumerate(flist, 1):
        d = fails[t.idx]
        tl = c.ln(t.file, t.line)
        tr.w("")
        if d["k"] == "assert":
            nf += 1
            tr.w("  %d) Failure:" % i)
            tr.w("%s#%s [%s:%d]:" % (t.cls, t.name, t.file, tl + 3))
            tr.w("Expected: %s" % val_ruby(d["exp"], d["vt"]))
            tr.w("  Actual: %s" % val_ruby(d["act"], d["vt"]))
        else:
            ne += 1
            tr.w("  %d) Error:" % i)
            tr.w("%s#%s:" % (t.cls, t.name))
            tr.w("%s: %s" % (d["etype"], d["emsg"]))
            for f in reversed(d["frames"]):
                tr.w("    %s:%d:in '%s'" % (f["file"], f["line"], f["func"]))
            tr.w("    %s:%d:in '%s#%s'" % (t.file, tl + 3, t.cls, t.name))
    tr.w("")
    tr.w("%d runs, %d assertions, %d failures, %d errors, %d skips" % (len(tests), int(len(tests) * 2.3), nf, ne, rng.randint(0, 3)))
    if flist:
        tr.w("rake aborted!")
        tr.w("Command failed with status (1)")
        tr.w("/builds/%s/vendor/bundle/ruby/%s.0/gems/rake-13.2.1/exe/rake:27:in '<top (required)>'" % (p["path"], p["tools"]["ruby"]))
        tr.w("Tasks: TOP => test")
        tr.w("(See full trace by running task with --trace)")
        return 1
    return 0


def st_rubocop(c, inj):
    tr, rng, p = c.tr, c.rng, c.p
    c.cmd("bundle exec rubocop --format progress --parallel")
    inj2 = pick_fail(c, inj, "lint")
    nfiles = len(p["src"]) * rng.randint(5, 14)
    tr.w("Inspecting %d files" % nfiles)
    if inj2 and inj2.type == "lint":
        iss = inj2.payload["issues"]
        tr.w("." * (nfiles // 2) + "C" + "." * (nfiles - nfiles // 2 - 1))
        tr.w("")
        tr.w("Offenses:")
        tr.w("")
        for it in iss:
            tr.w("%s:%d:%d: %s: %s%s: %s" % (it["file"], it["line"], it["col"], it.get("sev", "C"), "[Correctable] " if it.get("fixable") else "", it["code"], it["msg"]))
            tr.w(it["src"])
            tr.w(" " * (it["col"] - 1) + "^" * it.get("width", 6))
        tr.w("")
        tr.w("%d files inspected, %d offense%s detected%s" % (nfiles, len(iss), "s" if len(iss) > 1 else "", ", %d offense autocorrectable" % len(iss) if iss[0].get("fixable") else ""))
        return 1
    tr.w("." * nfiles)
    tr.w("")
    tr.w("%d files inspected, no offenses detected" % nfiles)
    return 0


# --------------------------------------------------------------------------------------
# php
# --------------------------------------------------------------------------------------
def st_composer(c, inj):
    tr, rng, p = c.tr, c.rng, c.p
    c.cmd("composer install --no-interaction --prefer-dist --no-progress")
    inj2 = pick_fail(c, inj, "install")
    tr.w("Installing dependencies from lock file (including require-dev)")
    tr.w("Verifying lock file contents can be installed on current platform.")
    pk = ["symfony/polyfill-mbstring", "symfony/console", "psr/log", "guzzlehttp/guzzle", "guzzlehttp/psr7", "monolog/monolog",
          "doctrine/dbal", "twig/twig", "nikic/php-parser", "phpunit/phpunit", "sebastian/diff", "phpstan/phpstan", "%s/http-client" % c.co]
    tr.w("Package operations: %d installs, 0 updates, 0 removals" % (len(pk) + rng.randint(40, 80)))
    if inj2:
        if inj2.type in ("dns", "tls"):
            host = inj2.payload["host"]
            e = "curl error 6 while downloading https://%s/api/composer/php-remote/packages.json: Could not resolve host: %s" % (host, host) if inj2.type == "dns" else "curl error 60 while downloading https://%s/api/composer/php-remote/packages.json: SSL certificate problem: certificate has expired" % host
            tr.w("")
            tr.w("In CurlDownloader.php line %d:" % rng.choice([390, 405]))
            tr.w("")
            tr.w("  " + e)
            tr.w("")
            tr.w("install [--prefer-source] [--prefer-dist] [--prefer-install PREFER-INSTALL] [--dry-run] [--download-only] [--dev] [--no-suggest] [--no-dev] [--no-autoloader] [--no-progress] [--no-install] [--audit] [--audit-format AUDIT-FORMAT] [-v|vv|vvv|--verbose] [-o|--optimize-autoloader] [-a|--classmap-authoritative] [--apcu-autoloader] [--apcu-autoloader-prefix APCU-AUTOLOADER-PREFIX] [--ignore-platform-req IGNORE-PLATFORM-REQ] [--ignore-platform-reqs] [--] [<packages>...]")
            tr.w("")
            return 100
        if inj2.type == "disk":
            tr.w("  - Downloading %s (v%d.%d.%d)" % (pk[0], 1, 31, 0))
            tr.w("")
            tr.w("In Filesystem.php line %d:" % rng.randint(300, 400))
            tr.w("")
            tr.w("  file_put_contents(%s/vendor/composer/tmp-%s.zip): Failed to open stream: No space left on device" % (c.b, hexs(rng, 32)))
            tr.w("")
            return 1
    for x in pk:
        tr.w("  - %s %s (v%d.%d.%d)%s" % ("Installing" if c.cache_miss else "Installing", x, rng.randint(1, 7), rng.randint(0, 30), rng.randint(0, 12), ": Extracting archive"))
    tr.w("Generating optimized autoload files")
    tr.w("%d packages you are using are looking for funding." % rng.randint(20, 60))
    tr.w("Use the `composer fund` command to find out more!")
    return 0


def st_phpunit(c, inj):
    tr, rng, p = c.tr, c.rng, c.p
    suites = p["suites"]
    tests = [t for s in suites for t in s["tests"]]
    c.cmd("vendor/bin/phpunit --log-junit report.xml")
    tinj, fails, collect, hang_at, oom_at = test_inj(c, inj, tests)
    tr.w("PHPUnit 10.5.%d by Sebastian Bergmann and contributors." % rng.randint(30, 38))
    tr.w("")
    tr.w("Runtime:       PHP 8.3.%d" % rng.randint(10, 13))
    tr.w("Configuration: %s/phpunit.xml" % c.b)
    tr.w("")
    chars = []
    flist = []
    n = len(tests)
    w = len(str(n))
    for i, t in enumerate(tests):
        if hang_at is not None and i == hang_at:
            return "timeout"
        if oom_at is not None and i == oom_at:
            tr.w("Killed")
            return 137
        if t.idx in fails:
            chars.append("F" if fails[t.idx]["k"] == "assert" else "E")
            flist.append(t)
        else:
            chars.append("S" if srng(p["path"], t.idx, "sk").random() < 0.01 else ".")
        if len(chars) == 63 or i == n - 1:
            done = i + 1
            tr.w("%s%s %*d / %d (%3d%%)" % ("".join(chars), " " * (63 - len(chars)), w, done, n, done * 100 // n))
            chars = []
    tr.w("")
    tr.w("Time: 00:%06.3f, Memory: %.2f MB" % (rng.uniform(1, 50), rng.choice([24, 32, 48, 64, 96])))
    fl = [t for t in flist if fails[t.idx]["k"] == "assert"]
    el = [t for t in flist if fails[t.idx]["k"] != "assert"]
    k = 0
    if el:
        tr.w("")
        tr.w("There %s %d error%s:" % ("was" if len(el) == 1 else "were", len(el), "" if len(el) == 1 else "s"))
        for t in el:
            k += 1
            d = fails[t.idx]
            tr.w("")
            tr.w("%d) %s::%s" % (k, t.cls, t.name))
            tr.w("%s: %s" % (d["etype"], d["emsg"]))
            tr.w("")
            for f in reversed(d["frames"]):
                tr.w("%s/%s:%d" % (c.b, f["file"], f["line"]))
            tr.w("%s/%s:%d" % (c.b, t.file, c.ln(t.file, t.line) + 3))
    if fl:
        tr.w("")
        tr.w("There %s %d failure%s:" % ("was" if len(fl) == 1 else "were", len(fl), "" if len(fl) == 1 else "s"))
        for t in fl:
            k += 1
            d = fails[t.idx]
            tr.w("")
            tr.w("%d) %s::%s" % (k, t.cls, t.name))
            if d["vt"] == "str":
                tr.w("Failed asserting that two strings are identical.")
                tr.w("--- Expected")
                tr.w("+++ Actual")
                tr.w("@@ @@")
                tr.w("-'%s'" % d["exp"])
                tr.w("+'%s'" % d["act"])
            else:
                tr.w("Failed asserting that %s is identical to %s." % (val_plain(d["act"], d["vt"]), val_plain(d["exp"], d["vt"])))
            tr.w("")
            tr.w("%s/%s:%d" % (c.b, t.file, c.ln(t.file, t.line) + 3))
    tr.w("")
    if flist:
        tr.w("ERRORS!" if el else "FAILURES!")
        tr.w("Tests: %d, Assertions: %d%s%s." % (n, int(n * 2.6), ", Errors: %d" % len(el) if el else "", ", Failures: %d" % len(fl) if fl else ""))
        return 2 if el else 1
    tr.w("OK (%d tests, %d assertions)" % (n, int(n * 2.6)))
    return 0


def st_phpstan(c, inj):
    tr, rng, p = c.tr, c.rng, c.p
    c.cmd("vendor/bin/phpstan analyse --no-progress --error-format=table --memory-limit=1G")
    inj2 = pick_fail(c, inj, "lint")
    tr.w("Note: Using configuration file %s/phpstan.neon." % c.b)
    if inj2 and inj2.type == "lint":
        iss = inj2.payload["issues"]
        byf = {}
        for it in iss:
            byf.setdefault(it["file"], []).append(it)
        for f, its in byf.items():
            tr.w(" ------ " + "-" * 66 + " ")
            tr.w("  Line   %-66s" % f)
            tr.w(" ------ " + "-" * 66 + " ")
            for it in its:
                tr.w("  %-5d  %-66s" % (it["line"], it["msg"]))
                tr.w("         🪪  %-63s" % it["code"])
            tr.w(" ------ " + "-" * 66 + " ")
            tr.w("")
        tr.w("")
        tr.w(" [ERROR] Found %d error%s" % (len(iss), "s" if len(iss) > 1 else ""))
        tr.w("")
        return 1
    tr.w("")
    tr.w(" [OK] No errors")
    tr.w("")
    return 0


def st_php_cs_fixer(c, inj):
    tr, rng, p = c.tr, c.rng, c.p
    c.cmd("vendor/bin/php-cs-fixer fix --dry-run --diff --using-cache=no")
    inj2 = pick_fail(c, inj, "lint")
    tr.w("PHP CS Fixer 3.64.0 7th Gear by Fabien Potencier, Dariusz Ruminski and contributors.")
    tr.w("PHP runtime: 8.3.13")
    tr.w("Running analysis on 4 cores with 10 files per process.")
    tr.w("Parallel runner is an experimental feature and may be unstable, use it at your own risk. Feedback highly appreciated!")
    tr.w('Loaded config default from "%s/.php-cs-fixer.dist.php".' % c.b)
    if inj2 and inj2.type == "lint":
        it = inj2.payload["issues"][0]
        tr.w("   1) %s (%s)" % (it["file"], it["code"]))
        tr.w("      ---------- begin diff ----------")
        tr.w("--- %s/%s" % (c.b, it["file"]))
        tr.w("+++ %s/%s" % (c.b, it["file"]))
        tr.w("@@ -%d,7 +%d,6 @@" % (it["line"] - 3, it["line"] - 3))
        tr.w("-%s" % it["src"])
        tr.w("")
        tr.w("      ----------- end diff -----------")
        tr.w("")
        tr.w("")
        tr.w("Found 1 of %d files that can be fixed in %.3f seconds, %.3f MB memory used" % (len(p["src"]) * 9, rng.uniform(0.5, 5), rng.uniform(14, 30)))
        return 8
    tr.w("")
    tr.w("Found 0 of %d files that can be fixed in %.3f seconds, %.3f MB memory used" % (len(p["src"]) * 9, rng.uniform(0.5, 5), rng.uniform(14, 30)))
    return 0


# --------------------------------------------------------------------------------------
# c / c++
# --------------------------------------------------------------------------------------
def st_apt(c, inj):
    tr, rng = c.tr, c.rng
    c.cmd("apt-get update -qq && apt-get install -y -qq --no-install-recommends libssl-dev zlib1g-dev libgtest-dev ccache")
    inj2 = pick_fail(c, inj, "install")
    if inj2 and inj2.type in ("dns", "tls"):
        host = inj2.payload["host"]
        for suite in ("bookworm", "bookworm-updates", "bookworm-security"):
            if inj2.type == "dns":
                tr.w("W: Failed to fetch https://%s/api/deb/debian-remote/dists/%s/InRelease  Could not resolve '%s'" % (host, suite, host), err=True)
            else:
                tr.w("W: Failed to fetch https://%s/api/deb/debian-remote/dists/%s/InRelease  Certificate verification failed: The certificate is NOT trusted. The certificate chain uses expired certificate.  Could not handshake: Error in the certificate verification. [IP: 10.20.%d.%d 443]" % (host, suite, rng.randint(0, 9), rng.randint(2, 250)), err=True)
        tr.w("W: Some index files failed to download. They have been ignored, or old ones used instead.", err=True)
        tr.w("E: Unable to locate package libgtest-dev", err=True)
        return 100
    if inj2 and inj2.type == "disk":
        tr.w("E: You don't have enough free space in /var/cache/apt/archives/.", err=True)
        return 100
    tr.w("debconf: delaying package configuration, since apt-utils is not installed")
    vers = {"libssl-dev:amd64": "3.0.15-1~deb12u1", "zlib1g-dev:amd64": "1:1.2.13.dfsg-1", "libgtest-dev:amd64": "1.12.1-0.2", "ccache": "4.8+really4.7.5-1"}
    for pk in ("libssl-dev:amd64", "zlib1g-dev:amd64", "libgtest-dev:amd64", "ccache"):
        tr.w("Selecting previously unselected package %s." % pk)
        tr.w("Preparing to unpack .../%s_%s_amd64.deb ..." % (pk.split(":")[0], vers[pk].replace("1:", "")))
        tr.w("Unpacking %s (%s) ..." % (pk, vers[pk]))
    for pk in ("libssl-dev:amd64", "zlib1g-dev:amd64", "libgtest-dev:amd64", "ccache"):
        tr.w("Setting up %s (%s) ..." % (pk, vers[pk]))
    return 0


def cc_compile_error_lines(c, e, compiler):
    out = []
    fpath = "%s/%s" % (c.b, e["file"])
    if compiler == "gcc" and e.get("func"):
        out.append("%s: In %s:" % (fpath, e["func"]))
    out.append("%s:%d:%d: error: %s" % (fpath, e["line"], e["col"], e["msg_gcc" if compiler == "gcc" else "msg_clang"]))
    out.append("%5d | %s" % (e["line"], e["src"]))
    out.append("      | %s%s" % (" " * (e["col"] - 1), "^" + "~" * (e.get("width", 4) - 1) if compiler == "gcc" else "^"))
    for n in e.get("notes", []):
        out.append(n.replace("{B}", c.b))
    return out


def st_cmake(c, inj):
    tr, rng, p, T = c.tr, c.rng, c.p, c.p["tools"]
    gen = T["gen"]
    cc = T["cc"]
    c.cmd("cmake -S . -B build %s-DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER_LAUNCHER=ccache" % ("-G Ninja " if gen == "ninja" else ""))
    ver = "18.1.8" if cc == "clang" else "14.2.0"
    tr.w("-- The C compiler identification is %s %s" % ("Clang" if cc == "clang" else "GNU", ver))
    tr.w("-- The CXX compiler identification is %s %s" % ("Clang" if cc == "clang" else "GNU", ver))
    for l in ["-- Detecting C compiler ABI info", "-- Detecting C compiler ABI info - done",
              "-- Check for working C compiler: /usr/bin/%s - skipped" % ("clang" if cc == "clang" else "cc"),
              "-- Detecting C compile features", "-- Detecting C compile features - done",
              "-- Detecting CXX compiler ABI info", "-- Detecting CXX compiler ABI info - done",
              "-- Check for working CXX compiler: /usr/bin/%s - skipped" % ("clang++" if cc == "clang" else "c++"),
              "-- Detecting CXX compile features", "-- Detecting CXX compile features - done",
              "-- Found OpenSSL: /usr/lib/x86_64-linux-gnu/libcrypto.so (found version \"3.0.15\")",
              "-- Found ZLIB: /usr/lib/x86_64-linux-gnu/libz.so (found version \"1.2.13\")",
              "-- Found GTest: /usr/lib/x86_64-linux-gnu/cmake/GTest/GTestConfig.cmake (found version \"1.12.1\")"]:
        tr.w(l)
    if rng.random() < 0.3:
        tr.w("CMake Deprecation Warning at CMakeLists.txt:1 (cmake_minimum_required):")
        tr.w("  Compatibility with CMake < 3.10 will be removed from a future version of")
        tr.w("  CMake.")
        tr.w("")
        tr.w("  Update the VERSION argument <min> value.  Or, use the <min>...<max> syntax")
        tr.w("  to tell CMake that the project requires at least <min> but has been updated")
        tr.w("  to work with policies introduced by <max> or earlier.")
        tr.w("")
    tr.w("-- Configuring done (%.1fs)" % rng.uniform(0.5, 4))
    tr.w("-- Generating done (%.1fs)" % rng.uniform(0.0, 0.5))
    tr.w("-- Build files have been written to: %s/build" % c.b)
    c.cmd("cmake --build build -j $(nproc)")
    cinj = pick_fail(c, inj, "compile")
    lib = snake(p["name"])
    objs = []
    for w in p["words"]:
        objs.append("CMakeFiles/%s.dir/src/%s.cpp.o" % (lib, w))
    reps = 12 if p["big"] else 1
    allobjs = []
    for r in range(reps):
        for o in objs:
            allobjs.append(o if r == 0 else o.replace(".cpp.o", "_%d.cpp.o" % r))
    tests_objs = ["tests/CMakeFiles/%s_tests.dir/%s_test.cpp.o" % (lib, w) for w in p["words"]]
    seq = allobjs + ["lib%s.a" % lib] + tests_objs + ["tests/%s_tests" % lib]
    N = len(seq)
    fail_at = None
    if cinj:
        if cinj.type == "compile":
            fail_obj = cinj.payload["cpp"][0]
            if fail_obj.get("link"):
                fail_at = N - 1
            else:
                fail_at = rng.randint(N // 4, N // 2)
        else:
            fail_at = rng.randint(N // 3, N - 2)
    for i, o in enumerate(seq):
        pct = (i + 1) * 100 // N
        if gen == "ninja":
            if o.endswith(".o"):
                line = "[%d/%d] Building CXX object %s" % (i + 1, N, o)
            elif o.endswith(".a"):
                line = "[%d/%d] Linking CXX static library %s" % (i + 1, N, o)
            else:
                line = "[%d/%d] Linking CXX executable %s" % (i + 1, N, o)
        else:
            if o.endswith(".o"):
                line = "[%3d%%] Building CXX object %s" % (pct, o)
            elif o.endswith(".a"):
                line = "[%3d%%] " % pct + ESC + "[32m" + ESC + "[1mLinking CXX static library %s" % o + ESC + "[0m"
            else:
                line = "[%3d%%] " % pct + ESC + "[32m" + ESC + "[1mLinking CXX executable %s" % o + ESC + "[0m"
        tr.w(line, dt_=rng.uniform(0.2, 4))
        if fail_at is not None and i == fail_at:
            src = "%s/src/%s" % (c.b, os.path.basename(o).replace(".o", "")) if o.endswith(".o") else ""
            if gen == "ninja":
                tr.w("FAILED: %s " % o)
                if o.endswith(".o"):
                    tr.w("/usr/bin/ccache /usr/bin/%s -I%s/include -O2 -g -DNDEBUG -std=gnu++20 -MD -MT %s -MF %s.d -o %s -c %s" % ("clang++" if cc == "clang" else "c++", c.b, o, o, o, src))
            if cinj.type == "compile":
                for e in cinj.payload["cpp"]:
                    if e.get("link"):
                        for l in e["link_" + cc]:
                            tr.w(l.replace("{B}", c.b))
                    else:
                        for l in cc_compile_error_lines(c, e, cc):
                            tr.w(l)
                if cc == "clang" and not cinj.payload["cpp"][0].get("link"):
                    tr.w("%d error%s generated." % (len(cinj.payload["cpp"]), "s" if len(cinj.payload["cpp"]) > 1 else ""))
            elif cinj.type == "oom":
                if cc == "gcc":
                    tr.w("c++: fatal error: Killed signal terminated program cc1plus")
                    tr.w("compilation terminated.")
                else:
                    tr.w("clang++: error: unable to execute command: Killed")
                    tr.w("clang++: error: clang frontend command failed due to signal (use -v to see invocation)")
                    tr.w("clang version 18.1.8")
                    tr.w("Target: x86_64-pc-linux-gnu")
                    tr.w("Thread model: posix")
                    tr.w("InstalledDir: /usr/bin")
                    tr.w("clang++: note: diagnostic msg: ")
                    tr.w("********************")
            elif cinj.type == "disk":
                if cc == "gcc":
                    tr.w("%s:%d: fatal error: error writing to /tmp/cc%s.s: No space left on device" % (src or "%s/src/main.cpp" % c.b, rng.randint(1, 400), alnum(rng, 6, B62)))
                    tr.w("compilation terminated.")
                else:
                    tr.w("fatal error: error in backend: IO failure on output stream: No space left on device")
                    tr.w("clang++: error: clang frontend command failed with exit code 70 (use -v to see invocation)")
            if gen == "ninja":
                tr.w("ninja: build stopped: subcommand failed.")
            else:
                tdir = os.path.dirname(o) if "/" in o else "CMakeFiles/%s.dir" % lib
                tr.w("gmake[2]: *** [CMakeFiles/%s.dir/build.make:%d: %s] Error 1" % (lib, rng.randint(76, 400), o))
                tr.w("gmake[1]: *** [CMakeFiles/Makefile2:%d: CMakeFiles/%s.dir/all] Error 2" % (rng.randint(90, 200), lib))
                tr.w("gmake: *** [Makefile:%d: all] Error 2" % rng.randint(130, 170))
            return 1 if gen == "ninja" else 2
        if (not o.endswith(".o")) and False:
            pass
        if o.endswith(".o") and rng.random() < 0.01:
            f = "%s/src/%s" % (c.b, os.path.basename(o).replace(".o", ""))
            tr.w("%s:%d:%d: warning: unused parameter 'ctx' [-Wunused-parameter]" % (f, rng.randint(10, 300), rng.randint(20, 60)))
    if gen != "ninja":
        tr.w("[100%%] Built target %s_tests" % lib)
    return 0


def st_ctest(c, inj):
    tr, rng, p = c.tr, c.rng, c.p
    c.cmd("ctest --test-dir build --output-on-failure -j4 --output-junit report.xml")
    tests = [t for s in p["suites"] for t in s["tests"]]
    tinj, fails, collect, hang_at, oom_at = test_inj(c, inj, tests)
    tr.w("Internal ctest changing into directory: %s/build" % c.b)
    tr.w("Test project %s/build" % c.b)
    n = len(tests)
    w = len(str(n))
    failed = []
    for i, t in enumerate(tests, 1):
        name = "%s.%s" % (t.cls, t.name)
        if hang_at is not None and i - 1 == hang_at:
            return "timeout"
        tr.w("      Start %*d: %s" % (w, i, name))
        dots = "." * max(3, 45 - len(name))
        if oom_at is not None and i - 1 == oom_at:
            tr.w("%*d/%d Test %*s: %s %s***Exception: SegFault  %.2f sec" % (w, i, n, w + 1, "#%d" % i, name, dots, rng.uniform(0.1, 9)) if False else
                 "%*d/%d Test %*s: %s %s***Killed  %.2f sec" % (w, i, n, w + 1, "#%d" % i, name, dots, rng.uniform(0.1, 9)))
            failed.append((i, name, "Killed"))
            continue
        if t.idx in fails:
            d = fails[t.idx]
            tr.w("%*d/%d Test %*s: %s %s***Failed    %.2f sec" % (w, i, n, w + 1, "#%d" % i, name, dots, rng.uniform(0.01, 3)))
            tr.w("Running main() from /usr/src/googletest/googletest/src/gtest_main.cc")
            tr.w("Note: Google Test filter = %s" % name)
            tr.w("[==========] Running 1 test from 1 test suite.")
            tr.w("[----------] Global test environment set-up.")
            tr.w("[----------] 1 test from %s" % t.cls)
            tr.w("[ RUN      ] %s" % name)
            tl = c.ln(t.file, t.line) + 4
            if d["k"] == "assert":
                tr.w("%s/%s:%d: Failure" % (c.b, t.file, tl))
                tr.w("Expected equality of these values:")
                tr.w("  %s" % d.get("cexpr", "result"))
                tr.w("    Which is: %s" % val_plain(d["act"], d["vt"]))
                tr.w("  %s" % val_plain(d["exp"], d["vt"]))
            else:
                tr.w("unknown file: Failure")
                tr.w("C++ exception with description \"%s\" thrown in the test body." % d["emsg"])
            ms = rng.randint(0, 400)
            tr.w("[  FAILED  ] %s (%d ms)" % (name, ms))
            tr.w("[----------] 1 test from %s (%d ms total)" % (t.cls, ms))
            tr.w("")
            tr.w("[----------] Global test environment tear-down")
            tr.w("[==========] 1 test from 1 test suite ran. (%d ms total)" % ms)
            tr.w("[  PASSED  ] 0 tests.")
            tr.w("[  FAILED  ] 1 test, listed below:")
            tr.w("[  FAILED  ] %s" % name)
            tr.w("")
            tr.w(" 1 FAILED TEST")
            tr.w("")
            failed.append((i, name, "Failed"))
        else:
            tr.w("%*d/%d Test %*s: %s %s   Passed    %.2f sec" % (w, i, n, w + 1, "#%d" % i, name, dots, rng.uniform(0.0, 2)))
    tr.w("")
    pct = (n - len(failed)) * 100 // n
    tr.w("%d%% tests passed, %d tests failed out of %d" % (pct, len(failed), n))
    tr.w("")
    tr.w("Total Test time (real) = %7.2f sec" % rng.uniform(3, 200))
    if failed:
        tr.w("")
        tr.w("The following tests FAILED:")
        for i, name, why in failed:
            tr.w("\t%*d - %s (%s)" % (w + 1, i, name, why))
        tr.w("Errors while running CTest")
        return 8
    return 0


def st_clang_tidy(c, inj):
    tr, rng, p = c.tr, c.rng, c.p
    c.cmd("run-clang-tidy -p build -quiet -warnings-as-errors='*' src/")
    inj2 = pick_fail(c, inj, "lint")
    for f in p["src"]:
        tr.w("clang-tidy-18 -p=build -quiet %s/%s" % (c.b, f))
        tr.w("%d warnings generated." % rng.randint(100, 9000))
        tr.w("Suppressed %d warnings (%d in non-user code)." % (rng.randint(100, 9000), rng.randint(100, 9000)))
    if inj2 and inj2.type == "lint":
        for it in inj2.payload["issues"]:
            tr.w("%s/%s:%d:%d: error: %s [%s,-warnings-as-errors]" % (c.b, it["file"], it["line"], it["col"], it["msg"], it["code"]))
            tr.w("%5d | %s" % (it["line"], it["src"]))
            tr.w("      | %s^" % (" " * (it["col"] - 1)))
        tr.w("1 warning treated as error")
        return 1
    return 0


def st_cppcheck(c, inj):
    tr, rng, p = c.tr, c.rng, c.p
    c.cmd("cppcheck --enable=warning,performance,portability --error-exitcode=1 --inline-suppr -q --template=gcc src/")
    inj2 = pick_fail(c, inj, "lint")
    if inj2 and inj2.type == "lint":
        for it in inj2.payload["issues"]:
            tr.w("%s:%d:%d: error: %s [%s]" % (it["file"], it["line"], it["col"], it["msg"], it["code"]))
            tr.w(it["src"])
            tr.w(" " * (it["col"] - 1) + "^")
        return 1
    return 0

# --------------------------------------------------------------------------------------
# .NET
# --------------------------------------------------------------------------------------
def dotnet_restore(c, iinj):
    tr, rng, p = c.tr, c.rng, c.p
    ns = p["ns"]
    tr.w("  Determining projects to restore...")
    projs = ["%s/src/%s/%s.csproj" % (c.b, ns, ns), "%s/tests/%s.Tests/%s.Tests.csproj" % (c.b, ns, ns)]
    if iinj:
        host = iinj.payload.get("host", ARTI)
        if iinj.type in ("dns", "tls"):
            inner = ("Name or service not known (%s:443)" % host) if iinj.type == "dns" else "The SSL connection could not be established, see inner exception."
            for pj in projs:
                tr.w("%s : error NU1301: Unable to load the service index for source https://%s/api/nuget/v3/nuget-remote/index.json." % (pj, host))
                tr.w("%s : error NU1301:   %s" % (pj, inner))
            for pj in projs:
                tr.w("  Failed to restore %s (in %.2f sec)." % (pj, rng.uniform(1, 30)))
            return 1
        if iinj.type == "disk":
            tr.w("%s : error NU1301: There is not enough space on the disk. : '/root/.nuget/packages/microsoft.codeanalysis.csharp/4.11.0/microsoft.codeanalysis.csharp.4.11.0.nupkg'" % projs[0])
            tr.w("  Failed to restore %s (in %.2f sec)." % (projs[0], rng.uniform(1, 30)))
            return 1
        if iinj.type == "conflict":
            P = iinj.payload
            tr.w("%s : error NU1605: Warning As Error: Detected package downgrade: %s from %s to %s. Reference the package directly from the project to select a different version. " % (projs[0], P["pkg"], P["want"], P["have"]))
            tr.w("%s : error NU1605:  %s -> %s %s -> %s (>= %s) " % (projs[0], ns, P["via"], P["via_ver"], P["pkg"], P["want"]))
            tr.w("%s : error NU1605:  %s -> %s (>= %s)" % (projs[0], ns, P["pkg"], P["have"]))
            tr.w("  Failed to restore %s (in %.2f sec)." % (projs[0], rng.uniform(1, 30)))
            return 1
    if c.cache_miss:
        for pj in projs:
            tr.w("  Restored %s (in %.2f sec)." % (pj, rng.uniform(1, 20)))
    else:
        tr.w("  All projects are up-to-date for restore.")
    return 0


def cs_error_lines(c, errs):
    ns = c.p["ns"]
    return ["%s/%s(%d,%d): error %s: %s [%s/src/%s/%s.csproj]" % (c.b, e["file"], e["line"], e["col"], e["code"], e["msg"], c.b, ns, ns) for e in errs]


def st_dotnet_build(c, inj, test=False):
    tr, rng, p = c.tr, c.rng, c.p
    ns = p["ns"]
    if not test:
        c.cmd("dotnet build -c Release --nologo")
    else:
        c.cmd("dotnet test -c Release --nologo --logger \"junit;LogFilePath=report.xml\"%s --collect:\"XPlat Code Coverage\"" % (" --logger \"console;verbosity=normal\"" if p["tools"].get("verbose") else ""))
    iinj = pick_fail(c, inj, "install")
    if dotnet_restore(c, iinj):
        return 1
    cinj = pick_fail(c, inj, "compile")
    tr.adv(rng.uniform(5, 50))
    if cinj and cinj.type == "compile":
        el = cs_error_lines(c, cinj.payload["cs"])
        for l in el:
            tr.w(l)
        if not test:
            tr.w("")
            tr.w("Build FAILED.")
            tr.w("")
            for l in el:
                tr.w(l)
            tr.w("    0 Warning(s)")
            tr.w("    %d Error(s)" % len(el))
            tr.w("")
            tr.w("Time Elapsed 00:00:%05.2f" % rng.uniform(5, 59))
        return 1
    if rng.random() < 0.4:
        f = rng.choice(p["src"])
        tr.w("%s/%s(%d,%d): warning CS8618: Non-nullable property 'Name' must contain a non-null value when exiting constructor. Consider adding the 'required' modifier or declaring the property as nullable. [%s/src/%s/%s.csproj]" % (c.b, f, c.ln(f, rng.randint(10, 90)), rng.randint(10, 40), c.b, ns, ns))
    tr.w("  %s -> %s/src/%s/bin/Release/net8.0/%s.dll" % (ns, c.b, ns, ns))
    tr.w("  %s.Tests -> %s/tests/%s.Tests/bin/Release/net8.0/%s.Tests.dll" % (ns, c.b, ns, ns))
    if not test:
        tr.w("")
        tr.w("Build succeeded.")
        w = rng.randint(0, 3)
        tr.w("    %d Warning(s)" % w)
        tr.w("    0 Error(s)")
        tr.w("")
        tr.w("Time Elapsed 00:00:%05.2f" % rng.uniform(5, 59))
        return 0
    tests = [t for s in p["suites"] for t in s["tests"]]
    tinj, fails, collect, hang_at, oom_at = test_inj(c, inj, tests)
    tr.w("Test run for %s/tests/%s.Tests/bin/Release/net8.0/%s.Tests.dll (.NETCoreApp,Version=v8.0)" % (c.b, ns, ns))
    tr.w("VSTest version 17.11.1 (x64)")
    tr.w("")
    tr.w("Starting test execution, please wait...")
    tr.w("A total of 1 test files matched the specified pattern.")
    if hang_at is not None:
        return "timeout"
    if oom_at is not None:
        tr.w("The active test run was aborted. Reason: Test host process crashed")
        tr.w("")
        tr.w("Test Run Aborted with error System.Exception: One or more errors occurred.")
        tr.w(" ---> System.Exception: Unable to read beyond the end of the stream.")
        tr.w("   at System.IO.BinaryReader.Read7BitEncodedInt()")
        tr.w("   at Microsoft.VisualStudio.TestPlatform.CommunicationUtilities.LengthPrefixCommunicationChannel.NotifyDataAvailable(CancellationToken cancellationToken)")
        tr.w("   --- End of inner exception stack trace ---.")
        return 1
    nf = 0
    for t in tests:
        if t.idx not in fails and p["tools"].get("verbose"):
            tr.w("  Passed %s.%s [%s]" % (t.cls, t.name, "%d ms" % rng.randint(1, 300) if rng.random() < 0.9 else "< 1 ms"), dt_=rng.uniform(0.001, 0.1))
        if t.idx in fails:
            d = fails[t.idx]
            nf += 1
            tl = c.ln(t.file, t.line) + 4
            tr.w("  Failed %s.%s [%d ms]" % (t.cls, t.name, rng.randint(1, 400)))
            tr.w("  Error Message:")
            if d["k"] == "assert":
                if p["tools"]["test"] == "xunit":
                    tr.w("   Assert.Equal() Failure: %s" % ("Strings differ" if d["vt"] == "str" else "Values differ"))
                    tr.w("Expected: %s" % (('"%s"' % d["exp"]) if d["vt"] == "str" else val_plain(d["exp"], d["vt"])))
                    tr.w("Actual:   %s" % (('"%s"' % d["act"]) if d["vt"] == "str" else val_plain(d["act"], d["vt"])))
                else:
                    tr.w("     Expected: %s" % val_plain(d["exp"], d["vt"]))
                    tr.w("  But was:  %s" % val_plain(d["act"], d["vt"]))
                    tr.w("")
            else:
                tr.w("   %s : %s" % (d["etype"], d["emsg"]))
            tr.w("  Stack Trace:")
            for f in reversed(d.get("frames", [])):
                tr.w("     at %s in %s/%s:line %d" % (f["func"], c.b, f["file"], f["line"]))
            tr.w("   at %s.%s() in %s/%s:line %d" % (t.cls, t.name, c.b, t.file, tl))
            tr.w("   at System.RuntimeMethodHandle.InvokeMethod(Object target, Void** arguments, Signature sig, Boolean isConstructor)")
            tr.w("   at System.Reflection.MethodBaseInvoker.InvokeWithNoArgs(Object obj, BindingFlags invokeAttr)")
            tr.w("")
    if rng.random() < 0.3:
        tr.w("  Standard Output Messages:")
        tr.w(" fail: %s.%sService[0]" % (ns, camel(rng.choice(p["words"]))))
        tr.w("       Request rejected with 409 Conflict (expected by test)")
    tr.w("")
    n = len(tests)
    if nf:
        tr.w("Failed!  - Failed: %5d, Passed: %5d, Skipped: %5d, Total: %5d, Duration: %d s - %s.Tests.dll (net8.0)" % (nf, n - nf, 0, n, rng.randint(1, 60), ns))
        return 1
    tr.w("Passed!  - Failed:     0, Passed: %5d, Skipped:     0, Total: %5d, Duration: %d s - %s.Tests.dll (net8.0)" % (n, n, rng.randint(1, 60), ns))
    return 0


def st_dotnet_test(c, inj):
    return st_dotnet_build(c, inj, test=True)


def st_dotnet_format(c, inj):
    tr, rng, p = c.tr, c.rng, c.p
    c.cmd("dotnet format --verify-no-changes --severity warn")
    iinj = pick_fail(c, inj, "install")
    if iinj:
        return dotnet_restore(c, iinj) or 1
    inj2 = pick_fail(c, inj, "lint")
    if inj2 and inj2.type == "lint":
        ns = p["ns"]
        for it in inj2.payload["issues"]:
            tr.w("%s/%s(%d,%d): error %s: %s [%s/src/%s/%s.csproj]" % (c.b, it["file"], it["line"], it["col"], it["code"], it["msg"], c.b, ns, ns))
        return 2
    return 0


# --------------------------------------------------------------------------------------
# swift
# --------------------------------------------------------------------------------------
def swift_error_lines(c, errs):
    out = []
    for e in errs:
        out.append("%s/%s:%d:%d: error: %s" % (c.b, e["file"], e["line"], e["col"], e["msg"]))
        out.append(e["src"])
        out.append(" " * (e["col"] - 1) + "^" + "~" * (e.get("width", 1) - 1))
    return out


def xctest_lines(c, t, d, xcode):
    tl = c.ln(t.file, t.line) + 3
    path = "%s/%s" % (c.b, t.file)
    name = ("-[%sTests.%s %s]" % (c.p["ns"], t.cls, t.name)) if xcode else "%s.%s" % (t.cls, t.name)
    if d["k"] == "assert":
        msg = 'XCTAssertEqual failed: ("%s") is not equal to ("%s")' % (val_plain(d["act"], d["vt"]), val_plain(d["exp"], d["vt"]))
    else:
        msg = "failed: caught error: \"%s\"" % d["emsg"]
    return ["%s:%d: error: %s : %s" % (path, tl, name, msg)], name


def st_swiftpm(c, inj):
    tr, rng, p = c.tr, c.rng, c.p
    test = c.kind in ("unit", "integ")
    c.cmd("swift %s" % ("test --parallel --xunit-output report.xml" if test else "build -c release"))
    iinj = pick_fail(c, inj, "install")
    deps = [("swift-argument-parser", "1.5.0"), ("swift-collections", "1.1.4"), ("swift-log", "1.6.1"), ("swift-nio", "2.76.1"), ("swift-crypto", "3.9.1")]
    if c.cache_miss or iinj:
        for i, (d, v) in enumerate(deps):
            url = "https://%s/mirrors/apple/%s.git" % (GITLAB, d)
            tr.w("Fetching %s" % url)
            if iinj and iinj.type in ("dns", "tls") and i == 1:
                host = GITLAB
                tr.w("error: Failed to clone repository %s:" % url)
                tr.w("    Cloning into bare repository '%s/.build/repositories/%s-%s'..." % (c.b, d, hexs(rng, 8)))
                tr.w("    fatal: unable to access '%s/': %s" % (url, "Could not resolve host: %s" % host if iinj.type == "dns" else "SSL certificate problem: certificate has expired"))
                return 1
            tr.w("Fetched %s from cache (%.2fs)" % (url, rng.uniform(0.2, 3)))
        for d, v in deps:
            tr.w("Computing version for https://%s/mirrors/apple/%s.git" % (GITLAB, d))
            tr.w("Computed https://%s/mirrors/apple/%s.git at %s (%.2fs)" % (GITLAB, d, v, rng.uniform(0.2, 2)))
        for d, v in deps:
            tr.w("Creating working copy for https://%s/mirrors/apple/%s.git" % (GITLAB, d))
            tr.w("Working copy of https://%s/mirrors/apple/%s.git resolved at %s" % (GITLAB, d, v))
    tr.w("Building for %s..." % ("debugging" if test else "production"))
    cinj = pick_fail(c, inj, "compile")
    n = rng.randint(60, 300)
    for i in range(0, n, max(1, n // 25)):
        tr.w("[%d/%d] Compiling %s %s.swift" % (i + 1, n, rng.choice(["NIOCore", "Logging", "ArgumentParser", p["ns"]]), camel(rng.choice(p["words"]))))
        if cinj and cinj.type == "compile" and i > n // 2:
            for l in swift_error_lines(c, cinj.payload["swift"]):
                tr.w(l)
            tr.w("error: emit-module command failed with exit code 1 (use -v to see invocation)")
            return 1
        if cinj and cinj.type == "oom" and i > n // 2:
            tr.w("error: compile command failed due to signal 9 (use -v to see invocation)")
            return 1
    tr.w("Build complete! (%.2fs)" % rng.uniform(20, 300))
    if not test:
        return 0
    tests = [t for s in p["suites"] for t in s["tests"]]
    tinj, fails, collect, hang_at, oom_at = test_inj(c, inj, tests)
    stamp = lambda: dt.datetime.fromtimestamp(c.tr.t, dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S.") + "%03d" % rng.randint(0, 999)
    tr.w("Test Suite 'All tests' started at %s" % stamp())
    tr.w("Test Suite '%sPackageTests.xctest' started at %s" % (p["ns"], stamp()))
    nf = 0
    for s in p["suites"]:
        tr.w("Test Suite '%s' started at %s" % (s["cls"], stamp()))
        sf = 0
        for t in s["tests"]:
            if hang_at is not None and t.idx == hang_at:
                tr.w("Test Case '%s.%s' started at %s" % (t.cls, t.name, stamp()))
                return "timeout"
            tr.w("Test Case '%s.%s' started at %s" % (t.cls, t.name, stamp()))
            if t.idx in fails:
                L, nm = xctest_lines(c, t, fails[t.idx], False)
                for l in L:
                    tr.w(l)
                tr.w("Test Case '%s.%s' failed (%.3f seconds)" % (t.cls, t.name, rng.uniform(0, 1)))
                sf += 1
            else:
                tr.w("Test Case '%s.%s' passed (%.3f seconds)" % (t.cls, t.name, rng.uniform(0, 0.3)))
        nf += sf
        tr.w("Test Suite '%s' %s at %s" % (s["cls"], "failed" if sf else "passed", stamp()))
        tr.w("\t Executed %d test%s, with %d failure%s (0 unexpected) in %.3f (%.3f) seconds" % (len(s["tests"]), "s" if len(s["tests"]) > 1 else "", sf, "" if sf == 1 else "s", rng.uniform(0, 2), rng.uniform(0, 2)))
    tr.w("Test Suite 'All tests' %s at %s" % ("failed" if nf else "passed", stamp()))
    tr.w("\t Executed %d tests, with %d failure%s (0 unexpected) in %.3f (%.3f) seconds" % (len(tests), nf, "" if nf == 1 else "s", rng.uniform(1, 20), rng.uniform(1, 20)))
    return 1 if nf else 0


def st_xcodebuild(c, inj):
    tr, rng, p = c.tr, c.rng, c.p
    test = c.kind in ("unit", "integ")
    ns = p["ns"]
    action = "test" if test else "build"
    c.cmd("xcodebuild -workspace %s.xcworkspace -scheme %s -destination 'platform=iOS Simulator,name=iPhone 15,OS=17.5' -resultBundlePath build/%s.xcresult %s CODE_SIGNING_ALLOWED=NO | tee xcodebuild.log" % (ns, ns, action, action))
    tr.w("Command line invocation:")
    tr.w("    /Applications/Xcode_15.4.app/Contents/Developer/usr/bin/xcodebuild -workspace %s.xcworkspace -scheme %s -destination \"platform=iOS Simulator,name=iPhone 15,OS=17.5\" -resultBundlePath build/%s.xcresult %s CODE_SIGNING_ALLOWED=NO" % (ns, ns, action, action))
    tr.w("")
    tr.w("User defaults from command line:")
    tr.w("    IDEPackageSupportUseBuiltinSCM = YES")
    tr.w("    IDEResultBundlePath = %s/build/%s.xcresult" % (c.b, action))
    tr.w("")
    tr.w("Build settings from command line:")
    tr.w("    CODE_SIGNING_ALLOWED = NO")
    tr.w("")
    tr.w("Resolve Package Graph")
    iinj = pick_fail(c, inj, "install")
    if iinj and iinj.type in ("dns", "tls"):
        tr.w("xcodebuild: error: Could not resolve package dependencies:")
        tr.w("  Failed to clone repository https://%s/mirrors/apple/swift-collections.git:" % GITLAB)
        tr.w("    fatal: unable to access 'https://%s/mirrors/apple/swift-collections.git/': %s" % (GITLAB, "Could not resolve host: %s" % GITLAB if iinj.type == "dns" else "SSL certificate problem: certificate has expired"))
        return 74
    tr.w("")
    tr.w("Resolved source packages:")
    for d, v in [("swift-collections", "1.1.4"), ("Kingfisher", "8.1.0"), ("swift-log", "1.6.1")]:
        tr.w("  %s: https://%s/mirrors/%s.git @ %s" % (d, GITLAB, d.lower(), v))
    tr.w("")
    tr.w("ComputePackagePrebuildTargetDependencyGraph")
    tr.w("")
    tr.w("Prepare packages")
    tr.w("")
    tr.w("CreateBuildRequest")
    tr.w("")
    tr.w("SendProjectDescription")
    tr.w("")
    tr.w("CreateBuildOperation")
    tr.w("")
    cinj = pick_fail(c, inj, "compile")
    for f in p["src"]:
        tr.w("SwiftCompile normal arm64 Compiling\\ %s %s/%s (in target '%s' from project '%s')" % (os.path.basename(f), c.b, f, ns, ns))
        tr.w("    cd %s" % c.b)
        tr.w("    builtin-swiftTaskExecution -- /Applications/Xcode_15.4.app/Contents/Developer/Toolchains/XcodeDefault.xctoolchain/usr/bin/swift-frontend -frontend -c -primary-file %s/%s -emit-module-path %s/DerivedData/Build/Intermediates.noindex/%s.build/Debug-iphonesimulator/%s.build/Objects-normal/arm64/%s.swiftmodule ..." % (c.b, f, c.b, ns, ns, os.path.basename(f)[:-6]))
        tr.w("")
    if cinj and cinj.type == "compile":
        for l in swift_error_lines(c, cinj.payload["swift"]):
            tr.w(l)
        tr.w("")
        tr.w("** %s FAILED **" % ("TEST" if test else "BUILD"))
        tr.w("")
        tr.w("")
        tr.w("The following build commands failed:")
        e = cinj.payload["swift"][0]
        tr.w("\tSwiftCompile normal arm64 Compiling\\ %s %s/%s (in target '%s' from project '%s')" % (os.path.basename(e["file"]), c.b, e["file"], ns, ns))
        tr.w("\tSwiftEmitModule normal arm64 Emitting\\ module\\ for\\ %s (in target '%s' from project '%s')" % (ns, ns, ns))
        tr.w("(2 failures)")
        return 65
    if not test:
        tr.w("** BUILD SUCCEEDED **")
        return 0
    tests = [t for s in p["suites"] for t in s["tests"]]
    tinj, fails, collect, hang_at, oom_at = test_inj(c, inj, tests)
    stamp = lambda: dt.datetime.fromtimestamp(c.tr.t, dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S.") + "%03d" % rng.randint(0, 999)
    tr.w("Test Suite 'All tests' started at %s." % stamp())
    tr.w("Test Suite '%sTests.xctest' started at %s." % (ns, stamp()))
    failed = []
    for s in p["suites"]:
        tr.w("Test Suite '%s' started at %s." % (s["cls"], stamp()))
        for t in s["tests"]:
            nm = "-[%sTests.%s %s]" % (ns, t.cls, t.name)
            tr.w("Test Case '%s' started." % nm)
            if t.idx in fails:
                L, _ = xctest_lines(c, t, fails[t.idx], True)
                for l in L:
                    tr.w(l)
                tr.w("Test Case '%s' failed (%.3f seconds)." % (nm, rng.uniform(0, 1)))
                failed.append(t)
            else:
                tr.w("Test Case '%s' passed (%.3f seconds)." % (nm, rng.uniform(0, 0.3)))
        tr.w("Test Suite '%s' %s at %s." % (s["cls"], "failed" if any(t in failed for t in s["tests"]) else "passed", stamp()))
    tr.w("")
    if failed:
        tr.w("Failing tests:")
        tr.w("\t%sTests:" % ns)
        for t in failed:
            tr.w("\t\t%s.%s()" % (t.cls, t.name))
        tr.w("")
        tr.w("** TEST FAILED **")
        return 65
    tr.w("** TEST SUCCEEDED **")
    return 0


def st_swiftlint(c, inj):
    tr, rng, p = c.tr, c.rng, c.p
    c.cmd("swiftlint lint --strict --reporter xcode")
    inj2 = pick_fail(c, inj, "lint")
    tr.w("Linting Swift files in current working directory")
    for i, f in enumerate(p["src"], 1):
        tr.w("Linting '%s' (%d/%d)" % (os.path.basename(f), i, len(p["src"])))
    if inj2 and inj2.type == "lint":
        for it in inj2.payload["issues"]:
            tr.w("%s/%s:%d:%d: error: %s (%s)" % (c.b, it["file"], it["line"], it["col"], it["msg"], it["code"]))
        tr.w("Done linting! Found %d violation%s, %d serious in %d files." % (len(inj2.payload["issues"]), "s" if len(inj2.payload["issues"]) > 1 else "", len(inj2.payload["issues"]), len(p["src"])))
        return 2
    tr.w("Done linting! Found 0 violations, 0 serious in %d files." % len(p["src"]))
    return 0


# --------------------------------------------------------------------------------------
# elixir
# --------------------------------------------------------------------------------------
def st_mix_deps(c, inj):
    tr, rng, p = c.tr, c.rng, c.p
    c.cmd("mix deps.get --only test")
    inj2 = pick_fail(c, inj, "install")
    tr.w("Resolving Hex dependencies...")
    if inj2 and inj2.type in ("dns", "tls"):
        host = inj2.payload["host"]
        if inj2.type == "dns":
            tr.w('** (Mix) httpc request failed with: {:failed_connect, [{:to_address, {~c"%s", 443}}, {:inet, [:inet], :nxdomain}]}' % host)
        else:
            tr.w('** (Mix) httpc request failed with: {:failed_connect, [{:to_address, {~c"%s", 443}}, {:inet, [:inet], {:tls_alert, {:certificate_expired, ~c"TLS client: In state certify at ssl_handshake.erl:2182 generated CLIENT ALERT: Fatal - Certificate Expired\\n"}}}]}' % host)
        return 1
    tr.w("Resolution completed in %.3fs" % rng.uniform(0.05, 0.9))
    tr.w("Unchanged:")
    for d, v in [("castore", "1.0.10"), ("decimal", "2.2.0"), ("jason", "1.4.4"), ("mime", "2.0.6"), ("phoenix", "1.7.14"), ("phoenix_pubsub", "2.1.3"), ("plug", "1.16.1"), ("plug_crypto", "2.1.0"), ("telemetry", "1.3.0"), ("websock", "0.5.3")]:
        tr.w("  %s %s" % (d, v))
    tr.w("All dependencies are up to date")
    return 0


def elixir_compile(c, cinj):
    tr, rng, p = c.tr, c.rng, c.p
    tr.w("==> %s" % p["mod"])
    tr.w("Compiling %d files (.ex)" % (len(p["src"]) * 4))
    if cinj and cinj.type == "compile":
        for e in cinj.payload["elixir"]:
            tr.w("    %s: %s" % (e["level"], e["msg"]))
            tr.w("    │")
            tr.w(" %d │ %s" % (e["line"], e["src"]))
            tr.w("    │ %s%s" % (" " * (e["col"] - 1), "~" * e.get("width", 6) if e["level"] == "warning" else "^" * e.get("width", 6)))
            tr.w("    │")
            tr.w("    └─ %s:%d:%d: %s" % (e["file"], e["line"], e["col"], e["fun"]))
            tr.w("")
        e = cinj.payload["elixir"][0]
        if e["level"] == "warning":
            tr.w("Compilation failed due to warnings while using the --warnings-as-errors option")
        else:
            tr.w("")
            tr.w("== Compilation error in file %s ==" % e["file"])
            tr.w("** (CompileError) %s: cannot compile module %s (errors have been logged)" % (e["file"], e["module"]))
            tr.w("")
        return 1
    tr.w("Generated %s app" % p["mod"])
    return 0


def st_mix_compile(c, inj):
    c.cmd("MIX_ENV=prod mix compile --warnings-as-errors")
    return elixir_compile(c, pick_fail(c, inj, "compile"))


def st_mix_test(c, inj):
    tr, rng, p = c.tr, c.rng, c.p
    c.cmd("mix test --warnings-as-errors --cover%s" % (" --trace" if p["tools"].get("trace") else ""))
    r = elixir_compile(c, pick_fail(c, inj, "compile"))
    if r:
        return r
    tests = [t for s in p["suites"] for t in s["tests"]]
    tinj, fails, collect, hang_at, oom_at = test_inj(c, inj, tests)
    seed = rng.randint(1000, 999999)
    tr.w("Running ExUnit with seed: %d, max_cases: %d" % (seed, rng.choice([4, 8, 16])))
    tr.w("Excluding tags: [:external]")
    tr.w("")
    chars = []
    blocks = []
    order = sorted(tests, key=lambda t: srng(seed, t.idx).random())
    for i, t in enumerate(order):
        if hang_at is not None and i == hang_at:
            tr.w("".join(chars))
            return "timeout"
        if p["tools"].get("trace") and t.idx not in fails:
            tr.w("  * test %s (%.1fms) [L#%d]" % (t.desc, rng.uniform(0.1, 90), c.ln(t.file, t.line)), dt_=rng.uniform(0.001, 0.1))
            continue
        if t.idx in fails:
            d = fails[t.idx]
            if p["tools"].get("trace"):
                tr.w("  * test %s (%.1fms) [L#%d]" % (t.desc, rng.uniform(0.1, 90), c.ln(t.file, t.line)))
            tr.w("".join(chars))
            chars = []
            k = len(blocks) + 1
            tl = c.ln(t.file, t.line)
            B = ["", "  %d) test %s (%s)" % (k, t.desc, t.cls), "     %s:%d" % (t.file, tl)]
            if d["k"] == "assert":
                B += ["     Assertion with == failed", "     code:  %s" % (d.get("excode") or "assert result == %s" % val_plain(d["exp"], d["vt"])),
                      "     left:  %s" % val_plain(d["act"], d["vt"]), "     right: %s" % val_plain(d["exp"], d["vt"])]
            elif d["k"] == "timeout":
                B += ["     ** (ExUnit.TimeoutError) test timed out after 60000ms. You can change the timeout:", "",
                      "       1. per test by setting \"@tag timeout: x\" (accepts :infinity)",
                      "       2. per test module by setting \"@moduletag timeout: x\" (accepts :infinity)",
                      "       3. globally via \"ExUnit.start(timeout: x)\" configuration",
                      "       4. by running \"mix test --timeout x\" which sets timeout",
                      "       5. or by running \"mix test --trace\" which sets timeout to infinity", "          (useful when using IEx.pry/1)", ""]
            else:
                B += ["     ** (%s) %s" % (d["etype"], d["emsg"])]
            B.append("     stacktrace:")
            for f in reversed(d.get("frames", [])):
                B.append("       %s:%d: %s" % (f["file"], f["line"], f["func"]))
            B.append("       %s:%d: (test)" % (t.file, tl + 4))
            B.append("")
            for l in B:
                tr.w(l)
            blocks.append(t)
        else:
            chars.append(".")
            if len(chars) >= 120:
                tr.w("".join(chars))
                chars = []
    if chars:
        tr.w("".join(chars))
    tr.w("Finished in %.1f seconds (%.1fs async, %.1fs sync)" % (rng.uniform(1, 60), rng.uniform(0.5, 10), rng.uniform(0.5, 50)))
    tr.w("%d tests, %d failure%s" % (len(tests), len(blocks), "" if len(blocks) == 1 else "s"))
    tr.w("")
    tr.w("Randomized with seed %d" % seed)
    return 2 if blocks else 0


def st_credo(c, inj):
    tr, rng, p = c.tr, c.rng, c.p
    c.cmd("mix credo --strict")
    inj2 = pick_fail(c, inj, "lint")
    tr.w("Checking %d source files ..." % (len(p["src"]) * 4))
    tr.w("")
    n = 0
    if inj2 and inj2.type == "lint":
        it = inj2.payload["issues"][0]
        tr.w("  %s" % it["cat"])
        tr.w("┃ ")
        tr.w("┃ [%s] %s %s" % (it["code"], "→" if it["code"] in ("R", "W") else "↗", it["msg"]))
        tr.w("┃       %s:%d:%d #(%s)" % (it["file"], it["line"], it["col"], it["sym"]))
        tr.w("")
        n = 1
    tr.w("Please report incorrect results: https://github.com/rrrene/credo/issues")
    tr.w("")
    tr.w("Analysis took %.1f seconds (%.1fs to load, %.1fs running 55 checks on %d files)" % (rng.uniform(0.5, 3), rng.uniform(0.1, 0.5), rng.uniform(0.3, 2), len(p["src"]) * 4))
    tr.w("%d mods/funs, %s." % (rng.randint(100, 400), "found 1 %s issue" % it["cat"].lower().replace("code ", "code ").strip() if n else "found no issues"))
    tr.w("")
    tr.w("Use `mix credo explain` to explain issues, `mix credo --help` for options.")
    return 2 if n else 0


# --------------------------------------------------------------------------------------
# haskell
# --------------------------------------------------------------------------------------
def st_cabal(c, inj, stack=False):
    tr, rng, p = c.tr, c.rng, c.p
    test = c.kind in ("unit", "integ")
    name = p["name"]
    pre = ("%s> " % name) if stack else ""
    if stack:
        c.cmd("stack --no-terminal %s" % ("test --coverage" if test else "build"))
    else:
        c.cmd("cabal update && cabal %s all --enable-tests" % ("test" if test else "build"))
        tr.w("Downloading the latest package list from internal-hackage")
    iinj = pick_fail(c, inj, "install")
    if iinj and iinj.type in ("dns", "tls"):
        host = iinj.payload["host"]
        if iinj.type == "dns":
            e = "HttpExceptionRequest Request {\n  host                 = \"%s\"\n  port                 = 443\n  secure               = True\n  requestHeaders       = []\n  path                 = \"/api/hackage/hackage-remote/01-index.tar.gz\"\n  queryString          = \"\"\n  method               = \"GET\"\n  proxy                = Nothing\n  rawBody              = False\n  redirectCount        = 10\n  responseTimeout      = ResponseTimeoutDefault\n  requestVersion       = HTTP/1.1\n  proxySecureMode      = ProxySecureWithConnect\n}\n (ConnectionFailure Network.Socket.getAddrInfo (called with preferred socket type/protocol: AddrInfo {addrFlags = [AI_ADDRCONFIG], addrFamily = AF_UNSPEC, addrSocketType = Stream, addrProtocol = 0, addrAddress = 0.0.0.0:0, addrCanonName = Nothing}, host name: Just \"%s\", service name: Just \"443\"): does not exist (Name or service not known))" % (host, host)
        else:
            e = "HttpExceptionRequest Request {\n  host                 = \"%s\"\n  port                 = 443\n  secure               = True\n}\n (InternalException (HandshakeFailed (Error_Protocol \"certificate has expired\" CertificateUnknown)))" % host
        if stack:
            tr.w("Error: [S-775] Error when downloading the index from https://%s/api/hackage/hackage-remote/01-index.tar.gz" % host)
            for l in e.split("\n"):
                tr.w(l)
        else:
            tr.w("Warning: The package list for 'internal-hackage' does not exist. Run 'cabal update' to download it.")
            tr.w("Error: cabal: Failed to download https://%s/api/hackage/hackage-remote/01-index.tar.gz : %s" % (host, e.split("\n")[0]))
            for l in e.split("\n")[1:]:
                tr.w(l)
        return 1
    if not stack:
        tr.w("Package list of internal-hackage has been updated.")
        tr.w("The index-state is set to %s." % now_iso(c))
        tr.w("Resolving dependencies...")
        tr.w("Build profile: -w ghc-9.6.6 -O1")
        tr.w("In order, the following will be built (use -v for more details):")
        tr.w(" - %s-%s (lib) (first run)" % (name, p["version"]))
        tr.w(" - %s-%s (test:spec) (first run)" % (name, p["version"]))
        tr.w("Configuring library for %s-%s..." % (name, p["version"]))
        tr.w("Preprocessing library for %s-%s..." % (name, p["version"]))
        tr.w("Building library for %s-%s..." % (name, p["version"]))
    else:
        tr.w("%sconfigure (lib + test)" % pre)
        tr.w("%sConfiguring %s-%s..." % (pre, name, p["version"]))
        tr.w("%sbuild (lib + test) with ghc-9.6.6" % pre)
        tr.w("%sPreprocessing library for %s-%s.." % (pre, name, p["version"]))
        tr.w("%sBuilding library for %s-%s.." % (pre, name, p["version"]))
    cinj = pick_fail(c, inj, "compile")
    mods = [("%s.%s" % (p["ns"], camel(w)), "src/%s/%s.hs" % (p["ns"], camel(w))) for w in p["words"]]
    for i, (m, f) in enumerate(mods, 1):
        obj = "dist-newstyle/build/x86_64-linux/ghc-9.6.6/%s-%s/build/%s.o" % (name, p["version"], m.replace(".", "/"))
        tr.w("%s[%2d of %d] Compiling %-20s ( %s, %s, %s )" % (pre, i, len(mods), m, f, obj, obj.replace(".o", ".dyn_o")))
        if cinj and cinj.type == "oom" and i == len(mods) // 2:
            if stack:
                tr.w("Error: [S-7282]")
                tr.w("       Stack failed to execute the build plan.")
                tr.w("")
                tr.w("       While executing the build plan, Stack encountered the error:")
                tr.w("")
                tr.w("       [S-7011]")
                tr.w("       While building package %s-%s (scroll up to its section to see the error) using:" % (name, p["version"]))
                tr.w("       /root/.stack/setup-exe-cache/x86_64-linux/Cabal-simple_6HauvNHV_3.10.3.0_ghc-9.6.6 --verbose=1 --builddir=.stack-work/dist/x86_64-linux/ghc-9.6.6 build lib:%s test:spec --ghc-options \"\"" % name)
                tr.w("       Process exited with code: ExitFailure (-9) (THIS MAY INDICATE OUT OF MEMORY)")
            else:
                tr.w("Error: cabal: Failed to build %s-%s. The build process was killed (i.e. SIGKILL). The typical reason for this is that there is not enough memory available (e.g. the OS killed a process using lots of memory)." % (name, p["version"]))
            return 1
    if cinj and cinj.type == "compile":
        for e in cinj.payload["haskell"]:
            tr.w("")
            tr.w("%s%s:%d:%d: error: [GHC-%s]" % (pre, e["file"], e["line"], e["col"], e["code"]))
            for l in e["msg"].split("\n"):
                tr.w("%s    %s" % (pre, l))
            w = len(str(e["line"]))
            tr.w("%s%s |" % (pre, " " * w))
            tr.w("%s%d | %s" % (pre, e["line"], e["src"]))
            tr.w("%s%s | %s%s" % (pre, " " * w, " " * (e["col"] - 1), "^" * e.get("width", 4)))
        tr.w("")
        if stack:
            tr.w("Error: [S-7282]")
            tr.w("       Stack failed to execute the build plan.")
        else:
            tr.w("Error: cabal: Failed to build %s-%s (which is required by test:spec from %s-%s)." % (name, p["version"], name, p["version"]))
        return 1
    if not test:
        return 0
    tests = [t for s in p["suites"] for t in s["tests"]]
    tinj, fails, collect, hang_at, oom_at = test_inj(c, inj, tests)
    tr.w("%sRunning 1 test suites..." % ("" if not stack else pre))
    tr.w("%sTest suite spec: RUNNING..." % pre)
    flist = []
    for s in p["suites"]:
        tr.w("%s%s" % (pre, s["cls"]))
        for t in s["tests"]:
            if hang_at is not None and t.idx == hang_at:
                return "timeout"
            ok = t.idx not in fails
            if not ok:
                flist.append(t)
            tr.w("%s  %s [%s]" % (pre, t.desc, "✔" if ok else "✘"))
    tr.w("")
    if flist:
        tr.w("%sFailures:" % pre)
        tr.w("")
        for i, t in enumerate(flist, 1):
            d = fails[t.idx]
            tr.w("%s  %s:%d:%d: " % (pre, t.file, c.ln(t.file, t.line) + 2, 7))
            tr.w("%s  %d) %s %s" % (pre, i, t.cls, t.desc))
            if d["k"] == "assert":
                tr.w("%s       expected: %s" % (pre, val_plain(d["exp"], d["vt"])))
                tr.w("%s        but got: %s" % (pre, val_plain(d["act"], d["vt"])))
            else:
                tr.w("%s       uncaught exception: %s" % (pre, d["etype"]))
                tr.w("%s       %s" % (pre, d["emsg"]))
            tr.w("")
            tr.w("%s  To rerun use: --match \"/%s/%s/\"" % (pre, t.cls, t.desc))
            tr.w("")
    seed = rng.randint(10 ** 6, 10 ** 9)
    tr.w("%sRandomized with seed %d" % (pre, seed))
    tr.w("")
    tr.w("%sFinished in %.4f seconds" % (pre, rng.uniform(0.01, 20)))
    tr.w("%s%d examples, %d failure%s" % (pre, len(tests), len(flist), "" if len(flist) == 1 else "s"))
    if flist:
        tr.w("%sTest suite spec: FAIL" % pre)
        tr.w("%sTest suite logged to:" % pre)
        tr.w("%s%s/dist-newstyle/build/x86_64-linux/ghc-9.6.6/%s-%s/t/spec/test/%s-%s-spec.log" % (pre, c.b, name, p["version"], name, p["version"]))
        tr.w("%s0 of 1 test suites (0 of 1 test cases) passed." % pre)
        if stack:
            tr.w("")
            tr.w("Error: [S-1995]")
            tr.w("       Test suite failure for package %s-%s" % (name, p["version"]))
            tr.w("           spec:  exited with: ExitFailure 1")
            tr.w("       Logs printed to console")
        else:
            tr.w("Error: cabal: Tests failed for test:spec from %s-%s." % (name, p["version"]))
        return 1
    tr.w("%sTest suite spec: PASS" % pre)
    tr.w("%s1 of 1 test suites (1 of 1 test cases) passed." % pre)
    return 0


def st_stack(c, inj):
    return st_cabal(c, inj, stack=True)


def st_hlint(c, inj):
    tr, rng, p = c.tr, c.rng, c.p
    c.cmd("hlint src test")
    inj2 = pick_fail(c, inj, "lint")
    if inj2 and inj2.type == "lint":
        for it in inj2.payload["issues"]:
            tr.w("%s:%d:%d-%d: Warning: %s" % (it["file"], it["line"], it["col"], it["col"] + len(it["src"].strip()) - 1, it["msg"]))
            tr.w("Found:")
            tr.w("  %s" % it["src"].strip())
            tr.w("Perhaps:")
            tr.w("  %s" % it["fixed"].strip())
            tr.w("")
        n = len(inj2.payload["issues"])
        tr.w("%d hint%s" % (n, "s" if n > 1 else ""))
        return 1
    tr.w("No hints")
    return 0


# --------------------------------------------------------------------------------------
# julia
# --------------------------------------------------------------------------------------
def st_julia(c, inj):
    tr, rng, p = c.tr, c.rng, c.p
    test = c.kind in ("unit", "integ")
    pkg = p["ns"]
    c.cmd("julia --project=. -e 'using Pkg; Pkg.instantiate(); %s'" % ("Pkg.test(coverage=true)" if test else "Pkg.precompile()"))
    iinj = pick_fail(c, inj, "install")
    if iinj and iinj.type in ("dns", "tls"):
        host = iinj.payload["host"]
        tr.w("  Installing known registries into `~/.julia`")
        reason = "Could not resolve host: %s" % host if iinj.type == "dns" else "SSL certificate problem: certificate has expired"
        tr.w("┌ Warning: could not download https://%s/api/julia/julia-remote/registries" % host)
        tr.w("│   exception = RequestError: %s while requesting https://%s/api/julia/julia-remote/registries" % (reason, host))
        tr.w("└ @ Pkg.Registry /usr/local/julia/share/julia/stdlib/v1.10/Pkg/src/Registry/Registry.jl:69")
        tr.w("ERROR: LoadError: RequestError: %s while requesting https://%s/api/julia/julia-remote/registry/23338594-aafe-5451-b93e-139f81909106/%s" % (reason, host, hexs(rng, 40)))
        tr.w("Stacktrace:")
        tr.w("  [1] (::Downloads.var\"#9#18\"{IOStream, Base.DevNull, Nothing, Vector{Pair{String, String}}, Float64, Nothing, Bool, Nothing, Bool, Nothing, String, Bool, Bool})(easy::Downloads.Curl.Easy)")
        tr.w("    @ Downloads /usr/local/julia/share/julia/stdlib/v1.10/Downloads/src/Downloads.jl:452")
        return 1
    if c.cache_miss:
        tr.w("  Installing known registries into `~/.julia`")
        tr.w("       Added `General` registry to ~/.julia/registries")
    tr.w("   Resolving package versions...")
    deps = [("DataFrames", "1.7.0"), ("CSV", "0.10.15"), ("StatsBase", "0.34.3"), ("Distributions", "0.25.113"), ("Optim", "1.10.0"), ("ForwardDiff", "0.10.38"), ("JuMP", "1.23.5"), ("HiGHS", "1.12.0"), ("Tables", "1.12.0"), ("JSON3", "1.14.1")]
    if c.cache_miss:
        for d, v in deps:
            tr.w("   Installed %s %s v%s" % (d, "─" * max(1, 22 - len(d)), v))
    cinj = pick_fail(c, inj, "compile")
    tr.w("Precompiling project...")
    for d, v in deps:
        if cinj and cinj.type == "disk" and d == "Distributions":
            tr.w("  ✗ %s" % d)
            tr.w("  %d dependencies successfully precompiled in %d seconds. %d already precompiled." % (rng.randint(20, 60), rng.randint(30, 200), rng.randint(5, 30)))
            tr.w("")
            tr.w("ERROR: The following 1 direct dependency failed to precompile:")
            tr.w("")
            tr.w("Distributions [31c24e10-a181-5473-b8eb-7969acd0382f]")
            tr.w("")
            tr.w("Failed to precompile Distributions [31c24e10-a181-5473-b8eb-7969acd0382f] to \"/root/.julia/compiled/v1.10/Distributions/jl_%s\"." % alnum(rng, 6, B62))
            tr.w("ERROR: LoadError: SystemError: opening file \"/root/.julia/compiled/v1.10/Distributions/jl_%s\": No space left on device" % alnum(rng, 6, B62))
            return 1
        if cinj and cinj.type == "oom" and d == "JuMP":
            tr.w("  ✗ %s" % d)
            tr.w("ERROR: The following 1 direct dependency failed to precompile:")
            tr.w("")
            tr.w("JuMP [4076af6c-e467-56ae-b986-b466b2749572]")
            tr.w("")
            tr.w("Failed to precompile JuMP [4076af6c-e467-56ae-b986-b466b2749572] to \"/root/.julia/compiled/v1.10/JuMP/jl_%s\"." % alnum(rng, 6, B62))
            tr.w("[%d] signal (9): Killed" % rng.randint(100, 900))
            return 1
        tr.w("  ✓ %s" % d)
    if cinj and cinj.type == "compile":
        e = cinj.payload["julia"][0]
        tr.w("  ✗ %s" % pkg)
        tr.w("  %d dependencies successfully precompiled in %d seconds" % (len(deps), rng.randint(60, 300)))
        tr.w("")
        tr.w("ERROR: The following 1 direct dependency failed to precompile:")
        tr.w("")
        tr.w("%s [%s]" % (pkg, p["uuid"]))
        tr.w("")
        tr.w("Failed to precompile %s [%s] to \"/root/.julia/compiled/v1.10/%s/jl_%s\"." % (pkg, p["uuid"], pkg, alnum(rng, 6, B62)))
        tr.w("ERROR: LoadError: %s" % e["msg"])
        tr.w("Stacktrace:")
        tr.w(" [1] top-level scope")
        tr.w("   @ %s/%s:%d" % (c.b, e["file"], e["line"]))
        tr.w(" [2] include(mod::Module, _path::String)")
        tr.w("   @ Base ./Base.jl:495")
        tr.w("in expression starting at %s/%s:%d" % (c.b, e["file"], e["line"]))
        tr.w("in expression starting at %s/src/%s.jl:%d" % (c.b, pkg, rng.randint(5, 30)))
        return 1
    tr.w("  ✓ %s" % pkg)
    tr.w("  %d dependencies successfully precompiled in %d seconds. %d already precompiled." % (len(deps) + 1, rng.randint(60, 300), rng.randint(10, 60)))
    if not test:
        return 0
    tests = [t for s in p["suites"] for t in s["tests"]]
    tinj, fails, collect, hang_at, oom_at = test_inj(c, inj, tests)
    tr.w("     Testing %s" % pkg)
    tr.w("      Status `/tmp/jl_%s/Project.toml`" % alnum(rng, 6, B62))
    for d, v in deps[:6]:
        tr.w("  [%s] %s v%s" % (hexs(rng, 8), d, v))
    tr.w("     Testing Running tests...")
    if oom_at is not None:
        tr.w("ERROR: Package %s errored during testing (received signal: KILL)" % pkg)
        return 1
    if hang_at is not None:
        return "timeout"
    byset = {}
    for t in tests:
        if t.idx in fails:
            d = fails[t.idx]
            tl = c.ln(t.file, t.line) + 3
            if d["k"] == "assert":
                tr.w("%s: Test Failed at %s/%s:%d" % (t.cls + ": " + t.desc if False else t.desc, c.b, t.file, tl))
                jv = (lambda v: val_js(v, d["vt"])) if d["vt"] in ("str", "bool") else (lambda v: val_plain(v, d["vt"]))
                tr.w("  Expression: %s" % ("result.%s == %s" % (d.get("jlcode", "x == y").split(".")[1].split(" ")[0], jv(d["exp"])) if d.get("jlcode") else "result == %s" % jv(d["exp"])))
                tr.w("   Evaluated: %s == %s" % (jv(d["act"]), jv(d["exp"])))
                tr.w("")
                tr.w("Stacktrace:")
                tr.w(" [1] macro expansion")
                tr.w("   @ /usr/local/julia/share/julia/stdlib/v1.10/Test/src/Test.jl:672 [inlined]")
                tr.w(" [2] macro expansion")
                tr.w("   @ %s/%s:%d [inlined]" % (c.b, t.file, tl))
            else:
                tr.w("%s: Error During Test at %s/%s:%d" % (t.desc, c.b, t.file, tl))
                tr.w("  Test threw exception")
                tr.w("  Expression: %s" % (d.get("jlcode") or "fit!(model, data)"))
                tr.w("  %s: %s" % (d["etype"], d["emsg"]))
                tr.w("  Stacktrace:")
                for i, f in enumerate(reversed(d.get("frames", [])), 1):
                    tr.w("   [%d] %s" % (i, f["func"]))
                    tr.w("     @ %s %s:%d" % (pkg, f["file"], f["line"]))
            byset.setdefault(t.cls, [0, 0, 0])
            byset[t.cls][1 if d["k"] == "assert" else 2] += 1
        else:
            byset.setdefault(t.cls, [0, 0, 0])
            byset[t.cls][0] += 1
    npass = sum(v[0] for v in byset.values())
    nfail = sum(v[1] for v in byset.values())
    nerr = sum(v[2] for v in byset.values())
    cols = ["Pass"] + (["Fail"] if nfail else []) + (["Error"] if nerr else []) + ["Total", "Time"]
    w = max(len(pkg), max(len(k) for k in byset) + 2)
    tr.w("Test Summary:%s | %s" % (" " * (w - 13 + 0) if w > 13 else "", "  ".join(cols)))
    def row(name, v, ind):
        cells = ["%4d" % v[0]] + (["%4s" % (v[1] or "")] if nfail else []) + (["%5s" % (v[2] or "")] if nerr else []) + ["%5d" % sum(v), "%s" % ("%.1fs" % rng.uniform(0.1, 90))]
        return "%s%s | %s" % (" " * ind, name.ljust(w - ind), "  ".join(cells))
    tot = [npass, nfail, nerr]
    tr.w(row(pkg, tot, 0))
    for k, v in byset.items():
        tr.w(row(k, v, 2))
    if nfail or nerr:
        tr.w("ERROR: LoadError: Some tests did not pass: %d passed, %d failed, %d errored, 0 broken." % (npass, nfail, nerr))
        tr.w("in expression starting at %s/test/runtests.jl:%d" % (c.b, rng.randint(3, 12)))
        tr.w("ERROR: Package %s errored during testing" % pkg)
        tr.w("Stacktrace:")
        tr.w(" [1] pkgerror(msg::String)")
        tr.w("   @ Pkg.Types /usr/local/julia/share/julia/stdlib/v1.10/Pkg/src/Types.jl:70")
        tr.w(" [2] test(ctx::Pkg.Types.Context, pkgs::Vector{Pkg.Types.PackageSpec}; coverage::Bool, julia_args::Cmd, test_args::Cmd, test_fn::Nothing, force_latest_compatible_version::Bool, allow_earlier_backwards_compatible_versions::Bool, allow_reresolve::Bool)")
        tr.w("   @ Pkg.Operations /usr/local/julia/share/julia/stdlib/v1.10/Pkg/src/Operations.jl:2074")
        tr.w(" [3] test")
        tr.w("   @ /usr/local/julia/share/julia/stdlib/v1.10/Pkg/src/Operations.jl:1955 [inlined]")
        tr.w(" [4] test(ctx::Pkg.Types.Context, pkgs::Vector{Pkg.Types.PackageSpec}; coverage::Bool, test_fn::Nothing, julia_args::Cmd, test_args::Cmd, force_latest_compatible_version::Bool, allow_earlier_backwards_compatible_versions::Bool, allow_reresolve::Bool, kwargs::@Kwargs{io::Base.TTY})")
        tr.w("   @ Pkg.API /usr/local/julia/share/julia/stdlib/v1.10/Pkg/src/API.jl:444")
        tr.w(" [5] top-level scope")
        tr.w("   @ none:1")
        return 1
    tr.w("     Testing %s tests passed " % pkg)
    return 0

# --------------------------------------------------------------------------------------
# docker / kaniko / hadolint / trivy
# --------------------------------------------------------------------------------------
def docker_base(c):
    p = c.p
    if p["eco"] == "docker":
        img = c.job["name"].split(":")[1].replace("-base", "") if ":" in c.job["name"] else "python"
        return {"python": "python:3.12-slim-bookworm", "node": "node:22-bookworm-slim", "golang": "golang:1.23-bookworm",
                "jdk": "eclipse-temurin:21-jdk", "ruby": "ruby:3.3-slim"}.get(img, "debian:bookworm-slim"), img
    base = {"python": "%s/base/python:%s" % (REG, p["tools"].get("py", "3.12")) if p["tools"].get("internal_image") else "python:%s-slim" % p["tools"].get("py", "3.12"),
            "node": "node:%s-alpine" % p["tools"].get("node", "22"), "go": "golang:%s-alpine" % p["tools"].get("go", "1.23"),
            "java": "eclipse-temurin:21-jre", "rust": "rust:1.82-slim", "dotnet": "mcr.microsoft.com/dotnet/aspnet:8.0"}.get(p["eco"], "debian:bookworm-slim")
    return base, p["eco"]


def docker_steps(c):
    p = c.p
    base, kind = docker_base(c)
    e = p["eco"] if p["eco"] != "docker" else {"python": "python", "node": "node", "golang": "go", "jdk": "java", "ruby": "ruby"}.get(kind, "python")
    inst = {"python": "pip install --no-cache-dir -r requirements.txt", "node": "npm ci --omit=dev", "go": "go mod download",
            "java": "./mvnw -q -B dependency:go-offline", "rust": "cargo fetch --locked", "dotnet": "dotnet restore",
            "ruby": "bundle install --without development test"}.get(e, "true")
    steps = ["WORKDIR /app",
             "RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates && rm -rf /var/lib/apt/lists/*" if "alpine" not in base else "RUN apk add --no-cache curl ca-certificates",
             "COPY %s ./" % {"python": "requirements.txt", "node": "package.json package-lock.json", "go": "go.mod go.sum", "java": "pom.xml mvnw", "rust": "Cargo.toml Cargo.lock", "dotnet": "*.csproj", "ruby": "Gemfile Gemfile.lock"}.get(e, "."),
             "RUN " + inst,
             "COPY . .",
             "COPY %s /app/%s" % (p["docker_extra"], p["docker_extra"]),
             "RUN curl -fsSL -o /usr/local/bin/healthcheck https://%s/api/generic/tools/healthcheck/1.4.0/healthcheck-linux-amd64 && chmod +x /usr/local/bin/healthcheck" % ARTI]
    return base, steps, e


def bk_pkg_output(c, e, inj):
    """Output lines of the dependency-install RUN step inside the image build."""
    rng = c.rng
    if e == "python":
        sub = []
        deps = py_deps(c)
        if inj and inj.type in ("dns", "tls"):
            n, v = deps[0]
            host = inj.payload["host"]
            if inj.type == "dns":
                reason = "NewConnectionError('<pip._vendor.urllib3.connection.HTTPSConnection object at %s>: Failed to establish a new connection: %s')" % (addr(rng), py_dns_reason(c, inj))
            else:
                reason = "SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired (_ssl.c:1000)'))"
            for total in range(4, -1, -1):
                sub.append("WARNING: Retrying (Retry(total=%d, connect=None, read=None, redirect=None, status=None)) after connection broken by '%s': /api/pypi/pypi-remote/simple/%s/" % (total, reason, n))
            sub.append("ERROR: Could not find a version that satisfies the requirement %s==%s (from versions: none)" % (n, v))
            sub.append("ERROR: No matching distribution found for %s==%s" % (n, v))
            return sub, 1
        for n, v in deps[:rng.randint(5, len(deps))]:
            sub.append("Collecting %s==%s (from -r requirements.txt (line %d))" % (n, v, rng.randint(1, 40)))
            sub.append("  Downloading %s-%s-py3-none-any.whl.metadata (%.1f kB)" % (n.replace("-", "_"), v, rng.uniform(1, 9)))
        if inj and inj.type == "disk":
            sub.append("ERROR: Could not install packages due to an OSError: [Errno 28] No space left on device")
            return sub, 1
        sub.append("Installing collected packages: " + ", ".join(n for n, _ in deps[:8]))
        sub.append("Successfully installed " + " ".join("%s-%s" % d for d in deps[:8]))
        sub.append("WARNING: Running pip as the 'root' user can result in broken permissions and conflicting behaviour with the system package manager, possibly rendering your system unusable. It is recommended to use a virtual environment instead: https://pip.pypa.io/warnings/venv. Use the --root-user-action option if you know what you are doing and want to suppress this warning.")
        return sub, 0
    if e == "node":
        host = inj.payload.get("host", ARTI) if inj else ARTI
        if inj and inj.type == "dns":
            return ["npm error code ENOTFOUND", "npm error syscall getaddrinfo", "npm error errno ENOTFOUND",
                    "npm error network request to https://%s/api/npm/npm-remote/express failed, reason: getaddrinfo ENOTFOUND %s" % (host, host),
                    "npm error network This is a problem related to network connectivity."], 1
        if inj and inj.type == "tls":
            return ["npm error code CERT_HAS_EXPIRED", "npm error errno CERT_HAS_EXPIRED", "npm error request to https://%s/api/npm/npm-remote/express failed, reason: certificate has expired" % host], 1
        if inj and inj.type == "disk":
            return ["npm error code ENOSPC", "npm error syscall write", "npm error errno -28", "npm error nospc ENOSPC: no space left on device, write"], 1
        return ["", "added %d packages, and audited %d packages in %ds" % (rng.randint(100, 400), rng.randint(100, 400), rng.randint(4, 30)), "", "found 0 vulnerabilities"], 0
    if e == "go":
        if inj and inj.type in ("dns", "tls"):
            m, v = rng.choice(GO_DEPS)
            url = "https://%s/api/go/go-remote/%s/@v/%s.mod" % (inj.payload["host"], m, v)
            return ['go: %s@%s: Get "%s": %s' % (m, v, url, dns_go(c, inj) if inj.type == "dns" else "tls: failed to verify certificate: " + x509_expired(c, inj))], 1
        if inj and inj.type == "disk":
            m, v = rng.choice(GO_DEPS)
            return ["go: %s@%s: write /go/pkg/mod/cache/download/%s/@v/%s.zip: no space left on device" % (m, v, m, v)], 1
        return [], 0
    if inj:
        if inj.type == "dns":
            return ["curl: (6) Could not resolve host: %s" % inj.payload["host"]], 6
        if inj.type == "tls":
            return ["curl: (60) SSL certificate problem: certificate has expired", "More details here: https://curl.se/docs/sslcerts.html", "", "curl failed to verify the legitimacy of the server and therefore could not", "establish a secure connection to it. To learn more about this situation and", "how to fix it, please visit the webpage mentioned above."], 60
        return ["write /usr/local/lib: no space left on device"], 1
    return ["[INFO] dependencies resolved"] if e == "java" else [], 0


def bk_fail_tail(c, stepno, total, stage, cmd, sub, code, dockerfile_line, lines_before):
    tr = c.tr
    tr.w("#%d ERROR: process \"/bin/sh -c %s\" did not complete successfully: exit code: %d" % (stepno, cmd, code))
    tr.w("------")
    tr.w(" > [%s %d/%d] RUN %s:" % (stage, stepno - 5 if stepno > 5 else 1, total, cmd))
    for ts, l in sub[-10:]:
        tr.w("%.3f %s" % (ts, l))
    tr.w("------")
    tr.w("Dockerfile:%d" % dockerfile_line)
    tr.w("--------------------")
    for k, l in enumerate(lines_before):
        tr.w("  %2d |     %s" % (dockerfile_line - len(lines_before) + k, l))
    tr.w("  %2d | >>> RUN %s" % (dockerfile_line, cmd))
    tr.w("  %2d |     " % (dockerfile_line + 1))
    tr.w("--------------------")
    tr.w("ERROR: failed to solve: process \"/bin/sh -c %s\" did not complete successfully: exit code: %d" % (cmd, code))


def st_buildkit(c, inj):
    tr, rng, p = c.tr, c.rng, c.p
    base, steps, e = docker_steps(c)
    img = "%s/%s%s" % (REG, p["path"], (":" + c.job["name"].split(":")[1]) if p["eco"] == "docker" else "")
    df = "images/%s/Dockerfile" % docker_base(c)[1] if p["eco"] == "docker" else "Dockerfile"
    c.cmd('echo "$CI_REGISTRY_PASSWORD" | docker login -u "$CI_REGISTRY_USER" --password-stdin %s' % REG)
    dinj = pick_fail(c, inj, "docker")
    if dinj and dinj.type == "dns" and dinj.payload["host"] == REG:
        tr.w('Error response from daemon: Get "https://%s/v2/": %s' % (REG, dns_go(c, dinj)), err=True)
        return 1
    tr.w("WARNING! Your password will be stored unencrypted in /root/.docker/config.json.")
    tr.w("Configure a credential helper to remove this warning. See")
    tr.w("https://docs.docker.com/engine/reference/commandline/login/#credential-stores")
    tr.w("")
    tr.w("Login Succeeded")
    c.cmd("docker buildx build --pull --provenance=false -f %s --cache-from type=registry,ref=%s:buildcache --tag %s:%s --push ." % (df, img.split(":")[0] if p["eco"] == "docker" else img, img, c.sha[:8]))
    tr.w("#0 building with \"default\" instance using docker driver")
    tr.w("")
    tr.w("#1 [internal] load build definition from %s" % os.path.basename(df))
    tr.w("#1 transferring dockerfile: %dB done" % rng.randint(400, 3000))
    tr.w("#1 DONE 0.0s")
    if rng.random() < 0.3:
        tr.w("")
        tr.w("#1 WARN: FromAsCasing: 'as' and 'FROM' keywords' casing do not match (line 1)")
    tr.w("")
    bname = base if "/" in base.split(":")[0] and "." in base.split("/")[0] else "docker.io/library/" + base
    tr.w("#2 [internal] load metadata for %s" % bname)
    if dinj and dinj.type == "ratelimit" and "docker.io" in bname:
        tr.adv(rng.uniform(0.5, 3))
        repo = base.split(":")[0]
        msg = "failed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/library/%s/manifests/sha256:%s: 429 Too Many Requests - Server message: %s" % (repo, hexs(rng, 64), RATE_MSG)
        tr.w("#2 ERROR: %s" % msg)
        tr.w("------")
        tr.w(" > [internal] load metadata for %s:" % bname)
        tr.w("------")
        tr.w("%s:1" % os.path.basename(df))
        tr.w("--------------------")
        tr.w("   1 | >>> FROM %s AS build" % base)
        tr.w("   2 |     WORKDIR /app")
        tr.w("--------------------")
        tr.w("ERROR: failed to solve: %s: failed to resolve source metadata for %s: %s" % (base, bname, msg))
        return 1
    if dinj and dinj.type == "dns" and REG in bname:
        tr.w("#2 ERROR: failed to do request: Head \"https://%s/v2/%s/manifests/%s\": %s" % (REG, base.split("/", 1)[1].split(":")[0], base.split(":")[-1], dns_go(c, dinj)))
        tr.w("------")
        tr.w(" > [internal] load metadata for %s:" % bname)
        tr.w("------")
        tr.w("ERROR: failed to solve: %s: failed to resolve source metadata for %s: failed to do request: Head \"https://%s/v2/%s/manifests/%s\": %s" % (base, bname, REG, base.split("/", 1)[1].split(":")[0], base.split(":")[-1], dns_go(c, dinj)))
        return 1
    tr.w("#2 DONE %.1fs" % rng.uniform(0.3, 3))
    tr.w("")
    tr.w("#3 [internal] load .dockerignore")
    tr.w("#3 transferring context: %dB done" % rng.randint(2, 400))
    tr.w("#3 DONE 0.0s")
    tr.w("")
    dg = hexs(rng, 64)
    tr.w("#4 [build 1/%d] FROM %s@sha256:%s" % (len(steps) + 1, bname, dg))
    tr.w("#4 resolve %s@sha256:%s %.1fs done" % (bname, dg, rng.uniform(0, 0.3)))
    for _ in range(rng.randint(2, 5)):
        sz = rng.uniform(1, 60)
        tr.w("#4 sha256:%s %.2fMB / %.2fMB %.1fs done" % (hexs(rng, 64), sz, sz, rng.uniform(0.2, 4)))
    if dinj and dinj.type == "disk":
        tr.w("#4 extracting sha256:%s" % hexs(rng, 64))
        tr.w("#4 ERROR: failed to extract layer sha256:%s: write /var/lib/docker/overlay2/%s/diff/usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.30: no space left on device" % (hexs(rng, 64), hexs(rng, 25)))
        tr.w("------")
        tr.w(" > [build 1/%d] FROM %s@sha256:%s:" % (len(steps) + 1, bname, dg))
        tr.w("------")
        tr.w("ERROR: failed to solve: failed to compute cache key: failed to extract layer: write /var/lib/docker/overlay2/%s/diff/usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.30: no space left on device" % hexs(rng, 25))
        return 1
    tr.w("#4 extracting sha256:%s %.1fs done" % (hexs(rng, 64), rng.uniform(0.2, 3)))
    tr.w("#4 DONE %.1fs" % rng.uniform(1, 20))
    tr.w("")
    tr.w("#5 [internal] load build context")
    tr.w("#5 transferring context: %.2fMB %.1fs done" % (rng.uniform(0.1, 40), rng.uniform(0.1, 2)))
    tr.w("#5 DONE %.1fs" % rng.uniform(0.1, 2))
    n = len(steps) + 1
    iinj = pick_fail(c, inj, "install")
    for k, s in enumerate(steps, 2):
        no = k + 4
        tr.w("")
        tr.w("#%d [build %d/%d] %s" % (no, k, n, s))
        if rng.random() < 0.25 and c.cache_gen and not (iinj or dinj):
            tr.w("#%d CACHED" % no)
            continue
        if s.startswith("RUN"):
            cmd = s[4:]
            sub = []
            code = 0
            if "apt-get" in cmd or "apk add" in cmd:
                if dinj and dinj.type == "missing_tool" and dinj.payload.get("stage") == "apt":
                    sub = [(0.2, "E: Unable to locate package %s" % dinj.payload["pkg"])]
                    code = 100
                else:
                    sub = [(rng.uniform(0.1, 0.5), "Get:%d http://deb.debian.org/debian bookworm/main amd64 %s [%d kB]" % (i, x, rng.randint(50, 900))) for i, x in enumerate(["libcurl4", "curl", "ca-certificates"], 1)]
                    sub.append((rng.uniform(2, 9), "Setting up curl (7.88.1-10+deb12u8) ..."))
            elif cmd == docker_steps(c)[1][3][4:]:
                lines, code = bk_pkg_output(c, e, iinj)
                t = rng.uniform(0.3, 1.5)
                for l in lines:
                    t += rng.uniform(0.01, 0.6)
                    sub.append((t, l))
            elif "healthcheck" in cmd:
                if dinj and dinj.type == "missing_tool" and dinj.payload.get("stage") == "curl":
                    sub = [(0.2, "/bin/sh: 1: curl: not found")]
                    code = 127
                elif iinj and iinj.type in ("dns", "tls") and e not in ("python", "node", "go"):
                    lines, code = bk_pkg_output(c, "other", iinj)
                    sub = [(0.3 + 0.1 * i, l) for i, l in enumerate(lines)]
            for ts, l in sub:
                tr.w("#%d %.3f %s" % (no, ts, l))
            if code:
                before = ["FROM %s AS build" % base] + steps[: k - 2]
                bk_fail_tail(c, no, n, "build", cmd, sub, code, k, before[-3:])
                return 1
            tr.w("#%d DONE %.1fs" % (no, (sub[-1][0] if sub else 0.2) + rng.uniform(0.1, 1)))
        else:
            if s.startswith("COPY") and dinj and dinj.type == "dockerfile" and dinj.payload["missing"] in s:
                P = dinj.payload
                tr.w("#%d ERROR: failed to calculate checksum of ref %s::%s: \"/%s\": not found" % (no, alnum(rng, 25), alnum(rng, 25), P["missing"]))
                tr.w("------")
                tr.w(" > [build %d/%d] %s:" % (k, n, s))
                tr.w("------")
                tr.w("ERROR: failed to solve: failed to compute cache key: failed to calculate checksum of ref %s::%s: \"/%s\": not found" % (alnum(rng, 25), alnum(rng, 25), P["missing"]))
                return 1
            tr.w("#%d DONE %.1fs" % (no, rng.uniform(0.0, 0.3)))
    no = len(steps) + 6
    tr.w("")
    tr.w("#%d exporting to image" % no)
    tr.w("#%d exporting layers %.1fs done" % (no, rng.uniform(0.5, 9)))
    tr.w("#%d exporting manifest sha256:%s done" % (no, hexs(rng, 64)))
    tr.w("#%d exporting config sha256:%s done" % (no, hexs(rng, 64)))
    tr.w("#%d naming to %s:%s done" % (no, img, c.sha[:8]))
    tr.w("#%d pushing layers" % no)
    tr.w("#%d pushing layers %.1fs done" % (no, rng.uniform(1, 30)))
    tr.w("#%d pushing manifest for %s:%s@sha256:%s" % (no, img, c.sha[:8], hexs(rng, 64)))
    tr.w("#%d pushing manifest for %s:%s@sha256:%s %.1fs done" % (no, img, c.sha[:8], hexs(rng, 64), rng.uniform(0.2, 2)))
    tr.w("#%d DONE %.1fs" % (no, rng.uniform(2, 40)))
    return 0


def st_kaniko(c, inj):
    tr, rng, p = c.tr, c.rng, c.p
    base, steps, e = docker_steps(c)
    img = "%s/%s%s" % (REG, p["path"], (":" + c.job["name"].split(":")[1]) if p["eco"] == "docker" else "")
    df = "images/%s/Dockerfile" % docker_base(c)[1] if p["eco"] == "docker" else "Dockerfile"
    c.cmd("/kaniko/executor --context \"${CI_PROJECT_DIR}\" --dockerfile \"${CI_PROJECT_DIR}/%s\" --destination \"%s:${CI_COMMIT_SHORT_SHA}\" --cache=true" % (df, img))
    dinj = pick_fail(c, inj, "docker")
    iinj = pick_fail(c, inj, "install")
    def ts():
        return "INFO[%04d]" % int(tr.t - c.t_script)
    tr.w("%s Retrieving image manifest %s                 " % (ts(), base))
    tr.w("%s Retrieving image %s from registry %s " % (ts(), base, "index.docker.io" if "." not in base.split("/")[0] else base.split("/")[0]))
    if dinj and dinj.type == "ratelimit" and "." not in base.split("/")[0]:
        repo = base.split(":")[0]
        tr.w("error building image: unable to complete operation after 0 attempts, last error: GET https://index.docker.io/v2/library/%s/manifests/%s: TOOMANYREQUESTS: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit" % (repo, base.split(":")[1]))
        return 1
    if dinj and dinj.type == "dns":
        tr.w("error building image: unable to complete operation after 0 attempts, last error: Get \"https://%s/v2/\": %s" % (dinj.payload["host"], dns_go(c, dinj)))
        return 1
    tr.w("%s Retrieving image manifest %s                 " % (ts(), base))
    tr.w("%s Returning cached image manifest              " % ts())
    tr.w("%s Built cross stage deps: map[]                " % ts())
    tr.w("%s Retrieving image manifest %s                 " % (ts(), base))
    tr.w("%s Returning cached image manifest              " % ts())
    tr.w("%s Executing 0 build triggers                   " % ts())
    tr.w("%s Building stage '%s' [idx: '0', base-idx: '-1'] " % (ts(), base))
    tr.w("%s Checking for cached layer %s/cache:%s... " % (ts(), img.split(":")[0], hexs(rng, 64)))
    tr.w("%s No cached layer found for cmd RUN %s  " % (ts(), steps[1][4:60]))
    tr.w("%s Unpacking rootfs as cmd %s requires it.      " % (ts(), steps[1][:40]))
    if dinj and dinj.type == "disk":
        tr.w("error building image: error building stage: failed to get filesystem from image: write /usr/lib/x86_64-linux-gnu/libLLVM-15.so.1: no space left on device")
        return 1
    for s in steps:
        tr.w("%s %s                         " % (ts(), s))
        if s.startswith("COPY") and dinj and dinj.type == "dockerfile" and dinj.payload["missing"] in s:
            tr.w("error building image: error building stage: failed to execute command: resolving src: failed to get fileinfo for /kaniko/buildcontext/%s: lstat /kaniko/buildcontext/%s: no such file or directory" % (dinj.payload["missing"], dinj.payload["missing"]))
            return 1
        if s.startswith("RUN"):
            tr.w("%s Running: [/bin/sh -c %s]                 " % (ts(), s[4:]))
            if s[4:] == steps[3][4:]:
                lines, code = bk_pkg_output(c, e, iinj)
                for l in lines:
                    tr.w(l)
                if code:
                    tr.w("error building image: error building stage: failed to execute command: waiting for process to exit: exit status %d" % code)
                    return 1
            if "healthcheck" in s and dinj and dinj.type == "missing_tool" and dinj.payload.get("stage") == "curl":
                tr.w("/bin/sh: 1: curl: not found")
                tr.w("error building image: error building stage: failed to execute command: waiting for process to exit: exit status 127")
                return 1
            if ("apt-get" in s or "apk" in s) and dinj and dinj.type == "missing_tool" and dinj.payload.get("stage") == "apt":
                tr.w("E: Unable to locate package %s" % dinj.payload["pkg"])
                tr.w("error building image: error building stage: failed to execute command: waiting for process to exit: exit status 100")
                return 1
            tr.w("%s Taking snapshot of full filesystem...        " % ts())
            tr.w("%s Pushing layer %s/cache:%s to cache now " % (ts(), img.split(":")[0], hexs(rng, 64)))
            tr.w("%s Pushing image to %s/cache:%s " % (ts(), img.split(":")[0], hexs(rng, 64)))
            tr.w("%s Pushed %s/cache@sha256:%s " % (ts(), img.split(":")[0], hexs(rng, 64)))
    tr.w("%s Pushing image to %s:%s " % (ts(), img, c.sha[:8]))
    tr.w("%s Pushed %s@sha256:%s " % (ts(), img, hexs(rng, 64)))
    return 0


def st_hadolint(c, inj):
    tr, rng, p = c.tr, c.rng, c.p
    c.cmd("hadolint --failure-threshold warning images/*/Dockerfile")
    inj2 = pick_fail(c, inj, "lint")
    if inj2 and inj2.type == "lint":
        for it in inj2.payload["issues"]:
            tr.w("%s:%d %s %s: %s" % (it["file"], it["line"], it["code"], it.get("sev", "warning"), it["msg"]))
        return 1
    for f in p["src"][:3]:
        if rng.random() < 0.4:
            tr.w("%s:%d DL3059 info: Multiple consecutive `RUN` instructions. Consider consolidation." % (f, rng.randint(5, 30)))
    return 0


def st_trivy(c, inj):
    tr, rng, p = c.tr, c.rng, c.p
    img = "%s/%s:%s" % (REG, p["path"], rng.choice(["python-base", "node-base", "golang-base"]))
    c.cmd("trivy image --exit-code 1 --severity CRITICAL --no-progress --format template --template '@/contrib/gitlab.tpl' -o gl-container-scanning-report.json %s" % img)
    d = lambda: now_iso(c)
    tr.w("%s\tINFO\t[vulndb] Need to update DB" % d())
    tr.w("%s\tINFO\t[vulndb] Downloading vulnerability DB..." % d())
    tr.w("%s\tINFO\t[vulndb] Downloading artifact...\trepo=\"mirror.gcr.io/aquasec/trivy-db:2\"" % d())
    tr.w("%s\tINFO\t[vulndb] Artifact successfully downloaded\trepo=\"mirror.gcr.io/aquasec/trivy-db:2\"" % d())
    tr.w("%s\tINFO\t[vuln] Vulnerability scanning is enabled" % d())
    dinj = pick_fail(c, inj, "docker")
    if dinj and dinj.type == "dns":
        tr.w("%s\tFATAL\tFatal error\timage scan error: scan error: unable to initialize a scanner: unable to initialize an image scanner: 4 errors occurred:" % d())
        tr.w("\t* docker error: unable to inspect the image (%s): Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?" % img)
        tr.w("\t* containerd error: containerd socket not found: /run/containerd/containerd.sock")
        tr.w("\t* podman error: unable to initialize Podman client: no podman socket found: stat /run/user/0/podman/podman.sock: no such file or directory")
        tr.w("\t* remote error: GET https://%s/v2/%s/manifests/%s: Get \"https://%s/v2/\": %s" % (REG, p["path"], img.split(":")[-1], REG, dns_go(c, dinj)))
        return 1
    tr.w("%s\tINFO\tDetected OS\tfamily=\"debian\" version=\"12.8\"" % d())
    tr.w("%s\tINFO\t[debian] Detecting vulnerabilities...\tos_version=\"12\" pkg_num=%d" % (d(), rng.randint(90, 300)))
    tr.w("%s\tINFO\tNumber of language-specific files\tnum=%d" % (d(), rng.randint(0, 4)))
    return 0


# --------------------------------------------------------------------------------------
# terraform / helm
# --------------------------------------------------------------------------------------
def tf_box(lines):
    out = ["╷"]
    for l in lines:
        out.append("│ " + l if l else "│ ")
    out.append("╵")
    return out


def tf_init(c, iinj, backend=True):
    tr, rng, p = c.tr, c.rng, c.p
    c.cmd("terraform init -input=false%s" % ("" if backend else " -backend=false"))
    if backend:
        tr.w("")
        tr.w("Initializing the backend...")
        tr.w("")
        tr.w("Successfully configured the backend \"http\"! Terraform will automatically")
        tr.w("use this backend unless the backend configuration changes.")
    tr.w("Initializing modules...")
    for w in p["words"][:6]:
        tr.w("- %s in modules/%s" % (w, w))
    tr.w("")
    tr.w("Initializing provider plugins...")
    tr.w("- Finding hashicorp/aws versions matching \"~> 5.70\"...")
    if iinj and iinj.type in ("dns", "tls"):
        host = iinj.payload["host"]
        why = dns_go(c, iinj) if iinj.type == "dns" else "tls: failed to verify certificate: " + x509_expired(c, iinj)
        for l in tf_box([ESC + "[1m" + ESC + "[31mError: " + ESC + "[0m" + ESC + "[0m" + ESC + "[1mFailed to query available provider packages" + ESC + "[0m", "",
                         "Could not retrieve the list of available versions for provider",
                         "hashicorp/aws: could not query provider registry for",
                         "registry.terraform.io/hashicorp/aws: failed to retrieve the list of versions",
                         "from https://%s/api/terraform/providers/registry.terraform.io/hashicorp/aws/index.json:" % host,
                         "Get \"https://%s/api/terraform/providers/registry.terraform.io/hashicorp/aws/index.json\": %s" % (host, why)]):
            tr.w(l)
        tr.w("")
        return 1
    tr.w("- Finding hashicorp/random versions matching \"~> 3.6\"...")
    tr.w("- Installing hashicorp/aws v5.75.1...")
    tr.w("- Installed hashicorp/aws v5.75.1 (signed by HashiCorp)")
    tr.w("- Installing hashicorp/random v3.6.3...")
    tr.w("- Installed hashicorp/random v3.6.3 (signed by HashiCorp)")
    tr.w("")
    tr.w("Terraform has been successfully initialized!")
    return 0


def st_terraform_validate(c, inj):
    tr, rng, p = c.tr, c.rng, c.p
    if tf_init(c, pick_fail(c, inj, "install"), backend=False):
        return 1
    c.cmd("terraform fmt -check -recursive -diff")
    linj = pick_fail(c, inj, "lint")
    if linj and linj.type == "lint" and linj.payload.get("fmt"):
        it = linj.payload["issues"][0]
        tr.w(it["file"])
        tr.w("--- old/%s" % it["file"])
        tr.w("+++ new/%s" % it["file"])
        tr.w("@@ -%d,7 +%d,7 @@" % (it["line"] - 3, it["line"] - 3))
        tr.w("-%s" % it["src"])
        tr.w("+%s" % it["fixed"])
        return 3
    c.cmd("terraform validate -no-color")
    if linj and linj.type == "lint":
        it = linj.payload["issues"][0]
        tr.w("")
        for l in tf_box(["Error: %s" % it["title"], "", "  on %s line %d, in resource \"%s\" \"this\":" % (it["file"], it["line"], it["res"]), "  %d:   %s" % (it["line"], it["src"].strip()), "", it["msg"]]):
            tr.w(l)
        return 1
    tr.w("Success! The configuration is valid.")
    tr.w("")
    return 0


def st_tflint(c, inj):
    tr, rng, p = c.tr, c.rng, c.p
    c.cmd("tflint --init && tflint --recursive --format compact")
    tr.w("Installing \"aws\" plugin...")
    tr.w("Installed \"aws\" (source: github.com/terraform-linters/tflint-ruleset-aws, version: 0.34.0)")
    linj = pick_fail(c, inj, "lint")
    if linj and linj.type == "lint":
        for it in linj.payload["issues"]:
            tr.w("%s:%d:%d: Error - %s (%s)" % (it["file"], it["line"], it["col"], it["msg"], it["code"]))
        tr.w("%d issue(s) found:" % len(linj.payload["issues"]))
        return 2
    return 0


def tf_plan_body(c):
    tr, rng, p = c.tr, c.rng, c.p
    tr.w("")
    for w in p["words"][:rng.randint(2, 6)]:
        tr.w("module.%s.aws_%s.this: Refreshing state... [id=%s]" % (w, rng.choice(["security_group", "iam_role", "s3_bucket", "db_instance", "lb_target_group"]), "%s-staging-%s" % (w, hexs(rng, 6))))
    tr.w("")
    tr.w("Terraform used the selected providers to generate the following execution")
    tr.w("plan. Resource actions are indicated with the following symbols:")
    tr.w("  ~ update in-place")
    tr.w("")
    tr.w("Terraform will perform the following actions:")
    tr.w("")
    w = rng.choice(p["words"])
    tr.w("  # module.%s.aws_security_group.this will be updated in-place" % w)
    tr.w("  ~ resource \"aws_security_group\" \"this\" {")
    tr.w("        id                     = \"sg-%s\"" % hexs(rng, 17))
    tr.w("      ~ tags                   = {")
    tr.w("          ~ \"deployed-at\" = \"%s\" -> \"%s\"" % (c.org["nights"][max(0, c.night - 1)], c.date))
    tr.w("        }")
    tr.w("        # (8 unchanged attributes hidden)")
    tr.w("    }")
    tr.w("")
    tr.w("Plan: 0 to add, 1 to change, 0 to destroy.")


def st_terraform_plan(c, inj):
    tr, rng, p = c.tr, c.rng, c.p
    if tf_init(c, pick_fail(c, inj, "install")):
        return 1
    c.cmd("terraform plan -input=false -out=plan.cache -var-file=envs/staging.tfvars")
    dinj = pick_fail(c, inj, "deploy")
    if dinj and dinj.type == "tf":
        tr.w("")
        for l in tf_box(dinj.payload["lines"]):
            tr.w(l)
        return 1
    tf_plan_body(c)
    tr.w("")
    tr.w("─" * 77)
    tr.w("")
    tr.w("Saved the plan to: plan.cache")
    tr.w("")
    tr.w("To perform exactly these actions, run the following command to apply:")
    tr.w("    terraform apply \"plan.cache\"")
    c.cmd("terraform show -json plan.cache > plan.json")
    return 0


def st_terraform_apply(c, inj):
    tr, rng, p = c.tr, c.rng, c.p
    if tf_init(c, pick_fail(c, inj, "install")):
        return 1
    c.cmd("terraform apply -input=false -auto-approve -var-file=envs/staging.tfvars")
    dinj = pick_fail(c, inj, "deploy")
    tf_plan_body(c)
    tr.w("module.%s.aws_security_group.this: Modifying... [id=sg-%s]" % (p["words"][0], hexs(rng, 17)))
    if dinj and dinj.type == "tf":
        tr.w("")
        for l in tf_box(dinj.payload["lines"]):
            tr.w(l)
        return 1
    tr.w("module.%s.aws_security_group.this: Modifications complete after 1s [id=sg-%s]" % (p["words"][0], hexs(rng, 17)))
    tr.w("")
    tr.w("Apply complete! Resources: 0 added, 1 changed, 0 destroyed.")
    return 0


def st_helm(c, inj):
    tr, rng, p = c.tr, c.rng, c.p
    rel = p["name"]
    chart = "./chart" if p["eco"] != "terraform" else "charts/%s" % rng.choice(p["words"])
    c.cmd("helm repo add internal https://charts.internal.example.com && helm dependency build %s" % chart)
    tr.w("\"internal\" has been added to your repositories")
    tr.w("Saving 2 charts")
    tr.w("Downloading common from repo https://charts.internal.example.com")
    tr.w("Downloading redis from repo oci://registry-1.docker.io/bitnamicharts")
    tr.w("Deleting outdated charts")
    c.cmd("helm upgrade --install %s %s --namespace staging --values %s/values-staging.yaml --set image.tag=$CI_COMMIT_SHORT_SHA --wait --timeout 5m --atomic" % (rel, chart, chart))
    if rng.random() < 0.4:
        tr.w("WARNING: Kubernetes configuration file is group-readable. This is insecure. Location: /root/.kube/config")
    dinj = pick_fail(c, inj, "deploy")
    if dinj and dinj.type == "helm":
        tr.adv(dinj.payload.get("wait", 2))
        for l in dinj.payload["lines"]:
            tr.w(l.replace("{rel}", rel).replace("{chart}", chart))
        return 1
    tr.adv(rng.uniform(20, 200))
    d = dt.datetime.fromtimestamp(c.tr.t, dt.timezone.utc)
    tr.w("Release \"%s\" has been upgraded. Happy Helming!" % rel)
    tr.w("NAME: %s" % rel)
    tr.w("LAST DEPLOYED: %s" % d.strftime("%a %b %e %H:%M:%S %Y"))
    tr.w("NAMESPACE: staging")
    tr.w("STATUS: deployed")
    tr.w("REVISION: %d" % (100 + c.night * 2 + rng.randint(0, 1)))
    tr.w("TEST SUITE: None")
    c.cmd("kubectl -n staging rollout status deployment/%s --timeout=120s" % rel)
    for k in range(1, 3):
        tr.w("Waiting for deployment \"%s\" rollout to finish: %d of 3 updated replicas are available..." % (rel, k))
    tr.w("deployment \"%s\" successfully rolled out" % rel)
    return 0

# --------------------------------------------------------------------------------------
# causes: payload builders
# --------------------------------------------------------------------------------------
FIELDS = ["currency", "amount", "tenant_id", "region", "status", "sku", "user_id", "created_at", "account_id", "locale"]
VALUE_PAIRS = [("int", 200, 500), ("int", 3, 4), ("int", 2, 0), ("int", 1024, 1023), ("dec", "10.00", "9.99"),
               ("dec", "120.50", "120.49"), ("str", "EUR", "USD"), ("str", "active", "pending"), ("str", "2026-11-01", "2026-10-31"),
               ("bool", True, False), ("int", 404, 200), ("int", 17, 16), ("str", "settled", "failed"), ("int", 12, 11),
               ("dec", "0.19", "0.07"), ("str", "Home / Blog", "Home » Blog"), ("int", 86400, 3600), ("int", 5, 6)]


class Cause:
    def __init__(self, cid, kind, desc, make, prio=5):
        self.id, self.kind, self.description, self.make, self.prio = cid, kind, desc, make, prio
        self.hits = {}  # (night, pid, jobname) -> hit dict
        self.twin = None

    def hit(self, night, pid, jobname, **kw):
        self.hits[(night, pid, jobname)] = kw


def test_jobs(p):
    return [j for j in p["jobs"] if job_kind(j) in ("unit", "integ")]


def jobs_with(p, phase, tools=None):
    out = []
    for j in p["jobs"]:
        for t, ph in job_steps(p, j):
            if phase in ph and (tools is None or t in tools):
                out.append(j)
                break
    return out


def lang_of(p):
    return p["eco"]


def tests_for_job(p, job):
    return p["all_itests"] if job_kind(job) == "integ" else p["all_tests"]


def suites_for_job(p, job):
    return p["isuites"] if job_kind(job) == "integ" else p["suites"]


def src_for_word(p, w):
    for f in p["src"]:
        if w.replace("_", "-") in f or w in f or camel(w) in f:
            return f
    return p["src"][0]


# ---- assertion details ---------------------------------------------------------------------
def assert_detail(c, t, vt, exp, act, msg=None):
    p = c.p
    w = t.suite["word"]
    d = {"k": "assert", "vt": vt, "exp": exp, "act": act}
    if msg:
        d["msg"] = msg
    fld = srng(p["path"], t.idx, "fld").choice(FIELDS)
    eco = p["eco"]
    if eco == "python":
        d["code"] = "assert result.%s == %s" % (fld, val_py(exp, vt))
        d["ucode"] = "self.assertEqual(result.%s, %s)" % (fld, val_py(exp, vt))
        d["pre"] = ["%s = make_%s(%s)" % ("svc", w, "session" if c.kind == "integ" else ""), "result = svc.%s(%s)" % (t.name.split("_")[1].rstrip("s"), "payload")]
        d["fixtures"] = "session, payload" if c.kind == "integ" else "payload"
        d["where"] = "%s = <%s.%s.%sResult object at %s>.%s" % (val_py(act, vt), snake(p["name"]), w, camel(w), addr(c.rng), fld)
        if c.rng.random() < 0.4:
            d["captured"] = app_log_lines(c, c.rng.randint(1, 4))
    elif eco == "node":
        d["jcode"] = "    expect(result.%s).%s(%s);" % (lower_camel(fld), "toBe" if vt != "str" else "toEqual", val_js(exp, vt))
        d["matcher"] = "toBe" if vt != "str" else "toEqual"
    elif eco == "go":
        d["testify"] = srng(p["path"], "testify").random() < 0.5
        d["gomsg"] = "%s() = %s, want %s" % (camel(t.suite["word"]) + "." + camel(fld), val_plain(act, vt), val_plain(exp, vt))
    elif eco == "ruby":
        d["rbcode"] = "expect(result.%s).to eq(%s)" % (fld, val_ruby(exp, vt))
    elif eco == "elixir":
        d["excode"] = "assert result.%s == %s" % (fld, val_plain(exp, vt))
    elif eco == "cpp":
        d["cexpr"] = "result.%s()" % fld
    elif eco == "julia":
        d["jlcode"] = "result.%s == %s" % (fld, val_plain(exp, vt))
    return d


# ---- own runtime exceptions ------------------------------------------------------------------
def own_exc_detail(c, t, variant, override_type=None, msg_override=None):
    """An exception raised by the project's own code, called from test t."""
    p, rng = c.p, srng(c.p["path"], t.idx, variant, "exc")
    eco = p["eco"]
    w = t.suite["word"]
    W = camel(w)
    sf = src_for_word(p, w)
    fld = rng.choice(FIELDS)
    sl = c.ln(sf, rng.randint(30, 240))
    tl = c.ln(t.file, t.line) + 3
    n = rng.randint(100, 9999)
    fn = rng.choice(["apply", "settle", "compute", "load", "render", "resolve", "merge"])
    if eco == "python":
        opts = [("KeyError", "'%s'" % fld, "value = payload['%s']" % fld),
                ("TypeError", "unsupported operand type(s) for +: 'decimal.Decimal' and 'float'", "total = subtotal + fee"),
                ("AttributeError", "'NoneType' object has no attribute '%s'" % fld, "return record.%s" % fld),
                ("ValueError", "invalid literal for int() with base 10: 'N/A'", "count = int(row['%s'])" % fld),
                ("ValueError", "%s batch %d already closed" % (w, n), "raise ValueError(f\"%s batch {batch.id} already closed\")" % w)]
        et, em, code = opts[variant % len(opts)]
        if override_type:
            et = override_type
            code = code.replace("ValueError", et)
        if msg_override:
            em = msg_override
        return {"k": "exc", "etype": et, "emsg": em,
                "frames": [{"file": t.file, "line": tl, "func": t.name, "code": "result = svc.%s(payload)" % fn, "args": "payload", "pre": ["svc = make_%s()" % w]},
                           {"file": sf, "line": sl, "func": fn, "code": code, "args": "self, payload",
                            "locals": "self = <%s.%s.%sService object at %s>, payload = {'id': %d}" % (snake(p["name"]), w, W, addr(c.rng), n)}]}
    if eco == "node":
        opts = [("TypeError", "Cannot read properties of undefined (reading '%s')" % lower_camel(fld), "    return entry.%s.trim();" % lower_camel(fld)),
                ("RangeError", "Invalid time value", "    return new Date(value).toISOString();"),
                ("TypeError", "items.map is not a function", "    return items.map(toDto);"),
                ("Error", "%s batch %d already closed" % (w, n), "      throw new Error(`%s batch ${batch.id} already closed`);" % w)]
        et, em, code = opts[variant % len(opts)]
        if override_type:
            et = override_type
        if msg_override:
            em = msg_override
        return {"k": "exc", "etype": et, "emsg": em,
                "frames": [{"file": t.file, "line": tl, "func": "Object.<anonymous>", "code": "    const result = await service.%s(input);" % fn, "col": 36},
                           {"file": sf, "line": sl, "func": "%sService.%s" % (W, fn), "code": code, "col": rng.randint(7, 30)}]}
    if eco == "go":
        pk = "%s/internal/%s" % (p["mod"], w.replace("_", ""))
        kinds = ["runtime error: invalid memory address or nil pointer dereference", "runtime error: index out of range [3] with length 3", "assignment to entry in nil map"]
        msg = kinds[variant % len(kinds)]
        lines = ["--- FAIL: %s (0.00s)" % t.name, "panic: %s [recovered]" % msg, "\tpanic: %s" % msg]
        if "nil pointer" in msg:
            lines.append("[signal SIGSEGV: segmentation violation code=0x1 addr=0x%x pc=0x%s]" % (rng.choice([0x8, 0x10, 0x18, 0x28]), hexs(c.rng, 6)))
        lines += ["", "goroutine %d [running]:" % c.rng.randint(7, 60),
                  "testing.tRunner.func1.2({0x%s, 0x%s})" % (hexs(c.rng, 6), hexs(c.rng, 7)),
                  "\t/usr/local/go/src/testing/testing.go:1632 +0x230",
                  "testing.tRunner.func1()",
                  "\t/usr/local/go/src/testing/testing.go:1635 +0x35e",
                  "panic({0x%s?, 0x%s?})" % (hexs(c.rng, 6), hexs(c.rng, 7)),
                  "\t/usr/local/go/src/runtime/panic.go:785 +0x132",
                  "%s.(*%sService).%s(0x0, {0x%s, 0x%s})" % (pk, W, camel(fn), hexs(c.rng, 6), hexs(c.rng, 10)),
                  "\t%s/%s:%d +0x%x" % (c.b, sf, sl, c.rng.randint(16, 400)),
                  "%s.%s(0xc000%s)" % (pk, t.name, hexs(c.rng, 6)),
                  "\t%s/%s:%d +0x%x" % (c.b, t.file, tl, c.rng.randint(16, 400)),
                  "testing.tRunner(0xc000%s, 0x%s)" % (hexs(c.rng, 6), hexs(c.rng, 6)),
                  "\t/usr/local/go/src/testing/testing.go:1690 +0xf4",
                  "created by testing.(*T).Run in goroutine 1",
                  "\t/usr/local/go/src/testing/testing.go:1743 +0x390",
                  "exit status 2"]
        return {"k": "panic", "go_lines": lines, "etype": "panic", "emsg": msg}
    if eco in ("java", "kotlin", "scala"):
        cls = "%s.%sService" % (pkg_java(p), W)
        ext = {"java": "java", "kotlin": "kt", "scala": "scala"}[eco]
        if eco == "java":
            opts = [("java.lang.NullPointerException", 'Cannot invoke "String.length()" because "%s" is null' % lower_camel(fld)),
                    ("java.lang.IllegalStateException", "%s batch %d already closed" % (W, n)),
                    ("java.lang.ArithmeticException", "BigInteger divide by zero"),
                    ("java.util.NoSuchElementException", "No value present")]
        elif eco == "kotlin":
            opts = [("kotlin.UninitializedPropertyAccessException", "lateinit property %sRepository has not been initialized" % lower_camel(w)),
                    ("java.lang.IllegalStateException", "%s batch %d already closed" % (W, n)),
                    ("java.lang.IllegalStateException", "Required value was null.")]
        else:
            opts = [("java.util.NoSuchElementException", "None.get"), ("java.lang.IllegalStateException", "%s batch %d already closed" % (W, n)),
                    ("scala.MatchError", "%sEvent(%d,None) (of class %s.%sEvent)" % (W, n, pkg_java(p), W))]
        et, em = opts[variant % len(opts)]
        if override_type:
            et = override_type
        if msg_override:
            em = msg_override
        return {"k": "exc", "etype": et, "emsg": em, "frames": [{"func": "%s.%s" % (cls, fn), "file": "%sService.%s" % (W, ext), "line": sl}]}
    if eco == "rust":
        opts = ["called `Option::unwrap()` on a `None` value", "called `Result::unwrap()` on an `Err` value: ParseIntError { kind: InvalidDigit }",
                "index out of bounds: the len is 3 but the index is 3", "attempt to subtract with overflow"]
        return {"k": "exc", "etype": "panic", "emsg": opts[variant % len(opts)], "frames": [{"file": sf, "line": sl, "col": rng.randint(9, 40), "func": fn}]}
    if eco == "ruby":
        M = camel(p["mod"])
        opts = [("NoMethodError", "undefined method '%s' for nil" % fld), ("KeyError", "key not found: :%s" % fld),
                ("ArgumentError", "wrong number of arguments (given 2, expected 1)")]
        et, em = opts[variant % len(opts)]
        if override_type:
            et = override_type
        return {"k": "exc", "etype": et, "emsg": msg_override or em,
                "frames": [{"file": sf, "line": sl, "func": "%s::%s#%s" % (M, W, fn), "code": "      record.%s.round(2)" % fld}]}
    if eco == "php":
        Cls = "App\\%s\\%sService" % (W, W)
        opts = [("TypeError", "%s::%s(): Argument #1 ($%s) must be of type int, string given, called in %s/%s on line %d" % (Cls, fn, lower_camel(fld), c.b, t.file, tl)),
                ("Error", "Call to a member function %s() on null" % fn), ("DivisionByZeroError", "Division by zero")]
        et, em = opts[variant % len(opts)]
        return {"k": "exc", "etype": et, "emsg": em, "frames": [{"file": sf, "line": sl, "func": fn}]}
    if eco == "cpp":
        opts = ["map::at", "vector::_M_range_check: __n (which is 3) >= this->size() (which is 3)", "stoi"]
        return {"k": "exc", "etype": "std::out_of_range", "emsg": opts[variant % len(opts)], "frames": []}
    if eco == "dotnet":
        opts = [("System.NullReferenceException", "Object reference not set to an instance of an object."),
                ("System.InvalidOperationException", "Sequence contains no elements"),
                ("System.Collections.Generic.KeyNotFoundException", "The given key '%s' was not present in the dictionary." % fld),
                ("System.InvalidOperationException", "%s batch %d already closed" % (W, n))]
        et, em = opts[variant % len(opts)]
        if override_type:
            et = override_type
        return {"k": "exc", "etype": et, "emsg": msg_override or em, "frames": [{"func": "%s.%sService.%s(%sRequest request)" % (p["ns"], W, camel(fn), W), "file": sf, "line": sl}]}
    if eco == "swift":
        return {"k": "exc", "etype": "DecodingError", "emsg": 'keyNotFound(CodingKeys(stringValue: "%s", intValue: nil))' % lower_camel(fld), "frames": []}
    if eco == "elixir":
        App = camel(p["mod"])
        opts = [("KeyError", "key :%s not found in: %%{id: %d, status: :pending}" % (fld, n)), ("FunctionClauseError", "no function clause matching in %s.%s.%s/2" % (App, W, fn)),
                ("ArithmeticError", "bad argument in arithmetic expression")]
        et, em = opts[variant % len(opts)]
        return {"k": "exc", "etype": et, "emsg": em, "frames": [{"file": sf, "line": sl, "func": "%s.%s.%s/2" % (App, W, fn)}]}
    if eco == "haskell":
        opts = [("ErrorCall", "Prelude.head: empty list"), ("PatternMatchFail", "%s:%d:1-%d: Non-exhaustive patterns in function %s" % (sf, sl, rng.randint(20, 60), lower_camel(fn)))]
        et, em = opts[variant % len(opts)]
        return {"k": "exc", "etype": et, "emsg": em, "frames": []}
    if eco == "julia":
        opts = [("BoundsError", "attempt to access 3-element Vector{Float64} at index [4]"), ("MethodError", "no method matching fit!(::%sModel, ::Matrix{Float32})" % W),
                ("DomainError", "DomainError with -1.0:\nlog was called with a negative real argument but will only return a complex result if called with a complex argument. Try log(Complex(x)).")]
        et, em = opts[variant % len(opts)]
        return {"k": "exc", "etype": et, "emsg": em, "frames": [{"func": "%s(m::%sModel, x::Vector{Float64})" % (fn, W), "file": sf, "line": sl}]}
    return {"k": "exc", "etype": "Error", "emsg": "unexpected failure", "frames": []}


# ---- flaky details -----------------------------------------------------------------------------
def flaky_detail(c, t):
    p = c.p
    eco = p["eco"]
    w = t.suite["word"]
    rng = srng(p["path"], t.idx, "flaky")
    tl = c.ln(t.file, t.line) + 5
    if eco == "python":
        return {"k": "exc", "etype": "TimeoutError", "emsg": "timed out waiting for %s event after 5.0s" % w,
                "frames": [{"file": t.file, "line": tl, "func": t.name, "code": "event = await wait_for_event(bus, \"%s.updated\", timeout=5.0)" % w, "args": "bus"},
                           {"file": "tests/conftest.py", "line": c.ln("tests/conftest.py", 61), "func": "wait_for_event", "code": "raise TimeoutError(f\"timed out waiting for {name.split('.')[0]} event after {timeout}s\")", "args": "bus, name, timeout"}]}
    if eco == "node":
        fw = p["tools"]["test"]
        if fw == "jest":
            m = 'Exceeded timeout of 5000 ms for a test.\n    Add a timeout value to this test to increase the timeout, if this is a long-running test. See https://jestjs.io/docs/api#testname-fn-timeout.'
            return {"k": "exc", "etype": "thrown", "emsg": '"%s"' % m, "jmsg": '"%s"' % m,
                    "frames": [{"file": t.file, "line": tl, "func": "", "code": "  it('%s', async () => {" % t.desc, "col": 3}]}
        if fw == "vitest":
            return {"k": "exc", "etype": "Error", "emsg": "Test timed out in 5000ms.", "vmsg": 'Test timed out in 5000ms.\nIf this is a long-running test, pass a timeout value as the last argument or configure it globally with "testTimeout".',
                    "frames": [{"file": t.file, "line": tl, "func": "", "code": "  it('%s', async () => {" % t.desc, "col": 3}]}
        return {"k": "exc", "etype": "Error", "emsg": 'Timeout of 2000ms exceeded. For async tests and hooks, ensure "done()" is called; if returning a Promise, ensure it resolves. (%s/%s)' % (c.b, t.file),
                "frames": [{"file": "node_modules/mocha/lib/runner.js", "line": 1035, "func": "listOnTimeout", "col": 17}]}
    if eco == "go":
        if p["tools"]["race"]:
            lines = ["==================", "WARNING: DATA RACE", "Write at 0x00c000%s by goroutine %d:" % (hexs(c.rng, 6), c.rng.randint(20, 90)),
                     "  %s/internal/%s.(*%sCache).Put()" % (p["mod"], w.replace("_", ""), camel(w)),
                     "      %s/%s:%d +0x%x" % (c.b, src_for_word(p, w), c.ln(src_for_word(p, w), 77), c.rng.randint(40, 300)),
                     "", "Previous read at 0x00c000%s by goroutine %d:" % (hexs(c.rng, 6), c.rng.randint(20, 90)),
                     "  %s/internal/%s.(*%sCache).Get()" % (p["mod"], w.replace("_", ""), camel(w)),
                     "      %s/%s:%d +0x%x" % (c.b, src_for_word(p, w), c.ln(src_for_word(p, w), 61), c.rng.randint(40, 300)),
                     "==================",
                     "--- FAIL: %s (%.2fs)" % (t.name, c.rng.uniform(0.01, 0.3)),
                     "    testing.go:1399: race detected during execution of test"]
            return {"k": "panic", "go_lines": lines, "etype": "race", "emsg": "race detected during execution of test"}
        return {"k": "exc", "etype": "timeout", "emsg": "timed out waiting for %s to settle after 10s" % w,
                "go_lines": ["    %s:%d: timed out waiting for %s to settle after 10s" % (os.path.basename(t.file), tl, w)]}
    if eco in ("java", "kotlin"):
        if eco == "kotlin":
            return {"k": "exc", "etype": "kotlinx.coroutines.TimeoutCancellationException", "emsg": "Timed out waiting for 5000 ms",
                    "frames": [{"func": "kotlinx.coroutines.TimeoutKt.TimeoutCancellationException", "file": "Timeout.kt", "line": 189}]}
        return {"k": "exc", "etype": "org.awaitility.core.ConditionTimeoutException",
                "emsg": "Condition with alias '%s drained' didn't complete within 5 seconds because condition with lambda expression in %s was not fulfilled." % (w, t.cls),
                "frames": [{"func": "org.awaitility.core.ConditionAwaiter.await", "file": "ConditionAwaiter.java", "line": 167}]}
    if eco == "scala":
        return {"k": "exc", "etype": "org.scalatest.exceptions.TestFailedDueToTimeoutException",
                "emsg": "The code passed to eventually never returned normally. Attempted 52 times over 5.012 seconds. Last failure message: 2 did not equal 3.", "frames": []}
    if eco == "rust":
        return {"k": "assert", "vt": "int", "exp": 4, "act": 3}
    if eco == "ruby":
        return {"k": "exc", "etype": "Timeout::Error", "emsg": "execution expired",
                "frames": [{"file": src_for_word(p, w), "line": c.ln(src_for_word(p, w), 40), "func": "%s::%s#wait_for_ack" % (camel(p["mod"]), camel(w)), "code": "      Timeout.timeout(2) { queue.pop }"}]}
    if eco == "php":
        return {"k": "exc", "etype": "PDOException", "emsg": "SQLSTATE[HY000]: General error: 1205 Lock wait timeout exceeded; try restarting transaction", "frames": []}
    if eco == "cpp":
        return {"k": "assert", "vt": "int", "exp": 2, "act": 3, "cexpr": "pool.active_count()"}
    if eco == "dotnet":
        return {"k": "exc", "etype": "System.TimeoutException", "emsg": "The operation has timed out.", "frames": []}
    if eco == "swift":
        return {"k": "exc", "etype": "XCTestError", "emsg": 'Asynchronous wait failed: Exceeded timeout of 2 seconds, with unfulfilled expectations: "%s sync completes".' % w, "frames": []}
    if eco == "elixir":
        return {"k": "timeout"}
    if eco == "haskell":
        return {"k": "exc", "etype": "Timeout", "emsg": "<<timeout>>", "frames": []}
    if eco == "julia":
        return {"k": "exc", "etype": "TaskFailedException", "emsg": "nested task error: timed out after 5.0 seconds", "frames": []}
    return {"k": "assert", "vt": "int", "exp": 1, "act": 0}


# ---- compile errors (own code) -----------------------------------------------------------------
def own_compile_payload(c, spec):
    """spec: dict with 'word', 'variant', 'base' line; returns payload for the compile phase of this project."""
    p, rng = c.p, srng(c.p["path"], spec["variant"], "cmp")
    eco = p["eco"]
    w = spec["word"]
    W = camel(w)
    sf = src_for_word(p, w)
    line = c.ln(sf, spec["base"])
    v = spec["variant"]
    fld = rng.choice(FIELDS)
    col = rng.randint(9, 30)
    if eco == "go":
        pk = "%s/internal/%s" % (p["mod"], w.replace("_", ""))
        msgs = [("declared and not used: %s" % lower_camel(fld), "\t%s := req.%s" % (lower_camel(fld), camel(fld))),
                ("cannot use %s (variable of type string) as int value in argument to s.%s" % (lower_camel(fld), camel(w)), "\treturn s.%s(ctx, %s)" % (camel(w), lower_camel(fld))),
                ("undefined: %sOptions" % W, "\topts := %sOptions{Retries: 3}" % W),
                ("too many arguments in call to s.store.Save\n\thave (context.Context, *%s, bool)\n\twant (context.Context, *%s)" % (W, W), "\treturn s.store.Save(ctx, item, true)")]
        m, src = msgs[v % len(msgs)]
        return {"type": "compile", "go": [{"pkg": pk, "file": sf, "line": line, "col": col, "msg": m, "src": src}]}
    if eco in ("java", "kotlin", "scala"):
        if eco == "java":
            errs = [("incompatible types: java.lang.String cannot be converted to int", "        int %s = request.get%s();" % (lower_camel(fld), camel(fld)), []),
                    ("cannot find symbol", "        var opts = %sOptions.defaults();" % W, ["symbol:   variable %sOptions" % W, "location: class %sService" % W]),
                    ("method save in interface %sRepository cannot be applied to given types;" % W, "        repository.save(entity, true);", ["required: %s" % W, "found:    %s,boolean" % W, "reason: actual and formal argument lists differ in length"])]
            m, src, extra = errs[v % len(errs)]
            return {"type": "compile", "java": [{"file": sf, "line": line, "col": col, "msg": m, "src": src, "extra": extra}]}
        if eco == "kotlin":
            errs = ["Type mismatch: inferred type is String but Int was expected", "Unresolved reference: %sOptions" % W, "No value passed for parameter '%s'." % lower_camel(fld)]
            return {"type": "compile", "kotlin": [{"file": sf, "line": line, "col": col, "msg": errs[v % len(errs)]}]}
        errs = [("type mismatch;\n found   : String\n required: Int", "    val %s: Int = request.%s" % (lower_camel(fld), lower_camel(fld))),
                ("not found: value %sOptions" % W, "    val opts = %sOptions.default" % W),
                ("value %s is not a member of %s.%sEvent" % (lower_camel(fld), pkg_java(p), W), "    event.%s.foreach(emit)" % lower_camel(fld))]
        m, src = errs[v % len(errs)]
        return {"type": "compile", "scala": [{"file": sf, "line": line, "col": col, "msg": m, "src": src}]}
    if eco == "rust":
        errs = [{"code": "E0308", "msg": "mismatched types", "src": "        let limit: u32 = self.config.%s.clone();" % fld, "width": 22, "label": "expected `u32`, found `String`", "notes": ["note: expected type `u32`\n                found struct `String`"]},
                {"code": "E0425", "msg": "cannot find value `%s` in this scope" % fld, "src": "        if %s > self.capacity {" % fld, "width": len(fld), "label": "not found in this scope"},
                {"code": "E0599", "msg": "no method named `%s_or_default` found for struct `%s` in the current scope" % (fld, W), "src": "        let v = self.%s_or_default();" % fld, "width": len(fld) + 11, "label": "method not found in `%s`" % W},
                {"code": "E0382", "msg": "borrow of moved value: `buf`", "src": "        self.flush(buf.len());", "width": 3, "label": "value borrowed here after move"}]
        e = dict(errs[v % len(errs)], file=sf, line=line, col=col)
        return {"type": "compile", "rust": [e]}
    if eco == "cpp":
        ns = snake(p["name"]).split("_")[0]
        errs = [{"msg_gcc": "'class %s::%s' has no member named '%s'" % (ns, W, fld), "msg_clang": "no member named '%s' in '%s::%s'" % (fld, ns, W), "src": "    if (node->%s() > kMaxEntries) {" % fld, "func": "member function 'void %s::%s::insert(const %s::Box&)'" % (ns, W, ns)},
                {"msg_gcc": "invalid conversion from 'const char*' to 'int' [-fpermissive]", "msg_clang": "cannot initialize a variable of type 'int' with an lvalue of type 'const char *'", "src": "    int %s = config.get(\"%s\");" % (fld, fld), "func": "function 'int %s::load_%s(const %s::Config&)'" % (ns, w, ns)},
                {"link": True, "link_gcc": ["/usr/bin/ld: CMakeFiles/%s.dir/src/%s.cpp.o: in function `%s::%s::flush()':" % (snake(p["name"]), w, ns, W),
                                            "{B}/src/%s.cpp:%d:(.text+0x%x): undefined reference to `%s::%s::encode(std::vector<unsigned char, std::allocator<unsigned char> >&) const'" % (w, line, rng.randint(0x40, 0x900), ns, W),
                                            "collect2: error: ld returned 1 exit status"],
                 "link_clang": ["/usr/bin/ld: CMakeFiles/%s.dir/src/%s.cpp.o: in function `%s::%s::flush()':" % (snake(p["name"]), w, ns, W),
                                "{B}/src/%s.cpp:%d:(.text+0x%x): undefined reference to `%s::%s::encode(std::vector<unsigned char, std::allocator<unsigned char> >&) const'" % (w, line, rng.randint(0x40, 0x900), ns, W),
                                "clang++: error: linker command failed with exit code 1 (use -v to see invocation)"]}]
        e = dict(errs[v % len(errs)], file=sf.replace(".cpp", ".cpp"), line=line, col=col, width=len(fld) + 2)
        return {"type": "compile", "cpp": [e]}
    if eco == "dotnet":
        errs = [("CS0029", "Cannot implicitly convert type 'string' to 'int'"), ("CS0103", "The name '%sOptions' does not exist in the current context" % W),
                ("CS1061", "'%s' does not contain a definition for '%s' and no accessible extension method '%s' accepting a first argument of type '%s' could be found (are you missing a using directive or an assembly reference?)" % (W, camel(fld), camel(fld), W))]
        code, m = errs[v % len(errs)]
        return {"type": "compile", "cs": [{"file": sf, "line": line, "col": col, "code": code, "msg": m}]}
    if eco == "swift":
        errs = ["cannot convert value of type 'String' to expected argument type 'Int'", "cannot find '%sOptions' in scope" % W, "value of type '%s' has no member '%s'" % (W, lower_camel(fld))]
        return {"type": "compile", "swift": [{"file": sf, "line": line, "col": col, "msg": errs[v % len(errs)], "src": "        let value = %s.%s" % (lower_camel(w), lower_camel(fld)), "width": len(fld)}]}
    if eco == "haskell":
        errs = [("83865", "• Couldn't match expected type ‘Int’ with actual type ‘Text’\n• In the first argument of ‘lookupRule’, namely ‘name’\n  In the expression: lookupRule name env", "  case lookupRule name env of"),
                ("88464", "Variable not in scope: %sOptions :: %s" % (lower_camel(w), W), "  let opts = %sOptions" % lower_camel(w))]
        code, m, src = errs[v % len(errs)]
        return {"type": "compile", "haskell": [{"file": sf, "line": line, "col": col, "code": code, "msg": m, "src": src}]}
    if eco == "elixir":
        App = camel(p["mod"])
        errs = [{"level": "error", "msg": "undefined function broadcast_%s/2 (expected %s.%s to define such a function or for it to be imported, but none are available)" % (w, App, W), "src": "    broadcast_%s(topic, diff)" % w, "width": len(w) + 10},
                {"level": "warning", "msg": "variable \"%s\" is unused (if the variable is not meant to be used, prefix it with an underscore)" % fld, "src": "  def handle_in(\"%s\", payload, %s) do" % (w, fld), "width": len(fld)}]
        e = dict(errs[v % len(errs)], file=sf, line=line, col=col, fun="%s.%s.track/3" % (App, W), module="%s.%s" % (App, W))
        return {"type": "compile", "elixir": [e]}
    if eco == "julia":
        return {"type": "compile", "julia": [{"msg": "UndefVarError: `%s_defaults` not defined in `%s`" % (w, p["ns"]), "file": sf, "line": line}]}
    if eco == "node":
        errs = [(2322, "Type 'string' is not assignable to type 'number'.", "    const %s: number = input.%s;" % (lower_camel(fld), lower_camel(fld))),
                (2339, "Property '%s' does not exist on type '%sDto'." % (lower_camel(fld), W), "    return dto.%s ?? null;" % lower_camel(fld)),
                (2345, "Argument of type '%sDto | undefined' is not assignable to parameter of type '%sDto'.\n  Type 'undefined' is not assignable to type '%sDto'." % (W, W, W), "    return this.mapper.toEntity(dto);")]
        code, m, src = errs[v % len(errs)]
        return {"type": "compile", "ts": [{"file": sf, "line": line, "col": col, "code": code, "msg": m, "src": src, "width": 8}]}
    return None


def ts_jest_collect(c, errs):
    lines = []
    for e in errs:
        lines.append("%s:%d:%d - error TS%d: %s" % (e["file"], e["line"], e["col"], e["code"], e["msg"].split("\n")[0]))
        lines.append("")
        lines.append("%d %s" % (e["line"], e["src"]))
        lines.append("%s %s%s" % (" " * len(str(e["line"])), " " * (e["col"] - 1), "~" * e.get("width", 8)))
    return lines


def py_syntax_payloads(c, spec):
    p = c.p
    w = spec["word"]
    sf = src_for_word(p, w)
    line = c.ln(sf, spec["base"])
    src = "        return subtotal +"
    col = len(src) + 1
    mod = snake(p["name"])
    tfile = next((s["file"] for s in suites_for_job(p, c.job) if s["word"] == w), suites_for_job(p, c.job)[0]["file"] if suites_for_job(p, c.job) else "tests/test_x.py")
    frames = [{"file": tfile, "line": c.ln(tfile, 5), "func": "<module>", "code": "from %s.%s import %sService" % (mod, w, camel(w))}]
    collect = {"style": "import", "etype": "E     File \"%s/%s\", line %d\nE       %s\nE                                ^\nE   SyntaxError" % (c.b, sf, line, src.strip()), "emsg": "invalid syntax", "frames": frames}
    # simpler representation used by both pytest and unittest
    collect = {"style": "import", "etype": "SyntaxError", "emsg": "invalid syntax (%s.py, line %d)" % (w, line), "frames": frames + [{"file": sf, "line": line, "func": "<module>", "code": src.strip()}]}
    lint = {"flake8": [{"file": sf, "line": line, "col": col - 8, "code": "E999", "msg": "SyntaxError: invalid syntax"}],
            "ruff": [{"file": sf, "line": line, "col": col - 8, "code": "SyntaxError:", "msg": "Expected an expression", "src": src, "ctx": ["    def total(self) -> Decimal:"], "width": 1}],
            "mypy": [{"file": sf, "line": line, "msg": "invalid syntax", "code": "syntax"}]}
    return collect, lint, tfile


# ---- lint issues (own code) --------------------------------------------------------------------
def own_lint_payload(c, spec):
    p = c.p
    rng = srng(p["path"], spec["variant"], "lint")
    tool = None
    for t, ph in job_steps(p, c.job):
        if "lint" in ph:
            tool = t
    w = spec["word"]
    sf = src_for_word(p, w)
    line = c.ln(sf, spec["base"])
    v = spec["variant"]
    fld = rng.choice(FIELDS)
    col = rng.randint(5, 20)
    W = camel(w)
    one = lambda **kw: {"type": "lint", "issues": [dict(file=sf, line=line, col=col, **kw)]}
    if tool == "flake8":
        opts = [("F401", "'%s' imported but unused" % rng.choice(["os", "json", "typing.Optional", "datetime.timezone"])), ("E501", "line too long (%d > 79 characters)" % rng.randint(80, 130)),
                ("F841", "local variable '%s' is assigned to but never used" % fld), ("E711", "comparison to None should be 'if cond is None:'")]
        cd, m = opts[v % len(opts)]
        return one(code=cd, msg=m)
    if tool == "ruff":
        opts = [("F401", "`%s` imported but unused" % rng.choice(["os", "json", "typing.Optional"]), True, "Remove unused import"),
                ("F841", "Local variable `%s` is assigned to but never used" % fld, True, "Remove assignment to unused variable `%s`" % fld),
                ("E711", "Comparison to `None` should be `cond is None`", True, "Replace with `cond is None`")]
        cd, m, fx, hp = opts[v % len(opts)]
        return one(code=cd, msg=m, fixable=fx, help=hp, src="    %s = payload.get(\"%s\")" % (fld, fld), ctx=["    def %s(self, payload):" % w], width=len(fld))
    if tool == "mypy":
        opts = [("arg-type", 'Argument 1 to "%s" of "%sService" has incompatible type "str"; expected "int"' % (w, W)),
                ("return-value", 'Incompatible return value type (got "None", expected "Decimal")'),
                ("union-attr", 'Item "None" of "%s | None" has no attribute "%s"' % (W, fld))]
        cd, m = opts[v % len(opts)]
        return {"type": "lint", "issues": [{"file": sf, "line": line, "msg": m, "code": cd}]}
    if tool == "eslint":
        opts = [("@typescript-eslint/no-unused-vars" if p["tools"]["ts"] else "no-unused-vars", "'%s' is assigned a value but never used" % lower_camel(fld)),
                ("no-console", "Unexpected console statement"), ("eqeqeq", "Expected '===' and instead saw '=='"),
                ("react-hooks/exhaustive-deps", "React Hook useEffect has a missing dependency: '%s'. Either include it or remove the dependency array" % lower_camel(fld))]
        cd, m = opts[v % len(opts)]
        return one(code=cd, msg=m, fixable=cd == "eqeqeq")
    if tool == "tsc_noemit":
        return own_compile_payload(c, spec)
    if tool == "golangci":
        opts = [("ineffassign", "ineffectual assignment to err", "\terr = s.store.Close()"), ("errcheck", "Error return value of `w.Write` is not checked", "\tw.Write(body)"),
                ("staticcheck", "SA4006: this value of `%s` is never used" % lower_camel(fld), "\t%s := parse(raw)" % lower_camel(fld)),
                ("unused", "func `%sLegacy` is unused" % lower_camel(w), "func %sLegacy(ctx context.Context) error {" % lower_camel(w))]
        cd, m, src = opts[v % len(opts)]
        return one(code=cd, msg=m, src=src)
    if tool in ("maven", "gradle") and p["eco"] == "java":
        return one(code="spotless", msg="format", src="        if(%s==null) return;" % lower_camel(fld), fixed="        if (%s == null) return;" % lower_camel(fld))
    if tool == "gradle" and p["eco"] == "kotlin":
        if p["tools"].get("android"):
            opts = [("MissingPermission", "Missing permissions required by FusedLocationProviderClient.getLastLocation: android.permission.ACCESS_COARSE_LOCATION or android.permission.ACCESS_FINE_LOCATION", "        fusedClient.lastLocation.addOnSuccessListener { loc ->"),
                    ("UnspecifiedRegisterReceiverFlag", "`receiver` is missing `RECEIVER_EXPORTED` or `RECEIVER_NOT_EXPORTED` flag for unprotected broadcasts registered for com.%s.SYNC_DONE" % p["co"], "        context.registerReceiver(receiver, IntentFilter(SYNC_DONE))")]
            cd, m, src = opts[v % len(opts)]
            return one(code=cd, msg=m, src=src, width=24)
        opts = [("MagicNumber", "style", "%s.kt" % W), ("LongMethod", "complexity", "send"), ("TooGenericExceptionCaught", "exceptions", "e")]
        cd, rs, sym = opts[v % len(opts)]
        return one(code=cd, ruleset=rs, sym=sym, msg=cd)
    if tool == "sbt":
        return one(code="scalafmt", msg="format")
    if tool in ("clippy", "cargo_fmt"):
        if tool == "cargo_fmt" or v % 4 == 3:
            return {"type": "lint", "fmt": True, "issues": [{"file": sf, "line": line, "src": "        let (a,b) = self.split();", "fixed": "        let (a, b) = self.split();"}]}
        opts = [("redundant clone", "        let key = key.clone();", "help: remove this", ["note: `-D clippy::redundant-clone` implied by `-D warnings`", "help: for further information visit https://rust-lang.github.io/rust-clippy/master/index.html#redundant_clone"]),
                ("unneeded `return` statement", "        return Ok(total);", "", ["help: for further information visit https://rust-lang.github.io/rust-clippy/master/index.html#needless_return", "note: `-D clippy::needless-return` implied by `-D warnings`"]),
                ("length comparison to zero", "        if self.items.len() == 0 {", "help: using `is_empty` is clearer and more explicit: `self.items.is_empty()`", ["help: for further information visit https://rust-lang.github.io/rust-clippy/master/index.html#len_zero", "note: `-D clippy::len-zero` implied by `-D warnings`"])]
        m, src, lab, notes = opts[v % len(opts)]
        return {"type": "lint", "issues": [{"level": "error", "msg": m, "file": sf, "line": line, "col": 9, "src": src, "width": len(src.strip()), "label": lab, "notes": notes}]}
    if tool == "rubocop":
        opts = [("Style/RedundantReturn", "Redundant `return` detected.", "      return total", True), ("Layout/LineLength", "Line is too long. [%d/120]" % rng.randint(121, 160), "      raise ArgumentError, \"invalid %s for ...\"" % fld, False),
                ("Lint/UselessAssignment", "Useless assignment to variable - `%s`." % fld, "      %s = record.%s" % (fld, fld), False)]
        cd, m, src, fx = opts[v % len(opts)]
        return one(code=cd, msg=m, src=src, fixable=fx, sev="C" if cd.startswith(("Style", "Layout")) else "W")
    if tool == "phpstan":
        opts = [("argument.type", "Parameter #1 $%s of method App\\%s\\%sService::%s() expects int, string given." % (lower_camel(fld), W, W, w)),
                ("method.notFound", "Call to an undefined method App\\%s\\%sRepository::findBy%s()." % (W, W, camel(fld))),
                ("return.type", "Method App\\%s\\%sService::total() should return float but returns string." % (W, W))]
        cd, m = opts[v % len(opts)]
        return one(code=cd, msg=m)
    if tool == "php-cs-fixer":
        return one(code="no_unused_imports", msg="", src="use App\\%s\\Legacy%s;" % (W, W))
    if tool == "clang-tidy":
        opts = [("cppcoreguidelines-init-variables", "variable '%s' is not initialized" % fld, "    uint32_t %s;" % fld),
                ("bugprone-narrowing-conversions", "narrowing conversion from 'size_t' (aka 'unsigned long') to signed type 'int' is implementation-defined", "    int n = entries_.size();")]
        cd, m, src = opts[v % len(opts)]
        return one(code=cd, msg=m, src=src)
    if tool == "cppcheck":
        opts = [("arrayIndexOutOfBounds", "Array 'buf[16]' accessed at index 16, which is out of bounds.", "    buf[16] = '\\0';"),
                ("nullPointerRedundantCheck", "Either the condition 'node==nullptr' is redundant or there is possible null pointer dereference: node.", "    auto depth = node->depth;")]
        cd, m, src = opts[v % len(opts)]
        return one(code=cd, msg=m, src=src)
    if tool == "dotnet_format":
        opts = [("WHITESPACE", "Fix whitespace formatting. Replace 9 characters with '\\n\\s\\s\\s\\s\\s\\s\\s\\s'."), ("IDE0005", "Using directive is unnecessary.")]
        cd, m = opts[v % len(opts)]
        return one(code=cd, msg=m)
    if tool == "swiftlint":
        opts = [("line_length", "Line Length Violation: Line should be 120 characters or less; currently it has %d characters" % rng.randint(121, 170)),
                ("force_unwrapping", "Force Unwrapping Violation: Force unwrapping should be avoided"), ("identifier_name", "Identifier Name Violation: Variable name 'id' should be between 3 and 40 characters long")]
        cd, m = opts[v % len(opts)]
        return one(code=cd, msg=m)
    if tool == "credo":
        opts = [("Code Readability", "R", "Modules should have a @moduledoc tag."), ("Warnings", "W", "There should be no calls to `IO.inspect/1`."), ("Refactoring opportunities", "F", "Function body is nested too deep (max depth is 2, was 3).")]
        cat, cd, m = opts[v % len(opts)]
        return one(code=cd, msg=m, cat=cat, sym="%s.%s" % (camel(p["mod"]), W))
    if tool == "hlint":
        opts = [("Use fmap", "liftM f x", "fmap f x"), ("Redundant bracket", "(lookupRule name) env", "lookupRule name env"), ("Use <$>", "f `fmap` x", "f <$> x")]
        m, src, fx = opts[v % len(opts)]
        return one(msg=m, src=src, fixed=fx, code="")
    if tool == "hadolint":
        f = "images/%s/Dockerfile" % rng.choice(["python", "node", "golang", "jdk", "ruby"])
        opts = [("DL3008", "Pin versions in apt get install. Instead of `apt-get install <package>` use `apt-get install <package>=<version>`"), ("DL3025", "Use arguments JSON notation for CMD and ENTRYPOINT arguments"),
                ("SC2086", "Double quote to prevent globbing and word splitting.")]
        cd, m = opts[v % len(opts)]
        return {"type": "lint", "issues": [{"file": f, "line": rng.randint(3, 30), "code": cd, "msg": m, "sev": "warning" if cd != "SC2086" else "info"}]}
    if tool == "tflint":
        opts = [("aws_instance_invalid_type", '"t3.superlarge" is an invalid value as instance_type'), ("terraform_unused_declarations", 'variable "%s" is declared but not used' % fld),
                ("aws_db_instance_invalid_engine", '"postgress" is an invalid value as engine')]
        cd, m = opts[v % len(opts)]
        return one(code=cd, msg=m)
    if tool == "terraform_validate":
        if v % 2:
            return {"type": "lint", "fmt": True, "issues": [{"file": sf, "line": line, "src": "  instance_class   =\"db.t4g.medium\"", "fixed": "  instance_class = \"db.t4g.medium\""}]}
        return {"type": "lint", "issues": [{"file": sf, "line": line, "title": "Unsupported argument", "res": "aws_db_instance", "src": "  enable_performance_insight = true",
                                            "msg": "An argument named \"enable_performance_insight\" is not expected here. Did you mean \"performance_insights_enabled\"?"}]}
    return None


def lint_tool(p, job):
    for t, ph in job_steps(p, job):
        if "lint" in ph:
            return t
    return None

# --------------------------------------------------------------------------------------
# cause templates
# --------------------------------------------------------------------------------------
def nights_pattern(rng, N, min_len=1, max_len=10, allow_intermittent=True, start=None):
    if start is None:
        start = rng.randrange(0, N)
    if allow_intermittent and rng.random() < 0.3:
        win = rng.randint(4, 14)
        ns = [n for n in range(start, min(N, start + win)) if rng.random() < 0.55]
        if not ns:
            ns = [start]
        return ns
    L = rng.randint(min_len, max_len)
    return list(range(start, min(N, start + L)))


def dummy_ctx(org, p, job, night=0):
    r = org["runners"][0]
    rng = srng("dummy", p["path"], job["name"])
    c = Ctx(org, p, job, night, 0, r, rng, None, Trace(0, rng=rng))
    c.ambient = {}
    return c


def first_line_of(inj):
    pl = inj.payload
    for key in ("go", "java", "kotlin", "scala", "rust", "cpp", "cs", "swift", "haskell", "elixir", "julia", "ts"):
        if key in pl:
            e = pl[key][0]
            return e.get("msg") or e.get("msg_gcc") or (e.get("link_gcc") or [""])[1].split(": ", 1)[-1]
    if "issues" in pl:
        it = pl["issues"][0]
        return ("%s %s" % (it.get("code", ""), it.get("msg", ""))).strip()
    return ""


# ---- project-local -------------------------------------------------------------------------------
def make_project_cause(org, rng, p, sub, cid, kind="project", twin_of=None):
    N = len(org["nights"])
    tj = test_jobs(p)
    if sub in ("assert", "exc", "assert_twin", "exc_twin") and not tj:
        return None
    if twin_of is not None:
        spec = dict(twin_of.spec)
    else:
        spec = {"variant": rng.randint(0, 7), "base": rng.randint(30, 260), "word": rng.choice(p["words"])}
    if sub in ("assert", "exc", "assert_twin", "exc_twin"):
        job = spec.get("job") or rng.choice(tj)
        spec["job"] = job
        tests = tests_for_job(p, job)
        if not tests:
            return None
        if "tests" not in spec:
            t0 = rng.choice(tests)
            same = [t for t in t0.suite["tests"] if t is not t0]
            k = rng.choice([1, 1, 1, 2, 3])
            spec["tests"] = [t0] + rng.sample(same, min(len(same), k - 1))
        if sub.startswith("assert"):
            if twin_of is None:
                spec["vals"] = rng.choice(VALUE_PAIRS)
            else:
                vt, e, a = spec["vals"]
                alts = [x for x in VALUE_PAIRS if x[0] == vt and x[1] == e and x[2] != a]
                if vt == "int":
                    a2 = a + rng.choice([-2, -1, 1, 2, 10]) if a + 1 != e else a + 2
                elif vt == "dec":
                    a2 = "%.2f" % (float(a) - 0.01 * rng.randint(2, 9))
                elif vt == "str":
                    a2 = rng.choice(["GBP", "CHF", "closed", "draft", "unknown", "2026-10-30"])
                else:
                    return None
                spec["vals"] = (vt, e, a2)
            vt, e, a = spec["vals"]
            t0 = spec["tests"][0]

            def make(c, hit, spec=spec):
                vt, e, a = spec["vals"]
                return Inj("test", {"type": "tests", "fails": [(t, assert_detail(c, t, vt, e, a)) for t in spec["tests"]]})
            desc = "Regression in %s: %s expects %s but gets %s" % (p["path"], t0.name, val_plain(e, vt), val_plain(a, vt))
            targets = [job]
        else:
            if twin_of is not None:
                d0 = own_exc_detail(dummy_ctx(org, p, job), spec["tests"][0], spec["variant"])
                alt = {"ValueError": "RuntimeError", "java.lang.IllegalStateException": "java.lang.IllegalArgumentException", "Error": "TypeError",
                       "System.InvalidOperationException": "System.ArgumentException", "NoMethodError": "NameError", "KeyError": "IndexError"}
                et = d0.get("etype")
                if et not in alt:
                    return None
                spec["override"] = alt[et]

            def make(c, hit, spec=spec):
                return Inj("test", {"type": "tests", "fails": [(t, own_exc_detail(c, t, spec["variant"], override_type=spec.get("override"))) for t in spec["tests"][:1]]})
            d0 = own_exc_detail(dummy_ctx(org, p, job), spec["tests"][0], spec["variant"], override_type=spec.get("override"))
            desc = "Bug in %s code: %s raises %s: %s" % (p["path"], spec["tests"][0].name, d0.get("etype"), d0.get("emsg", "").split("\n")[0])
            targets = [job]
            spec["tests"] = spec["tests"][:1]
    elif sub == "compile":
        eco = p["eco"]
        if eco == "python":
            targets = [j for j in p["jobs"] if job_kind(j) in ("unit", "integ") or (job_kind(j) == "lint")]
        elif eco == "node":
            if not p["tools"]["ts"]:
                return None
            targets = [j for j in p["jobs"] if job_kind(j) == "build" or (job_kind(j) == "lint" and p["tools"]["lint"] == "tsc") or (job_kind(j) in ("unit", "integ") and p["tools"]["test"] == "jest")]
        elif eco in ("go", "java", "kotlin", "scala", "rust", "cpp", "dotnet", "swift", "haskell", "elixir", "julia"):
            targets = jobs_with(p, "compile")
        else:
            return None
        if not targets:
            return None

        def make(c, hit, spec=spec):
            eco = c.p["eco"]
            if eco == "python":
                collect, lint, tfile = py_syntax_payloads(c, spec)
                if c.kind == "lint":
                    lt = lint_tool(c.p, c.job)
                    return Inj("lint", {"type": "lint", "issues": lint[lt]})
                return Inj("test", {"type": "tests", "collect": [(tfile, collect)]})
            pl = own_compile_payload(c, spec)
            if eco == "node" and c.kind in ("unit", "integ"):
                f = suites_for_job(c.p, c.job)[srng(spec["word"]).randrange(len(suites_for_job(c.p, c.job)))]["file"]
                return Inj("test", {"type": "tests", "collect": [(f, {"jest": ts_jest_collect(c, pl["ts"])})]})
            if eco == "go" and c.kind == "unit":
                pl = dict(pl)
            return Inj("compile", pl)
        c0 = dummy_ctx(org, p, targets[0])
        i0 = make(c0, {})
        if p["eco"] == "python":
            desc = "Syntax error in %s source %s breaks test collection and lint" % (p["path"], src_for_word(p, spec["word"]))
        else:
            desc = "Compile error in %s (%s): %s" % (p["path"], src_for_word(p, spec["word"]), first_line_of(i0).split("\n")[0])
    elif sub == "lint":
        lj = [j for j in p["jobs"] if job_kind(j) in ("lint", "validate")]
        if not lj:
            return None
        job = lj[0]
        c0 = dummy_ctx(org, p, job)
        pl = own_lint_payload(c0, spec)
        if pl is None:
            return None
        targets = [job]
        lt = lint_tool(p, job)

        def make(c, hit, spec=spec):
            pl = own_lint_payload(c, spec)
            return Inj("lint", pl)
        desc = "Lint offence in %s (%s): %s" % (p["path"], lt, first_line_of(Inj("lint", pl)) or "formatting")
    elif sub == "dockerfile":
        dj = [j for j in p["jobs"] if job_kind(j) == "docker"]
        if not dj:
            return None
        targets = dj[:1]
        missing = p["docker_extra"]

        def make(c, hit, missing=missing):
            return Inj("docker", {"type": "dockerfile", "missing": missing})
        desc = "Dockerfile of %s copies %s which no longer exists" % (p["path"], missing)
    elif sub == "deploy":
        dj = [j for j in p["jobs"] if job_kind(j) in ("deploy", "plan")]
        if not dj:
            return None
        job = rng.choice(dj)
        targets = [job]
        v = spec["variant"] % 3
        tf = p["eco"] == "terraform"
        key = rng.choice(["resources.limits.memory", "ingress.tls.secretName", "autoscaling.maxReplicas", "env.DATABASE_URL"])

        def make(c, hit, v=v, tf=tf, key=key):
            if tf:
                w = c.p["words"][v % len(c.p["words"])]
                lines = [["Error: creating RDS DB Instance (%s-staging): operation error RDS: CreateDBInstance, https response error StatusCode: 400, RequestID: %s, api error InvalidParameterCombination: Cannot find version 16.1 for postgres" % (w, uuid4(c.rng)), "",
                          "  with module.%s.aws_db_instance.this," % w, "  on modules/%s/main.tf line %d, in resource \"aws_db_instance\" \"this\":" % (w, c.ln("modules/%s/main.tf" % w, 12)), "  %d: resource \"aws_db_instance\" \"this\" {" % c.ln("modules/%s/main.tf" % w, 12)],
                         ["Error: Invalid index", "", "  on modules/%s/outputs.tf line %d, in output \"endpoint\":" % (w, c.ln("modules/%s/outputs.tf" % w, 7)), "  %d:   value = aws_lb.this[0].dns_name" % c.ln("modules/%s/outputs.tf" % w, 7), "    ├────────────────", "    │ aws_lb.this is empty tuple", "", "The given key does not identify an element in this collection value: the", "collection has no elements."],
                         ["Error: Reference to undeclared input variable", "", "  on modules/%s/main.tf line %d, in resource \"aws_elasticache_cluster\" \"this\":" % (w, c.ln("modules/%s/main.tf" % w, 33)), "  %d:   node_type = var.%s_node_type" % (c.ln("modules/%s/main.tf" % w, 33), w), "", "An input variable with the name \"%s_node_type\" has not been declared. This" % w, "variable can be declared with a variable \"%s_node_type\" {} block." % w]][v]
                return Inj("deploy", {"type": "tf", "lines": lines})
            if v == 0:
                ln = c.ln("templates/deployment.yaml", 42)
                lines = ["Error: UPGRADE FAILED: template: {rel}/templates/deployment.yaml:%d:28: executing \"{rel}/templates/deployment.yaml\" at <.Values.%s>: nil pointer evaluating interface {}.%s" % (ln, key, key.split(".")[-1])]
                return Inj("deploy", {"type": "helm", "lines": lines, "wait": 1})
            if v == 1:
                return Inj("deploy", {"type": "helm", "wait": 300, "lines": ["Error: UPGRADE FAILED: release {rel} failed, and has been rolled back due to atomic being set: context deadline exceeded"]})
            return Inj("deploy", {"type": "helm", "wait": 2, "lines": ["Error: UPGRADE FAILED: cannot patch \"{rel}\" with kind Deployment: Deployment.apps \"{rel}\" is invalid: spec.template.spec.containers[0].env[%d].valueFrom: Invalid value: \"\": may not be specified when `value` is not empty" % c.rng.randint(2, 9)]})
        desc = "Deployment configuration bug in %s (%s)" % (p["path"], ["template references missing value", "pods crash-loop so rollout times out", "invalid env spec"][v] if not tf else ["RDS engine version not available", "output indexes empty resource", "undeclared variable"][v])
    else:
        return None
    cz = Cause(cid, kind, desc, make, prio=5)
    cz.spec = spec
    cz.sub = sub
    cz.pid = p["id"]
    cz.targets = [(p["id"], j["name"]) for j in targets]
    ns = nights_pattern(rng, N) if twin_of is None else None
    if twin_of is not None:
        used = set(n for (n, _, _) in twin_of.hits)
        free = [n for n in range(N) if n not in used and all(abs(n - u) > 1 for u in used)]
        if not free:
            return None
        s = rng.choice(free)
        ns = [n for n in nights_pattern(rng, N, start=s, max_len=6) if n not in used]
    for n in ns:
        for pid, jn in cz.targets:
            cz.hit(n, pid, jn)
    return cz


def make_flaky(org, rng, p, cid):
    tj = test_jobs(p)
    if not tj:
        return None
    job = rng.choice(tj)
    tests = tests_for_job(p, job)
    if not tests:
        return None
    t = rng.choice(tests)
    N = len(org["nights"])
    start = rng.randint(0, N // 2)
    end = rng.randint(start + N // 3, N)
    prob = rng.uniform(0.2, 0.45)

    def make(c, hit, t=t):
        return Inj("test", {"type": "tests", "fails": [(t, flaky_detail(c, t))]})
    d0 = flaky_detail(dummy_ctx(org, p, job), t)
    cz = Cause(cid, "flaky", "Flaky test %s in %s (%s)" % (t.name if p["eco"] not in ("node", "elixir", "haskell", "julia", "scala") else t.desc, p["path"], (d0.get("etype", "") + ": " + d0.get("emsg", "")).strip(": ")[:120] or "race"), make, prio=6)
    cz.pid = p["id"]
    cz.targets = [(p["id"], job["name"])]
    for n in range(start, end):
        if rng.random() < prob:
            cz.hit(n, p["id"], job["name"])
    if not cz.hits:
        cz.hit(start, p["id"], job["name"])
    return cz


# ---- upstream ------------------------------------------------------------------------------------
def upstream_spread(org, rng, cz, elig, jobs_for, lo=3, hi=None, start=None, length=None):
    """Choose 3-8 eligible projects and give each its own window starting near the release night."""
    N = len(org["nights"])
    if hi is None:
        hi = 8 if rng.random() < 0.15 else 5
    k = min(len(elig), rng.randint(lo, max(lo, hi)))
    if k < lo:
        return False
    chosen = rng.sample(elig, k)
    s0 = start if start is not None else rng.randint(1, N - 3)
    for p in chosen:
        js = jobs_for(p)
        if not js:
            continue
        s = s0 + (0 if rng.random() < 0.75 else rng.randint(1, 2))
        if rng.random() < 0.2:
            ns = [n for n in range(s, min(N, s + rng.randint(4, 12))) if rng.random() < 0.6] or [s]
        else:
            L = length or (rng.randint(1, 10) if rng.random() < 0.1 else rng.randint(1, 3))
            ns = list(range(s, min(N, s + L)))
        for n in ns:
            if n >= N:
                continue
            for j in js:
                cz.hit(n, p["id"], j["name"])
    cap = rng.randint(16, 38)
    while len(cz.hits) > cap:
        per = {}
        for (n, pid, jn) in cz.hits:
            per.setdefault(pid, set()).add(n)
        pid = max(per, key=lambda k: (len(per[k]), k))
        if len(per[pid]) <= 1:
            break
        last = max(per[pid])
        for key in [k for k in cz.hits if k[0] == last and k[1] == pid]:
            del cz.hits[key]
    cz.projects = [p["id"] for p in chosen]
    cz.release_night = s0
    return bool(cz.hits)


def py_test_jobs(p):
    return [j for j in p["jobs"] if job_kind(j) in ("unit", "integ")]


def up_py_import(org, rng, cid, sym, lib="http", kind="upstream", start=None):
    co = org["co"]
    mod = "%s_%s" % (co, lib)
    ver = "3.0.0" if lib == "http" else "2.0.0"
    elig = [p for p in org["projects"] if p["eco"] == "python" and py_test_jobs(p)]

    def jobs_for(p):
        return [j for j in p["jobs"] if job_kind(j) in ("unit", "integ") or (job_kind(j) == "lint" and p["tools"]["lint"] == "mypy")]

    def make(c, hit):
        p = c.p
        r = srng(cid, p["path"])
        w = r.choice(p["words"])
        sf = "src/%s/clients/%s_client.py" % (snake(p["name"]), w)
        il = c.ln(sf, r.randint(3, 14))
        if c.kind == "lint":
            return Inj("lint", {"type": "lint", "issues": [{"file": sf, "line": il, "msg": 'Module "%s" has no attribute "%s"' % (mod, sym), "code": "attr-defined"}]})
        ss = suites_for_job(p, c.job)
        k = min(len(ss), r.randint(1, 3))
        collect = []
        imp = "from %s import %s%s" % (mod, sym, r.choice(["", ", Session", ", Session, Timeout"]))
        for s in r.sample(ss, k):
            tl = c.ln(s["file"], srng(s["file"]).randint(3, 12))
            frames = [{"file": s["file"], "line": tl, "func": "<module>", "code": "from %s.clients.%s_client import %sClient" % (snake(p["name"]), w, camel(w))},
                      {"file": sf, "line": il, "func": "<module>", "code": imp}]
            vpy = p["tools"]["py"]
            emsg = "cannot import name '%s' from '%s' (%s/.venv/lib/python%s/site-packages/%s/__init__.py)" % (sym, mod, c.b, vpy, mod)
            collect.append((s["file"], {"style": "import", "etype": "ImportError", "emsg": emsg, "frames": frames}))
        return Inj("test", {"type": "tests", "collect": collect})
    cz = Cause(cid, kind, "%s-%s %s removed `%s`; projects importing it fail with ImportError" % (co, lib, ver, sym), make, prio=4)
    cz.ambient = {"py_%s_ver" % lib: ver}
    if not upstream_spread(org, rng, cz, elig, jobs_for, start=start):
        return None
    return cz


def up_py_kwarg(org, rng, cid, kind="upstream", start=None):
    co = org["co"]
    mod = "%s_config" % co
    elig = [p for p in org["projects"] if p["eco"] == "python" and py_test_jobs(p)]

    def make(c, hit):
        p = c.p
        r = srng(cid, p["path"])
        tests = tests_for_job(p, c.job)
        ts = r.sample(tests, min(len(tests), r.randint(1, 4)))
        vpy = p["tools"]["py"]
        fails = []
        for t in ts:
            sf = "src/%s/settings.py" % snake(p["name"])
            sl = c.ln(sf, r.randint(10, 40))
            frames = [{"file": t.file, "line": c.ln(t.file, t.line) + 2, "func": t.name, "code": "app = create_app(env=\"test\")", "args": "tmp_path"},
                      {"file": "src/%s/app.py" % snake(p["name"]), "line": c.ln("app.py", 22), "func": "create_app", "code": "settings = load(env)", "args": "env"},
                      {"file": sf, "line": sl, "func": "load", "code": "return %s.load_settings(\"%s\", env=env)" % (mod, p["name"]), "args": "env"}]
            fails.append((t, {"k": "exc", "etype": "TypeError", "emsg": "load_settings() got an unexpected keyword argument 'env'", "frames": frames}))
        return Inj("test", {"type": "tests", "fails": fails})
    cz = Cause(cid, kind, "%s-config 2.0.0 dropped the `env=` keyword of load_settings(); callers raise TypeError" % co, make, prio=5)
    cz.ambient = {"py_config_ver": "2.0.0"}
    if not upstream_spread(org, rng, cz, elig, py_test_jobs, start=start):
        return None
    return cz


def up_py_werror(org, rng, cid, kind="upstream", start=None):
    co = org["co"]
    msg = "publish_sync() is deprecated and will be removed in %s-events 2.0; use publish() instead" % co
    elig = [p for p in org["projects"] if p["eco"] == "python" and p["tools"]["test"] in ("pytest", "tox") and p["tools"].get("werror") and py_test_jobs(p)]

    def make(c, hit):
        p = c.p
        r = srng(cid, p["path"])
        tests = tests_for_job(p, c.job)
        ts = r.sample(tests, min(len(tests), r.randint(1, 3)))
        fails = []
        for t in ts:
            sf = "src/%s/events.py" % snake(p["name"])
            frames = [{"file": t.file, "line": c.ln(t.file, t.line) + 3, "func": t.name, "code": "svc.%s(payload)" % r.choice(["emit", "notify", "publish"]), "args": "payload"},
                      {"file": sf, "line": c.ln(sf, r.randint(20, 90)), "func": "emit", "code": "%s_events.publish_sync(topic, event)" % co, "args": "self, event"},
                      {"file": ".venv/lib/python%s/site-packages/%s_events/client.py" % (p["tools"]["py"], co), "line": 211, "func": "publish_sync", "code": "warnings.warn(", "args": "topic, event, *, timeout=5.0"}]
            fails.append((t, {"k": "exc", "etype": "DeprecationWarning", "emsg": msg, "frames": frames}))
        return Inj("test", {"type": "tests", "fails": fails})
    cz = Cause(cid, kind, "%s-events 1.8.0 deprecates publish_sync(); projects running with -W error::DeprecationWarning fail" % co, make, prio=5)
    cz.ambient = {"py_events_ver": "1.8.0", "py_deprecation": (".venv/lib/python{py}/site-packages/%s_events/client.py:211" % co, "DeprecationWarning: " + msg, "warnings.warn(")}
    if not upstream_spread(org, rng, cz, elig, py_test_jobs, lo=2, start=start):
        return None
    return cz


def py_install_jobs(p):
    out = []
    for j in p["jobs"]:
        ts = [t for t, ph in job_steps(p, j) if "install" in ph]
        if ts and ts[0] in ("pip", "poetry", "tox") or any(t == "tox" for t, _ in job_steps(p, j)):
            out.append(j)
    return out


def up_py_conflict(org, rng, cid, kind="upstream", start=None):
    co = org["co"]
    P = {"type": "conflict", "req": "%s-auth~=2.3" % co, "dep": "%s-auth" % co, "dependent": "%s-client" % co, "dependent_ver": "2.0.0", "dep_constraint": "%s-auth>=3.0" % co}
    elig = [p for p in org["projects"] if p["eco"] == "python" and py_install_jobs(p)]

    def make(c, hit):
        return Inj("install", dict(P))
    cz = Cause(cid, kind, "%s-client 2.0.0 requires %s-auth>=3.0, conflicting with the ~=2.3 pin; dependency resolution fails" % (co, co), make, prio=3)
    if not upstream_spread(org, rng, cz, elig, py_install_jobs, start=start):
        return None
    return cz


def up_py_notfound(org, rng, cid, pkg, kind="upstream", start=None):
    P = {"type": "notfound", "pkg": pkg, "ver": "4.2.0", "have": ["3.9.0", "4.0.0", "4.0.1", "4.1.0"]}
    elig = [p for p in org["projects"] if p["eco"] == "python" and py_install_jobs(p)]

    def make(c, hit):
        return Inj("install", dict(P))
    cz = Cause(cid, kind, "%s 4.2.0 was yanked from the internal index; pinned installs cannot resolve it" % pkg, make, prio=3)
    if not upstream_spread(org, rng, cz, elig, py_install_jobs, lo=3, hi=6, start=start):
        return None
    return cz


def node_latest_projects(org):
    return [p for p in org["projects"] if p["eco"] == "node" and p["tools"].get("latest")]


def up_node_export(org, rng, cid, sym, kind="upstream", start=None):
    co = org["co"]
    pkg = "@%s/http-client" % co
    elig = [p for p in node_latest_projects(org)]

    def jobs_for(p):
        T = p["tools"]
        out = []
        for j in p["jobs"]:
            k = job_kind(j)
            if k == "build" and (T["ts"] or T["build"] in ("vite", "webpack")):
                out.append(j)
            elif k == "lint" and T["lint"] == "tsc":
                out.append(j)
            elif k in ("unit", "integ"):
                out.append(j)
        return out

    def make(c, hit):
        p = c.p
        T = p["tools"]
        r = srng(cid, p["path"])
        w = r.choice(p["words"])
        ext = "ts" if T["ts"] else "js"
        sf = "src/api/%s-client.%s" % (w.replace("_", "-"), ext)
        il = c.ln(sf, r.randint(1, 6))
        cl = c.ln(sf, r.randint(12, 40))
        if c.kind in ("build", "lint"):
            if T["ts"] and (c.kind == "lint" or T["build"] == "tsc"):
                return Inj("compile", {"type": "compile", "ts": [{"file": sf, "line": il, "col": 10, "code": 2305, "msg": "Module '\"%s\"' has no exported member '%s'." % (pkg, sym), "src": "import { %s, HttpClient } from '%s';" % (sym, pkg), "width": len(sym)}]})
            return Inj("compile", {"type": "compile", "ts": [{"file": sf, "line": il, "col": 10, "code": 2305, "msg": "", "sym": sym, "mod": pkg, "modfile": "node_modules/%s/dist/index.mjs" % pkg, "exports": ["HttpClient", "createClient", "isHttpError"], "src": ""}]})
        tests = tests_for_job(p, c.job)
        ts = r.sample(tests, min(len(tests), r.randint(1, 4)))
        fails = []
        fw = T["test"]
        for t in ts:
            frames = [{"file": t.file, "line": c.ln(t.file, t.line) + 2, "func": "Object.<anonymous>" if fw != "mocha" else "Context.<anonymous>", "code": "    const client = make%sClient(baseUrl);" % camel(w), "col": 20},
                      {"file": sf, "line": cl, "func": "make%sClient" % camel(w), "code": "  const policy = %s({ retries: 3, backoff: 'exponential' });" % sym, "col": 18}]
            if fw == "jest":
                m = "(0 , _httpClient.%s) is not a function" % sym
            elif fw == "vitest":
                m = "(0 , __vi_import_0__.%s) is not a function" % sym
            else:
                m = "(0 , http_client_1.%s) is not a function" % sym if T["ts"] else "%s is not a function" % sym
            fails.append((t, {"k": "exc", "etype": "TypeError", "emsg": m, "frames": frames}))
        return Inj("test", {"type": "tests", "fails": fails})
    cz = Cause(cid, kind, "%s 4.0.0 removed the `%s` export; builds and tests of consumers break" % (pkg, sym), make, prio=4)
    if not upstream_spread(org, rng, cz, elig, jobs_for, start=start):
        return None
    return cz


def up_node_eresolve(org, rng, cid, kind="upstream", start=None):
    co = org["co"]
    P = {"type": "eresolve", "pkg": "@%s/ui-kit" % co, "ver": "5.0.0", "peer": "react", "want": "^19.0.0", "have": "18.3.1"}
    elig = [p for p in node_latest_projects(org) if p["tools"]["pm"] in ("npm", "pnpm")]

    def jobs_for(p):
        return [j for j in p["jobs"] if any(t in ("npm", "pnpm") for t, _ in job_steps(p, j))]

    def make(c, hit):
        return Inj("install", dict(P))
    cz = Cause(cid, kind, "@%s/ui-kit 5.0.0 declares peer react@^19; npm/pnpm installs of react 18 apps fail to resolve" % co, make, prio=3)
    cz.ambient_yarn = 'warning " > @%s/ui-kit@5.0.0" has incorrect peer dependency "react@^19.0.0".' % co
    if not upstream_spread(org, rng, cz, elig, jobs_for, lo=2, start=start):
        return None
    return cz


def up_node_esm(org, rng, cid, kind="upstream", start=None):
    co = org["co"]
    pkg = "@%s/config" % co
    elig = [p for p in node_latest_projects(org) if p["tools"]["test"] in ("jest", "mocha")]

    def jobs_for(p):
        return [j for j in p["jobs"] if job_kind(j) in ("unit", "integ")]

    def make(c, hit):
        p = c.p
        r = srng(cid, p["path"])
        ss = suites_for_job(p, c.job)
        picks = r.sample(ss, min(len(ss), r.randint(1, 3)))
        collect = []
        w = r.choice(p["words"])
        ext = "ts" if p["tools"]["ts"] else "js"
        sf = "src/config/%s.%s" % (w.replace("_", "-"), ext)
        for s in picks:
            jest = ["Jest encountered an unexpected token", "",
                    "Jest failed to parse a file. This happens e.g. when your code or its dependencies use non-standard JavaScript syntax, or when Jest is not configured to support such syntax.", "",
                    "Out of the box Jest supports Babel, which will be used to transform your files into valid JS based on your Babel configuration.", "",
                    "By default \"node_modules\" folder is ignored by transformers.", "", "Here's what you can do:",
                    " • If you are trying to use ECMAScript Modules, see https://jestjs.io/docs/ecmascript-modules for how to enable it.",
                    " • If you are trying to use TypeScript, see https://jestjs.io/docs/getting-started#using-typescript",
                    " • To have some of your \"node_modules\" files transformed, you can specify a custom \"transformIgnorePatterns\" in your config.",
                    " • If you need a custom transformation specify a \"transform\" option in your config.",
                    " • If you simply want to mock your non-JS modules (e.g. binary files) you can specify a \"moduleNameMapper\" option in your config.", "",
                    "You'll find more details and examples of these config options in the docs:", "https://jestjs.io/docs/configuration",
                    "For information about custom transformations, see:", "https://jestjs.io/docs/code-transformation", "", "Details:", "",
                    "%s/node_modules/%s/dist/index.js:1" % (c.b, pkg),
                    "({\"Object.<anonymous>\":function(module,exports,require,__dirname,__filename,jest){export { loadConfig, defineConfig } from './load.js';",
                    "                                                                                  ^^^^^^", "",
                    "SyntaxError: Unexpected token 'export'", "",
                    "  %3d | import { loadConfig } from '%s';" % (c.ln(sf, 2), pkg), "      | ^", "",
                    "  at Runtime.createScriptFromCode (node_modules/jest-runtime/build/index.js:1505:14)",
                    "  at Object.<anonymous> (%s:%d:1)" % (sf, c.ln(sf, 2)),
                    "  at Object.<anonymous> (%s:%d:1)" % (s["file"], c.ln(s["file"], 3))]
            mocha = ["", "Error [ERR_REQUIRE_ESM]: require() of ES Module %s/node_modules/%s/dist/index.js from %s/%s not supported." % (c.b, pkg, c.b, sf),
                     "Instead change the require of index.js in %s/%s to a dynamic import() which is available in all CommonJS modules." % (c.b, sf),
                     "    at Object.<anonymous> (%s/%s:%d:18)" % (c.b, sf, c.ln(sf, 2)),
                     "    at Object.<anonymous> (%s/%s:%d:24)" % (c.b, s["file"], c.ln(s["file"], 3)),
                     "    at exports.requireOrImport (%s/node_modules/mocha/lib/nodejs/esm-utils.js:53:16)" % c.b,
                     "    at exports.loadFiles (%s/node_modules/mocha/lib/cli/run-helpers.js:110:12)" % c.b,
                     "    at Object.exports.handler (%s/node_modules/mocha/lib/cli/run.js:370:5) {" % c.b,
                     "  code: 'ERR_REQUIRE_ESM'", "}"]
            collect.append((s["file"], {"jest": jest, "mocha": mocha}))
        return Inj("test", {"type": "tests", "collect": collect})
    cz = Cause(cid, kind, "%s 3.0.0 ships ESM only; CommonJS test runners (jest, mocha) cannot load it" % pkg, make, prio=4)
    if not upstream_spread(org, rng, cz, elig, jobs_for, lo=2, start=start):
        return None
    return cz


def up_go_undefined(org, rng, cid, sym, kind="upstream", start=None, ver="v1.9.0"):
    elig = [p for p in org["projects"] if p["eco"] == "go"]

    def jobs_for(p):
        return [j for j in p["jobs"] if job_kind(j) in ("build", "unit", "integ", "lint")]

    def make(c, hit):
        p = c.p
        r = srng(cid, p["path"])
        ws = r.sample(p["words"], r.randint(1, 2))
        errs = []
        for w in ws:
            sf = "internal/%s/%s.go" % (w.replace("_", ""), w)
            pk = "%s/internal/%s" % (p["mod"], w.replace("_", ""))
            for _ in range(r.randint(1, 2)):
                ln = c.ln(sf, r.randint(15, 120))
                errs.append({"pkg": pk, "file": sf, "line": ln, "col": r.randint(8, 20), "msg": "undefined: kitlog.%s" % sym, "src": "\tlogger := kitlog.%s(%s)" % (sym, r.choice(["os.Stderr", "cfg.Log", "kitlog.LevelInfo"]))})
        return Inj("compile", {"type": "compile", "go": errs})
    cz = Cause(cid, kind, "%s/shared/go-kit %s removed log.%s; consumers no longer compile" % (GITLAB, ver, sym), make, prio=4)
    cz.ambient = {"go_kit_ver": ver, "go_kit_new": True}
    if not upstream_spread(org, rng, cz, elig, jobs_for, start=start):
        return None
    return cz


def up_go_toolchain(org, rng, cid, kind="upstream", start=None):
    elig = [p for p in org["projects"] if p["eco"] == "go"]

    def jobs_for(p):
        return [j for j in p["jobs"] if job_kind(j) in ("build", "unit", "integ")]

    def make(c, hit):
        return Inj("install", {"type": "gotoolchain", "ver": "v1.10.0", "needs": "1.24.0"})
    cz = Cause(cid, kind, "%s/shared/go-kit v1.10.0 requires go >= 1.24.0 while CI images run older Go with GOTOOLCHAIN=local" % GITLAB, make, prio=3)
    if not upstream_spread(org, rng, cz, elig, jobs_for, start=start):
        return None
    return cz


def up_jvm_class(org, rng, cid, kind="upstream", start=None):
    co = org["co"]
    elig = [p for p in org["projects"] if p["eco"] in ("java", "kotlin", "scala")]

    def jobs_for(p):
        return [j for j in p["jobs"] if job_kind(j) in ("build", "unit", "integ")]

    def make(c, hit):
        p = c.p
        r = srng(cid, p["path"])
        w = r.choice(p["words"])
        sf = src_for_word(p, w)
        il = c.ln(sf, r.randint(3, 18))
        ul = c.ln(sf, r.randint(30, 120))
        if p["eco"] == "java":
            errs = [{"file": sf, "line": il, "col": 34, "msg": "cannot find symbol", "src": "import com.%s.commons.retry.RetryTemplate;" % co, "extra": ["symbol:   class RetryTemplate", "location: package com.%s.commons.retry" % co]},
                    {"file": sf, "line": ul, "col": 13, "msg": "cannot find symbol", "src": "    private final RetryTemplate retryTemplate;", "extra": ["symbol:   class RetryTemplate", "location: class %sService" % camel(w)]}]
            return Inj("compile", {"type": "compile", "java": errs[: r.randint(1, 2)]})
        if p["eco"] == "kotlin":
            return Inj("compile", {"type": "compile", "kotlin": [{"file": sf, "line": il, "col": 34, "msg": "Unresolved reference 'RetryTemplate'."},
                                                                  {"file": sf, "line": ul, "col": 35, "msg": "Unresolved reference 'RetryTemplate'."}]})
        return Inj("compile", {"type": "compile", "scala": [{"file": sf, "line": il, "col": 34, "msg": "object RetryTemplate is not a member of package com.%s.commons.retry" % co, "src": "import com.%s.commons.retry.RetryTemplate" % co}]})
    cz = Cause(cid, kind, "com.%s.platform:platform-commons 4.0.0 removed com.%s.commons.retry.RetryTemplate; JVM consumers fail to compile" % (co, co), make, prio=4)
    cz.ambient = {"jvm_commons_ver": "4.0.0"}
    if not upstream_spread(org, rng, cz, elig, jobs_for, start=start):
        return None
    return cz


def up_jvm_nosuchmethod(org, rng, cid, kind="upstream", start=None):
    co = org["co"]
    elig = [p for p in org["projects"] if p["eco"] in ("java", "kotlin", "scala") and test_jobs(p)]
    sig = "'com.%s.commons.http.HttpClientBuilder com.%s.commons.http.HttpClientBuilder.withTimeout(long)'" % (co, co)

    def make(c, hit):
        p = c.p
        r = srng(cid, p["path"])
        tests = tests_for_job(p, c.job)
        ts = r.sample(tests, min(len(tests), r.randint(1, 5)))
        w = r.choice(p["words"])
        fails = []
        for t in ts:
            fails.append((t, {"k": "exc", "etype": "java.lang.NoSuchMethodError", "emsg": sig,
                              "frames": [{"func": "%s.%sClient.<init>" % (pkg_java(p), camel(w)), "file": "%sClient.%s" % (camel(w), {"java": "java", "kotlin": "kt", "scala": "scala"}[p["eco"]]), "line": c.ln(w, r.randint(20, 60))},
                                         {"func": "com.%s.commons.http.HttpClients.standard" % co, "file": "HttpClients.java", "line": 58}]}))
        return Inj("test", {"type": "tests", "fails": fails})
    cz = Cause(cid, kind, "platform-commons-http 3.2.0 changed HttpClientBuilder.withTimeout(long) binary signature; tests fail with NoSuchMethodError", make, prio=5)
    if not upstream_spread(org, rng, cz, elig, test_jobs, start=start):
        return None
    return cz


def up_rust_import(org, rng, cid, kind="upstream", start=None):
    co = org["co"]
    elig = [p for p in org["projects"] if p["eco"] == "rust"]

    def jobs_for(p):
        return jobs_with(p, "compile")

    def make(c, hit):
        p = c.p
        r = srng(cid, p["path"])
        w = r.choice(p["words"])
        sf = "src/%s.rs" % w
        ln = c.ln(sf, r.randint(1, 12))
        src = "use %s_proto::v1::{Envelope, Header};" % co if r.random() < 0.5 else "use %s_proto::v1::Envelope;" % co
        col = src.index("Envelope") + 1
        return Inj("compile", {"type": "compile", "rust": [{"code": "E0432", "msg": "unresolved import `%s_proto::v1::Envelope`" % co, "file": sf, "line": ln, "col": col, "src": src, "width": 8, "label": "no `Envelope` in `v1`",
                                                              "notes": []}]})
    cz = Cause(cid, kind, "%s-proto 0.9.0 moved v1::Envelope; dependent crates fail with E0432" % co, make, prio=4)
    if not upstream_spread(org, rng, cz, elig, jobs_for, start=start):
        return None
    return cz


def up_ruby_nomethod(org, rng, cid, kind="upstream", start=None):
    co = org["co"]
    elig = [p for p in org["projects"] if p["eco"] == "ruby" and test_jobs(p)]

    def make(c, hit):
        p = c.p
        r = srng(cid, p["path"])
        tests = tests_for_job(p, c.job)
        ts = r.sample(tests, min(len(tests), r.randint(1, 4)))
        w = r.choice(p["words"])
        sf = "lib/%s/gateway.rb" % p["mod"]
        fails = []
        for t in ts:
            fails.append((t, {"k": "exc", "etype": "NoMethodError", "emsg": "undefined method 'with_retries' for an instance of %sClient::Connection" % camel(co),
                              "frames": [{"file": sf, "line": c.ln(sf, r.randint(10, 60)), "func": "%s::Gateway#%s" % (camel(p["mod"]), r.choice(["fetch", "post", "sync"])), "code": "      conn.with_retries(3) { conn.get(path) }"}]}))
        return Inj("test", {"type": "tests", "fails": fails})
    cz = Cause(cid, kind, "%s-client gem 3.0.0 removed Connection#with_retries" % co, make, prio=5)
    cz.ambient = {"rb_client_ver": "3.0.0"}
    if not upstream_spread(org, rng, cz, elig, test_jobs, lo=2, hi=3, start=start):
        return None
    return cz

# --------------------------------------------------------------------------------------
# infrastructure causes
# --------------------------------------------------------------------------------------
NET_INSTALL = {"pip", "poetry", "pip_tools", "tox", "npm", "yarn", "pnpm", "gomod", "golangci", "maven", "gradle", "sbt",
               "cargo_build", "cargo_test", "clippy", "bundler", "composer", "apt", "dotnet_build", "dotnet_test", "dotnet_format",
               "mix_deps", "cabal", "stack", "julia", "terraform_validate", "terraform_plan", "terraform_apply", "buildkit", "kaniko"}
DISK_INSTALL = {"pip", "poetry", "npm", "yarn", "pnpm", "gomod", "maven", "gradle", "sbt", "bundler", "composer", "apt", "dotnet_build", "dotnet_test"}
DISK_COMPILE = {"cargo_build", "cargo_test", "cmake", "gobuild", "julia"}
DISK_DOCKER = {"buildkit", "kaniko"}
OOM_COMPILE = {"cargo_build", "cargo_test", "cmake", "gobuild", "maven", "gradle", "sbt", "tsc", "tsc_noemit", "vite", "webpack", "swiftpm", "cabal", "stack", "julia"}
OOM_TEST = {"pytest", "unittest", "tox", "jest", "vitest", "mocha", "gotest", "maven", "gradle", "sbt", "cargo_test", "rspec", "minitest", "phpunit", "ctest", "dotnet_test", "julia"}
HANG_TEST = {"pytest", "unittest", "tox", "jest", "vitest", "mocha", "gotest", "maven", "gradle", "sbt", "cargo_test", "rspec", "minitest", "phpunit", "ctest", "dotnet_test", "swiftpm", "mix_test", "cabal", "julia"}


def step_tools(p, job, phase):
    return [t for t, ph in job_steps(p, job) if phase in ph]


def first_phase_tool(p, job, phase):
    ts = step_tools(p, job, phase)
    return ts[0] if ts else None


def run_key(n, p, j):
    return (n, p["id"], j["name"])


def infra_net(org, rng, cid, kind, ntype, nights, host=ARTI, prob=0.75, extra=None):
    """DNS or TLS failure of the package mirror (install phase); TLS cause also hits vault and registry."""
    extra = extra or {}
    desc = {"dns": "DNS resolution of %s fails (resolver outage); every tool fetching from the mirror errors out" % host,
            "tls": "Wildcard certificate *.internal.example.com expired; TLS verification fails for the artifact mirror, Vault and the registry"}[ntype]
    payload = {"type": ntype, "host": host}
    payload.update(extra)

    def make(c, hit):
        pl = dict(payload)
        pl["host"] = hit.get("host", host)
        return Inj(hit["phase"], pl, reason=hit.get("reason", "script_failure"))
    cz = Cause(cid, kind, desc, make, prio=2)
    for n in nights:
        window = rng.uniform(0.5, 1.0)
        for p in org["projects"]:
            for j in p["jobs"]:
                if rng.random() > prob * window:
                    continue
                img = job_image(p, j)
                if ntype == "tls" and job_kind(j) == "deploy" and rng.random() < 0.7:
                    cz.hit(n, p["id"], j["name"], phase="secrets", host=VAULT, reason="runner_system_failure")
                    continue
                if ntype == "tls" and img and img.startswith(REG) and org["runs"][run_key(n, p, j)]["exec"] != "shell" and rng.random() < 0.3:
                    cz.hit(n, p["id"], j["name"], phase="prepare", host=REG)
                    continue
                t = first_phase_tool(p, j, "install")
                if t in NET_INSTALL:
                    if t in ("buildkit", "kaniko"):
                        cz.hit(n, p["id"], j["name"], phase="install")
                    else:
                        cz.hit(n, p["id"], j["name"], phase="install")
    return cz


def infra_dns_registry(org, rng, cid, kind, nights, prob=0.45):
    host = REG
    payload = {"type": "dns", "host": host, "resolver": "169.254.169.254", "dnserr": "no such host"}

    def make(c, hit):
        return Inj(hit["phase"], dict(payload))
    cz = Cause(cid, kind, "DNS record of %s missing; image pulls, pushes and scans against the internal registry fail" % host, make, prio=1)
    for n in nights:
        for p in org["projects"]:
            for j in p["jobs"]:
                if rng.random() > prob:
                    continue
                img = job_image(p, j)
                r = org["runs"][run_key(n, p, j)]
                if img and img.startswith(REG) and r["exec"] in ("docker", "docker+machine"):
                    cz.hit(n, p["id"], j["name"], phase="prepare")
                elif first_phase_tool(p, j, "docker") in ("buildkit", "kaniko", "trivy"):
                    cz.hit(n, p["id"], j["name"], phase="docker")
    return cz


def infra_ratelimit(org, rng, cid, kind, nights, prob=0.08):
    def make(c, hit):
        return Inj(hit["phase"], {"type": "ratelimit"})
    cz = Cause(cid, kind, "Docker Hub anonymous pull rate limit (toomanyrequests) exhausted by the runner fleet's shared egress IP", make, prio=1)
    for n in nights:
        pr = prob * rng.uniform(0.6, 1.4)
        for p in org["projects"]:
            for j in p["jobs"]:
                r = org["runs"][run_key(n, p, j)]
                img = job_image(p, j)
                dt_ = first_phase_tool(p, j, "docker")
                if rng.random() > pr:
                    continue
                if dt_ in ("buildkit", "kaniko") and rng.random() < 0.6:
                    c0 = dummy_ctx(org, p, j)
                    base = docker_base(c0)[0]
                    if "." not in base.split("/")[0]:
                        cz.hit(n, p["id"], j["name"], phase="docker")
                        continue
                if r["exec"] != "shell" and image_dockerhub(img):
                    cz.hit(n, p["id"], j["name"], phase="prepare")
    return cz


def infra_runner(org, rng, cid, kind, nights, runner, what):
    """disk full or system failure on one runner."""
    desc = {"disk": "Runner %s ran out of disk space (docker overlay2 volume full)" % runner["desc"],
            "system": "Runner %s is broken (%s); jobs it picks up die with a system failure" % (runner["desc"], "docker daemon unresponsive" if runner["exec"] != "kubernetes" else "pods never become ready")}[what]
    variant = rng.randint(0, 2)

    def make(c, hit):
        if what == "system":
            return Inj("prepare", {"type": "system", "variant": variant}, reason="runner_system_failure")
        return Inj(hit["phase"], {"type": "disk"}, exit_code=1)
    cz = Cause(cid, kind, desc, make, prio=1)
    for n in nights:
        for p in org["projects"]:
            for j in p["jobs"]:
                if org["runs"][run_key(n, p, j)] is not runner:
                    continue
                if what == "system":
                    if rng.random() < 0.92:
                        cz.hit(n, p["id"], j["name"], phase="prepare")
                    continue
                opts = []
                t = first_phase_tool(p, j, "install")
                if t in DISK_INSTALL:
                    opts.append("install")
                t = first_phase_tool(p, j, "compile")
                if t in DISK_COMPILE:
                    opts.append("compile")
                t = first_phase_tool(p, j, "docker")
                if t in DISK_DOCKER:
                    opts.append("docker")
                if r_ok(runner) and image_of_ok(p, j):
                    opts.append("prepare")
                if not opts:
                    continue
                if rng.random() < 0.85:
                    cz.hit(n, p["id"], j["name"], phase=rng.choice(opts))
    return cz


def r_ok(r):
    return r["exec"] in ("docker", "docker+machine")


def image_of_ok(p, j):
    return job_image(p, j) is not None


def infra_oom(org, rng, cid, kind, nights, runners, prob=0.5):
    def make(c, hit):
        return Inj(hit["phase"], {"type": "oom", "at": hit.get("at", 0.6)}, exit_code=137)
    cz = Cause(cid, kind, "Memory limit of runner fleet %s lowered to 2 GiB; heavy compile/test processes are OOM-killed" % "/".join(r["desc"] for r in runners), make, prio=3)
    for n in nights:
        for p in org["projects"]:
            for j in p["jobs"]:
                if org["runs"][run_key(n, p, j)] not in runners:
                    continue
                heavy = p["big"] or p["eco"] in ("rust", "cpp", "java", "kotlin", "scala", "haskell", "julia") or (p["eco"] == "node" and job_kind(j) in ("build", "unit"))
                if not heavy or rng.random() > prob:
                    continue
                opts = []
                if first_phase_tool(p, j, "compile") in OOM_COMPILE:
                    opts.append("compile")
                if first_phase_tool(p, j, "test") in OOM_TEST:
                    opts.append("test")
                if opts:
                    cz.hit(n, p["id"], j["name"], phase=rng.choice(opts), at=rng.uniform(0.2, 0.9))
    return cz


def infra_timeout(org, rng, cid, kind, nights, prob=0.85):
    def make(c, hit):
        return Inj("test", {"type": "hang", "at": hit["at"]}, reason="job_execution_timeout")
    cz = Cause(cid, kind, "Shared integration database %s stops answering; integration suites hang until the job timeout" % PGHOST, make, prio=3)
    for n in nights:
        for p in org["projects"]:
            for j in p["jobs"]:
                if job_kind(j) != "integ":
                    continue
                if first_phase_tool(p, j, "test") in HANG_TEST and rng.random() < prob:
                    cz.hit(n, p["id"], j["name"], phase="test", at=rng.uniform(0.05, 0.9))
    return cz


def infra_artifacts(org, rng, cid, kind, nights, code, prob=0.13):
    def make(c, hit):
        return Inj("upload", {"type": "5xx", "code": code})
    cz = Cause(cid, kind, "GitLab object storage outage: artifact uploads get %s" % code, make, prio=7)
    for n in nights:
        for p in org["projects"]:
            for j in p["jobs"]:
                if job_has_artifacts(p, j) and rng.random() < prob:
                    cz.hit(n, p["id"], j["name"], phase="upload")
    return cz


# --------------------------------------------------------------------------------------
# planning
# --------------------------------------------------------------------------------------
PHASE_ORDER = {"prepare": 0, "secrets": 1, "install": 2, "compile": 3, "docker": 3, "test": 4, "lint": 4, "deploy": 4, "upload": 6}


def assign_runners(org):
    rs = org["runners"]
    mac = [r for r in rs if r["exec"] == "shell"]
    others = [r for r in rs if r["exec"] != "shell"]
    weights = [r["weight"] for r in others]
    runs = {}
    for n in range(len(org["nights"])):
        for p in org["projects"]:
            for j in p["jobs"]:
                rng = srng(org["seed"], "runner", n, p["id"], j["name"])
                if p["eco"] == "swift" and p["tools"].get("xcode") and job_kind(j) != "lint" or (p["eco"] == "swift" and p["tools"].get("xcode")):
                    runs[(n, p["id"], j["name"])] = mac[0]
                else:
                    runs[(n, p["id"], j["name"])] = rng.choices(others, weights)[0]
    org["runs"] = runs


def hit_phase(org, cz, key, hit):
    if "phase" in hit:
        return hit["phase"]
    n, pid, jn = key
    p = org["pmap"][pid]
    j = next(x for x in p["jobs"] if x["name"] == jn)
    c = dummy_ctx(org, p, j, n)
    inj = cz.make(c, hit)
    hit["phase"] = inj.phase
    return inj.phase


def validate_hit(org, cz, key, hit):
    """True if the job really contains a step that renders this injection."""
    n, pid, jn = key
    p = org["pmap"][pid]
    j = next(x for x in p["jobs"] if x["name"] == jn)
    ph = hit_phase(org, cz, key, hit)
    return ph in job_phases(p, j)


def plan(org, seed):
    rng = srng("org3", seed, "plan")
    N = len(org["nights"])
    P = org["projects"]
    org["pmap"] = {p["id"]: p for p in P}
    assign_runners(org)
    causes = []
    co = org["co"]

    # ---- upstream ------------------------------------------------------------------------
    ups = []
    sym_pairs = [("RetryPolicy", "BackoffPolicy"), ("RetryConfig", "RetryOptions"), ("TimeoutPolicy", "TimeoutConfig")]
    s1, s2 = rng.choice(sym_pairs)
    tpl = [("py-import", lambda: up_py_import(org, rng, "upstream-%s-http-3-0-%s" % (co, s1.lower()), s1)),
           ("py-kwarg", lambda: up_py_kwarg(org, rng, "upstream-%s-config-2-0" % co)),
           ("py-werror", lambda: up_py_werror(org, rng, "upstream-%s-events-1-8-deprecation" % co)),
           ("py-conflict", lambda: up_py_conflict(org, rng, "upstream-%s-client-2-0-resolver" % co)),
           ("node-export", lambda: up_node_export(org, rng, "upstream-%s-http-client-4-0" % co, "createRetryPolicy")),
           ("node-eresolve", lambda: up_node_eresolve(org, rng, "upstream-%s-ui-kit-5-peer-react" % co)),
           ("node-esm", lambda: up_node_esm(org, rng, "upstream-%s-config-js-esm-only" % co)),
           ("go-undefined", lambda: up_go_undefined(org, rng, "upstream-go-kit-1-9-newlogger", "NewLogger")),
           ("go-toolchain", lambda: up_go_toolchain(org, rng, "upstream-go-kit-1-10-go124")),
           ("jvm-class", lambda: up_jvm_class(org, rng, "upstream-platform-commons-4-0")),
           ("jvm-nsme", lambda: up_jvm_nosuchmethod(org, rng, "upstream-commons-http-3-2-abi")),
           ("rust-import", lambda: up_rust_import(org, rng, "upstream-%s-proto-0-9" % co)),
           ("ruby-nomethod", lambda: up_ruby_nomethod(org, rng, "upstream-%s-client-gem-3-0" % co))]
    rng.shuffle(tpl)
    groups = {}
    for name, f in tpl:
        groups.setdefault(name.split("-")[0], []).append((name, f))
    order = []
    keys = sorted(groups)
    rng.shuffle(keys)
    while any(groups.values()):
        for k in keys:
            if groups[k]:
                order.append(groups[k].pop(0))
    tpl = order
    want_up = rng.randint(5, 6)
    seen_eco = {}
    for name, f in tpl:
        if len(ups) >= want_up:
            break
        eco = name.split("-")[0]
        if seen_eco.get(eco, 0) >= 2:
            continue
        cz = f()
        if cz:
            cz.tname = name
            ups.append(cz)
            seen_eco[eco] = seen_eco.get(eco, 0) + 1
    causes += ups

    # ---- decoy twins of upstream causes -------------------------------------------------------
    decoys = []
    for cz in list(ups):
        if cz.tname == "py-import" and rng.random() < 0.9:
            later = min(N - 2, cz.release_night + rng.randint(6, 12)) if cz.release_night < N - 8 else max(0, cz.release_night - rng.randint(8, 12))
            tw = up_py_import(org, rng, "decoy-%s-http-3-1-%s" % (co, s2.lower()), s2, kind="decoy", start=later)
            if tw:
                tw.description = "%s-http 3.1.0 removed `%s` (a different symbol than %s)" % (co, s2, cz.id)
                tw.tname = "py-import-twin"
                decoys.append(tw)
        if cz.tname == "go-undefined" and rng.random() < 0.9:
            later = min(N - 2, cz.release_night + rng.randint(6, 12)) if cz.release_night < N - 8 else max(0, cz.release_night - rng.randint(8, 12))
            tw = up_go_undefined(org, rng, "decoy-go-kit-1-9-3-withfields", "WithFields", kind="decoy", start=later, ver="v1.9.3")
            if tw:
                tw.description = "go-kit v1.9.3 removed log.WithFields (a different symbol than %s)" % cz.id
                decoys.append(tw)
        if cz.tname == "node-export" and rng.random() < 0.8:
            later = min(N - 2, cz.release_night + rng.randint(5, 12)) if cz.release_night < N - 8 else max(0, cz.release_night - rng.randint(8, 12))
            tw = up_node_export(org, rng, "decoy-%s-http-client-4-1-backoff" % co, "createBackoffPolicy", kind="decoy", start=later)
            if tw:
                tw.description = "@%s/http-client 4.1.0 removed the `createBackoffPolicy` export (a different symbol than %s)" % (co, cz.id)
                decoys.append(tw)
    if rng.random() < 0.7:
        a = up_py_notfound(org, rng, "upstream-%s-metrics-4-2-yanked" % co, "%s-metrics" % co)
        if a:
            causes.append(a)
            later = min(N - 2, a.release_night + rng.randint(5, 12)) if a.release_night < N - 8 else max(0, a.release_night - rng.randint(7, 12))
            b = up_py_notfound(org, rng, "decoy-%s-tracing-4-2-yanked" % co, "%s-tracing" % co, kind="decoy", start=later)
            if b:
                b.description = "%s-tracing 4.2.0 was yanked from the internal index (another package than %s)" % (co, a.id)
                decoys.append(b)
    causes += decoys

    # ---- infrastructure ---------------------------------------------------------------------
    used_infra_nights = set()

    def pick_nights(k, spread=False):
        for _ in range(50):
            s = rng.randrange(0, N)
            ns = [s] if k == 1 else sorted(set([s] + ([rng.randrange(0, N) for _ in range(k - 1)] if spread else list(range(s, min(N, s + k))))))
            if not (set(ns) & used_infra_nights):
                used_infra_nights.update(ns)
                return ns
        return [rng.randrange(0, N)]
    infra = []
    errno = rng.choice([-2, -3])
    infra.append(infra_net(org, rng, "infra-dns-artifacts-mirror", "infrastructure", "dns", pick_nights(1), prob=0.26,
                           extra={"errno": errno, "resolver": "10.0.0.2", "dnserr": "no such host" if errno == -2 else "server misbehaving"}))
    exp_night = pick_nights(1)
    exp_at = (dt.date.fromisoformat(org["nights"][exp_night[0]]) - dt.timedelta(days=1)).isoformat() + "T23:59:59Z"
    infra.append(infra_net(org, rng, "infra-tls-wildcard-cert-expired", "infrastructure", "tls", exp_night, prob=0.26, extra={"expired_at": exp_at}))
    infra.append(infra_ratelimit(org, rng, "infra-dockerhub-rate-limit", "infrastructure", pick_nights(rng.randint(2, 3), spread=True)))
    dockers = [r for r in org["runners"] if r["exec"] == "docker"]
    rd, rs_ = rng.sample(dockers, 2)
    infra.append(infra_runner(org, rng, "infra-disk-full-%s" % rd["desc"], "infrastructure", pick_nights(rng.choice([1, 1, 2])), rd, "disk"))
    infra.append(infra_runner(org, rng, "infra-runner-system-failure-%s" % rs_["desc"], "infrastructure", pick_nights(rng.choice([1, 1, 2])), rs_, "system"))
    k8s = [r for r in org["runners"] if r["exec"] in ("kubernetes", "docker+machine")]
    infra.append(infra_oom(org, rng, "infra-oom-memory-limit", "infrastructure", pick_nights(rng.randint(2, 4)), k8s))
    infra.append(infra_timeout(org, rng, "infra-integration-db-hang", "infrastructure", pick_nights(rng.randint(1, 2))))
    code1 = rng.choice(["502 Bad Gateway", "503 Service Unavailable"])
    infra.append(infra_artifacts(org, rng, "infra-artifact-upload-%s" % code1.split()[0], "infrastructure", pick_nights(1), code1))
    if rng.random() < 0.8:
        infra.append(infra_dns_registry(org, rng, "decoy-dns-registry", "decoy", pick_nights(1)))
        infra[-1].description += " (same failure class as infra-dns-artifacts-mirror, different host)"
    if rng.random() < 0.6:
        code2 = "500 Internal Server Error" if code1 != "500 Internal Server Error" else "502 Bad Gateway"
        infra.append(infra_artifacts(org, rng, "decoy-artifact-upload-%s" % code2.split()[0], "decoy", pick_nights(1), code2, prob=0.1))
        infra[-1].description += " (a separate incident from the %s one)" % code1.split()[0]
    causes += infra

    # ---- flaky ------------------------------------------------------------------------------
    cand = [p for p in P if test_jobs(p)]
    for k, p in enumerate(rng.sample(cand, min(len(cand), rng.randint(4, 6)))):
        cz = make_flaky(org, rng, p, "flaky-%s-%d" % (p["name"], k + 1))
        if cz:
            causes.append(cz)

    # ---- project-local ----------------------------------------------------------------------
    proj = []
    counter = [0]

    def add_project_cause(p=None, sub=None):
        p = p or rng.choice(P)
        subs = ["assert", "assert", "exc", "compile", "compile", "lint", "lint", "dockerfile", "deploy"]
        sub = sub or rng.choice(subs)
        counter[0] += 1
        cid = "project-%s-%s-%d" % (p["name"], sub, counter[0])
        cz = make_project_cause(org, rng, p, sub, cid)
        if cz:
            proj.append(cz)
            causes.append(cz)
        return cz
    for _ in range(rng.randint(26, 34)):
        add_project_cause()
    # make sure every ecosystem has at least one local cause
    for eco in sorted(set(p["eco"] for p in P)):
        if not any(org["pmap"][c.pid]["eco"] == eco for c in proj):
            for p in [x for x in P if x["eco"] == eco]:
                for sub in ("compile", "assert", "lint", "deploy", "dockerfile"):
                    if add_project_cause(p, sub):
                        break
                else:
                    continue
                break

    # ---- project-level decoy twins -------------------------------------------------------------
    nd = 0
    rng.shuffle(proj)
    for cz in proj:
        if nd >= rng.randint(2, 3):
            break
        if cz.sub in ("assert", "exc"):
            tw = make_project_cause(org, rng, org["pmap"][cz.pid], cz.sub + "_twin", "decoy-" + cz.id + "-twin", kind="decoy", twin_of=cz)
            if tw:
                what = "another assertion value" if cz.sub == "assert" else "a different exception class with the same message"
                tw.description = tw.description + " (%s than %s)" % (what, cz.id)
                causes.append(tw)
                nd += 1

    org["causes_all"] = causes
    resolve(org)
    calibrate(org, rng, add_project_cause)
    return org


def resolve(org):
    """One cause per job run: the earliest phase wins, then the lower prio value."""
    winner = {}
    for cz in org["causes_all"]:
        for key, hit in list(cz.hits.items()):
            if not validate_hit(org, cz, key, hit):
                del cz.hits[key]
                continue
            ph = PHASE_ORDER[hit["phase"]]
            cur = winner.get(key)
            rank = (ph, cz.prio)
            if cur is None or rank < cur[0]:
                winner[key] = (rank, cz)
    org["winner"] = {k: v[1] for k, v in winner.items()}
    live = set(id(v) for v in org["winner"].values())
    org["causes"] = [c for c in org["causes_all"] if id(c) in live]


def calibrate(org, rng, add_project_cause):
    total = sum(len(p["jobs"]) for p in org["projects"]) * len(org["nights"])
    for _ in range(200):
        rate = len(org["winner"]) / float(total)
        if rate < 0.10:
            add_project_cause()
            resolve(org)
            continue
        if rate > 0.128:
            removable = [c for c in org["causes"] if c.kind == "project" and not any(d.description.endswith(c.id + ")") for d in org["causes"])]
            if not removable:
                break
            victim = rng.choice(removable)
            org["causes_all"].remove(victim)
            resolve(org)
            continue
        break

# --------------------------------------------------------------------------------------
# job rendering
# --------------------------------------------------------------------------------------
STEPS = {
    "pip": st_pip, "poetry": st_poetry, "pip_tools": st_pip_tools, "pytest": st_pytest, "unittest": st_unittest, "tox": st_tox,
    "mypy": st_mypy, "flake8": st_flake8, "ruff": st_ruff, "pybuild": st_pybuild,
    "npm": st_npm, "yarn": st_yarn, "pnpm": st_pnpm, "jest": st_jest, "vitest": st_vitest, "mocha": st_mocha,
    "tsc": st_tsc, "tsc_noemit": st_tsc_noemit, "vite": st_vite, "webpack": st_webpack, "eslint": st_eslint,
    "gomod": st_gomod, "gobuild": st_gobuild, "gotest": st_gotest, "golangci": st_golangci,
    "maven": st_maven, "gradle": st_gradle, "sbt": st_sbt,
    "cargo_build": st_cargo_build, "cargo_test": st_cargo_test, "cargo_fmt": st_cargo_fmt, "clippy": st_clippy,
    "bundler": st_bundler, "rspec": st_rspec, "minitest": st_minitest, "rubocop": st_rubocop,
    "composer": st_composer, "phpunit": st_phpunit, "phpstan": st_phpstan, "php-cs-fixer": st_php_cs_fixer,
    "apt": st_apt, "cmake": st_cmake, "ctest": st_ctest, "clang-tidy": st_clang_tidy, "cppcheck": st_cppcheck,
    "dotnet_build": st_dotnet_build, "dotnet_test": st_dotnet_test, "dotnet_format": st_dotnet_format,
    "swiftpm": st_swiftpm, "xcodebuild": st_xcodebuild, "swiftlint": st_swiftlint,
    "mix_deps": st_mix_deps, "mix_compile": st_mix_compile, "mix_test": st_mix_test, "credo": st_credo,
    "cabal": st_cabal, "stack": st_stack, "hlint": st_hlint, "julia": st_julia,
    "buildkit": st_buildkit, "kaniko": st_kaniko, "hadolint": st_hadolint, "trivy": st_trivy,
    "terraform_validate": st_terraform_validate, "terraform_plan": st_terraform_plan, "terraform_apply": st_terraform_apply,
    "tflint": st_tflint, "helm": st_helm,
}


def before_script(c):
    tr, rng, p = c.tr, c.rng, c.p
    eco, T = p["eco"], p["tools"]
    k = c.kind
    if k == "docker" and eco != "docker":
        return
    if k == "deploy":
        c.cmd("kubectl config use-context %s/infra/agents:staging" % p["group"].split("/")[0])
        tr.w('Switched to context "%s/infra/agents:staging".' % p["group"].split("/")[0])
        return
    if eco == "python":
        c.cmd("python --version")
        tr.w("Python %s.%d" % (T["py"], {"3.11": 10, "3.12": 7, "3.13": 0}[T["py"]]))
    elif eco == "node":
        c.cmd("node --version && %s --version" % T["pm"])
        tr.w("v%s" % ("22.11.0" if T["node"] == "22" else "20.18.0"))
        tr.w({"npm": "10.9.0", "yarn": "1.22.22", "pnpm": "9.12.3"}[T["pm"]])
    elif eco == "go" and k != "lint":
        c.cmd("go version")
        tr.w("go version go%s.%d linux/amd64" % (T["go"], {"1.22": 9, "1.23": 3}[T["go"]]))
        c.cmd("export GOPROXY=https://%s/api/go/go-remote GOPRIVATE=%s GOFLAGS=-mod=mod" % (ARTI, GITLAB))
    elif eco in ("java", "kotlin", "scala"):
        c.cmd("java -version")
        jdk = T.get("jdk", "21")
        tr.w('openjdk version "%s" %s LTS' % ({"17": "17.0.13", "21": "21.0.5"}[jdk], "2024-10-15"), err=True)
        tr.w("OpenJDK Runtime Environment Temurin-%s+11 (build %s+11-LTS)" % ({"17": "17.0.13", "21": "21.0.5"}[jdk], {"17": "17.0.13", "21": "21.0.5"}[jdk]), err=True)
        tr.w("OpenJDK 64-Bit Server VM Temurin-%s+11 (build %s+11-LTS, mixed mode, sharing)" % ({"17": "17.0.13", "21": "21.0.5"}[jdk], {"17": "17.0.13", "21": "21.0.5"}[jdk]), err=True)
    elif eco == "rust":
        c.cmd("rustc --version && cargo --version")
        v = "1.82.0" if T["toolchain"] == "1.82" else c.ambient.get("rust_stable", "1.83.0")
        tr.w("rustc %s (%s 2024-%02d-%02d)" % (v, hexs(srng(v), 9), 10 if v == "1.82.0" else 11, 15 if v == "1.82.0" else 26))
        tr.w("cargo %s (%s 2024-%02d-%02d)" % (v, hexs(srng(v, "c"), 9), 10 if v == "1.82.0" else 11, 15 if v == "1.82.0" else 26))
    elif eco == "ruby":
        c.cmd("ruby -v")
        tr.w("ruby %s.%d (2024-%02d-%02d revision %s) +PRISM [x86_64-linux]" % (T["ruby"], 6 if T["ruby"] == "3.3" else 6, 11, 5, hexs(srng(T["ruby"]), 10)))
    elif eco == "php":
        c.cmd("php -v")
        tr.w("PHP 8.3.13 (cli) (built: Oct 25 2024 22:43:24) (NTS)")
        tr.w("Copyright (c) The PHP Group")
        tr.w("Zend Engine v4.3.13, Copyright (c) Zend Technologies")
        tr.w("    with Zend OPcache v8.3.13, Copyright (c), by Zend Technologies")
    elif eco == "cpp" and k != "lint":
        c.cmd("cmake --version | head -1 && c++ --version | head -1")
        tr.w("cmake version 3.30.5")
        tr.w("clang version 18.1.8" if T["cc"] == "clang" else "c++ (GCC) 14.2.0")
    elif eco == "dotnet":
        c.cmd("dotnet --version")
        tr.w("8.0.404")
    elif eco == "swift":
        c.cmd("swift --version")
        tr.w("Swift version 6.0.2 (swift-6.0.2-RELEASE)" if not T["xcode"] else "swift-driver version: 1.90.11.1 Apple Swift version 5.10 (swiftlang-5.10.0.13 clang-1500.3.9.4)")
        tr.w("Target: x86_64-unknown-linux-gnu" if not T["xcode"] else "Target: arm64-apple-macosx14.0")
    elif eco == "elixir":
        c.cmd("elixir --version")
        tr.w("Erlang/OTP 27 [erts-15.1.2] [source] [64-bit] [smp:8:8] [ds:8:8:10] [async-threads:1] [jit:ns]")
        tr.w("")
        tr.w("Elixir 1.17.3 (compiled with Erlang/OTP 27)")
        c.cmd("mix local.hex --force && mix local.rebar --force")
        tr.w("* creating /root/.mix/archives/hex-2.1.1")
        tr.w("* creating /root/.mix/elixir/1-17/rebar3")
    elif eco == "haskell":
        c.cmd("ghc --version")
        tr.w("The Glorious Glasgow Haskell Compilation System, version 9.6.6")
    elif eco == "julia":
        c.cmd("julia --version")
        tr.w("julia version 1.10.6")
    elif eco == "terraform" and k != "lint":
        c.cmd("terraform version")
        tr.w("Terraform v1.9.8")
        tr.w("on linux_amd64")
    if srng(p["path"], "envdump").random() < 0.35:
        c.cmd("env | grep '^CI_' | sort")
        for l in ci_env_lines(c):
            tr.w(l)
    if eco in ("python", "ruby", "php") and k != "lint" and srng(p["path"], "aptnoise").random() < 0.4 and runner_ok_for_apt(c):
        c.cmd("apt-get update && apt-get install -y --no-install-recommends %s" % {"python": "libpq-dev gcc", "ruby": "libpq-dev build-essential", "php": "libzip-dev unzip"}[eco])
        for l in apt_noise(c, eco):
            tr.w(l)
    if rng.random() < 0.2:
        c.cmd('echo "Nightly pipeline for ${CI_PROJECT_PATH} at ${CI_COMMIT_SHORT_SHA}"')
        tr.w("Nightly pipeline for %s at %s" % (p["path"], c.sha[:8]))


def runner_ok_for_apt(c):
    return c.runner["exec"] != "shell"


def ci_env_lines(c):
    p, rng = c.p, c.rng
    d = dt.datetime.fromtimestamp(c.tr.t, dt.timezone.utc)
    v = {"CI": "true", "CI_API_V4_URL": "https://%s/api/v4" % GITLAB, "CI_BUILDS_DIR": "/builds", "CI_COMMIT_BRANCH": "main",
         "CI_COMMIT_REF_NAME": "main", "CI_COMMIT_REF_SLUG": "main", "CI_COMMIT_SHA": c.sha, "CI_COMMIT_SHORT_SHA": c.sha[:8],
         "CI_COMMIT_TIMESTAMP": (d - dt.timedelta(hours=rng.randint(2, 40))).strftime("%Y-%m-%dT%H:%M:%S+00:00"),
         "CI_CONCURRENT_ID": str(rng.randint(0, 9)), "CI_DEFAULT_BRANCH": "main", "CI_JOB_ID": str(c.jid), "CI_JOB_NAME": c.job["name"],
         "CI_JOB_STAGE": c.job["stage"], "CI_JOB_STATUS": "running", "CI_JOB_TOKEN": "[MASKED]", "CI_JOB_URL": "%s/-/jobs/%d" % (p["web_url"], c.jid),
         "CI_JOB_STARTED_AT": d.strftime("%Y-%m-%dT%H:%M:%SZ"), "CI_NODE_TOTAL": "1", "CI_PIPELINE_CREATED_AT": (d - dt.timedelta(seconds=rng.randint(5, 900))).strftime("%Y-%m-%dT%H:%M:%SZ"),
         "CI_PIPELINE_ID": str(c.pipeline_id), "CI_PIPELINE_IID": str(c.pipeline_id % 9973), "CI_PIPELINE_SOURCE": "schedule",
         "CI_PIPELINE_URL": "%s/-/pipelines/%d" % (p["web_url"], c.pipeline_id), "CI_PROJECT_DIR": c.b, "CI_PROJECT_ID": str(p["id"]),
         "CI_PROJECT_NAME": p["name"], "CI_PROJECT_NAMESPACE": p["group"], "CI_PROJECT_PATH": p["path"], "CI_PROJECT_PATH_SLUG": p["path"].replace("/", "-"),
         "CI_PROJECT_URL": p["web_url"], "CI_REGISTRY": REG, "CI_REGISTRY_IMAGE": "%s/%s" % (REG, p["path"]), "CI_REPOSITORY_URL": "https://gitlab-ci-token:[MASKED]@%s/%s.git" % (GITLAB, p["path"]),
         "CI_RUNNER_DESCRIPTION": c.runner["desc"], "CI_RUNNER_ID": str(1000 + c.org["runners"].index(c.runner)), "CI_RUNNER_SHORT_TOKEN": c.runner["token"],
         "CI_RUNNER_VERSION": runner_version(c.runner, c.night)[0], "CI_SERVER_HOST": GITLAB, "CI_SERVER_URL": "https://%s" % GITLAB, "CI_SERVER_VERSION": "17.5.2-ee",
         "CI_SERVER_NAME": "GitLab", "CI_JOB_IMAGE": c.image, "CI_SCHEDULED_PIPELINE_ID" if False else "CI_PIPELINE_SCHEDULE_DESCRIPTION": "nightly"}
    return ["%s=%s" % kv for kv in sorted(v.items())]


def apt_noise(c, eco):
    rng = c.rng
    out = []
    for i, suite in enumerate(["bookworm InRelease", "bookworm-updates InRelease", "bookworm-security InRelease", "bookworm/main amd64 Packages [8789 kB]", "bookworm-updates/main amd64 Packages [8856 B]", "bookworm-security/main amd64 Packages [%d kB]" % rng.randint(200, 260)], 1):
        host = "deb.debian.org" if "security" not in suite else "deb.debian.org/debian-security"
        out.append("Get:%d http://%s %s" % (i, host if "security" in suite else host + "/debian", suite))
    out.append("Fetched %.1f MB in %ds (%.1f MB/s)" % (rng.uniform(8.5, 9.5), rng.randint(1, 4), rng.uniform(2, 9)))
    out += ["Reading package lists...", "Reading package lists...", "Building dependency tree...", "Reading state information..."]
    pk = {"python": ["gcc", "gcc-12", "libpq-dev", "libpq5", "libssl-dev", "cpp-12", "libgcc-12-dev", "libc6-dev", "linux-libc-dev", "libcrypt-dev"],
          "ruby": ["libpq-dev", "libpq5", "build-essential", "dpkg-dev", "make", "patch", "g++", "g++-12", "libstdc++-12-dev"],
          "php": ["libzip-dev", "libzip4", "unzip", "zlib1g-dev"]}[eco]
    out.append("The following additional packages will be installed:")
    out.append("  " + " ".join(pk[1:]))
    out.append("Suggested packages:")
    out.append("  postgresql-doc-15 gcc-12-doc glibc-doc")
    out.append("The following NEW packages will be installed:")
    out.append("  " + " ".join(pk))
    out.append("0 upgraded, %d newly installed, 0 to remove and 0 not upgraded." % len(pk))
    out.append("Need to get %.1f MB of archives." % rng.uniform(20, 60))
    out.append("After this operation, %.1f MB of additional disk space will be used." % rng.uniform(80, 200))
    V = {x: "%d.%d-%d" % (srng(x).randint(1, 15), srng(x, 1).randint(0, 9), srng(x, 2).randint(1, 9)) for x in pk}
    for i, x in enumerate(pk, 1):
        out.append("Get:%d http://deb.debian.org/debian bookworm/main amd64 %s amd64 %s [%d kB]" % (i, x, V[x], srng(x, 3).randint(20, 20000)))
    out.append("debconf: delaying package configuration, since apt-utils is not installed")
    out.append("Fetched %.1f MB in %ds (%.1f MB/s)" % (rng.uniform(20, 60), rng.randint(1, 9), rng.uniform(5, 30)))
    for x in pk:
        out.append("Selecting previously unselected package %s:amd64." % x)
        out.append("(Reading database ... %d files and directories currently installed.)" % rng.randint(6000, 20000))
        out.append("Preparing to unpack .../%s_%s_amd64.deb ..." % (x, V[x]))
        out.append("Unpacking %s:amd64 (%s) ..." % (x, V[x]))
    for x in pk:
        out.append("Setting up %s:amd64 (%s) ..." % (x, V[x]))
    out.append("Processing triggers for libc-bin (2.36-9+deb12u9) ...")
    return out


def make_after(c, status):
    rng = srng(c.p["path"], c.job["name"], "after")
    if rng.random() < 0.45:
        return []
    out = [('echo "Job ${CI_JOB_NAME} finished with status ${CI_JOB_STATUS}"', ["Job %s finished with status %s" % (c.job["name"], status)])]
    if c.kind in ("unit", "integ") and rng.random() < 0.5:
        out.append(("ls -la report.xml || true", ["-rw-r--r-- 1 root root %d %s report.xml" % (c.rng.randint(2000, 900000), dt.datetime.fromtimestamp(c.tr.t, dt.timezone.utc).strftime("%b %d %H:%M"))]
                    if status == "success" or c.rng.random() < 0.6 else ["ls: cannot access 'report.xml': No such file or directory"]))
    if c.kind == "docker":
        out.append(("docker logout %s" % REG, ["Removing login credentials for %s" % REG]))
    return out


def project_sha(org, p, night):
    last = 0
    for n in range(night + 1):
        if n == 0 or srng(org["seed"], "commit", p["id"], n).random() < 0.65:
            last = n
    return hexs(srng(org["seed"], "sha", p["id"], last), 40)


def render_job(org, p, job, night, jid, pipeline_id, t0, cause, hit, ambient, planned_status):
    runner = org["runs"][(night, p["id"], job["name"])]
    rng = srng(org["seed"], "job", jid)
    tr = Trace(t0, timestamps=runner["ts"], rng=rng)
    c = Ctx(org, p, job, night, jid, runner, rng, None, tr)
    c.ambient = ambient
    c.image = job_image(p, job) or "shell"
    c.services = []
    if c.kind == "integ":
        c.services = ["postgres:16-alpine"] + (["redis:7-alpine"] if rng.random() < 0.4 else [])
    if c.kind == "docker" or (p["eco"] == "docker" and c.kind not in ("lint", "scan")):
        if (p["tools"].get("builder") if p["eco"] == "docker" else p.get("docker_builder")) == "buildkit":
            c.services = ["docker:27.3-dind"]
    c.sha = project_sha(org, p, night)
    c.pipeline_id = pipeline_id
    c.git_strategy = "clone" if srng(p["path"], "gitstrat").random() < 0.35 else "fetch"
    c.cache_gen = srng(p["path"], "cachegen").randint(0, 3)
    c.cache_miss = night == 0 or rng.random() < 0.1
    c.timeout_str = srng(p["path"], job["name"], "timeout").choice(["1h0m0s", "1h0m0s", "30m0s", "2h0m0s"])
    c.help_kind = "MojoFailureException"
    c.t_script = t0
    inj = None
    if cause is not None:
        inj = cause.make(c, hit)
        c.inj = inj
    code = 0
    reason = None
    if not prepare(c):
        reason = inj.reason if inj else "runner_system_failure"
        return tr.render(), tr.t - t0, reason, 1
    get_sources(c)
    restore_cache(c)
    download_artifacts(c)
    tr.start("step_script", 'Executing "step_script" stage of the job script')
    if runner["exec"] in ("docker", "docker+machine"):
        v, _ = runner_version(runner, night)
        if v >= "17":
            tr.runner("Using effective pull policy of [always] for container %s" % c.image)
        tr.runner(image_digest_line(c, c.image))
    before_script(c)
    c.t_script = tr.t
    for tool, phases in job_steps(p, job):
        fn = STEPS[tool]
        sub_inj = inj if (inj is not None and inj.phase in phases) else None
        r = fn(c, sub_inj)
        if r:
            code = r
            break
    if code == "timeout":
        limit = {"1h0m0s": 3600, "30m0s": 1800, "2h0m0s": 7200}[c.timeout_str]
        if tr.t < t0 + limit:
            tr.t = t0 + limit + rng.uniform(0.5, 4)
        if rng.random() < 0.5:
            tr.w(c_warn("WARNING: step_script could not run to completion because the timeout was exceeded. For more control over job and script timeouts see: https://docs.gitlab.com/ee/ci/runners/configure_runners.html#set-script-and-after_script-timeouts"), stream=0)
            tr.end("step_script")
            cleanup(c)
        else:
            tr.w("")
        final_line(c, "timeout")
        return tr.render(), tr.t - t0, "job_execution_timeout", 1
    tr.end("step_script")
    success = code == 0
    c.after = make_after(c, "success" if success else "failed")
    after_script(c)
    archive_cache(c, success)
    up_ok = upload_artifacts(c, success)
    if success and not up_ok:
        code = 1
        success = False
    cleanup(c)
    final_line(c, code)
    if code:
        reason = inj.reason if inj else "script_failure"
    return tr.render(), tr.t - t0, reason, 0 if success else 1


def stage_index(p, job):
    stages = []
    for j in p["jobs"]:
        if j["stage"] not in stages:
            stages.append(j["stage"])
    return stages.index(job["stage"])


def ambient_for(org, night, p):
    amb = {}
    if p["eco"] == "node":
        amb["node_latest"] = bool(p["tools"].get("latest"))
    for cz in org["causes"]:
        a = getattr(cz, "ambient", None)
        if a and (night, p["id"]) in cz.hit_np:
            amb.update(a)
        if hasattr(cz, "py_window") and p["eco"] == "python" and night in cz.py_window and "py_deprecation" in (a or {}):
            amb["py_deprecation"] = a["py_deprecation"]
        if hasattr(cz, "ambient_yarn") and p["eco"] == "node" and p["tools"]["pm"] == "yarn" and night in cz.window:
            amb["node_peer_warning"] = cz.ambient_yarn
    if "py_deprecation" in amb:
        loc, msg, code = amb["py_deprecation"]
        amb["py_deprecation"] = (loc.format(py=p["tools"].get("py", "3.12")), msg, code)
    return amb


def generate(seed, nprojects, nights, out):
    org = build_org(seed, nprojects, nights)
    for p in org["projects"]:
        r = srng(org["seed"], "extra", p["path"])
        p["tools"]["latest"] = r.random() < 0.75
        p["tools"]["panic_timeout"] = r.random() < 0.4
        p["uuid"] = uuid4(r)
        p["docker_builder"] = r.choice(["buildkit", "buildkit", "kaniko"])
        p["docker_extra"] = r.choice(["config/settings.production.yaml", "scripts/entrypoint.sh", "migrations", "certs/ca-bundle.pem", "static/manifest.json"])
    plan(org, seed)
    for cz in org["causes"]:
        cz.hit_np = set((n, pid) for (n, pid, _) in cz.hits)
        ns = sorted(set(n for (n, _, _) in cz.hits))
        if ns:
            cz.window = set(range(ns[0], ns[-1] + 1))
            cz.py_window = cz.window
    os.makedirs(os.path.join(out, "traces"), exist_ok=True)
    jid = 7000001
    pid_counter = 480000 + seed * 1000
    P = sorted(org["projects"], key=lambda p: p["id"])
    rows = []
    grid = {}
    for n, date in enumerate(org["nights"]):
        for p in P:
            pid_counter += srng(seed, "pipe", n, p["id"]).randint(3, 40)
            for j in p["jobs"]:
                jid += srng(seed, "jid", n, p["id"], j["name"]).randint(1, 37)
                key = (n, p["id"], j["name"])
                cz = org["winner"].get(key)
                rows.append({"id": jid, "key": key, "pipeline": pid_counter, "cause": cz})
                grid[key] = cz
    # which green runs need a trace: the last success before a failure of the same project+job
    need_green = set()
    for p in P:
        for j in p["jobs"]:
            for n in range(len(org["nights"]) - 1):
                if grid[(n, p["id"], j["name"])] is None and grid[(n + 1, p["id"], j["name"])] is not None:
                    need_green.add((n, p["id"], j["name"]))
    jobs_out = []
    mism = 0
    total_bytes = 0
    for row in rows:
        n, pid, jn = row["key"]
        p = org["pmap"][pid]
        j = next(x for x in p["jobs"] if x["name"] == jn)
        cz = row["cause"]
        status = "failed" if cz else "success"
        rec = {"id": row["id"], "project": pid, "night": org["nights"][n], "name": jn, "stage": j["stage"], "status": status,
               "failure_reason": None, "cause": cz.id if cz else None, "trace": None}
        if cz or row["key"] in need_green:
            base = dt.datetime.combine(dt.date.fromisoformat(org["nights"][n]), dt.time(1, 0), tzinfo=dt.timezone.utc).timestamp()
            prng = srng(seed, "t0", n, pid)
            t0 = base + prng.uniform(0, 3 * 3600) + stage_index(p, j) * srng(seed, "stage", n, pid).uniform(120, 900) + srng(seed, "q", row["id"]).uniform(2, 90)
            hit = cz.hits[row["key"]] if cz else None
            text, dur, reason, failed = render_job(org, p, j, n, row["id"], row["pipeline"], t0, cz, hit, ambient_for(org, n, p), status)
            if bool(failed) != bool(cz):
                mism += 1
                sys.stderr.write("MISMATCH job %d %s %s night %d cause %s\n" % (row["id"], p["path"], jn, n, cz.id if cz else None))
            if cz:
                rec["failure_reason"] = reason or "script_failure"
            fn = "traces/%d.log" % row["id"]
            data = text.encode("utf-8")
            total_bytes += len(data)
            with open(os.path.join(out, fn), "wb") as f:
                f.write(data)
            rec["trace"] = fn
        jobs_out.append(rec)
    live = set(r["cause"] for r in jobs_out if r["cause"])
    causes_out = [{"id": cz.id, "kind": cz.kind, "description": cz.description} for cz in org["causes"] if cz.id in live]
    doc = {"generator": "org3", "seed": seed, "nights": org["nights"],
           "projects": [{"id": p["id"], "path": p["path"], "name": p["name"], "web_url": p["web_url"], "ecosystem": p["eco"]} for p in P],
           "causes": causes_out, "jobs": jobs_out}
    with open(os.path.join(out, "organisation.json"), "w") as f:
        json.dump(doc, f, indent=1)
    sys.stderr.write("seed %d: %d jobs, %d failed, %d causes, %d traces, %.1f MB, %d mismatches\n" % (
        seed, len(jobs_out), sum(1 for r in jobs_out if r["status"] == "failed"), len(causes_out),
        sum(1 for r in jobs_out if r["trace"]), total_bytes / 1e6, mism))
    return doc


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--projects", type=int, default=40)
    ap.add_argument("--nights", type=int, default=30)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    if os.path.isdir(a.out):
        shutil.rmtree(a.out)
    os.makedirs(a.out)
    generate(a.seed, a.projects, a.nights, a.out)


if __name__ == "__main__":
    main()
