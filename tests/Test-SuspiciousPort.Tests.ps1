# Pester 5 tests of Test-SuspiciousPort, Get-PortInfo and Get-FlowRoleRule: ./build.ps1; Invoke-Pester ./tests

BeforeAll {
    $repo = [IO.Path]::GetDirectoryName($PSScriptRoot)
    $manifest = if ($env:FLOWROLE_MODULE_PATH) { $env:FLOWROLE_MODULE_PATH } else { [IO.Path]::Combine($repo, 'module', 'FlowRole', 'FlowRole.psd1') }
    Import-Module $manifest -Force
}

Describe 'Test-SuspiciousPort' {
    It 'flags a backdoor port on its own' {
        Test-SuspiciousPort 4444 -Quiet | Should -BeTrue
    }

    It 'answers for piped ports in order' {
        4444, 3389, 443 | Test-SuspiciousPort -Quiet | Should -Be @($true, $false, $false)
    }

    It 'shows what else a rule needs for a port' {
        $r = Test-SuspiciousPort 3389
        ($r.Findings | Where-Object RuleId -eq 'FR-RDP-INBOUND').Condition | Should -Be 'direction inbound'
        $r.ConditionalSeverity | Should -Be 'High'
    }

    It 'takes service names' {
        ('rdp' | Test-SuspiciousPort).Target | Should -Contain '3389/tcp'
    }

    It 'reports a value that is no port' {
        70000 | Test-SuspiciousPort -ErrorAction SilentlyContinue -ErrorVariable problems | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -Match '^InvalidPort,'
    }
}

Describe 'Get-PortInfo' {
    It 'knows the IANA name of 3389' {
        (Get-PortInfo 3389 -Transport tcp).ServiceName | Should -Be 'ms-wbt-server'
    }

    It 'finds ports by service name' {
        (Get-PortInfo -Service smb -Transport tcp).Port | Should -Contain 445
    }
}

Describe 'Get-FlowRoleRule' {
    It 'lists the default policy' {
        (Get-FlowRoleRule).Count | Should -BeGreaterThan 20
    }

    It 'finds rules by wildcard' {
        (Get-FlowRoleRule FR-RDP-*).Id | Should -Contain 'FR-RDP-INBOUND'
    }
}
