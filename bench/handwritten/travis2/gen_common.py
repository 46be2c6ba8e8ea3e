# Shared machinery for generating the synthetic CI logs.
# Every log is built through Log.ln()/Log.raw(); labelled regions are recorded as
# character offsets while writing, and converted to line numbers only at the end,
# by splitting the final text on \r\n, \n or a lone \r.
import bisect
import json
import os
import random
import re
from contextlib import contextmanager

OUT = '/tmp/travis2'
ESC = '\x1b'


def col(code, s):
    return f'\x1b[{code}m{s}\x1b[0m'


def red(s): return col('31', s)
def green(s): return col('32', s)
def yellow(s): return col('33', s)
def cyan(s): return col('36', s)
def bold(s): return col('1', s)
def grey(s): return col('90', s)


LINE_SPLIT = re.compile(r'\r\n|\r|\n')


def split_lines(text):
    pieces = LINE_SPLIT.split(text)
    if pieces and pieces[-1] == '':
        pieces.pop()
    return pieces


class Log:
    nl = '\n'

    def __init__(self, seed):
        self.parts = []
        self.n = 0
        self.marks = []
        self.R = random.Random(seed)

    # ---- low level -------------------------------------------------------
    def raw(self, s):
        self.parts.append(s)
        self.n += len(s)

    def prefix(self):
        return ''

    def ln(self, s='', tag=None):
        st = self.n
        self.raw(self.prefix() + s + self.nl)
        if tag:
            self.marks.append((tag, st, self.n - 1))

    def lines(self, text, tag=None):
        for l in text.split('\n'):
            self.ln(l, tag)

    @contextmanager
    def mark(self, tag):
        st = self.n
        yield
        self.marks.append((tag, st, self.n - 1))

    # ---- randomness helpers ---------------------------------------------
    def hexs(self, n):
        return ''.join(self.R.choice('0123456789abcdef') for _ in range(n))

    def pick(self, seq):
        return self.R.choice(seq)

    # ---- finalisation ----------------------------------------------------
    def text(self):
        return ''.join(self.parts)

    def ranges(self):
        text = self.text()
        starts = [0] + [m.end() for m in LINE_SPLIT.finditer(text)]

        def lineno(o):
            return bisect.bisect_right(starts, o)
        rs = sorted(((lineno(s), lineno(e), t) for t, s, e in self.marks))
        merged = []
        for a, b, t in rs:
            if merged and merged[-1][2] == t and a <= merged[-1][1] + 1:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b, t])
        # sanity: no overlap between different tags
        for i in range(1, len(merged)):
            assert merged[i][0] > merged[i - 1][1], ('overlap', merged[i - 1], merged[i])
        return merged, text

    def write(self, name, meta):
        merged, text = self.ranges()
        d = os.path.join(OUT, name)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, 'fail.log'), 'wb') as f:
            f.write(text.encode('utf-8'))
        assert any(t == 'E' for a, b, t in merged), name
        with open(os.path.join(d, 'groundtruth'), 'w') as f:
            f.write('OUR-LABEL\n')
            for a, b, t in merged:
                f.write(f'{t} {a}-{b}\n')
        with open(os.path.join(d, 'meta.json'), 'w') as f:
            json.dump(meta, f)
            f.write('\n')
        # self-check: every mark's own text equals the lines the range points at
        lines = split_lines(text)
        starts = [0] + [m.end() for m in LINE_SPLIT.finditer(text)]
        for t, s, e in self.marks:
            a = bisect.bisect_right(starts, s)
            b = bisect.bisect_right(starts, e)
            seg = split_lines(text[starts[a - 1]:starts[b] if b < len(starts) else len(text)])
            assert seg == lines[a - 1:b], (name, t, a, b)
        return len(lines)


# ---------------------------------------------------------------------------
# Travis CI
# ---------------------------------------------------------------------------
YEAR_EPOCH = {2014: 1400000000, 2015: 1435000000, 2016: 1465000000, 2017: 1497000000,
              2018: 1528000000, 2019: 1560000000}


