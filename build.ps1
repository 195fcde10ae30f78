<#
.SYNOPSIS
    Builds, tests and packages the FlowRole PowerShell module (and the Splunk app, when its packager is present).

.DESCRIPTION
    ./build.ps1 -Task Build      publishes the module's binaries into module/FlowRole, so that
                                 Import-Module ./module/FlowRole works from the clone
    ./build.ps1 -Task Test       Build, then the module's tests (the real PowerShell engine hosted in xunit), then the
                                 Pester files in tests/*.Tests.ps1 when Pester is installed
    ./build.ps1 -Task Package    Build, then lays out dist/FlowRole (ready to copy into a $env:PSModulePath folder),
                                 zips it as dist/FlowRole-<version>.zip, and builds the Splunk app package
                                 dist/flowrole-<version>.spl with tools/FlowRole.SplunkPackager (which publishes the
                                 Splunk command for linux-x64 and win-x64 unless given ready binaries), and
                                 publishes the flowrole command-line tool for this machine's platform into
                                 dist/flowrole-<version>-<rid>/ (NativeAOT on linux-x64)

    The script uses only PowerShell's core cmdlets and .NET calls, so it runs in Windows PowerShell 5.1, PowerShell
    7, and the engine-only host the tests use. It needs the .NET SDK (dotnet) on the PATH.

.PARAMETER Task
    Build (default), Test or Package.

.PARAMETER Configuration
    Release (default) or Debug.

.PARAMETER ArtifactsPath
    Where dotnet puts intermediate and build output (default: artifacts/ in the repository). Give your own to keep
    parallel builds apart.

.PARAMETER OutputPath
    Where Package writes the layout and the archives (default: dist/ in the repository).

.PARAMETER ModulePath
    The module folder Build completes with binaries (default: module/FlowRole in the repository).

.PARAMETER SkipSplunk
    Package the PowerShell module only.

.PARAMETER SkipCli
    Do not publish the flowrole command-line tool.

.PARAMETER CliBinary
    A build of the flowrole tool for this platform to package instead of publishing one.

.PARAMETER SplunkLinuxBinary
    A linux-x64 build of the Splunk command (flowrole_splunk) to package instead of publishing one, e.g. from an
    earlier CI step.

.PARAMETER SplunkLinuxV3Binary
    The x86-64-v3 build of the linux-x64 command to ship beside SplunkLinuxBinary (without it, a given
    SplunkLinuxBinary ships alone; when neither is given, the packager publishes both).

.PARAMETER SplunkWindowsBinary
    A win-x64 build of the Splunk command (flowrole_splunk.exe) to package instead of publishing one.

.PARAMETER SplunkLinuxOnly
    Build the Splunk app for Linux only (what Splunk Cloud runs): dist/flowrole-<version>-linux.spl.

.EXAMPLE
    ./build.ps1
    Import-Module ./module/FlowRole

.EXAMPLE
    ./build.ps1 -Task Package -SkipSplunk -OutputPath ./out

.EXAMPLE
    ./build.ps1 -Task Package -SplunkLinuxOnly
    Writes dist/FlowRole-<version>.zip and dist/flowrole-<version>-linux.spl.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package')]
    [string] $Task = 'Build',

    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release',

    [string] $ArtifactsPath,

    [string] $OutputPath,

    [string] $ModulePath,

    [switch] $SkipSplunk,

    [switch] $SkipCli,

    [string] $CliBinary,

    [string] $SplunkLinuxBinary,

    [string] $SplunkLinuxV3Binary,

    [string] $SplunkWindowsBinary,

    [switch] $SplunkLinuxOnly
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$repo = $PSScriptRoot
function Resolve-FullPath([string] $path, [string] $default) {
    if (-not $path) { return $default }
    return $PSCmdlet.GetUnresolvedProviderPathFromPSPath($path)
}

$ArtifactsPath = Resolve-FullPath $ArtifactsPath ([IO.Path]::Combine($repo, 'artifacts'))
$OutputPath = Resolve-FullPath $OutputPath ([IO.Path]::Combine($repo, 'dist'))
$ModulePath = Resolve-FullPath $ModulePath ([IO.Path]::Combine($repo, 'module', 'FlowRole'))
$moduleProject = [IO.Path]::Combine($repo, 'src', 'FlowRole.PowerShell', 'FlowRole.PowerShell.csproj')
$testProject = [IO.Path]::Combine($repo, 'tests', 'FlowRole.PowerShell.Tests', 'FlowRole.PowerShell.Tests.csproj')
$splunkPackager = [IO.Path]::Combine($repo, 'tools', 'FlowRole.SplunkPackager', 'FlowRole.SplunkPackager.csproj')
$cliProject = [IO.Path]::Combine($repo, 'src', 'FlowRole.Cli', 'FlowRole.Cli.csproj')

function Write-Step([string] $text) {
    $Host.UI.WriteLine("==> $text")
}

function Invoke-Dotnet {
    # dotnet's output is shown as it comes; a non-zero exit code stops the build.
    & dotnet @args | ForEach-Object { $Host.UI.WriteLine("$_") }
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args[0]) failed with exit code $LASTEXITCODE." }
}

function Copy-Tree([string] $source, [string] $destination, [string[]] $exclude) {
    [void][IO.Directory]::CreateDirectory($destination)
    foreach ($file in [IO.Directory]::GetFiles($source)) {
        $name = [IO.Path]::GetFileName($file)
        if ($exclude -notcontains $name) { [IO.File]::Copy($file, [IO.Path]::Combine($destination, $name), $true) }
    }
    foreach ($directory in [IO.Directory]::GetDirectories($source)) {
        Copy-Tree $directory ([IO.Path]::Combine($destination, [IO.Path]::GetFileName($directory))) $exclude
    }
}

function Test-ModuleImport([string] $manifest) {
    # A separate runspace, so the check sees the module as a user's session would.
    $ps = [powershell]::Create([initialsessionstate]::CreateDefault2())
    try {
        [void]$ps.AddScript('param($m) Import-Module $m -ErrorAction Stop; (Get-Command -Module FlowRole).Count; Test-SuspiciousPort 4444 -Quiet').AddArgument($manifest)
        $result = $ps.Invoke()
        if ($ps.HadErrors -or $result.Count -ne 2 -or $result[0] -ne 6 -or $result[1] -ne $true) {
            throw "The module at $manifest does not import and work: $($ps.Streams.Error -join '; ')"
        }
    }
    finally {
        $ps.Dispose()
    }
}

function Invoke-Build {
    Write-Step "Publishing the module ($Configuration) into $ModulePath"
    $publish = [IO.Path]::Combine($ArtifactsPath, 'module-publish', $Configuration.ToLowerInvariant())
    if ([IO.Directory]::Exists($publish)) { [IO.Directory]::Delete($publish, $true) }
    Invoke-Dotnet publish $moduleProject -c $Configuration -o $publish "-p:ArtifactsPath=$ArtifactsPath" --nologo

    # The manifest, views, type data, help and examples live in the module folder already; add the binaries. The
    # dependency DLLs matter on Windows PowerShell 5.1 (PowerShell 7 uses its own copies).
    [void][IO.Directory]::CreateDirectory($ModulePath)
    foreach ($dll in [IO.Directory]::GetFiles($publish, '*.dll')) {
        [IO.File]::Copy($dll, [IO.Path]::Combine($ModulePath, [IO.Path]::GetFileName($dll)), $true)
    }

    Test-ModuleImport ([IO.Path]::Combine($ModulePath, 'FlowRole.psd1'))
    Write-Step "Import-Module $ModulePath is ready"
}

function Invoke-Test {
    Write-Step 'Running the module tests in the hosted PowerShell engine'
    Invoke-Dotnet test $testProject -c $Configuration "-p:ArtifactsPath=$ArtifactsPath" --nologo

    if (Get-Module -ListAvailable Pester) {
        Write-Step 'Running the Pester tests'
        Import-Module Pester
        $result = Invoke-Pester -Path ([IO.Path]::Combine($repo, 'tests')) -PassThru
        if ($result.FailedCount -gt 0) { throw "$($result.FailedCount) Pester test(s) failed." }
    }
    else {
        Write-Step 'Pester is not installed: tests/*.Tests.ps1 skipped (the xunit suite parses them and runs them with a minimal Pester stand-in)'
    }
}

function Invoke-Package {
    $manifest = [IO.Path]::Combine($ModulePath, 'FlowRole.psd1')
    $version = (Test-ModuleManifest -Path $manifest).Version
    $layout = [IO.Path]::Combine($OutputPath, 'FlowRole')
    Write-Step "Laying out $layout (FlowRole $version)"
    if ([IO.Directory]::Exists($layout)) { [IO.Directory]::Delete($layout, $true) }
    Copy-Tree $ModulePath $layout @('.gitignore')
    Test-ModuleImport ([IO.Path]::Combine($layout, 'FlowRole.psd1'))

    $zip = [IO.Path]::Combine($OutputPath, "FlowRole-$version.zip")
    if ([IO.File]::Exists($zip)) { [IO.File]::Delete($zip) }
    # ZipFile lives in System.IO.Compression.ZipFile on .NET and System.IO.Compression.FileSystem on .NET Framework.
    try { [void][Reflection.Assembly]::Load('System.IO.Compression.ZipFile') }
    catch { [void][Reflection.Assembly]::LoadWithPartialName('System.IO.Compression.FileSystem') }
    [IO.Compression.ZipFile]::CreateFromDirectory($layout, $zip, [IO.Compression.CompressionLevel]::Optimal, $true)
    Write-Step "Wrote ${zip}: unzip it into a folder of `$env:PSModulePath, then Import-Module FlowRole"

    if (-not $SkipSplunk) { Invoke-SplunkPackage }
    if (-not $SkipCli) { Invoke-CliPackage }
}

function Get-ProductVersion {
    $props = [IO.File]::ReadAllText([IO.Path]::Combine($repo, 'Directory.Build.props'))
    $match = [regex]::Match($props, '<Version>\s*([^<\s]+)\s*</Version>')
    if (-not $match.Success) { throw 'Directory.Build.props has no <Version>: cannot name the package.' }
    return $match.Groups[1].Value
}

function Invoke-CliPackage {
    # NativeAOT compiles for the platform it runs on only, so the tool is published for this machine's platform.
    $windows = [IO.Path]::DirectorySeparatorChar -eq '\'
    $rid = if ($windows) { 'win-x64' } else { 'linux-x64' }
    $name = if ($windows) { 'flowrole.exe' } else { 'flowrole' }
    $folder = [IO.Path]::Combine($OutputPath, "flowrole-$(Get-ProductVersion)-$rid")
    if ([IO.Directory]::Exists($folder)) { [IO.Directory]::Delete($folder, $true) }
    [void][IO.Directory]::CreateDirectory($folder)
    $target = [IO.Path]::Combine($folder, $name)
    if ($CliBinary) {
        [IO.File]::Copy((Resolve-FullPath $CliBinary $null), $target, $true)
    }
    else {
        Write-Step "Publishing the flowrole tool for $rid"
        $publish = [IO.Path]::Combine($ArtifactsPath, 'cli-publish', $rid)
        Invoke-Dotnet publish $cliProject -c Release -r $rid -o $publish "-p:ArtifactsPath=$ArtifactsPath"
        [IO.File]::Copy([IO.Path]::Combine($publish, $name), $target, $true)
    }
    [IO.File]::Copy([IO.Path]::Combine($repo, 'README.md'), [IO.Path]::Combine($folder, 'README.md'), $true)
    Write-Step "Wrote ${target}: copy it into a folder on the PATH"
}

function Invoke-SplunkPackage {
    # The packager (tools/FlowRole.SplunkPackager) publishes the Splunk command for each platform, lays out
    # splunk-app/flowrole with the binaries and the version of Directory.Build.props, and writes the .spl.
    $suffix = if ($SplunkLinuxOnly) { '-linux' } else { '' }
    $spl = [IO.Path]::Combine($OutputPath, "flowrole-$(Get-ProductVersion)$suffix.spl")

    $arguments = @('--repo', $repo, '--output', $OutputPath, '--artifacts', $ArtifactsPath)
    if ($SplunkLinuxBinary) { $arguments += @('--linux-binary', (Resolve-FullPath $SplunkLinuxBinary $null)) }
    if ($SplunkLinuxV3Binary) { $arguments += @('--linux-v3-binary', (Resolve-FullPath $SplunkLinuxV3Binary $null)) }
    if ($SplunkWindowsBinary) { $arguments += @('--windows-binary', (Resolve-FullPath $SplunkWindowsBinary $null)) }
    if ($SplunkLinuxOnly) { $arguments += '--no-windows' }

    Write-Step "Building the Splunk app package $spl"
    if ([IO.File]::Exists($spl)) { [IO.File]::Delete($spl) }
    # The packager is a build tool: its Release build runs (it publishes the Splunk command in Release whatever
    # -Configuration says). '--' is quoted so PowerShell passes it on to dotnet instead of taking it as its own.
    Invoke-Dotnet run --project $splunkPackager -c Release "-p:ArtifactsPath=$ArtifactsPath" '--' @arguments
    if (-not [IO.File]::Exists($spl)) { throw "The Splunk packager finished but wrote no $spl." }
    Write-Step "Wrote ${spl}: install it in Splunk (Apps > Install app from file)"
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Build; Invoke-Test }
    'Package' { Invoke-Build; Invoke-Package }
}
