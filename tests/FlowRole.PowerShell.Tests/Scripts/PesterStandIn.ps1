# A minimal stand-in for Pester 5 (Describe, Context, It, BeforeAll, AfterAll, Should), enough to run the repository's
# tests/*.Tests.ps1 in the engine-only PowerShell the xunit suite hosts, where Pester cannot be installed. Like Pester,
# a block's BeforeAll runs before its body and its AfterAll after, in the block's scope, so It blocks see what
# BeforeAll set. Only the Should operators those files use are implemented.

$script:StandInResults = [System.Collections.Generic.List[object]]::new()
$script:StandInPath = [System.Collections.Generic.List[string]]::new()

function Get-StandInChildBlock($ScriptBlockAst, [string] $Kind) {
    foreach ($statement in $ScriptBlockAst.EndBlock.Statements) {
        if ($statement -is [System.Management.Automation.Language.PipelineAst] -and $statement.PipelineElements.Count -eq 1) {
            $command = $statement.PipelineElements[0]
            if ($command -is [System.Management.Automation.Language.CommandAst] -and $command.GetCommandName() -eq $Kind) {
                foreach ($element in $command.CommandElements) {
                    if ($element -is [System.Management.Automation.Language.ScriptBlockExpressionAst]) {
                        $element.ScriptBlock.GetScriptBlock()
                    }
                }
            }
        }
    }
}

function BeforeAll { }  # run by the enclosing block, before its body
function AfterAll { }   # run by the enclosing block, after its body

function Describe([string] $__name, [scriptblock] $__fixture) {
    $script:StandInPath.Add($__name)
    try {
        foreach ($__block in Get-StandInChildBlock $__fixture.Ast 'BeforeAll') { . $__block }
        . $__fixture
        foreach ($__block in Get-StandInChildBlock $__fixture.Ast 'AfterAll') { . $__block }
    }
    finally {
        $script:StandInPath.RemoveAt($script:StandInPath.Count - 1)
    }
}

function Context([string] $__name, [scriptblock] $__fixture) { Describe $__name $__fixture }

function It([string] $__name, [scriptblock] $__test) {
    $full = (@($script:StandInPath) + $__name) -join ' > '
    try {
        $null = & $__test
        $script:StandInResults.Add([pscustomobject]@{ Name = $full; Passed = $true; Message = '' })
    }
    catch {
        $script:StandInResults.Add([pscustomobject]@{ Name = $full; Passed = $false; Message = $_.ToString() + ' ' + $_.InvocationInfo.PositionMessage })
    }
}

function Should {
    param(
        [Parameter(ValueFromPipeline)] $ActualValue,
        [Parameter(Position = 0)] $ExpectedValue,
        [switch] $Not,
        [switch] $Be,
        [switch] $BeTrue,
        [switch] $BeFalse,
        [switch] $BeNullOrEmpty,
        [switch] $Contain,
        [switch] $HaveCount,
        [switch] $Match,
        [switch] $BeGreaterThan,
        [switch] $BeGreaterOrEqual,
        [switch] $Throw,
        [string] $ErrorId
    )
    begin { $items = [System.Collections.Generic.List[object]]::new() }
    process { if ($MyInvocation.ExpectingInput) { $items.Add($ActualValue) } }
    end {
        $first = if ($items.Count -gt 0) { $items[0] } else { $null }
        $ok = $false
        $what = ''
        if ($Be) {
            $expected = @($ExpectedValue)
            $ok = $items.Count -eq $expected.Count
            for ($i = 0; $ok -and $i -lt $items.Count; $i++) { $ok = $items[$i] -eq $expected[$i] }
            $what = "to be '$($expected -join ', ')'"
        }
        elseif ($BeTrue) { $ok = $items.Count -eq 1 -and $first -eq $true; $what = 'to be $true' }
        elseif ($BeFalse) { $ok = $items.Count -eq 1 -and $first -eq $false; $what = 'to be $false' }
        elseif ($BeNullOrEmpty) { $ok = $items.Count -eq 0 -or ($items.Count -eq 1 -and [string]::IsNullOrEmpty([string]$first)); $what = 'to be null or empty' }
        elseif ($Contain) { $ok = $items -contains $ExpectedValue; $what = "to contain '$ExpectedValue'" }
        elseif ($HaveCount) { $ok = $items.Count -eq $ExpectedValue; $what = "to have $ExpectedValue item(s)" }
        elseif ($Match) { $ok = $items.Count -eq 1 -and [string]$first -match $ExpectedValue; $what = "to match '$ExpectedValue'" }
        elseif ($BeGreaterThan) { $ok = $items.Count -eq 1 -and $first -gt $ExpectedValue; $what = "to be greater than '$ExpectedValue'" }
        elseif ($BeGreaterOrEqual) { $ok = $items.Count -eq 1 -and $first -ge $ExpectedValue; $what = "to be at least '$ExpectedValue'" }
        elseif ($Throw) {
            $caught = $null
            try { $null = & $first } catch { $caught = $_ }
            $ok = $null -ne $caught -and (-not $ErrorId -or $caught.FullyQualifiedErrorId -like "*$ErrorId*")
            $what = 'to throw' + $(if ($ErrorId) { " with error id '$ErrorId'" } else { '' })
            if ($Not) { $what += " (threw: $caught)" }
        }
        else { throw 'Should: this stand-in does not know that operator.' }

        if ($Not) { $ok = -not $ok; $what = 'not ' + $what }
        if (-not $ok) { throw "Expected $what, but got '$($items -join ', ')'." }
    }
}

function Invoke-StandInFile([string] $Path) {
    $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref]$null, [ref]$errors)
    if ($errors.Count -gt 0) { throw "$Path does not parse: $($errors[0])" }
    & {
        foreach ($__block in Get-StandInChildBlock $ast 'BeforeAll') { . $__block }
        . $Path
        foreach ($__block in Get-StandInChildBlock $ast 'AfterAll') { . $__block }
    }
    $script:StandInResults
}
