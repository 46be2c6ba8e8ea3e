from gen_common import *

CASES = []


def case(f):
    CASES.append(f)
    return f


# ---------------------------------------------------------------------------
@case
def powershell_pester():
    L = Travis(601, 'kbatten', 'PSConfigMerge', 'csharp', dist='xenial', year=2019, when=1553100000)
    L.worker_info()
    L.system_info()
    L.checkout()
    L.fold_start('dotnet_install')
    L.ln(col('33;1', 'Installing .NET Core'))
    L.ln('$ export DOTNET_CLI_TELEMETRY_OPTOUT=1')
    h = L.start('wget --retry-connrefused --waitretry=1 -O /tmp/packages-microsoft-prod.deb -q https://packages.microsoft.com/config/ubuntu/16.04/packages-microsoft-prod.deb')
    L.end(h, announce=None)
    h = L.start('sudo dpkg -i /tmp/packages-microsoft-prod.deb')
    L.ln('Selecting previously unselected package packages-microsoft-prod.')
    L.ln('(Reading database ... 112389 files and directories currently installed.)')
    L.ln('Preparing to unpack /tmp/packages-microsoft-prod.deb ...')
    L.ln('Unpacking packages-microsoft-prod (1.0-3) ...')
    L.ln('Setting up packages-microsoft-prod (1.0-3) ...')
    L.end(h, announce=None)
    h = L.start('sudo apt-get install -qq dotnet-sdk-2.1.502 > /dev/null')
    L.end(h, dur=31.0, announce=None)
    L.fold_end('dotnet_install')
    L.raw('\n')
    L.ln('$ dotnet --info')
    for l in ['.NET Core SDK (reflecting any global.json):', ' Version:   2.1.502', ' Commit:    c74ce25ae4', '',
              'Runtime Environment:', ' OS Name:     ubuntu', ' OS Version:  16.04', ' OS Platform: Linux',
              ' RID:         ubuntu.16.04-x64', ' Base Path:   /usr/share/dotnet/sdk/2.1.502/', '', 'Host (useful for support):',
              '  Version: 2.1.6', '  Commit:  3f4f8eebd8', '', '.NET Core SDKs installed:', '  2.1.502 [/usr/share/dotnet/sdk]', '',
              '.NET Core runtimes installed:', '  Microsoft.AspNetCore.All 2.1.6 [/usr/share/dotnet/shared/Microsoft.AspNetCore.All]',
              '  Microsoft.AspNetCore.App 2.1.6 [/usr/share/dotnet/shared/Microsoft.AspNetCore.App]',
              '  Microsoft.NETCore.App 2.1.6 [/usr/share/dotnet/shared/Microsoft.NETCore.App]', '',
              'To install additional .NET Core runtimes or SDKs:', '  https://aka.ms/dotnet-download']:
        L.ln(l)
    h = L.start('curl https://packages.microsoft.com/keys/microsoft.asc | sudo apt-key add -', fold='before_install.1')
    curl_progress(L, '983', '4118')
    L.ln('OK')
    L.end(h, announce=None)
    L.raw('\n')
    h = L.start('sudo apt-get update -qq && sudo apt-get install -y powershell', fold='before_install.2')
    apt_install(L, [('liblttng-ust-ctl2', '2.7.1-1', 96.3), ('liburcu4', '0.9.1-3', 47.2), ('liblttng-ust0', '2.7.1-1', 131.0),
                    ('powershell', '6.1.3-1.ubuntu.16.04', 57120.4)], dist='xenial')
    L.end(h, dur=24.0, announce=None)
    L.raw('\n')
    h = L.start('pwsh -NoProfile -Command "Set-PSRepository PSGallery -InstallationPolicy Trusted; Install-Module Pester -RequiredVersion 4.4.2 -Scope CurrentUser -Force; Install-Module PSScriptAnalyzer -Scope CurrentUser -Force"', fold='install')
    L.end(h, dur=19.2, announce=None)
    L.raw('\n')
    h = L.start('pwsh -NoProfile -File ./build.ps1 -Task Test')
    L.ln(col('36', '===== Build environment ====='))
    L.ln('PowerShell 6.1.3 on Linux 4.15.0-1028-gcp #29~16.04.1-Ubuntu SMP Fri Jan 4 15:32:14 UTC 2019')
    L.ln('PSConfigMerge module version: 1.4.0')
    L.ln('Pester 4.4.2, PSScriptAnalyzer 1.17.1')
    L.ln(col('36', '===== Analyze ====='))
    L.ln()
    L.ln('RuleName                            Severity     ScriptName Line  Message')
    L.ln('--------                            --------     ---------- ----  -------')
    L.ln("PSAvoidUsingWriteHost               Warning      build.ps1  14    File 'build.ps1' uses Write-Host. Avoid using")
    L.ln('                                                                  Write-Host because it might not work in all hosts,')
    L.ln('                                                                  does not work when there is no host, and (prior to')
    L.ln('                                                                  PS 5.0) cannot be suppressed, captured, or')
    L.ln('                                                                  redirected. Instead, use Write-Output,')
    L.ln('                                                                  Write-Verbose, or Write-Information.')
    L.ln("PSUseShouldProcessForStateChanging Warning      Set-Config 3     Function 'Set-ConfigValue' has verb that could")
    L.ln('Functions                                        Value.ps1        change system state. Therefore, the function has to')
    L.ln("                                                                  support 'ShouldProcess'.")
    L.ln()
    L.ln('PSScriptAnalyzer: 0 errors, 2 warnings (warnings do not fail the build)')
    L.ln(col('36', '===== Test ====='))
    L.ln(col('32', "Executing all tests in './Tests'"))
    L.ln()
    tdir = f'{L.build_dir}/Tests'

    def P(name, ms):
        L.ln(f'    {col("32", "[+] " + name)} {col("90", str(ms) + "ms")}')

    L.ln(col('32', f'Executing script {tdir}/ConvertTo-ConfigHashtable.Tests.ps1'))
    L.ln()
    L.ln(col('32', '  Describing ConvertTo-ConfigHashtable'))
    for n in ['converts a PSCustomObject to a hashtable', 'converts nested objects', 'keeps arrays as arrays',
              'returns an empty hashtable for $null', 'preserves key order']:
        P(n, L.R.randint(10, 400))
    L.ln()
    L.ln(col('32', f'Executing script {tdir}/Get-ConfigError.Tests.ps1'))
    L.ln()
    L.ln(col('32', '  Describing Get-ConfigError'))
    L.ln(col('33', "WARNING: Config file '/tmp/pscm-missing.psd1' not found, using defaults."))
    for n in ['writes an error record for a missing file', 'error record has category ObjectNotFound',
              'throws a terminating error for invalid syntax', 'includes the line number in the error message']:
        P(n, L.R.randint(10, 200))
    L.ln()
    L.ln(col('32', f'Executing script {tdir}/Merge-Config.Tests.ps1'))
    L.ln()
    L.ln(col('32', '  Describing Merge-Config'))
    P('returns defaults when no override is given', 88)
    P('throws a terminating error for a non-hashtable override', 61)
    with L.mark('E'):
        L.ln(f'    {col("31", "[-] merges nested hashtables recursively")} {col("90", "48ms")}')
        for m in ['Expected strings to be the same, but they were different.', 'Expected length: 7', 'Actual length:   4',
                  'Strings differ at index 0.', "Expected: 'verbose'", "But was:  'info'", '-----------^']:
            L.ln(col('31', '      ' + m))
        L.ln(col('31', "      44:             $result.Logging.Level | Should -Be 'verbose'"))
        L.ln(col('31', f'      at <ScriptBlock>, {tdir}/Merge-Config.Tests.ps1: line 44'))
    P('does not mutate the input hashtable', 22)
    P('later overrides win over earlier ones', 19)
    L.ln()
    L.ln(col('32', '    Context When environment variables are set'))
    for n in ['overrides values from PSCM_ prefixed variables', 'ignores unknown variables', 'parses boolean strings']:
        L.ln(f'      {col("32", "[+] " + n)} {col("90", str(L.R.randint(10, 90)) + "ms")}')
    L.ln(f'      {col("33", "[?] reads values from a .env file")} {col("90", "3ms")}')
    L.ln()
    L.ln(col('32', f'Executing script {tdir}/Set-ConfigValue.Tests.ps1'))
    L.ln()
    L.ln(col('32', '  Describing Set-ConfigValue'))
    for n in ['sets a top level value', 'sets a nested value by dotted path', 'creates intermediate tables',
              'supports -WhatIf', 'throws on an empty path', 'writes to the given scope', 'refuses to overwrite a table with a scalar',
              'round-trips through Export-Config', 'writes UTF8 without BOM', 'handles keys with dots when quoted']:
        P(n, L.R.randint(10, 120))
    L.ln(f'    {col("33", "[?] locks the file while writing")} {col("90", "2ms")}')
    L.ln()
    L.ln(col('32', f'Executing script {tdir}/Module.Tests.ps1'))
    L.ln()
    L.ln(col('32', '  Describing PSConfigMerge module'))
    for n in ['imports without errors', 'exports exactly the public functions', 'has a valid manifest', 'has help for every exported function',
              'has no PSScriptAnalyzer errors', 'CHANGELOG mentions the current version', 'has a license file', 'declares PowerShell 5.1 as minimum',
              'has a project URI']:
        P(n, L.R.randint(10, 600))
    L.ln('Tests completed in 2.81s')
    L.ln('Tests Passed: 37, Failed: 1, Skipped: 0, Pending: 2, Inconclusive: 0 ', 'C')
    L.ln(col('31', '1 test(s) failed.'), 'C')
    L.ln(col('31', f'At {L.build_dir}/build.ps1:58 char:5'))
    L.ln(col('31', '+     throw "$($result.FailedCount) test(s) failed."'))
    L.ln(col('31', '+     ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~'))
    L.ln(col('31', '+ CategoryInfo          : OperationStopped: (1 test(s) failed.:String) [], RuntimeException'))
    L.ln(col('31', '+ FullyQualifiedErrorId : 1 test(s) failed.'))
    L.ln(col('31', ' '))
    L.end(h, rc=1, dur=14.6)
    L.done(1)
    return 'powershell-pester-travis', L, dict(ecosystem='powershell', ci='travis', tool='Pester', failure_kind='test')


