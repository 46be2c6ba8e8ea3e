import Foundation
@testable import LogAnalysis
import Testing

/// What a signature keeps and drops, and when two failures may share one.
@Suite struct SignatureTests {
    static func excerpt(_ text: String) -> Excerpt {
        ExcerptExtractor().excerpt(failed: TraceCleaner.clean(text))
    }

    static func signature(_ text: String, project: String) -> FailureSignature {
        SignatureBuilder.signature(of: excerpt(text), identity: ProjectIdentity(path: project))
    }

    static func juliaError(project: String, testset: String, line: Int, message: String) -> String {
        """
        \(testset): Error During Test at /builds/\(project)/test/\(testset).jl:\(line)
          Test threw exception
          Expression: \(testset)_fixture(x) == expected
          \(message)
        ERROR: Job failed: exit code 1
        """
    }

    @Test(
        arguments: [
            ("MethodError: no method matching Base._tablesz(::Vector{Float64}, ::Int64)", "Base._tablesz"),
            ("UndefVarError: `_unsafe_view` not defined in `Tables`", "_unsafe_view"),
            ("fmt.Sprintf format %d has arg id of wrong type string", "fmt.Sprintf"),
            ("undefined: apiclient.ListJobsOptions", "apiclient.ListJobsOptions"),
            ("KeyError: 'name'", "name"),
            ("ERROR: Cannot install foo==<n> and bar==<n> because these versions conflict", "foo"),
            ("Unsatisfiable requirements detected for package Tables [<hex>]:", "Tables"),
            ("error: implicit declaration of function 'crc32_combine_gen64x'", "crc32_combine_gen64x"),
            ("BoundsError: attempt to access <n>-element Vector{Float64} at index [<n>]", nil),
            ("[<n>] signal (<n>): Segmentation fault", nil),
            ("DomainError with -<n>:", nil),
            ("request took <n>s, want < <n>s", nil),
        ] as [(String, String?)])
    func theFirstNameOfAMessage(line: String, name: String?) {
        #expect(SignatureBuilder.firstName(line) == name)
    }

    @Test(arguments: [
        ("E       AssertionError: assert <n> == <n>", true),
        ("Expression: timing_result(x2, digits = <n>) == expected", true),
        ("org.opentest4j.AssertionFailedError: expected: <true> but was: <false>", true),
        ("assertion failed: elapsed < Duration::from_millis(<n>)", true),
        ("BoundsError: attempt to access <n>-element Vector{Float64} at index [<n>]", true),
        ("MethodError: no method matching promote_shape(::Tuple{Base.OneTo{Int64}})", false),
        ("E       ModuleNotFoundError: No module named 'numpy.distutils'", false),
    ])
    func projectLocalMessages(line: String, local: Bool) {
        #expect(SignatureBuilder.isProjectLocal(line) == local)
    }

    /// An upstream break: other project, test set, file and line; one signature.
    @Test func oneNamedCauseInTwoProjectsIsOneSignature() {
        let message = "MethodError: no method matching promote_shape(::Tuple{Base.OneTo{Int64}})"
        let a = Self.signature(
            Self.juliaError(project: "julia/Tabular.jl", testset: "io", line: 115, message: message),
            project: "julia/Tabular.jl")
        let b = Self.signature(
            Self.juliaError(project: "julia/ml/Frames.jl", testset: "join", line: 38, message: message),
            project: "julia/ml/Frames.jl")
        #expect(a == b)
        #expect(a.maskedLines.last == "@scope * promote_shape")
    }

    /// gcc and clang on one deprecated call: gcc prints the library's note after the symbol,
    /// this clang does not; both name the symbol, and another symbol is another cause.
    @Test func aDeprecationIsNamedByItsSymbolWithOrWithoutTheLibrarysNote() {
        func build(_ project: String, _ diagnostic: String) -> FailureSignature {
            Self.signature(
                """
                [ 50%] Building C object CMakeFiles/app.dir/src/hash.c.o
                /builds/\(project)/src/hash.c:88:5: error: \(diagnostic)
                   88 |     SHA256_Init(&ctx);
                      |     ^~~~~~~~~~~
                gmake[2]: *** [CMakeFiles/app.dir/build.make:76: CMakeFiles/app.dir/src/hash.c.o] Error 1
                ERROR: Job failed: exit code 1
                """, project: project)
        }
        let gcc = build(
            "web/feed", "'SHA256_Init' is deprecated: Since OpenSSL 3.0 [-Werror=deprecated-declarations]")
        let clang = build("tools/sync", "'SHA256_Init' is deprecated [-Werror,-Wdeprecated-declarations]")
        #expect(gcc == clang)
        #expect(gcc.maskedLines.first == "error: 'SHA256_Init' is deprecated")
        let other = build(
            "web/feed", "'MD5_Init' is deprecated: Since OpenSSL 3.0 [-Werror=deprecated-declarations]")
        #expect(other != gcc)
    }

    /// Decoys: the same words about another function are another cause.
    @Test func messagesThatDifferByTheNameTheyCarryAreApart() {
        let a = Self.signature(
            Self.juliaError(
                project: "julia/A.jl", testset: "io", line: 3,
                message: "MethodError: no method matching Base._tablesz(::Vector{Float64}, ::Int64)"),
            project: "julia/A.jl")
        let b = Self.signature(
            Self.juliaError(
                project: "julia/A.jl", testset: "io", line: 3,
                message: "MethodError: no method matching Base._tablesx(::Vector{Float64}, ::Int64)"),
            project: "julia/A.jl")
        // Alike enough to join on their tokens; the scope (TriageCore's `ScopedClusterer` compares
        // only within one) keeps them apart.
        #expect(a.jaccard(b) > 0.5)
        #expect(a.maskedLines.last == "@scope * Base._tablesz")
        #expect(b.maskedLines.last == "@scope * Base._tablesx")
    }

    /// Every name a message carries, a quoted call's arguments read for names but not kept.
    @Test(
        arguments: [
            ("NoSuchMethodError: Class 'Money' has no instance method 'round_up'.", ["Money", "round_up"]),
            (
                #"Can't locate object method "round_up" via package "Money" at line <n>."#,
                ["round_up", "Money"]
            ),
            ("Error in `round_up(x)`: could not find function \"round_up\"", ["round_up"]),
            (
                #"caught error: "Money.RoundingError.unsupported(\"round_up\")""#,
                ["Money.RoundingError.unsupported", "round_up"]
            ),
            (
                "java.lang.NoSuchMethodError: 'java.math.BigDecimal org.money.Rounding.up(int)'",
                ["java.lang.NoSuchMethodError", "java.math.BigDecimal org.money.Rounding.up"]
            ),
            ("java.lang.NullPointerException", ["java.lang.NullPointerException"]),
            ("BoundsError: attempt to access <n>-element Vector{Float64} at index [<n>]", []),
        ] as [(String, [String])])
    func theNamesOfAMessage(line: String, names: [String]) {
        #expect(SignatureBuilder.names(line) == names)
    }

