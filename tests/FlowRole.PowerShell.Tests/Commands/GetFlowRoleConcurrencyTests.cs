using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using FlowRole.PowerShell.Tests.Infrastructure;
using Xunit;

namespace FlowRole.PowerShell.Tests.Commands;

/// <summary>
/// One process, many runspaces: scheduled-hunting hosts and <c>ForEach-Object -Parallel</c> run Get-FlowRole on several
/// threads at once. Each call must classify its own flow, whatever the others bind at the same moment.
/// </summary>
public sealed class GetFlowRoleConcurrencyTests
{
    [Fact]
    public void Concurrent_calls_in_separate_runspaces_never_see_each_others_flows()
    {
        const int Runspaces = 4, Calls = 300;
        var sessions = Enumerable.Range(0, Runspaces).Select(_ => new PowerShellSession()).ToArray();
        try
        {
            // Every call in runspace n classifies 10.0.n.1:50000 -> 10.0.n.2:443 by parameters (the parameter set
            // whose binder is shared by all of them), Calls times over, all runspaces at once.
            string[][] clients = new string[Runspaces][];
            Parallel.For(0, Runspaces, n =>
            {
                clients[n] = sessions[n].Ok(
                    "param($n, $calls) foreach ($i in 1..$calls) { $r = Get-FlowRole \"10.0.$n.1\" 50000 \"10.0.$n.2\" 443 tcp; \"$($r.ClientAddress)>$($r.ServerAddress)\" }",
                    n, Calls).Select(o => o.BaseObject.ToString()!).ToArray();
            });

            for (int n = 0; n < Runspaces; n++)
            {
                Assert.Equal(Calls, clients[n].Length);
                Assert.All(clients[n], pair => Assert.Equal($"10.0.{n}.1>10.0.{n}.2", pair));
            }
        }
        finally
        {
            foreach (PowerShellSession session in sessions)
            {
                session.Dispose();
            }
        }
    }
}
