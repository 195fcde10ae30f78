<#
.SYNOPSIS
    Daily hunt over the Windows Firewall log: classifies a day's logged connections, keeps the findings at or above
    a severity, writes a dated report, and exits non-zero when something serious turned up.

.DESCRIPTION
    Reads the Windows Firewall log (pfirewall.log, and pfirewall.log.old when the log rolled over during the day),
    keeps the rows of one day, and classifies them with FlowRole. The log's path column (SEND, RECEIVE) tells who
    opened each connection, so allowed and dropped inbound attempts on RDP, SMB or WinRM are told apart from this
    host's own outbound traffic. Findings at or above -MinimumSeverity go to flowrole-firewall-YYYY-MM-DD.json (or
    .csv) in -ReportDirectory; the report is written even when nothing is found.

    Logging must be on: Set-NetFirewallProfile -All -LogAllowed True -LogBlocked True -LogMaxSizeKilobytes 32767

    Exit codes:
        0  the hunt ran; nothing at or above -FailOnSeverity
        2  the hunt ran; at least one finding at or above -FailOnSeverity
        1  the hunt could not run (no log, unreadable log, bad parameters)

.PARAMETER LogPath
    The firewall log. Default: %SystemRoot%\System32\LogFiles\Firewall\pfirewall.log (its .old file is read too).

.PARAMETER Date
    The day to hunt (the log's date column). Default: yesterday.

.PARAMETER MinimumSeverity
    Findings at or above this severity go into the report. Default: Medium.

.PARAMETER FailOnSeverity
    A finding at or above this severity makes the exit code 2. Default: High.

.PARAMETER ReportDirectory
    Where the dated report is written. Default: the current directory.

.PARAMETER Format
    Json (default, JSON lines) or Csv.

.PARAMETER Action
    Only rows with this action: ALLOW, DROP, or Any (default).

.PARAMETER InternalNetwork
    The organisation's networks as CIDR blocks.

.EXAMPLE
    .\Invoke-FirewallLogHunt.ps1 -ReportDirectory C:\Reports\FlowRole

    Hunts yesterday's rows of this host's firewall log.

.EXAMPLE
    .\Invoke-FirewallLogHunt.ps1 -LogPath \\ws23\c$\Windows\System32\LogFiles\Firewall\pfirewall.log -Date 2026-08-01 -Action ALLOW -Format Csv

    Hunts a remote host's log for one day, allowed connections only.

.NOTES
    Scheduling with Windows Task Scheduler (from an elevated PowerShell; the log is readable by administrators and
    SYSTEM only):

        $action  = New-ScheduledTaskAction -Execute 'powershell.exe' -Argument '-NoProfile -NonInteractive -ExecutionPolicy Bypass -File C:\FlowRole\Invoke-FirewallLogHunt.ps1 -ReportDirectory C:\Reports\FlowRole'
        $trigger = New-ScheduledTaskTrigger -Daily -At 12:30am
        Register-ScheduledTask -TaskName 'FlowRole firewall hunt' -Action $action -Trigger $trigger -User 'NT AUTHORITY\SYSTEM' -RunLevel Highest

    The script runs in Windows PowerShell 5.1 and in PowerShell 7 (pwsh.exe). The task's "Last Run Result" is the
    exit code. To collect logs centrally instead, copy pfirewall.log files to a share and point -LogPath at each.
#>
[CmdletBinding()]
param(
    [string] $LogPath,

    [datetime] $Date = [datetime]::Today.AddDays(-1),

    [ValidateSet('Info', 'Low', 'Medium', 'High', 'Critical')]
    [string] $MinimumSeverity = 'Medium',

    [ValidateSet('Info', 'Low', 'Medium', 'High', 'Critical')]
    [string] $FailOnSeverity = 'High',

    [string] $ReportDirectory = '.',

    [ValidateSet('Csv', 'Json')]
    [string] $Format = 'Json',

    [ValidateSet('Any', 'ALLOW', 'DROP')]
    [string] $Action = 'Any',

    [string[]] $InternalNetwork
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

try {
    if (-not (Get-Module FlowRole)) {
        $manifest = [IO.Path]::Combine($PSScriptRoot, '..', 'FlowRole.psd1')
        if ([IO.File]::Exists($manifest)) { Import-Module $manifest } else { Import-Module FlowRole }
    }

    if (-not $LogPath) {
        if (-not $env:SystemRoot) { throw 'Give -LogPath: there is no Windows Firewall log on this system.' }
        $LogPath = [IO.Path]::Combine($env:SystemRoot, 'System32', 'LogFiles', 'Firewall', 'pfirewall.log')
    }

    $log = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($LogPath)
    if (-not [IO.File]::Exists($log)) { throw "No firewall log at '$log'." }

    # The log rolls over to pfirewall.log.old when full: the day may start there. Read it first, in order.
    $files = @(if ([IO.File]::Exists("$log.old")) { "$log.old" }; $log)

    $reportFolder = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($ReportDirectory)
    [void][IO.Directory]::CreateDirectory($reportFolder)
    $dayName = $Date.ToString('yyyy-MM-dd', [cultureinfo]::InvariantCulture)
    $extension = if ($Format -eq 'Json') { 'json' } else { 'csv' }
    $report = [IO.Path]::Combine($reportFolder, "flowrole-firewall-$dayName.$extension")

    $classify = @{ MinimumSeverity = $MinimumSeverity }
    if ($InternalNetwork) { $classify.InternalNetwork = $InternalNetwork }

    $inputErrors = $null
    $findings = @(
        Import-FlowLog -LiteralPath $files -Format WindowsFirewall -ErrorAction SilentlyContinue -ErrorVariable +inputErrors |
            Where-Object { $_.date -eq $dayName -and ($Action -eq 'Any' -or $_.action -eq $Action) } |
            Get-FlowRole @classify -ErrorAction SilentlyContinue -ErrorVariable +inputErrors |
            Export-FlowRole -LiteralPath $report -Format $Format -PassThru
    )

    $problems = @($inputErrors)
    for ($i = 0; $i -lt [Math]::Min(5, $problems.Count); $i++) { $PSCmdlet.WriteWarning($problems[$i].ToString()) }
    $failing = @($findings | Where-Object { $_.Severity -ge $FailOnSeverity })

    [pscustomobject]@{
        Day          = $dayName
        Log          = $log
        Findings     = $findings.Count
        AtFailLevel  = $failing.Count
        Unclassified = $problems.Count
        Report       = $report
    }

    if ($failing.Count -gt 0) { exit 2 }
    exit 0
}
catch {
    [Console]::Error.WriteLine("Invoke-FirewallLogHunt: $($_.Exception.Message)")
    exit 1
}
