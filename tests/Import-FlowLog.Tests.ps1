# Pester 5 tests of Import-FlowLog and Export-FlowRole: ./build.ps1; Invoke-Pester ./tests

BeforeAll {
    $repo = [IO.Path]::GetDirectoryName($PSScriptRoot)
    $manifest = if ($env:FLOWROLE_MODULE_PATH) { $env:FLOWROLE_MODULE_PATH } else { [IO.Path]::Combine($repo, 'module', 'FlowRole', 'FlowRole.psd1') }
    Import-Module $manifest -Force
    $samples = [IO.Path]::Combine($repo, 'samples')
    $out = [IO.Path]::Combine([IO.Path]::GetTempPath(), 'flowrole-pester-' + [guid]::NewGuid().ToString('N'))
    [void][IO.Directory]::CreateDirectory($out)
}

AfterAll {
    [IO.Directory]::Delete($out, $true)
}

Describe 'Import-FlowLog' {
    It 'reads every format the samples hold' {
        (Import-FlowLog ([IO.Path]::Combine($samples, 'zeek', 'conn.log'))).Count | Should -Be 13
        (Import-FlowLog ([IO.Path]::Combine($samples, 'zeek', 'conn.json'))).Count | Should -Be 13
        (Import-FlowLog ([IO.Path]::Combine($samples, 'suricata', 'eve.json'))).Count | Should -Be 10
        (Import-FlowLog ([IO.Path]::Combine($samples, 'windows', 'pfirewall.log'))).Count | Should -Be 10
        (Import-FlowLog ([IO.Path]::Combine($samples, 'flows.csv'))).Count | Should -Be 20
    }

    It 'shows columns as properties' {
        $first = Import-FlowLog ([IO.Path]::Combine($samples, 'zeek', 'conn.log')) | Where-Object { $_.'id.resp_p' -eq '3389' }
        $first[0].'id.orig_h' | Should -Be '198.51.100.77'
    }

    It 'reports a missing file and goes on' {
        $rows = Import-FlowLog ([IO.Path]::Combine($out, 'none.log')), ([IO.Path]::Combine($samples, 'flows.csv')) -ErrorAction SilentlyContinue -ErrorVariable problems
        $rows.Count | Should -Be 20
        $problems[0].FullyQualifiedErrorId | Should -Match '^PathNotFound,'
    }
}

Describe 'Export-FlowRole' {
    It 'writes the input columns and then the output contract' {
        $file = [IO.Path]::Combine($out, 'flows.csv')
        Import-FlowLog ([IO.Path]::Combine($samples, 'flows.csv')) | Get-FlowRole | Export-FlowRole $file
        $lines = [IO.File]::ReadAllLines($file)
        $lines[0] | Should -Match '^_time,src_ip,src_port,dest_ip,dest_port,transport,.*,client_ip,client_port,server_ip,server_port,transport,service,'
        $lines.Count | Should -Be 21
    }

    It 'writes JSON lines for a .jsonl file' {
        $file = [IO.Path]::Combine($out, 'eve.jsonl')
        Import-FlowLog ([IO.Path]::Combine($samples, 'suricata', 'eve.json')) | Get-FlowRole -ErrorAction SilentlyContinue | Export-FlowRole $file
        [IO.File]::ReadAllLines($file)[0] | Should -Match '"role_basis":"'
    }
}
