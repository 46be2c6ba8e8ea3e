from gen_common import *

CASES = []


def case(f):
    CASES.append(f)
    return f


# ---------------------------------------------------------------------------
def objc_setup(L, ruby='2.4.4'):
    L.ln('$ export LANG=en_US.UTF-8')
    L.fold_start('rvm')
    h = L.start(f'rvm use {ruby} --install --binary --fuzzy')
    L.ln(f'Using /Users/travis/.rvm/gems/ruby-{ruby}')
    L.end(h, announce=None)
    L.fold_end('rvm')
    L.ln('$ export BUNDLE_GEMFILE=$PWD/Gemfile')
    L.ln('$ ruby --version')
    L.ln(f'ruby {ruby}p296 (2018-03-28 revision 63013) [x86_64-darwin17]')
    L.ln('$ rvm --version')
    L.ln('rvm 1.29.4 (latest) by Michal Papis, Piotr Kuczynski, Wayne E. Seguin [https://rvm.io]')
    L.ln('$ bundle --version')
    L.ln('Bundler version 1.16.2')
    L.ln('$ gem --version')
    L.ln('2.7.7')
    L.ln('$ xcodebuild -version -sdk')
    for l in ['iPhoneOS11.4.sdk - iOS 11.4 (iphoneos11.4)', 'SDKVersion: 11.4',
              'Path: /Applications/Xcode.app/Contents/Developer/Platforms/iPhoneOS.platform/Developer/SDKs/iPhoneOS11.4.sdk',
              'PlatformVersion: 11.4', 'PlatformPath: /Applications/Xcode.app/Contents/Developer/Platforms/iPhoneOS.platform',
              'ProductBuildVersion: 15F79', 'ProductCopyright: 1983-2018 Apple Inc.', 'ProductName: iPhone OS', 'ProductVersion: 11.4', '',
              'iPhoneSimulator11.4.sdk - Simulator - iOS 11.4 (iphonesimulator11.4)', 'SDKVersion: 11.4',
              'Path: /Applications/Xcode.app/Contents/Developer/Platforms/iPhoneSimulator.platform/Developer/SDKs/iPhoneSimulator11.4.sdk',
              'PlatformVersion: 11.4', 'PlatformPath: /Applications/Xcode.app/Contents/Developer/Platforms/iPhoneSimulator.platform',
              'ProductBuildVersion: 15F79', 'ProductCopyright: 1983-2018 Apple Inc.', 'ProductName: iPhone OS', 'ProductVersion: 11.4', '',
              'MacOSX10.13.sdk - macOS 10.13 (macosx10.13)', 'SDKVersion: 10.13',
              'Path: /Applications/Xcode.app/Contents/Developer/Platforms/MacOSX.platform/Developer/SDKs/MacOSX10.13.sdk',
              'PlatformVersion: 1.1', 'PlatformPath: /Applications/Xcode.app/Contents/Developer/Platforms/MacOSX.platform',
              'ProductBuildVersion: 17E189', 'ProductCopyright: 1983-2018 Apple Inc.', 'ProductName: Mac OS X',
              'ProductUserVisibleVersion: 10.13.4', 'ProductVersion: 10.13.4', '',
              'Xcode 9.4.1', 'Build version 9F2000']:
        L.ln(l)
    L.ln('$ xcrun simctl list devicetypes')
    for d in ['iPhone 4s', 'iPhone 5', 'iPhone 5s', 'iPhone 6', 'iPhone 6 Plus', 'iPhone 6s', 'iPhone 6s Plus', 'iPhone 7',
              'iPhone 7 Plus', 'iPhone 8', 'iPhone 8 Plus', 'iPhone SE', 'iPhone X', 'iPad 2', 'iPad Retina', 'iPad Air',
              'iPad Air 2', 'iPad (5th generation)', 'iPad Pro (9.7-inch)', 'iPad Pro (12.9-inch)']:
        L.ln(f'{d} (com.apple.CoreSimulator.SimDeviceType.{d.replace(" ", "-").replace("(", "").replace(")", "")})')
    L.ln('$ pod --version')
    L.ln('1.5.3')


def xcpretty_compile(L, files, target):
    for f in files:
        L.ln(f'▸ Compiling {f}')
    L.ln(f'▸ Building library lib{target}.a')