    /// A function's arity and a PHP namespace are names, not paths; a path is a path.
    @Test(
        arguments: [
            (
                "function Money.round_up/1 is undefined or private",
                "function Money.round_up/1 is undefined or private"
            ),
            ("lists:map/2 is undefined", "lists:map/2 is undefined"),
            (
                #"Call to undefined method Money\Rounding::up()"#,
                #"Call to undefined method Money\Rounding::up()"#
            ),
            (#"error in C:\builds\acme\src\Invoice.cs(12,5)"#, "error in"),
            (#"see src\Money\Invoice.php for the call"#, "see for the call"),
            (#"caught error: "unsupported(\"up\")""#, #"caught error: "unsupported(\"up\")""#),
            ("open /builds/acme/shop/data/1 failed", "open failed"),
        ])
    func namesWithSlashesAreNotPaths(line: String, placeless: String) {
        #expect(SignatureBuilder.placeless(line, identity: nil) == placeless)
    }

    /// Test reports that name the test over the message (dotnet, Test::More, hspec, PHPUnit, ExUnit,
    /// XCTest, testthat, Gradle's short format, `dart test`): an upstream break in two projects'
    /// tests (other test names, files, lines) is one cause, and the same report about another
    /// function in the first project another. The lines are written here in each tool's format.
    @Test(arguments: TestReport.all)
    func aTestReportIsNamedByItsMessageNotItsTest(report: TestReport) {
        let billing = ("billing", "Billing", "invoice", "Invoice", "totals round up", 41)
        let shop = ("shop", "Shop", "cart", "Cart", "applies discount", 77)
        func signature(_ p: (String, String, String, String, String, Int), _ method: String)
            -> FailureSignature
        {
            let test = p.4.split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
            let text = report.text
                .replacingOccurrences(of: "{P}", with: p.0).replacingOccurrences(of: "{PC}", with: p.1)
                .replacingOccurrences(of: "{F}", with: p.2).replacingOccurrences(of: "{FC}", with: p.3)
                .replacingOccurrences(of: "{T}", with: p.4).replacingOccurrences(of: "{TC}", with: test)
                .replacingOccurrences(of: "{L}", with: String(p.5)).replacingOccurrences(
                    of: "{M}", with: method)
            return Self.signature(text + "ERROR: Job failed: exit code 1\n", project: "acme/" + p.0)
        }
        let (a, b, decoy) = (
            signature(billing, "round_up"), signature(shop, "round_up"), signature(billing, "round_down")
        )
        let scope = { (s: FailureSignature) in s.maskedLines.last { $0.hasPrefix("@scope ") } }
        #expect(a.names.map(String.init) == report.names)
        #expect(scope(b) == scope(a))
        #expect(a.jaccard(b) >= 0.7 && a.namesAgree(with: b))
        #expect(scope(decoy) != scope(a) || !decoy.namesAgree(with: a))
    }

    struct TestReport: Sendable, CustomTestStringConvertible {
        var tool: String
        var text: String
        /// What the first project's signature names (its `@names`).
        var names: [String]
        var testDescription: String { tool }

        static let all = [
            TestReport(
                tool: "dotnet",
                text: """
                      Failed {PC}.Tests.{FC}Tests.{TC} [23 ms]
                      Error Message:
                       System.MissingMethodException : Method not found: 'Void Money.Rounding.{M}(Int32)'.
                      Stack Trace:
                         at {PC}.{FC}.Total() in /builds/acme/{P}/src/{FC}.cs:line {L}

                    """,
                names: ["Void Money.Rounding.round_up"]),
            TestReport(
                tool: "Test::More",
                text: """
                    t/01-{F}.t ..
                    #   Failed test '{T}'
                    #   at t/01-{F}.t line {L}.
                    # Can't locate object method "{M}" via package "Money" at lib/{PC}/{FC}.pm line 41.
                    # Looks like you failed 1 test of 5.
                    t/01-{F}.t .. Dubious, test returned 1 (wstat 256, 0x100)

                    """,
                names: ["round_up", "Money"]),
            TestReport(
                tool: "hspec",
                text: """
                    Failures:

                      test/{FC}Spec.hs:{L}:7:
                      1) {FC}.total {T}
                           uncaught exception: ErrorCall
                           Money.{M}: unsupported currency XTS

                    3 examples, 1 failure

                    """,
                names: ["Money.round_up"]),
            TestReport(
                tool: "PHPUnit",
                text: """
                    There was 1 error:

                    1) Tests\\Unit\\{FC}Test::test{TC}
                    Error: Call to undefined method Money\\Rounding::{M}()

                    /builds/acme/{P}/src/{FC}.php:{L}

                    ERRORS!
                    Tests: 4, Assertions: 6, Errors: 1.

                    """,
                names: ["Rounding::round_up"]),
            TestReport(
                tool: "ExUnit",
                text: """
                      1) test {T} ({PC}.{FC}Test)
                         test/{P}/{F}_test.exs:{L}
                         ** (UndefinedFunctionError) function Money.{M}/1 is undefined or private
                         code: {FC}.total(inv)

                    3 tests, 1 failure

                    """,
                names: ["Money.round_up"]),
            TestReport(
                tool: "XCTest",
                text: """
                    Test Case '-[{PC}Tests.{FC}Tests test{TC}]' started.
                    /builds/acme/{P}/Tests/{FC}Tests.swift:{L}: error: -[{PC}Tests.{FC}Tests test{TC}] : failed: caught error: "Money.Rounding.unsupported(\\"{M}\\")"
                    Test Case '-[{PC}Tests.{FC}Tests test{TC}]' failed (0.004 seconds).

                    """,
                names: ["Money.Rounding.unsupported", "round_up"]),
            TestReport(
                tool: "testthat",
                text: """
                    ── Error ('test-{F}.R:{L}:3'): {T} ──────────────────────────────
                    Error in `{M}(x)`: could not find function "{M}"
                    Backtrace:
                     1. └─{P}::total(10) at test-{F}.R:{L}:3
                    [ FAIL 1 | WARN 0 | SKIP 0 | PASS 3 ]
                    Error: Test failures
                    Execution halted

                    """,
                names: ["round_up"]),
            TestReport(
                tool: "Gradle",
                text: """
                    > Task :test FAILED

                    {FC}Test > {T}() FAILED
                        java.lang.NoSuchMethodError at {FC}Test.kt:{L}
                            Caused by: java.lang.NoSuchMethodError: 'void org.money.Rounding.{M}(int)'

                    12 tests completed, 1 failed

                    """,
                names: ["void org.money.Rounding.round_up"]),
            TestReport(
                tool: "dart test",
                text: """
                    00:01 +3 -1: test/{F}_test.dart: {T} [E]
                      NoSuchMethodError: Class 'Money' has no instance method '{M}'.
                      package:{P}/src/{F}.dart {L}:12  total
                    00:01 +3 -1: Some tests failed.

                    """,
                names: ["NoSuchMethodError", "Money", "round_up"]),
            TestReport(
                tool: "cargo nextest",
                text: """
                    --- STDERR:              {P} tests::{F} ---
                    thread 'tests::{F}' panicked at src/{F}.rs:{L}:9:
                    money: no rounding mode named {M}
                    note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace

                    """,
                names: ["round_up"]),
            TestReport(
                tool: "Gradle's nested causes",
                text: """
                    * What went wrong:
                    Execution failed for task ':compileJava'.
                    > Could not resolve all files for configuration ':compileClasspath'.
                       > Could not find org.money:{M}:9.9.0.
                         Required by:
                             project :

                    """,
                names: ["org.money:round_up"]),
            TestReport(
                tool: "npm",
                text: """
                    npm ERR! code ETARGET
                    npm ERR! notarget No matching version found for {M}@^9.9.0.
                    npm ERR! notarget In most cases you or one of your dependencies are requesting

                    """,
                // (A package the registry does not hold: `@missing round_up`.)
                names: ["round_up"]),
            TestReport(
                tool: "Maven's javac",
                text: """
                    [ERROR] COMPILATION ERROR :
                    [ERROR] /builds/acme/{P}/src/main/java/com/acme/{FC}.java:[{L},20] cannot find symbol
                      symbol:   method {M}(java.math.BigDecimal)
                      location: class org.money.Rounding
                    [INFO] 1 error
                    [ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.11.0:compile (default-compile) on project {P}: Compilation failure

                    """,
                names: ["round_up"]),
            TestReport(
                tool: "go mod",
                text: """
                    go: github.com/acme/{M}@v9.9.0: reading github.com/acme/{M}/go.mod at revision v9.9.0: unknown revision v9.9.0

                    """,
                names: ["github.com/acme/round_up"]),
            TestReport(
                tool: "dart pub",
                text: """
                    Resolving dependencies...
                    Because {P} depends on {M} ^9.9.0 which doesn't match any versions, version solving failed.

                    """,
                names: ["round_up"]),
            // A method the test calls on itself, gone from the base class: the test's class is the place.
            TestReport(
                tool: "unittest",
                text: """
                    ======================================================================
                    ERROR: test_totals (tests.test_{F}.{FC}Test.test_totals)
                    ----------------------------------------------------------------------
                    Traceback (most recent call last):
                      File "/builds/acme/{P}/tests/test_{F}.py", line {L}, in test_totals
                        self.{M}(total, 11)
                    AttributeError: '{FC}Test' object has no attribute '{M}'

                    ----------------------------------------------------------------------
                    Ran 14 tests in 0.031s

                    FAILED (errors=1)

                    """,
                names: ["AttributeError", "round_up"]),
            TestReport(
                tool: "Terraform",
                text: """
                    ╷
                    │ Error: Unsupported argument
                    │ 
                    │   on {F}.tf line {L}, in resource "aws_vpc" "{F}":
                    │   {L}:   {M} = true
                    │ 
                    │ An argument named "{M}" is not expected here.
                    ╵

                    """,
                names: ["round_up"]),
            TestReport(
                tool: "Composer",
                text: """
                    Your lock file does not contain a compatible set of packages. Please run composer update.

                      Problem 1
                        - money/{M} is locked to version 2.0.0 and an update of this package was not requested.
                        - money/{M} 2.0.0 requires php >=8.3 -> your php version (8.2.24) does not satisfy that requirement.

                    """,
                names: ["money/round_up"]),
            TestReport(
                tool: "npm ERESOLVE",
                text: """
                    npm error code ERESOLVE
                    npm error ERESOLVE unable to resolve dependency tree
                    npm error
                    npm error While resolving: {P}-web@1.{L}.0
                    npm error Found: react@18.3.1
                    npm error node_modules/react
                    npm error   react@"^18.2.0" from the root project
                    npm error
                    npm error Could not resolve dependency:
                    npm error peer react@"^19.0.0" from @money/{M}@6.0.0
                    npm error node_modules/@money/{M}
                    npm error
                    npm error A complete log of this run can be found in: /root/.npm/_logs/debug-0.log

                    """,
                names: ["ERESOLVE", "react", "round_up"]),
            TestReport(
                tool: "cargo-deny",
                text: """
                    error[vulnerability]: `{M}` accepts Punycode labels that do not produce any non-ASCII when decoded
                        ┌─ /builds/acme/{P}/Cargo.lock:{L}:1
                        │
                    {L} │ {M} 0.5.0 registry+https://github.com/rust-lang/crates.io-index
                        │ ---------------------------------------------------------------- security vulnerability detected

                    advisories FAILED, bans ok, licenses ok, sources ok

                    """,
                names: ["round_up"]),
        ]
    }

    /// A parse error in a dependency (jest's `Details:` with the file it read, then `SyntaxError:
    /// Cannot use import statement outside a module`) is that dependency's: one scope in two
    /// projects, another for another package; in the project's own file, the project's.
    @Test func aParseErrorIsTheFilesItRead() {
        func log(_ project: String, _ file: String) -> String {
            """
            FAIL src/orders/\(project).test.ts
              ● Test suite failed to run

                Jest encountered an unexpected token

                Details:

                \(file):1
                ({"Object.<anonymous>":function(module,exports,require,__dirname,__filename,jest){import { x } from 'node:crypto'
                                                                                                  ^^^^^^

                SyntaxError: Cannot use import statement outside a module

            ERROR: Job failed: exit code 1

            """
        }
        let scope = { (s: FailureSignature) in s.maskedLines.last { $0.hasPrefix("@scope ") } }
        let billing = Self.signature(
            log("billing", "/builds/acme/billing/node_modules/nanoid/index.js"), project: "acme/billing")
        let shop = Self.signature(
            log("shop", "/builds/acme/shop/node_modules/nanoid/index.js"), project: "acme/shop")
        let chalk = Self.signature(
            log("billing", "/builds/acme/billing/node_modules/chalk/source/index.js"), project: "acme/billing"
        )
        let own = Self.signature(
            log("billing", "/builds/acme/billing/src/orders/create.ts"), project: "acme/billing")
        #expect(scope(billing) == "@scope * in nanoid")
        #expect(scope(shop) == scope(billing))
        #expect(scope(chalk) == "@scope * in chalk")
        #expect(scope(own)?.hasPrefix("@scope acme/billing ") == true)
    }

    /// The linker's place in an object (`exporter.cpp:(.text+0x1a):`) is place: the same missing
    /// symbol with and without it is one signature.
    @Test func theLinkersObjectLocationIsPlace() {
        let bare = Self.signature(
            "$ make\n/usr/bin/ld: undefined reference to `money_round_up'\ncollect2: error: ld returned 1 exit status\n",
            project: "acme/billing")
        let located = Self.signature(
            "$ make\n/usr/bin/ld: src/exporter.cpp:(.text+0x1a): undefined reference to `money_round_up'\ncollect2: error: ld returned 1 exit status\n",
            project: "acme/shop")
        #expect(bare.maskedLines.first == located.maskedLines.first)
        #expect(bare.names.map(String.init) == ["money_round_up"] && located.names == bare.names)
    }

    /// An assertion that names something, raised in a dependency's code (pytest's raise location
    /// under its `E` line), is that dependency's; the same assertion raised in the project's own
    /// code stays the project's.
    @Test func anAssertionRaisedInADependencyIsTheDependencys() {
        func log(_ file: String) -> String {
            """
            ___________________ test_cost_rounds_to_cents ___________________
                def test_cost_rounds_to_cents():
            >       assert cost(3) == 12
            \(file):57: in quantize
                _check_mode(mode)
            E       AssertionError: rounding mode 'ROUND_HALF_EVEN' not supported
            \(file):31: AssertionError
            =========================== short test summary info ============================
            FAILED tests/test_cost.py::test_cost_rounds_to_cents - AssertionError: rounding mode 'ROUND_HALF_EVEN' not supported

            """
        }
        let scope = { (s: FailureSignature) in s.maskedLines.last { $0.hasPrefix("@scope ") } }
        let library = Self.signature(
            log("/usr/local/lib/python3.11/site-packages/tessera/rounding.py"), project: "acme/billing")
        let own = Self.signature(log("/builds/acme/billing/billing/rounding.py"), project: "acme/billing")
        #expect(scope(library) == "@scope * in tessera")
        #expect(scope(own)?.hasPrefix("@scope acme/billing ") == true)
    }

    /// One exception from a dependency, shown by pytest (`E   ` under its section) in one project
    /// and closing the traceback under unittest's loader (a test file that failed to import) in
    /// another, is one signature; the same warning about another function is another.
    @Test func pytestAndUnittestShowOneExceptionAsOneSignature() {
        let warning = { (f: String) in
            "DeprecationWarning: \(f).utcfromtimestamp() is deprecated and scheduled for removal in a future version."
        }
        func pytest(_ f: String) -> String {
            """
            _________________ ERROR collecting tests/test_pickup.py _________________
            tests/test_pickup.py:3: in <module>
                from dateutil import tz
            /usr/local/lib/python3.12/site-packages/dateutil/tz/tz.py:37: in <module>
                EPOCH = datetime.datetime.utcfromtimestamp(0)
            E   \(warning(f))
            =========================== short test summary info ============================
            ERROR tests/test_pickup.py - DeprecationWarning: \(f).utcfromtimestamp() is deprecated

            """
        }
        let unittest = """
            ======================================================================
            ERROR: tests.test_due_dates (unittest.loader._FailedTest.tests.test_due_dates)
            ----------------------------------------------------------------------
            ImportError: Failed to import test module: tests.test_due_dates
            Traceback (most recent call last):
              File "/usr/local/lib/python3.12/unittest/loader.py", line 396, in _find_test_path
                module = self._get_module_from_name(name)
              File "/builds/acme/beta/tests/test_due_dates.py", line 6, in <module>
                from dunning.schedule import next_reminder_at
              File "/usr/local/lib/python3.12/site-packages/dateutil/tz/tz.py", line 37, in <module>
                EPOCH = datetime.datetime.utcfromtimestamp(0)
            \(warning("datetime.datetime"))

            ----------------------------------------------------------------------
            Ran 8 tests in 0.313s

            FAILED (errors=1, skipped=1)

            """
        let a = Self.signature(pytest("datetime.datetime"), project: "acme/alpha")
        let b = Self.signature(unittest, project: "acme/beta")
        #expect(Self.excerpt(unittest).keyLine?.line.text == warning("datetime.datetime"))
        #expect(a.maskedLines.first == b.maskedLines.first)
        #expect(a == b)
        #expect(Self.signature(pytest("tessera.clock"), project: "acme/alpha") != a)
    }

    /// Ruby's `NoMethodError` as 3.2 and as 3.4 print it is one message; a method missing on `nil`
    /// and on a module stay two.
    @Test func rubysTwoSpellingsOfAMissingMethodAreOne() {
        func rspec(_ message: String) -> String {
            """
            Failures:

              1) Stock::Replenisher#call posts a purchase order
                 Failure/Error: PlatformClient.post(path, body: payload)

                 NoMethodError:
                   \(message)
                 # ./vendor/bundle/ruby/3.2.0/gems/platform_client-1.4.2/lib/platform_client/request.rb:27:in `build_path'

            Finished in 2.45 seconds (files took 1.59 seconds to load)
            85 examples, 1 failure

            """
        }
        let old = Self.signature(rspec("undefined method `exists?' for File:Class"), project: "web/a")
        let new = Self.signature(rspec("undefined method 'exists?' for class File"), project: "web/b")
        #expect(old.maskedLines.first == "undefined method 'exists?' for File:Class")
        #expect(old == new)
        let onNil = Self.signature(rspec("undefined method `escape' for nil:NilClass"), project: "web/a")
        #expect(onNil == Self.signature(rspec("undefined method 'escape' for nil"), project: "web/b"))
        #expect(onNil != Self.signature(rspec("undefined method 'escape' for module URI"), project: "web/a"))
        #expect(
            SignatureBuilder.rubyUndefined("undefined method 'cents' for an instance of Money")
                == SignatureBuilder.rubyUndefined(
                    "undefined method `cents' for #<Money:0x000055d5c2a1b8e8 @amount=3>"))
    }

    /// A package the index does not hold, as each tool says so: one cause per package.
    @Test(
        arguments: [
            (
                "ERROR: Could not find a version that satisfies the requirement initech-metrics==4.2.0 (from versions: 3.9.0, 4.1.0)",
                "initech-metrics"
            ),
            (
                "Because feature-store depends on initech-metrics (4.2.0) which doesn't match any versions, version solving failed.",
                "initech-metrics"
            ),
            ("npm error 404  '@acme/ui-kit@4.2.1' is not in this registry.", "@acme/ui-kit"),
            (
                "npm error 404 Not Found - GET https://npm.example.com/@acme/ui-kit/-/ui-kit-4.2.1.tgz - Not found",
                "@acme/ui-kit"
            ),
            ("npm error notarget No matching version found for left-pad@^9.0.0.", "left-pad"),
            ("   > Could not find com.acme.platform:http-client:3.4.0.", "com.acme.platform:http-client"),
            (
                "[ERROR] Failed to execute goal on project billing: Could not resolve dependencies for project io.acme:billing:jar:1.0: The following artifacts could not be resolved: com.acme.platform:http-client:jar:3.4.0 (absent)",
                "com.acme.platform:http-client"
            ),
            ("error: no matching package named `platform-http` found", "platform-http"),
            (
                "Could not find gem 'platform_client (~> 2.0)' in rubygems repository https://rubygems.org/.",
                "platform_client"
            ),
            (
                "error NU1101: Unable to find package Platform.Common. No packages exist with this id",
                "platform.common"
            ),
        ] as [(String, String)])
    func aMissingPackageIsNamedByItsPackage(line: String, name: String) {
        #expect(MissingDependency.name(in: line) == name)
        let s = Self.signature(
            "$ make deps\n\(line)\nERROR: Job failed: exit code 1\n", project: "g/feature-store")
        #expect(s.maskedLines == ["@missing " + name, "@names " + name])
    }

    /// Lines that name no missing package.
    @Test func otherNotFoundsAreNoMissingPackage() {
        for line in [
            "Could not find module './en' from 'src/i18n.js'",
            "So, because ledger-api depends on both initech-auth (~=2.3) and initech-client (^2.0.0), version solving failed.",
            "Could not find a part of the path '/tmp/x'.",
        ] {
            #expect(MissingDependency.name(in: line) == nil, "\(line)")
        }
    }

    /// A name a module does not export: the test run's import and the type checker's report are one
    /// cause; another name is another.
    @Test func aMissingExportIsOneCauseWhicheverToolMetIt() {
        let pytest = Self.signature(
            "E   ImportError: cannot import name 'RetryOptions' from 'acme_http' (/builds/g/a/.venv/lib/python3.12/site-packages/acme_http/__init__.py)\n",
            project: "g/a")
        let mypy = Self.signature(
            "src/a/client.py:10: error: Module \"acme_http\" has no attribute \"RetryOptions\"  [attr-defined]\nFound 1 error in 1 file (checked 12 source files)\n",
            project: "g/a")
        let other = Self.signature(
            "E   ImportError: cannot import name 'RetryConfig' from 'acme_http' (/x/acme_http/__init__.py)\n",
            project: "g/b")
        #expect(pytest.maskedLines.first == "@missing-symbol RetryOptions in acme_http")
        #expect(pytest == mypy)
        #expect(pytest != other)
        #expect(
            MissingSymbol.name(
                in:
                    "src/a.ts(3,10): error TS2305: Module '\"@acme/http\"' has no exported member 'RetryOptions'."
            )
                == "RetryOptions in @acme/http")
    }

    /// golangci-lint's linter name after the compiler's message is not part of it: `go build` and
    /// the lint job report one cause.
    @Test func golangciLintsLinterSuffixIsNotTheMessage() {
        let build = Self.signature(
            "$ go build ./...\ninternal/window/window.go:237:29: declared and not used: locale\n",
            project: "g/router")
        let lint = Self.signature(
            "$ golangci-lint run\ninternal/window/window.go:237:29: declared and not used: locale (typecheck)\n",
            project: "g/router")
        #expect(build.maskedLines.first == lint.maskedLines.first)
        #expect(build == lint)
    }

    /// Two exception types are two causes, however alike their messages.
    @Test func twoExceptionTypesAreTwoSignatures() {
        func log(_ type: String) -> String {
            "_____ test_parse _____\nE       \(type): invalid literal for int() with base 10: 'N/A'\n"
        }
        let a = Self.signature(log("ValueError"), project: "g/a")
        let b = Self.signature(log("RuntimeError"), project: "g/a")
        #expect(a.names.map(String.init).first == "ValueError")
        #expect(!a.namesAgree(with: b))
    }

    /// A message that names nothing is the project's own: two projects, two signatures; the same
    /// project on another night (other numbers), the same one.
    @Test func aMessageThatNamesNothingStaysInItsProject() {
        func bounds(_ project: String, _ n: Int) -> FailureSignature {
            Self.signature(
                Self.juliaError(
                    project: project, testset: "kernels", line: 9 + n,
                    message:
                        "BoundsError: attempt to access \(n)-element Vector{Float64} at index [\(n + 60)]"),
                project: project)
        }
        #expect(bounds("julia/A.jl", 3) == bounds("julia/A.jl", 7))
        #expect(bounds("julia/A.jl", 3) != bounds("julia/B.jl", 3))
        #expect(bounds("julia/A.jl", 3).maskedLines.last?.hasPrefix("@scope julia/A.jl ") == true)
    }

    /// Infrastructure: the cause, whichever tool met it and whatever wraps it.
    @Test(arguments: [
        (
            "fatal: unable to access 'https://gitlab.example.com/g/P.git/': Could not resolve host: gitlab.example.com",
            "dns"
        ),
        ("npm error code EAI_AGAIN", "dns"),
        (
            "W: Failed to fetch http://deb.debian.org/debian/dists/bookworm/InRelease  Temporary failure resolving 'deb.debian.org'",
            "dns"
        ),
        (
            "ERROR: Job failed (system failure): failed to pull image \"julia:1.10\" with specified policies [always]: Error response from daemon: toomanyrequests: You have reached your pull rate limit.",
            "rate-limit"
        ),
        (
            "ERROR: failed to clone from https://github.com/JuliaRegistries/General.git, error: GitError(Code:ERROR, Class:HTTP, unexpected http status code: 429)",
            "rate-limit"
        ),
        (
            "ERROR: HTTP error 429 while getting https://files.pythonhosted.org/packages/numpy-2.1.3.whl",
            "rate-limit"
        ),
        (
            "go: golang.org/x/sync@v0.9.0: write /root/go/pkg/mod/cache/download/sync.zip: no space left on device",
            "no-space"
        ),
        ("npm error code ENOSPC", "no-space"),
        ("ERROR: Job failed: exit code 137", "oom"),
        ("gcc: fatal error: Killed signal terminated program cc1", "oom"),
        ("#5 8.92 Killed", "oom"),
        ("[ERROR] Process Exit Code: 137", "oom"),
        ("error: compile command failed due to signal 9 (use -v to see invocation)", "oom"),
        (
            "Gradle build daemon disappeared unexpectedly (it may have been killed or may have crashed)",
            "oom"
        ),
        ("ERROR: Job failed: execution took longer than 1h0m0s seconds", "timeout"),
        (
            "[ERROR] Non-resolvable parent POM: Unknown host repo.maven.apache.org: java.net.UnknownHostException: repo.maven.apache.org",
            "dns"
        ),
        ("ERROR: DNSError: pkg.julialang.org, unknown node or service (EAI_NONAME)", "dns"),
        (
            "go: downloading example.com/x v1.2.0: dial tcp: lookup proxy.golang.org on 10.0.0.2:53: server misbehaving",
            "dns"
        ),
        ("npm ERR! network read ECONNRESET", "network"),
        (
            "error: failed to download from `https://index.crates.io/config.json`: [7] Couldn't connect to server (Failed to connect to index.crates.io port 443: Network is unreachable)",
            "network"
        ),
        ("memory allocation of 4294967296 bytes failed", "oom"),
        ("collect2: fatal error: ld terminated with signal 9 [Killed]", "oom"),
        (
            "##[error]The job running on runner gh-42 has exceeded the maximum execution time of 360 minutes.",
            "timeout"
        ),
        ("Build timed out (after 60 minutes). Marking the build as aborted.", "timeout"),
        (
            "##[error]The runner has received a shutdown signal. This can happen when the runner service is stopped, or a manually started runner is canceled.",
            "runner-system-failure"
        ),
        (
            "ERROR: Job failed (system failure): prepare environment: Error response from daemon: No such container: 6588ddf4",
            "runner-system-failure"
        ),
        (
            "Error: Kubernetes cluster unreachable: Get \"https://k8s.example:6443/version\": tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time 2024-03-18T14:48:09Z is after 2024-03-18T12:00:00Z",
            "certificate-expired"
        ),
        (
            "fatal: unable to access 'https://git.example.com/a/b.git/': SSL certificate problem: certificate has expired",
            "certificate-expired"
        ),
        // apt (GnuTLS), mix (Erlang's TLS alert), Maven (the JVM's path validation); apt's and
        // mix's lookups; jest's and yarn's killed workers, Gradle's test executor (an organisation
        // generated blind to ours, org3, phrased them so).
        (
            "W: Failed to fetch https://mirror.example.com/debian/dists/bookworm/InRelease  Certificate verification failed: The certificate is NOT trusted. The certificate chain uses expired certificate.  Could not handshake: Error in the certificate verification. [IP: 10.0.0.8 443]",
            "certificate-expired"
        ),
        (
            "** (Mix) httpc request failed with: {:failed_connect, [{:to_address, {~c\"mirror.example.com\", 443}}, {:inet, [:inet], {:tls_alert, {:certificate_expired, ~c\"TLS client: received SERVER ALERT: Fatal - Certificate Expired\"}}}]}",
            "certificate-expired"
        ),
        (
            "    > PKIX path validation failed: java.security.cert.CertPathValidatorException: validity check failed",
            "certificate-expired"
        ),
        (
            "** (Mix) httpc request failed with: {:failed_connect, [{:to_address, {~c\"mirror.example.com\", 443}}, {:inet, [:inet], :nxdomain}]}",
            "dns"
        ),
        (
            "W: Failed to fetch https://mirror.example.com/debian/dists/bookworm/InRelease  Could not resolve 'mirror.example.com'",
            "dns"
        ),
        (
            "    A jest worker process (pid=1254) was terminated by another process: signal=SIGKILL, exitCode=null. Operating system logs may contain more information on why this occurred.",
            "oom"
        ),
        ("error Command failed with signal \"SIGKILL\".", "oom"),
        ("   > Process 'Gradle Test Executor 3' finished with non-zero exit value 137", "oom"),
        (
            "WARNING: Uploading artifacts as \"junit\" to coordinator... POST https://gitlab.example.com/api/v4/jobs/7/artifacts: 503 Service Unavailable (Request failed with status code 503)  id=7 responseStatus=503 Service Unavailable status=503 token=glcbt-xx",
            "artifact-upload-503"
        ),
    ])
    func infrastructureIsNamedByItsCause(line: String, cause: String) {
        let s = Self.signature("$ make test\n\(line)\n", project: "g/P")
        #expect(s.maskedLines == ["@infra " + cause])
    }

    /// The cause under a tool's wrapper a few lines below it (cargo's `failed to get` and curl's
    /// reason) names the failure.
    @Test func theCauseUnderAWrapperNamesIt() {
        let log = """
            $ cargo build --locked
                Updating crates.io index
            error: failed to get `serde` as a dependency of package `log-indexer v0.8.5 (/builds/tools/log-indexer)`

            Caused by:
              download of config.json failed

            Caused by:
              [6] Couldn't resolve host name (Could not resolve host: index.crates.io)
            """
        #expect(Self.signature(log, project: "tools/log-indexer").maskedLines == ["@infra dns"])
    }

    /// The shapes an organisation generated independently of ours showed splitting one upstream
    /// cause into a cluster per project, or merging two: each must give one signature for one
    /// cause and two for two.
    static func rustPanic(project: String, thread: String) -> String {
        """
        running 3 tests
        test \(thread) ... FAILED

        failures:

        ---- \(thread) stdout ----
        thread '\(thread)' panicked at /usr/local/cargo/registry/src/index.crates.io-6f17d22bba15001f/serde_json-1.0.122/src/value/de.rs:1306:9:
        internal error: entered unreachable code: invalid number
        note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace

        test result: FAILED. 2 passed; 1 failed; 0 ignored
        error: test failed, to rerun pass `--lib`
        """
    }

    @Test func aPanicInADependencyIsOneCauseWhicheverTestPanicked() {
        let a = Self.signature(
            Self.rustPanic(project: "mobile/geo-auth", thread: "auth::tests::parse_geo"),
            project: "mobile/geo-auth")
        let b = Self.signature(
            Self.rustPanic(project: "infra/index", thread: "index::tests::decode"), project: "infra/index")
        #expect(a == b)
        #expect(a.maskedLines.first == "thread panicked at")
        #expect(a.maskedLines.contains("internal error: entered unreachable code: invalid number"))
        #expect(a.maskedLines.last == "@scope * in serde_json")
    }

    static func goPanic(project: String, crashIn frame: String, file: String) -> String {
        """
        --- FAIL: TestFetch (0.00s)
        panic: runtime error: invalid memory address or nil pointer dereference [recovered]
        \tpanic: runtime error: invalid memory address or nil pointer dereference
        [signal SIGSEGV: segmentation violation code=0x1 addr=0x30 pc=0x6d3a2f]

        goroutine 23 [running]:
        testing.tRunner.func1.2({0x71c0e0, 0x9a3c4f0})
        \t/usr/local/go/src/testing/testing.go:1632 +0x230
        panic({0x71c0e0?, 0x9a3c4f0?})
        \t/usr/local/go/src/runtime/panic.go:785 +0x132
        \(frame)(0x0, 0xc000123456)
        \t\(file):112 +0x3c
        example.com/\(project)/internal/fetch.TestFetch(0xc000654321)
        \t/builds/\(project)/internal/fetch/fetch_test.go:40 +0x1f
        FAIL\texample.com/\(project)/internal/fetch\t0.02s
        """
    }

    @Test func aCrashInAModuleFromTheRegistryIsSharedAndOneInTheProjectsCodeIsNot() {
        let upstream = (
            "github.com/acme/retryhttp.(*Client).Do",
            "/root/go/pkg/mod/github.com/acme/retryhttp@v1.8.0/client.go"
        )
        let a = Self.signature(
            Self.goPanic(project: "infra/router", crashIn: upstream.0, file: upstream.1),
            project: "infra/router")
        let b = Self.signature(
            Self.goPanic(project: "web/feed", crashIn: upstream.0, file: upstream.1), project: "web/feed")
        #expect(a == b)
        #expect(a.maskedLines.last == "@scope * in retryhttp")
        #expect(a.maskedLines.contains { $0.hasPrefix("retryhttp.(*Client).Do(") })
        #expect(!a.maskedLines.contains { $0.hasPrefix("testing.") || $0.hasPrefix("panic(") })
        let own = Self.signature(
            Self.goPanic(
                project: "infra/router", crashIn: "example.com/infra/router/internal/fetch.(*F).Get",
                file: "/builds/infra/router/internal/fetch/fetch.go"),
            project: "infra/router")
        #expect(own.maskedLines.last?.hasPrefix("@scope infra/router ") == true)
    }

    /// (Since version 17 the package that conflicts is among its names: another package's conflict
    /// is another cause.)
    @Test func npmsTwoSpellingsOfOneErrorAreOneSignatureNamedByItsCode() {
        func eresolve(_ prefix: String, _ project: String) -> FailureSignature {
            // npm's report of a peer conflict, as npm 9 (`npm ERR!`) and npm 10 (`npm error`) print it.
            Self.signature(
                (["$ npm ci"]
                    + [
                        "code ERESOLVE", "ERESOLVE unable to resolve dependency tree", "",
                        "While resolving: @\(project)@0.3.1", "Found: react@19.0.0", "node_modules/react",
                        "  react@\"^19.0.0\" from the root project", "", "Could not resolve dependency:",
                        "peer react@\"^16.8.0 || ^17.0.0 || ^18.0.0\" from react-beautiful-dnd@13.1.1",
                        "node_modules/react-beautiful-dnd", "",
                        "Fix the upstream dependency conflict, or retry",
                        "this command with --force or --legacy-peer-deps", "",
                        "A complete log of this run can be found in: /root/.npm/_logs/debug-0.log",
                    ].map { $0.isEmpty ? prefix : prefix + " " + $0 })
                    .joined(separator: "\n"),
                project: project)
        }
        let a = eresolve("npm ERR!", "platform/feed")
        #expect(a == eresolve("npm error", "platform/feed"))
        #expect(a == eresolve("npm ERR!", "platform/search"))
        #expect(a.maskedLines.first == "code ERESOLVE")
        #expect(a.names.map(String.init) == ["ERESOLVE", "react", "beautiful", "dnd"])
        #expect(a.maskedLines.last == "@scope * ERESOLVE")
    }

    static func gradleCompile(symbol: String, line: Int) -> String {
        """
        > Task :compileJava
        /builds/mobile/alloy/src/main/java/com/example/alloy/AlloyController.java:\(line): error: cannot find symbol
                return alloy.\(symbol)();
                            ^
          symbol:   method \(symbol)()
          location: variable alloy of type com.example.alloy.Alloy
        1 error

        > Task :compileJava FAILED

        FAILURE: Build failed with an exception.

        * What went wrong:
        Execution failed for task ':compileJava'.
        > Compilation failed; see the compiler error output for details.

        BUILD FAILED in 4s
        """
    }

    @Test func aBuildToolsWrapperGivesWayToTheDiagnosticItWraps() {
        let a = Self.signature(Self.gradleCompile(symbol: "getOwner", line: 97), project: "mobile/alloy")
        let b = Self.signature(Self.gradleCompile(symbol: "getOwnerId", line: 97), project: "mobile/alloy")
        #expect(a.maskedLines.first == "error: cannot find symbol")
        #expect(a.maskedLines.contains("symbol:   method getOwner()"))
        #expect(a != b)
        #expect(
            a == Self.signature(Self.gradleCompile(symbol: "getOwner", line: 130), project: "mobile/alloy"))
    }

