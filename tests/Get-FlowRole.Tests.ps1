# Pester 5 tests of Get-FlowRole, for people with pwsh and Pester: ./build.ps1; Invoke-Pester ./tests
# (The xunit suite parses these files and runs them with a minimal Pester stand-in, so they stay valid here too.)

BeforeAll {
    $repo = [IO.Path]::GetDirectoryName($PSScriptRoot)
    $manifest = if ($env:FLOWROLE_MODULE_PATH) { $env:FLOWROLE_MODULE_PATH } else { [IO.Path]::Combine($repo, 'module', 'FlowRole', 'FlowRole.psd1') }
    Import-Module $manifest -Force
    $samples = [IO.Path]::Combine($repo, 'samples')
}

Describe 'Get-FlowRole' {
    Context 'binding piped objects by property name' {
        It 'turns a reply record around (CIM names, SYN-ACK from the server)' {
            $r = [pscustomobject]@{ src_ip = '93.184.216.34'; src_port = '443'; dest_ip = '10.0.0.23'; dest_port = '52814'; transport = 'tcp'; tcp_flag = 'SYN,ACK' } | Get-FlowRole
            $r.ClientAddress | Should -Be '10.0.0.23'
            $r.ServerPort | Should -Be 443
            $r.Swapped | Should -BeTrue
            $r.RoleBasis | Should -Be 'tcp_flags'
        }

        It 'binds nested ECS objects through dotted names' {
            $event = [pscustomobject]@{
                source      = [pscustomobject]@{ ip = '203.0.113.9'; port = 45112 }
                destination = [pscustomobject]@{ ip = '10.0.0.11'; port = 445 }
                network     = [pscustomobject]@{ transport = 'tcp' }
            }
            $r = $event | Get-FlowRole
            $r.Direction | Should -Be 'inbound'
            $r.Findings | Should -Contain 'FR-SMB-INBOUND'
        }

        It 'binds Get-NetTCPConnection-shaped objects and reads their state' {
            $r = [pscustomobject]@{ LocalAddress = '10.0.0.23'; LocalPort = 49901; RemoteAddress = '203.0.113.66'; RemotePort = 4444; State = 'SynSent' } | Get-FlowRole
            $r.ServerAddress | Should -Be '203.0.113.66'
            $r.RoleBasis | Should -Be 'initiator'
            $r.Severity | Should -BeGreaterOrEqual 'High'
        }

        It 'keeps the object that came in' {
            $in = [pscustomobject]@{ src_ip = '10.0.0.1'; src_port = 50000; dest_ip = '10.0.0.2'; dest_port = 53; transport = 'udp'; note = 'mine' }
            ($in | Get-FlowRole).InputObject.note | Should -Be 'mine'
        }
    }

    Context 'errors' {
        It 'reports a bad record as a non-terminating error and goes on' {
            $flows = @(
                [pscustomobject]@{ src_ip = '10.0.0.1'; src_port = 1; dest_ip = '10.0.0.2'; dest_port = 22 }
                [pscustomobject]@{ src_ip = '10.0.0.1'; src_port = 1; dest_ip = '10.0.0.2'; dest_port = 70000 }
                [pscustomobject]@{ src_ip = '10.0.0.3'; src_port = 1; dest_ip = '10.0.0.2'; dest_port = 22 }
            )
            $results = $flows | Get-FlowRole -ErrorAction SilentlyContinue -ErrorVariable problems
            $results | Should -HaveCount 2
            $problems | Should -HaveCount 1
            $problems[0].FullyQualifiedErrorId | Should -Be 'InvalidPort,FlowRole.PowerShell.Commands.GetFlowRoleCommand'
            $problems[0].TargetObject | Should -Be '70000'
        }

        It 'stops at the first bad record with -ErrorAction Stop' {
            { [pscustomobject]@{ src_ip = 'nope'; src_port = 1; dest_ip = '10.0.0.2'; dest_port = 22 } | Get-FlowRole -ErrorAction Stop } |
                Should -Throw -ErrorId 'InvalidAddress,FlowRole.PowerShell.Commands.GetFlowRoleCommand'
        }
    }

    Context 'parameters' {
        It 'classifies a flow given as parameters' {
            $r = Get-FlowRole -SourceAddress 203.0.113.9 -SourcePort 50211 -DestinationAddress 10.0.0.5 -DestinationPort 3389 -Transport tcp
            $r.Suspicious | Should -BeTrue
            $r.Findings | Should -Contain 'FR-RDP-INBOUND'
        }

        It 'uses internal networks for the direction' {
            $r = Get-FlowRole 203.0.113.9 50211 10.0.0.5 3389 tcp -InternalNetwork 10.0.0.0/8, 203.0.113.0/24
            $r.Direction | Should -Be 'internal'
        }

        It 'learns roles across the set with -Learn' {
            $flows = 1..6 | ForEach-Object { [pscustomobject]@{ src_ip = "10.0.1.$_"; src_port = 40000 + $_; dest_ip = '10.0.0.50'; dest_port = 55000; transport = 'tcp' } }
            $results = $flows | Get-FlowRole -Learn
            $results.ServerPort | Should -Be @(55000, 55000, 55000, 55000, 55000, 55000)
            ($results | Where-Object RoleBasis -eq 'learned') | Should -HaveCount 6
        }

        It 'classifies the live connection table' {
            { Get-FlowRole -LocalConnections } | Should -Not -Throw
        }
    }

    Context 'a Zeek log' {
        It 'classifies every row of the sample conn.log' {
            $results = Import-FlowLog ([IO.Path]::Combine($samples, 'zeek', 'conn.log')) | Get-FlowRole
            $results | Should -HaveCount 13
            ($results | Where-Object Severity -ge High).Count | Should -BeGreaterThan 0
        }
    }
}
