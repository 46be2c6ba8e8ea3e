from gen_common import *

CASES = []


def case(f):
    CASES.append(f)
    return f


# ---------------------------------------------------------------------------
@case
def js_ava_gha():
    L = GHA(2001, 'lukeed-fans', 'qs-lite', date='2020-07-02', hour=8, crlf=True)
    L.job_start(runner='2.267.1', image='20200621.1')
    L.download_action('actions/checkout@v2')
    L.download_action('actions/setup-node@v1')
    L.checkout()
    L.ln('Author: Q. Contributor <qc@example.invalid>')
    L.ln('Date:   Thu Jul 2 09:58:41 2020 +0200')
    L.ln()
    L.ln('    fix: encode reserved characters in values')
    L.ln('##[group]Run actions/setup-node@v1')
    L.ln('with:')
    L.ln('  node-version: 12')
    L.ln('  always-auth: false')
    L.ln('##[endgroup]')
    L.ln('Found in cache @ /opt/hostedtoolcache/node/12.18.1/x64')
    L.run_header(['npm ci'])
    L.ln()
    L.ln('> core-js@2.6.11 postinstall /home/runner/work/qs-lite/qs-lite/node_modules/core-js')
    L.ln('> node -e "try{require(\'./postinstall\')}catch(e){}"')
    L.ln()
    L.ln('\x1b[96mThank you for using core-js (\x1b[94m https://github.com/zloirock/core-js \x1b[96m) for polyfilling JavaScript standard library!\x1b[0m')
    L.ln()
    L.ln('\x1b[96mThe project needs your help! Please consider supporting of core-js on Open Collective or Patreon: \x1b[0m')
    L.ln('\x1b[96m>\x1b[94m https://opencollective.com/core-js \x1b[0m')
    L.ln('\x1b[96m>\x1b[94m https://www.patreon.com/zloirock \x1b[0m')
    L.ln()
    L.ln('\x1b[96mAlso, the author of core-js (\x1b[94m https://github.com/zloirock \x1b[96m) is looking for a good job -)\x1b[0m')
    L.ln()
    L.ln('added 703 packages in 11.618s')
    L.run_header(['npm test'])
    L.ln()
    L.ln('> qs-lite@2.1.0 test /home/runner/work/qs-lite/qs-lite')
    L.ln('> xo && nyc ava --verbose')
    L.ln()
    L.ln()
    tests = [('parse', ['handles empty string', 'parses simple key=value', 'parses repeated keys into arrays', 'decodes plus as space',
                        'ignores leading question mark', 'handles keys without values', 'throws error on non-string input']),
             ('stringify', ['stringifies flat objects', 'sorts keys', 'skips undefined values', 'escapes ampersands in values',
                            'encodes unicode', 'stringifies arrays with bracket format', 'throws on circular input']),
             ('extract', ['extracts query from url', 'returns empty string without query', 'strips hash'])]
    for g, ts in tests:
        for t in ts:
            if t == 'escapes ampersands in values':
                L.ln(f'  {red("✖")} {g} › {t}', 'E')
            else:
                L.ln(f'  {green("✔")} {g} › {t}' + (grey(f' ({L.R.randint(40, 120)}ms)') if L.R.random() < 0.15 else ''))
            if t == 'throws on circular input':
                L.ln(f'    {cyan("ℹ")} TypeError: Converting circular structure to JSON (expected)')
    L.ln()
    L.ln('  ─')
    L.ln()
    with L.mark('E'):
        L.ln('  stringify › escapes ampersands in values')
        L.ln()
        L.ln(grey('  test/stringify.js:24'))
        L.ln()
        L.ln(grey('   23:   const result = stringify({q: \'a&b\'});'))
        L.ln(col('41', '   24:   t.is(result, \'q=a%26b\');            '))
        L.ln(grey('   25: });'))
        L.ln()
        L.ln('  Difference:')
        L.ln()
        L.ln(red("  - 'q=a&b'"))
        L.ln(green("  + 'q=a%26b'"))
        L.ln()
        L.ln(grey('  › test/stringify.js:24:4'))
    L.ln()
    L.ln()
    L.ln()
    L.ln('  ─')
    L.ln()
    L.ln(red('  1 test failed'), 'C')
    L.ln('----------------|---------|----------|---------|---------|-------------------')
    L.ln('File            | % Stmts | % Branch | % Funcs | % Lines | Uncovered Line #s ')
    L.ln('----------------|---------|----------|---------|---------|-------------------')
    L.ln('All files       |   96.34 |    91.67 |     100 |   96.05 |                   ')
    L.ln(' extract.js     |     100 |      100 |     100 |     100 |                   ')
    L.ln(' index.js       |     100 |      100 |     100 |     100 |                   ')
    L.ln(' parse.js       |   94.29 |    88.89 |     100 |   93.94 | 41,58             ')
    L.ln(' stringify.js   |   97.06 |    92.31 |     100 |   96.88 | 33                ')
    L.ln('----------------|---------|----------|---------|---------|-------------------')
    L.ln('npm ERR! Test failed.  See above for more details.')
    L.error_exit(1)
    L.post_checkout()
    L.cleanup()
    return 'js-ava-nyc-gha', L, dict(ecosystem='javascript', ci='github', tool='ava', failure_kind='test')


# ---------------------------------------------------------------------------
COMPOSER_PKGS = [('symfony/polyfill-ctype', 'v1.8.0'), ('symfony/polyfill-mbstring', 'v1.8.0'), ('symfony/yaml', 'v4.1.1'),
                 ('symfony/console', 'v4.1.1'), ('symfony/event-dispatcher', 'v4.1.1'), ('symfony/translation', 'v4.1.1'),
                 ('symfony/config', 'v4.1.1'), ('symfony/filesystem', 'v4.1.1'), ('symfony/dependency-injection', 'v4.1.1'),
                 ('symfony/class-loader', 'v3.4.12'), ('psr/container', '1.0.0'), ('behat/transliterator', 'v1.2.0'),
                 ('behat/gherkin', 'v4.5.1'), ('container-interop/container-interop', '1.2.0'), ('behat/behat', 'v3.4.3'),
                 ('sebastian/version', '2.0.1'), ('sebastian/resource-operations', '1.0.0'), ('sebastian/recursion-context', '3.0.0'),
                 ('sebastian/object-reflector', '1.1.1'), ('sebastian/object-enumerator', '3.0.3'), ('sebastian/global-state', '2.0.0'),
                 ('sebastian/exporter', '3.1.0'), ('sebastian/environment', '3.1.0'), ('sebastian/diff', '3.0.1'),
                 ('sebastian/comparator', '3.0.2'), ('doctrine/instantiator', '1.1.0'), ('phpunit/php-text-template', '1.2.1'),
                 ('phpunit/phpunit-mock-objects', '6.1.2'), ('phpunit/php-timer', '2.0.0'), ('phpunit/php-file-iterator', '2.0.1'),
                 ('theseer/tokenizer', '1.1.0'), ('sebastian/code-unit-reverse-lookup', '1.0.1'), ('phpunit/php-token-stream', '3.0.0'),
                 ('phpunit/php-code-coverage', '6.0.7'), ('webmozart/assert', '1.3.0'), ('phpdocumentor/reflection-common', '1.0.1'),
                 ('phpdocumentor/type-resolver', '0.4.0'), ('phpdocumentor/reflection-docblock', '4.3.0'), ('phpspec/prophecy', '1.7.6'),
                 ('phar-io/version', '2.0.1'), ('phar-io/manifest', '1.0.3'), ('myclabs/deep-copy', '1.8.1'), ('phpunit/phpunit', '7.2.7'),
                 ('squizlabs/php_codesniffer', '3.3.0')]