class Travis(Log):
    def __init__(self, seed, owner, repo, lang, dist='trusty', year=2018, osx=False,
                 branch='master', pr=None, group='stable', when=None):
        super().__init__(seed)
        self.owner, self.repo, self.lang = owner, repo, lang
        self.slug = f'{owner}/{repo}'
        self.dist, self.year, self.osx = dist, year, osx
        self.branch, self.pr, self.group = branch, pr, group
        base = when if when else YEAR_EPOCH[year] + self.R.randint(0, 12000000)
        self.t = base * 10**9 + self.R.randint(0, 10**9)
        self.build_dir = (f'/Users/travis/build/{self.slug}' if osx
                          else f'/home/travis/build/{self.slug}')
        self.home = '/Users/travis' if osx else '/home/travis'

    # ---- markers ----
    def fold_start(self, name):
        self.raw(f'travis_fold:start:{name}\r\x1b[0K')

    def fold_end(self, name):
        self.raw(f'travis_fold:end:{name}\r\x1b[0K')

    def time_start(self):
        tid = self.hexs(8)
        self.raw(f'travis_time:start:{tid}\r\x1b[0K')
        return tid

    def time_end(self, tid, dur=None):
        if dur is None:
            dur = self.R.uniform(0.005, 2.0)
        s = self.t
        self.t += int(dur * 1e9) + self.R.randint(0, 999)
        self.raw(f'travis_time:end:{tid}:start={s},finish={self.t},duration={self.t - s}\r\x1b[0K')

    def advance(self, secs):
        self.t += int(secs * 1e9)

    def start(self, command, fold=None, tag=None):
        if fold:
            self.fold_start(fold)
        tid = self.time_start()
        self.ln('$ ' + command, tag)
        return (tid, fold, command)

    def end(self, h, rc=0, dur=None, announce='script', tag=None):
        tid, fold, command = h
        self.time_end(tid, dur)
        if fold:
            self.fold_end(fold)
        if announce == 'script':
            self.raw('\n')
            if rc == 0:
                self.ln(col('32;1', f'The command "{command}" exited with {rc}.'), tag)
            else:
                self.ln(col('31;1', f'The command "{command}" exited with {rc}.'), tag)
        elif announce == 'setup' and rc != 0:
            self.raw('\n')
            self.ln(col('31;1', f'The command "{command}" failed and exited with {rc} during .'), tag)
            self.ln()
            self.ln('Your build has been stopped.')

    def simple(self, command, out=(), rc=0, fold=None, dur=None, announce='script'):
        h = self.start(command, fold)
        for l in out:
            self.ln(l)
        self.end(h, rc, dur, announce)

    def untimed(self, command, out=()):
        self.ln('$ ' + command)
        for l in out:
            self.ln(l)

    def retry_fail_msg(self, command, n):
        self.ln(col('31;1', f'The command "{command}" failed. Retrying, {n} of 3.'))
        self.ln()

    # ---- job header ----
    def worker_info(self):
        self.fold_start('worker_info')
        self.ln(col('33;1', 'Worker information'))
        R = self.R
        if self.osx:
            self.ln(f'hostname: {self.hexs(8)}-{self.hexs(4)}-{self.hexs(4)}-{self.hexs(4)}-{self.hexs(12)}@1.production-1-worker-com-macstadium.travisci.net')
            self.ln('version: v4.6.1 https://github.com/travis-ci/worker/tree/6b58a8d2b2f54f0a0a5e2d1bd6ff7bea3d2c7e3f')
            self.ln(f'instance: {self.hexs(8)}-{self.hexs(4)}-{self.hexs(4)}-{self.hexs(4)}-{self.hexs(12)}:travis-ci-macos10.13-xcode9.4.1-1529955246')
            self.ln(f'startup: {R.uniform(30, 90):.9f}s')
        elif self.year <= 2015:
            self.ln(f'hostname: worker-linux-docker-{self.hexs(8)}.prod.travis-ci.org')
            self.ln('version: v1.4.0 https://github.com/travis-ci/worker/tree/9f2c4b8d1f2f0f9bd3b2b2a0dc7ec3f9b9b1a6b2')
            self.ln(f'instance: worker-linux-docker-{self.hexs(8)}:travis:{self.lang}')
            self.ln(f'startup: {R.uniform(0.4, 1.9):.9f}s')
        elif self.year <= 2017:
            self.ln(f'hostname: {self.hexs(8)}-{self.hexs(4)}-{self.hexs(4)}-{self.hexs(4)}-{self.hexs(12)}@1.i-{self.hexs(8)}-production-2-worker-org-ec2.travisci.net')
            self.ln('version: v3.0.2 https://github.com/travis-ci/worker/tree/1c8d8a6c1d8cb4c56f8f65b2a9b3b08e1b2e8d45')
            self.ln(f'instance: {self.hexs(7)}:travisci/ci-garnet:packer-1512502276-986baf0 (via amqp)')
            self.ln(f'startup: {R.uniform(0.4, 1.9):.9f}s')
        else:
            dist = {'trusty': 'garnet-trusty-1512502259-986baf0',
                    'xenial': 'sardonyx-xenial-1553530528-f909ac5',
                    'precise': 'amethyst-precise-1469020476-aa11e0a'}[self.dist]
            self.ln(f'hostname: travis-job-{self.hexs(8)}-{self.hexs(4)}-{self.hexs(4)}-{self.hexs(4)}-{self.hexs(12)}')
            self.ln('version: v4.6.1 https://github.com/travis-ci/worker/tree/8e3fe7f1a4b0e2f43f3a5a1aa83c5d2e2df0f0b6')
            self.ln(f'instance: travis-job-{self.hexs(8)}-{self.hexs(4)}-{self.hexs(4)}-{self.hexs(4)}-{self.hexs(12)} travis-ci-{dist} (via amqp)')
            self.ln(f'startup: {R.uniform(4, 12):.9f}s')
        self.fold_end('worker_info')

    def system_info(self, extra=None):
        self.fold_start('system_info')
        self.ln(col('33;1', 'Build system information'))
        R = self.R
        self.ln(f'Build language: {self.lang}')
        self.ln(f'Build group: {self.group}')
        if not self.osx:
            self.ln(f'Build dist: {self.dist}')
        bid = R.randint(200000000, 600000000)
        self.ln(f'Build id: {bid}')
        self.ln(f'Job id: {bid + R.randint(1, 12)}')
        if self.osx:
            for l in OSX_SYSINFO.split('\n'):
                self.ln(l)
        elif self.dist == 'precise':
            for l in PRECISE_SYSINFO.split('\n'):
                self.ln(l)
        elif self.dist == 'trusty':
            for l in TRUSTY_SYSINFO.split('\n'):
                self.ln(l)
        else:
            for l in XENIAL_SYSINFO.split('\n'):
                self.ln(l)
        if extra:
            for l in extra:
                self.ln(l)
        self.fold_end('system_info')
        self.raw('\n')

    def services(self, names):
        self.fold_start('services')
        for n in names:
            h = self.start(f'sudo service {n} start')
            if n == 'postgresql':
                self.ln(' * Starting PostgreSQL 9.6 database server')
                self.ln('   ...done.')
            elif n == 'mysql':
                self.ln('mysql start/running, process 3812')
            elif n == 'redis-server':
                self.ln('Starting redis-server: redis-server.')
            elif n == 'xvfb':
                pass
            self.end(h, announce=None)
        self.fold_end('services')
        self.ln()

    def cache_fetch(self, dirs, found=True):
        self.fold_start('cache.1')
        self.ln('Setting up build cache')
        self.ln('$ export CASHER_DIR=${TRAVIS_HOME}/.casher')
        h = self.start('Installing caching utilities')
        self.end(h, announce=None)
        h = self.start('', None)
        self.end(h, announce=None)
        tid = self.time_start()
        self.ln('attempting to download cache archive')
        arch = f'cache-linux-{self.dist}-{self.hexs(64)}--{self.lang}.tgz'
        self.ln(f'fetching {self.branch}/{arch}')
        if found:
            self.ln('found cache')
        else:
            self.ln(f'fetching master/{arch}')
            self.ln('could not download cache')
        self.time_end(tid, self.R.uniform(1, 6))
        tid = self.time_start()
        self.time_end(tid)
        for d in dirs:
            tid = self.time_start()
            self.ln(f'adding {d} to cache')
            if not found:
                self.ln(f'creating directory {d}')
            self.time_end(tid)
        self.fold_end('cache.1')
        self.raw('\n')

    def cache_store(self, dirs, changed=True):
        self.fold_start('cache.2')
        self.ln('store build cache')
        tid = self.time_start()
        self.time_end(tid)
        tid = self.time_start()
        if changed:
            self.ln(col('32;1', 'changes detected (content changed, file is created, or file is deleted):'))
            for d in dirs[:3]:
                for _ in range(self.R.randint(2, 5)):
                    self.ln(f'{d}/{self.hexs(2)}/{self.hexs(38)}')
                self.ln('...')
            self.ln()
            self.ln(col('32;1', 'changes detected, packing new archive'))
            for _ in range(self.R.randint(2, 5)):
                self.ln('.')
            self.ln(col('32;1', 'uploading archive'))
        else:
            self.ln('nothing changed')
        self.time_end(tid, self.R.uniform(3, 30))
        self.fold_end('cache.2')
        self.raw('\n')

    def checkout(self, sha=None, submodules=False, old_git=False):
        sha = sha or self.hexs(40)
        self.sha = sha
        self.fold_start('git.checkout')
        h = self.start(f'git clone --depth=50 --branch={self.branch} https://github.com/{self.slug}.git {self.slug}')
        self.ln(f"Cloning into '{self.slug}'...")
        R = self.R
        n = R.randint(300, 9000)
        d = int(n * R.uniform(0.3, 0.6))
        if old_git or self.year <= 2017:
            self.ln(f'remote: Counting objects: {n}, done.        ')
        else:
            self.ln(f'remote: Enumerating objects: {n}, done.        ')
            self.ln(f'remote: Counting objects: 100% ({n}/{n}), done.        ')
        c = int(n * R.uniform(0.4, 0.8))
        self.ln(f'remote: Compressing objects: 100% ({c}/{c}), done.        ')
        self.ln(f'remote: Total {n} (delta {d}), reused {n - R.randint(10, 200)} (delta {d - R.randint(5, 50)}), pack-reused {R.randint(0, 9)}        ')
        self.ln(f'Receiving objects: 100% ({n}/{n}), {R.uniform(0.3, 30):.2f} MiB | {R.uniform(5, 40):.2f} MiB/s, done.')
        self.ln(f'Resolving deltas: 100% ({d}/{d}), done.')
        if old_git or self.year <= 2015:
            self.ln('Checking connectivity... done.')
        self.end(h, dur=R.uniform(0.5, 4), announce=None)
        self.ln(f'$ cd {self.slug}')
        if self.pr:
            h = self.start(f'git fetch origin +refs/pull/{self.pr}/merge:')
            self.ln(f'remote: Enumerating objects: {R.randint(5, 60)}, done.        ')
            self.ln(f'remote: Total {R.randint(5, 40)} (delta {R.randint(1, 20)}), reused {R.randint(1, 10)} (delta {R.randint(0, 5)}), pack-reused 0        ')
            self.ln(f'Unpacking objects: 100% ({R.randint(5, 40)}/{R.randint(5, 40)}), done.')
            self.ln('From https://github.com/' + self.slug)
            self.ln(f' * branch            refs/pull/{self.pr}/merge -> FETCH_HEAD')
            self.end(h, announce=None)
            self.ln('$ git checkout -qf FETCH_HEAD')
        else:
            self.ln(f'$ git checkout -qf {sha}')
        if submodules:
            self.fold_end('git.checkout')
            self.fold_start('git.submodule')
            h = self.start('git submodule update --init --recursive')
            for s in submodules:
                self.ln(f"Submodule '{s}' (https://github.com/{s}.git) registered for path '{s.split('/')[-1]}'")
            for s in submodules:
                self.ln(f"Cloning into '{self.build_dir}/{s.split('/')[-1]}'...")
                self.ln(f"Submodule path '{s.split('/')[-1]}': checked out '{self.hexs(40)}'")
            self.end(h, announce=None)
            self.fold_end('git.submodule')
        else:
            self.fold_end('git.checkout')
        self.raw('\n')

    def env_vars(self, pairs, secure=0):
        if secure:
            self.ln(col('33;1', 'Setting environment variables from repository settings'))
            for i in range(secure):
                self.ln(f'$ export {["GH_TOKEN", "COVERALLS_REPO_TOKEN", "CODECOV_TOKEN", "SONAR_TOKEN"][i]}=[secure]')
            self.ln()
        if pairs:
            self.ln(col('33;1', 'Setting environment variables from .travis.yml'))
            for k, v in pairs:
                self.ln(f'$ export {k}={v}')
            self.ln()

    def done(self, rc=1):
        self.ln()
        self.ln(f'Done. Your build exited with {rc}.')


