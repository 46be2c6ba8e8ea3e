from gen_common import *

CASES = []


def case(f):
    CASES.append(f)
    return f


# ---------------------------------------------------------------------------
OPAM_DEPS = [('conf-m4', '1'), ('ocamlfind', '1.8.0'), ('ocamlbuild', '0.12.0'), ('jbuilder', '1.0+beta20'), ('result', '1.3'),
             ('topkg', '0.9.1'), ('cppo', '1.6.4'), ('ocaml-compiler-libs', 'v0.10.0'), ('ocaml-migrate-parsetree', '1.0.11'),
             ('ppx_derivers', '1.0'), ('sexplib0', 'v0.10.0'), ('base', 'v0.10.0'), ('stdio', 'v0.10.0'), ('ppxlib', '0.2.0'),
             ('ppx_deriving', '4.2.1'), ('ppx_tools', '5.1+4.06.0'), ('cmdliner', '1.0.2'), ('fmt', '0.8.5'), ('astring', '0.8.3'),
             ('uchar', '0.0.2'), ('uutf', '1.0.1'), ('jsonm', '1.0.1'), ('ezjsonm', '0.6.0'), ('hex', '1.2.0'),
             ('cstruct', '3.2.1'), ('alcotest', '0.8.3'), ('re', '1.7.3'), ('seq', 'base'), ('ocplib-endian', '1.0'),
             ('bigarray-compat', '1.0.0'), ('stringext', '1.5.0'), ('uri', '1.9.6'), ('base-bytes', 'base'), ('yojson', '1.4.1'),
             ('biniou', '1.2.0'), ('easy-format', '1.3.1'), ('ppx_deriving_yojson', '3.1')]


@case
def ocaml_opam_jbuilder():
    L = Travis(2701, 'mirage-fans', 'ocaml-msgcodec', 'c', dist='trusty', year=2018, when=1539300000)
    L.worker_info()
    L.system_info()
    L.cache_fetch(['$HOME/.opam'], found=False)
    L.checkout()
    L.env_vars([('OCAML_VERSION', '4.06'), ('PACKAGE', 'msgcodec'), ('TESTS', 'true')])
    L.ln('$ export CC=gcc')
    L.ln('$ gcc --version')
    L.ln('gcc (Ubuntu 4.8.4-2ubuntu1~14.04.4) 4.8.4')
    L.ln('Copyright (C) 2013 Free Software Foundation, Inc.')
    L.ln('This is free software; see the source for copying conditions.  There is NO')
    L.ln('warranty; not even for MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.')
    L.ln()
    h = L.start('wget https://raw.githubusercontent.com/ocaml/ocaml-ci-scripts/master/.travis-opam.sh', fold='install')
    L.ln('--2018-10-12 00:20:11--  https://raw.githubusercontent.com/ocaml/ocaml-ci-scripts/master/.travis-opam.sh')
    L.ln('Resolving raw.githubusercontent.com (raw.githubusercontent.com)... 151.101.200.133')
    L.ln('Connecting to raw.githubusercontent.com (raw.githubusercontent.com)|151.101.200.133|:443... connected.')
    L.ln('HTTP request sent, awaiting response... 200 OK')
    L.ln('Length: 6104 (6.0K) [text/plain]')
    L.ln('Saving to: ‘.travis-opam.sh’')
    L.ln()
    L.ln('     0K .....                                                 100% 43.1M=0s')
    L.ln()
    L.ln('2018-10-12 00:20:11 (43.1 MB/s) - ‘.travis-opam.sh’ saved [6104/6104]')
    L.ln()
    L.end(h, dur=0.5, announce=None)
    L.raw('\n')
    h = L.start('bash -ex .travis-opam.sh')
    L.ln("+ echo -en 'travis_fold:start:prepare.ci\\r'")
    L.raw('travis_fold:start:prepare.ci\r')
    for l in ['+ source .travis-ocaml.sh', '++ '.ljust(3) + 'fold_name=prepare', '++ TRAVIS_OS_NAME=linux', '++ OPAM_VERSION=2.0.0',
              '++ OPAM_INIT=true', '++ OPAM_SWITCH=4.06.1', '++ case $OCAML_VERSION in', '++ OCAML_FULL_VERSION=4.06.1',
              '++ install_on_linux', '++ case "$OCAML_VERSION,$OPAM_VERSION" in', '++ OCAML_FULL_VERSION=4.06.1',
              "++ sudo add-apt-repository --yes ppa:avsm/ppa"]:
        L.ln(l)
    L.ln('gpg: keyring `/tmp/tmpblgrq8p0/secring.gpg\' created')
    L.ln('gpg: keyring `/tmp/tmpblgrq8p0/pubring.gpg\' created')
    L.ln('gpg: requesting key 5B2D0C5561707B09 from hkp server keyserver.ubuntu.com')
    L.ln('gpg: key 61707B09: public key "Launchpad Anil Madhavapeddy\'s PPA" imported')
    L.ln('gpg: Total number processed: 1')
    L.ln('gpg:               imported: 1  (RSA: 1)')
    L.ln('OK')
    L.ln('++ sudo apt-get update -qq')
    L.ln('++ sudo apt-get install -y m4 rsync aspcud bubblewrap')
    apt_install(L, [('aspcud', '1.9.0-2', 208.1), ('clasp', '3.1.1-1', 196.6), ('gringo', '4.4.0-1', 423.7),
                    ('bubblewrap', '0.2.1-1~ubuntu14.04.1', 41.6), ('m4', '1.4.17-2ubuntu1', 195.4)])
    L.ln('++ sudo curl -sL https://github.com/ocaml/opam/releases/download/2.0.0/opam-2.0.0-x86_64-linux -o /usr/local/bin/opam')
    L.ln('++ sudo chmod +x /usr/local/bin/opam')
    L.ln('++ opam init -a -y --compiler=4.06.1 https://github.com/ocaml/opam-repository.git')
    L.ln('[NOTE] Will configure from built-in defaults.')
    L.ln('Checking for available remotes: rsync and local, git.')
    L.ln("  - you won't be able to use mercurial repositories unless you install the hg command on your system.")
    L.ln("  - you won't be able to use darcs repositories unless you install the darcs command on your system.")
    L.ln()
    L.ln()
    L.ln('<><> Fetching repository information ><><><><><><><><><><><><><><><><><><><><><>')
    L.ln('[default] Initialised')
    L.ln()
    L.ln('<><> Required setup - please read <><><><><><><><><><><><><><><><><><><><><><>')
    L.ln()
    L.ln('  In normal operation, opam only alters files within ~/.opam.')
    L.ln()
    L.ln('  However, to best integrate with your system, some environment variables')
    L.ln('  should be set. When you re-open this shell, opam will load them automatically.')
    L.ln()
    L.ln('<><> Creating initial switch (ocaml-base-compiler.4.06.1) ><><><><><><><><><>')
    L.ln()
    L.ln('<><> Gathering sources ><><><><><><><><><><><><><><><><><><><><><><><><><><><><>')
    L.ln('[ocaml-base-compiler.4.06.1] downloaded from cache at https://opam.ocaml.org/cache')
    L.ln()
    L.ln('<><> Processing actions <><><><><><><><><><><><><><><><><><><><><><><><><><><><>')
    for p in ['base-bigarray.base', 'base-threads.base', 'base-unix.base', 'ocaml-base-compiler.4.06.1', 'ocaml-config.1', 'ocaml.4.06.1']:
        L.ln(f'∗ installed {p}')
    L.ln('Done.')
    L.ln("++ eval '$(opam env)'")
    L.ln('+++ opam env')
    L.ln("+ echo -en 'travis_fold:end:prepare.ci\\r'")
    L.raw('travis_fold:end:prepare.ci\r')
    L.ln('+ opam pin add msgcodec . -n -k git')
    L.ln(f"[NOTE] Package msgcodec does not exist in opam repositories registered in the current switch.")
    L.ln(f'msgcodec is now pinned to git+file://{L.build_dir}#master (version dev)')
    L.ln('+ opam depext -u msgcodec')
    L.ln('# Detecting depexts using vars: arch=x86_64, os=linux, os-distribution=ubuntu, os-family=debian')
    L.ln('# No extra OS packages requirements found.')
    L.ln('# All required OS packages found.')
    L.ln("+ echo -en 'travis_fold:start:install.deps\\r'")
    L.raw('travis_fold:start:install.deps\r')
    L.ln('+ opam install --deps-only -t msgcodec')
    L.ln('The following actions will be performed:')
    for p, v in OPAM_DEPS:
        L.ln(f'  ∗ install {p:<26s}{v:<12s}[required by msgcodec]' if L.R.random() < 0.4 else f'  ∗ install {p:<26s}{v}')
    L.ln(f'===== ∗ {len(OPAM_DEPS)} =====')
    L.ln()
    L.ln('<><> Gathering sources ><><><><><><><><><><><><><><><><><><><><><><><><><><><><>')
    for p, v in OPAM_DEPS:
        if v != 'base' and p != 'conf-m4':
            L.ln(f'[{p}.{v}] downloaded from cache at https://opam.ocaml.org/cache')
    L.ln()
    L.ln('<><> Processing actions <><><><><><><><><><><><><><><><><><><><><><><><><><><><>')
    for p, v in OPAM_DEPS:
        if v != 'base' and p not in ('conf-m4',):
            L.ln(f'∗ installed {p}.{v}')
        else:
            L.ln(f'∗ installed {p}.{v}')
    L.ln('Done.')
    L.ln("+ echo -en 'travis_fold:end:install.deps\\r'")
    L.raw('travis_fold:end:install.deps\r')
    L.ln('+ opam install -t msgcodec')
    L.ln()
    L.ln('The following actions will be performed:')
    L.ln('  ∗ install msgcodec dev*')
    L.ln()
    L.ln('<><> Gathering sources ><><><><><><><><><><><><><><><><><><><><><><><><><><><><>')
    L.ln('[msgcodec.dev] synchronised from git+file:///home/travis/build/mirage-fans/ocaml-msgcodec#master')
    L.ln()
    L.ln('<><> Processing actions <><><><><><><><><><><><><><><><><><><><><><><><><><><><>')
    L.ln(red('[ERROR]') + ' The compilation of msgcodec failed at "/home/travis/.opam/4.06.1/bin/jbuilder build -p msgcodec -j 4".', 'E')
    L.ln()
    L.ln('#=== ERROR while compiling msgcodec.dev ========================================#')
    L.ln('# context     2.0.0 | linux/x86_64 | ocaml-base-compiler.4.06.1 | pinned(git+file:///home/travis/build/mirage-fans/ocaml-msgcodec#master#4e6b1a9d)')
    L.ln('# path        ~/.opam/4.06.1/.opam-switch/build/msgcodec.dev')
    L.ln('# command     ~/.opam/4.06.1/bin/jbuilder build -p msgcodec -j 4')
    L.ln('# exit-code   1')
    L.ln('# env-file    ~/.opam/log/msgcodec-3021-7e1f0c.env')
    L.ln('# output-file ~/.opam/log/msgcodec-3021-7e1f0c.out')
    L.ln('### output ###')
    L.ln('#     ocamlopt src/.msgcodec.objs/msgcodec__Wire.{cmx,o} (exit 2)', 'C')
    L.ln('# (cd _build/default && /home/travis/.opam/4.06.1/bin/ocamlopt.opt -w -40 -g -I src/.msgcodec.objs -I /home/travis/.opam/4.06.1/lib/bytes -I /home/travis/.opam/4.06.1/lib/cstruct -I /home/travis/.opam/4.06.1/lib/result -I /home/travis/.opam/4.06.1/lib/sexplib0 -intf-suffix .ml -no-alias-deps -open Msgcodec -o src/.msgcodec.objs/msgcodec__Wire.cmx -c -impl src/wire.ml)')
    with L.mark('E'):
        L.ln('# File "src/wire.ml", line 57, characters 24-40:')
        L.ln('# Error: This expression has type string but an expression was expected of type')
        L.ln('#          bytes')
    L.ln()
    L.ln()
    L.ln()
    L.ln('<><> Error report <><><><><><><><><><><><><><><><><><><><><><><><><><><><><><><>')
    L.ln('┌─ The following actions failed', 'C')
    L.ln('│ λ build msgcodec dev', 'C')
    L.ln('└─ ')
    L.ln('╶─ No changes have been performed')
    L.end(h, rc=31, dur=412.0)
    L.cache_store(['/home/travis/.opam'])
    L.done(1)
    return 'ocaml-opam-jbuilder-safe-string', L, dict(ecosystem='ocaml', ci='travis', tool='opam + jbuilder', failure_kind='build')