# ---------------------------------------------------------------------------
@case
def csharp_mono_nunit():
    L = Travis(701, 'makaretu', 'Chronos.Json', 'csharp', dist='trusty', year=2018, when=1528790000)
    L.worker_info()
    L.system_info()
    L.checkout()
    L.fold_start('mono_install')
    L.ln(col('33;1', 'Installing Mono'))
    h = L.start('sudo apt-key adv --keyserver hkp://keyserver.ubuntu.com:80 --recv-keys 3FA7E0328081BFF6A14DA29AA6A19B38D3D831EF')
    for l in ['Executing: /tmp/tmp.Gc9ZoZk3nR/gpg.1.sh --keyserver', 'hkp://keyserver.ubuntu.com:80', '--recv-keys',
              '3FA7E0328081BFF6A14DA29AA6A19B38D3D831EF', 'gpg: requesting key D3D831EF from hkp server keyserver.ubuntu.com',
              'gpg: key D3D831EF: public key "Xamarin Public Jenkins (auto-signing) <releng@xamarin.com>" imported',
              'gpg: Total number processed: 1', 'gpg:               imported: 1  (RSA: 1)']:
        L.ln(l)
    L.end(h, announce=None)
    h = L.start('echo "deb http://download.mono-project.com/repo/ubuntu trusty/snapshots/5.12.0 main" | sudo tee /etc/apt/sources.list.d/mono-official.list > /dev/null')
    L.end(h, announce=None)
    h = L.start('sudo apt-get update -qq')
    L.end(h, dur=14.0, announce=None)
    h = L.start('sudo apt-get install -qq mono-complete mono-vbnc fsharp nuget referenceassemblies-pcl > /dev/null 2>&1 || true')
    L.end(h, dur=88.0, announce=None)
    L.fold_end('mono_install')
    L.raw('\n')
    L.ln('$ mono --version')
    for l in ['Mono JIT compiler version 5.12.0.226 (tarball Thu May  3 09:48:32 UTC 2018)',
              'Copyright (C) 2002-2014 Novell, Inc, Xamarin Inc and Contributors. www.mono-project.com',
              '\tTLS:           __thread', '\tSIGSEGV:       altstack', '\tNotifications: epoll', '\tArchitecture:  amd64',
              '\tDisabled:      none', '\tMisc:          softdebug ', '\tInterpreter:   yes', '\tLLVM:          supported, not enabled.',
              '\tGC:            sgen (concurrent by default)']:
        L.ln(l)
    h = L.start('nuget restore Chronos.Json.sln', fold='install.nuget')
    L.ln("MSBuild auto-detection: using msbuild version '15.6.0.0' from '/usr/lib/mono/msbuild/15.0/bin'.")
    pk = [('NUnit', '3.10.1'), ('NUnit.ConsoleRunner', '3.8.0'), ('NUnit3TestAdapter', '3.10.0'), ('System.ValueTuple', '4.5.0'),
          ('Microsoft.NET.Test.Sdk', '15.7.2'), ('System.Runtime.CompilerServices.Unsafe', '4.5.0'), ('System.Memory', '4.5.0'),
          ('System.Buffers', '4.4.0'), ('OpenCover', '4.6.519'), ('coveralls.io', '1.4.2')]
    for p, v in pk:
        L.ln(f'Restoring NuGet package {p}.{v}.')
    for p, v in pk:
        L.ln(f'  GET https://api.nuget.org/v3-flatcontainer/{p.lower()}/{v}/{p.lower()}.{v}.nupkg')
    for p, v in pk:
        L.ln(f'  OK https://api.nuget.org/v3-flatcontainer/{p.lower()}/{v}/{p.lower()}.{v}.nupkg {L.R.randint(20, 900)}ms')
        L.ln(f"Adding package '{p}.{v}' to folder '{L.build_dir}/packages'")
        L.ln(f"Added package '{p}.{v}' to folder '{L.build_dir}/packages'")
    L.ln()
    L.ln('NuGet Config files used:')
    L.ln('    /home/travis/.config/NuGet/NuGet.Config')
    L.ln()
    L.ln('Feeds used:')
    L.ln('    https://api.nuget.org/v3/index.json')
    L.ln()
    L.ln('Installed:')
    L.ln(f'    {len(pk)} package(s) to packages.config projects')
    L.end(h, dur=11.0, announce=None)
    L.raw('\n')
    sln = f'{L.build_dir}/Chronos.Json.sln'
    h = L.start('msbuild /p:Configuration=Release Chronos.Json.sln')
    L.ln('Microsoft (R) Build Engine version 15.6.0.0 ( Wed May  2 18:07:31 UTC 2018) for Mono')
    L.ln('Copyright (C) Microsoft Corporation. All rights reserved.')
    L.ln()
    L.ln('Building the projects in this solution one at a time. To enable parallel build, please add the "/m" switch.')
    L.ln('Build started 6/12/2018 8:14:01 AM.')
    L.ln(f'Project "{sln}" on node 1 (default targets).')
    L.ln('ValidateSolutionConfiguration:')
    L.ln('  Building solution configuration "Release|Any CPU".')
    projs = [('src/Chronos.Json/Chronos.Json.csproj', 'Chronos.Json', ['JsonReader.cs', 'JsonWriter.cs', 'JsonToken.cs', 'DateTimeHandling.cs', 'Iso8601.cs', 'Properties/AssemblyInfo.cs']),
             ('tests/Chronos.Json.Tests/Chronos.Json.Tests.csproj', 'Chronos.Json.Tests', ['Serialization/JsonWriterTests.cs', 'Serialization/JsonReaderTests.cs', 'Net/HttpTransportTests.cs', 'Iso8601Tests.cs', 'ErrorHandlingTests.cs', 'Properties/AssemblyInfo.cs'])]
    warns = []
    for i, (p, name, files) in enumerate(projs, 2):
        pd = f'{L.build_dir}/{p.rsplit("/", 1)[0]}'
        L.ln(f'Project "{sln}" (1) is building "{L.build_dir}/{p}" ({i}) on node 1 (default targets).')
        L.ln('PrepareForBuild:')
        L.ln('  Creating directory "bin/Release/".')
        L.ln('  Creating directory "obj/Release/".')
        L.ln('GenerateTargetFrameworkMonikerAttribute:')
        L.ln('Skipping target "GenerateTargetFrameworkMonikerAttribute" because all output files are up-to-date with respect to the input files.')
        L.ln('CoreCompile:')
        refs = ' '.join(f'/reference:/usr/lib/mono/4.5-api/{r}.dll' for r in ['mscorlib', 'System.Core', 'System.Data', 'System', 'System.Xml', 'System.Runtime.Serialization', 'System.Net.Http'])
        L.ln(f'  /usr/lib/mono/4.5/csc.exe /noconfig /unsafe- /checked- /nowarn:1701,1702,1705,1701,1702 /nostdlib+ /errorreport:prompt /warn:4 /define:TRACE /highentropyva- {refs} /debug:portable /debug- /filealign:512 /optimize+ /out:obj/Release/{name}.dll /target:library /utf8output /deterministic+ {" ".join(files)} "/tmp/.NETFramework,Version=v4.6.1.AssemblyAttributes.cs"')
        L.ln('  Using shared compilation with compiler from directory: /usr/lib/mono/4.5')
        if name == 'Chronos.Json':
            w = f'JsonReader.cs(212,17): warning CS0219: The variable \'offset\' is assigned but its value is never used [{L.build_dir}/{p}]'
            L.ln(w)
            warns.append((p, w))
            w = f'DateTimeHandling.cs(41,13): warning CS0618: \'TimeZone\' is obsolete: \'System.TimeZone has been deprecated.  Please investigate the use of System.TimeZoneInfo instead.\' [{L.build_dir}/{p}]'
            L.ln(w)
            warns.append((p, w))
        else:
            w = f'ErrorHandlingTests.cs(77,31): warning CS0168: The variable \'ex\' is declared but never used [{L.build_dir}/{p}]'
            L.ln(w)
            warns.append((p, w))
        L.ln('CopyFilesToOutputDirectory:')
        L.ln(f'  Copying file from "obj/Release/{name}.dll" to "bin/Release/{name}.dll".')
        L.ln(f'  {name} -> {pd}/bin/Release/{name}.dll')
        L.ln(f'Done Building Project "{L.build_dir}/{p}" (default targets).')
    L.ln(f'Done Building Project "{sln}" (default targets).')
    L.ln()
    L.ln('Build succeeded.')
    L.ln()
    for p, w in warns:
        L.ln(f'"{sln}" (default target) (1) ->')
        L.ln(f'"{L.build_dir}/{p}" (default target) (2) ->')
        L.ln('(CoreCompile target) -> ')
        L.ln('  ' + w)
        L.ln()
    L.ln(f'    {len(warns)} Warning(s)')
    L.ln('    0 Error(s)')
    L.ln()
    L.ln('Time Elapsed 00:00:07.41')
    L.end(h, dur=9.1)
    cmd = 'mono ./packages/NUnit.ConsoleRunner.3.8.0/tools/nunit3-console.exe ./tests/Chronos.Json.Tests/bin/Release/Chronos.Json.Tests.dll'
    h = L.start(cmd)
    L.ln('NUnit Console Runner 3.8.0 ')
    L.ln('Copyright (c) 2018 Charlie Poole, Rob Prouse')
    L.ln()
    L.ln('Runtime Environment')
    L.ln('   OS Version: Linux 4.4.0.101 ')
    L.ln('  CLR Version: 4.0.30319.42000')
    L.ln()
    L.ln('Test Files')
    L.ln('    ./tests/Chronos.Json.Tests/bin/Release/Chronos.Json.Tests.dll')
    L.ln()
    L.ln()
    L.ln('Errors, Failures and Warnings')
    L.ln()
    tf = f'{L.build_dir}/tests/Chronos.Json.Tests'
    with L.mark('E'):
        L.ln('1) Failed : Chronos.Json.Tests.Serialization.JsonWriterTests.WritesDateTimeOffsetWithOriginalOffset')
        L.ln('  Expected string length 25 but was 20. Strings differ at index 11.')
        L.ln('  Expected: "2018-05-01T12:00:00+02:00"')
        L.ln('  But was:  "2018-05-01T10:00:00Z"')
        L.ln('  ----------------------^')
        L.ln(f'   at Chronos.Json.Tests.Serialization.JsonWriterTests.WritesDateTimeOffsetWithOriginalOffset () [0x00030] in {tf}/Serialization/JsonWriterTests.cs:88 ')
    L.ln()
    with L.mark('E'):
        L.ln('2) Error : Chronos.Json.Tests.Iso8601Tests.ParsesWeekDates("2018-W01-1",2018,1,1)')
        L.ln("System.FormatException : String '2018-W01-1' was not recognized as a valid ISO 8601 date.")
        L.ln(f'  at Chronos.Json.Iso8601.Parse (System.String value) [0x000b4] in {L.build_dir}/src/Chronos.Json/Iso8601.cs:64 ')
        L.ln(f'  at Chronos.Json.Tests.Iso8601Tests.ParsesWeekDates (System.String input, System.Int32 year, System.Int32 month, System.Int32 day) [0x00001] in {tf}/Iso8601Tests.cs:41 ')
    L.ln('  at (wrapper managed-to-native) System.Reflection.MonoMethod.InternalInvoke(System.Reflection.MonoMethod,object,object[],System.Exception&)')
    L.ln('  at System.Reflection.MonoMethod.Invoke (System.Object obj, System.Reflection.BindingFlags invokeAttr, System.Reflection.Binder binder, System.Object[] parameters, System.Globalization.CultureInfo culture) [0x00032] in <a0b3e4d5f6c7484a9e1d0b2c3d4e5f60>:0 ')
    L.ln()
    L.ln('Run Settings')
    L.ln('    DisposeRunners: True')
    L.ln(f'    WorkDirectory: {L.build_dir}')
    L.ln('    ImageRuntimeVersion: 4.0.30319')
    L.ln('    ImageTargetFrameworkName: .NETFramework,Version=v4.6.1')
    L.ln('    ImageRequiresX86: False')
    L.ln('    ImageRequiresDefaultAppDomainAssemblyResolver: False')
    L.ln('    NumberOfTestWorkers: 2')
    L.ln()
    L.ln('Test Run Summary')
    L.ln('  Overall result: Failed', 'C')
    L.ln('  Test Count: 412, Passed: 410, Failed: 2, Warnings: 0, Inconclusive: 0, Skipped: 0', 'C')
    L.ln('    Failed Tests - Failures: 1, Errors: 1, Invalid: 0', 'C')
    L.ln('  Start time: 2018-06-12 08:14:12Z')
    L.ln('    End time: 2018-06-12 08:14:19Z')
    L.ln('    Duration: 6.887 seconds')
    L.ln()
    L.ln(f'Results (nunit3) saved as TestResult.xml')
    L.end(h, rc=2, dur=8.2)
    L.done(1)
    return 'csharp-mono-nunit3-console', L, dict(ecosystem='csharp', ci='travis', tool='msbuild + nunit3-console (mono)', failure_kind='test')