@case
def php_behat():
    L = Travis(2101, 'cartkit', 'cartkit-php', 'php', dist='trusty', year=2018, when=1531200000)
    L.worker_info()
    L.system_info()
    L.cache_fetch(['$HOME/.composer/cache/files'])
    L.checkout()
    L.ln('$ phpenv global 7.2 2>/dev/null')
    L.ln('$ phpenv global 7.2')
    L.ln('$ composer self-update')
    L.ln('Updating to version 1.6.5 (stable channel).')
    L.ln('   Downloading: Connecting...\r   Downloading: 100%         ')
    L.ln('Use composer self-update --rollback to return to version 1.6.3')
    L.ln('$ php --version')
    L.ln('PHP 7.2.7 (cli) (built: Jun 22 2018 06:27:50) ( ZTS )')
    L.ln('Copyright (c) 1997-2018 The PHP Group')
    L.ln('Zend Engine v3.2.0, Copyright (c) 1998-2018 Zend Technologies')
    L.ln('    with Zend OPcache v7.2.7, Copyright (c) 1999-2018, by Zend Technologies')
    L.ln('    with Xdebug v2.6.0, Copyright (c) 2002-2018, by Derick Rethans')
    L.ln('$ composer --version')
    L.ln('Composer version 1.6.5 2018-05-04 11:44:59')
    h = L.start('composer install --prefer-dist --no-interaction', fold='install')
    L.ln('Loading composer repositories with package information')
    L.ln('Installing dependencies (including require-dev) from lock file')
    L.ln(f'Package operations: {len(COMPOSER_PKGS)} installs, 0 updates, 0 removals')
    for p, v in COMPOSER_PKGS:
        L.ln(f'  - Installing {p} ({v}): Loading from cache')
    L.ln('symfony/console suggests installing psr/log-implementation (For using the console logger)')
    L.ln('symfony/event-dispatcher suggests installing symfony/http-kernel ()')
    L.ln('symfony/translation suggests installing psr/log-implementation (To use logging capability in translator)')
    L.ln('phpunit/phpunit suggests installing phpunit/php-invoker (^2.0)')
    L.ln('Package phpunit/phpunit-mock-objects is abandoned, you should avoid using it. No replacement was suggested.')
    L.ln('Generating autoload files')
    L.end(h, dur=6.5, announce=None)
    L.raw('\n')
    h = L.start("find src tests -name '*.php' -print0 | xargs -0 -n1 php -l")
    files = ['src/Cart.php', 'src/CartItem.php', 'src/CartRepository.php', 'src/Money.php', 'src/Currency.php', 'src/Discount/Coupon.php',
             'src/Discount/PercentageDiscount.php', 'src/Discount/FixedDiscount.php', 'src/Exception/CartException.php',
             'src/Exception/InvalidQuantityError.php', 'src/Exception/ProductNotFoundError.php', 'src/Product.php',
             'src/ProductCatalog.php', 'src/Storage/SessionStorage.php', 'src/Storage/ArrayStorage.php', 'src/Tax/TaxRate.php',
             'src/Tax/TaxCalculator.php', 'tests/CartTest.php', 'tests/MoneyTest.php', 'tests/CouponTest.php',
             'tests/TaxCalculatorTest.php', 'tests/ErrorHandlingTest.php', 'tests/bootstrap.php']
    for f in files:
        L.ln(f'No syntax errors detected in {f}')
    L.end(h, dur=1.1)
    h = L.start('vendor/bin/phpcs --standard=PSR2 src')
    L.end(h, dur=0.8)
    h = L.start('vendor/bin/phpunit')
    L.ln('PHPUnit 7.2.7 by Sebastian Bergmann and contributors.')
    L.ln()
    L.ln('Runtime:       PHP 7.2.7 with Xdebug 2.6.0')
    L.ln(f'Configuration: {L.build_dir}/phpunit.xml.dist')
    L.ln()
    L.ln('...............................................................  63 / 214 ( 29%)')
    L.ln('............................................................... 126 / 214 ( 58%)')
    L.ln('............................................................... 189 / 214 ( 88%)')
    L.ln('.........................                                       214 / 214 (100%)')
    L.ln()
    L.ln('Time: 2.11 seconds, Memory: 14.00MB')
    L.ln()
    L.ln('OK (214 tests, 512 assertions)')
    L.end(h, dur=2.6)
    h = L.start('vendor/bin/behat --format=progress --strict')
    L.ln('........................F---..................................')
    L.ln()
    L.ln('--- Failed steps:')
    L.ln()
    with L.mark('E'):
        L.ln('001 Scenario: Adding the same product twice increases the quantity # features/cart.feature:12')
        L.ln('      Then the cart should contain 2 items                            # features/cart.feature:16')
        L.ln('        Failed asserting that 1 matches expected 2.')
    L.ln()
    L.ln('12 scenarios (11 passed, 1 failed)', 'C')
    L.ln('62 steps (58 passed, 1 failed, 3 skipped)', 'C')
    L.ln('0m1.23s (14.21Mb)')
    L.end(h, rc=1, dur=2.0)
    L.cache_store(['/home/travis/.composer/cache/files'], changed=False)
    L.done(1)
    return 'php-behat-progress', L, dict(ecosystem='php', ci='travis', tool='behat', failure_kind='test')


# ---------------------------------------------------------------------------
def autotools_noise(L, pkg='libtok', ver='0.4.1'):
    checks = ['for a BSD-compatible install... /usr/bin/install -c', 'whether build environment is sane... yes',
              'for a thread-safe mkdir -p... /bin/mkdir -p', 'for gawk... no', 'for mawk... mawk',
              'whether make sets $(MAKE)... yes', 'whether make supports nested variables... yes',
              'for gcc... gcc', 'whether the C compiler works... yes', 'for C compiler default output file name... a.out',
              'for suffix of executables... ', 'whether we are cross compiling... no', 'for suffix of object files... o',
              'whether we are using the GNU C compiler... yes', 'whether gcc accepts -g... yes',
              'for gcc option to accept ISO C89... none needed', 'whether gcc understands -c and -o together... yes',
              'for style of include used by make... GNU', 'dependency style of gcc... gcc3', 'build system type... x86_64-pc-linux-gnu',
              'host system type... x86_64-pc-linux-gnu', 'how to print strings... printf',
              'for a sed that does not truncate output... /bin/sed', 'for grep that handles long lines and -e... /bin/grep',
              'for egrep... /bin/grep -E', 'for fgrep... /bin/grep -F', 'for ld used by gcc... /usr/bin/ld',
              'if the linker (/usr/bin/ld) is GNU ld... yes', 'for BSD- or MS-compatible name lister (nm)... /usr/bin/nm -B',
              'the name lister (/usr/bin/nm -B) interface... BSD nm', 'whether ln -s works... yes',
              'the maximum length of command line arguments... 1572864', 'how to convert x86_64-pc-linux-gnu file names to x86_64-pc-linux-gnu format... func_convert_file_noop',
              'for /usr/bin/ld option to reload object files... -r', 'for objdump... objdump',
              'how to recognize dependent libraries... pass_all', 'for dlltool... no', 'how to associate runtime and link libraries... printf %s\\n',
              'for ar... ar', 'for archiver @FILE support... @', 'for strip... strip', 'for ranlib... ranlib',
              'command to parse /usr/bin/nm -B output from gcc object... ok', 'for sysroot... no', 'for a working dd... /bin/dd',
              'how to truncate binary pipes... /bin/dd bs=4096 count=1', 'for mt... mt', 'if mt is a manifest tool... no',
              'how to run the C preprocessor... gcc -E', 'for ANSI C header files... yes', 'for sys/types.h... yes',
              'for sys/stat.h... yes', 'for stdlib.h... yes', 'for string.h... yes', 'for memory.h... yes', 'for strings.h... yes',
              'for inttypes.h... yes', 'for stdint.h... yes', 'for unistd.h... yes', 'for dlfcn.h... yes', 'for objdir... .libs',
              'if gcc supports -fno-rtti -fno-exceptions... no', 'for gcc option to produce PIC... -fPIC -DPIC',
              'if gcc PIC flag -fPIC -DPIC works... yes', 'if gcc static flag -static works... yes', 'if gcc supports -c -o file.o... yes',
              'whether the gcc linker (/usr/bin/ld -m elf_x86_64) supports shared libraries... yes',
              'whether -lc should be explicitly linked in... no', 'dynamic linker characteristics... GNU/Linux ld.so',
              'how to hardcode library paths into programs... immediate', 'whether stripping libraries is possible... yes',
              'if libtool supports shared libraries... yes', 'whether to build shared libraries... yes',
              'whether to build static libraries... yes', 'for sys/random.h... no', 'for getrandom... no', 'for arc4random... no',
              'for stdbool.h that conforms to C99... yes', 'for _Bool... yes', 'for inline... inline', 'for size_t... yes',
              'for working strtod... yes', 'for strndup... yes', 'for pkg-config... /usr/bin/pkg-config',
              'pkg-config is at least version 0.9.0... yes']
    return checks