# ---------------------------------------------------------------------------
# GitHub Actions
# ---------------------------------------------------------------------------
class GHA(Log):
    def __init__(self, seed, owner, repo, date='2020-06-03', hour=14, crlf=False, bom=False):
        super().__init__(seed)
        self.owner, self.repo = owner, repo
        self.slug = f'{owner}/{repo}'
        self.ws = f'/home/runner/work/{repo}/{repo}'
        self.date = date
        self.ts = hour * 3600 * 10**7 + self.R.randint(0, 3599) * 10**7
        if crlf:
            self.nl = '\r\n'
        if bom:
            self.raw('\ufeff')

    def tick(self, lo=0.0001, hi=0.01):
        self.ts += int(self.R.uniform(lo, hi) * 10**7)

    def advance(self, secs):
        self.ts += int(secs * 10**7)

    def prefix(self):
        self.tick(0.00001, 0.003)
        t = self.ts
        h = t // (3600 * 10**7)
        m = (t // (60 * 10**7)) % 60
        s = (t // 10**7) % 60
        frac = t % 10**7
        return f'{self.date}T{h:02d}:{m:02d}:{s:02d}.{frac:07d}Z '

    def job_start(self, runner='2.263.0', image='20200525.2', os_='ubuntu-18.04'):
        self.ln('##[section]Starting: Request a runner to run this job')
        self.ln("Can't find any online and idle self-hosted runner in current repository that matches the required labels: 'ubuntu-latest'")
        self.ln("Can't find any online and idle self-hosted runner in current repository's account/organization that matches the required labels: 'ubuntu-latest'")
        self.ln("Found online and idle hosted runner in current repository's account/organization that matches the required labels: 'ubuntu-latest'")
        self.ln('##[section]Finishing: Request a runner to run this job')
        self.advance(self.R.uniform(3, 9))
        self.ln(f"Current runner version: '{runner}'")
        self.ln('Operating System')
        self.ln('  Ubuntu')
        self.ln('  18.04.4')
        self.ln('  LTS')
        self.ln('Virtual Environment')
        self.ln(f'  Environment: {os_}')
        self.ln(f'  Version: {image}')
        self.ln(f'  Included Software: https://github.com/actions/virtual-environments/blob/ubuntu18/{image}/images/linux/Ubuntu1804-README.md')
        self.ln('Prepare workflow directory')
        self.ln('Prepare all required actions')

    def download_action(self, a):
        self.ln(f"Download action repository '{a}'")

    def group(self, title, body=()):
        self.ln(f'##[group]{title}')
        for l in body:
            self.ln(l)
        self.ln('##[endgroup]')

    def run_header(self, script_lines, env=None, shell='/bin/bash -e {0}'):
        first = script_lines[0]
        self.advance(self.R.uniform(0.5, 4))
        self.ln(f'##[group]Run {first}')
        for l in script_lines:
            self.ln(col('36;1', l))
        self.ln(f'shell: {shell}')
        if env:
            self.ln('env:')
            for k, v in env:
                self.ln(f'  {k}: {v}')
        self.ln('##[endgroup]')

    def checkout(self, sha=None, fetch_depth=1, branch='master'):
        sha = sha or self.hexs(40)
        self.sha = sha
        self.ln('##[group]Run actions/checkout@v2')
        self.ln('with:')
        self.ln(f'  repository: {self.slug}')
        self.ln('  token: ***')
        self.ln('  ssh-strict: true')
        self.ln('  persist-credentials: true')
        self.ln('  clean: true')
        self.ln(f'  fetch-depth: {fetch_depth}')
        self.ln('  lfs: false')
        self.ln('  submodules: false')
        self.ln('##[endgroup]')
        self.ln(f'Syncing repository: {self.slug}')
        self.ln('##[group]Getting Git version info')
        self.ln(f"Working directory is '{self.ws}'")
        self.ln('[command]/usr/bin/git version')
        self.ln('git version 2.26.2')
        self.ln('##[endgroup]')
        self.ln(f"Deleting the contents of '{self.ws}'")
        self.ln('##[group]Initializing the repository')
        self.ln(f'[command]/usr/bin/git init {self.ws}')
        self.ln(f'Initialized empty Git repository in {self.ws}/.git/')
        self.ln(f'[command]/usr/bin/git remote add origin https://github.com/{self.slug}')
        self.ln('##[endgroup]')
        self.ln('##[group]Disabling automatic garbage collection')
        self.ln('[command]/usr/bin/git config --local gc.auto 0')
        self.ln('##[endgroup]')
        self.ln('##[group]Setting up auth')
        self.ln(r'[command]/usr/bin/git config --local --name-only --get-regexp core\.sshCommand')
        self.ln(r"[command]/usr/bin/git submodule foreach --recursive git config --local --name-only --get-regexp 'core\.sshCommand' && git config --local --unset-all 'core.sshCommand' || :")
        self.ln(r'[command]/usr/bin/git config --local --name-only --get-regexp http\.https\:\/\/github\.com\/\.extraheader')
        self.ln(r"[command]/usr/bin/git submodule foreach --recursive git config --local --name-only --get-regexp 'http\.https\:\/\/github\.com\/\.extraheader' && git config --local --unset-all 'http.https://github.com/.extraheader' || :")
        self.ln('[command]/usr/bin/git config --local http.https://github.com/.extraheader AUTHORIZATION: basic ***')
        self.ln('##[endgroup]')
        self.ln('##[group]Fetching the repository')
        self.ln(f'[command]/usr/bin/git -c protocol.version=2 fetch --no-tags --prune --progress --no-recurse-submodules --depth={fetch_depth} origin +{sha}:refs/remotes/origin/{branch}')
        n = self.R.randint(80, 900)
        self.ln(f'remote: Enumerating objects: {n}, done.        ')
        for p in (0, 1, 10, 25, 50, 75, 100):
            k = n * p // 100
            self.ln(f'remote: Counting objects: {p:3d}% ({k}/{n})        ' + ('' if p < 100 else ''))
        self.ln(f'remote: Counting objects: 100% ({n}/{n}), done.        ')
        c = n * 3 // 4
        self.ln(f'remote: Compressing objects: 100% ({c}/{c}), done.        ')
        self.ln(f'remote: Total {n} (delta {n // 9}), reused {n // 3} (delta 0), pack-reused 0        ')
        self.ln(f'From https://github.com/{self.slug}')
        self.ln(f' * [new ref]         {sha} -> origin/{branch}')
        self.ln('##[endgroup]')
        self.ln('##[group]Determining the checkout info')
        self.ln('##[endgroup]')
        self.ln('##[group]Checking out the ref')
        self.ln(f'[command]/usr/bin/git checkout --progress --force -B {branch} refs/remotes/origin/{branch}')
        self.ln(f"Switched to a new branch '{branch}'")
        self.ln(f"Branch '{branch}' set up to track remote branch '{branch}' from 'origin'.")
        self.ln('##[endgroup]')
        self.ln('[command]/usr/bin/git log -1')
        self.ln(f'commit {sha}')

    def error_exit(self, rc=1, tag=None):
        self.ln(f'##[error]Process completed with exit code {rc}.', tag)

    def post_checkout(self):
        self.ln('Post job cleanup.')
        self.ln('[command]/usr/bin/git version')
        self.ln('git version 2.26.2')
        self.ln(r'[command]/usr/bin/git config --local --name-only --get-regexp core\.sshCommand')
        self.ln(r"[command]/usr/bin/git submodule foreach --recursive git config --local --name-only --get-regexp 'core\.sshCommand' && git config --local --unset-all 'core.sshCommand' || :")
        self.ln(r'[command]/usr/bin/git config --local --name-only --get-regexp http\.https\:\/\/github\.com\/\.extraheader')
        self.ln('http.https://github.com/.extraheader')
        self.ln('[command]/usr/bin/git config --local --unset-all http.https://github.com/.extraheader')
        self.ln(r"[command]/usr/bin/git submodule foreach --recursive git config --local --name-only --get-regexp 'http\.https\:\/\/github\.com\/\.extraheader' && git config --local --unset-all 'http.https://github.com/.extraheader' || :")

    def cleanup(self):
        self.ln('Cleaning up orphan processes')


# ---------------------------------------------------------------------------
# System information templates
# ---------------------------------------------------------------------------
PRECISE_SYSINFO = """travis-build version: 5e9b0e4e6
Build image provisioning date and time
Thu Feb  5 15:09:33 UTC 2015
Operating System Details
Distributor ID:	Ubuntu
Description:	Ubuntu 12.04.5 LTS
Release:	12.04
Codename:	precise
Linux Version
3.13.0-29-generic
Cookbooks Version
a68419e https://github.com/travis-ci/travis-cookbooks/tree/a68419e
GCC version
gcc (Ubuntu/Linaro 4.6.3-1ubuntu5) 4.6.3
Copyright (C) 2011 Free Software Foundation, Inc.
This is free software; see the source for copying conditions.  There is NO
warranty; not even for MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.

LLVM version
clang version 3.4 (tags/RELEASE_34/final)
Target: x86_64-unknown-linux-gnu
Thread model: posix
Pre-installed Ruby versions
ruby-1.9.3-p551
Pre-installed Node.js versions
v0.10.36
Pre-installed Go versions
1.4.1
Redis version
redis-server 2.8.19
riak version
2.0.2
MongoDB version
MongoDB 2.4.12
CouchDB version
couchdb 1.6.1
Neo4j version
1.9.4
RabbitMQ Version
3.4.3
ElasticSearch version
1.4.0
Installed Sphinx versions
2.0.10
2.1.9
2.2.6
Default Sphinx version
2.2.6
Installed Firefox version
firefox 31.0esr
PhantomJS version
1.9.8
ant -version
Apache Ant(TM) version 1.8.2 compiled on December 3 2011
mvn -version
Apache Maven 3.2.5 (12a6b3acb947671f09b81f49094c53f426d8cea1; 2014-12-14T17:29:23+00:00)
Maven home: /usr/local/maven
Java version: 1.7.0_76, vendor: Oracle Corporation
Java home: /usr/lib/jvm/java-7-oracle/jre
Default locale: en_US, platform encoding: ANSI_X3.4-1968
OS name: "linux", version: "3.13.0-29-generic", arch: "amd64", family: "unix\""""

TRUSTY_SYSINFO = """Runtime kernel version: 4.4.0-101-generic
travis-build version: 2b9bc1ab6
Build image provisioning date and time
Tue Dec  5 19:58:13 UTC 2017
Operating System Details
Distributor ID:	Ubuntu
Description:	Ubuntu 14.04.5 LTS
Release:	14.04
Codename:	trusty
Cookbooks Version
7c2c6a6 https://github.com/travis-ci/travis-cookbooks/tree/7c2c6a6
git version
git version 2.15.1
bash version
GNU bash, version 4.3.11(1)-release (x86_64-pc-linux-gnu)
gcc version
gcc (Ubuntu 4.8.4-2ubuntu1~14.04.3) 4.8.4
Copyright (C) 2013 Free Software Foundation, Inc.
This is free software; see the source for copying conditions.  There is NO
warranty; not even for MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.

docker version
Client:
 Version:      17.09.0-ce
 API version:  1.32
 Go version:   go1.8.3
 Git commit:   afdb6d4
 Built:        Tue Sep 26 22:39:28 2017
 OS/Arch:      linux/amd64

Server:
 Version:      17.09.0-ce
 API version:  1.32 (minimum version 1.12)
 Go version:   go1.8.3
 Git commit:   afdb6d4
 Built:        Tue Sep 26 22:38:01 2017
 OS/Arch:      linux/amd64
 Experimental: false
clang version
clang version 5.0.0 (tags/RELEASE_500/final)
Target: x86_64-unknown-linux-gnu
Thread model: posix
InstalledDir: /usr/local/clang-5.0.0/bin
jq version
jq-1.5
bats version
Bats 0.4.0
shellcheck version
0.4.6
shfmt version
v2.0.0
ccache version
ccache version 3.1.9

Copyright (C) 2002-2007 Andrew Tridgell
Copyright (C) 2009-2011 Joel Rosdahl

This program is free software; you can redistribute it and/or modify it under
the terms of the GNU General Public License as published by the Free Software
Foundation; either version 3 of the License, or (at your option) any later
version.
cmake version
cmake version 3.9.2

CMake suite maintained and supported by Kitware (kitware.com/cmake).
heroku version
heroku-cli/6.14.39-addc925 (linux-x64) node-v9.2.0
imagemagick version
Version: ImageMagick 6.7.7-10 2017-07-31 Q16 http://www.imagemagick.org
md5deep version
4.2
mercurial version
Mercurial Distributed SCM (version 4.2.2)
(see https://mercurial-scm.org for more information)

Copyright (C) 2005-2017 Matt Mackall and others
This is free software; see the source for copying conditions. There is NO
warranty; not even for MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.
mysql version
mysql  Ver 14.14 Distrib 5.6.33, for debian-linux-gnu (x86_64) using  EditLine wrapper
openssl version
OpenSSL 1.0.1f 6 Jan 2014
packer version
Packer v1.0.2

Your version of Packer is out of date! The latest version
is 1.1.2. You can update by downloading from www.packer.io
postgresql client version
psql (PostgreSQL) 9.6.6
ragel version
Ragel State Machine Compiler version 6.8 Feb 2013
Copyright (c) 2001-2009 by Adrian Thurston
subversion version
svn, version 1.8.8 (r1568071)
   compiled Aug 10 2017, 17:20:39 on x86_64-pc-linux-gnu

Copyright (C) 2013 The Apache Software Foundation.
This software consists of contributions made by many people;
see the NOTICE file for more information.
Subversion is open source software, see http://subversion.apache.org/

sudo version
Sudo version 1.8.9p5
Configure options: --prefix=/usr -v --with-all-insults --with-pam --with-fqdn --with-logging=syslog --with-logfac=authpriv --with-env-editor --with-editor=/usr/bin/editor --with-timeout=15 --with-password-timeout=0 --with-passprompt=[sudo] password for %p:  --without-lecture --with-tty-tickets --disable-root-mailer --enable-admin-flag --with-sendmail=/usr/sbin/sendmail --with-timedir=/var/lib/sudo --mandir=/usr/share/man --libexecdir=/usr/lib/sudo --with-sssd --with-sssd-lib=/usr/lib/x86_64-linux-gnu --with-selinux
Sudoers policy plugin version 1.8.9p5
Sudoers file grammar version 43

Sudoers path: /etc/sudoers
Authentication methods: 'pam'
Syslog facility if syslog is being used for logging: authpriv
Syslog priority to use when user authenticates successfully: notice
Syslog priority to use when user authenticates unsuccessfully: alert
Send mail if the user is not in sudoers
Use a separate timestamp for each user/tty combo
Lecture user the first time they run sudo
Root may run sudo
Allow some information gathering to give useful error messages
Require fully-qualified hostnames in the sudoers file
Visudo will honor the EDITOR environment variable
Set the LOGNAME and USER environment variables
Length at which to wrap log file lines (0 for no wrap): 80
Authentication timestamp timeout: 15.0 minutes
Password prompt timeout: 0.0 minutes
Number of tries to enter a password: 3
Umask to use or 0777 to use user's: 022
Path to mail program: /usr/sbin/sendmail
Flags for mail program: -t
Address to send mail to: root
Subject line for mail messages: *** SECURITY information for %h ***
Incorrect password message: Sorry, try again.
Path to authentication timestamp dir: /var/lib/sudo
Default password prompt: [sudo] password for %p: 
Default user to run commands as: root
Value to override user's $PATH with: /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/snap/bin
Path to the editor for use by visudo: /usr/bin/editor
When to require a password for 'list' pseudocommand: any
When to require a password for 'verify' pseudocommand: all
File descriptors >= 3 will be closed before executing a command
Environment variables to check for sanity:
	TZ
	TERM
	LINGUAS
	LC_*
	LANGUAGE
	LANG
	COLORTERM
Environment variables to remove:
	RUBYOPT
	RUBYLIB
	PYTHONUSERBASE
	PYTHONINSPECT
	PYTHONPATH
	PYTHONHOME
	TMPPREFIX
	ZDOTDIR
	READNULLCMD
	NULLCMD
	FPATH
	PERL5DB
	PERL5OPT
	PERL5LIB
	PERLLIB
	PERLIO_DEBUG 
	JAVA_TOOL_OPTIONS
	SHELLOPTS
	GLOBIGNORE
	PS4
	BASH_ENV
	ENV
	TERMCAP
	TERMPATH
	TERMINFO_DIRS
	TERMINFO
	_RLD*
	LD_*
	PATH_LOCALE
	NLSPATH
	HOSTALIASES
	RES_OPTIONS
	LOCALDOMAIN
	CDPATH
	IFS
Environment variables to preserve:
	JAVA_HOME
	TRAVIS
	CI
	DEBIAN_FRONTEND
	XAUTHORIZATION
	XAUTHORITY
	PS2
	PS1
	PATH
	LS_COLORS
	KRB5CCNAME
	HOSTNAME
	HOME
	DISPLAY
	COLORS
Locale to use while parsing sudoers: C
Directory in which to store input/output logs: /var/log/sudo-io
File in which to store the input/output log: %{seq}
Add an entry to the utmp/utmpx file when allocating a pty
PAM service name to use
PAM service name to use for login shells
Create a new PAM session for the command to run in
Maximum I/O log sequence number: 0

Local IP address and netmask pairs:
	10.240.0.28/255.255.255.255
	172.17.0.1/255.255.0.0

Sudoers I/O plugin version 1.8.9p5
gzip version
gzip 1.6
Copyright (C) 2007, 2010, 2011 Free Software Foundation, Inc.
Copyright (C) 1993 Jean-loup Gailly.
This is free software.  You may redistribute copies of it under the terms of
the GNU General Public License <http://www.gnu.org/licenses/gpl.html>.
There is NO WARRANTY, to the extent permitted by law.

Written by Jean-loup Gailly.
zip version
Copyright (c) 1990-2008 Info-ZIP - Type 'zip "-L"' for software license.
This is Zip 3.0 (July 5th 2008), by Info-ZIP.
Currently maintained by E. Gordon.  Please send bug reports to
the authors using the web page at www.info-zip.org; see README for details.

Latest sources and executables are at ftp://ftp.info-zip.org/pub/infozip,
as of above date; see http://www.info-zip.org/ for other sites.

Compiled with gcc 4.8.2 for Unix (Linux ELF) on Oct 21 2013.

Zip special compilation options:
	USE_EF_UT_TIME       (store Universal Time)
	BZIP2_SUPPORT        (bzip2 library version 1.0.6, 6-Sept-2010)
	    bzip2 code and library copyright (c) Julian R Seward
	    (See the bzip2 license for terms of use)
	SYMLINK_SUPPORT      (symbolic links supported)
	LARGE_FILE_SUPPORT   (can read and write large files on file system)
	ZIP64_SUPPORT        (use Zip64 to store large files in archives)
	UNICODE_SUPPORT      (store and read UTF-8 Unicode paths)
	STORE_UNIX_UIDs_GIDs (store UID/GID sizes/values using new extra field)
	UIDGID_NOT_16BIT     (old Unix 16-bit UID/GID extra field not used)
	[encryption, version 2.91 of 05 Jan 2007] (modified for Zip 3)

Encryption notice:
	The encryption code of this program is not copyrighted and is
	put in the public domain.  It was originally written in Europe
	and, to the best of our knowledge, can be freely distributed
	in both source and object forms.  The one exception is that
	exporting encryption code from the United States is illegal.
	...
vim version
VIM - Vi IMproved 7.4 (2013 Aug 10, compiled Nov 24 2016 16:43:18)
Included patches: 1-52
Extra patches: 8.0.0056
Modified by pkg-vim-maintainers@lists.alioth.debian.org
Compiled by buildd@
Huge version without GUI.  Features included (+) or not (-):
+acl             +farsi           +mouse_netterm   +syntax
+arabic          +file_in_path    +mouse_sgr       +tag_binary
+autocmd         +find_in_path    -mouse_sysmouse  +tag_old_static
-balloon_eval    +float           +mouse_urxvt     -tag_any_white
-browse          +folding         +mouse_xterm     -tcl
++builtin_terms  -footer          +multi_byte      +terminfo
+byte_offset     +fork()          +multi_lang      +termresponse
+cindent         +gettext         -mzscheme        +textobjects
-clientserver    -hangul_input    +netbeans_intg   +title
-clipboard       +iconv           +path_extra      -toolbar
+cmdline_compl   +insert_expand   -perl            +user_commands
+cmdline_hist    +jumplist        +persistent_undo +vertsplit
+cmdline_info    +keymap          +postscript      +virtualedit
+comments        +langmap         +printer         +visual
+conceal         +libcall         +profile         +visualextra
+cryptv          +linebreak       +python          +viminfo
+cscope          +lispindent      -python3         +vreplace
+cursorbind      +listcmds        +quickfix        +wildignore
+cursorshape     +localmap        +reltime         +wildmenu
+dialog_con      -lua             +rightleft       +windows
+diff            +menu            -ruby            +writebackup
+digraphs        +mksession       +scrollbind      -X11
-dnd             +modify_fname    +signs           -xfontset
-ebcdic          +mouse           +smartindent     -xim
+emacs_tags      -mouseshape      -sniff           -xsmp
+eval            +mouse_dec       +startuptime     -xterm_clipboard
+ex_extra        +mouse_gpm       +statusline      -xterm_save
+extra_search    -mouse_jsbterm   -sun_workshop    -xpm
   system vimrc file: "$VIM/vimrc"
     user vimrc file: "$HOME/.vimrc"
 2nd user vimrc file: "~/.vim/vimrc"
      user exrc file: "$HOME/.exrc"
  fall-back for $VIM: "/usr/share/vim"
Compilation: gcc -c -I. -Iproto -DHAVE_CONFIG_H     -g -O2 -fstack-protector --param=ssp-buffer-size=4 -Wformat -Werror=format-security -U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=1      
Linking: gcc   -Wl,-Bsymbolic-functions -Wl,-z,relro -Wl,--as-needed -o vim        -lm -ltinfo -lnsl  -lselinux  -lacl -lattr -lgpm -ldl    -L/usr/lib/python2.7/config-x86_64-linux-gnu -lpython2.7 -lpthread -ldl -lutil -lm -Xlinker -export-dynamic -Wl,-O1 -Wl,-Bsymbolic-functions      
iptables version
iptables v1.4.21
curl version
curl 7.35.0 (x86_64-pc-linux-gnu) libcurl/7.35.0 OpenSSL/1.0.1f zlib/1.2.8 libidn/1.28 librtmp/2.3
wget version
GNU Wget 1.15 built on linux-gnu.
rsync version
rsync  version 3.1.0  protocol version 31
gimme version
v1.2.0
nvm version
0.33.6
perlbrew version
/home/travis/perl5/perlbrew/bin/perlbrew  - App::perlbrew/0.80
phpenv version
rbenv 1.1.1-25-g6aa70b6
rvm version
rvm 1.29.3 (latest) by Michal Papis, Piotr Kuczynski, Wayne E. Seguin [https://rvm.io]
default ruby version
ruby 2.4.1p111 (2017-03-22 revision 58053) [x86_64-linux]
CouchDB version
couchdb 1.6.1
ElasticSearch version
5.5.0
Installed Firefox version
firefox 56.0.2
MongoDB version
MongoDB 3.4.10
PhantomJS version
2.1.1
Pre-installed PostgreSQL versions
9.2.24
9.3.20
9.4.15
9.5.10
9.6.6
RabbitMQ Version
3.6.14
Redis version
redis-server 4.0.6
riak version
2.2.3
Pre-installed Go versions
1.7.4
ant version
Apache Ant(TM) version 1.9.3 compiled on April 8 2014
mvn version
Apache Maven 3.5.2 (138edd61fd100ec658bfa2d307c43b76940a5d7d; 2017-10-18T07:58:13Z)
Maven home: /usr/local/maven-3.5.2
Java version: 1.8.0_151, vendor: Oracle Corporation
Java home: /usr/lib/jvm/java-8-oracle/jre
Default locale: en_US, platform encoding: UTF-8
OS name: "linux", version: "4.4.0-101-generic", arch: "amd64", family: "unix"
gradle version

------------------------------------------------------------
Gradle 4.0.1
------------------------------------------------------------

Build time:   2017-07-07 14:02:41 UTC
Revision:     38e5dc0f772daecca1d2681885d3d85414eb6826

Groovy:       2.4.11
Ant:          Apache Ant(TM) version 1.9.6 compiled on June 29 2015
JVM:          1.8.0_151 (Oracle Corporation 25.151-b12)
OS:           Linux 4.4.0-101-generic amd64

lein version
Leiningen 2.8.1 on Java 1.8.0_151 Java HotSpot(TM) 64-Bit Server VM
Pre-installed Node.js versions
v4.8.6
v6.12.0
v6.12.1
v8.9
v8.9.1
Pre-installed PHP versions
hhvm-stable
5.6
7.0
7.1
7.1.11
Pre-installed Ruby versions
ruby-2.2.7
ruby-2.3.4
ruby-2.4.1"""

XENIAL_SYSINFO = """Runtime kernel version: 4.15.0-1028-gcp
travis-build version: 4d8b5f6d4
Build image provisioning date and time
Mon Mar 25 16:12:32 UTC 2019
Operating System Details
Distributor ID:	Ubuntu
Description:	Ubuntu 16.04.6 LTS
Release:	16.04
Codename:	xenial
Cookbooks Version
f909ac5 https://github.com/travis-ci/travis-cookbooks/tree/f909ac5
git version
git version 2.21.0
bash version
GNU bash, version 4.3.48(1)-release (x86_64-pc-linux-gnu)
gcc version
gcc (Ubuntu 5.4.0-6ubuntu1~16.04.11) 5.4.0 20160609
docker version
Client:
 Version:           18.06.0-ce
 API version:       1.38
 Go version:        go1.10.3
 Git commit:        0ffa825
 Built:             Wed Jul 18 19:11:02 2018
 OS/Arch:           linux/amd64
 Experimental:      false

Server:
 Engine:
  Version:          18.06.0-ce
  API version:      1.38 (minimum version 1.12)
  Go version:       go1.10.3
  Git commit:       0ffa825
  Built:            Wed Jul 18 19:09:05 2018
  OS/Arch:          linux/amd64
  Experimental:     false
clang version
clang version 7.0.0 (tags/RELEASE_700/final)
Target: x86_64-unknown-linux-gnu
Thread model: posix
InstalledDir: /usr/local/clang-7.0.0/bin
jq version
jq-1.5
bats version
Bats 0.4.0
shellcheck version
0.6.0
shfmt version
v2.6.3
ccache version
3.2.4
cmake version
cmake version 3.12.4
heroku version
heroku/7.22.7 linux-x64 node-v11.10.1
imagemagick version
Version: ImageMagick 6.8.9-9 Q16 x86_64 2018-09-28 http://www.imagemagick.org
md5deep version
4.4
mercurial version
version 4.8
mysql version
mysql  Ver 14.14 Distrib 5.7.25, for Linux (x86_64) using  EditLine wrapper
openssl version
OpenSSL 1.0.2g  1 Mar 2016
packer version
1.3.3
postgresql client version
psql (PostgreSQL) 10.7 (Ubuntu 10.7-1.pgdg16.04+1)
ragel version
Ragel State Machine Compiler version 6.8 Feb 2013
sudo version
1.8.16
gzip version
gzip 1.6
zip version
Zip 3.0
vim version
VIM - Vi IMproved 7.4 (2013 Aug 10, compiled Nov 24 2016 16:44:48)
iptables version
iptables v1.6.0
curl version
curl 7.47.0 (x86_64-pc-linux-gnu) libcurl/7.47.0 GnuTLS/3.4.10 zlib/1.2.8 libidn/1.32 librtmp/2.3
wget version
GNU Wget 1.17.1 built on linux-gnu.
rsync version
rsync  version 3.1.1  protocol version 31
gimme version
v1.5.3
nvm version
0.34.0
perlbrew version
/home/travis/perl5/perlbrew/bin/perlbrew  - App::perlbrew/0.86
phpenv version
rbenv 1.1.2-2-g4e92322
rvm version
rvm 1.29.7 (latest) by Michal Papis, Piotr Kuczynski, Wayne E. Seguin [https://rvm.io]
default ruby version
ruby 2.5.3p105 (2018-10-18 revision 65156) [x86_64-linux]
CouchDB version
couchdb 1.6.1
ElasticSearch version
5.5.0
Installed Firefox version
firefox 63.0.1
MongoDB version
MongoDB 4.0.7
PhantomJS version
2.1.1
Pre-installed PostgreSQL versions
9.4.21
9.5.16
9.6.12
Redis version
redis-server 5.0.4
Pre-installed Go versions
1.11.1
mvn version
Apache Maven 3.6.0 (97c98ec64a1fdfee7767ce5ffb20918da4f719f3; 2018-10-24T18:41:47Z)
gradle version
Gradle 5.1.1!
lein version
Leiningen 2.9.1 on Java 11.0.2 OpenJDK 64-Bit Server VM
kerl list installations
21.1
Pre-installed Node.js versions
v10.15.3
v11.0.0
v11.12.0
v4.9.1
v6.17.0
v8.12.0
v8.15.1
v8.9.4
phpenv versions
  system
  5.6
* 5.6.40 (set by /home/travis/.phpenv/version)
  7.0
  7.0.33
  7.1
  7.1.27
  7.2
  7.2.15
  hhvm
  hhvm-stable
composer --version
Composer version 1.8.4 2019-02-11 10:52:10
Pre-installed Ruby versions
ruby-2.3.8
ruby-2.4.5
ruby-2.5.3"""

OSX_SYSINFO = """Runtime kernel version: 17.4.0
travis-build version: 1a3e5b2f8
Build image provisioning date and time
Tue Jun 26 00:30:33 UTC 2018
Operating System Details
ProductName:	Mac OS X
ProductVersion:	10.13.3
BuildVersion:	17D47
Systeminfo
Software:

    System Software Overview:

      System Version: macOS 10.13.3 (17D47)
      Kernel Version: Darwin 17.4.0
      Boot Volume: Macintosh HD
      Boot Mode: Normal
      Computer Name: Travis’s Mac (1087)
      User Name: Travis (travis)
      Secure Virtual Memory: Enabled
      System Integrity Protection: Enabled
      Time since boot: 2 minutes

Developer:

    Developer Tools:

      Version: 9.4.1 (9F2000)
      Location: /Applications/Xcode.app
      Applications:
          Xcode: 9.4.1 (14161)
          Instruments: 9.4.1 (62001.1)
      SDKs:
          iOS:
              11.4: (15F79)
          iOS Simulator:
              11.4: (15F79)
          macOS:
              10.13: (17E189)
          tvOS:
              11.4: (15L576)
          tvOS Simulator:
              11.4: (15L576)
          watchOS:
              4.3: (15T212)
          watchOS Simulator:
              4.3: (15T212)

Hardware:

    Hardware Overview:

      Model Name: Mac
      Model Identifier: VMware7,1
      Processor Speed: 2.67 GHz
      Number of Processors: 2
      Total Number of Cores: 2
      L2 Cache (per Core): 256 KB
      L3 Cache (per Processor): 12 MB
      Memory: 4 GB
      Boot ROM Version: VMW71.00V.0.B64.1704110547
      Apple ROM Info: [MS_VM_CERT/SHA1/27d66596a61c48dd3dc7216fd715126e33f59ae7]Welcome to the Virtual Machine
      SMC Version (system): 2.8f0
      Serial Number (system): 3r2xB0B2mqcU

Network:

    Ethernet:

      Type: Ethernet
      Hardware: Ethernet
      BSD Device Name: en0
      IPv4 Addresses: 10.182.33.48
      IPv4:
          Addresses: 10.182.33.48
          Configuration Method: DHCP
          Interface Name: en0
          Router: 10.182.0.1
          Subnet Masks: 255.255.0.0
      DNS:
          Server Addresses: 10.182.0.1
      Proxies:
          Exceptions List: *.local, 169.254/16
          FTP Passive Mode: Yes

Xcode version
Xcode 9.4.1
Build version 9F2000
Installed SDKs
iOS SDKs:
	iOS 11.4                      	-sdk iphoneos11.4

iOS Simulator SDKs:
	Simulator - iOS 11.4          	-sdk iphonesimulator11.4

macOS SDKs:
	macOS 10.13                   	-sdk macosx10.13

tvOS SDKs:
	tvOS 11.4                     	-sdk appletvos11.4

tvOS Simulator SDKs:
	Simulator - tvOS 11.4         	-sdk appletvsimulator11.4

watchOS SDKs:
	watchOS 4.3                   	-sdk watchos4.3

watchOS Simulator SDKs:
	Simulator - watchOS 4.3       	-sdk watchsimulator4.3

xcpretty version
0.2.8
xctool version
0.3.5
Cocoapods version
1.5.3
Carthage version
0.29.0
Homebrew version
Homebrew 1.6.7
Homebrew/homebrew-core (git revision e7bd1; last commit 2018-06-25)
Pre-installed Ruby versions
ruby-2.3.7
ruby-2.4.4
ruby-2.5.1
Pre-installed Node.js versions
v10.5.0
v4.9.1
v6.14.3
v8.11.3
Java version
java version "10.0.1" 2018-04-17
Java(TM) SE Runtime Environment 18.3 (build 10.0.1+10)
Java HotSpot(TM) 64-Bit Server VM 18.3 (build 10.0.1+10, mixed mode)"""


# ---------------------------------------------------------------------------
# noise helpers
# ---------------------------------------------------------------------------
def apt_install(L, pkgs, dist='trusty', quiet=False):
    """Writes apt-get install style output for the given (name, version, size_kB) triples."""
    arch = 'amd64'
    L.ln('Reading package lists...')
    L.ln('Building dependency tree...')
    L.ln('Reading state information...')
    L.ln('The following extra packages will be installed:')
    names = [p[0] for p in pkgs]
    for i in range(0, len(names), 6):
        L.ln('  ' + ' '.join(names[i:i + 6]))
    L.ln('The following NEW packages will be installed:')
    for i in range(0, len(names), 6):
        L.ln('  ' + ' '.join(names[i:i + 6]))
    L.ln(f'0 upgraded, {len(pkgs)} newly installed, 0 to remove and {L.R.randint(20, 300)} not upgraded.')
    tot = sum(p[2] for p in pkgs)
    L.ln(f'Need to get {tot / 1024:.1f} MB of archives.')
    L.ln(f'After this operation, {tot * 3.4 / 1024:.1f} MB of additional disk space will be used.')
    for i, (n, v, s) in enumerate(pkgs, 1):
        repo = 'http://us-central1.gce.archive.ubuntu.com/ubuntu' if dist != 'precise' else 'http://us.archive.ubuntu.com/ubuntu/'
        L.ln(f'Get:{i} {repo} {dist}/main {n} {arch} {v} [{s:.1f} kB]')
    L.ln(f'Fetched {tot / 1024:.1f} MB in {L.R.randint(1, 9)}s ({L.R.uniform(2, 20):.1f} MB/s)')
    for n, v, s in pkgs:
        L.ln(f'Selecting previously unselected package {n}.')
        L.ln(f'(Reading database ... {L.R.randint(70000, 120000)} files and directories currently installed.)')
        L.ln(f'Preparing to unpack .../{n}_{v}_{arch}.deb ...')
        L.ln(f'Unpacking {n} ({v}) ...')
    L.ln('Processing triggers for man-db (2.6.7.1-1ubuntu1) ...')
    for n, v, s in pkgs:
        L.ln(f'Setting up {n} ({v}) ...')
    L.ln('Processing triggers for libc-bin (2.19-0ubuntu6.14) ...')


def npm_install_noise(L, n_added=None, warn=()):
    R = L.R
    for w in warn:
        L.ln(w)
    for name, ver, script in [('fsevents', '1.2.4', None), ('node-sass', '4.9.3', 'install'),
                              ('phantomjs-prebuilt', '2.1.16', 'install')][:R.randint(0, 3)]:
        if name == 'fsevents':
            continue
        L.ln()
        L.ln(f'> {name}@{ver} {script} {L.build_dir}/node_modules/{name}')
        if name == 'node-sass':
            L.ln('> node scripts/install.js')
            L.ln()
            L.ln(f'Downloading binary from https://github.com/sass/node-sass/releases/download/v{ver}/linux-x64-57_binding.node')
            L.ln('Download complete')
            L.ln(f'Binary saved to {L.build_dir}/node_modules/node-sass/vendor/linux-x64-57/binding.node')
            L.ln(f'Caching binary to {L.home}/.npm/node-sass/{ver}/linux-x64-57_binding.node')
        else:
            L.ln('> node install.js')
            L.ln()
            L.ln('PhantomJS not found on PATH')
            L.ln('Downloading https://github.com/Medium/phantomjs/releases/download/v2.1.1/phantomjs-2.1.1-linux-x86_64.tar.bz2')
            L.ln('Saving to /tmp/phantomjs/phantomjs-2.1.1-linux-x86_64.tar.bz2')
            L.ln('Receiving...')
            L.ln()
            L.ln('Received 22866K total.')
            L.ln('Extracting tar contents (via spawned process)')
            L.ln('Removing ' + L.build_dir + '/node_modules/phantomjs-prebuilt/lib/phantom')
            L.ln('Copying extracted folder /tmp/phantomjs/phantomjs-2.1.1-linux-x86_64.tar.bz2-extract-1537000000000/phantomjs-2.1.1-linux-x86_64 -> ' + L.build_dir + '/node_modules/phantomjs-prebuilt/lib/phantom')
            L.ln('Writing location.js file')
            L.ln('Done. Phantomjs binary available at ' + L.build_dir + '/node_modules/phantomjs-prebuilt/lib/phantom/bin/phantomjs')
    L.ln()
    L.ln(f'added {n_added or R.randint(400, 1500)} packages from {R.randint(300, 900)} contributors and audited {R.randint(5000, 15000)} packages in {R.uniform(10, 60):.3f}s')
    L.ln(f'found {R.randint(0, 30)} vulnerabilities ({R.randint(0, 20)} low, {R.randint(0, 9)} moderate, {R.randint(0, 3)} high)')
    L.ln('  run `npm audit fix` to fix them, or `npm audit` for details')


NPM_DEPRECATED = [
    'npm WARN deprecated coffee-script@1.12.7: CoffeeScript on NPM has moved to "coffeescript" (no hyphen)',
    'npm WARN deprecated gulp-util@3.0.8: gulp-util is deprecated - replace it, following the guidelines at https://medium.com/gulpjs/gulp-util-ca3b1f9f9ac5',
    'npm WARN deprecated circular-json@0.3.3: CircularJSON is in maintenance only, flatted is its successor.',
    'npm WARN deprecated hoek@2.16.3: The major version is no longer supported. Please update to 4.x or newer',
    'npm WARN deprecated boom@2.10.1: This version is no longer maintained. Please upgrade to the latest version.',
    'npm WARN deprecated cryptiles@2.0.5: This version is no longer maintained. Please upgrade to the latest version.',
    'npm WARN deprecated minimatch@2.0.10: Please update to minimatch 3.0.2 or higher to avoid a RegExp DoS issue',
    'npm WARN deprecated graceful-fs@3.0.11: please upgrade to graceful-fs 4 for compatibility with current and future versions of Node.js',
    'npm WARN deprecated natives@1.1.6: This module relies on Node.js\'s internals and will break at some point. Do not use it, and update to graceful-fs@4.x.',
    'npm WARN deprecated nomnom@1.8.1: Package no longer supported. Contact support@npmjs.com for more info.',
]


def node_setup(L, ver_req, ver_full, npm_ver):
    L.fold_start('nvm.install')
    h = L.start(f'nvm install {ver_req}')
    L.ln(f'Downloading and installing node v{ver_full}...')
    L.ln(f'Downloading https://nodejs.org/dist/v{ver_full}/node-v{ver_full}-linux-x64.tar.xz...')
    L.ln('Computing checksum with sha256sum')
    L.ln('Checksums matched!')
    L.ln(f'Now using node v{ver_full} (npm v{npm_ver})')
    L.end(h, dur=L.R.uniform(2, 6), announce=None)
    L.fold_end('nvm.install')
    L.raw('\n')
    L.ln(f'$ node --version')
    L.ln(f'v{ver_full}')
    L.ln('$ npm --version')
    L.ln(npm_ver)
    L.ln('$ nvm --version')
    L.ln('0.33.11')


def python_setup(L, ver, full, pipver='18.1'):
    h = L.start(f'source ~/virtualenv/python{ver}/bin/activate')
    L.end(h, announce=None)
    L.ln('$ python --version')
    L.ln(f'Python {full}')
    L.ln('$ pip --version')
    L.ln(f'pip {pipver} from /home/travis/virtualenv/python{full}/lib/python{ver}/site-packages/pip (python {ver})')


def ruby_setup(L, ver, full, bundler='1.16.1', gem='2.7.6'):
    L.fold_start('rvm')
    h = L.start(f'rvm use {ver} --install --binary --fuzzy')
    L.ln(f'Using /home/travis/.rvm/gems/ruby-{ver}')
    L.end(h, announce=None)
    L.fold_end('rvm')
    L.ln('$ export BUNDLE_GEMFILE=$PWD/Gemfile')
    L.ln('$ ruby --version')
    L.ln(full)
    L.ln('$ rvm --version')
    L.ln('rvm 1.29.3 (latest) by Michal Papis, Piotr Kuczynski, Wayne E. Seguin [https://rvm.io]')
    L.ln('$ bundle --version')
    L.ln(f'Bundler version {bundler}')
    L.ln('$ gem --version')
    L.ln(gem)


def jdk_setup(L, jdk='oraclejdk8'):
    L.ln(f'$ jdk_switcher use {jdk}')
    if jdk == 'oraclejdk8':
        L.ln('Switching to Oracle JDK8 (java-8-oracle), JAVA_HOME will be set to /usr/lib/jvm/java-8-oracle')
        L.ln('$ java -Xmx32m -version')
        L.ln('java version "1.8.0_151"')
        L.ln('Java(TM) SE Runtime Environment (build 1.8.0_151-b12)')
        L.ln('Java HotSpot(TM) 64-Bit Server VM (build 25.151-b12, mixed mode)')
        L.ln('$ javac -J-Xmx32m -version')
        L.ln('javac 1.8.0_151')
    else:
        L.ln('Switching to OpenJDK8 (java-1.8.0-openjdk-amd64), JAVA_HOME will be set to /usr/lib/jvm/java-8-openjdk-amd64')
        L.ln('$ java -Xmx32m -version')
        L.ln('openjdk version "1.8.0_191"')
        L.ln('OpenJDK Runtime Environment (build 1.8.0_191-8u191-b12-0ubuntu0.16.04.1-b12)')
        L.ln('OpenJDK 64-Bit Server VM (build 25.191-b12, mixed mode)')
        L.ln('$ javac -J-Xmx32m -version')
        L.ln('javac 1.8.0_191')


def curl_progress(L, total='12.3M', speed='23.4M'):
    L.ln('  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current')
    L.ln('                                 Dload  Upload   Total   Spent    Left  Speed')
    L.raw('\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0')
    L.raw(f'\r 41 {total}   41 {total[:-1]}M    0     0  {speed}      0 --:--:-- --:--:-- --:--:-- {speed}')
    L.raw(f'\r100 {total}  100 {total}    0     0  {speed}      0 --:--:-- --:--:-- --:--:-- {speed}\n')