# ---------------------------------------------------------------------------
def gradle_wrapper_download(L, ver='4.10.2', h='cghg6c4gf4vkiutgsab8yrnwv'):
    L.ln(f'Downloading https://services.gradle.org/distributions/gradle-{ver}-bin.zip')
    for _ in range(8):
        L.ln('.' * 75)
    L.ln('.' * 31)
    L.ln(f'Unzipping /home/travis/.gradle/wrapper/dists/gradle-{ver}-bin/{h}/gradle-{ver}-bin.zip to /home/travis/.gradle/wrapper/dists/gradle-{ver}-bin/{h}')
    L.ln(f'Set executable permissions for: /home/travis/.gradle/wrapper/dists/gradle-{ver}-bin/{h}/gradle-{ver}/bin/gradle')
    L.ln()
    L.ln(f'Welcome to Gradle {ver}!')
    L.ln()
    L.ln('Here are the highlights of this release:')
    L.ln(' - Incremental Java compilation by default')
    L.ln(' - Periodic Gradle caches cleanup')
    L.ln(' - Gradle Kotlin DSL 1.0-RC6')
    L.ln(' - Nested included builds')
    L.ln(' - SNAPSHOT plugin versions in the `plugins {}` block')
    L.ln()
    L.ln(f'For more details see https://docs.gradle.org/{ver}/release-notes.html')
    L.ln()
    L.ln('Starting a Gradle Daemon (subsequent builds will be faster)')