@case
def c_valgrind_memcheck():
    L = Travis(2201, 'mkoenig', 'libtok', 'c', dist='trusty', year=2017, when=1505000000)
    L.worker_info()
    L.system_info()
    L.checkout()
    L.fold_start('apt')
    L.ln(col('33;1', 'Installing APT Packages'))
    h = L.start('travis_apt_get_update')
    L.end(h, dur=9.0, announce=None)
    h = L.start('sudo -E apt-get -yq --no-install-suggests --no-install-recommends $(travis_apt_get_options) install valgrind check')
    apt_install(L, [('libc6-dbg', '2.19-0ubuntu6.13', 3620.4), ('valgrind', '1:3.10.1-1ubuntu3~14.5', 15402.8),
                    ('check', '0.9.10-6ubuntu3', 61.0), ('libsubunit0', '0.0.18-0ubuntu7', 6.4), ('libsubunit-dev', '0.0.18-0ubuntu7', 6.8)])
    L.end(h, dur=11.0, announce=None)
    L.fold_end('apt')
    L.raw('\n')
    L.ln('$ export CC=gcc')
    L.ln('$ gcc --version')
    L.ln('gcc (Ubuntu 4.8.4-2ubuntu1~14.04.3) 4.8.4')
    L.ln('Copyright (C) 2013 Free Software Foundation, Inc.')
    L.ln('This is free software; see the source for copying conditions.  There is NO')
    L.ln('warranty; not even for MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.')
    L.ln()
    h = L.start('./autogen.sh && ./configure && make -j2')
    L.ln("libtoolize: putting auxiliary files in AC_CONFIG_AUX_DIR, `build-aux'.")
    L.ln("libtoolize: copying file `build-aux/ltmain.sh'")
    L.ln("libtoolize: putting macros in AC_CONFIG_MACRO_DIR, `m4'.")
    for m in ['libtool.m4', 'ltoptions.m4', 'ltsugar.m4', 'ltversion.m4', 'lt~obsolete.m4']:
        L.ln(f"libtoolize: copying file `m4/{m}'")
    L.ln("configure.ac:12: installing 'build-aux/compile'")
    L.ln("configure.ac:9: installing 'build-aux/missing'")
    L.ln("Makefile.am: installing 'build-aux/depcomp'")
    L.ln("parallel-tests: installing 'build-aux/test-driver'")
    for c in autotools_noise(L):
        L.ln(f'checking {c}')
    L.ln('checking for CHECK... yes')
    L.ln('checking that generated files are newer than configure... done')
    L.ln('configure: creating ./config.status')
    L.ln('config.status: creating Makefile')
    L.ln('config.status: creating src/Makefile')
    L.ln('config.status: creating tests/Makefile')
    L.ln('config.status: creating libtok.pc')
    L.ln('config.status: creating config.h')
    L.ln('config.status: executing depfiles commands')
    L.ln('config.status: executing libtool commands')
    L.ln('Making all in src')
    L.ln(f"make[1]: Entering directory `{L.build_dir}/src'")
    for f in ['buffer', 'tokenizer', 'utf8', 'strutil', 'error']:
        L.ln(f'  CC       libtok_la-{f}.lo')
        if f == 'utf8':
            L.ln('utf8.c: In function ‘utf8_decode’:')
            L.ln('utf8.c:71:13: warning: comparison is always true due to limited range of data type [-Wtype-limits]')
            L.ln('     if (c <= 0x10FFFF) {')
            L.ln('             ^')
    L.ln('  CCLD     libtok.la')
    L.ln(f"make[1]: Leaving directory `{L.build_dir}/src'")
    L.ln('Making all in tests')
    L.ln(f"make[1]: Entering directory `{L.build_dir}/tests'")
    L.ln(f"make[1]: Nothing to be done for `all'.")
    L.ln(f"make[1]: Leaving directory `{L.build_dir}/tests'")
    L.end(h, dur=24.0)
    h = L.start('make check')
    L.ln('Making check in src')
    L.ln(f"make[1]: Entering directory `{L.build_dir}/src'")
    L.ln(f"make[1]: Nothing to be done for `check'.")
    L.ln(f"make[1]: Leaving directory `{L.build_dir}/src'")
    L.ln('Making check in tests')
    L.ln(f"make[1]: Entering directory `{L.build_dir}/tests'")
    L.ln('make  run_tests')
    for f in ['run_tests', 'test_buffer', 'test_tokenizer', 'test_utf8', 'test_errors']:
        L.ln(f'  CC       {f}.o')
    L.ln('  CCLD     run_tests')
    L.ln('make  check-TESTS')
    L.ln('PASS: run_tests')
    L.ln('============================================================================')
    L.ln('Testsuite summary for libtok 0.4.1')
    L.ln('============================================================================')
    L.ln('# TOTAL: 1')
    L.ln('# PASS:  1')
    L.ln('# SKIP:  0')
    L.ln('# XFAIL: 0')
    L.ln('# FAIL:  0')
    L.ln('# XPASS: 0')
    L.ln('# ERROR: 0')
    L.ln('============================================================================')
    L.ln(f"make[1]: Leaving directory `{L.build_dir}/tests'")
    L.end(h, dur=3.0)
    h = L.start('valgrind --leak-check=full --error-exitcode=1 ./tests/.libs/run_tests')
    pid = '==4123=='
    V = lambda s='': L.ln(f'{pid} {s}'.rstrip() if not s else f'{pid} {s}')
    V('Memcheck, a memory error detector')
    V("Copyright (C) 2002-2013, and GNU GPL'd, by Julian Seward et al.")
    V('Using Valgrind-3.10.1 and LibVEX; rerun with -h for copyright info')
    V('Command: ./tests/.libs/run_tests')
    L.ln(f'{pid} ')
    tests = ['buffer_new_is_empty', 'buffer_append', 'buffer_grow', 'buffer_clear', 'tok_simple_words', 'tok_quoted_string',
             'tok_escapes', 'tok_trailing_whitespace', 'tok_empty_input', 'tok_error_on_unterminated_quote', 'utf8_ascii',
             'utf8_two_byte', 'utf8_invalid_continuation', 'utf8_overlong', 'strutil_trim', 'strutil_split', 'error_messages',
             'error_codes_unique']
    for t in tests:
        L.ln(f'Running suite(s): {t}' if False else f'[ RUN  ] {t}')
        if t == 'tok_trailing_whitespace':
            with L.mark('E'):
                V('Invalid read of size 1')
                V('   at 0x4C2E0F4: strlen (in /usr/lib/valgrind/vgpreload_memcheck-amd64-linux.so)')
                V('   by 0x4E3A2B7: tok_next (tokenizer.c:118)')
                V('   by 0x4015D3: test_tok_trailing_whitespace (test_tokenizer.c:64)')
                V('   by 0x400F1E: main (run_tests.c:41)')
                V(' Address 0x5204c8a is 0 bytes after a block of size 10 alloc\'d')
                V('   at 0x4C2AB80: malloc (in /usr/lib/valgrind/vgpreload_memcheck-amd64-linux.so)')
                V('   by 0x4E3A18B: tok_new (tokenizer.c:32)')
            V('   by 0x4015A9: test_tok_trailing_whitespace (test_tokenizer.c:60)')
            V('   by 0x400F1E: main (run_tests.c:41)')
            L.ln(f'{pid} ')
        L.ln(f'[   OK ] {t}')
    L.ln(f'All {len(tests)} tests passed.')
    L.ln(f'{pid} ')
    V('HEAP SUMMARY:')
    V('    in use at exit: 64 bytes in 2 blocks')
    V('  total heap usage: 1,204 allocs, 1,202 frees, 98,311 bytes allocated')
    L.ln(f'{pid} ')
    with L.mark('E'):
        V('64 bytes in 2 blocks are definitely lost in loss record 1 of 1')
        V('   at 0x4C2AB80: malloc (in /usr/lib/valgrind/vgpreload_memcheck-amd64-linux.so)')
        V('   by 0x4E3A3F0: tok_push (tokenizer.c:87)')
        V('   by 0x4E3A2E1: tok_next (tokenizer.c:131)')
    V('   by 0x4016C2: test_tok_error_on_unterminated_quote (test_tokenizer.c:91)')
    V('   by 0x400F1E: main (run_tests.c:41)')
    L.ln(f'{pid} ')
    V('LEAK SUMMARY:')
    V('   definitely lost: 64 bytes in 2 blocks')
    V('   indirectly lost: 0 bytes in 0 blocks')
    V('     possibly lost: 0 bytes in 0 blocks')
    V('   still reachable: 0 bytes in 0 blocks')
    V('        suppressed: 0 bytes in 0 blocks')
    L.ln(f'{pid} ')
    V('For counts of detected and suppressed errors, rerun with: -v')
    V('ERROR SUMMARY: 3 errors from 2 contexts (suppressed: 0 from 0)', ) if False else L.ln(f'{pid} ERROR SUMMARY: 3 errors from 2 contexts (suppressed: 0 from 0)', 'C')
    L.end(h, rc=1, dur=2.4)
    L.done(1)
    return 'c-valgrind-memcheck', L, dict(ecosystem='c', ci='travis', tool='valgrind memcheck', failure_kind='test')