@case
def objc_xcodebuild_xctest():
    L = Travis(101, 'lnikkila', 'LNRefreshKit', 'objective-c', osx=True, year=2018)
    L.worker_info()
    L.system_info()
    L.checkout()
    L.env_vars([('LC_CTYPE', 'en_US.UTF-8'), ('LANG', 'en_US.UTF-8')])
    objc_setup(L)
    L.fold_start('install.cocoapods')
    L.ln(col('33;1', 'Installing Pods with \'pod install\''))
    L.ln('$ pushd Example')
    L.ln('~/build/lnikkila/LNRefreshKit/Example ~/build/lnikkila/LNRefreshKit')
    h = L.start('pod install')
    for l in ['Analyzing dependencies', 'Fetching podspec for `LNRefreshKit` from `../`', 'Downloading dependencies',
              'Installing Expecta (1.0.6)', 'Installing LNRefreshKit (0.9.2)', 'Installing OCMock (3.4.2)', 'Installing Specta (1.0.7)',
              'Generating Pods project', 'Integrating client project', 'Sending stats',
              'Pod installation complete! There are 4 dependencies from the Podfile and 4 total pods installed.', '',
              '[!] Automatically assigning platform `ios` with version `9.0` on target `LNRefreshKit_Example` because no platform was specified. Please specify a platform for this target in your Podfile. See `https://guides.cocoapods.org/syntax/podfile.html#platform`.']:
        L.ln(l)
    L.end(h, dur=38.2, announce=None)
    L.ln('$ popd')
    L.ln('~/build/lnikkila/LNRefreshKit')
    L.fold_end('install.cocoapods')
    L.raw('\n')
    cmd = ("set -o pipefail && xcodebuild test -enableCodeCoverage YES -workspace Example/LNRefreshKit.xcworkspace "
           "-scheme LNRefreshKit-Example -sdk iphonesimulator11.4 -destination 'platform=iOS Simulator,name=iPhone 8,OS=11.4' "
           "ONLY_ACTIVE_ARCH=NO | xcpretty -c")
    h = L.start(cmd)
    L.ln('▸ Check Dependencies')
    L.ln("▸ Running script '[CP] Check Pods Manifest.lock'")
    xcpretty_compile(L, ['EXPExpect.m', 'EXPBlockDefinedMatcher.m', 'EXPDoubleTuple.m', 'EXPFloatTuple.m', 'EXPUnsupportedObject.m',
                         'EXPMatchers+beCloseTo.m', 'EXPMatchers+beFalsy.m', 'EXPMatchers+beGreaterThan.m', 'EXPMatchers+beIdenticalTo.m',
                         'EXPMatchers+beInTheRangeOf.m', 'EXPMatchers+beKindOf.m', 'EXPMatchers+beNil.m', 'EXPMatchers+contain.m',
                         'EXPMatchers+equal.m', 'EXPMatchers+haveCountOf.m', 'EXPMatchers+notify.m', 'EXPMatchers+raise.m',
                         'EXPMatchers+raiseWithReason.m', 'EXPMatchers+respondTo.m', 'NSValue+Expecta.m', 'Expecta-dummy.m'], 'Expecta')
    xcpretty_compile(L, ['LNRefreshControl.m', 'LNRefreshView.m', 'LNRefreshStateMachine.m', 'UIScrollView+LNRefresh.m',
                         'LNRefreshKit-dummy.m'], 'LNRefreshKit')
    L.ln('⚠️  /Users/travis/build/lnikkila/LNRefreshKit/LNRefreshKit/Classes/LNRefreshControl.m:117:30: \'automaticallyAdjustsScrollViewInsets\' is deprecated: first deprecated in iOS 11.0 - Use UIScrollView\'s contentInsetAdjustmentBehavior instead [-Wdeprecated-declarations]')
    L.ln()
    L.ln('    if (self.viewController.automaticallyAdjustsScrollViewInsets) {')
    L.ln('                            ^')
    L.ln()
    xcpretty_compile(L, ['OCMArg.m', 'OCMArgAction.m', 'OCMBlockArgCaller.m', 'OCMBlockCaller.m', 'OCMBoxedReturnValueProvider.m',
                         'OCMConstraint.m', 'OCMExceptionReturnValueProvider.m', 'OCMExpectationRecorder.m', 'OCMFunctions.m',
                         'OCMIndirectReturnValueProvider.m', 'OCMInvocationExpectation.m', 'OCMInvocationMatcher.m',
                         'OCMInvocationStub.m', 'OCMLocation.m', 'OCMMacroState.m', 'OCMObserverRecorder.m',
                         'OCMPassByRefSetter.m', 'OCMRealObjectForwarder.m', 'OCMRecorder.m', 'OCMStubRecorder.m',
                         'OCMVerifier.m', 'OCMockObject.m', 'OCObserverMockObject.m', 'OCPartialMockObject.m',
                         'OCProtocolMockObject.m', 'OCClassMockObject.m', 'NSInvocation+OCMAdditions.m',
                         'NSMethodSignature+OCMAdditions.m', 'NSNotificationCenter+OCMAdditions.m', 'NSObject+OCMAdditions.m',
                         'NSValue+OCMAdditions.m', 'OCMock-dummy.m'], 'OCMock')
    L.ln('⚠️  /Users/travis/build/lnikkila/LNRefreshKit/Example/Pods/OCMock/Source/OCMock/OCMFunctions.m:335:5: \'OSAtomicIncrement32\' is deprecated: first deprecated in iOS 10.0 - Use atomic_fetch_add_explicit(memory_order_relaxed) from <stdatomic.h> instead [-Wdeprecated-declarations]')
    L.ln()
    L.ln('    OSAtomicIncrement32(&count);')
    L.ln('    ^')
    L.ln()
    xcpretty_compile(L, ['SPTCallSite.m', 'SPTCompiledExample.m', 'SPTExample.m', 'SPTExampleGroup.m', 'SPTExcludeGlobalBeforeAfterEach.m',
                         'SPTGlobalBeforeAfterEach.m', 'SPTSharedExampleGroups.m', 'SPTSpec.m', 'SPTTestSuite.m',
                         'SpectaDSL.m', 'SpectaUtility.m', 'XCTest+Private.m', 'XCTestCase+Specta.m', 'Specta-dummy.m'], 'Specta')
    L.ln('▸ Processing Info.plist')
    L.ln('▸ Compiling main.m')
    L.ln('▸ Compiling LNAppDelegate.m')
    L.ln('▸ Compiling LNViewController.m')
    L.ln('▸ Linking LNRefreshKit_Example')
    L.ln('▸ Compiling LaunchScreen.storyboard')
    L.ln('▸ Compiling Main.storyboard')
    L.ln('▸ Copying Images.xcassets')
    L.ln("▸ Running script '[CP] Embed Pods Frameworks'")
    L.ln("▸ Generating 'LNRefreshKit_Example.app.dSYM'")
    L.ln('▸ Touching LNRefreshKit_Example.app')
    L.ln('▸ Signing /Users/travis/Library/Developer/Xcode/DerivedData/LNRefreshKit-fqhbswlujqhhwnbbtvqkuwxfdgtk/Build/Products/Debug-iphonesimulator/LNRefreshKit_Example.app')
    L.ln('▸ Processing Tests-Info.plist')
    for f in ['LNRefreshControlSpec.m', 'LNRefreshStateMachineSpec.m', 'LNRefreshViewTests.m', 'UIScrollViewRefreshSpec.m']:
        L.ln(f'▸ Compiling {f}')
    L.ln('▸ Linking LNRefreshKit_Tests')
    L.ln("▸ Running script '[CP] Embed Pods Frameworks'")
    L.ln('▸ Touching LNRefreshKit_Tests.xctest')
    L.ln('All tests')
    L.ln('Test Suite LNRefreshKit_Tests.xctest started')
    ok = lambda n, t: L.ln(f'    {green("✓")} {n} ({t:.3f} seconds)')
    L.ln('LNRefreshControlSpec')
    for n in ['LNRefreshControl_when_added_to_a_scroll_view_should_install_the_refresh_view',
              'LNRefreshControl_when_added_to_a_scroll_view_should_observe_content_offset',
              'LNRefreshControl_when_pulled_past_threshold_should_begin_refreshing',
              'LNRefreshControl_when_pulled_past_threshold_should_send_value_changed',
              'LNRefreshControl_when_pulled_less_than_threshold_should_not_begin_refreshing',
              'LNRefreshControl_when_ending_refreshing_should_reset_state_to_idle']:
        ok(n, L.R.uniform(0.001, 0.05))
    fail_name = 'LNRefreshControl_when_content_inset_is_adjusted_should_restore_original_inset_after_ending'
    fail_msg = 'expected: {0, 0, 0, 0}, got: {64, 0, 0, 0}'
    L.ln(f'    {red("✗")} {fail_name}, {red(fail_msg)}', 'E')
    for n in ['LNRefreshControl_when_removed_from_superview_should_stop_observing',
              'LNRefreshControl_when_removed_from_superview_should_not_crash_on_late_KVO']:
        ok(n, L.R.uniform(0.001, 0.05))
    L.ln('LNRefreshStateMachineSpec')
    for n in ['LNRefreshStateMachine_should_start_idle', 'LNRefreshStateMachine_should_transition_idle_to_pulling',
              'LNRefreshStateMachine_should_transition_pulling_to_refreshing', 'LNRefreshStateMachine_should_reject_refreshing_to_pulling',
              'LNRefreshStateMachine_should_notify_delegate_on_error_transition',
              'LNRefreshStateMachine_should_recover_from_failed_state']:
        ok(n, L.R.uniform(0.0005, 0.01))
    L.ln('LNRefreshViewTests')
    for n in ['testArrowRotatesWhenPulling', 'testErrorStateShowsRetryLabel', 'testFailedLoadDisplaysErrorMessage',
              'testIntrinsicContentSize', 'testLayoutWithSafeAreaInsets', 'testProgressClampsToUnitInterval',
              'testSpinnerHiddenWhenIdle', 'testTintColorPropagatesToSubviews']:
        ok(n, L.R.uniform(0.0005, 0.03))
    L.ln('UIScrollViewRefreshSpec')
    for n in ['UIScrollView_LNRefresh_should_lazily_create_the_control', 'UIScrollView_LNRefresh_should_return_the_same_control',
              'UIScrollView_LNRefresh_should_support_removing_the_control', 'UIScrollView_LNRefresh_should_forward_begin_refreshing',
              'UIScrollView_LNRefresh_should_forward_end_refreshing', 'UIScrollView_LNRefresh_should_handle_nil_target']:
        ok(n, L.R.uniform(0.0005, 0.03))
    L.ln()
    L.ln()
    L.ln('LNRefreshControlSpec', 'E')
    L.ln(f'  {fail_name}, {red(fail_msg)}', 'E')
    L.ln(f'  {cyan("/Users/travis/build/lnikkila/LNRefreshKit/Example/Tests/LNRefreshControlSpec.m:142")}', 'E')
    L.ln('  ```', 'E')
    L.ln('                expect(scrollView.contentInset).to.equal(UIEdgeInsetsZero);', 'E')
    L.ln('  ```', 'E')
    L.ln()
    L.ln()
    L.ln(red('\t Executed 29 tests, with 1 failure (0 unexpected) in 0.412 (0.466) seconds'), 'C')
    L.ln()
    L.end(h, rc=65, dur=214.4)
    L.done(1)
    return 'objc-xcodebuild-xcpretty-specta', L, dict(ecosystem='objective-c', ci='travis', tool='xcodebuild+xcpretty', failure_kind='test')