@case
def groovy_gradle_spock():
    L = Travis(801, 'mkobit', 'groovy-confdsl', 'groovy', dist='trusty', year=2018, when=1539000000)
    L.worker_info()
    L.system_info()
    L.cache_fetch(['$HOME/.gradle/caches/', '$HOME/.gradle/wrapper/'])
    L.checkout()
    from gen_common import jdk_setup
    jdk_setup(L)
    L.ln('$ export TERM=dumb')
    h = L.start('./gradlew assemble', fold='install')
    gradle_wrapper_download(L)
    for t in ['> Task :compileJava NO-SOURCE', '> Task :compileGroovy', '> Task :processResources', '> Task :classes', '> Task :jar',
              '> Task :groovydoc', '> Task :groovydocJar', '> Task :sourcesJar', '> Task :assemble']:
        L.ln(t)
    L.ln()
    L.ln('BUILD SUCCESSFUL in 48s')
    L.ln('5 actionable tasks: 5 executed')
    L.end(h, dur=49.0, announce=None)
    L.raw('\n')
    h = L.start('./gradlew check')
    for t in ['> Task :compileJava NO-SOURCE', '> Task :compileGroovy UP-TO-DATE', '> Task :processResources UP-TO-DATE',
              '> Task :classes UP-TO-DATE', '> Task :codenarcMain']:
        L.ln(t)
    L.ln(f'CodeNarc rule violations were found. See the report at: file://{L.build_dir}/build/reports/codenarc/main.html')
    for t in ['> Task :compileTestJava NO-SOURCE', '> Task :compileTestGroovy', '> Task :processTestResources', '> Task :testClasses',
              '> Task :codenarcTest']:
        L.ln(t)
    L.ln(f'CodeNarc rule violations were found. See the report at: file://{L.build_dir}/build/reports/codenarc/test.html')
    L.ln('> Task :test')
    L.ln()
    with L.mark('E'):
        L.ln('com.mkobit.confdsl.ConfigMergerSpec > merges nested maps with override precedence FAILED')
        L.ln('    Condition not satisfied:')
        L.ln()
        L.ln('    merged.server.port == 8080')
        L.ln('    |      |      |    |')
        L.ln('    |      |      8081 false')
        L.ln("    |      [port:8081, host:0.0.0.0]")
        L.ln("    [server:[port:8081, host:0.0.0.0], logging:[level:INFO, errors:stderr]]")
        L.ln()
        L.ln('        at com.mkobit.confdsl.ConfigMergerSpec.merges nested maps with override precedence(ConfigMergerSpec.groovy:41)')
    L.ln()
    L.ln('56 tests completed, 1 failed', 'C')
    L.ln()
    L.ln('> Task :test FAILED')
    L.ln()
    L.ln('FAILURE: Build failed with an exception.', 'C')
    L.ln()
    L.ln('* What went wrong:', 'C')
    L.ln("Execution failed for task ':test'.", 'C')
    L.ln(f'> There were failing tests. See the report at: file://{L.build_dir}/build/reports/tests/test/index.html', 'C')
    L.ln()
    L.ln('* Try:')
    L.ln('Run with --stacktrace option to get the stack trace. Run with --info or --debug option to get more log output. Run with --scan to get full insights.')
    L.ln()
    L.ln('* Get more help at https://help.gradle.org')
    L.ln()
    L.ln('BUILD FAILED in 37s')
    L.ln('7 actionable tasks: 5 executed, 2 up-to-date')
    L.end(h, rc=1, dur=38.0)
    L.fold_start('before_cache.1')
    h = L.start('rm -f  $HOME/.gradle/caches/modules-2/modules-2.lock')
    L.end(h, announce=None)
    L.fold_end('before_cache.1')
    L.fold_start('before_cache.2')
    h = L.start('rm -fr $HOME/.gradle/caches/*/plugin-resolution/')
    L.end(h, announce=None)
    L.fold_end('before_cache.2')
    L.cache_store(['/home/travis/.gradle/caches', '/home/travis/.gradle/wrapper'])
    L.done(1)
    return 'groovy-gradle-spock', L, dict(ecosystem='groovy', ci='travis', tool='gradle + spock', failure_kind='test')


