// What each cause of the independent organisation prints, in each ecosystem it reaches, the way
// the real tools phrase it; each failure inside its project's own context (paths, module names,
// test names, line numbers, addresses, temp dirs, pids).
import Foundation

enum Org2Phrasing {
    static func fail(_ cause: Org2Cause, seed: UInt64, _ c: inout Org2Context) -> Org2Fail {
        // Stable for the cause (identifiers), per night for the cause in this project (line numbers).
        var k = Dice(seed, cause.id)
        var n = Dice(seed, cause.id, c.p.path, c.night)
        switch cause.template {
        case .infra(let infra): return infrastructure(infra, &c, &n)
        case .local(let kind, _): return local(kind, &c, &k, &n)
        case .decoy(let pair, let identifier): return decoy(pair, identifier, &c, &n)
        default: return shared(cause.template, &c, &n)
        }
    }

    // MARK: Shared upstream breaks

    static func shared(_ t: Org2Template, _ c: inout Org2Context, _ n: inout Dice) -> Org2Fail {
        let p = c.p
        // Where the project calls into the dependency: its own file and a line that drifts slowly.
        var base = Dice(0, p.path, "\(t)")
        let w = base.pick(Array(p.words.prefix(4)))
        let line = base.int(20...300) + (c.nightIndex / 7) * base.int(0...6)
        switch t {
        case .pyNumpyFloat:
            let tests = (0..<n.int(1...4)).map { i -> Org2Test in
                let name =
                    "test_\(w)_\(n.pick(["convert", "cast", "roundtrip", "coerce"]))[\(n.pick(["float32", "f8", "mixed", "empty"]))-\(i)]"
                return Org2Test(
                    id: "tests/test_\(w).py::\(name)",
                    detail: [
                        "", "values = array([\(n.seconds(0, 9)), \(n.seconds(0, 9)), nan]), dtype = 'float'",
                        "",
                        "    def \(name.split(separator: "[")[0])(values, dtype):",
                        ">       out = \(p.snake).\(w).convert(values, dtype=dtype)", "",
                        "tests/test_\(w).py:\(line + i * 7): ",
                        "_ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _",
                        "src/\(p.snake)/\(w).py:\(line / 2 + 11): in convert",
                        "    return np.asarray(values, dtype=np.float)",
                        "_ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _", "",
                        "attr = 'float'", "", "    def __getattr__(attr):",
                        "        # Warn for expired attributes",
                        "        import warnings", "    ", "        if attr in __former_attrs__:",
                        ">           raise AttributeError(__former_attrs__[attr])",
                        "E           AttributeError: module 'numpy' has no attribute 'float'.",
                        "E           `np.float` was a deprecated alias for the builtin `float`. To avoid this error in existing code, use `float` by itself. Doing this will not modify any behavior and is safe. If you specifically wanted the numpy scalar type, use `np.float64` here.",
                        "E           The aliases was originally deprecated in NumPy 1.20; for more details and guidance see the original release note at:",
                        "E               https://numpy.org/devdocs/release/1.20.0-notes.html#deprecations",
                        "",
                        "/usr/local/lib/python\(c.py)/site-packages/numpy/__init__.py:324: AttributeError",
                    ], short: "AttributeError: module 'numpy' has no attribute 'float'.")
            }
            return Org2Fail(phase: .step, lines: Org2Frames.pytest(&c, failures: tests, collected: nil))
        case .pyMarkupsafe:
            let site = "/usr/local/lib/python\(c.py)/site-packages"
            let errs = [
                "_____________________ ERROR collecting tests/test_\(w).py ______________________",
                "ImportError while importing test module '\(p.builds)/tests/test_\(w).py'.",
                "Hint: make sure your test modules/packages have valid Python names.", "Traceback:",
                "/usr/local/lib/python\(c.py)/importlib/__init__.py:90: in import_module",
                "    return _bootstrap._gcd_import(name[level:], package, level)",
                "tests/test_\(w).py:\(line % 9 + 3): in <module>",
                "    from \(p.snake).\(w) import render_\(w)",
                "src/\(p.snake)/\(w).py:\(line % 7 + 2): in <module>", "    import jinja2",
                "\(site)/jinja2/__init__.py:12: in <module>", "    from .environment import Environment",
                "\(site)/jinja2/environment.py:25: in <module>", "    from .defaults import BLOCK_END_STRING",
                "\(site)/jinja2/defaults.py:3: in <module>",
                "    from .filters import FILTERS as DEFAULT_FILTERS  # noqa: F401",
                "\(site)/jinja2/filters.py:13: in <module>", "    from markupsafe import soft_unicode",
                "E   ImportError: cannot import name 'soft_unicode' from 'markupsafe' (\(site)/markupsafe/__init__.py)",
                "=========================== short test summary info ============================",
                "ERROR tests/test_\(w).py",
                "!!!!!!!!!!!!!!!!!!!! Interrupted: 1 error during collection !!!!!!!!!!!!!!!!!!!!",
                "=============================== 1 error in \(n.seconds(0.3, 3))s ===============================",
            ]
            return Org2Fail(phase: .step, lines: Org2Frames.pytest(&c, failures: [], collected: errs))
        case .jlMethodError:
            let module = p.name.replacingOccurrences(of: ".jl", with: "")
            let v = c.isNewJulia ? "1.11" : "1.10"
            let tests = (0..<n.int(1...3)).map { i -> Org2Test in
                let l = line + i * 4
                var detail = [
                    "\(w): Error During Test at \(p.builds)/test/\(w).jl:\(l)", "  Test threw exception",
                    "  Expression: \(module).summarize(tbl; by = \"\(p.words[i % 4])\") isa NamedTuple",
                    "  MethodError: no method matching haskey(::OrderedCollections.LittleDict{Symbol, Any, Vector{Symbol}, Vector{Any}}, ::String)",
                    "  The function `haskey` exists, but no method is defined for this combination of argument types.",
                    "",
                    "  Closest candidates are:", "    haskey(::OrderedCollections.LittleDict, ::Any)",
                    "     @ OrderedCollections ~/.julia/packages/OrderedCollections/\(n.alnum(5))/src/little_dict.jl:161",
                    "    haskey(::Dict, ::Any)", "     @ Base dict.jl:569", "    ...", "", "  Stacktrace:",
                    "    [1] _lookup(meta::OrderedCollections.LittleDict{Symbol, Any, Vector{Symbol}, Vector{Any}}, key::String)",
                    "      @ TableMeta ~/.julia/packages/TableMeta/x3Qb1/src/meta.jl:88",
                    "    [2] summarize(tbl::NamedTuple{(:\(p.words[0]), :\(p.words[1])), Tuple{Vector{Int64}, Vector{Float64}}}; by::String)",
                    "      @ \(module) \(p.builds)/src/\(w).jl:\(l / 3 + 9)", "    [3] macro expansion",
                    "      @ /usr/local/julia/share/julia/stdlib/v\(v)/Test/src/Test.jl:\(v == "1.11" ? 676 : 669) [inlined]",
                    "    [4] macro expansion", "      @ \(p.builds)/test/\(w).jl:\(l) [inlined]",
                ]
                if v == "1.10" { detail.remove(at: 4) }
                return Org2Test(id: w, detail: detail, short: "error")
            }
            return Org2Fail(phase: .step, lines: Org2Frames.julia(&c, failures: tests))
        case .jlPrecompile:
            let module = p.name.replacingOccurrences(of: ".jl", with: "")
            let new = c.isNewJulia
            var lines = [
                "     Testing \(module)", "      Status `/tmp/jl_\(n.alnum(6))/Project.toml`",
                "Precompiling project...",
                "  ✗ \(module)",
                "  \(n.int(20...60)) dependencies successfully precompiled in \(n.int(20...90)) seconds. \(n.int(0...30)) already precompiled.",
                "  1 dependency errored.",
                "  For a report of the errors see `julia> err`. To retry use `pkg> precompile`",
                "     Testing Running tests...",
                new
                    ? "ERROR: LoadError: UndefVarError: `AbstractColumns` not defined in `Tables`"
                    : "ERROR: LoadError: UndefVarError: `AbstractColumns` not defined",
            ]
            if new { lines.append("Suggestion: check for spelling errors or missing imports.") }
            lines += [
                "Stacktrace:", " [1] getproperty(x::Module, f::Symbol)",
                "   @ Base ./Base.jl:\(new ? 42 : 31)",
                " [2] top-level scope", "   @ \(p.builds)/src/\(w).jl:\(line % 40 + 3)",
                " [3] include(mod::Module, _path::String)", "   @ Base ./Base.jl:\(new ? 557 : 495)",
                " [4] include(x::String)", "   @ \(module) \(p.builds)/src/\(module).jl:1",
                "in expression starting at \(p.builds)/src/\(w).jl:\(line % 40 + 3)",
                "in expression starting at \(p.builds)/src/\(module).jl:1",
                "ERROR: LoadError: Failed to precompile \(module) [\(n.uuid())] to \"/root/.julia/compiled/v\(new ? "1.11" : "1.10")/\(module)/jl_\(n.alnum(6)).ji\".",
                "Stacktrace:", "  [1] error(s::String)", "    @ Base ./error.jl:35",
                "in expression starting at \(p.builds)/test/runtests.jl:1",
                "ERROR: Package \(module) errored during testing",
            ]
            return Org2Fail(phase: .step, lines: lines)
        case .goNilPanic:
            let pkg = "\(p.goModule)/internal/\(w)"
            let test = "Test\(w.capitalized)Fetch\(n.pick(["", "Retry", "Timeout"]))"
            let detail = [
                "--- FAIL: \(test) (0.00s)",
                "panic: runtime error: invalid memory address or nil pointer dereference [recovered]",
                "\tpanic: runtime error: invalid memory address or nil pointer dereference",
                "[signal SIGSEGV: segmentation violation code=0x1 addr=0x30 pc=0x\(n.hex(6))]", "",
                "goroutine \(n.int(7...90)) [running]:",
                "testing.tRunner.func1.2({0x\(n.hex(6)), 0x\(n.hex(7))})",
                "\t/usr/local/go/src/testing/testing.go:1632 +0x230", "testing.tRunner.func1()",
                "\t/usr/local/go/src/testing/testing.go:1635 +0x35e",
                "panic({0x\(n.hex(6))?, 0x\(n.hex(7))?})",
                "\t/usr/local/go/src/runtime/panic.go:785 +0x132",
                "github.com/acme/retryhttp.(*Client).Do(0x0, 0xc000\(n.hex(6)))",
                "\t/root/go/pkg/mod/github.com/acme/retryhttp@v1.8.0/client.go:112 +0x3c",
                "\(pkg).(*Fetcher).Fetch(0xc000\(n.hex(6)), {0x\(n.hex(6)), 0xc000\(n.hex(6))}, {0xc000\(n.hex(6)), 0x\(n.hex(2))})",
                "\t\(p.builds)/internal/\(w)/fetch.go:\(line % 150 + 20) +0x\(n.hex(3))",
                "\(pkg).\(test)(0xc000\(n.hex(6)))",
                "\t\(p.builds)/internal/\(w)/fetch_test.go:\(line % 90 + 10) +0x\(n.hex(3))",
                "testing.tRunner(0xc000\(n.hex(6)), 0x\(n.hex(6)))",
                "\t/usr/local/go/src/testing/testing.go:1690 +0xf4",
                "created by testing.(*T).Run in goroutine 1",
                "\t/usr/local/go/src/testing/testing.go:1743 +0x390",
                "FAIL\t\(pkg)\t\(n.seconds(0.01, 0.9))s",
            ]
            return Org2Fail(
                phase: .step,
                lines: Org2Frames.goTest(&c, failures: [Org2Test(id: pkg, detail: detail, short: "")]))
        case .goUndefined:
            let pkg = "\(p.goModule)/internal/\(w)"
            var lines = [
                "# \(pkg)",
                "internal/\(w)/tracing.go:\(line % 80 + 10):\(n.int(10...40)): undefined: otelgrpc.UnaryClientInterceptor",
                "internal/\(w)/tracing.go:\(line % 80 + 11):\(n.int(10...40)): undefined: otelgrpc.StreamClientInterceptor",
            ]
            if c.job.slot == .test { lines += ["FAIL\t\(pkg) [build failed]", "FAIL"] }
            return Org2Fail(phase: .build, lines: lines)
        case .rsNoMethod:
            let col = n.int(20...40)
            let l = line % 200 + 10
            return Org2Fail(
                phase: .build,
                lines: [
                    "   Compiling \(p.snake) v0.3.1 (\(p.builds))",
                    "error[E0599]: no method named `as_slice` found for struct `Bytes` in the current scope",
                    "  --> src/\(w).rs:\(l):\(col)", "   |",
                    "\(l) |         let raw = frame.payload.as_slice();",
                    "   |\(String(repeating: " ", count: col))^^^^^^^^ method not found in `Bytes`", "",
                    "For more information about this error, try `rustc --explain E0599`.",
                    "error: could not compile `\(p.snake)` (lib) due to 1 previous error",
                ])
        case .rsSerdePanic:
            let tests = (0..<n.int(1...3)).map { _ -> Org2Test in
                let id =
                    "\(w)::tests::\(n.pick(["roundtrip", "decode", "parse_config", "load_fixture"]))_\(n.pick(p.words))"
                return Org2Test(
                    id: id,
                    detail: [
                        "thread '\(id)' panicked at /usr/local/cargo/registry/src/index.crates.io-6f17d22bba15001f/serde_json-1.0.122/src/value/de.rs:1306:9:",
                        "internal error: entered unreachable code: invalid number",
                        "note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace",
                    ], short: "")
            }
            return Org2Fail(phase: .step, lines: Org2Frames.cargoTest(&c, failures: tests))
        case .javaNoClassDef:
            let cls = "\(p.javaPackage).\(w.capitalized)Test"
            let tests = (0..<n.int(1...3)).map { i -> Org2Test in
                let m = "test\(n.pick(["Create", "Load", "Save", "Defaults"]))\(i)"
                let l = line % 120 + 12 + i
                if p.ecosystem == .gradle {
                    return Org2Test(
                        id: "\(cls).\(m)",
                        detail: [
                            "\(w.capitalized)Test > \(m)() FAILED",
                            "    java.lang.NoClassDefFoundError at \(w.capitalized)Service.java:\(l / 2 + 5)",
                            "        Caused by: java.lang.ClassNotFoundException at BuiltinClassLoader.java:641",
                        ], short: "")
                }
                return Org2Test(
                    id: "\(cls).\(m)",
                    detail: [
                        "[ERROR] \(cls).\(m) -- Time elapsed: \(n.seconds(0.001, 0.4)) s <<< ERROR!",
                        "java.lang.NoClassDefFoundError: org/apache/commons/logging/LogFactory",
                        "\tat org.springframework.core.io.support.SpringFactoriesLoader.<clinit>(SpringFactoriesLoader.java:86)",
                        "\tat \(p.javaPackage).\(w.capitalized)Service.<init>(\(w.capitalized)Service.java:\(l / 2 + 5))",
                        "\tat \(cls).\(m)(\(w.capitalized)Test.java:\(l))",
                        "\tat java.base/java.lang.reflect.Method.invoke(Method.java:580)",
                        "\tat java.base/java.util.ArrayList.forEach(ArrayList.java:1596)",
                        "Caused by: java.lang.ClassNotFoundException: org.apache.commons.logging.LogFactory",
                        "\tat java.base/jdk.internal.loader.BuiltinClassLoader.loadClass(BuiltinClassLoader.java:641)",
                        "\tat java.base/jdk.internal.loader.ClassLoaders$AppClassLoader.loadClass(ClassLoaders.java:188)",
                        "\tat java.base/java.lang.ClassLoader.loadClass(ClassLoader.java:526)",
                        "\t... \(n.int(8...40)) more",
                        "",
                    ],
                    short:
                        "\(w.capitalized)Test.\(m):\(l) » NoClassDefFound org/apache/commons/logging/LogFactory"
                )
            }
            if p.ecosystem == .gradle {
                return Org2Fail(phase: .step, lines: Org2Frames.gradle(&c, failures: tests))
            }
            return Org2Fail(phase: .step, lines: Org2Frames.maven(&c, failures: tests))
        case .jsChalkESM:
            let file = "src/\(w)/\(w).test.ts"
            let detail = [
                "  ● Test suite failed to run", "", "    Jest encountered an unexpected token", "",
                "    Jest failed to parse a file. This happens e.g. when your code or its dependencies use non-standard JavaScript syntax, or when Jest is not configured to support such syntax.",
                "",
                "    Out of the box Jest supports Babel, which will be used to transform your files into valid JS based on your Babel configuration.",
                "", "    By default \"node_modules\" folder is ignored by transformers.", "",
                "    Here's what you can do:",
                "     • If you are trying to use ECMAScript Modules, see https://jestjs.io/docs/ecmascript-modules for how to enable it.",
                "     • To have some of your \"node_modules\" files transformed, you can specify a custom \"transformIgnorePatterns\" in your config.",
                "", "    You'll find more details and examples of these config options in the docs:",
                "    https://jestjs.io/docs/configuration", "", "    Details:", "",
                "    \(p.builds)/node_modules/chalk/source/index.js:1",
                "    ({\"Object.<anonymous>\":function(module,exports,require,__dirname,__filename,jest){import ansiStyles from '#ansi-styles';",
                "                                                                                      ^^^^^^",
                "",
                "    SyntaxError: Cannot use import statement outside a module", "",
                "      \(line % 5 + 1) | import path from 'node:path';",
                "    > \(line % 5 + 2) | import chalk from 'chalk';", "        | ^",
                "      \(line % 5 + 3) | import { \(w)Format } from './\(w)';", "",
                "      at Runtime.createScriptFromCode (node_modules/jest-runtime/build/index.js:1505:14)",
                "      at Object.<anonymous> (\(file):\(line % 5 + 2):1)",
            ]
            return Org2Fail(
                phase: .step,
                lines: Org2Frames.jest(&c, failures: [Org2Test(id: file, detail: detail, short: "suite")]))
        case .jsPeerDeps:
            let e = c.npmError
            let stamp = "\(c.night)T20_\(n.int(10...59))_\(n.int(10...59))_\(n.int(100...999))Z"
            return Org2Fail(
                phase: .deps,
                lines: [
                    "\(e) code ERESOLVE", "\(e) ERESOLVE unable to resolve dependency tree", "\(e) ",
                    "\(e) While resolving: @\(p.group)/\(p.kebab)@0.\(n.int(1...9)).\(n.int(0...9))",
                    "\(e) Found: react@19.0.0", "\(e) node_modules/react",
                    "\(e)   react@\"^19.0.0\" from the root project",
                    "\(e) ", "\(e) Could not resolve dependency:",
                    "\(e) peer react@\"^16.8.0 || ^17.0.0 || ^18.0.0\" from react-beautiful-dnd@13.1.1",
                    "\(e) node_modules/react-beautiful-dnd",
                    "\(e)   react-beautiful-dnd@\"^13.1.1\" from the root project",
                    "\(e) ", "\(e) Fix the upstream dependency conflict, or retry",
                    "\(e) this command with --force or --legacy-peer-deps",
                    "\(e) to accept an incorrect (and potentially broken) dependency resolution.", "\(e) ",
                    "\(e) ",
                    "\(e) For a full report see:", "\(e) /root/.npm/_logs/\(stamp)-eresolve-report.txt", "",
                    "\(e) A complete log of this run can be found in: /root/.npm/_logs/\(stamp)-debug-0.log",
                ])
        case .rbFileExists:
            let new = p.image.contains("3.3")
            let tests = (0..<n.int(1...3)).map { i -> Org2Test in
                let desc = "\(p.camel)::\(w.capitalized)Config#load reads \(p.words[(i + 1) % 4]) settings"
                return Org2Test(
                    id: "rspec ./spec/\(p.snake)/\(w)_config_spec.rb:\(line % 60 + 5 + i * 6)",
                    detail: [
                        "     Failure/Error: return {} unless File.exists?(path)", "", "     NoMethodError:",
                        new
                            ? "       undefined method `exists?' for class File"
                            : "       undefined method `exists?' for File:Class",
                        "     # ./lib/\(p.snake)/\(w)_config.rb:\(line % 40 + 8):in `load'",
                        "     # ./spec/\(p.snake)/\(w)_config_spec.rb:\(line % 60 + 6 + i * 6):in `block (3 levels) in <top (required)>'",
                    ], short: desc)
            }
            return Org2Fail(phase: .step, lines: Org2Frames.rspec(&c, failures: tests))
        case .cOpenSSL:
            let file = "\(p.builds)/src/\(w).c"
            let l = line % 300 + 20
            var lines = [String]()
            if p.ecosystem == .cmake {
                lines.append("[ \(n.int(10...60))%] Building C object CMakeFiles/\(p.snake).dir/src/\(w).c.o")
            } else {
                lines.append(
                    "gcc -DHAVE_CONFIG_H -I. -I./include -g -O2 -Wall -Werror -c -o src/\(w).o src/\(w).c")
            }
            if c.clang {
                lines += [
                    "\(file):\(l):5: error: 'SHA256_Init' is deprecated [-Werror,-Wdeprecated-declarations]",
                    "    SHA256_Init(&ctx);", "    ^",
                    "/usr/include/openssl/sha.h:73:1: note: 'SHA256_Init' has been explicitly marked deprecated here",
                    "OSSL_DEPRECATEDIN_3_0 int SHA256_Init(SHA256_CTX *c);", "^",
                    "/usr/include/openssl/macros.h:193:49: note: expanded from macro 'OSSL_DEPRECATEDIN_3_0'",
                    "#   define OSSL_DEPRECATEDIN_3_0                OSSL_DEPRECATED(3.0)",
                    "                                                ^",
                    "1 error generated.",
                ]
            } else {
                lines += [
                    "\(file): In function '\(w)_digest':",
                    "\(file):\(l):5: error: 'SHA256_Init' is deprecated: Since OpenSSL 3.0 [-Werror=deprecated-declarations]",
                    "  \(l) |     SHA256_Init(&ctx);", "      |     ^~~~~~~~~~~",
                    "In file included from \(file):4:",
                    "/usr/include/openssl/sha.h:73:27: note: declared here",
                    "   73 | OSSL_DEPRECATEDIN_3_0 int SHA256_Init(SHA256_CTX *c);",
                    "      |                           ^~~~~~~~~~~",
                    "cc1: all warnings being treated as errors",
                ]
            }
            lines += makeTail(&c, object: "src/\(w).c.o")
            return Org2Fail(phase: .build, lines: lines)
        case .swiftNIO:
            let file = "\(p.builds)/Sources/\(p.camel)/\(w.capitalized)Handler.swift"
            let l = line % 200 + 10
            let col = n.int(30...40)
            var lines = [
                "[\(n.int(10...60))/\(n.int(80...140))] Compiling \(p.camel) \(w.capitalized)Handler.swift"
            ]
            if c.swift6 {
                lines += [
                    "\(file):\(l):\(col): error: value of type 'EventLoopFuture<Void>' has no member 'wait'",
                    "\(l - 1) |     func shutdown() throws {",
                    "\(l) |         try channel.closeFuture.wait()",
                    "   |\(String(repeating: " ", count: col)) `- error: value of type 'EventLoopFuture<Void>' has no member 'wait'",
                    "\(l + 1) |     }",
                ]
            } else {
                lines += [
                    "\(file):\(l):\(col): error: value of type 'EventLoopFuture<Void>' has no member 'wait'",
                    "        try channel.closeFuture.wait()", "            ~~~~~~~~~~~~~~~~~~~ ^~~~",
                ]
            }
            lines.append("error: fatalError")
            return Org2Fail(phase: .build, lines: lines)
        case .dockerApt:
            let run =
                "apt-get update && apt-get install -y --no-install-recommends python3-distutils build-essential"
            let apt = [
                "Get:1 http://deb.debian.org/debian trixie InRelease [140 kB]",
                "Get:2 http://deb.debian.org/debian trixie/main amd64 Packages [9\(n.int(100...999)) kB]",
                "Fetched \(n.int(9...10)).\(n.int(0...9)) MB in \(n.int(1...4))s (\(n.int(2...9)).\(n.int(0...9)) MB/s)",
                "Reading package lists...",
                "Reading package lists...", "Building dependency tree...", "Reading state information...",
                "Package python3-distutils is not available, but is referred to by another package.",
                "This may mean that the package is missing, has been obsoleted, or",
                "is only available from another source",
                "", "E: Package 'python3-distutils' has no installation candidate",
            ]
            if p.ecosystem == .docker {
                return Org2Fail(phase: .step, lines: Org2Frames.buildkit(&c, failing: (run, apt)))
            }
            return Org2Fail(phase: .deps, lines: apt, exitCode: 100)
        default:
            return Org2Fail(phase: .step, lines: ["unreachable template"])
        }
    }

    static func makeTail(_ c: inout Org2Context, object: String) -> [String] {
        let p = c.p
        if p.ecosystem == .cmake {
            return [
                "gmake[2]: *** [CMakeFiles/\(p.snake).dir/build.make:\(c.d.int(70...200)): CMakeFiles/\(p.snake).dir/\(object)] Error 1",
                "gmake[1]: *** [CMakeFiles/Makefile2:\(c.d.int(80...140)): CMakeFiles/\(p.snake).dir/all] Error 2",
                "gmake: *** [Makefile:136: all] Error 2",
            ]
        }
        return [
            "make[1]: *** [Makefile:\(c.d.int(400...900)): \(object.replacingOccurrences(of: ".c.o", with: ".o"))] Error 1",
            "make[1]: Leaving directory '\(p.builds)'",
            "make: *** [Makefile:\(c.d.int(300...500)): all-recursive] Error 1",
        ]
    }

    // MARK: Infrastructure

    static func infrastructure(_ infra: Org2Infra, _ c: inout Org2Context, _ n: inout Dice) -> Org2Fail {
        let p = c.p
        switch infra {
        case .dns:
            if n.chance(0.25) {
                let url =
                    p.runnerVersion.hasPrefix("16")
                    ? "https://gitlab-ci-token:[MASKED]@gitlab.example.com/\(p.path).git/"
                    : "https://gitlab.example.com/\(p.path).git/"
                return Org2Fail(
                    phase: .sources,
                    lines: ["fatal: unable to access '\(url)': Could not resolve host: gitlab.example.com"])
            }
            return dns(&c, &n)
        case .diskFull: return diskFull(&c, &n)
        case .oom: return oom(&c, &n)
        case .registry429:
            let limit =
                "toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit"
            if p.ecosystem == .docker && c.job.slot == .image {
                let base = "python"
                let e =
                    "failed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/library/\(base)/manifests/sha256:\(n.hex(64)): 429 Too Many Requests - Server message: \(limit)"
                return Org2Fail(phase: .step, lines: Org2Frames.buildkit(&c, failing: nil, pullError: e))
            }
            let image = p.image
            if c.executor == "kubernetes" {
                let name = image.split(separator: ":").first.map(String.init) ?? image
                return Org2Fail(
                    phase: .prepare,
                    lines: [
                        "\(esc)[0;33mWARNING: Event retrieved from the cluster: Failed to pull image \"\(image)\": \(limit)\(esc)[0;m"
                    ],
                    reason: "script_failure",
                    runnerError:
                        "Job failed: prepare environment: waiting for pod running: pulling image \"\(image)\": image pull failed: rpc error: code = Unknown desc = failed to pull and unpack image \"docker.io/library/\(image)\": failed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/library/\(name)/manifests/sha256:\(n.hex(64)): 429 Too Many Requests - Server message: \(limit). Check https://docs.gitlab.com/runner/shells/index.html#shell-profile-loading for more information"
                )
            }
            return Org2Fail(
                phase: .prepare,
                lines: [
                    "\(esc)[0;33mWARNING: Failed to pull image with policy \"always\": \(limit) (manager.go:250:\(n.int(0...1))s)\(esc)[0;m"
                ],
                runnerError:
                    "Job failed: failed to pull image \"\(image)\" with specified policies [always]: \(limit) (manager.go:250:\(n.int(0...1))s)"
            )
        case .systemFailure:
            if c.executor == "kubernetes" {
                return Org2Fail(
                    phase: .prepare, lines: [], reason: "runner_system_failure",
                    runnerError:
                        "Job failed (system failure): prepare environment: setting up credentials: Post \"https://10.96.0.1:443/api/v1/namespaces/gitlab-runners/secrets\": dial tcp 10.96.0.1:443: connect: connection refused. Check https://docs.gitlab.com/runner/shells/index.html#shell-profile-loading for more information"
                )
            }
            let e =
                "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running? (docker.go:\(n.pick([958, 961])):0s)"
            return Org2Fail(
                phase: .prepare,
                lines: [
                    "\(esc)[31;1mERROR: Preparation failed: \(e)\(esc)[0;m", "Will be retried in 3s ...",
                    "\(esc)[31;1mERROR: Preparation failed: \(e)\(esc)[0;m", "Will be retried in 3s ...",
                    "\(esc)[31;1mERROR: Preparation failed: \(e)\(esc)[0;m", "Will be retried in 3s ...",
                ], reason: "runner_system_failure", runnerError: "Job failed (system failure): \(e)")
        case .timeout:
            return Org2Fail(phase: .timeout, reason: "job_execution_timeout")
        }
    }

    static func dns(_ c: inout Org2Context, _ n: inout Dice) -> Org2Fail {
        let p = c.p
        let resolver = "10.\(n.int(0...9)).0.\(n.int(2...10))"
        switch p.ecosystem {
        case .python:
            let dep = n.pick(["setuptools>=61", "numpy>=1.26", "requests>=2.31", "pydantic>=2"])
            let name = dep.split(separator: ">")[0]
            var lines = ["Obtaining file://\(p.builds)", "  Installing build dependencies: started"]
            for total in stride(from: 4, through: 0, by: -1) {
                lines.append(
                    "WARNING: Retrying (Retry(total=\(total), connect=None, read=None, redirect=None, status=None)) after connection broken by 'NewConnectionError('<pip._vendor.urllib3.connection.HTTPSConnection object at \(n.address())>: Failed to establish a new connection: [Errno -3] Temporary failure in name resolution')': /simple/\(name)/"
                )
            }
            lines += [
                "ERROR: Could not find a version that satisfies the requirement \(dep) (from versions: none)",
                "ERROR: No matching distribution found for \(dep)",
            ]
            return Org2Fail(phase: .deps, lines: lines)
        case .julia:
            let v = c.isNewJulia ? "1.11" : "1.10"
            return Org2Fail(
                phase: .deps,
                lines: [
                    "  Installing known registries into `~/.julia`",
                    "┌ Warning: could not download https://pkg.julialang.org/registries",
                    "│   exception = RequestError: Could not resolve host: pkg.julialang.org while requesting https://pkg.julialang.org/registries",
                    "└ @ Pkg.Registry /usr/local/julia/share/julia/stdlib/v\(v)/Pkg/src/Registry/Registry.jl:\(v == "1.11" ? 77 : 69)",
                    "ERROR: failed to clone from https://github.com/JuliaRegistries/General.git, error: GitError(Code:ERROR, Class:Net, failed to resolve address for github.com: Temporary failure in name resolution)",
                    "Stacktrace:", " [1] pkgerror(msg::String)",
                    "   @ Pkg.Types /usr/local/julia/share/julia/stdlib/v\(v)/Pkg/src/Types.jl:70",
                ])
        case .go:
            let m = n.pick([
                "github.com/spf13/cobra@v1.8.1", "golang.org/x/sync@v0.8.0", "go.uber.org/zap@v1.27.0",
            ])
            let parts = m.split(separator: "@")
            return Org2Fail(
                phase: .deps,
                lines: [
                    "go: \(m): Get \"https://proxy.golang.org/\(parts[0])/@v/\(parts[1]).mod\": dial tcp: lookup proxy.golang.org on \(resolver):53: no such host"
                ])
        case .rust:
            var lines = ["    Updating crates.io index"]
            for left in [3, 2, 1] {
                lines.append(
                    "warning: spurious network error (\(left) tries remaining): [6] Couldn't resolve host name (Could not resolve host: index.crates.io)"
                )
            }
            lines += [
                "error: failed to get `\(n.pick(["serde", "tokio", "bytes"]))` as a dependency of package `\(p.snake) v0.3.1 (\(p.builds))`",
                "", "Caused by:", "  download of config.json failed", "", "Caused by:",
                "  failed to download from `https://index.crates.io/config.json`", "", "Caused by:",
                "  [6] Couldn't resolve host name (Could not resolve host: index.crates.io)",
            ]
            return Org2Fail(phase: .deps, lines: lines, exitCode: 101)
        case .maven:
            let a = n.pick([
                "org.slf4j:slf4j-api:2.0.13", "com.fasterxml.jackson.core:jackson-databind:2.17.2",
            ])
            let g = a.split(separator: ":")
            return Org2Fail(
                phase: .deps,
                lines: [
                    "[ERROR] Failed to execute goal on project \(p.kebab): Could not resolve dependencies for project \(p.javaPackage):\(p.kebab):jar:1.\(n.int(0...9)).0-SNAPSHOT: Failed to collect dependencies at \(g[0]):\(g[1]):jar:\(g[2]): Failed to read artifact descriptor for \(g[0]):\(g[1]):jar:\(g[2]): The following artifacts could not be resolved: \(g[0]):\(g[1]):pom:\(g[2]) (absent): Could not transfer artifact \(g[0]):\(g[1]):pom:\(g[2]) from/to central (https://repo.maven.apache.org/maven2): repo.maven.apache.org: Temporary failure in name resolution -> [Help 1]",
                    "[ERROR] ",
                    "[ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch.",
                    "[ERROR] Re-run Maven using the -X switch to enable full debug logging.",
                ])
        case .gradle:
            let v = "33.\(n.int(0...3)).0-jre"
            return Org2Fail(
                phase: .deps,
                lines: [
                    "", "FAILURE: Build failed with an exception.", "", "* What went wrong:",
                    "Could not resolve all files for configuration ':compileClasspath'.",
                    "> Could not resolve com.google.guava:guava:\(v).", "  Required by:", "      project :",
                    "   > Could not resolve com.google.guava:guava:\(v).",
                    "      > Could not get resource 'https://repo.maven.apache.org/maven2/com/google/guava/guava/\(v)/guava-\(v).pom'.",
                    "         > Could not GET 'https://repo.maven.apache.org/maven2/com/google/guava/guava/\(v)/guava-\(v).pom'.",
                    "            > repo.maven.apache.org: Temporary failure in name resolution", "", "* Try:",
                    "> Run with --stacktrace option to get the stack trace.", "",
                    "BUILD FAILED in \(n.int(5...40))s",
                ])
        case .npm:
            let e = c.npmError
            let stamp = "\(c.night)T20_\(n.int(10...59))_\(n.int(10...59))_\(n.int(100...999))Z"
            let pkg = n.pick(["lodash", "typescript", "@types/node", "jest"])
            return Org2Fail(
                phase: .deps,
                lines: [
                    "\(e) code EAI_AGAIN", "\(e) syscall getaddrinfo", "\(e) errno EAI_AGAIN",
                    "\(e) request to https://registry.npmjs.org/\(pkg) failed, reason: getaddrinfo EAI_AGAIN registry.npmjs.org",
                    "",
                    "\(e) A complete log of this run can be found in: /root/.npm/_logs/\(stamp)-debug-0.log",
                ])
        case .ruby:
            let e =
                "Could not fetch specs from https://rubygems.org/ due to underlying error <Gem::Net::OpenTimeout: Failed to open TCP connection to rubygems.org:443 (getaddrinfo: Temporary failure in name resolution) (https://rubygems.org/specs.4.8.gz)>"
            return Org2Fail(
                phase: .deps,
                lines: [
                    "Fetching source index from https://rubygems.org/", "",
                    "Retrying fetcher due to error (2/4): Bundler::HTTPError \(e)",
                    "Retrying fetcher due to error (3/4): Bundler::HTTPError \(e)",
                    "Retrying fetcher due to error (4/4): Bundler::HTTPError \(e)", e,
                ], exitCode: 17)
        case .cmake, .make:
            return Org2Fail(
                phase: .deps,
                lines: [
                    "W: Failed to fetch http://deb.debian.org/debian/dists/bookworm/InRelease  Temporary failure resolving 'deb.debian.org'",
                    "W: Failed to fetch http://deb.debian.org/debian/dists/bookworm-updates/InRelease  Temporary failure resolving 'deb.debian.org'",
                    "W: Some index files failed to download. They have been ignored, or old ones used instead.",
                    "E: Unable to locate package libssl-dev",
                ], exitCode: 100)
        case .swift:
            return Org2Fail(
                phase: .deps,
                lines: [
                    "Fetching https://github.com/apple/swift-nio.git",
                    "error: Failed to clone repository https://github.com/apple/swift-nio.git:",
                    "    Cloning into bare repository '\(p.builds)/.build/repositories/swift-nio-\(n.hex(8))'...",
                    "    fatal: unable to access 'https://github.com/apple/swift-nio.git/': Could not resolve host: github.com",
                ])
        case .docker:
            if c.job.slot == .image {
                let e =
                    "failed to do request: Head \"https://registry-1.docker.io/v2/library/python/manifests/3.12-slim\": dial tcp: lookup registry-1.docker.io on \(resolver):53: no such host"
                return Org2Fail(phase: .step, lines: Org2Frames.buildkit(&c, failing: nil, pullError: e))
            }
            return Org2Fail(
                phase: .step,
                lines: [
                    "Unable to find image 'registry.gitlab.example.com/\(p.path):\(c.night)' locally",
                    "docker: Error response from daemon: Get \"https://registry.gitlab.example.com/v2/\": dial tcp: lookup registry.gitlab.example.com on \(resolver):53: no such host.",
                    "See 'docker run --help'.",
                ], exitCode: 125)
        }
    }

    static func diskFull(_ c: inout Org2Context, _ n: inout Dice) -> Org2Fail {
        let p = c.p
        switch p.ecosystem {
        case .python:
            let f = n.pick([
                "numpy/_core/_multiarray_umath.cpython-312-x86_64-linux-gnu.so",
                "scipy/linalg/_flapack.cpython-312-x86_64-linux-gnu.so",
                "pandas/_libs/hashtable.cpython-312-x86_64-linux-gnu.so",
            ])
            return Org2Fail(
                phase: .deps,
                lines: [
                    "ERROR: Could not install packages due to an OSError: [Errno 28] No space left on device: '/usr/local/lib/python\(c.py)/site-packages/\(f)'",
                    "",
                ])
        case .julia:
            let v = c.isNewJulia ? "1.11" : "1.10"
            return Org2Fail(
                phase: .deps,
                lines: [
                    "Precompiling project...", "ERROR: IOError: write: no space left on device (ENOSPC)",
                    "Stacktrace:",
                    "  [1] uv_write(s::Base.PipeEndpoint, p::Ptr{UInt8}, n::UInt64)",
                    "    @ Base ./stream.jl:\(v == "1.11" ? 1092 : 1066)",
                    "  [2] unsafe_write(s::Base.PipeEndpoint, p::Ptr{UInt8}, n::UInt64)",
                    "    @ Base ./stream.jl:\(v == "1.11" ? 1165 : 1120)",
                ])
        case .go:
            return Org2Fail(
                phase: .build,
                lines: [
                    "# \(p.goModule)/cmd/\(p.words[0])",
                    "/usr/local/go/pkg/tool/linux_amd64/link: flushing $WORK/b001/exe/a.out: write /tmp/go-build\(n.int(100_000_000...999_999_999))/b001/exe/a.out: no space left on device",
                ])
        case .rust:
            return Org2Fail(
                phase: .build,
                lines: [
                    "   Compiling \(p.snake) v0.3.1 (\(p.builds))",
                    "error: failed to write \(p.builds)/target/debug/deps/\(p.snake)-\(n.hex(16)).\(n.alnum(20).lowercased())-cgu.0.rcgu.o: No space left on device (os error 28)",
                    "", "error: could not compile `\(p.snake)` (lib) due to 1 previous error",
                ])
        case .maven:
            return Org2Fail(
                phase: .build,
                lines: [
                    "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.13.0:compile (default-compile) on project \(p.kebab): Fatal error compiling: java.io.IOException: No space left on device -> [Help 1]"
                ])
        case .gradle:
            return Org2Fail(
                phase: .build,
                lines: [
                    "", "FAILURE: Build failed with an exception.", "", "* What went wrong:",
                    "Execution failed for task ':compileJava'.",
                    "> java.io.IOException: No space left on device", "",
                    "BUILD FAILED in \(n.int(5...80))s",
                ])
        case .npm:
            let e = c.npmError
            return Org2Fail(
                phase: .deps,
                lines: [
                    "\(e) code ENOSPC", "\(e) syscall write", "\(e) errno -28",
                    "\(e) nospc ENOSPC: no space left on device, write",
                    "\(e) nospc There appears to be insufficient space on your system to finish.",
                    "\(e) nospc Clear up some disk space and try again.", "",
                    "\(e) A complete log of this run can be found in: /root/.npm/_logs/\(c.night)T20_\(n.int(10...59))_\(n.int(10...59))_\(n.int(100...999))Z-debug-0.log",
                ])
        case .ruby:
            return Org2Fail(
                phase: .deps,
                lines: [
                    "Installing nokogiri 1.16.7 (x86_64-linux-gnu)",
                    "Errno::ENOSPC: No space left on device @ io_write - \(p.builds)/vendor/bundle/ruby/3.3.0/gems/nokogiri-1.16.7-x86_64-linux-gnu/lib/nokogiri/3.3/nokogiri.so",
                    "An error occurred while installing nokogiri (1.16.7), and Bundler cannot continue.", "",
                    "In Gemfile:", "  \(p.kebab) was resolved to 0.1.0, which depends on", "    nokogiri",
                ], exitCode: 5)
        case .cmake, .make:
            let w = n.pick(p.words)
            return Org2Fail(
                phase: .build,
                lines: [
                    "cc1: fatal error: error writing to /tmp/cc\(n.alnum(6)).s: No space left on device",
                    "compilation terminated.",
                ]
                    + makeTail(&c, object: "src/\(w).c.o"))
        case .swift:
            return Org2Fail(
                phase: .build,
                lines: [
                    "error: emit-module command failed with exit code 1 (use -v to see invocation)",
                    "<unknown>:0: error: error opening '\(p.builds)/.build/x86_64-unknown-linux-gnu/debug/\(p.camel).build/\(p.camel).swiftmodule' for output: No space left on device",
                ])
        case .docker:
            return Org2Fail(
                phase: .step,
                lines: Org2Frames.buildkit(
                    &c,
                    failing: (
                        "make -C /src release",
                        [
                            "write /var/lib/docker/overlay2/\(n.hex(64))/diff/src/build/app.o: no space left on device"
                        ]
                    )))
        }
    }

    static func oom(_ c: inout Org2Context, _ n: inout Dice) -> Org2Fail {
        let p = c.p
        let killed = { (command: String, n: inout Dice) -> String in
            "/scripts-\(p.id)-\(n.int(6_000_000...9_000_000))/step_script: line \(n.int(140...320)): \(String(format: "%5d", n.int(90...900))) Killed                  \(command)"
        }
        switch p.ecosystem {
        case .python:
            var partial = Org2Frames.pytest(&c, failures: [], collected: nil)
            partial = Array(partial.prefix(partial.count / 2))
            return Org2Fail(
                phase: .step, lines: partial + [killed("pytest -q -ra --junitxml=report.xml", &n)],
                exitCode: 137)
        case .ruby:
            return Org2Fail(
                phase: .step,
                lines: [
                    "Randomized with seed \(n.int(1000...65535))", "", "....",
                    killed("bundle exec rspec --format progress", &n),
                ], exitCode: 137)
        case .julia:
            let module = p.name.replacingOccurrences(of: ".jl", with: "")
            return Org2Fail(
                phase: .step,
                lines: [
                    "     Testing \(module)", "     Testing Running tests...",
                    "ERROR: Package \(module) errored during testing (received signal: KILL)",
                ])
        case .go:
            let pkg = "\(p.goModule)/internal/\(n.pick(p.words))"
            return Org2Fail(
                phase: .step,
                lines: [
                    "ok  \t\(p.goModule)/internal/\(p.words[0])\t\(n.seconds(0.1, 3))s", "signal: killed",
                    "FAIL\t\(pkg)\t\(n.seconds(20, 300))s", "FAIL",
                ])
        case .rust:
            return Org2Fail(
                phase: .build,
                lines: [
                    "   Compiling \(p.snake) v0.3.1 (\(p.builds))",
                    "error: could not compile `\(p.snake)` (lib)", "", "Caused by:",
                    "  process didn't exit successfully: `/usr/local/rustup/toolchains/1.79.0-x86_64-unknown-linux-gnu/bin/rustc --crate-name \(p.snake) --edition=2021 src/lib.rs --error-format=json --crate-type lib --emit=dep-info,metadata,link -C embed-bitcode=no -C debuginfo=2 -C metadata=\(n.hex(16)) --out-dir \(p.builds)/target/debug/deps -L dependency=\(p.builds)/target/debug/deps` (signal: 9, SIGKILL: kill)",
                ])
        case .maven:
            let stamp =
                "\(c.night.replacingOccurrences(of: "-", with: ""))\(n.int(200000...235959))\(n.int(100...999))"
            return Org2Fail(
                phase: .step,
                lines: Org2Frames.mavenHeader(&c) + [
                    "[INFO] --- surefire:3.2.5:test (default-test) @ \(p.kebab) ---",
                    "[ERROR] Crashed tests:",
                    "[ERROR] \(p.javaPackage).\(p.words[0].capitalized)Test",
                    "[ERROR] ExecutionException The forked VM terminated without properly saying goodbye. VM crash or System.exit called?",
                    "[ERROR] Command was /bin/sh -c cd '\(p.builds)' && '/opt/java/openjdk/bin/java' '-Xmx2g' '-jar' '\(p.builds)/target/surefire/surefirebooter-\(stamp)_3.jar' '\(p.builds)/target/surefire' '\(stamp)-jvmRun1' 'surefire-\(stamp)_1tmp' 'surefire_0-\(stamp)_2tmp'",
                    "[ERROR] Error occurred in starting fork, check output in log",
                    "[ERROR] Process Exit Code: 137",
                ])
        case .gradle:
            return Org2Fail(
                phase: .step,
                lines: [
                    "> Task :compileJava", "> Task :test", "", "FAILURE: Build failed with an exception.", "",
                    "* What went wrong:",
                    "Gradle build daemon disappeared unexpectedly (it may have been killed or may have crashed)",
                    "", "* Try:",
                    "> Run with --stacktrace option to get the stack trace.",
                ])
        case .npm:
            let pid = n.int(20...900)
            let addr = "0x\(n.hex(12))"
            return Org2Fail(
                phase: .step,
                lines: [
                    "", "<--- Last few GCs --->", "",
                    "[\(pid):\(addr)]    \(n.int(50000...90000)) ms: Mark-Compact 2036.\(n.int(1...9)) (2082.5) -> 2021.\(n.int(1...9)) (2084.3) MB, \(n.int(1000...2000)).21 / 0.00 ms  (average mu = 0.143, current mu = 0.032) allocation failure; scavenge might not succeed",
                    "", "", "<--- JS stacktrace --->", "",
                    "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory",
                    "----- Native stack trace -----", "",
                    " 1: 0xb8d0a3 node::OOMErrorHandler(char const*, v8::OOMDetails const&) [node]",
                    " 2: 0xf06460 v8::Utils::ReportOOMFailure(v8::internal::Isolate*, char const*, v8::OOMDetails const&) [node]",
                    " 3: 0xf06747 v8::internal::V8::FatalProcessOutOfMemory(v8::internal::Isolate*, char const*, v8::OOMDetails const&) [node]",
                    "Aborted (core dumped)",
                ], exitCode: 134)
        case .cmake, .make:
            let w = n.pick(p.words)
            return Org2Fail(
                phase: .build,
                lines: [
                    c.clang
                        ? "clang: error: unable to execute command: Killed"
                        : "gcc: fatal error: Killed signal terminated program cc1", "compilation terminated.",
                ]
                    + makeTail(&c, object: "src/\(w).c.o"))
        case .swift:
            return Org2Fail(
                phase: .build,
                lines: [
                    "error: compile command failed due to signal 9 (use -v to see invocation)",
                    "error: fatalError",
                ])
        case .docker:
            let run = "make -C /src release"
            var lines = Org2Frames.buildkit(&c, failing: (run, ["Killed"]))
            lines = lines.map { $0.replacingOccurrences(of: "exit code: 100", with: "exit code: 137") }
            return Org2Fail(phase: .step, lines: lines)
        }
    }

    // MARK: Project-local causes

    static func local(_ kind: Org2LocalKind, _ c: inout Org2Context, _ k: inout Dice, _ n: inout Dice)
        -> Org2Fail
    {
        let p = c.p
        let w = k.pick(Array(p.words.prefix(4)))
        let fn =
            "\(k.pick(["load", "parse", "merge", "resolve", "encode", "apply", "normalize"]))_\(k.pick(p.words))"
        let camelFn = fn.split(separator: "_").enumerated().map { $0 == 0 ? String($1) : $1.capitalized }
            .joined()
        let line = n.int(12...400)
        let col = n.int(5...40)
        let exp = k.int(2...500)
        // Some assertions print a value of the night (a timestamp, a count of today's rows).
        let got = k.chance(0.4) ? n.int(1_700_000_000...1_800_000_000) : exp + k.pick([-1, 1, exp])
        switch (kind, p.ecosystem) {
        case (.compile, .python), (.missingSymbol, .python):
            let errs: [String]
            if kind == .compile {
                errs = [
                    "_____________________ ERROR collecting tests/test_\(w).py ______________________",
                    "/usr/local/lib/python\(c.py)/site-packages/_pytest/python.py:493: in importtestmodule",
                    "    mod = import_path(", "tests/test_\(w).py:\(n.int(2...9)): in <module>",
                    "    from \(p.snake).\(w) import \(fn)",
                    "E     File \"\(p.builds)/src/\(p.snake)/\(w).py\", line \(line)",
                    "E       return {key: value for key, value in items.items() if value is not None",
                    "E                                                                            ^",
                    "E   SyntaxError: '{' was never closed",
                ]
            } else {
                errs = [
                    "_____________________ ERROR collecting tests/test_\(w).py ______________________",
                    "ImportError while importing test module '\(p.builds)/tests/test_\(w).py'.",
                    "Hint: make sure your test modules/packages have valid Python names.", "Traceback:",
                    "tests/test_\(w).py:\(n.int(2...9)): in <module>",
                    "    from \(p.snake).\(w) import \(fn)",
                    "E   ImportError: cannot import name '\(fn)' from '\(p.snake).\(w)' (\(p.builds)/src/\(p.snake)/\(w).py)",
                ]
            }
            return Org2Fail(
                phase: .step,
                lines: Org2Frames.pytest(
                    &c, failures: [],
                    collected: errs + [
                        "=========================== short test summary info ============================",
                        "ERROR tests/test_\(w).py",
                        "!!!!!!!!!!!!!!!!!!!! Interrupted: 1 error during collection !!!!!!!!!!!!!!!!!!!!",
                        "=============================== 1 error in \(n.seconds(0.3, 3))s ===============================",
                    ]))
        case (.assertion, .python):
            let t = Org2Test(
                id: "tests/test_\(w).py::test_\(fn)",
                detail: [
                    "", "    def test_\(fn)():", "        result = \(p.snake).\(w).\(fn)(SAMPLE)",
                    ">       assert result == \(exp)",
                    "E       assert \(got) == \(exp)", "", "tests/test_\(w).py:\(line): AssertionError",
                ], short: "assert \(got) == \(exp)")
            return Org2Fail(phase: .step, lines: Org2Frames.pytest(&c, failures: [t], collected: nil))
        case (.lint, .python):
            let mod = k.pick(["os", "sys", "typing.Any", "json", "re"])
            return Org2Fail(
                phase: .step,
                lines: [
                    "src/\(p.snake)/\(w).py:\(line % 30 + 1):\(col % 10 + 1): F401 [*] `\(mod)` imported but unused",
                    "Found 1 error.",
                    "[*] 1 fixable with the `--fix` option.",
                ])
        case (_, .julia):
            let module = p.name.replacingOccurrences(of: ".jl", with: "")
            if kind == .compile {
                return Org2Fail(
                    phase: .step,
                    lines: [
                        "     Testing Running tests...", "ERROR: LoadError: ParseError:",
                        "# Error @ \(p.builds)/src/\(w).jl:\(line):\(col)", "    acc += \(fn)(x)", "end)",
                        "#  └ ── Expected `end`", "Stacktrace:", " [1] top-level scope",
                        "   @ \(p.builds)/src/\(module).jl:\(n.int(5...30))",
                        "in expression starting at \(p.builds)/src/\(module).jl:1",
                        "ERROR: Package \(module) errored during testing",
                    ])
            }
            let header =
                "\(w): \(kind == .assertion ? "Test Failed" : "Error During Test") at \(p.builds)/test/\(w).jl:\(line)"
            var detail = [header]
            if kind == .assertion {
                detail += ["  Expression: \(fn)(x) == \(exp)", "   Evaluated: \(got) == \(exp)", ""]
            } else {
                detail += ["  Test threw exception", "  Expression: \(fn)(x) == \(exp)"]
                detail.append(
                    c.isNewJulia
                        ? "  UndefVarError: `\(fn)` not defined in `\(module)`"
                        : "  UndefVarError: `\(fn)` not defined")
            }
            detail += [
                "  Stacktrace:", "   [1] macro expansion",
                "     @ /usr/local/julia/share/julia/stdlib/v\(c.isNewJulia ? "1.11" : "1.10")/Test/src/Test.jl:672 [inlined]",
                "   [2] macro expansion", "     @ \(p.builds)/test/\(w).jl:\(line) [inlined]",
            ]
            return Org2Fail(
                phase: .step,
                lines: Org2Frames.julia(
                    &c,
                    failures: [Org2Test(id: w, detail: detail, short: kind == .assertion ? "fail" : "error")])
            )
        case (.compile, .go), (.missingSymbol, .go):
            let pkg = "\(p.goModule)/internal/\(w)"
            let msg =
                kind == .compile
                ? "declared and not used: \(k.pick(["tx", "resp", "buf", "cfg"]))"
                : "undefined: \(w).\(camelFn.capitalized)"
            var lines = ["# \(pkg)", "internal/\(w)/\(w).go:\(line):\(col): \(msg)"]
            if c.job.slot == .test { lines += ["FAIL\t\(pkg) [build failed]", "FAIL"] }
            return Org2Fail(phase: .build, lines: lines)
        case (.assertion, .go):
            let pkg = "\(p.goModule)/internal/\(w)"
            let test = "Test\(camelFn.prefix(1).uppercased() + camelFn.dropFirst())"
            let detail = [
                "--- FAIL: \(test) (\(n.seconds(0, 0.3))s)",
                "    \(w)_test.go:\(line): \(camelFn)(input) = \(got), want \(exp)",
            ]
            return Org2Fail(
                phase: .step,
                lines: Org2Frames.goTest(&c, failures: [Org2Test(id: pkg, detail: detail, short: "")]))
        case (.lint, .go):
            let v = k.pick(["resp.Body", "f", "conn", "rows"])
            return Org2Fail(
                phase: .step,
                lines: [
                    "internal/\(w)/\(w).go:\(line):\(col): Error return value of `\(v).Close` is not checked (errcheck)",
                    "\tdefer \(v).Close()", "\t           ^", "1 issues:", "* errcheck: 1",
                ])
        case (.compile, .rust), (.missingSymbol, .rust):
            var lines = ["   Compiling \(p.snake) v0.3.1 (\(p.builds))"]
            if kind == .compile {
                lines += [
                    "error[E0308]: mismatched types", "  --> src/\(w).rs:\(line):\(col)", "   |",
                    "\(line) |     let n: u32 = self.\(fn)();",
                    "   |            ---   ^^^^^^^^^^ expected `u32`, found `usize`",
                    "   |            |", "   |            expected due to this", "   |",
                    "help: you can convert a `usize` to a `u32` and panic if the converted value doesn't fit",
                    "   |",
                    "\(line) |     let n: u32 = self.\(fn)().try_into().unwrap();",
                    "   |                            ++++++++++++++++++++", "",
                    "For more information about this error, try `rustc --explain E0308`.",
                ]
            } else {
                lines += [
                    "error[E0425]: cannot find function `\(fn)` in module `\(w)`",
                    "  --> src/lib.rs:\(line):\(col)", "   |",
                    "\(line) |     \(w)::\(fn)(&input)?;", "   |     ^^^^ not found in `\(w)`", "",
                    "For more information about this error, try `rustc --explain E0425`.",
                ]
            }
            lines.append("error: could not compile `\(p.snake)` (lib) due to 1 previous error")
            return Org2Fail(phase: .build, lines: lines, exitCode: 101)
        case (.assertion, .rust):
            let id = "\(w)::tests::\(fn)"
            let t = Org2Test(
                id: id,
                detail: [
                    "thread '\(id)' panicked at src/\(w).rs:\(line):\(col):",
                    "assertion `left == right` failed", "  left: \(got)",
                    " right: \(exp)",
                    "note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace",
                ], short: "")
            return Org2Fail(phase: .step, lines: Org2Frames.cargoTest(&c, failures: [t]), exitCode: 101)
        case (.lint, .rust):
            return Org2Fail(
                phase: .step,
                lines: [
                    "    Checking \(p.snake) v0.3.1 (\(p.builds))", "error: unneeded `return` statement",
                    "  --> src/\(w).rs:\(line):\(col)",
                    "   |", "\(line) |         return Ok(acc);", "   |         ^^^^^^^^^^^^^^", "   |",
                    "   = help: for further information visit https://rust-lang.github.io/rust-clippy/master/index.html#needless_return",
                    "   = note: `-D clippy::needless-return` implied by `-D warnings`",
                    "   = help: to override `-D warnings` add `#[allow(clippy::needless_return)]`", "",
                    "error: could not compile `\(p.snake)` (lib) due to 1 previous error",
                ], exitCode: 101)
        case (.compile, .maven), (.missingSymbol, .maven), (.compile, .gradle), (.missingSymbol, .gradle):
            let file =
                "\(p.builds)/src/main/java/\(p.javaPackage.replacingOccurrences(of: ".", with: "/"))/\(w.capitalized)Service.java"
            let msg: [String] =
                kind == .compile
                ? [
                    "incompatible types: \(k.pick(["java.lang.String cannot be converted to int", "possible lossy conversion from long to int", "java.util.Optional<java.lang.String> cannot be converted to java.lang.String", "java.util.List<\(p.javaPackage).\(w.capitalized)> cannot be converted to java.util.Set<\(p.javaPackage).\(w.capitalized)>"]))"
                ]
                : [
                    "cannot find symbol", "  symbol:   method \(camelFn)(java.lang.String)",
                    "  location: class \(p.javaPackage).\(w.capitalized)Util",
                ]
            return javaCompile(&c, file: file, line: line, col: col, message: msg)
        case (.assertion, .maven), (.assertion, .gradle):
            let cls = "\(p.javaPackage).\(w.capitalized)Test"
            let m = "test\(camelFn.prefix(1).uppercased() + camelFn.dropFirst())"
            if p.ecosystem == .gradle {
                let t = Org2Test(
                    id: "\(cls).\(m)",
                    detail: [
                        "\(w.capitalized)Test > \(m)() FAILED",
                        "    org.opentest4j.AssertionFailedError at \(w.capitalized)Test.java:\(line)",
                    ], short: "")
                return Org2Fail(phase: .step, lines: Org2Frames.gradle(&c, failures: [t]))
            }
            let t = Org2Test(
                id: "\(cls).\(m)",
                detail: [
                    "[ERROR] \(cls).\(m) -- Time elapsed: \(n.seconds(0.001, 0.3)) s <<< FAILURE!",
                    "org.opentest4j.AssertionFailedError: expected: <\(exp)> but was: <\(got)>",
                    "\tat org.junit.jupiter.api.AssertionFailureBuilder.build(AssertionFailureBuilder.java:151)",
                    "\tat org.junit.jupiter.api.AssertEquals.failNotEqual(AssertEquals.java:197)",
                    "\tat org.junit.jupiter.api.AssertEquals.assertEquals(AssertEquals.java:150)",
                    "\tat \(cls).\(m)(\(w.capitalized)Test.java:\(line))", "",
                ], short: "\(w.capitalized)Test.\(m):\(line) expected: <\(exp)> but was: <\(got)>")
            return Org2Fail(phase: .step, lines: Org2Frames.maven(&c, failures: [t]))
        case (.lint, .gradle):
            let file =
                "\(p.builds)/src/main/java/\(p.javaPackage.replacingOccurrences(of: ".", with: "/"))/\(w.capitalized)Service.java"
            return Org2Fail(
                phase: .step,
                lines: [
                    "> Task :checkstyleMain",
                    "[ant:checkstyle] [ERROR] \(file):\(line):\(col): '\(k.pick(["config", "client", "timeout"]))' hides a field. [HiddenField]",
                    "", "> Task :checkstyleMain FAILED", "", "FAILURE: Build failed with an exception.", "",
                    "* What went wrong:",
                    "Execution failed for task ':checkstyleMain'.",
                    "> Checkstyle rule violations were found. See the report at: file://\(p.builds)/build/reports/checkstyle/main.html",
                    "  Checkstyle files with violations: 1", "  Checkstyle violations by severity: [error:1]",
                    "",
                    "BUILD FAILED in \(n.int(5...40))s",
                ])
        case (.compile, .npm), (.missingSymbol, .npm):
            let file = "src/\(w)/\(k.pick(p.words)).ts"
            let msg =
                kind == .compile
                ? [
                    "\(file)(\(line),\(col)): error TS2345: Argument of type '\(k.pick(["string | undefined", "number", "\(w.capitalized)Options"]))' is not assignable to parameter of type '\(k.pick(["string", "\(w.capitalized)Config", "Partial<\(camelFn.capitalized)>"]))'."
                ]
                : [
                    "\(file)(\(line),\(col)): error TS2305: Module '\"./\(w)\"' has no exported member '\(camelFn)'."
                ]
            if c.job.slot == .test {
                let detail = [
                    "  ● Test suite failed to run", "",
                    "    \(msg[0].replacingOccurrences(of: "\(file)(\(line),\(col)): error ", with: "\(file):\(line):\(col) - error "))",
                    "",
                ]
                return Org2Fail(
                    phase: .step,
                    lines: Org2Frames.jest(
                        &c, failures: [Org2Test(id: "src/\(w)/\(w).test.ts", detail: detail, short: "suite")])
                )
            }
            return Org2Fail(
                phase: .step, lines: msg + ["", "", "Found 1 error in \(file):\(line)", ""], exitCode: 2)
        case (.assertion, .npm):
            let detail = [
                "  ● \(w.capitalized) › \(fn.replacingOccurrences(of: "_", with: " ")) returns the expected total",
                "",
                "    expect(received).toEqual(expected) // deep equality", "", "    Expected: \(exp)",
                "    Received: \(got)", "",
                "      \(line - 1) |   const out = \(camelFn)(input);",
                "    > \(line) |   expect(out).toEqual(\(exp));",
                "         |               ^", "      \(line + 1) | });", "",
                "      at Object.<anonymous> (src/\(w)/\(w).test.ts:\(line):\(col))",
            ]
            return Org2Fail(
                phase: .step,
                lines: Org2Frames.jest(
                    &c, failures: [Org2Test(id: "src/\(w)/\(w).test.ts", detail: detail, short: "")]))
        case (.lint, .npm):
            let v = k.pick(["result", "unused", "tmp", "opts"])
            return Org2Fail(
                phase: .step,
                lines: [
                    "", "\(p.builds)/src/\(w)/\(w).ts",
                    "  \(line):\(col)  error  '\(v)' is assigned a value but never used  @typescript-eslint/no-unused-vars",
                    "", "✖ 1 problem (1 error, 0 warnings)", "",
                ])
        case (.compile, .ruby), (.missingSymbol, .ruby):
            let lines: [String]
            if kind == .compile {
                lines = [
                    "Randomized with seed \(n.int(1000...65535))", "",
                    "An error occurred while loading ./spec/\(p.snake)/\(w)_spec.rb.",
                    "Failure/Error: require_relative '../../lib/\(p.snake)/\(w)'", "", "SyntaxError:",
                    "  --> \(p.builds)/lib/\(p.snake)/\(w).rb", "  \(line) |   end", "  unexpected 'end'",
                    "  \(p.builds)/lib/\(p.snake)/\(w).rb:\(line): syntax errors found (SyntaxError)",
                    "# ./spec/\(p.snake)/\(w)_spec.rb:3:in `<top (required)>'", "No examples found.", "",
                    "Finished in 0.0000\(n.int(1...9)) seconds (files took \(n.seconds(0.2, 2)) seconds to load)",
                    "0 examples, 0 failures, 1 error occurred outside of examples",
                ]
                return Org2Fail(phase: .step, lines: lines)
            }
            let t = Org2Test(
                id: "rspec ./spec/\(p.snake)/\(w)_spec.rb:\(line)",
                detail: [
                    "     Failure/Error: parser = \(p.camel)::\(w.capitalized)Parser.new(io)", "",
                    "     NameError:",
                    "       uninitialized constant \(p.camel)::\(w.capitalized)Parser",
                    "     # ./spec/\(p.snake)/\(w)_spec.rb:\(line + 1):in `block (2 levels) in <top (required)>'",
                ], short: "\(p.camel)::\(w.capitalized) parses the header")
            return Org2Fail(phase: .step, lines: Org2Frames.rspec(&c, failures: [t]))
        case (.assertion, .ruby):
            let t = Org2Test(
                id: "rspec ./spec/\(p.snake)/\(w)_spec.rb:\(line)",
                detail: [
                    "     Failure/Error: expect(subject.\(fn)).to eq(\(exp))", "", "       expected: \(exp)",
                    "            got: \(got)", "",
                    "       (compared using ==)",
                    "     # ./spec/\(p.snake)/\(w)_spec.rb:\(line + 1):in `block (3 levels) in <top (required)>'",
                ], short: "\(p.camel)::\(w.capitalized)#\(fn) returns the total")
            return Org2Fail(phase: .step, lines: Org2Frames.rspec(&c, failures: [t]))
        case (.lint, .ruby):
            return Org2Fail(
                phase: .step,
                lines: [
                    "Inspecting \(n.int(40...200)) files", "....C.....", "", "Offenses:", "",
                    "lib/\(p.snake)/\(w).rb:\(line):\(col): C: [Correctable] Style/StringLiterals: Prefer single-quoted strings when you don't need string interpolation or special symbols.",
                    "      raise ArgumentError, \"missing \(w)\"",
                    "                           ^^^^^^^^^^^^^^^", "",
                    "\(n.int(40...200)) files inspected, 1 offense detected, 1 offense autocorrectable",
                ])
        case (.compile, .cmake), (.compile, .make), (.missingSymbol, .cmake), (.missingSymbol, .make):
            let file = "\(p.builds)/src/\(w).c"
            var lines: [String]
            if kind == .compile {
                lines =
                    c.clang
                    ? [
                        "\(file):\(line):\(col): error: assigning to 'size_t' (aka 'unsigned long') from incompatible type 'struct \(w)_buf'",
                        "    n = \(fn)(ctx);", "      ^ ~~~~~~~~~~~~~~~~~~~~", "1 error generated.",
                    ]
                    : [
                        "\(file): In function '\(w)_init':",
                        "\(file):\(line):\(col): error: incompatible types when assigning to type 'size_t' {aka 'long unsigned int'} from type 'struct \(w)_buf'",
                        "  \(line) |     n = \(fn)(ctx);", "      |         ^~~~~~~~~~~~~~~~~~",
                    ]
                lines += makeTail(&c, object: "src/\(w).c.o")
            } else {
                lines =
                    [
                        "/usr/bin/ld: CMakeFiles/\(p.snake).dir/src/\(w).c.o: in function `\(w)_init':",
                        "\(file):\(line):(.text+0x\(n.hex(3))): undefined reference to `\(fn)'",
                        c.clang
                            ? "clang: error: linker command failed with exit code 1 (use -v to see invocation)"
                            : "collect2: error: ld returned 1 exit status",
                    ] + makeTail(&c, object: "lib\(p.snake).so")
            }
            return Org2Fail(phase: .build, lines: lines, exitCode: 2)
        case (.assertion, .cmake):
            let t = Org2Test(
                id: "\(w)_unit",
                detail: [
                    "test_\(w): \(p.builds)/tests/test_\(w).c:\(line): test_\(fn): Assertion `\(fn)(buf) == \(exp)' failed.",
                    "Subprocess aborted",
                ], short: "")
            return Org2Fail(phase: .step, lines: Org2Frames.ctest(&c, failures: [t]), exitCode: 8)
        case (.assertion, .make):
            let t = Org2Test(
                id: "tests/test_\(w)",
                detail: [
                    "test_\(w): tests/test_\(w).c:\(line): test_\(fn): Assertion `\(fn)(buf) == \(exp)' failed.",
                    "FAIL tests/test_\(w) (exit status: 134)",
                ],
                short: "")
            return Org2Fail(phase: .step, lines: Org2Frames.automake(&c, failures: [t]), exitCode: 2)
        case (.compile, .swift), (.missingSymbol, .swift):
            let file = "\(p.builds)/Sources/\(p.camel)/\(w.capitalized).swift"
            let msg =
                kind == .compile
                ? "cannot convert value of type '\(k.pick(["Int", "[String]", "\(w.capitalized)?", "Substring"]))' to expected argument type '\(k.pick(["String", "\(w.capitalized)", "Int64", "URL"]))'"
                : "cannot find '\(camelFn)' in scope"
            return Org2Fail(
                phase: .build,
                lines: [
                    "[\(n.int(5...60))/\(n.int(80...140))] Compiling \(p.camel) \(w.capitalized).swift",
                    "\(file):\(line):\(col): error: \(msg)", "error: fatalError",
                ])
        case (.assertion, .swift):
            let test =
                "\(p.camel)Tests.\(w.capitalized)Tests/test\(camelFn.prefix(1).uppercased() + camelFn.dropFirst())"
            let t = Org2Test(
                id: test,
                detail: [
                    "Test Case '\(test)' started at \(c.night) 20:\(n.int(10...59)):\(n.int(10...59)).\(n.int(100...999))",
                    "\(p.builds)/Tests/\(p.camel)Tests/\(w.capitalized)Tests.swift:\(line): error: \(test) : XCTAssertEqual failed: (\"\(got)\") is not equal to (\"\(exp)\")",
                    "Test Case '\(test)' failed (\(n.seconds(0.001, 0.5)) seconds)",
                ], short: "")
            return Org2Fail(phase: .step, lines: Org2Frames.swiftTest(&c, failures: [t]))
        case (.lint, .swift):
            return Org2Fail(
                phase: .step,
                lines: [
                    "Linting Swift files in current working directory",
                    "\(p.builds)/Sources/\(p.camel)/\(w.capitalized).swift:\(line):\(col): error: Force Unwrapping Violation: Force unwrapping should be avoided (force_unwrapping)",
                    "Done linting! Found 1 violation, 1 serious in \(n.int(20...120)) files.",
                ], exitCode: 2)
        case (_, .docker):
            let ref = "\(n.uuid())::\(n.alnum(25).lowercased())"
            return Org2Fail(
                phase: .step,
                lines: Org2Frames.buildkit(&c, failing: nil)
                    .prefix(12) + [
                        "#6 [build 3/6] COPY config/\(w).yaml /etc/\(p.kebab)/",
                        "#6 ERROR: failed to calculate checksum of ref \(ref): \"/config/\(w).yaml\": not found",
                        "------", " > [build 3/6] COPY config/\(w).yaml /etc/\(p.kebab)/:", "------",
                        "Dockerfile:\(line % 20 + 3)",
                        "--------------------",
                        "  \(line % 20 + 3) | >>> COPY config/\(w).yaml /etc/\(p.kebab)/",
                        "--------------------",
                        "ERROR: failed to solve: failed to compute cache key: failed to calculate checksum of ref \(ref): \"/config/\(w).yaml\": not found",
                    ])
        default:
            return Org2Fail(phase: .step, lines: ["error: \(kind) in \(p.ecosystem)"])
        }
    }

    static func javaCompile(_ c: inout Org2Context, file: String, line: Int, col: Int, message: [String])
        -> Org2Fail
    {
        if c.p.ecosystem == .maven {
            var errs = ["[ERROR] \(file):[\(line),\(col)] \(message[0])"]
            errs += message.dropFirst().map { "[ERROR] \($0)" }
            return Org2Fail(phase: .step, lines: Org2Frames.mavenCompile(&c, errors: errs))
        }
        var lines = ["> Task :compileJava", "\(file):\(line): error: \(message[0])"]
        lines += message.dropFirst()
        lines += [
            "1 error", "", "> Task :compileJava FAILED", "", "FAILURE: Build failed with an exception.", "",
            "* What went wrong:",
            "Execution failed for task ':compileJava'.",
            "> Compilation failed; see the compiler error output for details.", "",
            "* Try:", "> Run with --info option to get more log output.", "",
            "BUILD FAILED in \(c.d.int(5...60))s",
        ]
        return Org2Fail(phase: .step, lines: lines)
    }

    // MARK: Decoys

    static func decoy(_ pair: Int, _ id: String, _ c: inout Org2Context, _ n: inout Dice) -> Org2Fail {
        let p = c.p
        var base = Dice(0, p.path, "decoy\(pair)")
        let w = base.pick(Array(p.words.prefix(4)))
        let line = n.int(12...300)
        let col = n.int(5...30)
        switch Org2Decoys.families[pair] {
        case "python":
            let t = Org2Test(
                id: "tests/test_\(w).py::test_group_by_\(id)",
                detail: [
                    "", "    def test_group_by_\(id)():",
                    ">       rows = \(p.snake).\(w).group(RECORDS, key=\"\(id)\")", "",
                    "tests/test_\(w).py:\(line): ",
                    "_ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _",
                    "",
                    "records = [{'id': \(n.int(1...99)), 'name': '\(n.pick(p.words))'}, ...], key = '\(id)'",
                    "",
                    "    def group(records, key):", "        out = defaultdict(list)",
                    "        for r in records:",
                    ">           out[r[key]].append(r)", "E           KeyError: '\(id)'", "",
                    "src/\(p.snake)/\(w).py:\(line / 3 + 4): KeyError",
                ], short: "KeyError: '\(id)'")
            return Org2Fail(phase: .step, lines: Org2Frames.pytest(&c, failures: [t], collected: nil))
        case "go":
            let pkg = "\(p.goModule)/internal/\(w)"
            var lines = ["# \(pkg)", "internal/\(w)/\(w).go:\(line):\(col): undefined: \(id)"]
            if c.job.slot == .test { lines += ["FAIL\t\(pkg) [build failed]", "FAIL"] }
            return Org2Fail(phase: .build, lines: lines)
        case "julia":
            let module = p.name.replacingOccurrences(of: ".jl", with: "")
            var detail = [
                "\(w): Error During Test at \(p.builds)/test/\(w).jl:\(line)", "  Test threw exception",
                "  Expression: \(id)(d, 0.5) ≈ \(n.seconds(0, 1))",
            ]
            detail.append(
                c.isNewJulia
                    ? "  UndefVarError: `\(id)` not defined in `\(module)`"
                    : "  UndefVarError: `\(id)` not defined")
            if c.isNewJulia { detail.append("  Suggestion: check for spelling errors or missing imports.") }
            detail += [
                "  Stacktrace:", "   [1] density(d::\(module).Model{Float64}, x::Float64)",
                "     @ \(module) \(p.builds)/src/\(w).jl:\(line / 2 + 3)",
                "   [2] macro expansion", "     @ \(p.builds)/test/\(w).jl:\(line) [inlined]",
            ]
            return Org2Fail(
                phase: .step,
                lines: Org2Frames.julia(&c, failures: [Org2Test(id: w, detail: detail, short: "error")]))
        case "rust":
            return Org2Fail(
                phase: .build,
                lines: [
                    "   Compiling \(p.snake) v0.3.1 (\(p.builds))",
                    "error[E0425]: cannot find value `\(id)` in this scope",
                    "  --> src/\(w).rs:\(line):\(col)", "   |", "\(line) |     for attempt in 0..\(id) {",
                    "   |                       \(String(repeating: "^", count: id.count)) not found in this scope",
                    "",
                    "For more information about this error, try `rustc --explain E0425`.",
                    "error: could not compile `\(p.snake)` (lib) due to 1 previous error",
                ], exitCode: 101)
        case "npm":
            let detail = [
                "  ● Test suite failed to run", "", "    Cannot find module '\(id)' from 'src/\(w)/i18n.ts'",
                "", "    Require stack:",
                "      src/\(w)/i18n.ts", "      src/\(w)/\(w).test.ts", "",
                "      \(line % 9 + 1) | import { format } from './format';",
                "    > \(line % 9 + 2) | import messages from '\(id)';",
                "        | ^", "",
                "      at Resolver._throwModNotFoundError (node_modules/jest-resolve/build/resolver.js:427:11)",
                "      at Object.<anonymous> (src/\(w)/i18n.ts:\(line % 9 + 2):1)",
            ]
            return Org2Fail(
                phase: .step,
                lines: Org2Frames.jest(
                    &c, failures: [Org2Test(id: "src/\(w)/\(w).test.ts", detail: detail, short: "suite")]))
        default:
            let file =
                "\(p.builds)/src/main/java/\(p.javaPackage.replacingOccurrences(of: ".", with: "/"))/\(w.capitalized)Controller.java"
            return javaCompile(
                &c, file: file, line: line, col: col,
                message: [
                    "cannot find symbol", "  symbol:   method \(id)()",
                    "  location: variable \(w) of type \(p.javaPackage).\(w.capitalized)",
                ])
        }
    }
}