# ---------------------------------------------------------------------------
@case
def go_gofmt_vet():
    L = Travis(2801, 'lorenzb', 'kvmesh', 'go', dist='xenial', year=2019, when=1550000000)
    L.worker_info()
    L.system_info()
    L.checkout()
    gp = f'$HOME/gopath/src/github.com/{L.slug}'
    L.ln('$ export GOPATH=$HOME/gopath')
    L.ln('$ export PATH=$HOME/gopath/bin:$PATH')
    L.ln(f'$ mkdir -p {gp}')
    L.ln(f'$ tar -Pczf ${{TRAVIS_TMPDIR}}/src_archive.tar.gz -C ${{TRAVIS_BUILD_DIR}} . && tar -Pxzf ${{TRAVIS_TMPDIR}}/src_archive.tar.gz -C {gp}')
    L.ln(f'$ export TRAVIS_BUILD_DIR={gp}')
    L.ln(f'$ cd {gp}')
    L.fold_start('gimme')
    h = L.start('travis_setup_go')
    L.ln('go version go1.11.5 linux/amd64')
    L.end(h, dur=3.4, announce=None)
    L.fold_end('gimme')
    L.raw('\n')
    L.ln('$ export GOPATH=$HOME/gopath')
    L.ln('$ export PATH=$HOME/gopath/bin:$PATH')
    L.ln('$ export GO111MODULE=auto')
    L.ln('$ go version')
    L.ln('go version go1.11.5 linux/amd64')
    L.fold_start('go.env')
    L.ln('$ go env')
    for l in ['GOARCH="amd64"', 'GOBIN=""', 'GOCACHE="/home/travis/.cache/go-build"', 'GOEXE=""', 'GOFLAGS=""', 'GOHOSTARCH="amd64"',
              'GOHOSTOS="linux"', 'GOOS="linux"', 'GOPATH="/home/travis/gopath"', 'GOPROXY=""', 'GORACE=""',
              'GOROOT="/home/travis/.gimme/versions/go1.11.5.linux.amd64"', 'GOTMPDIR=""',
              'GOTOOLDIR="/home/travis/.gimme/versions/go1.11.5.linux.amd64/pkg/tool/linux_amd64"', 'GCCGO="gccgo"', 'CC="gcc"',
              'CXX="g++"', 'CGO_ENABLED="1"', 'GOMOD=""', 'CGO_CFLAGS="-g -O2"', 'CGO_CPPFLAGS=""', 'CGO_CXXFLAGS="-g -O2"',
              'CGO_FFLAGS="-g -O2"', 'CGO_LDFLAGS="-g -O2"', 'PKG_CONFIG="pkg-config"',
              'GOGCCFLAGS="-fPIC -m64 -pthread -fmessage-length=0 -fdebug-prefix-map=/tmp/go-build615380151=/tmp/go-build -gno-record-gcc-switches"']:
        L.ln(l)
    L.fold_end('go.env')
    L.raw('\n')
    h = L.start('travis_retry go get -t -v ./...', fold='install.1')
    pkgs = ['github.com/hashicorp/memberlist', 'github.com/hashicorp/go-msgpack/codec', 'github.com/hashicorp/go-sockaddr',
            'github.com/hashicorp/errwrap', 'github.com/hashicorp/go-multierror', 'github.com/miekg/dns', 'golang.org/x/net/ipv4',
            'golang.org/x/net/ipv6', 'golang.org/x/net/bpf', 'golang.org/x/net/internal/iana', 'golang.org/x/net/internal/socket',
            'golang.org/x/crypto/ed25519', 'golang.org/x/sys/unix', 'github.com/google/btree', 'github.com/sean-/seed',
            'github.com/armon/go-metrics', 'github.com/pkg/errors', 'github.com/stretchr/testify/assert',
            'github.com/davecgh/go-spew/spew', 'github.com/pmezard/go-difflib/difflib', 'go.etcd.io/bbolt']
    for p in pkgs[:12]:
        L.ln(f'{p} (download)' if '/' in p and p.count('/') == 2 else p)
    L.ln('# cd .; git clone https://go.googlesource.com/sys /home/travis/gopath/src/golang.org/x/sys')
    L.ln("Cloning into '/home/travis/gopath/src/golang.org/x/sys'...")
    L.ln("fatal: unable to access 'https://go.googlesource.com/sys/': The requested URL returned error: 502")
    L.ln('package golang.org/x/sys/unix: exit status 128')
    L.retry_fail_msg('go get -t -v ./...', 2)
    for p in pkgs:
        L.ln(f'{p} (download)' if p.count('/') == 2 else p)
    for p in ['github.com/lorenzb/kvmesh/internal/proto', 'github.com/lorenzb/kvmesh/internal/store', 'github.com/lorenzb/kvmesh/internal/api',
              'github.com/lorenzb/kvmesh/internal/cluster', 'github.com/lorenzb/kvmesh/cmd/kvmeshd']:
        L.ln(p)
    L.end(h, dur=41.0, announce=None)
    L.raw('\n')
    h = L.start('go get -u golang.org/x/lint/golint', fold='install.2')
    L.end(h, dur=6.0, announce=None)
    L.raw('\n')
    cmd = "test -z \"$(gofmt -s -l $(find . -name '*.go' -not -path './vendor/*') | tee /dev/stderr)\""
    h = L.start(cmd)
    L.ln('./internal/store/bolt.go', 'E')
    L.ln('./internal/cluster/gossip_test.go', 'E')
    L.end(h, rc=1, dur=0.3)
    h = L.start('go vet ./...')
    L.ln('# github.com/lorenzb/kvmesh/internal/api', 'E')
    L.ln('internal/api/handler.go:87:3: Errorf format %d has arg id of wrong type string', 'E')
    L.end(h, rc=2, dur=5.1)
    h = L.start('golint -set_exit_status $(go list ./...)')
    L.end(h, dur=1.9)
    h = L.start('go test -race -v ./...')
    L.ln('?   \tgithub.com/lorenzb/kvmesh/cmd/kvmeshd\t[no test files]')
    tests = {'internal/api': ['TestGetKey', 'TestPutKey', 'TestDeleteKey', 'TestHandleError', 'TestNotFoundReturns404', 'TestBadJSONReturns400'],
             'internal/cluster': ['TestJoin', 'TestLeave', 'TestGossipConverges', 'TestFailureDetection'],
             'internal/proto': ['TestEncodeDecode', 'TestVersionMismatchError', 'TestFuzzRegression'],
             'internal/store': ['TestBoltOpen', 'TestBoltPutGet', 'TestBoltIterate', 'TestBoltCorruptFileError', 'TestCompaction']}
    for pkg, ts in tests.items():
        for t in ts:
            L.ln(f'=== RUN   {t}')
            if t == 'TestHandleError':
                L.ln('2019/02/12 19:40:11 [ERROR] api: PUT /v1/kv/foo: store unavailable: connection reset by peer')
            if t == 'TestFailureDetection':
                L.ln('2019/02/12 19:40:14 [ERR] memberlist: Failed to send ping: write udp 127.0.0.1:7947->127.0.0.1:7948: use of closed network connection')
                L.ln('2019/02/12 19:40:14 [INFO] memberlist: Suspect node-2 has failed, no acks received')
            if t == 'TestBoltCorruptFileError':
                L.ln('    store_test.go:88: got expected error: invalid database')
            L.ln(f'--- PASS: {t} ({L.R.uniform(0, 2.5):.2f}s)')
        L.ln('PASS')
        L.ln(f'ok  \tgithub.com/lorenzb/kvmesh/{pkg}\t{L.R.uniform(1, 5):.3f}s')
    L.end(h, dur=22.0)
    L.done(1)
    return 'go-gofmt-and-vet', L, dict(ecosystem='go', ci='travis', tool='gofmt -l / go vet', failure_kind='lint')


# ---------------------------------------------------------------------------
def cargo(s, what):
    return f'\x1b[0m\x1b[0m\x1b[1m\x1b[32m{what:>12s}\x1b[0m {s}'


