<#
.SYNOPSIS
    Checks this host's live connections every few minutes: classifies them, appends the findings to a daily report,
    and exits non-zero when something serious is connected right now.

.DESCRIPTION
    Classifies the host's current TCP connections with Get-FlowRole -LocalConnections, which reads the connection
    table through .NET (Windows, Linux and macOS) and uses the host's own TCP and UDP listeners as evidence of which
    side serves. Findings at or above -MinimumSeverity are appended to flowrole-live-YYYY-MM-DD.json (JSON lines, one
    file per day) in -ReportDirectory, each with the time of the snapshot.

    Exit codes:
        0  nothing at or above -FailOnSeverity right now
        2  at least one live connection at or above -FailOnSeverity
        1  the check could not run

.PARAMETER MinimumSeverity
    Findings at or above this severity are reported. Default: Medium.

.PARAMETER FailOnSeverity
    A finding at or above this severity makes the exit code 2. Default: High.

.PARAMETER ReportDirectory
    Where the daily report is appended. Default: the current directory.

.PARAMETER Policy
    A FlowRole policy file (JSON) layered over the default policy.

.PARAMETER InternalNetwork
    The organisation's networks as CIDR blocks.

.EXAMPLE
    ./Invoke-LiveConnectionHunt.ps1 -ReportDirectory /var/reports/flowrole -FailOnSeverity Medium

    One snapshot; exit code 2 when a medium-or-worse connection is open.

.NOTES
    Scheduling with cron, every 10 minutes:

        */10 * * * * pwsh -NoProfile -NonInteractive -File /opt/flowrole/Invoke-LiveConnectionHunt.ps1 -ReportDirectory /var/reports/flowrole

    Scheduling with Windows Task Scheduler, every 10 minutes:

        $action  = New-ScheduledTaskAction -Execute 'pwsh.exe' -Argument '-NoProfile -NonInteractive -File C:\FlowRole\Invoke-LiveConnectionHunt.ps1 -ReportDirectory C:\Reports\FlowRole'
        $trigger = New-ScheduledTaskTrigger -Once -At (Get-Date) -RepetitionInterval (New-TimeSpan -Minutes 10)
        Register-ScheduledTask -TaskName 'FlowRole live connections' -Action $action -Trigger $trigger -User 'NT AUTHORITY\SYSTEM'
#>
[CmdletBinding()]
param(
    [ValidateSet('Info', 'Low', 'Medium', 'High', 'Critical')]
    [string] $MinimumSeverity = 'Medium',

    [ValidateSet('Info', 'Low', 'Medium', 'High', 'Critical')]
    [string] $FailOnSeverity = 'High',

    [string] $ReportDirectory = '.',

    [string] $Policy,

    [string[]] $InternalNetwork
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

try {
    if (-not (Get-Module FlowRole)) {
        $manifest = [IO.Path]::Combine($PSScriptRoot, '..', 'FlowRole.psd1')
        if ([IO.File]::Exists($manifest)) { Import-Module $manifest } else { Import-Module FlowRole }
    }

    $now = [datetime]::Now
    $reportFolder = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($ReportDirectory)
    [void][IO.Directory]::CreateDirectory($reportFolder)
    $report = [IO.Path]::Combine($reportFolder, 'flowrole-live-' + $now.ToString('yyyy-MM-dd', [cultureinfo]::InvariantCulture) + '.json')

    $classify = @{ MinimumSeverity = $MinimumSeverity }
    if ($Policy) { $classify.Policy = $Policy }
    if ($InternalNetwork) { $classify.InternalNetwork = $InternalNetwork }
    $findings = @(Get-FlowRole -LocalConnections @classify)

    # One JSON line per finding, appended: FlowRole's own JSON writer renders each, then the snapshot time leads.
    $snapshot = [IO.Path]::Combine($reportFolder, ".flowrole-live-$PID.json")
    try {
        $findings | Export-FlowRole -LiteralPath $snapshot -Format Json
        $stamp = '{"snapshot_time":"' + $now.ToUniversalTime().ToString('o', [cultureinfo]::InvariantCulture) + '",'
        $lines = [IO.File]::ReadAllLines($snapshot) | ForEach-Object { $stamp + $_.Substring(1) }
        if ($lines) { [IO.File]::AppendAllLines($report, [string[]]$lines) }
    }
    finally {
        [IO.File]::Delete($snapshot)
    }

    $failing = @($findings | Where-Object { $_.Severity -ge $FailOnSeverity })
    foreach ($finding in $failing) {
        $PSCmdlet.WriteWarning("$($finding.Severity): $($finding.ClientAddress):$($finding.ClientPort) -> $($finding.ServerAddress):$($finding.ServerPort) ($($finding.Findings -join ', '))")
    }

    [pscustomobject]@{
        Time        = $now
        Findings    = $findings.Count
        AtFailLevel = $failing.Count
        Report      = $report
    }

    if ($failing.Count -gt 0) { exit 2 }
    exit 0
}
catch {
    [Console]::Error.WriteLine("Invoke-LiveConnectionHunt: $($_.Exception.Message)")
    exit 1
}