@case
def objc_pod_lib_lint():
    L = Travis(102, 'pjechris', 'PJKeychain', 'objective-c', osx=True, year=2018, pr=57)
    L.worker_info()
    L.system_info()
    L.checkout()
    objc_setup(L)
    h = L.start('gem install cocoapods --pre --no-rdoc --no-ri --no-document --quiet', fold='before_install.1')
    L.ln('Successfully installed cocoapods-core-1.6.0.beta.1')
    L.ln('Successfully installed cocoapods-downloader-1.2.2')
    L.ln('Successfully installed cocoapods-1.6.0.beta.1')
    L.ln('3 gems installed')
    L.end(h, dur=31.4, announce=None)
    L.raw('\n')
    h = L.start('pod repo update --silent', fold='before_install.2')
    L.end(h, dur=61.0, announce=None)
    L.raw('\n')
    cmd = ("set -o pipefail && xcodebuild test -workspace Example/PJKeychain.xcworkspace -scheme PJKeychain-Example "
           "-destination 'platform=iOS Simulator,name=iPhone 7,OS=11.4' ONLY_ACTIVE_ARCH=NO | xcpretty")
    h = L.start(cmd)
    L.ln('▸ Check Dependencies')
    for f in ['PJKeychain-dummy.m', 'PJKeychainItem.m', 'PJKeychainQuery.m', 'PJKeychainError.m', 'PJKeychain.m']:
        L.ln(f'▸ Compiling {f}')
    L.ln('▸ Building library libPJKeychain.a')
    L.ln('▸ Compiling main.m')
    L.ln('▸ Compiling PJAppDelegate.m')
    L.ln('▸ Linking PJKeychain_Example')
    L.ln('▸ Compiling PJKeychainItemTests.m')
    L.ln('▸ Compiling PJKeychainQueryTests.m')
    L.ln('▸ Compiling PJKeychainErrorTests.m')
    L.ln('▸ Linking PJKeychain_Tests')
    L.ln('All tests')
    L.ln('Test Suite PJKeychain_Tests.xctest started')
    for cls, tests in [('PJKeychainErrorTests', ['testErrorDomain', 'testErrorFromOSStatusDuplicateItem', 'testErrorFromOSStatusItemNotFound', 'testUnknownErrorCodeHasDescription']),
                       ('PJKeychainItemTests', ['testDeleteMissingItemReturnsNotFoundError', 'testSaveAndLoadPassword', 'testSaveOverwritesExisting', 'testAccessibilityDefaults']),
                       ('PJKeychainQueryTests', ['testQueryDictionaryIncludesService', 'testQueryDictionaryIncludesAccessGroup', 'testFetchAllReturnsEmptyArray', 'testSynchronizableAny'])]:
        L.ln(cls)
        for t in tests:
            L.ln(f'    ✓ {t} ({L.R.uniform(0.001, 0.08):.3f} seconds)')
    L.ln()
    L.ln()
    L.ln('\t Executed 12 tests, with 0 failures (0 unexpected) in 0.218 (0.240) seconds')
    L.ln()
    L.end(h, dur=142.3)
    h = L.start('pod lib lint --allow-warnings')
    L.ln()
    L.ln(' -> PJKeychain (2.1.0)', 'C')
    L.ln(f'    - {yellow("WARN")}  | summary: The summary is not meaningful.')
    L.ln(f'    - {yellow("WARN")}  | [iOS] license: Unable to find a license file')
    L.ln(f'    - {red("ERROR")} | xcodebuild: Returned an unsuccessful exit code. You can use `--verbose` for more information.', 'E')
    L.ln(f"    - {red('ERROR')} | [iOS] xcodebuild:  PJKeychain/PJKeychain/Classes/PJKeychainQuery.m:11:9: fatal error: 'PJKeychainQuery+Private.h' file not found", 'E')
    L.ln(f"    - NOTE  | [iOS] xcodebuild:  PJKeychain/PJKeychain/Classes/PJKeychain.m:14:9: note: did not find header 'PJKeychainQuery+Private.h' in framework 'PJKeychain' (loaded from '/Users/travis/Library/Developer/Xcode/DerivedData/App-gnvgfwxzmdbsesfcqgbmldxtvjtu/Build/Products/Release-iphonesimulator/PJKeychain')")
    L.ln(f"    - {yellow('WARN')}  | [iOS] xcodebuild:  PJKeychain/PJKeychain/Classes/PJKeychainItem.m:88:25: warning: 'kSecAttrAccessibleAlways' is deprecated: first deprecated in iOS 12.0 - Use an accessibility level that provides some user protection, such as kSecAttrAccessibleAfterFirstUnlock [-Wdeprecated-declarations]")
    L.ln(f'    - NOTE  | [iOS] xcodebuild:  Security.framework/Headers/SecItem.h:340:31: note: \'kSecAttrAccessibleAlways\' has been explicitly marked deprecated here')
    L.ln()
    L.ln(red('[!] PJKeychain did not pass validation, due to 2 errors.'), 'E')
    L.ln('You can use the `--no-clean` option to inspect any issue.')
    L.end(h, rc=1, dur=96.1)
    L.done(1)
    return 'objc-cocoapods-lib-lint', L, dict(ecosystem='objective-c', ci='travis', tool='pod lib lint', failure_kind='build')


# ---------------------------------------------------------------------------
PERL_INC = """  %Config:
    archname=x86_64-linux
    installsitelib=/home/travis/perl5/perlbrew/perls/{v}/lib/site_perl/{full}
    installsitebin=/home/travis/perl5/perlbrew/perls/{v}/bin
    installman1dir=/home/travis/perl5/perlbrew/perls/{v}/man/man1
    installman3dir=/home/travis/perl5/perlbrew/perls/{v}/man/man3
    sitearchexp=/home/travis/perl5/perlbrew/perls/{v}/lib/site_perl/{full}/x86_64-linux
    sitelibexp=/home/travis/perl5/perlbrew/perls/{v}/lib/site_perl/{full}
    vendorarch=
    vendorlibexp=
    archlibexp=/home/travis/perl5/perlbrew/perls/{v}/lib/{full}/x86_64-linux
    privlibexp=/home/travis/perl5/perlbrew/perls/{v}/lib/{full}
  %ENV:
    PERL5LIB=
    PERL_LOCAL_LIB_ROOT=
    PERL_MB_OPT=
    PERL_MM_OPT=
  @INC:
    /home/travis/perl5/perlbrew/perls/{v}/lib/site_perl/{full}/x86_64-linux
    /home/travis/perl5/perlbrew/perls/{v}/lib/site_perl/{full}
    /home/travis/perl5/perlbrew/perls/{v}/lib/{full}/x86_64-linux
    /home/travis/perl5/perlbrew/perls/{v}/lib/{full}
    ."""