@case
def rust_cargo_fmt_gha():
    L = GHA(2901, 'tinyhttp-rs', 'tinyhttp', date='2020-06-08', hour=19)
    L.job_start(runner='2.263.0', image='20200601.1')
    L.download_action('actions/checkout@v2')
    L.download_action('actions-rs/toolchain@v1')
    L.download_action('actions-rs/cargo@v1')
    L.checkout()
    L.ln('Author: dependabot-preview[bot] <27856297+dependabot-preview[bot]@users.noreply.github.com>')
    L.ln('Date:   Mon Jun 8 19:12:40 2020 +0000')
    L.ln()
    L.ln('    Merge pull request #88 from contributor/route-params')
    L.ln('##[group]Run actions-rs/toolchain@v1')
    L.ln('with:')
    L.ln('  profile: minimal')
    L.ln('  toolchain: stable')
    L.ln('  override: true')
    L.ln('  components: rustfmt, clippy')
    L.ln('env:')
    L.ln('  CARGO_TERM_COLOR: always')
    L.ln('##[endgroup]')
    L.ln('[command]/usr/share/rust/.cargo/bin/rustup --version')
    L.ln('rustup 1.21.1 (7832b2ebe 2019-12-20)')
    L.ln('[command]/usr/share/rust/.cargo/bin/rustup set profile minimal')
    L.ln("info: using existing install for 'stable-x86_64-unknown-linux-gnu'")
    L.ln('[command]/usr/share/rust/.cargo/bin/rustup toolchain install stable --component rustfmt --component clippy')
    L.ln("info: syncing channel updates for 'stable-x86_64-unknown-linux-gnu'")
    L.ln('info: latest update on 2020-06-04, rust version 1.44.0 (49cae5576 2020-06-01)')
    for c in ['clippy', 'rustfmt', 'cargo', 'rust-std', 'rustc']:
        L.ln(f"info: downloading component '{c}'")
    for c in ['clippy', 'rustfmt', 'cargo', 'rust-std', 'rustc']:
        L.ln(f"info: installing component '{c}'")
    L.ln()
    L.ln('  stable-x86_64-unknown-linux-gnu updated - rustc 1.44.0 (49cae5576 2020-06-01) (from rustc 1.43.1 (8d69840ab 2020-05-04))')
    L.ln()
    L.ln('[command]/usr/share/rust/.cargo/bin/rustup override set stable')
    L.ln(f"info: override toolchain for '{L.ws}' set to 'stable-x86_64-unknown-linux-gnu'")
    L.ln('[command]/usr/share/rust/.cargo/bin/rustc -V')
    L.ln('rustc 1.44.0 (49cae5576 2020-06-01)')
    L.ln('[command]/usr/share/rust/.cargo/bin/cargo -V')
    L.ln('cargo 1.44.0 (05d080faa 2020-05-06)')
    L.ln('[command]/usr/share/rust/.cargo/bin/rustup -V')
    L.ln('rustup 1.21.1 (7832b2ebe 2019-12-20)')
    deps = [('libc', '0.2.71'), ('cfg-if', '0.1.10'), ('memchr', '2.3.3'), ('log', '0.4.8'), ('lazy_static', '1.4.0'),
            ('bytes', '0.5.4'), ('itoa', '0.4.5'), ('fnv', '1.0.7'), ('pin-project-lite', '0.1.6'), ('slab', '0.4.2'),
            ('futures-core', '0.3.5'), ('futures-sink', '0.3.5'), ('futures-channel', '0.3.5'), ('futures-task', '0.3.5'),
            ('futures-util', '0.3.5'), ('http', '0.2.1'), ('httparse', '1.3.4'), ('percent-encoding', '2.1.0'),
            ('mio', '0.6.22'), ('net2', '0.2.34'), ('iovec', '0.1.4'), ('tokio', '0.2.21'), ('serde', '1.0.111'),
            ('serde_json', '1.0.53'), ('ryu', '1.0.5'), ('regex-syntax', '0.6.18'), ('aho-corasick', '0.7.10'),
            ('thread_local', '1.0.1'), ('regex', '1.3.9')]
    L.run_header(['cargo build --all-targets'], env=[('CARGO_TERM_COLOR', 'always')])
    L.ln(f'\x1b[0m\x1b[0m\x1b[1m\x1b[32m    Updating\x1b[0m crates.io index')
    for d, v in deps:
        L.ln(cargo(f'{d} v{v}', 'Downloaded'))
    L.ln(cargo(f'{len(deps)} crates (2.1 MB) in 1.32s', 'Downloaded'))
    for d, v in deps:
        L.ln(cargo(f'{d} v{v}', 'Compiling'))
    L.ln(cargo(f'tinyhttp v0.3.0 ({L.ws})', 'Compiling'))
    L.ln(cargo('dev [unoptimized + debuginfo] target(s) in 41.27s', 'Finished'))
    L.run_header(['cargo test'], env=[('CARGO_TERM_COLOR', 'always')])
    L.ln(cargo(f'tinyhttp v0.3.0 ({L.ws})', 'Compiling'))
    L.ln(cargo('test [unoptimized + debuginfo] target(s) in 3.88s', 'Finished'))
    L.ln(cargo('target/debug/deps/tinyhttp-1f0c6a2e9b4d7c35', 'Running'))
    L.ln()
    tests = ['request::tests::parses_get', 'request::tests::parses_headers', 'request::tests::rejects_bad_method',
             'request::tests::error_on_truncated_request', 'response::tests::writes_status_line', 'response::tests::writes_body',
             'router::tests::matches_root', 'router::tests::matches_params', 'router::tests::method_not_allowed',
             'router::tests::not_found', 'router::tests::trailing_slash', 'server::tests::serves_hello',
             'server::tests::graceful_shutdown', 'server::tests::handler_panic_returns_500']
    L.ln(f'running {len(tests)} tests')
    for t in tests:
        L.ln(f'test {t} ... \x1b[32mok\x1b[0m')
        if t == 'server::tests::handler_panic_returns_500':
            pass
    L.ln()
    L.ln(f'test result: \x1b[32mok\x1b[0m. {len(tests)} passed; 0 failed; 0 ignored; 0 measured; 0 filtered out')
    L.ln()
    L.ln(cargo('tinyhttp', 'Doc-tests'))
    L.ln()
    L.ln('running 3 tests')
    for t in ['src/lib.rs - (line 5)', 'src/router.rs - router::Router::route (line 33)', 'src/server.rs - server::serve (line 12)']:
        L.ln(f'test {t} ... \x1b[32mok\x1b[0m')
    L.ln()
    L.ln('test result: \x1b[32mok\x1b[0m. 3 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out')
    L.ln()
    L.run_header(['cargo clippy -- -W clippy::all'], env=[('CARGO_TERM_COLOR', 'always')])
    L.ln(cargo(f'tinyhttp v0.3.0 ({L.ws})', 'Checking'))
    L.ln('\x1b[0m\x1b[1m\x1b[33mwarning\x1b[0m\x1b[0m\x1b[1m: this expression borrows a reference that is immediately dereferenced by the compiler\x1b[0m')
    L.ln('\x1b[0m  \x1b[0m\x1b[0m\x1b[1m\x1b[38;5;12m--> \x1b[0m\x1b[0msrc/server.rs:77:33\x1b[0m')
    L.ln('\x1b[0m   \x1b[0m\x1b[0m\x1b[1m\x1b[38;5;12m|\x1b[0m')
    L.ln('\x1b[0m\x1b[1m\x1b[38;5;12m77\x1b[0m\x1b[0m \x1b[0m\x1b[0m\x1b[1m\x1b[38;5;12m|\x1b[0m\x1b[0m \x1b[0m\x1b[0m        let req = parse_request(&buf)?;\x1b[0m')
    L.ln('\x1b[0m   \x1b[0m\x1b[0m\x1b[1m\x1b[38;5;12m|\x1b[0m\x1b[0m                                 \x1b[0m\x1b[0m\x1b[1m\x1b[33m^^^^\x1b[0m\x1b[0m \x1b[0m\x1b[0m\x1b[1m\x1b[33mhelp: change this to: `buf`\x1b[0m')
    L.ln('\x1b[0m   \x1b[0m\x1b[0m\x1b[1m\x1b[38;5;12m|\x1b[0m')
    L.ln('\x1b[0m   \x1b[0m\x1b[0m\x1b[1m\x1b[38;5;12m= \x1b[0m\x1b[0m\x1b[1mnote\x1b[0m\x1b[0m: `#[warn(clippy::needless_borrow)]` on by default\x1b[0m')
    L.ln('\x1b[0m   \x1b[0m\x1b[0m\x1b[1m\x1b[38;5;12m= \x1b[0m\x1b[0m\x1b[1mhelp\x1b[0m\x1b[0m: for further information visit https://rust-lang.github.io/rust-clippy/master/index.html#needless_borrow\x1b[0m')
    L.ln()
    L.ln('\x1b[0m\x1b[1m\x1b[33mwarning\x1b[0m\x1b[0m\x1b[1m: 1 warning emitted\x1b[0m')
    L.ln()
    L.ln(cargo('dev [unoptimized + debuginfo] target(s) in 2.14s', 'Finished'))
    L.run_header(['cargo fmt --all -- --check'], env=[('CARGO_TERM_COLOR', 'always')])
    with L.mark('E'):
        L.ln(f'Diff in {L.ws}/src/router.rs at line 41:')
        L.ln('     pub fn route(&self, method: &Method, path: &str) -> Option<(&Handler, Params)> {')
        L.ln(red('-        self.routes.iter().filter(|r| &r.method == method).find_map(|r| r.matches(path).map(|p| (&r.handler, p)))'))
        L.ln(green('+        self.routes'))
        L.ln(green('+            .iter()'))
        L.ln(green('+            .filter(|r| &r.method == method)'))
        L.ln(green('+            .find_map(|r| r.matches(path).map(|p| (&r.handler, p)))'))
        L.ln('     }')
        L.ln(' ')
    L.ln('     pub fn add(&mut self, method: Method, pattern: &str, handler: Handler) {')
    L.ln(f'Diff in {L.ws}/src/request.rs at line 12:', 'E')
    L.ln(' use std::collections::HashMap;')
    L.ln(red('-use crate::{router::Params, error::Error};'), 'E')
    L.ln(green('+use crate::{error::Error, router::Params};'), 'E')
    L.ln(' ')
    L.ln(' #[derive(Debug)]')
    L.error_exit(1)
    L.post_checkout()
    L.cleanup()
    return 'rust-cargo-fmt-check-gha', L, dict(ecosystem='rust', ci='github', tool='cargo fmt --check (rustfmt)', failure_kind='lint')


# ---------------------------------------------------------------------------
MVN_ARTIFACTS = [
    'org/apache/maven/plugins/maven-clean-plugin/2.5/maven-clean-plugin-2.5', 'org/apache/maven/plugins/maven-plugins/22/maven-plugins-22',
    'org/apache/maven/maven-parent/21/maven-parent-21', 'org/apache/apache/10/apache-10',
    'org/apache/maven/plugins/maven-resources-plugin/2.6/maven-resources-plugin-2.6',
    'org/apache/maven/plugins/maven-plugins/23/maven-plugins-23', 'org/apache/maven/maven-parent/22/maven-parent-22',
    'org/apache/apache/11/apache-11', 'org/apache/maven/plugins/maven-compiler-plugin/3.8.0/maven-compiler-plugin-3.8.0',
    'org/apache/maven/plugins/maven-plugins/31/maven-plugins-31', 'org/apache/maven/maven-parent/31/maven-parent-31',
    'org/apache/apache/19/apache-19', 'org/apache/maven/plugins/maven-surefire-plugin/2.22.0/maven-surefire-plugin-2.22.0',
    'org/apache/maven/surefire/surefire/2.22.0/surefire-2.22.0', 'org/apache/maven/plugins/maven-jar-plugin/3.1.0/maven-jar-plugin-3.1.0',
    'org/apache/maven/plugins/maven-install-plugin/2.4/maven-install-plugin-2.4',
    'org/apache/maven/plugins/maven-checkstyle-plugin/3.0.0/maven-checkstyle-plugin-3.0.0',
    'org/apache/maven/plugins/maven-enforcer-plugin/3.0.0-M2/maven-enforcer-plugin-3.0.0-M2',
    'org/apache/maven/enforcer/enforcer/3.0.0-M2/enforcer-3.0.0-M2', 'org/jacoco/jacoco-maven-plugin/0.8.2/jacoco-maven-plugin-0.8.2',
    'org/jacoco/org.jacoco.build/0.8.2/org.jacoco.build-0.8.2', 'org/codehaus/mojo/animal-sniffer-maven-plugin/1.17/animal-sniffer-maven-plugin-1.17',
]
MVN_DEPS = ['org/slf4j/slf4j-api/1.7.25/slf4j-api-1.7.25', 'org/slf4j/slf4j-parent/1.7.25/slf4j-parent-1.7.25',
            'com/google/guava/guava/26.0-jre/guava-26.0-jre', 'com/google/guava/guava-parent/26.0-jre/guava-parent-26.0-jre',
            'com/google/code/findbugs/jsr305/3.0.2/jsr305-3.0.2', 'org/checkerframework/checker-qual/2.5.2/checker-qual-2.5.2',
            'com/google/errorprone/error_prone_annotations/2.1.3/error_prone_annotations-2.1.3',
            'com/google/j2objc/j2objc-annotations/1.1/j2objc-annotations-1.1',
            'org/codehaus/mojo/animal-sniffer-annotations/1.14/animal-sniffer-annotations-1.14',
            'com/fasterxml/jackson/core/jackson-databind/2.9.6/jackson-databind-2.9.6',
            'com/fasterxml/jackson/core/jackson-core/2.9.6/jackson-core-2.9.6',
            'com/fasterxml/jackson/core/jackson-annotations/2.9.0/jackson-annotations-2.9.0',
            'com/fasterxml/jackson/jackson-bom/2.9.6/jackson-bom-2.9.6', 'com/fasterxml/jackson/jackson-parent/2.9.1/jackson-parent-2.9.1',
            'com/fasterxml/oss-parent/33/oss-parent-33', 'info/picocli/picocli/3.5.2/picocli-3.5.2',
            'junit/junit/4.12/junit-4.12', 'org/hamcrest/hamcrest-core/1.3/hamcrest-core-1.3', 'org/hamcrest/hamcrest-parent/1.3/hamcrest-parent-1.3',
            'org/assertj/assertj-core/3.11.1/assertj-core-3.11.1', 'org/assertj/assertj-parent-pom/2.2.1/assertj-parent-pom-2.2.1',
            'org/mockito/mockito-core/2.21.0/mockito-core-2.21.0', 'net/bytebuddy/byte-buddy/1.8.15/byte-buddy-1.8.15',
            'net/bytebuddy/byte-buddy-agent/1.8.15/byte-buddy-agent-1.8.15', 'net/bytebuddy/byte-buddy-parent/1.8.15/byte-buddy-parent-1.8.15',
            'org/objenesis/objenesis/2.6/objenesis-2.6', 'org/objenesis/objenesis-parent/2.6/objenesis-parent-2.6']
MVN_PLUGIN_DEPS_BASE = ['org/apache/maven/{a}/3.0/{a}-3.0', 'org/codehaus/plexus/{a}/3.0.15/{a}-3.0.15',
                        'org/apache/maven/shared/{a}/3.1.0/{a}-3.1.0', 'org/sonatype/sisu/{a}/2.3.0/{a}-2.3.0',
                        'org/eclipse/aether/{a}/1.0.0.v20140518/{a}-1.0.0.v20140518', 'commons-io/{a}/2.5/{a}-2.5',
                        'org/apache/commons/{a}/3.5/{a}-3.5', 'org/ow2/asm/{a}/6.2/{a}-6.2', 'org/codehaus/plexus/{a}/1.1/{a}-1.1']