# ---------------------------------------------------------------------------
@case
def c_autoconf_configure_error():
    L = Travis(2202, 'jedisct1-fans', 'minisign-ng', 'c', dist='xenial', year=2019, when=1559300000)
    L.worker_info()
    L.system_info()
    L.checkout()
    L.fold_start('apt')
    L.ln(col('33;1', 'Installing APT Packages'))
    h = L.start('travis_apt_get_update')
    L.end(h, dur=8.0, announce=None)
    h = L.start('sudo -E apt-get -yq --no-install-suggests --no-install-recommends $(travis_apt_get_options) install libsodium-dev autoconf-archive')
    apt_install(L, [('libsodium18', '1.0.8-5', 124.5), ('libsodium-dev', '1.0.8-5', 169.2), ('autoconf-archive', '20150925-1', 665.3)], dist='xenial')
    L.end(h, dur=5.0, announce=None)
    L.fold_end('apt')
    L.raw('\n')
    L.ln('$ export CC=gcc')
    L.ln('$ gcc --version')
    L.ln('gcc (Ubuntu 5.4.0-6ubuntu1~16.04.11) 5.4.0 20160609')
    L.ln('Copyright (C) 2015 Free Software Foundation, Inc.')
    L.ln('This is free software; see the source for copying conditions.  There is NO')
    L.ln('warranty; not even for MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.')
    L.ln()
    h = L.start('autoreconf -fi && ./configure --enable-werror')
    L.ln("libtoolize: putting auxiliary files in AC_CONFIG_AUX_DIR, 'build-aux'.")
    L.ln("libtoolize: copying file 'build-aux/ltmain.sh'")
    L.ln("libtoolize: putting macros in AC_CONFIG_MACRO_DIR, 'm4'.")
    L.ln("configure.ac:14: installing 'build-aux/compile'")
    L.ln("configure.ac:10: installing 'build-aux/missing'")
    L.ln("src/Makefile.am: installing 'build-aux/depcomp'")
    checks = autotools_noise(L)
    for c in checks:
        L.ln(f'checking {c}')
    L.ln('checking whether C compiler accepts -Werror... yes')
    L.ln('checking whether C compiler accepts -Wall -Wextra... yes')
    L.ln('checking for LIBSODIUM... no', 'C')
    with L.mark('E'):
        L.ln('configure: error: Package requirements (libsodium >= 1.0.12) were not met:')
        L.ln()
        L.ln("Requested 'libsodium >= 1.0.12' but version of libsodium is 1.0.8")
    L.ln()
    L.ln('Consider adjusting the PKG_CONFIG_PATH environment variable if you')
    L.ln('installed software in a non-standard prefix.')
    L.ln()
    L.ln('Alternatively, you may set the environment variables LIBSODIUM_CFLAGS')
    L.ln('and LIBSODIUM_LIBS to avoid the need to call pkg-config.')
    L.ln('See the pkg-config man page for more details.')
    L.end(h, rc=1, dur=14.0)
    h = L.start('make -j2')
    L.ln('make: *** No targets specified and no makefile found.  Stop.')
    L.end(h, rc=2, dur=0.01)
    h = L.start('make check')
    L.ln("make: *** No rule to make target 'check'.  Stop.")
    L.end(h, rc=2, dur=0.01)
    L.fold_start('after_failure')
    h = L.start('cat config.log')
    L.ln('This file contains any messages produced by compilers while')
    L.ln('running configure, to aid debugging if configure makes a mistake.')
    L.ln()
    L.ln('It was created by minisign-ng configure 0.9.0, which was')
    L.ln('generated by GNU Autoconf 2.69.  Invocation command line was')
    L.ln()
    L.ln('  $ ./configure --enable-werror')
    L.ln()
    L.ln('## --------- ##')
    L.ln('## Platform. ##')
    L.ln('## --------- ##')
    L.ln()
    for l in ['hostname = travis-job-2bd5e6a0', 'uname -m = x86_64', 'uname -r = 4.15.0-1028-gcp', 'uname -s = Linux',
              'uname -v = #29~16.04.1-Ubuntu SMP Fri Jan 4 15:32:14 UTC 2019', '', '/usr/bin/uname -p = unknown',
              '/bin/uname -X     = unknown', '', '/bin/arch              = unknown', '/usr/bin/arch -k       = unknown',
              '/usr/convex/getsysinfo = unknown', '/usr/bin/hostinfo      = unknown', '/bin/machine           = unknown',
              '/usr/bin/oslevel       = unknown', '/bin/universe          = unknown', '']:
        L.ln(l)
    for p in ['/home/travis/bin', '/home/travis/.local/bin', '/usr/local/lib/jvm/openjdk11/bin', '/opt/pyenv/shims',
              '/home/travis/.phpenv/shims', '/home/travis/perl5/perlbrew/bin', '/home/travis/.nvm/versions/node/v8.12.0/bin',
              '/home/travis/.kiex/elixirs/elixir-1.7.4/bin', '/home/travis/.kiex/bin', '/home/travis/gopath/bin',
              '/home/travis/.gimme/versions/go1.11.1.linux.amd64/bin', '/usr/local/maven-3.6.0/bin', '/usr/local/cmake-3.12.4/bin',
              '/usr/local/clang-7.0.0/bin', '/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin']:
        L.ln(f'PATH: {p}')
    L.ln()
    L.ln()
    L.ln('## ----------- ##')
    L.ln('## Core tests. ##')
    L.ln('## ----------- ##')
    L.ln()
    ln_no = 2380
    for c in checks:
        ln_no += L.R.randint(3, 60)
        what = c.split('...')[0].strip()
        res = c.split('...')[1].strip() if '...' in c else ''
        L.ln(f'configure:{ln_no}: checking {what}')
        if what.startswith('for ') and what.endswith('.h'):
            hdr = what[4:]
            L.ln(f'configure:{ln_no}: gcc -c -g -O2  conftest.c >&5')
            if res == 'no':
                L.ln(f'conftest.c:62:24: fatal error: {hdr}: No such file or directory')
                L.ln('compilation terminated.')
                L.ln(f'configure:{ln_no}: $? = 1')
                L.ln('configure: failed program was:')
                L.ln('| /* confdefs.h */')
                L.ln('| #define PACKAGE_NAME "minisign-ng"')
                L.ln('| #define PACKAGE_TARNAME "minisign-ng"')
                L.ln('| #define PACKAGE_VERSION "0.9.0"')
                L.ln('| #define PACKAGE_STRING "minisign-ng 0.9.0"')
                L.ln('| #define PACKAGE_BUGREPORT ""')
                L.ln('| #define PACKAGE_URL ""')
                L.ln('| #define STDC_HEADERS 1')
                L.ln('| #define HAVE_SYS_TYPES_H 1')
                L.ln('| /* end confdefs.h.  */')
                L.ln(f'| #include <{hdr}>')
            else:
                L.ln(f'configure:{ln_no}: $? = 0')
        elif what.startswith('for ') and res == 'no' and what[4:].isidentifier():
            fn = what[4:]
            L.ln(f'configure:{ln_no}: gcc -o conftest -g -O2   conftest.c  >&5')
            L.ln(f'conftest.c:(.text.startup+0x5): undefined reference to `{fn}\'')
            L.ln('collect2: error: ld returned 1 exit status')
            L.ln(f'configure:{ln_no}: $? = 1')
            L.ln('configure: failed program was:')
            L.ln('| /* confdefs.h */')
            L.ln(f'| char {fn} ();')
            L.ln('| int')
            L.ln('| main ()')
            L.ln('| {')
            L.ln(f'| return {fn} ();')
            L.ln('|   ;')
            L.ln('|   return 0;')
            L.ln('| }')
        L.ln(f'configure:{ln_no + 1}: result: {res}')
    ln_no += 40
    L.ln(f'configure:{ln_no}: checking for LIBSODIUM')
    L.ln(f'configure:{ln_no + 7}: $PKG_CONFIG --exists --print-errors "libsodium >= 1.0.12"')
    L.ln("Requested 'libsodium >= 1.0.12' but version of libsodium is 1.0.8")
    L.ln(f'configure:{ln_no + 10}: $? = 1')
    L.ln(f'configure:{ln_no + 24}: $PKG_CONFIG --exists --print-errors "libsodium >= 1.0.12"')
    L.ln("Requested 'libsodium >= 1.0.12' but version of libsodium is 1.0.8")
    L.ln(f'configure:{ln_no + 27}: $? = 1')
    L.ln("No package 'libsodium' found" if False else f'configure:{ln_no + 41}: result: no')
    L.ln("Requested 'libsodium >= 1.0.12' but version of libsodium is 1.0.8")
    L.ln(f'configure:{ln_no + 68}: error: Package requirements (libsodium >= 1.0.12) were not met:', 'C')
    L.ln()
    L.ln("Requested 'libsodium >= 1.0.12' but version of libsodium is 1.0.8")
    L.ln()
    L.ln('Consider adjusting the PKG_CONFIG_PATH environment variable if you')
    L.ln('installed software in a non-standard prefix.')
    L.ln()
    L.ln('## ---------------- ##')
    L.ln('## Cache variables. ##')
    L.ln('## ---------------- ##')
    L.ln()
    for v in ['ac_cv_build=x86_64-pc-linux-gnu', 'ac_cv_c_compiler_gnu=yes', 'ac_cv_c_inline=inline', 'ac_cv_env_CC_set=set',
              'ac_cv_env_CC_value=gcc', 'ac_cv_env_LIBSODIUM_CFLAGS_set=', 'ac_cv_env_LIBSODIUM_LIBS_set=',
              'ac_cv_func_arc4random=no', 'ac_cv_func_getrandom=no', 'ac_cv_header_stdc=yes', 'ac_cv_header_sys_random_h=no',
              'ac_cv_host=x86_64-pc-linux-gnu', 'ac_cv_objext=o', 'ac_cv_path_EGREP=\'/bin/grep -E\'', 'ac_cv_path_GREP=/bin/grep',
              'ac_cv_prog_CPP=\'gcc -E\'', 'ac_cv_prog_cc_c89=', 'ac_cv_prog_cc_g=yes', 'am_cv_CC_dependencies_compiler_type=gcc3',
              'lt_cv_sys_max_cmd_len=1572864', 'pkg_cv_LIBSODIUM_CFLAGS=', 'pkg_cv_LIBSODIUM_LIBS=']:
        L.ln(v)
    L.ln()
    L.ln('## ----------------- ##')
    L.ln('## Output variables. ##')
    L.ln('## ----------------- ##')
    L.ln()
    for v in ['ACLOCAL=\'${SHELL} /home/travis/build/jedisct1-fans/minisign-ng/build-aux/missing aclocal-1.15\'', "AMTAR='$${TAR-tar}'",
              "AM_BACKSLASH='\\'", "AR='ar'", "AUTOCONF='${SHELL} /home/travis/build/jedisct1-fans/minisign-ng/build-aux/missing autoconf'",
              "CC='gcc'", "CFLAGS='-g -O2'", "CPP='gcc -E'", "DEFS=''", "ECHO_C=''", "EGREP='/bin/grep -E'", "LIBSODIUM_CFLAGS=''",
              "LIBSODIUM_LIBS=''", "LIBTOOL=''", "PACKAGE='minisign-ng'", "PACKAGE_VERSION='0.9.0'", "PKG_CONFIG='/usr/bin/pkg-config'",
              "VERSION='0.9.0'", "WERROR_CFLAGS='-Werror'"]:
        L.ln(v)
    L.ln()
    L.ln('## ----------- ##')
    L.ln('## confdefs.h. ##')
    L.ln('## ----------- ##')
    L.ln()
    L.ln('/* confdefs.h */')
    L.ln('#define PACKAGE_NAME "minisign-ng"')
    L.ln('#define PACKAGE_VERSION "0.9.0"')
    L.ln('#define STDC_HEADERS 1')
    L.ln('#define HAVE_SYS_TYPES_H 1')
    L.ln('#define HAVE_DLFCN_H 1')
    L.ln('#define LT_OBJDIR ".libs/"')
    L.ln()
    L.ln('configure: exit 1')
    L.end(h, announce=None)
    L.fold_end('after_failure')
    L.raw('\n')
    L.done(1)
    return 'c-autoconf-configure-pkgconfig', L, dict(ecosystem='c', ci='travis', tool='autoconf configure', failure_kind='build')