def perl_setup(L, v, full, sub):
    L.ln(f'$ perlbrew use {v}')
    L.ln('$ perl --version')
    L.ln()
    L.ln(f'This is perl 5, version {v.split(".")[1]}, subversion {sub} (v{full}) built for x86_64-linux')
    L.ln()
    L.ln(f'Copyright 1987-{2000 + int(v.split(".")[1]) - 9}, Larry Wall')
    L.ln()
    L.ln('Perl may be copied only under the terms of either the Artistic License or the')
    L.ln('GNU General Public License, which may be found in the Perl 5 source kit.')
    L.ln()
    L.ln('Complete documentation for Perl, including FAQ lists, should be found on')
    L.ln('this system using "man perl" or "perldoc perl".  If you have access to the')
    L.ln('Internet, point your browser at http://www.perl.org/, the Perl Home Page.')
    L.ln()
    L.ln('$ cpanm --version')
    L.ln('cpanm (App::cpanminus) version 1.7044 (/home/travis/perl5/perlbrew/bin/cpanm)')
    L.ln(f'perl version 5.0{v.split(".")[1]}00{sub} (/home/travis/perl5/perlbrew/perls/{v}/bin/perl)')
    L.ln()
    for l in PERL_INC.format(v=v, full=full).split('\n'):
        L.ln(l)


PERL_DISTS = [('Try-Tiny', '0.30', 'E/ET/ETHER'), ('Module-Runtime', '0.016', 'Z/ZE/ZEFRAM'), ('Sub-Quote', '2.005001', 'H/HA/HAARG'),
              ('Role-Tiny', '2.000006', 'H/HA/HAARG'), ('Class-Method-Modifiers', '2.12', 'E/ET/ETHER'),
              ('Devel-GlobalDestruction', '0.14', 'H/HA/HAARG'), ('Moo', '2.003004', 'H/HA/HAARG'),
              ('Test-Fatal', '0.014', 'R/RJ/RJBS'), ('Test-Deep', '1.128', 'R/RJ/RJBS'), ('Text-CSV', '1.97', 'I/IS/ISHIGAKI'),
              ('Test-Warnings', '0.026', 'E/ET/ETHER'), ('Capture-Tiny', '0.48', 'D/DA/DAGOLDEN'), ('Path-Tiny', '0.106', 'D/DA/DAGOLDEN'),
              ('File-Temp', '0.2308', 'E/ET/ETHER'), ('Test-Differences', '0.64', 'D/DC/DCANTRELL'), ('Text-Diff', '1.45', 'N/NE/NEILB'),
              ('Algorithm-Diff', '1.1903', 'T/TY/TYEMQ'), ('Data-Dumper-Concise', '2.023', 'E/ET/ETHER'),
              ('Scalar-List-Utils', '1.50', 'P/PE/PEVANS'), ('namespace-clean', '0.27', 'R/RI/RIBASUSHI'),
              ('B-Hooks-EndOfScope', '0.24', 'E/ET/ETHER'), ('Package-Stash', '0.37', 'D/DO/DOY'),
              ('Variable-Magic', '0.62', 'V/VP/VPIT'), ('Sub-Exporter-Progressive', '0.001013', 'F/FR/FREW')]


@case
def perl_make_test_testmore():
    L = Travis(201, 'szabgab', 'Text-Tabular-Lite', 'perl', dist='trusty', year=2018)
    L.worker_info()
    L.system_info()
    L.checkout()
    L.env_vars([('RELEASE_TESTING', '1'), ('AUTHOR_TESTING', '0')])
    perl_setup(L, '5.26', '5.26.1', '1')
    h = L.start('cpanm --quiet --installdeps --notest .', fold='install')
    for d, v, a in PERL_DISTS:
        L.ln(f'Successfully installed {d}-{v}')
    L.ln(f'{len(PERL_DISTS)} distributions installed')
    L.end(h, dur=88.0, announce=None)
    L.raw('\n')
    h = L.start('perl Makefile.PL && make test')
    L.ln('Checking if your kit is complete...')
    L.ln('Looks good')
    L.ln('Generating a Unix-style Makefile')
    L.ln('Writing Makefile for Text::Tabular::Lite')
    L.ln('Writing MYMETA.yml and MYMETA.json')
    for m in ['Lite.pm', 'Lite/Parser.pm', 'Lite/Writer.pm', 'Lite/Dialect.pm', 'Lite/Error.pm']:
        L.ln(f'cp lib/Text/Tabular/{m} blib/lib/Text/Tabular/{m}')
    L.ln('Manifying 3 pod documents')
    L.ln('PERL_DL_NONLAZY=1 "/home/travis/perl5/perlbrew/perls/5.26/bin/perl" "-MExtUtils::Command::MM" "-MTest::Harness" "-e" "undef *Test::Harness::Switches; test_harness(0, \'blib/lib\', \'blib/arch\')" t/*.t')
    L.ln('t/00-load.t ............ 1/? # Testing Text::Tabular::Lite 0.07, Perl 5.026001, /home/travis/perl5/perlbrew/perls/5.26/bin/perl')
    L.ln('t/00-load.t ............ ok')
    L.ln('t/01-dialect.t ......... ok')
    L.ln('t/02-parse.t ........... 1/? ')
    with L.mark('E'):
        L.ln("#   Failed test 'escaped delimiter inside quoted field'")
        L.ln('#   at t/02-parse.t line 47.')
        L.ln('#     Structures begin differing at:')
        L.ln("#          $got->[0][1] = 'b\\'")
        L.ln("#     $expected->[0][1] = 'b,c'")
    L.ln('# Looks like you failed 1 test of 31.')
    L.ln('t/02-parse.t ........... Dubious, test returned 1 (wstat 256, 0x100)', 'C')
    L.ln('Failed 1/31 subtests ')
    L.ln('t/03-write.t ........... ok')
    L.ln('t/04-roundtrip.t ....... ok')
    L.ln('t/05-errors.t .......... 1/? Use of uninitialized value $sep in string eq at blib/lib/Text/Tabular/Lite/Dialect.pm line 142.')
    L.ln('t/05-errors.t .......... ok')
    L.ln('t/06-unicode.t ......... ok')
    L.ln('t/07-large.t ........... skipped: set TEST_LARGE to run')
    L.ln('t/author-pod-syntax.t .. skipped: these tests are for testing by the author')
    L.ln()
    L.ln('Test Summary Report', 'C')
    L.ln('-------------------', 'C')
    L.ln('t/02-parse.t         (Wstat: 256 Tests: 31 Failed: 1)', 'C')
    L.ln('  Failed test:  17', 'C')
    L.ln('  Non-zero exit status: 1', 'C')
    L.ln('Files=10, Tests=187,  2 wallclock secs ( 0.06 usr  0.02 sys +  1.71 cusr  0.18 csys =  1.97 CPU)')
    L.ln('Result: FAIL', 'C')
    L.ln('Failed 1/10 test programs. 1/187 subtests failed.')
    L.ln("Makefile:866: recipe for target 'test_dynamic' failed")
    L.ln('make: *** [test_dynamic] Error 255')
    L.end(h, rc=2, dur=9.3)
    L.done(1)
    return 'perl-make-test-testmore', L, dict(ecosystem='perl', ci='travis', tool='make test (Test::Harness/Test::More)', failure_kind='test')