MVN_ART_NAMES = ['maven-plugin-api', 'maven-model', 'maven-artifact', 'maven-core', 'maven-settings', 'maven-settings-builder',
                 'maven-repository-metadata', 'maven-model-builder', 'maven-aether-provider', 'maven-compat', 'maven-plugin-registry',
                 'maven-profile', 'maven-project', 'maven-artifact-manager', 'maven-monitor', 'maven-toolchain', 'maven-shared-utils',
                 'maven-shared-incremental', 'maven-filtering', 'maven-archiver', 'maven-common-artifact-filters',
                 'maven-dependency-tree', 'maven-invoker', 'maven-reporting-api', 'maven-reporting-impl', 'maven-doxia-tools',
                 'plexus-utils', 'plexus-interpolation', 'plexus-component-annotations', 'plexus-classworlds', 'plexus-compiler-api',
                 'plexus-compiler-manager', 'plexus-compiler-javac', 'plexus-java', 'plexus-archiver', 'plexus-io',
                 'plexus-resources', 'plexus-velocity', 'plexus-i18n', 'plexus-container-default', 'sisu-inject-plexus',
                 'sisu-inject-bean', 'sisu-guice', 'aether-api', 'aether-util', 'aether-impl', 'aether-spi', 'commons-io',
                 'commons-lang3', 'commons-compress', 'commons-collections', 'commons-beanutils', 'commons-cli', 'asm',
                 'asm-commons', 'asm-tree', 'asm-analysis', 'surefire-api', 'surefire-booter', 'maven-surefire-common',
                 'surefire-logger-api', 'snappy', 'xz', 'qdox', 'doxia-sink-api', 'doxia-logging-api', 'doxia-core',
                 'doxia-site-renderer', 'doxia-decoration-model', 'doxia-module-xhtml', 'doxia-module-fml', 'velocity',
                 'velocity-tools', 'antlr', 'antlr4-runtime', 'Saxon-HE', 'xml-apis', 'commons-logging', 'httpclient', 'httpcore',
                 'org.jacoco.agent', 'org.jacoco.core', 'org.jacoco.report', 'enforcer-api', 'enforcer-rules', 'bsh',
                 'checkstyle', 'guava', 'picocli']


def mvn_dl(L, path, ext, repo='central', base='https://repo.maven.apache.org/maven2'):
    L.ln(f'[INFO] Downloading from {repo}: {base}/{path}.{ext}')
    kb = L.R.uniform(0.5, 900)
    L.ln(f'[INFO] Downloaded from {repo}: {base}/{path}.{ext} ({kb:.1f} kB at {L.R.uniform(50, 4000):.0f} kB/s)' if kb < 1000 else '')