# ---------------------------------------------------------------------------
@case
def cpp_googletest_ctest():
    L = Travis(2301, 'qliu', 'jsonlite-cpp', 'cpp', dist='trusty', year=2018, when=1528800000)
    L.worker_info()
    L.system_info()
    L.checkout(submodules=['google/googletest'])
    L.fold_start('apt')
    L.ln(col('33;1', 'Installing APT Packages'))
    h = L.start('travis_apt_get_update')
    L.end(h, dur=10.0, announce=None)
    h = L.start('sudo -E apt-get -yq --no-install-suggests --no-install-recommends $(travis_apt_get_options) install g++-7')
    apt_install(L, [('gcc-7-base', '7.3.0-16ubuntu3~14.04.1', 18.6), ('libisl15', '0.18-4~14.04.1', 470.1),
                    ('cpp-7', '7.3.0-16ubuntu3~14.04.1', 8513.3), ('libcc1-0', '8.1.0-5ubuntu1~14.04', 39.2),
                    ('libgomp1', '8.1.0-5ubuntu1~14.04', 76.2), ('libitm1', '8.1.0-5ubuntu1~14.04', 27.8),
                    ('libatomic1', '8.1.0-5ubuntu1~14.04', 9.1), ('libasan4', '7.3.0-16ubuntu3~14.04.1', 358.7),
                    ('liblsan0', '8.1.0-5ubuntu1~14.04', 133.7), ('libtsan0', '8.1.0-5ubuntu1~14.04', 288.4),
                    ('libubsan0', '7.3.0-16ubuntu3~14.04.1', 126.9), ('libcilkrts5', '7.3.0-16ubuntu3~14.04.1', 42.6),
                    ('libmpx2', '8.1.0-5ubuntu1~14.04', 11.6), ('libquadmath0', '8.1.0-5ubuntu1~14.04', 133.2),
                    ('libgcc-7-dev', '7.3.0-16ubuntu3~14.04.1', 2340.4), ('gcc-7', '7.3.0-16ubuntu3~14.04.1', 9154.3),
                    ('libstdc++-7-dev', '7.3.0-16ubuntu3~14.04.1', 1499.0), ('g++-7', '7.3.0-16ubuntu3~14.04.1', 9734.5)])
    L.end(h, dur=34.0, announce=None)
    L.fold_end('apt')
    L.raw('\n')
    L.ln('$ export CXX=g++-7 CC=gcc-7')
    L.ln('$ export CXX=g++')
    L.ln('$ export CC=gcc')
    L.ln('$ g++ --version')
    L.ln('g++ (Ubuntu 4.8.4-2ubuntu1~14.04.3) 4.8.4')
    L.ln('Copyright (C) 2013 Free Software Foundation, Inc.')
    L.ln('This is free software; see the source for copying conditions.  There is NO')
    L.ln('warranty; not even for MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.')
    L.ln()
    L.fold_start('before_script')
    L.ln('$ export CXX=g++-7 CC=gcc-7')
    L.fold_end('before_script')
    L.raw('\n')
    bd = f'{L.build_dir}/build'
    h = L.start('mkdir -p build && cd build && cmake -DCMAKE_BUILD_TYPE=Debug .. && make -j2')
    for l in ['-- The C compiler identification is GNU 7.3.0', '-- The CXX compiler identification is GNU 7.3.0',
              '-- Check for working C compiler: /usr/bin/gcc-7', '-- Check for working C compiler: /usr/bin/gcc-7 -- works',
              '-- Detecting C compiler ABI info', '-- Detecting C compiler ABI info - done', '-- Detecting C compile features',
              '-- Detecting C compile features - done', '-- Check for working CXX compiler: /usr/bin/g++-7',
              '-- Check for working CXX compiler: /usr/bin/g++-7 -- works', '-- Detecting CXX compiler ABI info',
              '-- Detecting CXX compiler ABI info - done', '-- Detecting CXX compile features', '-- Detecting CXX compile features - done',
              '-- Found PythonInterp: /usr/bin/python (found version "2.7.6") ', '-- Looking for pthread.h', '-- Looking for pthread.h - found',
              '-- Looking for pthread_create', '-- Looking for pthread_create - not found', '-- Looking for pthread_create in pthreads',
              '-- Looking for pthread_create in pthreads - not found', '-- Looking for pthread_create in pthread',
              '-- Looking for pthread_create in pthread - found', '-- Found Threads: TRUE  ', '-- Configuring done', '-- Generating done',
              f'-- Build files have been written to: {bd}']:
        L.ln(l)
    srcs = ['value', 'parser', 'writer', 'lexer', 'error', 'pointer', 'utf8', 'number']
    steps = []
    steps.append('Scanning dependencies of target gtest')
    steps.append('[  3%] Building CXX object googletest/googlemock/gtest/CMakeFiles/gtest.dir/src/gtest-all.cc.o')
    steps.append('Scanning dependencies of target jsonlite')
    for i, s in enumerate(srcs):
        steps.append(f'[{6 + i * 6:3d}%] Building CXX object src/CMakeFiles/jsonlite.dir/{s}.cpp.o')
    steps.append('[ 56%] Linking CXX static library libjsonlite.a')
    steps.append('[ 56%] Built target jsonlite')
    steps.append('[ 59%] Linking CXX static library ../../libgtestd.a')
    steps.append('[ 59%] Built target gtest')
    steps.append('Scanning dependencies of target gtest_main')
    steps.append('[ 62%] Building CXX object googletest/googlemock/gtest/CMakeFiles/gtest_main.dir/src/gtest_main.cc.o')
    steps.append('[ 65%] Linking CXX static library ../../libgtest_maind.a')
    steps.append('[ 65%] Built target gtest_main')
    steps.append('Scanning dependencies of target unit_tests')
    for i, s in enumerate(srcs):
        steps.append(f'[{68 + i * 4:3d}%] Building CXX object test/CMakeFiles/unit_tests.dir/{s}_test.cpp.o')
    steps.append('[100%] Linking CXX executable unit_tests')
    steps.append('[100%] Built target unit_tests')
    for s in steps:
        L.ln(s)
        if 'number.cpp.o' in s:
            L.ln(f'{L.build_dir}/src/number.cpp: In function ‘bool jsonlite::detail::parse_number(const char*&, const char*, jsonlite::value&)’:')
            L.ln(f"{L.build_dir}/src/number.cpp:58:21: warning: comparison of integer expressions of different signedness: ‘int’ and ‘std::size_t’ {{aka ‘long unsigned int’}} [-Wsign-compare]")
            L.ln('     for (int i = 0; i < len; ++i) {')
            L.ln('                   ~~^~~~~')
    L.end(h, dur=51.0)
    h = L.start('ctest --output-on-failure')
    L.ln(f'Test project {bd}')
    L.ln('    Start 1: unit_tests')
    L.ln('1/2 Test #1: unit_tests .......................***Failed    0.04 sec', 'C')
    L.ln('Running main() from gtest_main.cc')
    suites = [('ValueTest', ['DefaultIsNull', 'HoldsBool', 'HoldsNumber', 'HoldsString', 'CopyIsDeep', 'MoveLeavesNull', 'EqualityOperator']),
              ('LexerTest', ['SkipsWhitespace', 'TokenizesPunctuation', 'TokenizesLiterals', 'ReportsErrorPosition']),
              ('ParserTest', ['ParsesEmptyObject', 'ParsesEmptyArray', 'ParsesNestedArrays', 'ParsesNestedObjects', 'ParsesEscapes',
                              'RejectsTrailingComma', 'RejectsLeadingZero']),
              ('ErrorHandlingTest', ['ThrowsOnInvalidInput', 'ErrorMessageHasLineAndColumn', 'FailsGracefullyOnDeepNesting']),
              ('WriterTest', ['WritesCompact', 'WritesPretty', 'EscapesControlCharacters', 'RoundTrips']),
              ('PointerTest', ['ResolvesRoot', 'ResolvesArrayIndex', 'EscapedTokens', 'MissingKeyThrows'])]
    total = sum(len(t) for _, t in suites)
    L.ln(f'[==========] Running {total} tests from {len(suites)} test cases.')
    L.ln('[----------] Global test environment set-up.')
    for s, ts in suites:
        L.ln(f'[----------] {len(ts)} tests from {s}')
        for t in ts:
            L.ln(f'[ RUN      ] {s}.{t}')
            if s == 'ErrorHandlingTest' and t == 'ThrowsOnInvalidInput':
                L.ln('E0612 08:21:44.102311  4201 parser.cpp:214] parse error at 1:7: unexpected token \'}\'')
            if s == 'ErrorHandlingTest' and t == 'FailsGracefullyOnDeepNesting':
                L.ln('E0612 08:21:44.104877  4201 parser.cpp:88] maximum nesting depth 512 exceeded')
            if t == 'ParsesNestedArrays':
                with L.mark('E'):
                    L.ln(f'{L.build_dir}/test/parser_test.cpp:77: Failure')
                    L.ln('Expected equality of these values:')
                    L.ln('  3u')
                    L.ln('  arr.size()')
                    L.ln('    Which is: 2')
                    L.ln(f'[  FAILED  ] {s}.{t} (0 ms)')
            else:
                L.ln(f'[       OK ] {s}.{t} (0 ms)')
        L.ln(f'[----------] {len(ts)} tests from {s} ({L.R.randint(0, 3)} ms total)')
        L.ln()
    L.ln('[----------] Global test environment tear-down')
    L.ln(f'[==========] {total} tests from {len(suites)} test cases ran. (4 ms total)')
    L.ln(f'[  PASSED  ] {total - 1} tests.')
    L.ln('[  FAILED  ] 1 test, listed below:', 'C')
    L.ln('[  FAILED  ] ParserTest.ParsesNestedArrays', 'C')
    L.ln()
    L.ln(' 1 FAILED TEST')
    L.ln()
    L.ln('    Start 2: benchmark_smoke')
    L.ln('2/2 Test #2: benchmark_smoke ..................   Passed    0.31 sec')
    L.ln()
    L.ln('50% tests passed, 1 tests failed out of 2')
    L.ln()
    L.ln('Total Test time (real) =   0.36 sec')
    L.ln()
    L.ln('The following tests FAILED:')
    L.ln('\t  1 - unit_tests (Failed)')
    L.ln('Errors while running CTest')
    L.end(h, rc=8, dur=0.4)
    L.done(1)
    return 'cpp-googletest-ctest', L, dict(ecosystem='cpp', ci='travis', tool='googletest via ctest', failure_kind='test')


