using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace FlowRole.PowerShell.Completion;

/// <summary>Completes transport names; any IANA keyword or protocol number is accepted, these are the common ones.</summary>
public sealed class TransportCompleter : IArgumentCompleter
{
    private static readonly (string Name, string Tip)[] Names =
    {
        ("tcp", "TCP (protocol 6)"),
        ("udp", "UDP (protocol 17)"),
        ("sctp", "SCTP (protocol 132)"),
        ("icmp", "ICMP (protocol 1)"),
        ("ipv6-icmp", "ICMPv6 (protocol 58)"),
    };

    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string typed = CompletionText.Unquote(wordToComplete);
        foreach ((string name, string tip) in Names)
        {
            if (CompletionText.Matches(name, typed))
            {
                yield return new CompletionResult(name, name, CompletionResultType.ParameterValue, tip);
            }
        }
    }
}