# ---------------------------------------------------------------------------
@case
def dart_pub_run_test():
    L = Travis(901, 'dint-dev', 'toml_lite', 'dart', dist='trusty', year=2018, when=1544500000)
    L.worker_info()
    L.system_info()
    L.cache_fetch(['$HOME/.pub-cache'])
    L.checkout()
    L.fold_start('dart_install')
    L.ln(col('33;1', 'Installing Dart'))
    h = L.start('curl --connect-timeout 15 --retry 5 https://storage.googleapis.com/dart-archive/channels/stable/release/latest/sdk/dartsdk-linux-x64-release.zip > $HOME/dartsdk.zip')
    curl_progress(L, '90.1M', '101M')
    L.end(h, dur=2.3, announce=None)
    h = L.start('unzip $HOME/dartsdk.zip -d $HOME > /dev/null')
    L.end(h, dur=3.1, announce=None)
    L.fold_end('dart_install')
    L.raw('\n')
    L.ln('$ export DART_SDK="$HOME/dart-sdk"')
    L.ln('$ export PATH="$DART_SDK/bin:$PATH"')
    L.ln('$ export PUB_ENVIRONMENT="travis"')
    L.ln('$ export PUB_CACHE="$HOME/.pub-cache"')
    L.ln('$ dart --version')
    L.ln('Dart VM version: 2.1.0 (Tue Nov 13 18:22:02 2018 +0100) on "linux_x64"')
    h = L.start('pub get', fold='install.pub')
    L.ln('Resolving dependencies...')
    deps = [('analyzer', '0.33.6'), ('args', '1.5.1'), ('async', '2.0.8'), ('boolean_selector', '1.0.4'), ('charcode', '1.1.2'),
            ('collection', '1.14.11'), ('convert', '2.0.2'), ('crypto', '2.0.6'), ('csslib', '0.14.6'), ('front_end', '0.1.6+8'),
            ('glob', '1.1.7'), ('html', '0.13.3+3'), ('http', '0.12.0'), ('http_multi_server', '2.0.5'), ('http_parser', '3.1.3'),
            ('io', '0.3.3'), ('js', '0.6.1+1'), ('json_rpc_2', '2.0.9'), ('kernel', '0.3.6+8'), ('logging', '0.11.3+2'),
            ('matcher', '0.12.4'), ('meta', '1.1.6'), ('mime', '0.9.6+2'), ('multi_server_socket', '1.0.2'), ('node_preamble', '1.4.4'),
            ('package_config', '1.0.5'), ('package_resolver', '1.0.6'), ('path', '1.6.2'), ('pedantic', '1.4.0'), ('petitparser', '2.0.2'),
            ('plugin', '0.2.0+3'), ('pool', '1.3.6'), ('pub_semver', '1.4.2'), ('shelf', '0.7.3+3'), ('shelf_packages_handler', '1.0.4'),
            ('shelf_static', '0.2.8'), ('shelf_web_socket', '0.2.2+4'), ('source_map_stack_trace', '1.1.5'), ('source_maps', '0.10.8'),
            ('source_span', '1.4.1'), ('stack_trace', '1.9.3'), ('stream_channel', '1.6.8'), ('string_scanner', '1.0.4'),
            ('term_glyph', '1.0.1'), ('test', '1.5.1+1'), ('test_api', '0.2.1'), ('test_core', '0.2.0'), ('typed_data', '1.1.6'),
            ('utf', '0.9.0+5'), ('vm_service_client', '0.2.6'), ('watcher', '0.9.7+10'), ('web_socket_channel', '1.0.9'), ('yaml', '2.1.15')]
    for d, v in deps:
        L.ln(f'+ {d} {v}')
    for d, v in L.R.sample(deps, 9):
        L.ln(f'Downloading {d} {v}...')
    L.ln(f'Changed {len(deps)} dependencies!')
    L.ln('Precompiling executables...')
    L.ln('Precompiled test:test.')
    L.end(h, dur=21.0, announce=None)
    L.raw('\n')
    h = L.start('dartfmt -n --set-exit-if-changed .')
    L.end(h, dur=1.9)
    h = L.start('dartanalyzer --fatal-infos --fatal-warnings .')
    L.ln('Analyzing toml_lite...')
    L.ln('No issues found!')
    L.end(h, dur=6.2)
    h = L.start('pub run test')
    tests = [
        ('test/lexer_test.dart', ['Lexer tokenizes bare keys', 'Lexer tokenizes quoted keys', 'Lexer tokenizes dotted keys',
                                  'Lexer tokenizes integers with underscores', 'Lexer tokenizes hex, octal and binary integers',
                                  'Lexer tokenizes floats', 'Lexer tokenizes inf and nan', 'Lexer reports error on invalid escape']),
        ('test/parser_test.dart', ['Parser tables parses empty document', 'Parser tables parses nested tables',
                                   'Parser tables parses array of tables', 'Parser tables rejects duplicate keys',
                                   'Parser errors reports line and column for unterminated string',
                                   'Parser strings parses basic strings', 'Parser strings parses literal strings',
                                   'Parser strings parses multi-line basic strings', 'Parser strings handles escaped unicode']),
        ('test/datetime_test.dart', ['Datetime parses offset date-time', 'Datetime parses local date-time', 'Datetime parses local date',
                                     'Datetime parses local time', 'Datetime rejects invalid month']),
        ('test/encoder_test.dart', ['Encoder encodes strings', 'Encoder escapes control characters', 'Encoder encodes nested maps',
                                    'Encoder encodes arrays of tables', 'Encoder round-trips example.toml', 'Encoder throws error on null value'])]
    n = 0
    fl = ''
    L.ln('00:00 +0: loading test/lexer_test.dart')
    for f, ts in tests:
        for t in ts:
            L.ln(f'00:0{min(n // 10, 9)} +{n}{fl}: {f}: {t}')
            if t == 'Parser errors reports line and column for unterminated string':
                L.ln('TomlException at line 3, column 9: unterminated string')
            if t == 'Encoder throws error on null value':
                L.ln('Error: cannot encode null value for key "owner.email"')
            if t == 'Parser strings handles escaped unicode':
                with L.mark('E'):
                    L.ln(f'00:01 +{n} -1: {f}: {t} [E]')
                    L.ln("  Expected: '☃ snowman'")
                    L.ln("    Actual: '\\\\u2603 snowman'")
                    L.ln('     Which: is different.')
                    L.ln('            Expected: ☃ snowman')
                    L.ln('              Actual: \\\\u2603 sn ...')
                    L.ln('                      ^')
                    L.ln('             Differ at offset 0')
                    L.ln('  ')
                    L.ln('  package:test_api                 expect')
                    L.ln('  test/parser_test.dart 88:7       main.<fn>.<fn>.<fn>')
                L.ln('  ')
                fl = ' -1'
                continue
            n += 1
    L.ln(f'00:02 +{n} -1: Some tests failed.', 'C')
    L.end(h, rc=1, dur=5.4)
    L.cache_store(['/home/travis/.pub-cache'], changed=False)
    L.done(1)
    return 'dart-pub-run-test', L, dict(ecosystem='dart', ci='travis', tool='pub run test', failure_kind='test')