    /// Kotlin's compiler under Gradle: its `e: file:///…kt:L:C message` is the message, not the
    /// wrapper's `Execution failed for task ':app:compileKotlin'` (Kotlin 1.8+'s format, written
    /// here): one unresolved reference in two projects is one cause, two references two.
    @Test func kotlinsDiagnosticIsTheMessageUnderGradlesWrapper() {
        func compile(_ project: String, _ name: String, line: Int) -> FailureSignature {
            Self.signature(
                """
                > Task :app:compileKotlin
                e: file:///builds/\(project)/app/src/main/kotlin/Router.kt:\(line):16 Unresolved reference: \(name)
                w: file:///builds/\(project)/app/src/main/kotlin/Main.kt:8:5 Parameter 'args' is never used

                > Task :app:compileKotlin FAILED

                FAILURE: Build failed with an exception.

                * What went wrong:
                Execution failed for task ':app:compileKotlin'.
                > A failure occurred while executing org.jetbrains.kotlin.compilerRunner.GradleCompilerRunnerWithWorkers$GradleKotlinCompilerWorkAction
                   > Compilation error. See log for more details

                BUILD FAILED in 1m 12s
                """, project: project)
        }
        let a = compile("acme/courier", "routeFor", line: 27)
        #expect(a.maskedLines.first == "e: Unresolved reference: routeFor")
        #expect(a == compile("acme/parcel", "routeFor", line: 31))
        #expect(a != compile("acme/courier", "routeTo", line: 27))
    }