@case
def perl_cpanm_install_failure():
    L = Travis(202, 'brianmed', 'Mojo-Pg-Queue', 'perl', dist='trusty', year=2018, when=1531828100)
    L.worker_info()
    L.system_info()
    L.services(['postgresql'])
    L.checkout()
    perl_setup(L, '5.24', '5.24.4', '4')
    dists = PERL_DISTS[:8] + [('IO-Socket-SSL', '2.058', 'S/SU/SULLR'), ('Mojolicious', '7.88', 'S/SR/SRI'),
                              ('DBI', '1.641', 'T/TI/TIMB'), ('SQL-Abstract', '1.85', 'I/IL/ILMARI'),
                              ('Hash-Merge', '0.300', 'R/RE/REHSACK'), ('Clone-Choose', '0.010', 'H/HE/HERMES'),
                              ('Text-Balanced', '2.03', 'S/SH/SHAY'), ('MRO-Compat', '0.13', 'H/HA/HAARG')]
    cmd = 'cpanm --quiet --installdeps --notest . || { cat ~/.cpanm/build.log; false; }'
    h = L.start(cmd, fold='install')
    for d, v, a in dists:
        L.ln(f'Successfully installed {d}-{v}')
    work = '/home/travis/.cpanm/work/1531828412.4021'
    L.ln(f'! Configure failed for DBD-Pg-3.7.4. See {work}/build.log for details.', 'E')
    L.ln("! Installing the dependencies failed: Module 'DBD::Pg' is not installed", 'E')
    L.ln('! Bailing out the installation for Mojo-Pg-4.08.')
    L.ln("! Installing the dependencies failed: Module 'Mojo::Pg' is not installed, Module 'DBD::Pg' is not installed", 'E')
    L.ln('! Bailing out the installation for Mojo-Pg-Queue-0.04.')
    L.ln(f'{len(dists)} distributions installed')
    # build.log dump
    t = 1531828412
    L.ln(f'cpanm (App::cpanminus) 1.7044 on perl 5.024004 built for x86_64-linux')
    L.ln(f'Work directory is {work}')
    L.ln('You have make /usr/bin/make')
    L.ln('You have /usr/bin/wget')
    L.ln('You have /bin/tar: tar (GNU tar) 1.27.1')
    L.ln('Copyright (C) 2013 Free Software Foundation, Inc.')
    L.ln('License GPLv3+: GNU GPL version 3 or later <http://gnu.org/licenses/gpl.html>.')
    L.ln('This is free software: you are free to change and redistribute it.')
    L.ln('There is NO WARRANTY, to the extent permitted by law.')
    L.ln()
    L.ln('Written by John Gilmore and Jay Fenlason.')
    L.ln('You have /usr/bin/unzip')
    L.ln(f'Entering {L.build_dir}')
    L.ln('Checking configure dependencies from META.json')
    L.ln('Checking if you have ExtUtils::MakeMaker 6.58 ... Yes (7.24)')
    L.ln('Configuring ' + L.build_dir)
    L.ln('Running Makefile.PL')
    L.ln('Checking if your kit is complete...')
    L.ln('Looks good')
    L.ln('Warning: prerequisite Mojo::Pg 4.0 not found.')
    L.ln('Warning: prerequisite Mojolicious 7.60 not found.')
    L.ln('Generating a Unix-style Makefile')
    L.ln('Writing Makefile for Mojo::Pg::Queue')
    L.ln('Writing MYMETA.yml and MYMETA.json')
    L.ln('-> OK')
    L.ln('Checking dependencies from MYMETA.json ...')
    for d, v, a in dists:
        mod = d.replace('-', '::')
        L.ln(f'Checking if you have {mod} 0 ... No')
    for d, v, a in dists:
        mod = d.replace('-', '::')
        L.ln(f'Searching {mod} (0) on cpanmetadb ...')
        L.ln(f'--> Working on {mod}')
        L.ln(f'Fetching http://www.cpan.org/authors/id/{a}/{d}-{v}.tar.gz')
        L.ln('-> OK')
        L.ln(f'Unpacking {d}-{v}.tar.gz')
        n = L.R.randint(3, 9)
        L.ln(f'Entering {d}-{v}')
        L.ln('Checking configure dependencies from META.json')
        L.ln('Checking if you have ExtUtils::MakeMaker 0 ... Yes (7.24)')
        L.ln(f'Configuring {d}-{v}')
        L.ln('Running Makefile.PL')
        L.ln('Checking if your kit is complete...')
        L.ln('Looks good')
        L.ln('Generating a Unix-style Makefile')
        L.ln(f'Writing Makefile for {mod}')
        L.ln('Writing MYMETA.yml and MYMETA.json')
        L.ln('-> OK')
        L.ln('Checking dependencies from MYMETA.json ...')
        L.ln('Checking if you have ExtUtils::MakeMaker 0 ... Yes (7.24)')
        L.ln(f'Building {d}-{v}')
        base = d.split('-')[0]
        for i in range(n):
            L.ln(f'cp lib/{base}/{["Util", "Base", "Role", "Types", "Error", "Tiny", "Core", "Compat", "Helper"][i]}.pm blib/lib/{base}/{["Util", "Base", "Role", "Types", "Error", "Tiny", "Core", "Compat", "Helper"][i]}.pm')
        L.ln(f'Manifying {L.R.randint(1, n)} pod documents')
        L.ln('-> OK')
        L.ln(f'Successfully installed {d}-{v}')
        for i in range(n):
            L.ln(f'Installing /home/travis/perl5/perlbrew/perls/5.24/lib/site_perl/5.24.4/{base}/{["Util", "Base", "Role", "Types", "Error", "Tiny", "Core", "Compat", "Helper"][i]}.pm')
        L.ln(f'Installing /home/travis/perl5/perlbrew/perls/5.24/man/man3/{mod}.3')
        L.ln(f'Appending installation info to /home/travis/perl5/perlbrew/perls/5.24/lib/5.24.4/x86_64-linux/perllocal.pod')
    L.ln('Searching Mojo::Pg (4.0) on cpanmetadb ...')
    L.ln('--> Working on Mojo::Pg')
    L.ln('Fetching http://www.cpan.org/authors/id/S/SR/SRI/Mojo-Pg-4.08.tar.gz')
    L.ln('-> OK')
    L.ln('Unpacking Mojo-Pg-4.08.tar.gz')
    L.ln('Entering Mojo-Pg-4.08')
    L.ln('Checking configure dependencies from META.json')
    L.ln('Checking if you have ExtUtils::MakeMaker 0 ... Yes (7.24)')
    L.ln('Configuring Mojo-Pg-4.08')
    L.ln('Running Makefile.PL')
    L.ln('Checking if your kit is complete...')
    L.ln('Looks good')
    L.ln('Warning: prerequisite DBD::Pg 3.005001 not found.')
    L.ln('Generating a Unix-style Makefile')
    L.ln('Writing Makefile for Mojo::Pg')
    L.ln('Writing MYMETA.yml and MYMETA.json')
    L.ln('-> OK')
    L.ln('Checking dependencies from MYMETA.json ...')
    L.ln('Checking if you have Mojolicious 7.53 ... Yes (7.88)')
    L.ln('Checking if you have SQL::Abstract 1.81 ... Yes (1.85)')
    L.ln('Checking if you have DBD::Pg 3.005001 ... No')
    L.ln('==> Found dependencies: DBD::Pg')
    L.ln('Searching DBD::Pg (3.005001) on cpanmetadb ...')
    L.ln('--> Working on DBD::Pg')
    L.ln('Fetching http://www.cpan.org/authors/id/T/TU/TURNSTEP/DBD-Pg-3.7.4.tar.gz')
    L.ln('-> OK')
    L.ln('Unpacking DBD-Pg-3.7.4.tar.gz')
    L.ln('Entering DBD-Pg-3.7.4')
    L.ln('Checking configure dependencies from META.json')
    L.ln('Checking if you have DBI 1.614 ... Yes (1.641)')
    L.ln('Checking if you have version 0 ... Yes (0.9918)')
    L.ln('Configuring DBD-Pg-3.7.4')
    L.ln('Running Makefile.PL')
    L.ln('Configuring DBD::Pg 3.7.4')
    L.ln('Path to pg_config? ')
    L.ln('No POSTGRES_HOME defined, cannot find automatically', 'E')
    L.ln('-> N/A')
    L.ln(f'-> FAIL Configure failed for DBD-Pg-3.7.4. See {work}/build.log for details.', 'E')
    L.ln("-> FAIL Installing the dependencies failed: Module 'DBD::Pg' is not installed")
    L.ln('-> FAIL Bailing out the installation for Mojo-Pg-4.08.')
    L.ln("-> FAIL Installing the dependencies failed: Module 'Mojo::Pg' is not installed, Module 'DBD::Pg' is not installed")
    L.ln('-> FAIL Bailing out the installation for Mojo-Pg-Queue-0.04.')
    L.ln(f'{len(dists)} distributions installed')
    L.end(h, rc=1, dur=141.0, announce='setup')
    return 'perl-cpanm-installdeps-dbd-pg', L, dict(ecosystem='perl', ci='travis', tool='cpanm', failure_kind='dependency')