# ---------------------------------------------------------------------------
@case
def typescript_karma():
    L = Travis(1001, 'tmasaki', 'ngx-daterange-lite', 'node_js', dist='trusty', year=2018, when=1536740000)
    L.worker_info()
    L.system_info()
    L.cache_fetch(['node_modules'])
    L.checkout()
    L.fold_start('install_chrome')
    L.ln(col('33;1', 'Installing Google Chrome stable'))
    h = L.start('wget --no-verbose -O /tmp/$(basename https://dl.google.com/linux/direct/google-chrome-stable_current_amd64.deb) https://dl.google.com/linux/direct/google-chrome-stable_current_amd64.deb')
    L.ln('2018-09-12 08:14:31 URL:https://dl.google.com/linux/direct/google-chrome-stable_current_amd64.deb [54219462/54219462] -> "/tmp/google-chrome-stable_current_amd64.deb" [1]')
    L.end(h, dur=1.1, announce=None)
    h = L.start('sudo dpkg -i /tmp/$(basename https://dl.google.com/linux/direct/google-chrome-stable_current_amd64.deb)')
    L.ln('Selecting previously unselected package google-chrome-stable.')
    L.ln('(Reading database ... 85441 files and directories currently installed.)')
    L.ln('Preparing to unpack .../google-chrome-stable_current_amd64.deb ...')
    L.ln('Unpacking google-chrome-stable (69.0.3497.81-1) ...')
    L.ln('Setting up google-chrome-stable (69.0.3497.81-1) ...')
    L.ln('update-alternatives: using /usr/bin/google-chrome-stable to provide /usr/bin/x-www-browser (x-www-browser) in auto mode')
    L.ln('update-alternatives: using /usr/bin/google-chrome-stable to provide /usr/bin/gnome-www-browser (gnome-www-browser) in auto mode')
    L.ln('update-alternatives: using /usr/bin/google-chrome-stable to provide /usr/bin/google-chrome (google-chrome) in auto mode')
    L.ln('Processing triggers for man-db (2.6.7.1-1ubuntu1) ...')
    L.end(h, dur=6.0, announce=None)
    L.fold_end('install_chrome')
    L.raw('\n')
    node_setup(L, '8', '8.11.4', '5.6.0')
    h = L.start('npm install', fold='install.npm')
    npm_install_noise(L, 1187, NPM_DEPRECATED[:4])
    L.end(h, dur=41.0, announce=None)
    L.raw('\n')
    h = L.start('npm run lint')
    L.ln()
    L.ln(f'> ngx-daterange-lite@1.4.0 lint {L.build_dir}')
    L.ln('> ng lint')
    L.ln()
    L.ln('Linting "ngx-daterange-lite"...')
    L.ln('Linting "demo"...')
    L.ln('All files pass linting.')
    L.end(h, dur=11.2)
    h = L.start('npm test -- --watch=false --browsers=ChromeHeadlessCI --code-coverage')
    L.ln()
    L.ln(f'> ngx-daterange-lite@1.4.0 test {L.build_dir}')
    L.ln('> ng test "--watch=false" "--browsers=ChromeHeadlessCI" "--code-coverage"')
    L.ln()
    L.ln('12 09 2018 08:16:02.415:INFO [karma]: Karma v3.0.0 server started at http://0.0.0.0:9876/')
    L.ln('12 09 2018 08:16:02.417:INFO [launcher]: Launching browser ChromeHeadlessCI with unlimited concurrency')
    L.ln('12 09 2018 08:16:02.431:INFO [launcher]: Starting browser ChromeHeadless')
    L.ln('12 09 2018 08:16:21.907:WARN [web-server]: 404: /assets/i18n/en.json')
    L.ln('12 09 2018 08:16:22.118:INFO [HeadlessChrome 69.0.3497 (Linux 0.0.0)]: Connected on socket Vq0m7S3IhVtHDr4fAAAA with id 47211883')
    B = 'HeadlessChrome 69.0.3497 (Linux 0.0.0)'
    up = '\x1b[1A\x1b[2K'
    total = 142
    L.ln(f'{B}: Executed 0 of {total} SUCCESS (0 secs / 0 secs)')
    i = 0
    failed = 0
    while i < total:
        i += 1
        if i == 37:
            L.raw(up)
            L.ln(f"{B} ERROR: 'DateRangeService: invalid range, start is after end', Object{{start: Date(Sat Sep 15 2018), end: Date(Sat Sep 01 2018)}}")
        if i == 58:
            L.raw(up)
            with L.mark('E'):
                L.ln(f'{B} DateRangePickerComponent should emit rangeChange when end date is selected FAILED')
                L.ln('\tExpected spy rangeChange.emit to have been called with [ Object({ start: Date(Sat Sep 01 2018 00:00:00 GMT+0000 (Coordinated Universal Time)), end: Date(Sat Sep 15 2018 00:00:00 GMT+0000 (Coordinated Universal Time)) }) ] but actual calls were [ Object({ start: Date(Sat Sep 01 2018 00:00:00 GMT+0000 (Coordinated Universal Time)), end: null }) ].')
                L.ln('\t    at UserContext.<anonymous> (src/lib/date-range-picker/date-range-picker.component.spec.ts:97:46)')
            L.ln('\t    at ZoneDelegate.push../node_modules/zone.js/dist/zone.js.ZoneDelegate.invoke (node_modules/zone.js/dist/zone.js:388:1)')
            L.ln('\t    at ProxyZoneSpec.push../node_modules/zone.js/dist/zone-testing.js.ProxyZoneSpec.onInvoke (node_modules/zone.js/dist/zone-testing.js:288:1)')
            L.ln('\t    at ZoneDelegate.push../node_modules/zone.js/dist/zone.js.ZoneDelegate.invoke (node_modules/zone.js/dist/zone.js:387:1)')
            failed = 1
        if i == 101:
            L.raw(up)
            L.ln(f"{B} WARN: 'Could not find HammerJS. Certain Angular Material components may not work correctly.'")
        L.raw(up)
        st = f'({failed} FAILED)' if failed else 'SUCCESS'
        if i == total:
            L.ln(f'{B}: Executed {i} of {total} {st} (2.812 secs / 2.533 secs)', 'C')
        else:
            L.ln(f'{B}: Executed {i} of {total} {st} (0 secs / {i * 0.0178:.3f} secs)')
    L.ln(f'TOTAL: 1 FAILED, {total - 1} SUCCESS', 'C')
    L.ln()
    L.ln('=============================== Coverage summary ===============================')
    L.ln('Statements   : 91.42% ( 629/688 )')
    L.ln('Branches     : 80.17% ( 190/237 )')
    L.ln('Functions    : 88.3% ( 166/188 )')
    L.ln('Lines        : 91.07% ( 581/638 )')
    L.ln('================================================================================')
    L.ln('npm ERR! Test failed.  See above for more details.')
    L.end(h, rc=1, dur=48.0)
    L.fold_start('after_script')
    h = L.start('cat ./coverage/lcov.info | ./node_modules/coveralls/bin/coveralls.js')
    L.ln('[error] "2018-09-12T08:17:12.006Z"  \'error from lcovParse: \' \'Failed to parse string\'')
    L.ln('[error] "2018-09-12T08:17:12.009Z"  \'input: \' \'\'')
    L.ln('[error] "2018-09-12T08:17:12.009Z"  \'error from convertLcovToCoveralls\'')
    L.ln()
    L.ln(f'{L.build_dir}/node_modules/coveralls/bin/coveralls.js:18')
    L.ln('        throw err;')
    L.ln('        ^')
    L.ln('Failed to parse string')
    L.end(h, dur=0.6, announce=None)
    L.fold_end('after_script')
    L.raw('\n')
    L.cache_store(['/home/travis/build/tmasaki/ngx-daterange-lite/node_modules'])
    L.done(1)
    return 'typescript-karma-jasmine', L, dict(ecosystem='typescript', ci='travis', tool='karma (ng test)', failure_kind='test')


