using System.Management.Automation;

namespace FlowRole.PowerShell.Tests.Benchmark;

/// <summary>
/// A binary cmdlet that passes each object on and does nothing else: what PowerShell itself costs per object for a
/// cmdlet shaped like Get-FlowRole (one pipeline parameter bound by value, one object written per object read). The
/// benchmark measures it as the floor no cmdlet can go below.
/// </summary>
[Cmdlet("Skip", "FlowRoleWork")]
public sealed class PassThroughCommand : PSCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    protected override void ProcessRecord() => WriteObject(InputObject);
}
