@{
    # The FlowRole module: binary cmdlets over FlowRole.Core (netstandard2.0, so one build loads in Windows
    # PowerShell 5.1 and PowerShell 7). build.ps1 copies the binaries beside this manifest.
    RootModule           = 'FlowRole.PowerShell.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5f0b8f4e-3d6c-4f8e-9b51-2a7c0e6d1f93'
    Author               = 'FlowRole contributors'
    CompanyName          = 'FlowRole'
    Copyright            = 'FlowRole contributors'
    Description          = 'Answers, for network flow records, who is the client and who the server, and whether the port use is suspicious. Classifies objects from Import-Csv (Splunk CIM, ECS, Zeek, Suricata, Sysmon exports), Get-NetTCPConnection, Import-FlowLog (Zeek conn.log TSV/JSON, Suricata eve.json, CSV, Windows Firewall logs) and the live connection table, with a suspicious-port policy built from Sigma, Splunk and ATT&CK knowledge.'
    CompatiblePSEditions = @('Core', 'Desktop')
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    RequiredAssemblies   = @('FlowRole.Core.dll')
    TypesToProcess       = @('FlowRole.types.ps1xml')
    FormatsToProcess     = @('FlowRole.format.ps1xml')
    CmdletsToExport      = @(
        'Get-FlowRole'
        'Test-SuspiciousPort'
        'Get-PortInfo'
        'Import-FlowLog'
        'Export-FlowRole'
        'Get-FlowRoleRule'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Network', 'Security', 'Flows', 'Zeek', 'Suricata', 'Sysmon', 'Firewall', 'ThreatHunting', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/flowrole/flowrole'
            ReleaseNotes = 'First release: Get-FlowRole, Test-SuspiciousPort, Get-PortInfo, Import-FlowLog, Export-FlowRole, Get-FlowRoleRule.'
        }
    }
}