    /// GHC states where, then what on the lines under it (`src/A.hs:41:18: error:` over `• Couldn't
    /// match …`): the message is the signature, not the file (GHC 9's format, written here), so one
    /// mismatch in two projects' files is one cause and another mismatch is another.
    @Test func aLocationOnlyKeyLineGivesWayToTheMessageUnderIt() {
        func ghc(_ project: String, _ file: String, _ expected: String) -> FailureSignature {
            Self.signature(
                """
                [2 of 6] Compiling Ledger.Parse     ( src/\(file), dist/Parse.o )

                src/\(file):41:18: error:
                    • Couldn't match expected type ‘\(expected)’ with actual type ‘String’
                    • In the first argument of ‘parseAmount’, namely ‘raw’
                   |
                41 | entry raw = parseAmount raw
                   |                         ^^^
                """, project: project)
        }
        let a = ghc("acme/ledger", "Ledger/Parse.hs", "Text")
        #expect(a.maskedLines.first == "• Couldn't match expected type ‘Text’ with actual type ‘String’")
        #expect(a == ghc("acme/books", "Books/Entry.hs", "Text"))
        #expect(a != ghc("acme/ledger", "Ledger/Parse.hs", "ByteString"))
    }

    @Test func aBuildCachesRandomRefIsNotTheCause() {
        func checksum(_ ref: String, _ file: String) -> FailureSignature {
            Self.signature(
                """
                #6 [3/5] COPY config/ /app/config/
                #6 ERROR: failed to calculate checksum of ref 6a0624b4-7b9e-4e7d-ad21-cd20b614c791::\(ref): "/config/\(file)": not found
                ERROR: failed to solve: failed to compute cache key
                """, project: "data/vector")
        }
        #expect(
            checksum("bc5n9guxpgq5kt9ycfizifrex", "router.yaml")
                == checksum("3g8u6davki2pumwjg7itpue8n", "router.yaml"))
        #expect(
            checksum("bc5n9guxpgq5kt9ycfizifrex", "router.yaml")
                != checksum("bc5n9guxpgq5kt9ycfizifrex", "shard.yaml"))
    }

    @Test func aHeadingIsNotTheMessage() {
        let log = """
            Failures:

              1) Config#load reads settings
                 Failure/Error: return {} unless File.exists?(path)

                 NoMethodError:
                   undefined method `exists?' for File:Class
                 # ./lib/ledger/config.rb:12:in `load'

            Finished in 0.4 seconds
            3 examples, 1 failure
            """
        let lines = Self.signature(log, project: "payments/ledger").maskedLines
        #expect(!lines.contains("Failures:"))
        #expect(!lines.contains("NoMethodError:"))
    }

    @Test func mavensRepeatOfACompilerErrorKeepsTheDetailItHadTheFirstTime() {
        func maven(_ symbol: String) -> FailureSignature {
            Self.signature(
                """
                [INFO] --- compiler:3.13.0:compile (default-compile) @ render ---
                [ERROR] COMPILATION ERROR :
                [INFO] -------------------------------------------------------------
                [ERROR] /builds/tools/render/src/main/java/com/example/RenderController.java:[196,29] cannot find symbol
                [ERROR]   symbol:   method \(symbol)()
                [ERROR]   location: variable render of type com.example.Render
                [INFO] 1 error
                [INFO] BUILD FAILURE
                [INFO] ------------------------------------------------------------------------
                [ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.13.0:compile (default-compile) on project render: Compilation failure
                [ERROR] /builds/tools/render/src/main/java/com/example/RenderController.java:[196,29] cannot find symbol
                [ERROR] -> [Help 1]
                """, project: "tools/render")
        }
        #expect(maven("getOwner").maskedLines.contains { $0.contains("method getOwner()") })
        #expect(maven("getOwner") != maven("getOwnerId"))
    }

    /// Surefire's report of tests that each threw the same exception, with its `Caused by:`
    /// (the `... N more` counts differ, as in cidiff dspot_623's `<<< ERROR!` blocks).
    static func surefire(tests: [String], project: String) -> String {
        var log = """
            [INFO] Running com.example.BillingTest
            [ERROR] Tests run: 8, Failures: 0, Errors: \(tests.count), Skipped: 0, Time elapsed: 0.87 s <<< FAILURE! -- in com.example.BillingTest

            """
        for (k, test) in tests.enumerated() {
            log += """
                [ERROR] com.example.BillingTest.\(test) -- Time elapsed: 0.06 s <<< ERROR!
                java.lang.NoClassDefFoundError: org/apache/commons/logging/LogFactory
                \tat org.springframework.core.io.support.SpringFactoriesLoader.<clinit>(SpringFactoriesLoader.java:86)
                \tat com.example.BillingService.<init>(BillingService.java:\(57 + k))
                \tat com.example.BillingTest.\(test)(BillingTest.java:\(104 + k))
                \tat java.base/java.lang.reflect.Method.invoke(Method.java:580)
                Caused by: java.lang.ClassNotFoundException: org.apache.commons.logging.LogFactory
                \tat java.base/jdk.internal.loader.BuiltinClassLoader.loadClass(BuiltinClassLoader.java:641)
                \tat java.base/java.lang.ClassLoader.loadClass(ClassLoader.java:526)
                \t... \(34 + 4 * k) more


                """
        }
        log += """
            [ERROR] Tests run: 53, Failures: 0, Errors: \(tests.count), Skipped: 0
            [INFO] BUILD FAILURE
            [ERROR] Failed to execute goal org.apache.maven.plugins:maven-surefire-plugin:3.2.5:test (default-test) on project \(project.split(separator: "/").last ?? ""): There are test failures.
            [ERROR]
            [ERROR] Please refer to /builds/\(project)/target/surefire-reports for the individual test results.
            [ERROR] -> [Help 1]
            """
        return log
    }

    @Test func theExceptionATestThrewNamesItWhetherOneOrManyTestsThrewIt() {
        let one = Self.signature(
            Self.surefire(tests: ["testSave"], project: "tools/invoice"), project: "tools/invoice")
        let three = Self.signature(
            Self.surefire(tests: ["testDefaults0", "testSave1", "testCreate2"], project: "web/render"),
            project: "web/render")
        #expect(one.maskedLines.first == "java.lang.NoClassDefFoundError: LogFactory")
        #expect(three.maskedLines.first == one.maskedLines.first)
        #expect(three == one)
    }

    @Test func aptsErrorUnderBuildKitsWrapperIsTheCauseAsWithoutDocker() {
        let docker = Self.signature(
            """
            #5 [2/4] RUN apt-get update && apt-get install -y python3-distutils
            #5 8.41 Reading state information...
            #5 8.53 E: Package 'python3-distutils' has no installation candidate
            #5 ERROR: process "/bin/sh -c apt-get update && apt-get install -y python3-distutils" did not complete successfully: exit code: 100
            ERROR: failed to solve: process "/bin/sh -c apt-get update && apt-get install -y python3-distutils" did not complete successfully: exit code: 100
            """, project: "web/feed")
        let plain = Self.signature(
            """
            $ apt-get install -y python3-distutils
            Reading state information...
            E: Package 'python3-distutils' has no installation candidate
            """, project: "data/wave")
        #expect(docker == plain)
        #expect(docker.maskedLines.first == "E: Package 'python3-distutils' has no installation candidate")
    }

    @Test func anExceptionAtALocationIsTheExceptionAndATestPathKeepsItsName() {
        func placeless(_ line: String) -> String {
            SignatureBuilder.placeless(line, identity: nil).trimmingCharacters(in: .whitespaces)
        }
        #expect(
            placeless("    java.lang.NoClassDefFoundError at RelayService.java:28")
                == "java.lang.NoClassDefFoundError")
        #expect(placeless("FAIL: tests/test_graph") == "FAIL: test_graph")
        #expect(placeless("  [3] f at /builds/g/Foo.jl/src/a.jl:12") == "[3] f at")
    }
}