@case
def java_maven_checkstyle():
    L = Travis(3001, 'jsonq', 'jsonq-java', 'java', dist='trusty', year=2018, when=1537000000)
    L.worker_info()
    L.system_info()
    L.cache_fetch(['$HOME/.m2'], found=False)
    L.checkout()
    from gen_common import jdk_setup
    jdk_setup(L)
    L.ln('$ export MAVEN_OPTS="-Dorg.slf4j.simpleLogger.log.org.apache.maven.cli.transfer.Slf4jMavenTransferListener=info"')
    h = L.start('mvn install -DskipTests=true -Dmaven.javadoc.skip=true -Dcheckstyle.skip -B -V', fold='install')
    L.ln('Apache Maven 3.5.2 (138edd61fd100ec658bfa2d307c43b76940a5d7d; 2017-10-18T07:58:13Z)')
    L.ln('Maven home: /usr/local/maven-3.5.2')
    L.ln('Java version: 1.8.0_151, vendor: Oracle Corporation')
    L.ln('Java home: /usr/lib/jvm/java-8-oracle/jre')
    L.ln('Default locale: en_US, platform encoding: UTF-8')
    L.ln('OS name: "linux", version: "4.4.0-101-generic", arch: "amd64", family: "unix"')
    L.ln('[INFO] Scanning for projects...')
    L.ln('[INFO] ------------------------------------------------------------------------')
    L.ln('[INFO] Reactor Build Order:')
    L.ln('[INFO] ')
    L.ln('[INFO] jsonq-parent')
    L.ln('[INFO] jsonq-core')
    L.ln('[INFO] jsonq-cli')
    mods = ['jsonq-parent', 'jsonq-core', 'jsonq-cli']
    R = L.R
    allart = []
    for a in MVN_ARTIFACTS:
        allart.append(a)
    for base in MVN_PLUGIN_DEPS_BASE:
        for n in R.sample(MVN_ART_NAMES, 80):
            allart.append(base.format(a=n))
    for mi, m in enumerate(mods):
        L.ln('[INFO]                                                                         ')
        L.ln('[INFO] ------------------------------------------------------------------------')
        L.ln(f'[INFO] Building {m} 1.4.0-SNAPSHOT')
        L.ln('[INFO] ------------------------------------------------------------------------')
        chunk = allart[mi * len(allart) // 3:(mi + 1) * len(allart) // 3]
        for a in chunk[:len(chunk) // 2]:
            mvn_dl(L, a, 'pom')
        if m != 'jsonq-parent':
            for a in MVN_DEPS[mi * 9:(mi + 1) * 14]:
                mvn_dl(L, a, 'pom')
            for a in MVN_DEPS[mi * 9:(mi + 1) * 14]:
                mvn_dl(L, a, 'jar')
        L.ln('[INFO] ')
        L.ln(f'[INFO] --- maven-enforcer-plugin:3.0.0-M2:enforce (enforce-maven) @ {m} ---')
        for a in chunk[len(chunk) // 2:]:
            mvn_dl(L, a, 'pom')
            mvn_dl(L, a, 'jar')
        if m == 'jsonq-parent':
            L.ln('[INFO] ')
            L.ln(f'[INFO] --- maven-checkstyle-plugin:3.0.0:check (validate) @ {m} ---')
            L.ln('[INFO] Skipping Checkstyle')
            L.ln('[INFO] ')
            L.ln(f'[INFO] --- maven-install-plugin:2.4:install (default-install) @ {m} ---')
            L.ln(f'[INFO] Installing {L.build_dir}/pom.xml to /home/travis/.m2/repository/io/jsonq/{m}/1.4.0-SNAPSHOT/{m}-1.4.0-SNAPSHOT.pom')
            continue
        L.ln('[INFO] ')
        L.ln(f'[INFO] --- maven-checkstyle-plugin:3.0.0:check (validate) @ {m} ---')
        L.ln('[INFO] Skipping Checkstyle')
        L.ln('[INFO] ')
        L.ln(f'[INFO] --- jacoco-maven-plugin:0.8.2:prepare-agent (prepare-agent) @ {m} ---')
        L.ln('[INFO] Skipping JaCoCo execution because property jacoco.skip is set.')
        L.ln('[INFO] argLine set to empty')
        L.ln('[INFO] ')
        L.ln(f'[INFO] --- maven-resources-plugin:2.6:resources (default-resources) @ {m} ---')
        L.ln("[INFO] Using 'UTF-8' encoding to copy filtered resources.")
        L.ln(f'[INFO] skip non existing resourceDirectory {L.build_dir}/{m}/src/main/resources')
        L.ln('[INFO] ')
        L.ln(f'[INFO] --- maven-compiler-plugin:3.8.0:compile (default-compile) @ {m} ---')
        L.ln('[INFO] Changes detected - recompiling the module!')
        L.ln(f'[INFO] Compiling {R.randint(30, 90)} source files to {L.build_dir}/{m}/target/classes')
        if m == 'jsonq-core':
            L.ln(f'[WARNING] {L.build_dir}/{m}/src/main/java/io/jsonq/core/Lexer.java: Some input files use unchecked or unsafe operations.')
            L.ln(f'[WARNING] {L.build_dir}/{m}/src/main/java/io/jsonq/core/Lexer.java: Recompile with -Xlint:unchecked for details.')
        L.ln('[INFO] ')
        L.ln(f'[INFO] --- maven-resources-plugin:2.6:testResources (default-testResources) @ {m} ---')
        L.ln("[INFO] Using 'UTF-8' encoding to copy filtered resources.")
        L.ln(f'[INFO] Copying {R.randint(2, 9)} resources')
        L.ln('[INFO] ')
        L.ln(f'[INFO] --- maven-compiler-plugin:3.8.0:testCompile (default-testCompile) @ {m} ---')
        L.ln('[INFO] Changes detected - recompiling the module!')
        L.ln(f'[INFO] Compiling {R.randint(10, 40)} source files to {L.build_dir}/{m}/target/test-classes')
        L.ln('[INFO] ')
        L.ln(f'[INFO] --- maven-surefire-plugin:2.22.0:test (default-test) @ {m} ---')
        L.ln('[INFO] Tests are skipped.')
        L.ln('[INFO] ')
        L.ln(f'[INFO] --- maven-jar-plugin:3.1.0:jar (default-jar) @ {m} ---')
        L.ln(f'[INFO] Building jar: {L.build_dir}/{m}/target/{m}-1.4.0-SNAPSHOT.jar')
        L.ln('[INFO] ')
        L.ln(f'[INFO] --- maven-install-plugin:2.4:install (default-install) @ {m} ---')
        L.ln(f'[INFO] Installing {L.build_dir}/{m}/target/{m}-1.4.0-SNAPSHOT.jar to /home/travis/.m2/repository/io/jsonq/{m}/1.4.0-SNAPSHOT/{m}-1.4.0-SNAPSHOT.jar')
        L.ln(f'[INFO] Installing {L.build_dir}/{m}/pom.xml to /home/travis/.m2/repository/io/jsonq/{m}/1.4.0-SNAPSHOT/{m}-1.4.0-SNAPSHOT.pom')
    L.ln('[INFO] ------------------------------------------------------------------------')
    L.ln('[INFO] Reactor Summary:')
    L.ln('[INFO] ')
    L.ln('[INFO] jsonq-parent ....................................... SUCCESS [  1.204 s]')
    L.ln('[INFO] jsonq-core ......................................... SUCCESS [ 31.881 s]')
    L.ln('[INFO] jsonq-cli .......................................... SUCCESS [  9.117 s]')
    L.ln('[INFO] ------------------------------------------------------------------------')
    L.ln('[INFO] BUILD SUCCESS')
    L.ln('[INFO] ------------------------------------------------------------------------')
    L.ln('[INFO] Total time: 42.512 s')
    L.ln('[INFO] Finished at: 2018-09-15T08:31:02Z')
    L.ln('[INFO] Final Memory: 48M/592M')
    L.ln('[INFO] ------------------------------------------------------------------------')
    L.end(h, dur=44.0, announce=None)
    L.raw('\n')
    h = L.start('mvn verify -B')
    L.ln('[INFO] Scanning for projects...')
    L.ln('[INFO] ------------------------------------------------------------------------')
    L.ln('[INFO] Reactor Build Order:')
    L.ln('[INFO] ')
    for m in mods:
        L.ln(f'[INFO] {m}')
    L.ln('[INFO]                                                                         ')
    L.ln('[INFO] ------------------------------------------------------------------------')
    L.ln('[INFO] Building jsonq-parent 1.4.0-SNAPSHOT')
    L.ln('[INFO] ------------------------------------------------------------------------')
    L.ln('[INFO] ')
    L.ln('[INFO] --- maven-enforcer-plugin:3.0.0-M2:enforce (enforce-maven) @ jsonq-parent ---')
    L.ln('[INFO] ')
    L.ln('[INFO] --- maven-checkstyle-plugin:3.0.0:check (validate) @ jsonq-parent ---')
    for a in ['com/puppycrawl/tools/checkstyle/8.12/checkstyle-8.12', 'info/picocli/picocli/3.6.0/picocli-3.6.0',
              'antlr/antlr/2.7.7/antlr-2.7.7', 'org/antlr/antlr4-runtime/4.7.1/antlr4-runtime-4.7.1',
              'commons-beanutils/commons-beanutils/1.9.3/commons-beanutils-1.9.3', 'com/google/guava/guava/25.1-jre/guava-25.1-jre',
              'net/sf/saxon/Saxon-HE/9.8.0-14/Saxon-HE-9.8.0-14', 'commons-collections/commons-collections/3.2.2/commons-collections-3.2.2']:
        mvn_dl(L, a, 'pom')
        mvn_dl(L, a, 'jar')
    L.ln('[INFO] Starting audit...')
    L.ln('Audit done.')
    L.ln('[INFO] ')
    L.ln('[INFO] --- jacoco-maven-plugin:0.8.2:prepare-agent (prepare-agent) @ jsonq-parent ---')
    L.ln('[INFO] argLine set to -javaagent:/home/travis/.m2/repository/org/jacoco/org.jacoco.agent/0.8.2/org.jacoco.agent-0.8.2-runtime.jar=destfile=/home/travis/build/jsonq/jsonq-java/target/jacoco.exec')
    L.ln('[INFO]                                                                         ')
    L.ln('[INFO] ------------------------------------------------------------------------')
    L.ln('[INFO] Building jsonq-core 1.4.0-SNAPSHOT')
    L.ln('[INFO] ------------------------------------------------------------------------')
    L.ln('[INFO] ')
    L.ln('[INFO] --- maven-enforcer-plugin:3.0.0-M2:enforce (enforce-maven) @ jsonq-core ---')
    L.ln('[INFO] ')
    L.ln('[INFO] --- maven-checkstyle-plugin:3.0.0:check (validate) @ jsonq-core ---', 'C')
    L.ln('[INFO] Starting audit...')
    core = f'{L.build_dir}/jsonq-core/src/main/java/io/jsonq/core'
    L.ln(f'[WARN] {core}/Lexer.java:45: Line is longer than 120 characters (found 131). [LineLength]')
    L.ln(f"[WARN] {core}/ErrorListener.java:12:5: Missing a Javadoc comment. [JavadocMethod]")
    L.ln(f"[ERROR] {core}/Parser.java:112:9: 'if' construct must use '{{}}'s. [NeedBraces]", 'E')
    L.ln(f"[WARN] {core}/Parser.java:230: Line is longer than 120 characters (found 124). [LineLength]")
    L.ln('Audit done.')
    L.ln('[INFO] There is 1 error reported by Checkstyle 8.12 with config/checkstyle.xml ruleset.', 'C')
    L.ln("[ERROR] src/main/java/io/jsonq/core/Parser.java:[112,9] (blocks) NeedBraces: 'if' construct must use '{}'s.", 'E')
    L.ln('[INFO] ------------------------------------------------------------------------')
    L.ln('[INFO] Reactor Summary:')
    L.ln('[INFO] ')
    L.ln('[INFO] jsonq-parent ....................................... SUCCESS [  3.120 s]')
    L.ln('[INFO] jsonq-core ......................................... FAILURE [  1.406 s]', 'C')
    L.ln('[INFO] jsonq-cli .......................................... SKIPPED')
    L.ln('[INFO] ------------------------------------------------------------------------')
    L.ln('[INFO] BUILD FAILURE')
    L.ln('[INFO] ------------------------------------------------------------------------')
    L.ln('[INFO] Total time: 5.102 s')
    L.ln('[INFO] Finished at: 2018-09-15T08:31:09Z')
    L.ln('[INFO] Final Memory: 31M/412M')
    L.ln('[INFO] ------------------------------------------------------------------------')
    L.ln('[ERROR] Failed to execute goal org.apache.maven.plugins:maven-checkstyle-plugin:3.0.0:check (validate) on project jsonq-core: You have 1 Checkstyle violation. -> [Help 1]', 'E')
    L.ln('[ERROR] ')
    L.ln('[ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch.')
    L.ln('[ERROR] Re-run Maven using the -X switch to enable full debug logging.')
    L.ln('[ERROR] ')
    L.ln('[ERROR] For more information about the errors and possible solutions, please read the following articles:')
    L.ln('[ERROR] [Help 1] http://cwiki.apache.org/confluence/display/MAVEN/MojoFailureException')
    L.ln('[ERROR] ')
    L.ln('[ERROR] After correcting the problems, you can resume the build with the command')
    L.ln('[ERROR]   mvn <goals> -rf :jsonq-core')
    L.end(h, rc=1, dur=7.0)
    L.cache_store(['/home/travis/.m2'])
    L.done(1)
    # drop empty lines created by mvn_dl for >1000 kB (never happens; keep deterministic)
    return 'java-maven-checkstyle', L, dict(ecosystem='java', ci='travis', tool='maven-checkstyle-plugin', failure_kind='lint')


# ---------------------------------------------------------------------------
@case
def coffeescript_coffeelint():
    L = Travis(3101, 'jashkenas-fans', 'backbone-todo-cs', 'node_js', dist='trusty', year=2016, when=1478000000)
    L.worker_info()
    L.system_info()
    L.checkout()
    node_setup(L, '6', '6.9.1', '3.10.8')
    h = L.start('npm install', fold='install')
    for w in ['npm WARN deprecated minimatch@0.2.14: Please update to minimatch 3.0.2 or higher to avoid a RegExp DoS issue',
              'npm WARN deprecated graceful-fs@1.2.3: graceful-fs v3.0.0 and before will fail on node releases >= v7.0. Please update to graceful-fs@^4.0.0 as soon as possible. Use \'npm ls graceful-fs\' to find it in the tree.',
              'npm WARN deprecated minimatch@2.0.10: Please update to minimatch 3.0.2 or higher to avoid a RegExp DoS issue',
              'npm WARN deprecated jade@0.26.3: Jade has been renamed to pug, please install the latest version of pug instead of jade',
              'npm WARN deprecated to-iso-string@0.0.2: to-iso-string has been deprecated, use @segment/to-iso-string instead.']:
        L.ln(w)
    L.ln(f'backbone-todo-cs@0.8.0 {L.build_dir}')
    tree = [('├─┬', 'chai@3.5.0'), ('│ ├──', 'assertion-error@1.0.2'), ('│ ├─┬', 'deep-eql@0.1.3'), ('│ │ └──', 'type-detect@0.1.1'),
            ('│ └──', 'type-detect@1.0.0'), ('├─┬', 'coffee-script@1.11.1'), ('├─┬', 'coffeelint@1.16.0'),
            ('│ ├──', 'coffee-script@1.11.1'), ('│ ├─┬', 'glob@7.1.1'), ('│ │ ├──', 'fs.realpath@1.0.0'),
            ('│ │ ├──', 'inflight@1.0.6'), ('│ │ ├──', 'inherits@2.0.3'), ('│ │ ├─┬', 'minimatch@3.0.3'),
            ('│ │ │ └─┬', 'brace-expansion@1.1.6'), ('│ │ │   ├──', 'balanced-match@0.4.2'), ('│ │ │   └──', 'concat-map@0.0.1'),
            ('│ │ ├──', 'once@1.4.0'), ('│ │ └──', 'path-is-absolute@1.0.1'), ('│ ├──', 'ignore@3.2.0'),
            ('│ ├─┬', 'optimist@0.6.1'), ('│ │ ├──', 'minimist@0.0.10'), ('│ │ └──', 'wordwrap@0.0.3'),
            ('│ ├──', 'resolve@0.6.3'), ('│ └──', 'strip-json-comments@1.0.4'), ('├─┬', 'grunt@1.0.1'),
            ('│ ├──', 'coffee-script@1.10.0'), ('│ ├─┬', 'dateformat@1.0.12'), ('│ ├──', 'eventemitter2@0.4.14'),
            ('│ ├──', 'exit@0.1.2'), ('│ ├─┬', 'findup-sync@0.3.0'), ('│ ├─┬', 'grunt-cli@1.2.0'),
            ('│ ├──', 'grunt-known-options@1.1.0'), ('│ ├─┬', 'grunt-legacy-log@1.0.0'), ('│ ├─┬', 'grunt-legacy-util@1.0.0'),
            ('│ ├─┬', 'iconv-lite@0.4.13'), ('│ ├─┬', 'js-yaml@3.5.5'), ('│ ├──', 'minimatch@3.0.3'),
            ('│ ├─┬', 'nopt@3.0.6'), ('│ ├──', 'path-is-absolute@1.0.1'), ('│ └──', 'rimraf@2.2.8'),
            ('├─┬', 'grunt-contrib-coffee@1.0.0'), ('│ ├──', 'chalk@1.1.3'), ('│ ├──', 'lodash@4.16.4'),
            ('│ └─┬', 'uri-path@1.0.0'), ('├─┬', 'grunt-mocha-test@0.13.2'), ('│ ├─┬', 'hooker@0.2.3'),
            ('│ └─┬', 'mkdirp@0.5.1'), ('└─┬', 'mocha@3.1.2'), ('  ├──', 'browser-stdout@1.3.0'), ('  ├─┬', 'commander@2.9.0'),
            ('  ├─┬', 'debug@2.2.0'), ('  │ └──', 'ms@0.7.1'), ('  ├──', 'diff@1.4.0'), ('  ├──', 'escape-string-regexp@1.0.5'),
            ('  ├─┬', 'glob@7.0.5'), ('  ├──', 'growl@1.9.2'), ('  ├──', 'json3@3.3.2'), ('  ├─┬', 'lodash.create@3.1.1'),
            ('  ├──', 'mkdirp@0.5.1'), ('  └─┬', 'supports-color@3.1.2'), ('    └──', 'has-flag@1.0.0')]
    for a, b in tree:
        L.ln(f'{a} {b}')
    L.ln()
    L.end(h, dur=16.0, announce=None)
    L.raw('\n')
    h = L.start('npm run lint')
    L.ln()
    L.ln(f'> backbone-todo-cs@0.8.0 lint {L.build_dir}')
    L.ln('> coffeelint -f coffeelint.json src test')
    L.ln()
    files = ['src/app.coffee', 'src/router.coffee', 'src/collections/todos.coffee', 'src/models/todo.coffee',
             'src/views/app_view.coffee', 'src/views/todo_view.coffee', 'src/views/error_view.coffee', 'src/util/storage.coffee',
             'src/util/errors.coffee', 'test/todo_test.coffee', 'test/todos_test.coffee', 'test/storage_test.coffee',
             'test/router_test.coffee', 'test/helper.coffee']
    for f in files:
        if f == 'src/models/todo.coffee':
            L.ln(f'  {red("✗")} {f}', 'E')
            L.ln(f'     {red("✗")} {red("#42")}: Line exceeds maximum allowed length. Length is 94, max is 80.', 'E')
            L.ln(f'     {yellow("⚡")} {yellow("#57")}: Unnecessary double quotes are forbidden.')
        elif f == 'src/views/todo_view.coffee':
            L.ln(f'  {yellow("⚡")} {f}')
            L.ln(f'     {yellow("⚡")} {yellow("#18")}: Unnecessary fat arrow.')
        else:
            L.ln(f'  {green("✓")} {f}')
    L.ln()
    L.ln(red('✗ Lint!') + ' » 1 error and 2 warnings in 14 files', 'C')
    L.ln()
    L.ln()
    L.ln('npm ERR! Linux 4.4.0-51-generic')
    L.ln('npm ERR! argv "/home/travis/.nvm/versions/node/v6.9.1/bin/node" "/home/travis/.nvm/versions/node/v6.9.1/bin/npm" "run" "lint"')
    L.ln('npm ERR! node v6.9.1')
    L.ln('npm ERR! npm  v3.10.8')
    L.ln('npm ERR! code ELIFECYCLE')
    L.ln('npm ERR! backbone-todo-cs@0.8.0 lint: `coffeelint -f coffeelint.json src test`')
    L.ln('npm ERR! Exit status 1')
    L.ln('npm ERR! ')
    L.ln("npm ERR! Failed at the backbone-todo-cs@0.8.0 lint script 'coffeelint -f coffeelint.json src test'.")
    L.ln('npm ERR! Make sure you have the latest version of node.js and npm installed.')
    L.ln('npm ERR! If you do, this is most likely a problem with the backbone-todo-cs package,')
    L.ln('npm ERR! not with npm itself.')
    L.ln('npm ERR! Tell the author that this fails on your system:')
    L.ln('npm ERR!     coffeelint -f coffeelint.json src test')
    L.ln('npm ERR! You can get information on how to open an issue for this project with:')
    L.ln('npm ERR!     npm bugs backbone-todo-cs')
    L.ln("npm ERR! Or if that isn't available, you can get their info via:")
    L.ln('npm ERR!     npm owner ls backbone-todo-cs')
    L.ln('npm ERR! There is likely additional logging output above.')
    L.ln()
    L.ln('npm ERR! Please include the following file with any support request:')
    L.ln(f'npm ERR!     {L.build_dir}/npm-debug.log')
    L.end(h, rc=1, dur=1.6)
    h = L.start('npm test')
    L.ln()
    L.ln(f'> backbone-todo-cs@0.8.0 test {L.build_dir}')
    L.ln('> grunt test')
    L.ln()
    L.ln('Running "coffee:compile" (coffee) task')
    L.ln('>> 14 files created.')
    L.ln()
    L.ln('Running "mochaTest:test" (mochaTest) task')
    L.ln()
    L.ln()
    suites = {'Todo': ['has a default title', 'toggles completion', 'sets an error when title is empty', 'trims whitespace'],
              'Todos': ['filters completed', 'filters remaining', 'orders by creation', 'nextOrder starts at 1'],
              'Storage': ['saves to localStorage', 'fails gracefully when storage is full', 'round-trips json'],
              'Router': ['routes to all', 'routes to active', 'routes to completed', 'unknown route shows error view']}
    n = 0
    for s, ts in suites.items():
        L.ln(f'  {s}')
        for t in ts:
            n += 1
            L.ln(f'    {green("✓")} {t}')
        L.ln()
    L.ln()
    L.ln(green(f'  {n} passing') + grey(' (312ms)'))
    L.ln()
    L.ln()
    L.ln(green('Done, without errors.'))
    L.end(h, dur=4.1)
    L.done(1)
    return 'coffeescript-coffeelint-npm', L, dict(ecosystem='coffeescript', ci='travis', tool='coffeelint', failure_kind='lint')


# ---------------------------------------------------------------------------
@case
def js_bower_install_failure():
    L = Travis(3201, 'ngdash', 'ngdash-admin', 'node_js', dist='trusty', year=2016, when=1462000000)
    L.worker_info()
    L.system_info()
    L.cache_fetch(['node_modules', 'bower_components'])
    L.checkout()
    node_setup(L, '4', '4.4.3', '2.15.1')
    h = L.start('npm install', fold='install.npm')
    for p in ['bower@1.7.9 node_modules/bower', 'grunt-cli@1.2.0 node_modules/grunt-cli', 'karma-jasmine@0.3.8 node_modules/karma-jasmine',
              'karma-phantomjs-launcher@1.0.0 node_modules/karma-phantomjs-launcher', 'grunt@0.4.5 node_modules/grunt',
              'grunt-contrib-uglify@1.0.1 node_modules/grunt-contrib-uglify', 'karma@0.13.22 node_modules/karma',
              'jasmine-core@2.4.1 node_modules/jasmine-core', 'phantomjs-prebuilt@2.1.7 node_modules/phantomjs-prebuilt']:
        L.ln(p)
    L.end(h, dur=3.0, announce=None)
    L.raw('\n')
    h = L.start('travis_retry ./node_modules/.bin/bower install', fold='before_script')
    deps = [('angular', '~1.4.0', '1.4.14', 'https://github.com/angular/bower-angular.git'),
            ('angular-route', '~1.4.0', '1.4.14', 'https://github.com/angular/bower-angular-route.git'),
            ('angular-animate', '~1.4.0', '1.4.14', 'https://github.com/angular/bower-angular-animate.git'),
            ('jquery', '>=1.9.1', '2.2.4', 'https://github.com/jquery/jquery-dist.git'),
            ('bootstrap', '~3.3.6', '3.3.7', 'https://github.com/twbs/bootstrap.git'),
            ('angular-bootstrap', '~1.3.2', '1.3.3', 'https://github.com/angular-ui/bootstrap-bower.git'),
            ('lodash', '~4.11.1', '4.11.2', 'https://github.com/lodash/lodash.git'),
            ('moment', '~2.13.0', '2.13.0', 'https://github.com/moment/moment.git'),
            ('chart.js', '~1.1.1', '1.1.1', 'https://github.com/chartjs/Chart.js.git')]
    bad = ('angular-ui-tree-lite', '~0.2.0', 'https://github.com/jdoe/angular-ui-tree-lite.git')
    for attempt in (1, 2, 3):
        for n, r, v, u in deps:
            L.ln(f'bower {n + "#" + r:<32s}{"cached":>11s} {u}#{v}')
            L.ln(f'bower {n + "#" + r:<32s}{"validate":>11s} {v} against {u}#{r}')
        L.ln(f'bower {bad[0] + "#" + bad[1]:<32s}{"not-cached":>11s} {bad[2]}#{bad[1]}')
        L.ln(f'bower {bad[0] + "#" + bad[1]:<32s}{"resolve":>11s} {bad[2]}#{bad[1]}')
        L.ln(f'bower {bad[0] + "#" + bad[1]:<32s}{"ECMDERR":>11s} Failed to execute "git ls-remote --tags --heads {bad[2]}", exit code of #128 remote: Repository not found. fatal: repository \'{bad[2]}/\' not found', 'E')
        L.ln()
        if attempt == 3:
            with L.mark('E'):
                L.ln('Additional error details:')
                L.ln('remote: Repository not found.')
                L.ln(f"fatal: repository '{bad[2]}/' not found")
        else:
            L.ln('Additional error details:')
            L.ln('remote: Repository not found.')
            L.ln(f"fatal: repository '{bad[2]}/' not found")
        if attempt < 3:
            L.retry_fail_msg('./node_modules/.bin/bower install', attempt + 1)
    L.ln(col('31;1', 'The command "./node_modules/.bin/bower install" failed 3 times.'), 'C')
    L.ln()
    L.end(h, rc=1, dur=21.0, announce='setup')
    return 'js-bower-install-repo-not-found', L, dict(ecosystem='javascript', ci='travis', tool='bower', failure_kind='dependency')


# ---------------------------------------------------------------------------
def sbt(kind, msg):
    c = {'info': '\x1b[0minfo', 'warn': '\x1b[33mwarn', 'success': '\x1b[32msuccess', 'error': '\x1b[31merror'}[kind]
    return f'\x1b[0m[\x1b[0m{c}\x1b[0m] \x1b[0m\x1b[0m{msg}\x1b[0m'


SCALA_ARTS = ['org.scala-lang#scala-library;2.12.3', 'org.scala-lang#scala-compiler;2.12.3', 'org.scala-lang#scala-reflect;2.12.3',
              'org.scala-lang.modules#scala-xml_2.12;1.0.6', 'jline#jline;2.14.4', 'com.typesafe.akka#akka-actor_2.12;2.5.6',
              'com.typesafe#config;1.3.1', 'org.scala-lang.modules#scala-java8-compat_2.12;0.8.0',
              'com.typesafe.akka#akka-stream_2.12;2.5.6', 'org.reactivestreams#reactive-streams;1.0.1',
              'com.typesafe#ssl-config-core_2.12;0.2.2', 'org.scala-lang.modules#scala-parser-combinators_2.12;1.0.4',
              'com.typesafe.akka#akka-cluster_2.12;2.5.6', 'com.typesafe.akka#akka-remote_2.12;2.5.6',
              'com.typesafe.akka#akka-protobuf_2.12;2.5.6', 'io.netty#netty;3.10.6.Final', 'io.aeron#aeron-driver;1.2.5',
              'io.aeron#aeron-client;1.2.5', 'org.agrona#agrona;0.9.5', 'com.typesafe.akka#akka-testkit_2.12;2.5.6',
              'com.typesafe.akka#akka-multi-node-testkit_2.12;2.5.6', 'org.scalatest#scalatest_2.12;3.0.4',
              'org.scalactic#scalactic_2.12;3.0.4', 'org.scalacheck#scalacheck_2.12;1.13.5', 'org.scala-sbt#test-interface;1.0',
              'ch.qos.logback#logback-classic;1.2.3', 'ch.qos.logback#logback-core;1.2.3', 'org.slf4j#slf4j-api;1.7.25',
              'com.typesafe.akka#akka-slf4j_2.12;2.5.6', 'com.github.pathikrit#better-files_2.12;3.2.0',
              'io.circe#circe-core_2.12;0.8.0', 'io.circe#circe-numbers_2.12;0.8.0', 'org.typelevel#cats-core_2.12;0.9.0',
              'org.typelevel#cats-kernel_2.12;0.9.0', 'org.typelevel#cats-macros_2.12;0.9.0', 'org.typelevel#machinist_2.12;0.6.1',
              'com.github.mpilquist#simulacrum_2.12;0.10.0', 'io.circe#circe-generic_2.12;0.8.0', 'com.chuusai#shapeless_2.12;2.3.2',
              'org.typelevel#macro-compat_2.12;1.1.1', 'io.circe#circe-parser_2.12;0.8.0', 'io.circe#circe-jawn_2.12;0.8.0',
              'org.spire-math#jawn-parser_2.12;0.10.4']


@case
def scala_sbt_no_output_timeout():
    L = Travis(3301, 'raftlite', 'raft-lite', 'scala', dist='trusty', year=2017, when=1509000000)
    L.worker_info()
    L.system_info()
    L.cache_fetch(['$HOME/.ivy2/cache', '$HOME/.sbt'], found=False)
    L.checkout()
    from gen_common import jdk_setup
    jdk_setup(L)
    L.ln(col('33;1', 'Using Scala 2.12.3'))
    L.ln('$ export JVM_OPTS=@/etc/sbt/jvmopts')
    L.ln('$ export SBT_OPTS=@/etc/sbt/sbtopts')
    cmd = 'sbt ++$TRAVIS_SCALA_VERSION scalastyle test:scalastyle scalafmt::test test'
    h = L.start(cmd)
    L.ln('Getting org.scala-sbt sbt 0.13.16  (this may take some time)...')
    boot = [('org.scala-sbt', n, '0.13.16') for n in ['sbt', 'main', 'compiler-interface', 'actions', 'main-settings',
                                                      'interface', 'io', 'ivy', 'launcher-interface', 'logging', 'process',
                                                      'run', 'command', 'classpath', 'completion', 'api', 'compiler-integration',
                                                      'incremental-compiler', 'compile', 'persist', 'classfile', 'control',
                                                      'relation', 'testing', 'test-agent', 'tasks', 'tracking', 'cache',
                                                      'apply-macro', 'collections', 'cross', 'task-system', 'main-api']]
    boot += [('org.scala-lang', 'scala-library', '2.10.6'), ('org.scala-lang', 'scala-compiler', '2.10.6'),
             ('org.scala-lang', 'scala-reflect', '2.10.6'), ('jline', 'jline', '2.14.4'), ('org.scala-sbt.ivy', 'ivy', '2.3.0-sbt-48dd0744422128446aee9ac31aa356ee203cc9f4'),
             ('com.jcraft', 'jsch', '0.1.50'), ('org.scala-sbt', 'serialization_2.10', '0.1.2'), ('org.json4s', 'json4s-core_2.10', '3.2.10'),
             ('com.thoughtworks.paranamer', 'paranamer', '2.6'), ('org.spire-math', 'jawn-parser_2.10', '0.6.0')]
    for g, a, v in boot:
        path = g.replace('.', '/')
        if g == 'org.scala-sbt':
            L.ln(f'downloading https://repo.scala-sbt.org/scalasbt/maven-releases/{path}/{a}/{v}/{a}-{v}.jar ...')
        else:
            L.ln(f'downloading https://repo1.maven.org/maven2/{path}/{a}/{v}/{a}-{v}.jar ...')
        L.ln(f'\t[SUCCESSFUL ] {g}#{a};{v}!{a}.jar ({L.R.randint(20, 1400)}ms)')
    L.ln(':: retrieving :: org.scala-sbt#boot-app')
    L.ln('\tconfs: [default]')
    L.ln(f'\t{len(boot) + 9} artifacts copied, 0 already retrieved (17674kB/61ms)')
    L.ln('Getting Scala 2.10.6 (for sbt)...')
    L.ln(':: retrieving :: org.scala-sbt#boot-scala')
    L.ln('\tconfs: [default]')
    L.ln('\t5 artifacts copied, 0 already retrieved (24494kB/53ms)')
    L.ln(sbt('info', f'Loading project definition from {L.build_dir}/project'))
    L.ln(sbt('info', f'Updating {{file:{L.build_dir}/project/}}raft-lite-build...'))
    plug = ['org.scalastyle#scalastyle-sbt-plugin;1.0.0', 'org.scalastyle#scalastyle_2.10;1.0.0', 'com.geirsson#neo-sbt-scalafmt;1.11',
            'com.geirsson#scalafmt-core_2.10;1.2.0', 'org.scalameta#scalameta_2.10;1.8.0', 'org.scoverage#sbt-scoverage;1.5.1',
            'org.scoverage#scalac-scoverage-plugin_2.10;1.3.1', 'com.typesafe.sbt#sbt-multi-jvm;0.4.0']
    for a in plug + [x.replace('2.12', '2.10') for x in SCALA_ARTS[:12]]:
        L.ln(sbt('info', f'Resolving {a.replace("#", ":").replace(";", ":")} ...'))
    for a in plug:
        g, rest = a.split('#')
        n, v = rest.split(';')
        L.ln(sbt('info', f'downloading https://repo.scala-sbt.org/scalasbt/sbt-plugin-releases/{g}/{n}/scala_2.10/sbt_0.13/{v}/jars/{n}.jar ...'))
        L.ln(sbt('info', f'\t[SUCCESSFUL ] {a}!{n}.jar ({L.R.randint(100, 2400)}ms)'))
    L.ln(sbt('info', 'Done updating.'))
    L.ln(sbt('info', f'Compiling 2 Scala sources to {L.build_dir}/project/target/scala-2.10/sbt-0.13/classes...'))
    L.ln(sbt('info', 'Set current project to raft-lite (in build file:' + L.build_dir + '/)'))
    L.ln(sbt('info', 'Setting version to 2.12.3'))
    L.ln(sbt('info', 'Reapplying settings...'))
    L.ln(sbt('info', 'Set current project to raft-lite (in build file:' + L.build_dir + '/)'))
    for proj in ['core', 'raft-lite']:
        L.ln(sbt('info', f'Updating {{file:{L.build_dir}/}}{proj}...'))
        for rep in range(4):
            for a in SCALA_ARTS:
                L.ln(sbt('info', f'Resolving {a.replace("#", ":").replace(";", ":")} ...'))
        if proj == 'core':
            for a in SCALA_ARTS:
                g, rest = a.split('#')
                n, v = rest.split(';')
                L.ln(sbt('info', f'downloading https://repo1.maven.org/maven2/{g.replace(".", "/")}/{n}/{v}/{n}-{v}.jar ...'))
                L.ln(sbt('info', f'\t[SUCCESSFUL ] {a}!{n.split("_")[0]}.jar{"(bundle)" if "akka" in n else ""} ({L.R.randint(40, 3000)}ms)'))
        L.ln(sbt('info', 'Done updating.'))
    L.ln(sbt('info', f'scalastyle using config {L.build_dir}/scalastyle-config.xml'))
    L.ln(sbt('warn', f'{L.build_dir}/core/src/main/scala/raft/Node.scala:45:6: null is used'))
    L.ln(sbt('info', 'Processed 42 file(s)'))
    L.ln(sbt('info', 'Found 0 errors'))
    L.ln(sbt('info', 'Found 1 warnings'))
    L.ln(sbt('info', 'Found 0 infos'))
    L.ln(sbt('info', 'Finished in 12 ms'))
    L.ln(sbt('success', f'created output: {L.build_dir}/core/target'))
    L.ln(sbt('success', 'Total time: 3 s, completed Oct 26, 2017 6:44:12 AM'))
    L.ln(sbt('info', f'scalastyle using config {L.build_dir}/scalastyle-config.xml'))
    L.ln(sbt('info', 'Processed 18 file(s)'))
    L.ln(sbt('info', 'Found 0 errors'))
    L.ln(sbt('info', 'Found 0 warnings'))
    L.ln(sbt('info', 'Found 0 infos'))
    L.ln(sbt('info', 'Finished in 3 ms'))
    L.ln(sbt('success', f'created output: {L.build_dir}/core/target'))
    L.ln(sbt('success', 'Total time: 1 s, completed Oct 26, 2017 6:44:13 AM'))
    L.ln(sbt('info', f'Checking 60 Scala sources ({L.build_dir}/core)...'))
    L.ln(sbt('success', 'Total time: 6 s, completed Oct 26, 2017 6:44:19 AM'))
    L.ln(sbt('info', f'Compiling 42 Scala sources to {L.build_dir}/core/target/scala-2.12/classes...'))
    L.ln(sbt('warn', 'there were 3 deprecation warnings; re-run with -deprecation for details'))
    L.ln(sbt('warn', 'one warning found'))
    L.ln(sbt('info', f'Compiling 18 Scala sources to {L.build_dir}/core/target/scala-2.12/test-classes...'))
    specs = [('LogSpec', 'A Log', ['should append entries', 'should truncate conflicting suffix', 'should report last index and term',
                                    'should reject appends with stale term', 'should fail with error on gap']),
             ('CodecSpec', 'The wire codec', ['should round-trip AppendEntries', 'should round-trip RequestVote',
                                              'should reject corrupted frames']),
             ('ElectionTimerSpec', 'An ElectionTimer', ['should fire after timeout', 'should reset on heartbeat', 'should randomize timeouts']),
             ('NodeSpec', 'A follower', ['should become candidate after election timeout', 'should vote once per term',
                                          'should reject votes for stale logs', 'should step down on higher term'])]
    for cls, subj, ts in specs:
        L.ln(sbt('info', f'{cls}:'))
        L.ln(sbt('info', subj))
        for t in ts:
            if 'stale term' in t:
                L.ln(f'[ERROR] [10/26/2017 06:45:02.118] [{cls}-akka.actor.default-dispatcher-4] [akka://{cls}/user/node-2] rejected AppendEntries from term 3 (current 5)')
            L.ln(sbt('info', f'\x1b[32m- {t}\x1b[0m'))
    L.ln('[WARN] [10/26/2017 06:45:09.411] [ClusterSpec-akka.remote.default-remote-dispatcher-6] [akka.tcp://ClusterSpec@127.0.0.1:2552/system/endpointManager/reliableEndpointWriter-akka.tcp%3A%2F%2FClusterSpec%40127.0.0.1%3A2553-0] Association with remote system [akka.tcp://ClusterSpec@127.0.0.1:2553] has failed, address is now gated for [5000] ms. Reason: [Association failed with [akka.tcp://ClusterSpec@127.0.0.1:2553]] Caused by: [Connection refused: /127.0.0.1:2553]')
    L.ln(sbt('info', 'ClusterSpec:'))
    L.ln(sbt('info', 'A three node cluster'))
    L.ln(sbt('info', '\x1b[32m- should elect a leader (1 second, 212 milliseconds)\x1b[0m'))
    L.ln(sbt('info', '\x1b[32m- should replicate writes to followers (844 milliseconds)\x1b[0m'), 'C')
    L.ln('[ERROR] [10/26/2017 06:45:14.902] [ClusterSpec-akka.actor.default-dispatcher-2] [akka://ClusterSpec/user/node-1] Leader lost quorum; stepping down', 'C')
    L.advance(600)
    L.ln()
    L.ln()
    with L.mark('E'):
        L.ln(col('31;1', 'No output has been received in the last 10m0s, this potentially indicates a stalled build or something wrong with the build itself.'))
        L.ln(col('31;1', 'Check the details on how to adjust your build configuration on: https://docs.travis-ci.com/user/common-build-problems/#Build-times-out-because-no-output-was-received'))
    L.ln()
    L.ln(col('31;1', 'The build has been terminated'), 'E')
    L.ln()
    return 'scala-sbt-no-output-timeout', L, dict(ecosystem='scala', ci='travis', tool='sbt (scalastyle, scalafmt, scalatest)', failure_kind='timeout')


# ---------------------------------------------------------------------------
ANDROID_COMPONENTS = [('tools', 'Android SDK Tools, revision 25.2.5', 277),
                      ('platform-tools', 'Android SDK Platform-tools, revision 27.0.1', 4),
                      ('build-tools-27.0.3', 'Android SDK Build-tools, revision 27.0.3', 54),
                      ('android-27', 'SDK Platform Android 8.1.0, API 27, revision 3', 62),
                      ('android-22', 'SDK Platform Android 5.1.1, API 22, revision 2', 66),
                      ('extra-android-m2repository', 'Android Support Repository, revision 47', 332),
                      ('sys-img-armeabi-v7a-android-22', 'ARM EABI v7a System Image, Android API 22, revision 6', 241)]


@case
def android_max_time():
    L = Travis(3401, 'openfoodlog', 'foodlog-android', 'android', dist='trusty', year=2018, when=1522000000)
    L.worker_info()
    L.system_info()
    L.cache_fetch(['$HOME/.gradle/caches/', '$HOME/.gradle/wrapper/', '$HOME/.android/build-cache'])
    L.checkout()
    from gen_common import jdk_setup
    jdk_setup(L)
    L.fold_start('android.install')
    L.ln(col('33;1', 'Installing Android dependencies'))
    R = L.R
    for comp, name, mb in ANDROID_COMPONENTS:
        h = L.start(f"android-update-sdk --components={comp} --accept-licenses='android-sdk-preview-license-52d11cd2|android-sdk-license-.+|google-gdk-license-.+'")
        L.ln(f'spawn android update sdk --no-ui --all --filter {comp}')
        L.ln('Refresh Sources:')
        L.ln('  Fetching https://dl.google.com/android/repository/addons_list-2.xml')
        L.ln('  Validate XML')
        L.ln('  Parse XML')
        L.ln('  Fetched Add-ons List successfully')
        L.ln('  Refresh Sources')
        for x in ['repository-11.xml', 'addon2-1.xml', 'glass/addon2-1.xml', 'intel/addon2-1.xml', 'extras/intel/addon2-1.xml',
                  'sys-img/android/sys-img2-1.xml', 'sys-img/android-wear/sys-img2-1.xml', 'sys-img/android-tv/sys-img2-1.xml',
                  'sys-img/google_apis/sys-img2-1.xml']:
            L.ln(f'  Fetching URL: https://dl.google.com/android/repository/{x}')
            L.ln(f'  Validate XML: https://dl.google.com/android/repository/{x}')
            L.ln(f'  Parse XML:    https://dl.google.com/android/repository/{x}')
        L.ln('Packages selected for install:')
        L.ln(f'- {name}')
        L.ln()
        L.ln('To install:')
        L.ln(f'- {name}')
        L.ln()
        L.ln("Do you accept the license 'android-sdk-license-c81a61d9' [y/n]: ")
        L.ln('Installing Archives:')
        L.ln('  Preparing to install archives')
        L.raw(f'  Downloading {name}')
        secs = max(10, mb // 2)
        for p in range(1, 101, R.randint(1, 3)):
            L.raw(f'\r  Downloading {name} ({p}%, {R.randint(2000, 30000)} KiB/s, {max(0, secs - secs * p // 100)} seconds left)')
        L.raw('\n')
        L.ln(f'  Installing {name}')
        L.ln(f'    Installed {name}')
        L.ln('  Done. 1 package installed.')
        L.end(h, dur=secs, announce=None)
    L.fold_end('android.install')
    L.raw('\n')
    h = L.start('echo no | android create avd --force -n test -t android-22 --abi armeabi-v7a', fold='before_script.1')
    L.ln('Android 5.1.1 is a basic Android platform.')
    L.ln("Do you wish to create a custom hardware profile [no]Created AVD 'test' based on Android 5.1.1, ARM (armeabi-v7a) processor,")
    L.ln('with the following hardware config:')
    for l in ['hw.cpu.model=cortex-a8', 'hw.lcd.density=240', 'hw.ramSize=512', 'hw.screen=touch', 'vm.heapSize=48']:
        L.ln(l)
    L.end(h, dur=2.0, announce=None)
    L.raw('\n')
    h = L.start('emulator -avd test -no-audio -no-window &', fold='before_script.2')
    L.end(h, announce=None)
    L.raw('\n')
    h = L.start('android-wait-for-emulator', fold='before_script.3')
    L.ln('Waiting for emulator to start')
    L.ln('emulator: WARNING: VM heap size set below hardware specified minimum of 48MB')
    L.ln('emulator: WARNING: Increasing RAM size to 1024MB')
    L.ln('emulator: WARNING: Crash service did not start')
    L.ln('Hax is disabled')
    L.ln('emulator: ERROR: Could not load OpenGLES emulation library [lib64OpenglRender]: lib64OpenglRender.so: cannot open shared object file: No such file or directory')
    L.ln('emulator: WARNING: Could not initialize OpenglES emulation, using software renderer.')
    L.ln('Creating filesystem with parameters:')
    L.ln('    Size: 576716800')
    L.ln('    Block size: 4096')
    L.ln('    Blocks per group: 32768')
    L.ln('    Inodes per group: 7040')
    L.ln('    Inode size: 256')
    L.ln('    Journal blocks: 2200')
    L.ln('    Label: ')
    L.ln('    Blocks: 140800')
    L.ln('    Block groups: 5')
    L.ln('    Reserved block group size: 39')
    L.ln('Created filesystem with 11/35200 inodes and 4536/140800 blocks')
    for _ in range(R.randint(30, 60)):
        L.ln('emulator: UpdateCheck: Failure: Error' if R.random() < 0.03 else 'Waiting for emulator to start')
    L.end(h, dur=301.0, announce=None)
    L.raw('\n')
    h = L.start('adb shell input keyevent 82 &', fold='before_script.4')
    L.end(h, announce=None)
    L.raw('\n')
    h = L.start('adb logcat -v time *:W &', fold='before_script.5')
    L.end(h, announce=None)
    L.raw('\n')
    h = L.start('./gradlew build connectedCheck')
    L.ln('Downloading https://services.gradle.org/distributions/gradle-4.4-all.zip')
    for _ in range(20):
        L.ln('.' * 80)
    L.ln(f'Unzipping /home/travis/.gradle/wrapper/dists/gradle-4.4-all/9br9xq1tocpiv8o6njlyu5op1/gradle-4.4-all.zip to /home/travis/.gradle/wrapper/dists/gradle-4.4-all/9br9xq1tocpiv8o6njlyu5op1')
    L.ln('Set executable permissions for: /home/travis/.gradle/wrapper/dists/gradle-4.4-all/9br9xq1tocpiv8o6njlyu5op1/gradle-4.4/bin/gradle')
    L.ln('Starting a Gradle Daemon (subsequent builds will be faster)')
    gdeps = ['com/android/tools/build/gradle/3.1.0/gradle-3.1.0', 'com/android/tools/build/builder/3.1.0/builder-3.1.0',
             'com/android/tools/lint/lint-gradle-api/26.1.0/lint-gradle-api-26.1.0', 'com/android/tools/build/gradle-api/3.1.0/gradle-api-3.1.0',
             'com/android/databinding/compilerCommon/3.1.0/compilerCommon-3.1.0', 'org/jetbrains/kotlin/kotlin-stdlib/1.2.30/kotlin-stdlib-1.2.30',
             'com/android/tools/build/manifest-merger/26.1.0/manifest-merger-26.1.0', 'com/android/tools/sdk-common/26.1.0/sdk-common-26.1.0',
             'com/android/tools/sdklib/26.1.0/sdklib-26.1.0', 'com/android/tools/repository/26.1.0/repository-26.1.0',
             'com/android/tools/common/26.1.0/common-26.1.0', 'com/android/tools/ddms/ddmlib/26.1.0/ddmlib-26.1.0',
             'com/android/tools/build/apksig/3.1.0/apksig-3.1.0', 'com/android/tools/analytics-library/shared/26.1.0/shared-26.1.0',
             'com/google/protobuf/protobuf-java/3.4.0/protobuf-java-3.4.0', 'com/squareup/javawriter/2.5.0/javawriter-2.5.0',
             'org/ow2/asm/asm/6.0/asm-6.0', 'net/sf/proguard/proguard-gradle/5.3.3/proguard-gradle-5.3.3',
             'com/android/support/appcompat-v7/27.1.0/appcompat-v7-27.1.0', 'com/android/support/support-fragment/27.1.0/support-fragment-27.1.0',
             'com/android/support/support-compat/27.1.0/support-compat-27.1.0', 'com/android/support/support-core-ui/27.1.0/support-core-ui-27.1.0',
             'com/android/support/support-core-utils/27.1.0/support-core-utils-27.1.0', 'com/android/support/recyclerview-v7/27.1.0/recyclerview-v7-27.1.0',
             'com/android/support/design/27.1.0/design-27.1.0', 'com/android/support/constraint/constraint-layout/1.0.2/constraint-layout-1.0.2',
             'android/arch/lifecycle/runtime/1.1.0/runtime-1.1.0', 'android/arch/lifecycle/common/1.1.0/common-1.1.0',
             'android/arch/persistence/room/runtime/1.0.0/runtime-1.0.0', 'com/squareup/retrofit2/retrofit/2.4.0/retrofit-2.4.0',
             'com/squareup/okhttp3/okhttp/3.10.0/okhttp-3.10.0', 'com/squareup/okio/okio/1.14.0/okio-1.14.0',
             'com/google/code/gson/gson/2.8.2/gson-2.8.2', 'junit/junit/4.12/junit-4.12',
             'com/android/support/test/runner/1.0.1/runner-1.0.1', 'com/android/support/test/espresso/espresso-core/3.0.1/espresso-core-3.0.1',
             'com/android/support/test/espresso/espresso-idling-resource/3.0.1/espresso-idling-resource-3.0.1',
             'com/squareup/javapoet/1.9.0/javapoet-1.9.0', 'javax/inject/javax.inject/1/javax.inject-1', 'org/mockito/mockito-core/2.15.0/mockito-core-2.15.0']
    for d in gdeps:
        repo = 'https://dl.google.com/dl/android/maven2' if d.startswith(('com/android', 'android/')) else 'https://jcenter.bintray.com'
        L.ln(f'Download {repo}/{d}.pom')
    for d in gdeps:
        repo = 'https://dl.google.com/dl/android/maven2' if d.startswith(('com/android', 'android/')) else 'https://jcenter.bintray.com'
        L.ln(f'Download {repo}/{d}.{"aar" if "support" in d or "arch" in d else "jar"}')
    tasks = ['preBuild', 'preDebugBuild', 'compileDebugAidl', 'compileDebugRenderscript', 'checkDebugManifest', 'generateDebugBuildConfig',
             'prepareLintJar', 'generateDebugResValues', 'generateDebugResources', 'mergeDebugResources', 'createDebugCompatibleScreenManifests',
             'processDebugManifest', 'splitsDiscoveryTaskDebug', 'processDebugResources', 'generateDebugSources',
             'javaPreCompileDebug', 'compileDebugJavaWithJavac', 'compileDebugNdk', 'compileDebugSources', 'mergeDebugShaders',
             'compileDebugShaders', 'generateDebugAssets', 'mergeDebugAssets', 'transformClassesWithDexBuilderForDebug',
             'transformDexArchiveWithExternalLibsDexMergerForDebug', 'transformDexArchiveWithDexMergerForDebug',
             'mergeDebugJniLibFolders', 'transformNativeLibsWithMergeJniLibsForDebug', 'processDebugJavaRes',
             'transformResourcesWithMergeJavaResForDebug', 'validateSigningDebug', 'packageDebug', 'assembleDebug']
    for t in tasks:
        L.ln(f'> Task :app:{t}')
        if t == 'compileDebugJavaWithJavac':
            L.ln('Note: Some input files use or override a deprecated API.')
            L.ln('Note: Recompile with -Xlint:deprecation for details.')
    for t in [x.replace('Debug', 'Release').replace('debug', 'release') for x in tasks]:
        L.ln(f'> Task :app:{t}')
    L.ln('> Task :app:lint')
    L.ln('Ran lint on variant debug: 14 issues found')
    L.ln('Ran lint on variant release: 14 issues found')
    L.ln(f'Wrote HTML report to file://{L.build_dir}/app/build/reports/lint-results.html')
    L.ln(f'Wrote XML report to file://{L.build_dir}/app/build/reports/lint-results.xml')
    for t in ['assemble', 'compileDebugUnitTestJavaWithJavac', 'testDebugUnitTest', 'compileReleaseUnitTestJavaWithJavac',
              'testReleaseUnitTest', 'test', 'check', 'build', 'compileDebugAndroidTestJavaWithJavac',
              'packageDebugAndroidTest', 'assembleDebugAndroidTest']:
        L.ln(f'> Task :app:{t}')
    L.ln('> Task :app:connectedDebugAndroidTest', 'C')
    # logcat spew while instrumented tests crawl on the ARM emulator
    tags = [('W', 'ActivityManager', 'Slow operation: {n}ms so far, now at startProcess: done updating battery stats'),
            ('W', 'art', 'Suspending all threads took: {n}ms'),
            ('E', 'SQLiteLog', '(284) automatic index on food_entries(day)'),
            ('W', 'Choreographer', 'Skipped {n} frames!  The application may be doing too much work on its main thread.'),
            ('E', 'EGL_emulation', 'tid {n}: eglSurfaceAttrib(1165): error 0x3009 (EGL_BAD_MATCH)'),
            ('W', 'OpenGLRenderer', 'Failed to set EGL_SWAP_BEHAVIOR on surface 0xa3c8e0, error=EGL_BAD_MATCH'),
            ('W', 'InputMethodManagerService', 'Window already focused, ignoring focus gain of: com.android.internal.view.IInputMethodClient$Stub$Proxy@{h} attribute=null, token = android.os.BinderProxy@{h}'),
            ('E', 'FoodLogRepo', 'sync failed (expected in test): java.net.UnknownHostException: Unable to resolve host "api.foodlog.test"'),
            ('W', 'System.err', 'java.net.UnknownHostException: Unable to resolve host "api.foodlog.test": No address associated with hostname'),
            ('W', 'System.err', '\tat java.net.InetAddress.lookupHostByName(InetAddress.java:427)'),
            ('W', 'ActivityManager', 'Launch timeout has expired, giving up wake lock!'),
            ('E', 'TestRunner', 'timed out waiting for idle, retrying'),
            ('W', 'art', 'Long monitor contention event with owner method=void com.android.server.am.ActivityManagerService.activityPaused(android.os.IBinder) from ActivityManagerService.java:6312 waiters=0 for {n}ms')]
    t0 = 11 * 3600 + 2 * 60
    i = 0
    crash_at = 900
    while i < 5200:
        i += 1
        t0 += R.uniform(0.05, 0.9)
        lvl, tag, msg = R.choice(tags)
        msg = msg.format(n=R.randint(30, 4000), h=L.hexs(7))
        hh, mm, ss = int(t0 // 3600), int(t0 // 60) % 60, t0 % 60
        L.ln(f'03-25 {hh:02d}:{mm:02d}:{ss:06.3f} {lvl}/{tag}({R.randint(400, 3000):4d}): {msg}')
        if i == crash_at:
            for l in ['E/AndroidRuntime( 1873): FATAL EXCEPTION: main', 'E/AndroidRuntime( 1873): Process: com.android.launcher3, PID: 1873',
                      'E/AndroidRuntime( 1873): java.lang.NullPointerException: Attempt to invoke virtual method \'int android.view.View.getWidth()\' on a null object reference',
                      'E/AndroidRuntime( 1873): \tat com.android.launcher3.Workspace.updatePageAlphaValues(Workspace.java:1492)',
                      'E/AndroidRuntime( 1873): \tat com.android.launcher3.Workspace.onScrollChanged(Workspace.java:1566)']:
                L.ln(f'03-25 {hh:02d}:{mm:02d}:{ss:06.3f} {l}')
        if i % 1300 == 0:
            L.ln(f'Tests on test(AVD) - 5.1.1 running... ({i // 1300 * 9} of 48 completed)' if False else f'03-25 {hh:02d}:{mm:02d}:{ss:06.3f} I/TestRunner({R.randint(2000, 3000)}): finished: test{["LogMeal", "EditMeal", "DeleteMeal", "DailySummary"][i // 1300 - 1]}(org.openfoodlog.app.MealFlowTest)')
    L.advance(2200)
    L.ln()
    L.ln()
    L.ln(col('31;1', 'The job exceeded the maximum time limit for jobs, and has been terminated.'), 'E')
    L.ln()
    return 'android-emulator-max-time-limit', L, dict(ecosystem='java', ci='travis', tool='gradle connectedCheck (android emulator)', failure_kind='timeout')
