using FlowRole.PowerShell.Tests.Infrastructure;
using Xunit;

namespace FlowRole.PowerShell.Tests.Commands;

public class SmokeTests : IClassFixture<PowerShellSession>
{
    private readonly PowerShellSession _ps;

    public SmokeTests(PowerShellSession ps) => _ps = ps;

    [Fact]
    public void Module_loads_and_classifies()
    {
        var r = _ps.Run("[pscustomobject]@{src_ip='10.0.0.1'; src_port=50000; dest_ip='8.8.8.8'; dest_port=53; transport='udp'} | Get-FlowRole");
        Assert.Empty(r.Errors);
        Assert.Single(r.Output);
    }
}