@case
def typescript_tsc():
    L = Travis(1002, 'node-ts-libs', 'httpkit', 'node_js', dist='xenial', year=2019, when=1561600000)
    L.worker_info()
    L.system_info()
    L.cache_fetch(['$HOME/.npm'])
    L.checkout()
    node_setup(L, '10', '10.16.0', '6.9.0')
    h = L.start('npm ci', fold='install.npm')
    L.ln()
    L.ln(f'> husky@2.4.1 install {L.build_dir}/node_modules/husky')
    L.ln('> node husky install')
    L.ln()
    L.ln('husky > Setting up git hooks')
    L.ln('CI detected, skipping Git hooks installation.')
    L.ln()
    L.ln('added 612 packages in 9.124s')
    L.end(h, dur=11.0, announce=None)
    L.raw('\n')
    h = L.start('npm run lint')
    L.ln()
    L.ln(f'> @node-ts-libs/httpkit@2.3.0 lint {L.build_dir}')
    L.ln("> tslint -p . 'src/**/*.ts'")
    L.ln()
    L.ln("WARNING: src/client/retry.ts:41:7 - Shadowed name: 'err'")
    L.ln("WARNING: src/errors/http-error.ts:12:3 - Member 'status' is declared but its value is never read.")
    L.end(h, dur=5.3)
    h = L.start('npm run build')
    L.ln()
    L.ln(f'> @node-ts-libs/httpkit@2.3.0 build {L.build_dir}')
    L.ln('> tsc -p tsconfig.build.json')
    L.ln()
    with L.mark('E'):
        L.ln("src/client/request.ts(88,17): error TS2345: Argument of type 'string | undefined' is not assignable to parameter of type 'string'.")
        L.ln("  Type 'undefined' is not assignable to type 'string'.")
        L.ln("src/client/index.ts(12,10): error TS2305: Module '\"./request\"' has no exported member 'RequestOptions'.")
    L.ln('npm ERR! code ELIFECYCLE')
    L.ln('npm ERR! errno 2')
    L.ln('npm ERR! @node-ts-libs/httpkit@2.3.0 build: `tsc -p tsconfig.build.json`', 'C')
    L.ln('npm ERR! Exit status 2', 'C')
    L.ln('npm ERR! ')
    L.ln('npm ERR! Failed at the @node-ts-libs/httpkit@2.3.0 build script.')
    L.ln('npm ERR! This is probably not a problem with npm. There is likely additional logging output above.')
    L.ln()
    L.ln('npm ERR! A complete log of this run can be found in:')
    L.ln('npm ERR!     /home/travis/.npm/_logs/2019-06-27T02_01_44_118Z-debug.log')
    L.end(h, rc=2, dur=7.0)
    h = L.start('npm test')
    L.ln()
    L.ln(f'> @node-ts-libs/httpkit@2.3.0 test {L.build_dir}')
    L.ln("> mocha -r ts-node/register/transpile-only 'test/**/*.spec.ts'")
    L.ln()
    L.ln()
    suites = {'HttpError': ['is an instance of Error', 'exposes status and body', 'formats error message with method and url'],
              'Request': ['builds query strings', 'serializes json bodies', 'merges default headers', 'throws on invalid url'],
              'retry()': ['retries idempotent requests on 503', 'does not retry POST by default', 'gives up after maxAttempts',
                          'honours Retry-After header', 'logs an error on final failure'],
              'Client': ['uses baseUrl', 'applies interceptors in order', 'rejects with HttpError on 4xx', 'rejects with timeout error',
                         'supports AbortSignal', 'streams response bodies']}
    n = 0
    for s, ts in suites.items():
        L.ln(f'  {s}')
        for t in ts:
            n += 1
            L.ln(f'    {green("✓")} {t}' + (col('33', f' ({L.R.randint(40, 300)}ms)') if L.R.random() < 0.2 else ''))
            if t == 'logs an error on final failure':
                L.ln('[httpkit] ERROR request GET http://127.0.0.1:41873/flaky failed after 3 attempts: 503 Service Unavailable')
        L.ln()
    L.ln()
    L.ln(green(f'  {n} passing') + grey(' (1s)'))
    L.ln(cyan('  2 pending'))
    L.ln()
    L.end(h, dur=4.1)
    L.cache_store(['/home/travis/.npm'])
    L.done(1)
    return 'typescript-tsc-build', L, dict(ecosystem='typescript', ci='travis', tool='tsc', failure_kind='build')