# ---------------------------------------------------------------------------
@case
def erlang_rebar3_eunit():
    L = Travis(301, 'leostera', 'hackney_mime', 'erlang', dist='trusty', year=2018, when=1531317600)
    L.worker_info()
    L.system_info()
    L.cache_fetch(['$HOME/.cache/rebar3'])
    L.checkout()
    L.fold_start('otp')
    h = L.start('source $HOME/otp/20.3/activate')
    L.end(h, announce=None)
    L.fold_end('otp')
    L.raw('\n')
    h = L.start('curl -O https://s3.amazonaws.com/rebar3/rebar3 && chmod +x rebar3', fold='install')
    curl_progress(L, '879k', '2134k')
    L.end(h, dur=1.2, announce=None)
    L.raw('\n')
    h = L.start('./rebar3 xref')
    L.ln('===> Verifying dependencies...')
    for p, v in [('parse_trans', '3.2.0'), ('idna', '5.1.1'), ('unicode_util_compat', '0.3.1')]:
        L.ln(f'===> Fetching {p} ({{pkg,<<"{p}">>,<<"{v}">>}})')
        L.ln(f'===> Downloaded package, caching at /home/travis/.cache/rebar3/hex/default/packages/{p}-{v}.tar')
    for p in ['unicode_util_compat', 'idna', 'parse_trans', 'hackney_mime']:
        L.ln(f'===> Compiling {p}')
    L.ln('===> Running cross reference analysis...')
    L.end(h, dur=11.0)
    h = L.start('./rebar3 eunit --cover')
    L.ln('===> Verifying dependencies...')
    L.ln('===> Compiling hackney_mime')
    L.ln('===> Performing EUnit tests...')
    L.ln('......................')
    L.ln('=ERROR REPORT==== 11-Jul-2018::14:02:31 ===')
    L.ln('** Generic server hackney_mime_cache terminating ')
    L.ln("** Last message in was {'EXIT',<0.241.0>,killed}")
    L.ln('** When Server state == {state,hackney_mime_cache,#Ref<0.1822370105.3512991745.120391>,')
    L.ln('                               1024}')
    L.ln('** Reason for termination == ')
    L.ln('** killed')
    L.ln('=CRASH REPORT==== 11-Jul-2018::14:02:31 ===')
    L.ln('  crasher:')
    L.ln('    initial call: hackney_mime_cache:init/1')
    L.ln('    pid: <0.242.0>')
    L.ln('    registered_name: hackney_mime_cache')
    L.ln('    exception exit: killed')
    L.ln('      in function  gen_server:decode_msg/9 (gen_server.erl, line 410)')
    L.ln('    ancestors: [<0.241.0>]')
    L.ln('    message_queue_len: 0')
    L.ln('    messages: []')
    L.ln('    links: []')
    L.ln('    dictionary: []')
    L.ln('    trap_exit: true')
    L.ln('    status: running')
    L.ln('    heap_size: 376')
    L.ln('    stack_size: 27')
    L.ln('    reductions: 190')
    L.ln('  neighbours:')
    L.ln('...........F.............................')
    L.ln('Failures:')
    L.ln()
    with L.mark('E'):
        L.ln('  1) hackney_mime_parse_tests:parse_params_test_/0: quoted parameter with escaped quote')
        L.ln('     Failure/Error: ?assertEqual([{<<"title">>,<<"a \\"b\\" c">>}],')
        L.ln('                                 hackney_mime:parse_params(<<"title=\\"a \\\\\\"b\\\\\\" c\\"">>))')
        L.ln('       expected: [{<<"title">>,<<"a \\"b\\" c">>}]')
        L.ln('            got: [{<<"title">>,<<"a \\\\">>},{<<"b\\\\\\"">>,<<>>}]')
        L.ln('     %% /home/travis/build/leostera/hackney_mime/test/hackney_mime_parse_tests.erl:58:in `hackney_mime_parse_tests:-parse_params_test_/0-fun-7-/0`')
    L.ln('     Output: ')
    L.ln('Finished in 0.342 seconds')
    L.ln('64 tests, 1 failures', 'C')
    L.ln(red('===> Error running tests'), 'C')
    L.end(h, rc=1, dur=6.4)
    h = L.start('./rebar3 dialyzer')
    L.ln('===> Verifying dependencies...')
    L.ln('===> Compiling hackney_mime')
    L.ln('===> Dialyzer starting, this may take a while...')
    L.ln('===> Updating plt...')
    L.ln('===> Resolving files...')
    L.ln('===> Checking 171 files in "/home/travis/build/leostera/hackney_mime/_build/default/rebar3_20.3_plt"...')
    L.ln('===> Doing success typing analysis...')
    L.ln('===> Resolving files...')
    L.ln('===> Analyzing 6 files with "/home/travis/build/leostera/hackney_mime/_build/default/rebar3_20.3_plt"...')
    L.end(h, dur=48.3)
    L.cache_store(['/home/travis/.cache/rebar3'])
    L.done(1)
    return 'erlang-rebar3-eunit', L, dict(ecosystem='erlang', ci='travis', tool='rebar3 eunit', failure_kind='test')