# ---------------------------------------------------------------------------
@case
def shell_bats():
    L = Travis(2401, 'thoughtbot-fans', 'dotsync', 'shell', dist='xenial', year=2019, when=1557000000)
    L.worker_info()
    L.system_info()
    L.checkout()
    L.ln('$ bash -c \'echo $BASH_VERSION\'')
    L.ln('4.3.48(1)-release')
    h = L.start('shellcheck -x bin/dotsync lib/*.sh install.sh')
    L.end(h, dur=1.3)
    h = L.start('bats test')
    L.ln('1..34')
    names = ['install: creates target directory', 'install: fails with error when target not writable', 'install: is idempotent',
             'install: backs up existing dotfiles', 'link: creates symlinks for tracked files', 'link: skips ignored files',
             'link: --dry-run prints actions without applying', 'link: reports error for dangling source',
             'status: clean repository prints nothing', 'status: reports modified files', 'status: reports untracked files',
             'add: copies file into repository', 'add: refuses paths outside $HOME', 'add: handles spaces in file names',
             'remove: restores original file', 'update: pulls latest changes', 'update: preserves local config on upgrade',
             'update: exits non-zero when offline', 'update: error message mentions remote', 'hooks: runs post-link hook',
             'hooks: aborts on failing pre-link hook', 'hooks: passes environment to hooks', 'config: reads ~/.dotsyncrc',
             'config: environment overrides file', 'config: rejects unknown keys', 'profile: selects host profile',
             'profile: falls back to default', 'completion: bash completion loads', 'completion: zsh completion loads',
             'help: prints usage', 'help: unknown command prints error', 'version: prints version', 'uninstall: removes links',
             'uninstall: keeps backups']
    for i, n in enumerate(names, 1):
        if i == 17:
            L.ln(f'not ok {i} {n}', 'E')
            with L.mark('E'):
                L.ln('# (in test file test/update.bats, line 42)')
                L.ln("#   `[ \"$status\" -eq 0 ]' failed")
            L.ln('# Updating dotfiles from origin/master...')
            L.ln('# error: Your local changes to the following files would be overwritten by merge:', 'C')
            L.ln('# \tconfig/settings.local', 'C')
            L.ln('# Please commit your changes or stash them before you merge.')
            L.ln('# Aborting')
            L.ln('# dotsync: update failed (git exited with 1)')
        else:
            L.ln(f'ok {i} {n}')
    L.end(h, rc=1, dur=6.8)
    L.done(1)
    return 'shell-bats-tap', L, dict(ecosystem='shell', ci='travis', tool='bats', failure_kind='test')


# ---------------------------------------------------------------------------
@case
def fortran_gfortran_make():
    L = Travis(2501, 'cfdlab-oss', 'poisson2d', 'c', dist='xenial', year=2019, when=1563000000)
    L.worker_info()
    L.system_info()
    L.checkout()
    L.fold_start('apt')
    L.ln(col('33;1', 'Installing APT Packages'))
    h = L.start('travis_apt_get_update')
    L.end(h, dur=7.0, announce=None)
    h = L.start('sudo -E apt-get -yq --no-install-suggests --no-install-recommends $(travis_apt_get_options) install gfortran liblapack-dev libopenmpi-dev openmpi-bin')
    apt_install(L, [('libgfortran3', '5.4.0-6ubuntu1~16.04.11', 264.9), ('gfortran-5', '5.4.0-6ubuntu1~16.04.11', 7322.6),
                    ('gfortran', '4:5.3.1-1ubuntu1', 1.3), ('libblas3', '3.6.0-2ubuntu2', 147.4), ('liblapack3', '3.6.0-2ubuntu2', 1814.7),
                    ('libblas-dev', '3.6.0-2ubuntu2', 157.0), ('liblapack-dev', '3.6.0-2ubuntu2', 1891.0),
                    ('libhwloc5', '1.11.2-3', 104.4), ('libibverbs1', '1.1.8-1.1ubuntu2', 25.8), ('libopenmpi1.10', '1.10.2-8ubuntu1', 1711.8),
                    ('openmpi-common', '1.10.2-8ubuntu1', 122.3), ('openmpi-bin', '1.10.2-8ubuntu1', 75.7),
                    ('libopenmpi-dev', '1.10.2-8ubuntu1', 729.4)], dist='xenial')
    L.end(h, dur=21.0, announce=None)
    L.fold_end('apt')
    L.raw('\n')
    L.ln('$ export CC=gcc')
    L.ln('$ gcc --version')
    L.ln('gcc (Ubuntu 5.4.0-6ubuntu1~16.04.11) 5.4.0 20160609')
    L.ln('Copyright (C) 2015 Free Software Foundation, Inc.')
    L.ln('This is free software; see the source for copying conditions.  There is NO')
    L.ln('warranty; not even for MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.')
    L.ln()
    h = L.start('gfortran --version', fold='before_script')
    L.ln('GNU Fortran (Ubuntu 5.4.0-6ubuntu1~16.04.11) 5.4.0 20160609')
    L.ln('Copyright (C) 2015 Free Software Foundation, Inc.')
    L.ln()
    L.ln('GNU Fortran comes with NO WARRANTY, to the extent permitted by law.')
    L.ln('You may redistribute copies of GNU Fortran')
    L.ln('under the terms of the GNU General Public License.')
    L.ln('For more information about these matters, see the file named COPYING')
    L.end(h, announce=None)
    L.raw('\n')
    h = L.start('make FC=mpif90 && make test')
    flags = '-O2 -g -Wall -Wextra -fcheck=all -fbacktrace -std=f2008 -Jbuild -Ibuild'
    L.ln('mkdir -p build')
    for f in ['kinds', 'constants', 'io_utils', 'grid', 'boundary']:
        L.ln(f'mpif90 {flags} -c src/{f}.f90 -o build/{f}.o')
        if f == 'grid':
            L.ln('src/grid.f90:57:18:')
            L.ln()
            L.ln('     real(dp) :: tmp')
            L.ln('                  1')
            L.ln('Warning: Unused variable ‘tmp’ declared at (1) [-Wunused-variable]')
        if f == 'boundary':
            L.ln('src/boundary.f90:88:0:')
            L.ln()
            L.ln('        case default')
            L.ln(' ')
            L.ln("Warning: ‘ib’ may be used uninitialized in this function [-Wmaybe-uninitialized]")
    L.ln(f'mpif90 {flags} -c src/solver.f90 -o build/solver.o')
    with L.mark('E'):
        L.ln('src/solver.f90:142:22:')
        L.ln()
        L.ln('       call apply_bc(u, nx, ny, bc_type)')
        L.ln('                      1')
        L.ln('Error: Type mismatch in argument ‘nx’ at (1); passed REAL(8) to INTEGER(4)')
    L.ln("Makefile:34: recipe for target 'build/solver.o' failed", 'C')
    L.ln('make: *** [build/solver.o] Error 1', 'C')
    L.end(h, rc=2, dur=6.0)
    L.fold_start('after_failure')
    h = L.start('ls -la build/')
    L.ln('total 196')
    L.ln('drwxrwxr-x 2 travis travis  4096 Jul 13 06:41 .')
    L.ln('drwxrwxr-x 7 travis travis  4096 Jul 13 06:41 ..')
    for f, s in [('boundary.mod', 2143), ('boundary.o', 21456), ('constants.mod', 611), ('constants.o', 3224), ('grid.mod', 3921),
                 ('grid.o', 44120), ('io_utils.mod', 1840), ('io_utils.o', 31880), ('kinds.mod', 290), ('kinds.o', 1120)]:
        L.ln(f'-rw-rw-r-- 1 travis travis {s:5d} Jul 13 06:41 {f}')
    L.end(h, announce=None)
    L.fold_end('after_failure')
    L.raw('\n')
    L.done(1)
    return 'fortran-gfortran-make', L, dict(ecosystem='fortran', ci='travis', tool='gfortran + make', failure_kind='build')