# ---------------------------------------------------------------------------
@case
def lua_busted():
    L = Travis(1101, 'rxi-fans', 'json-strict.lua', 'python', dist='trusty', year=2018, when=1534000000)
    L.worker_info()
    L.system_info()
    L.cache_fetch(['lua_install', '$HOME/.cache/hererocks'])
    L.checkout()
    L.env_vars([('LUA', '"lua=5.3"')])
    python_setup(L, '2.7', '2.7.14', '9.0.1')
    h = L.start('pip install hererocks', fold='before_install.1')
    L.ln('Collecting hererocks')
    L.ln('  Downloading https://files.pythonhosted.org/packages/8f/8b/3a1f2bd4d2f3e3c9e0ddd17c6c3ad3e16ba9b3b2cd0b2b8e9a6b4e3ce5e1/hererocks-0.19.0-py2.py3-none-any.whl')
    L.ln('Installing collected packages: hererocks')
    L.ln('Successfully installed hererocks-0.19.0')
    L.end(h, dur=2.0, announce=None)
    L.raw('\n')
    h = L.start('hererocks lua_install -r^ --$LUA', fold='before_install.2')
    L.ln('Fetching Lua 5.3.5 (cached)')
    L.ln('Building Lua 5.3.5 (cached)')
    L.ln('Installing Lua 5.3.5')
    L.ln('Fetching LuaRocks 3.0.1 (cached)')
    L.ln('Building LuaRocks 3.0.1 (cached)')
    L.ln('Installing LuaRocks 3.0.1')
    L.ln('Done.')
    L.end(h, dur=1.5, announce=None)
    L.raw('\n')
    L.fold_start('before_install.3')
    L.ln('$ export PATH=$PATH:$PWD/lua_install/bin')
    L.fold_end('before_install.3')
    L.raw('\n')
    h = L.start('luarocks install busted', fold='install.1')
    li = f'{L.build_dir}/lua_install'
    L.ln('Installing https://luarocks.org/busted-2.0.rc13-0.rockspec')
    L.ln('Missing dependencies for busted 2.0.rc13-0:')
    deps = ['lua_cliargs 3.0', 'luasystem >= 0.2.0-0', 'dkjson >= 2.1.0', 'say >= 1.3-0', 'luassert >= 1.7.8-0',
            'lua-term >= 0.1-1', 'penlight >= 1.3.2-2', 'mediator_lua >= 1.1.1-0']
    for d in deps:
        L.ln(f'   {d} (not installed)')
    L.ln()
    L.ln('busted 2.0.rc13-0 depends on lua >= 5.1 (5.3-1 provided by VM)')
    for d, full in [('lua_cliargs', '3.0-2'), ('luasystem', '0.2.1-0'), ('dkjson', '2.5-2'), ('say', '1.3-1'), ('luassert', '1.7.11-0'),
                    ('lua-term', '0.7-1'), ('penlight', '1.5.4-1'), ('mediator_lua', '1.1.2-0')]:
        L.ln(f'busted 2.0.rc13-0 depends on {d} (not installed)')
        L.ln(f'Installing https://luarocks.org/{d}-{full}.src.rock')
        if d in ('luasystem', 'lua-term'):
            src = 'src/core.c' if d == 'luasystem' else 'core.c'
            L.ln(f'gcc -O2 -fPIC -I{li}/include -c {src} -o {src[:-2]}.o')
            L.ln(f'gcc -shared -o {"system" if d == "luasystem" else "term"}/core.so {src[:-2]}.o -L{li}/lib -lrt')
        if d == 'penlight':
            L.ln('penlight 1.5.4-1 depends on luafilesystem (not installed)')
            L.ln('Installing https://luarocks.org/luafilesystem-1.7.0-2.src.rock')
            L.ln(f'gcc -O2 -fPIC -I{li}/include -c src/lfs.c -o src/lfs.o')
            L.ln(f'gcc -shared -o lfs.so src/lfs.o -L{li}/lib')
            L.ln(f'luafilesystem 1.7.0-2 is now installed in {li} (license: MIT/X11)')
            L.ln()
        L.ln(f'{d} {full} is now installed in {li} (license: MIT)')
        L.ln()
    L.ln(f'busted 2.0.rc13-0 is now installed in {li} (license: MIT <http://opensource.org/licenses/MIT>)')
    L.end(h, dur=24.0, announce=None)
    L.raw('\n')
    h = L.start('luarocks install luacheck && luarocks install luacov', fold='install.2')
    L.ln('Installing https://luarocks.org/luacheck-0.22.1-1.src.rock')
    L.ln('luacheck 0.22.1-1 depends on lua >= 5.1 (5.3-1 provided by VM)')
    L.ln('luacheck 0.22.1-1 depends on luafilesystem >= 1.6.3 (1.7.0-2 installed)')
    L.ln(f'luacheck 0.22.1-1 is now installed in {li} (license: MIT)')
    L.ln()
    L.ln('Installing https://luarocks.org/luacov-0.13.0-1.src.rock')
    L.ln(f'luacov 0.13.0-1 is now installed in {li} (license: MIT)')
    L.end(h, dur=4.0, announce=None)
    L.raw('\n')
    h = L.start('luacheck src spec')
    for f in ['src/json/decode.lua', 'src/json/encode.lua', 'src/json/init.lua', 'spec/decode_spec.lua', 'spec/encode_spec.lua',
              'spec/errors_spec.lua']:
        L.ln(f'Checking {f:<40s}{green("OK")}')
    L.ln()
    L.ln(f'Total: {green("0")} warnings / {green("0")} errors in 6 files')
    L.end(h, dur=0.4)
    h = L.start('busted --coverage -o utfTerminal spec')
    dots = [green('●')] * 33 + [red('◼')] + [green('●')] * 11
    L.ln(''.join(dots))
    L.ln(f'{green("44")} successes / {red("1")} failure / {"0"} errors / {"0"} pending : 0.021547 seconds', 'C')
    L.ln()
    with L.mark('E'):
        L.ln(red('Failure') + ' → ' + cyan('spec/decode_spec.lua') + ' @ ' + cyan('61'))
        L.ln(bold('json.decode arrays keeps trailing null elements'))
        L.ln('spec/decode_spec.lua:64: Expected objects to be the same.')
        L.ln('Passed in:')
        L.ln('(table: 0x55c3a1e2d0f0) {')
        L.ln('  [1] = 1')
        L.ln('  [2] = 2 }')
        L.ln('Expected:')
        L.ln('(table: 0x55c3a1e2cf80) {')
        L.ln('  [1] = 1')
        L.ln('  [2] = 2')
        L.ln('  [3] = json.null }')
    L.ln()
    L.end(h, rc=1, dur=0.9)
    L.cache_store([f'{L.build_dir}/lua_install', '/home/travis/.cache/hererocks'], changed=False)
    L.done(1)
    return 'lua-busted-utfterminal', L, dict(ecosystem='lua', ci='travis', tool='busted', failure_kind='test')


# ---------------------------------------------------------------------------
@case
def crystal_spec():
    L = Travis(1201, 'vladfaust-fans', 'mini-router', 'crystal', dist='trusty', year=2018, when=1542000000)
    L.worker_info()
    L.system_info()
    L.checkout()
    L.ln('$ crystal --version')
    L.ln('Crystal 0.27.0 [c9d1eef8f] (2018-11-01)')
    L.ln()
    L.ln('LLVM: 4.0.0')
    L.ln('Default target: x86_64-unknown-linux-gnu')
    L.ln('$ shards --version')
    L.ln('Shards 0.8.1 (2018-10-21)')
    h = L.start('shards install', fold='install.deps')
    for d in ['luislavena/radix', 'jeromegn/kilt', 'crystal-lang/crystal-db', 'veelenga/ameba']:
        L.ln(f'Fetching https://github.com/{d}.git')
    for d, v in [('radix', '0.3.9'), ('kilt', '0.4.0'), ('db', '0.5.1'), ('ameba', '0.8.1')]:
        L.ln(f'Installing {d} ({v})')
    L.ln('Postinstall of ameba: make bin && make run_file')
    L.end(h, dur=14.0, announce=None)
    L.raw('\n')
    h = L.start('crystal tool format --check')
    L.end(h, dur=2.2)
    h = L.start('bin/ameba')
    L.ln('Inspecting 23 files.')
    L.ln()
    L.ln('.......................')
    L.ln()
    L.ln('Finished in 312.71 milliseconds')
    L.ln()
    L.ln('23 inspected, 0 failures.')
    L.end(h, dur=0.6)
    h = L.start('crystal spec')
    out = []
    res = '.' * 37 + 'F' + '.' * 58
    L.ln(''.join(green(c) if c == '.' else red(c) for c in res[:40]))
    L.ln('2018-11-12 05:21:09 UTC 500 GET /boom 152.0µs')
    L.ln('Exception: Intentional failure from handler (Exception)')
    L.ln("  from spec/handler_spec.cr:22:7 in '->'")
    L.ln("  from src/mini_router/handler.cr:41:9 in 'call'")
    L.ln("  from src/mini_router/handler.cr:18:5 in 'call'")
    L.ln("  from /usr/share/crystal/src/http/server/handler.cr:24:7 in 'call_next'")
    L.ln('2018-11-12 05:21:09 UTC 404 GET /nope 21.0µs')
    L.ln(''.join(green(c) if c == '.' else red(c) for c in res[40:]))
    L.ln()
    L.ln('Failures:')
    L.ln()
    with L.mark('E'):
        L.ln('  1) MiniRouter::Tree matches optional trailing slash')
        L.ln(red('     Failure/Error: result.found?.should be_true'))
        L.ln()
        L.ln(red('       Expected: true'))
        L.ln(red('            got: false'))
        L.ln()
        L.ln(cyan('     # spec/tree_spec.cr:88'))
    L.ln()
    L.ln('Finished in 31.25 milliseconds')
    L.ln(red('96 examples, 1 failures, 0 errors, 0 pending'), 'C')
    L.ln()
    L.ln('Failed examples:')
    L.ln()
    L.ln(red('crystal spec spec/tree_spec.cr:84') + cyan(' # MiniRouter::Tree matches optional trailing slash'), 'C')
    L.end(h, rc=1, dur=19.0)
    L.done(1)
    return 'crystal-spec', L, dict(ecosystem='crystal', ci='travis', tool='crystal spec', failure_kind='test')