# ---------------------------------------------------------------------------
@case
def elm_make_type_mismatch():
    L = Travis(401, 'jhrcek', 'elm-kanban', 'node_js', dist='trusty', year=2018)
    L.worker_info()
    L.system_info()
    L.cache_fetch(['$HOME/.npm', 'elm-stuff/build-artifacts', 'tests/elm-stuff/build-artifacts', 'sysconfcpus'])
    L.checkout()
    node_setup(L, '8', '8.11.3', '5.6.0')
    h = L.start('npm install -g elm@0.18.0 elm-test@0.18.12 elm-format@0.7.0-exp', fold='install.1')
    nb = '/home/travis/.nvm/versions/node/v8.11.3'
    for b in ['elm', 'elm-make', 'elm-package', 'elm-reactor', 'elm-repl']:
        L.ln(f'{nb}/bin/{b} -> {nb}/lib/node_modules/elm/binwrappers/{b}')
    L.ln(f'{nb}/bin/elm-test -> {nb}/lib/node_modules/elm-test/bin/elm-test')
    L.ln(f'{nb}/bin/elm-format -> {nb}/lib/node_modules/elm-format/bin/elm-format')
    L.ln()
    L.ln(f'> elm@0.18.0 install {nb}/lib/node_modules/elm')
    L.ln('> node install.js')
    L.ln()
    L.ln('Downloading Elm binaries from https://dl.bintray.com/elmlang/elm-platform/0.18.0/linux-x64.tar.gz')
    L.ln()
    L.ln(f'> elm-format@0.7.0-exp install {nb}/lib/node_modules/elm-format')
    L.ln('> binwrap-install')
    L.ln()
    L.ln('+ elm-format@0.7.0-exp')
    L.ln('+ elm@0.18.0')
    L.ln('+ elm-test@0.18.12')
    L.ln('added 167 packages in 12.874s')
    L.end(h, dur=14.8, announce=None)
    h = L.start('elm-package install --yes', fold='install.2')
    pk = [('NoRedInk/elm-decode-pipeline', '3.0.0'), ('elm-community/list-extra', '7.1.0'), ('elm-lang/core', '5.1.1'),
          ('elm-lang/dom', '1.1.1'), ('elm-lang/html', '2.0.0'), ('elm-lang/http', '1.0.0'), ('elm-lang/navigation', '2.1.0'),
          ('elm-lang/virtual-dom', '2.0.4'), ('evancz/url-parser', '2.0.1'), ('rtfeldman/elm-css', '14.0.0'),
          ('Skinney/murmur3', '2.0.6'), ('rtfeldman/elm-css-util', '1.0.2'), ('rtfeldman/hex', '1.0.0')]
    L.ln('Some new packages are needed. Here is the upgrade plan.')
    L.ln()
    L.ln('  Install:')
    for p, v in sorted(pk):
        L.ln(f'    {p} {v}')
    L.ln()
    L.ln('Starting downloads...')
    L.ln()
    for p, v in L.R.sample(pk, len(pk)):
        L.ln(f'  ● {p} {v}')
    L.ln()
    L.ln('Packages configured successfully!')
    L.end(h, dur=9.4, announce=None)
    L.raw('\n')
    h = L.start('elm-format --validate src/ tests/')
    L.ln('[]')
    L.end(h, dur=0.6)
    h = L.start('elm-make --yes --warn src/Main.elm --output build/main.js')
    L.ln('=================================== WARNINGS ===================================')
    L.ln()
    L.ln(cyan('-- unused import ------------------------------------------ ./src/Page/Board.elm'))
    L.ln()
    L.ln('Module `Html.Events` is unused.')
    L.ln()
    L.ln('6| import Html.Events exposing (onClick, on)')
    L.ln(red('   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^'))
    L.ln("Best to remove it. Don't save code quality for later!")
    L.ln()
    L.ln(cyan('-- missing type annotation ------------------------------- ./src/Data/Card.elm'))
    L.ln()
    L.ln('Top-level value `decodeError` does not have a type annotation.')
    L.ln()
    L.ln('88| decodeError =')
    L.ln(red('    ^^^^^^^^^^^'))
    L.ln('I inferred the type annotation so you can copy it into your code:')
    L.ln()
    L.ln('decodeError : Decoder String')
    L.ln()
    L.ln('==================================== ERRORS ====================================')
    L.ln()
    with L.mark('E'):
        L.ln(cyan('-- TYPE MISMATCH ------------------------------------------ ./src/Page/Board.elm'))
        L.ln()
        L.ln('The 2nd argument to function `viewColumn` is causing a mismatch.')
        L.ln()
        L.ln('142|                 viewColumn model.dragging column')
        L.ln(red('                                          ^^^^^^'))
        L.ln('Function `viewColumn` is expecting the 2nd argument to be:')
        L.ln()
        L.ln('    Column')
        L.ln()
        L.ln('But it is:')
        L.ln()
        L.ln('    ( ColumnId, Column )')
    L.ln()
    L.ln('Hint: I always figure out the type of arguments from left to right. If an')
    L.ln('argument is acceptable when I check it, I assume it is "correct" in subsequent')
    L.ln('checks. So the problem may actually be in how previous arguments interact with')
    L.ln('the 2nd.')
    L.ln()
    L.ln()
    L.ln()
    L.ln('Detected errors in 1 module.', 'C')
    L.end(h, rc=1, dur=21.7)
    L.cache_store(['/home/travis/.npm', '/home/travis/build/jhrcek/elm-kanban/elm-stuff/build-artifacts'])
    L.done(1)
    return 'elm-make-type-mismatch', L, dict(ecosystem='elm', ci='travis', tool='elm-make 0.18', failure_kind='build')


@case
def elm_test_gha():
    L = GHA(402, 'kraklin', 'elm-iso-dates', date='2020-05-21', hour=9, bom=True)
    L.job_start()
    L.download_action('actions/checkout@v2')
    L.download_action('actions/setup-node@v1')
    L.download_action('actions/cache@v1')
    L.checkout()
    L.ln('Author: Tomas Latal <tomas@example.invalid>')
    L.ln('Date:   Thu May 21 11:02:13 2020 +0200')
    L.ln()
    L.ln('    Handle negative offsets in toTime')
    L.ln('##[group]Run actions/setup-node@v1')
    L.ln('with:')
    L.ln('  node-version: 12.x')
    L.ln('  always-auth: false')
    L.ln('##[endgroup]')
    L.ln('Found in cache @ /opt/hostedtoolcache/node/12.16.3/x64')
    L.ln('##[group]Run actions/cache@v1')
    L.ln('with:')
    L.ln('  path: ~/.elm')
    L.ln("  key: Linux-elm-5f3b0cf7a3b08f6f3a8e4c3e8b0b4e3f2d1c0b9a8e7f6d5c4b3a2918f7e6d5c4")
    L.ln('##[endgroup]')
    L.ln('Cache Size: ~2 MB (2146304 B)')
    L.ln('/bin/tar -xz -f /home/runner/work/_temp/1c9ea2c4-8a70-4a2b-8c83-1e7a2f4f9d3b/cache.tgz -C /home/runner/.elm')
    L.ln('Cache restored from key: Linux-elm-5f3b0cf7a3b08f6f3a8e4c3e8b0b4e3f2d1c0b9a8e7f6d5c4b3a2918f7e6d5c4')
    L.run_header(['npm ci'])
    L.ln()
    L.ln('> elm@0.19.1-3 install /home/runner/work/elm-iso-dates/elm-iso-dates/node_modules/elm')
    L.ln('> node install.js')
    L.ln()
    L.ln('-- Downloading Elm 0.19.1 -----------------------------------------------------')
    L.ln()
    L.ln('> elm-format@0.8.3 preinstall /home/runner/work/elm-iso-dates/elm-iso-dates/node_modules/elm-format')
    L.ln('> binwrap-prepare')
    L.ln()
    L.ln('> elm-format@0.8.3 install /home/runner/work/elm-iso-dates/elm-iso-dates/node_modules/elm-format')
    L.ln('> binwrap-install')
    L.ln()
    L.ln('added 162 packages in 6.214s')
    L.run_header(['npx elm-format --validate src tests'])
    L.ln('[]')
    L.run_header(['npx elm make src/Iso8601.elm --output=/dev/null'])
    L.ln('Starting downloads...')
    L.ln()
    for p in ['elm/core 1.0.5', 'elm/parser 1.1.0', 'elm/time 1.0.0', 'elm/json 1.1.3']:
        L.ln(f'  ● {p}')
    L.ln()
    L.raw(L.prefix() + 'Dependencies ready!\rCompiling ...\rSuccess! Compiled 3 modules.' + L.nl)
    L.ln()
    L.ln('    Iso8601 ───> /dev/null')
    L.ln()
    L.run_header(['npx elm-test'])
    L.ln('Compiling > Starting tests')
    L.ln()
    L.ln('elm-test 0.19.1-revision2')
    L.ln('-------------------------')
    L.ln()
    L.ln('Running 86 tests. To reproduce these results, run: elm-test --fuzz 100 --seed 280139284417436 /home/runner/work/elm-iso-dates/elm-iso-dates/tests/Iso8601Test.elm /home/runner/work/elm-iso-dates/elm-iso-dates/tests/ErrorsTest.elm')
    L.ln()
    L.ln()
    with L.mark('E'):
        L.ln('↓ Iso8601Test')
        L.ln('↓ toTime')
        L.ln(red('✗ handles negative UTC offsets across midnight'))
        L.ln()
        L.ln('    Ok 1590969600000')
        L.ln('    ╷')
        L.ln('    │ Expect.equal')
        L.ln('    ╵')
        L.ln('    Ok 1591056000000')
    L.ln()
    L.ln()
    L.ln()
    with L.mark('E'):
        L.ln('↓ Iso8601Test')
        L.ln('↓ fromString')
        L.ln(red('✗ rejects month 13'))
        L.ln()
        L.ln('    Ok (Posix 1609459200000)')
        L.ln('    ╷')
        L.ln('    │ Expect.err')
        L.ln('    ╵')
        L.ln('    Err _')
    L.ln()
    L.ln()
    L.ln()
    L.ln(col('1;31', 'TEST RUN FAILED'), 'C')
    L.ln()
    L.ln('Duration: 318 ms')
    L.ln('Passed:   84')
    L.ln('Failed:   2', 'C')
    L.ln()
    L.error_exit(1)
    L.post_checkout()
    L.cleanup()
    return 'elm-test-gha', L, dict(ecosystem='elm', ci='github', tool='elm-test', failure_kind='test')


