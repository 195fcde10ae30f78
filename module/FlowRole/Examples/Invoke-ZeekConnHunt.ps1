<#
.SYNOPSIS
    Daily hunt over Zeek conn logs: classifies a day's flows, keeps the findings at or above a severity, writes a
    dated report, and exits non-zero when something serious turned up.

.DESCRIPTION
    Reads every conn log of one day from a Zeek log archive (Zeek's layout: one folder per day, YYYY-MM-DD, holding
    rotated conn.HH:MM:SS-HH:MM:SS.log.gz files; plain and JSON logs work too), classifies the flows with FlowRole
    (learning roles across the whole day with -Learn), and writes the findings at or above -MinimumSeverity to
    flowrole-zeek-YYYY-MM-DD.csv (or .json) in -ReportDirectory. The report is written even when nothing is found,
    so "no report" always means "the hunt did not run".

    Exit codes, for schedulers and monitoring:
        0  the hunt ran; nothing at or above -FailOnSeverity
        2  the hunt ran; at least one finding at or above -FailOnSeverity (see the report)
        1  the hunt could not run (no logs for the day, unreadable files, bad parameters)

    Rows FlowRole cannot classify (broken lines, non-flow records) do not stop the hunt: they are counted, and the
    first few are shown as warnings.

.PARAMETER LogDirectory
    The Zeek log archive root (one folder per day), or a folder holding the day's conn logs directly.

.PARAMETER Date
    The day to hunt. Default: yesterday (local time), which suits a run shortly after midnight.

.PARAMETER MinimumSeverity
    Findings at or above this severity go into the report: Info, Low, Medium (default), High, Critical.

.PARAMETER FailOnSeverity
    A finding at or above this severity makes the exit code 2. Default: High.

.PARAMETER ReportDirectory
    Where the dated report is written. Default: the current directory.

.PARAMETER Format
    Csv (default) or Json (JSON lines).

.PARAMETER Policy
    A FlowRole policy file (JSON) layered over the default policy.

.PARAMETER InternalNetwork
    The organisation's networks as CIDR blocks (default: private, CGNAT, unique-local, loopback and link-local).

.PARAMETER Learn
    Learn roles across the whole day before classifying (more accurate; keeps the day's flows in memory).

.EXAMPLE
    ./Invoke-ZeekConnHunt.ps1 -LogDirectory /opt/zeek/logs -ReportDirectory /var/reports/flowrole -Learn

    Hunts yesterday's conn logs and writes /var/reports/flowrole/flowrole-zeek-<yesterday>.csv.

.EXAMPLE
    ./Invoke-ZeekConnHunt.ps1 -LogDirectory /opt/zeek/logs -Date 2026-08-01 -MinimumSeverity Low -Format Json

    Hunts a given day and keeps low-severity findings too, as JSON lines.

.NOTES
    Scheduling with cron (Linux; pwsh on the PATH, the FlowRole module in a PSModulePath folder), every day at 01:15:

        15 1 * * * pwsh -NoProfile -NonInteractive -File /opt/flowrole/Invoke-ZeekConnHunt.ps1 -LogDirectory /opt/zeek/logs -ReportDirectory /var/reports/flowrole -Learn || logger -t flowrole "hunt exit $?"

    Scheduling with Windows Task Scheduler (from an elevated PowerShell):

        $action  = New-ScheduledTaskAction -Execute 'pwsh.exe' -Argument '-NoProfile -NonInteractive -File C:\FlowRole\Invoke-ZeekConnHunt.ps1 -LogDirectory \\sensor\zeek-logs -ReportDirectory C:\Reports\FlowRole -Learn'
        $trigger = New-ScheduledTaskTrigger -Daily -At 1:15am
        Register-ScheduledTask -TaskName 'FlowRole Zeek hunt' -Action $action -Trigger $trigger -User 'NT AUTHORITY\SYSTEM'

    Task Scheduler records the exit code as the task's "Last Run Result" (0x2 when something high was found); alert
    on it, or on the report, from your monitoring.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $LogDirectory,

    [datetime] $Date = [datetime]::Today.AddDays(-1),

    [ValidateSet('Info', 'Low', 'Medium', 'High', 'Critical')]
    [string] $MinimumSeverity = 'Medium',

    [ValidateSet('Info', 'Low', 'Medium', 'High', 'Critical')]
    [string] $FailOnSeverity = 'High',

    [string] $ReportDirectory = '.',

    [ValidateSet('Csv', 'Json')]
    [string] $Format = 'Csv',

    [string] $Policy,

    [string[]] $InternalNetwork,

    [switch] $Learn
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

try {
    # The module beside this script (module/FlowRole/Examples) unless one is loaded or installed already.
    if (-not (Get-Module FlowRole)) {
        $manifest = [IO.Path]::Combine($PSScriptRoot, '..', 'FlowRole.psd1')
        if ([IO.File]::Exists($manifest)) { Import-Module $manifest } else { Import-Module FlowRole }
    }

    $root = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($LogDirectory)
    $dayName = $Date.ToString('yyyy-MM-dd', [cultureinfo]::InvariantCulture)
    $dayFolder = [IO.Path]::Combine($root, $dayName)
    $folder = if ([IO.Directory]::Exists($dayFolder)) { $dayFolder } else { $root }
    if (-not [IO.Directory]::Exists($folder)) { throw "No log directory '$root'." }
    $files = [IO.Directory]::GetFiles($folder, 'conn*.log*')
    if ($files.Count -eq 0) { throw "No Zeek conn logs for $dayName in '$folder'." }
    [Array]::Sort($files, [StringComparer]::Ordinal)  # rotated logs sort by their time range

    $reportFolder = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($ReportDirectory)
    [void][IO.Directory]::CreateDirectory($reportFolder)
    $extension = if ($Format -eq 'Json') { 'json' } else { 'csv' }
    $report = [IO.Path]::Combine($reportFolder, "flowrole-zeek-$dayName.$extension")

    $classify = @{ MinimumSeverity = $MinimumSeverity; Learn = $Learn }
    if ($Policy) { $classify.Policy = $Policy }
    if ($InternalNetwork) { $classify.InternalNetwork = $InternalNetwork }

    $PSCmdlet.WriteVerbose("Classifying $($files.Count) conn log(s) of $dayName into $report")
    $inputErrors = $null
    $findings = @(
        Import-FlowLog -LiteralPath $files -ErrorAction SilentlyContinue -ErrorVariable +inputErrors |
            Get-FlowRole @classify -ErrorAction SilentlyContinue -ErrorVariable +inputErrors |
            Export-FlowRole -LiteralPath $report -Format $Format -PassThru
    )

    $problems = @($inputErrors)
    for ($i = 0; $i -lt [Math]::Min(5, $problems.Count); $i++) { $PSCmdlet.WriteWarning($problems[$i].ToString()) }
    $failing = @($findings | Where-Object { $_.Severity -ge $FailOnSeverity })

    [pscustomobject]@{
        Day           = $dayName
        Logs          = $files.Count
        Findings      = $findings.Count
        AtFailLevel   = $failing.Count
        Unclassified  = $problems.Count
        Report        = $report
    }

    if ($failing.Count -gt 0) { exit 2 }
    exit 0
}
catch {
    [Console]::Error.WriteLine("Invoke-ZeekConnHunt: $($_.Exception.Message)")
    exit 1
}