# ---------------------------------------------------------------------------
QT_SOURCES = {
    'src/core': ['note', 'notebook', 'notestore', 'tag', 'tagmodel', 'search', 'searchindex', 'markdown', 'markdownhighlighter',
                 'settings', 'encryption', 'sync', 'syncworker', 'httpclient', 'jsonserializer', 'attachment', 'attachmentstore',
                 'history', 'undostack', 'exporter', 'htmlexporter', 'pdfexporter', 'importer', 'enexparser', 'logger', 'crashhandler',
                 'spellchecker', 'dictionary', 'filewatcher', 'backup', 'migration', 'schema', 'database', 'query', 'querybuilder',
                 'fts', 'thumbnailer', 'imagecache', 'mimetypes', 'utils', 'stringutils', 'dateutils', 'keychain', 'plugin',
                 'pluginmanager', 'theme', 'themeloader', 'shortcut', 'shortcutmanager', 'clipboard', 'dragdrop', 'reminder',
                 'notification', 'trashbin', 'conflictresolver', 'diffview', 'template', 'templatemanager', 'word_count', 'outline'],
    'src/app': ['main', 'application', 'mainwindow', 'notelistview', 'noteeditor', 'notebookpanel', 'tagpanel', 'searchbar',
                'preferencesdialog', 'aboutdialog', 'syncstatuswidget', 'trayicon', 'toolbar', 'statusbar', 'exportdialog',
                'importdialog', 'attachmentlist', 'imageviewer', 'findreplacedialog', 'outlinepanel', 'historydialog',
                'conflictdialog', 'reminderdialog', 'splashscreen', 'welcomepage', 'shortcutsdialog', 'themepicker'],
}