# ---------------------------------------------------------------------------
def evm_cask_setup(L, emacs='emacs-25.3-travis'):
    h = L.start('curl -fsSkL https://gist.githubusercontent.com/rejeep/ebcd57c3af83b049833b/raw > travis.sh && source ./travis.sh', fold='before_install.1')
    curl_progress(L, '1171', '5433')
    L.ln("Cloning into '/home/travis/.evm'...")
    L.ln("Cloning into '/home/travis/.cask'...")
    L.end(h, dur=3.2, announce=None)
    L.raw('\n')
    h = L.start(f'evm install {emacs} --use --skip', fold='before_install.2')
    L.ln(f'Installing {emacs}...')
    L.ln(f'Downloading https://github.com/rejeep/evm/releases/download/v0.4.1/{emacs}.tar.gz...')
    L.ln('Extracting...')
    L.ln('Installation complete')
    L.ln(f'Using {emacs}')
    L.end(h, dur=8.9, announce=None)
    L.raw('\n')


@case
def elisp_cask_ert():
    L = Travis(501, 'cwillis', 'org-recur', 'generic', dist='trusty', year=2018, when=1531300300)
    L.worker_info()
    L.system_info()
    L.checkout()
    L.env_vars([('EVM_EMACS', 'emacs-25.3-travis')])
    evm_cask_setup(L)
    h = L.start('cask', fold='install')
    L.ln('Loading package information... Select coding system (default utf-8): ')
    L.ln('Package operations: 7 installs, 0 removals')
    for i, (p, v) in enumerate([('dash', '2.14.1'), ('s', '1.12.0'), ('f', '0.20.0'), ('org', '9.1.13'), ('ert-runner', '0.7.0'),
                                ('shut-up', '0.3.2'), ('undercover', '0.6.1')], 1):
        L.ln(f'  - Installing [ {i}/7] {p} ({v})... done')
    L.end(h, dur=22.0, announce=None)
    L.raw('\n')
    h = L.start('cask build')
    L.ln(f'Compiling {L.build_dir}/org-recur.el...')
    L.ln()
    L.ln('In org-recur--parse-unit:')
    L.ln("org-recur.el:142:14:Warning: ‘string-to-int’ is an obsolete function (as of")
    L.ln("    22.1); use ‘string-to-number’ instead.")
    L.ln()
    L.ln('In end of data:')
    L.ln("org-recur.el:310:1:Warning: the function ‘org-recur--legacy-error’ is not")
    L.ln('    known to be defined.')
    L.ln(f'Wrote {L.build_dir}/org-recur.elc')
    L.end(h, dur=2.1)
    h = L.start('cask exec emacs -batch -L . -l test/org-recur-test.el -f ert-run-tests-batch-and-exit')
    L.ln('Running 24 tests (2018-07-11 09:12:44+0000)')
    tests = ['org-recur-test-daily', 'org-recur-test-weekly', 'org-recur-test-monthly', 'org-recur-test-every-n-days',
             'org-recur-test-error-on-invalid-unit', 'org-recur-test-error-on-empty-string', 'org-recur-test-finish-task',
             'org-recur-test-finish-task-keeps-todo', 'org-recur-test-heading-p', 'org-recur-test-agenda-filter',
             'org-recur-test-nil-when-no-recurrence', 'org-recur-test-parse-plus', 'org-recur-test-parse-repeat-from-today',
             'org-recur-test-scheduled-only', 'org-recur-test-deadline-only', 'org-recur-test-both-timestamps',
             'org-recur-test-time-of-day', 'org-recur-test-weekday-single']
    for i, t in enumerate(tests, 1):
        L.ln(f'   passed  {i:2d}/24  {t}')
    ft = 'org-recur-test-weekday-list'
    L.ln(f'Test {ft} backtrace:')
    for bl in ['  signal(ert-test-failed (((should (equal (org-recur--next-date "Mon,Wed"',
               '  ert-fail(((should (equal (org-recur--next-date "Mon,Wed" (quote (7 1',
               '  (if (unwind-protect (setq value-2 (apply fn-0 args-1)) (setq form-de',
               '  (let (form-description-4) (if (unwind-protect (setq value-2 (apply f',
               "  (let ((value-2 (quote ert-form-evaluation-aborted-3))) (let (form-de",
               '  (let* ((fn-0 (function equal)) (args-1 (list (org-recur--next-date "',
               '  (lambda nil (let* ((fn-0 (function equal)) (args-1 (list (org-recur-',
               '  ert--run-test-internal(#s(ert--test-execution-info :test #s(ert-test',
               '  ert-run-test(#s(ert-test :name org-recur-test-weekday-list :document',
               '  ert-run-or-rerun-test(#s(ert--stats :selector t :tests [#s(ert-test ',
               '  ert-run-tests(t #f(compiled-function (event-type &rest event-args) #',
               '  ert-run-tests-batch(nil)',
               '  ert-run-tests-batch-and-exit()',
               '  command-line-1(("-L" "." "-l" "test/org-recur-test.el" "-f" "ert-run-',
               '  command-line()',
               '  normal-top-level()']:
        L.ln(bl)
    with L.mark('E'):
        L.ln(f'Test {ft} condition:')
        L.ln('    (ert-test-failed')
        L.ln('     ((should')
        L.ln('       (equal')
        L.ln('\t(org-recur--next-date "Mon,Wed" (quote (7 1 2018)))')
        L.ln("\t(quote (7 2 2018))))")
        L.ln('      :form')
        L.ln('      (equal')
        L.ln('       (7 4 2018)')
        L.ln('       (7 2 2018))')
        L.ln('      :value nil :explanation')
        L.ln('      (list-elt 1')
        L.ln('\t\t(different-atoms 4 2))))')
        L.ln(f'   FAILED  19/24  {ft}')
    for i, t in enumerate(['org-recur-test-weekday-with-time', 'org-recur-test-wkdy', 'org-recur-test-log-done',
                           'org-recur-test-error-message-mentions-heading', 'org-recur-test-undercover-sanity'], 20):
        L.ln(f'   passed  {i:2d}/24  {t}')
    L.ln()
    L.ln('Ran 24 tests, 23 results as expected, 1 unexpected (2018-07-11 09:12:45+0000)', 'C')
    L.ln()
    L.ln('1 unexpected results:', 'C')
    L.ln(f'   FAILED  {ft}', 'C')
    L.ln()
    L.end(h, rc=1, dur=1.4)
    L.done(1)
    return 'elisp-cask-ert-batch', L, dict(ecosystem='emacs-lisp', ci='travis', tool='cask + ert', failure_kind='test')
