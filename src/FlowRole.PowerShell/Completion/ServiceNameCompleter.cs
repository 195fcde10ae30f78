using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using FlowRole.Flows;
using FlowRole.Ports;

namespace FlowRole.PowerShell.Completion;

/// <summary>Completes service names (IANA names and FlowRole's aliases such as <c>rdp</c>) from Core's port table.</summary>
public sealed class ServiceNameCompleter : IArgumentCompleter
{
    /// <summary>How many names one completion offers at most (the table holds several thousand).</summary>
    public const int MaxResults = 500;

    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string typed = CompletionText.Unquote(wordToComplete);
        var results = new List<CompletionResult>();
        foreach (string name in PortTable.Default.ServiceNames)
        {
            if (!CompletionText.Matches(name, typed))
            {
                continue;
            }

            results.Add(new CompletionResult(CompletionText.Quote(name), name, CompletionResultType.ParameterValue, ToolTip(name)));
            if (results.Count == MaxResults)
            {
                break;
            }
        }

        return results;
    }

    private static string ToolTip(string name)
    {
        IReadOnlyList<PortInfo> ports = PortTable.Default.FindByService(name);
        if (ports.Count == 0)
        {
            return name;
        }

        var parts = new List<string>();
        foreach (PortInfo info in ports)
        {
            parts.Add(info.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/" + Fields.FlowNames.Name(info.Transport));
            if (parts.Count == 6)
            {
                parts.Add("...");
                break;
            }
        }

        string description = ports[0].Description ?? string.Empty;
        return name + " (" + string.Join(", ", parts) + ")" + (description.Length > 0 ? ": " + description : string.Empty);
    }
}
