using System.Management.Automation;

namespace FlowRole.PowerShell.Tests.Benchmark;

/// <summary>
/// A binary cmdlet that writes one new, nearly empty object for each object it reads and does nothing else: what
/// PowerShell costs per object for any cmdlet that returns a result of its own (the engine wraps each one in a
/// PSObject, and a collected pipeline keeps them all), so the benchmark can show how much of Get-FlowRole's time is
/// that and how much is FlowRole's work.
/// </summary>
[Cmdlet("Write", "FlowRoleStub")]
public sealed class EmitStubCommand : PSCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    protected override void ProcessRecord() => WriteObject(new Stub(InputObject));

    /// <summary>The smallest result that still refers to its input, as every Get-FlowRole result does.</summary>
    public sealed class Stub
    {
        public Stub(PSObject? input) => Input = input;

        public PSObject? Input { get; }
    }
}