@case
def cpp_qmake_make():
    L = Travis(2601, 'notekeeper', 'notekeeper', 'cpp', dist='trusty', year=2017, when=1509000000)
    L.worker_info()
    L.system_info()
    L.checkout(submodules=['notekeeper/hunspell-dicts'])
    L.ln('$ export CXX=g++')
    L.ln('$ export CC=gcc')
    L.ln('$ g++ --version')
    L.ln('g++ (Ubuntu 4.8.4-2ubuntu1~14.04.3) 4.8.4')
    L.ln('Copyright (C) 2013 Free Software Foundation, Inc.')
    L.ln('This is free software; see the source for copying conditions.  There is NO')
    L.ln('warranty; not even for MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.')
    L.ln()
    h = L.start('sudo add-apt-repository --yes ppa:beineri/opt-qt562-trusty', fold='before_install.1')
    L.ln('gpg: keyring `/tmp/tmpn7c2p0ye/secring.gpg\' created')
    L.ln('gpg: keyring `/tmp/tmpn7c2p0ye/pubring.gpg\' created')
    L.ln('gpg: requesting key 10C56D0DE9977759 from hkp server keyserver.ubuntu.com')
    L.ln('gpg: /tmp/tmpn7c2p0ye/trustdb.gpg: trustdb created')
    L.ln('gpg: key E9977759: public key "Launchpad PPA for Stephan Binner" imported')
    L.ln('gpg: Total number processed: 1')
    L.ln('gpg:               imported: 1  (RSA: 1)')
    L.ln('OK')
    L.end(h, dur=3.0, announce=None)
    L.raw('\n')
    h = L.start('sudo apt-get update -qq', fold='before_install.2')
    L.ln('W: http://ppa.launchpad.net/couchdb/stable/ubuntu/dists/trusty/Release.gpg: Signature by key 15866BAFD9BCC4F3C1E0DFC7D69548E1C17EAB57 uses weak digest algorithm (SHA1)')
    L.end(h, dur=15.0, announce=None)
    L.raw('\n')
    h = L.start('sudo apt-get install -y qt56base qt56svg qt56tools qt56imageformats libhunspell-dev libsqlite3-dev mesa-common-dev libgl1-mesa-dev', fold='install.1')
    pk = [('qt56base', '5.6.2-1basyskom1', 21944.3), ('qt56svg', '5.6.2-1basyskom1', 372.0), ('qt56declarative', '5.6.2-1basyskom1', 6104.8),
          ('qt56xmlpatterns', '5.6.2-1basyskom1', 2108.4), ('qt56tools', '5.6.2-1basyskom1', 7655.1), ('qt56imageformats', '5.6.2-1basyskom1', 289.9),
          ('libhunspell-1.3-0', '1.3.2-6ubuntu1', 145.2), ('libhunspell-dev', '1.3.2-6ubuntu1', 183.3),
          ('libsqlite3-dev', '3.8.2-1ubuntu2.1', 443.4), ('mesa-common-dev', '10.1.3-0ubuntu0.6', 404.3),
          ('libgl1-mesa-dev', '10.1.3-0ubuntu0.6', 2.9), ('libglapi-mesa', '10.1.3-0ubuntu0.6', 21.6),
          ('libx11-xcb-dev', '2:1.6.2-1ubuntu2', 9.6), ('libxcb-glx0-dev', '1.10-2ubuntu1', 26.8),
          ('libxcb-dri2-0-dev', '1.10-2ubuntu1', 8.1), ('libxcb-dri3-dev', '1.10-2ubuntu1', 5.9),
          ('libxcb-present-dev', '1.10-2ubuntu1', 6.6), ('libxcb-randr0-dev', '1.10-2ubuntu1', 22.9),
          ('libxcb-sync-dev', '1.10-2ubuntu1', 11.5), ('libxshmfence-dev', '1.1-2', 3.6), ('libxxf86vm-dev', '1:1.1.3-1', 11.5),
          ('libdrm-dev', '2.4.67-1ubuntu0.14.04.2', 158.4), ('x11proto-dri2-dev', '2.8-2', 10.8), ('x11proto-gl-dev', '1.4.17-1', 16.9)]
    apt_install(L, pk)
    L.end(h, dur=64.0, announce=None)
    L.raw('\n')
    L.fold_start('install.2')
    L.ln('$ source /opt/qt56/bin/qt56-env.sh')
    L.fold_end('install.2')
    L.raw('\n')
    h = L.start('qmake -r CONFIG+=release notekeeper.pro')
    for d in ['src/core', 'src/app', 'tests/unit', 'tests/gui']:
        L.ln(f'Reading {L.build_dir}/{d}/{d.split("/")[-1]}.pro')
    L.ln(f'Info: creating stash file {L.build_dir}/.qmake.stash')
    L.end(h, dur=1.3)
    h = L.start('make -j2')
    Q = '/opt/qt56'
    cxx = ('g++ -c -pipe -O2 -std=gnu++11 -Wall -W -D_REENTRANT -fPIC -DQT_NO_DEBUG_OUTPUT -DAPP_VERSION=\\"1.9.0\\" '
           '-DQT_NO_DEBUG -DQT_WIDGETS_LIB -DQT_GUI_LIB -DQT_SQL_LIB -DQT_NETWORK_LIB -DQT_CONCURRENT_LIB -DQT_CORE_LIB '
           f'-I. -I../core -I{Q}/include -I{Q}/include/QtWidgets -I{Q}/include/QtGui -I{Q}/include/QtSql -I{Q}/include/QtNetwork '
           f'-I{Q}/include/QtConcurrent -I{Q}/include/QtCore -I. -I. -I{Q}/mkspecs/linux-g++')
    R = L.R
    third = {'hunspell': ['affentry', 'affixmgr', 'csutil', 'dictmgr', 'filemgr', 'hashmgr', 'hunspell', 'hunzip', 'phonet',
                          'replist', 'suggestmgr', 'textparser', 'firstparser', 'htmlparser', 'latexparser', 'manparser', 'xmlparser',
                          'odfparser', 'utf_info'],
             'cmark': ['blocks', 'buffer', 'cmark', 'cmark_ctype', 'commonmark', 'houdini_href_e', 'houdini_html_e', 'houdini_html_u',
                       'html', 'inlines', 'iterator', 'latex', 'man', 'node', 'references', 'render', 'scanners', 'utf8', 'xml',
                       'arena', 'footnotes', 'linked_list', 'map', 'plugin', 'registry', 'syntax_extension', 'autolink',
                       'core-extensions', 'ext_scanners', 'strikethrough', 'table', 'tagfilter', 'tasklist'],
             'quazip': ['JlCompress', 'qioapi', 'quaadler32', 'quacrc32', 'quagzipfile', 'quaziodevice', 'quazip', 'quazipdir',
                        'quazipfile', 'quazipfileinfo', 'quazipnewinfo', 'unzip', 'zip'],
             'sqlite': ['sqlite3'],
             'qtsingleapplication': ['qtsingleapplication', 'qtlocalpeer', 'qtlockedfile', 'qtlockedfile_unix', 'qtsinglecoreapplication']}
    warns = [('comparison between signed and unsigned integer expressions [-Wsign-compare]', '    for (i = 0; i < len; i++) {', '                  ^'),
             ("variable ‘dp’ set but not used [-Wunused-but-set-variable]", '    struct hentry * dp = NULL;', '                    ^'),
             ("unused parameter ‘flags’ [-Wunused-parameter]", ' int AffixMgr::cpdcase_check(const char * word, int len, int flags)', '                                                                ^'),
             ("suggest parentheses around assignment used as truth value [-Wparentheses]", '        while (p = strchr(p, \',\')) {', '               ^'),
             ("enumeration value ‘CMARK_NODE_NONE’ not handled in switch [-Wswitch]", '  switch (node->type) {', '  ^'),
             ("‘len’ may be used uninitialized in this function [-Wmaybe-uninitialized]", '     int len;', '         ^'),
             ("array subscript has type ‘char’ [-Wchar-subscripts]", '      if (isspace(table[c])) {', '                        ^'),
             ("deprecated conversion from string constant to ‘char*’ [-Wwrite-strings]", '    char * enc = "ISO8859-1";', '                 ^')]
    for lib, files in third.items():
        L.ln(f'cd 3rdparty/{lib}/ && ( test -e Makefile || {Q}/bin/qmake {L.build_dir}/3rdparty/{lib}/{lib}.pro -o Makefile ) && make -f Makefile ')
        L.ln(f"make[1]: Entering directory `{L.build_dir}/3rdparty/{lib}'")
        for f in files:
            isc = lib in ('cmark', 'sqlite') or f in ('qioapi', 'unzip', 'zip', 'utf_info')
            comp = 'gcc -c -pipe -O2 -Wall -W -D_REENTRANT -fPIC -DQT_NO_DEBUG -DQT_CORE_LIB' if isc else cxx.replace('-I../core ', '')
            ext = 'c' if isc else 'cxx' if lib == 'hunspell' else 'cpp'
            L.ln(f'{comp} -I. -I{Q}/include -I{Q}/include/QtCore -I{Q}/mkspecs/linux-g++ -o {f}.o {f}.{ext}')
            nw = R.choice([0, 0, 1, 2, 3, 5, 8, 13]) if lib != 'sqlite' else 2
            if nw:
                fn = R.choice(['suggest', 'check_word', 'parse_file', 'S_process_line', 'cmark_parse_document', 'subject_find_special_char',
                               'unzOpenInternal', 'zipOpenNewFileInZip4_64', 'decode_flags', 'get_syllable', 'mystrsep'])
                L.ln(f'{f}.{ext}: In function ‘{fn}’:' if isc else f'{f}.{ext}: In member function ‘int {f.capitalize()}::{fn}(const char*, int)’:')
                for k in range(nw):
                    w = R.choice(warns)
                    L.ln(f'{f}.{ext}:{R.randint(20, 4000)}:{R.randint(3, 60)}: warning: {w[0]}')
                    L.ln(w[1])
                    L.ln(w[2])
        L.ln(f'rm -f lib{lib}.a')
        L.ln(f'ar cqs lib{lib}.a ' + ' '.join(f'{f}.o' for f in files))
        L.ln(f"make[1]: Leaving directory `{L.build_dir}/3rdparty/{lib}'")
    L.ln(f'cd src/core/ && ( test -e Makefile || {Q}/bin/qmake {L.build_dir}/src/core/core.pro -o Makefile ) && make -f Makefile ')
    L.ln(f"make[1]: Entering directory `{L.build_dir}/src/core'")
    core = QT_SOURCES['src/core']
    for s in core:
        L.ln(f'{cxx} -o {s}.o {s}.cpp')
        if R.random() < 0.35:
            L.ln(f"{s}.cpp: In member function ‘virtual void NoteKeeper::{s.capitalize()}::timerEvent(QTimerEvent*)’:")
            L.ln(f"{s}.cpp:{R.randint(30, 400)}:{R.randint(20, 60)}: warning: unused parameter ‘event’ [-Wunused-parameter]")
            L.ln(f' void {s.capitalize()}::timerEvent(QTimerEvent *event)')
            L.ln('                                               ^')
    for s in core:
        if R.random() < 0.5:
            L.ln(f'{Q}/bin/moc -DQT_NO_DEBUG_OUTPUT -DQT_NO_DEBUG -DQT_WIDGETS_LIB -DQT_GUI_LIB -DQT_SQL_LIB -DQT_NETWORK_LIB -DQT_CONCURRENT_LIB -DQT_CORE_LIB --include ./moc_predefs.h -I{Q}/mkspecs/linux-g++ -I{L.build_dir}/src/core -I{Q}/include -I{Q}/include/QtWidgets -I{Q}/include/QtGui -I{Q}/include/QtSql -I{Q}/include/QtNetwork -I{Q}/include/QtConcurrent -I{Q}/include/QtCore -I/usr/include/c++/4.8 -I/usr/include/x86_64-linux-gnu/c++/4.8 -I/usr/include/c++/4.8/backward -I/usr/lib/gcc/x86_64-linux-gnu/4.8/include -I/usr/local/include -I/usr/lib/gcc/x86_64-linux-gnu/4.8/include-fixed -I/usr/include/x86_64-linux-gnu -I/usr/include {s}.h -o moc_{s}.cpp')
            L.ln(f'{cxx} -o moc_{s}.o moc_{s}.cpp')
    L.ln(f'{Q}/bin/rcc -name core resources/core.qrc -o qrc_core.cpp')
    L.ln(f'{cxx} -o qrc_core.o qrc_core.cpp')
    L.ln('rm -f libnotekeeper-core.a')
    L.ln('ar cqs libnotekeeper-core.a ' + ' '.join(f'{s}.o' for s in core) + ' qrc_core.o')
    L.ln(f"make[1]: Leaving directory `{L.build_dir}/src/core'")
    L.ln(f'cd src/app/ && ( test -e Makefile || {Q}/bin/qmake {L.build_dir}/src/app/app.pro -o Makefile ) && make -f Makefile ')
    L.ln(f"make[1]: Entering directory `{L.build_dir}/src/app'")
    app = QT_SOURCES['src/app']
    for s in app:
        if s in ('mainwindow', 'preferencesdialog', 'aboutdialog', 'exportdialog', 'importdialog', 'findreplacedialog',
                 'conflictdialog', 'reminderdialog', 'historydialog', 'shortcutsdialog'):
            L.ln(f'{Q}/bin/uic {s}.ui -o ui_{s}.h')
    for s in app:
        L.ln(f'{cxx} -o {s}.o {s}.cpp')
        if s == 'mainwindow':
            with L.mark('E'):
                L.ln('mainwindow.cpp: In member function ‘void MainWindow::setupSortCombo()’:')
                L.ln('mainwindow.cpp:214:13: error: ‘QOverload’ was not declared in this scope')
                L.ln('             QOverload<int>::of(&QComboBox::currentIndexChanged),')
                L.ln('             ^')
                L.ln('mainwindow.cpp:214:23: error: expected primary-expression before ‘int’')
                L.ln('             QOverload<int>::of(&QComboBox::currentIndexChanged),')
                L.ln('                       ^')
            L.ln('mainwindow.cpp:214:23: error: expected ‘)’ before ‘int’')
            L.ln('mainwindow.cpp: In member function ‘void MainWindow::closeEvent(QCloseEvent*)’:')
            L.ln('mainwindow.cpp:388:39: warning: unused parameter ‘event’ [-Wunused-parameter]')
            L.ln(' void MainWindow::closeEvent(QCloseEvent *event)')
            L.ln('                                       ^')
            L.ln('make[1]: *** [mainwindow.o] Error 1', 'C')
            L.ln('make[1]: *** Waiting for unfinished jobs....')
            break
    L.ln(f"make[1]: Leaving directory `{L.build_dir}/src/app'")
    L.ln('make: *** [sub-src-app-make_first-ordered] Error 2', 'C')
    L.end(h, rc=2, dur=612.0)
    L.done(1)
    return 'cpp-qmake-make-qt56', L, dict(ecosystem='cpp', ci='travis', tool='qmake + make (g++ 4.8)', failure_kind='build')
