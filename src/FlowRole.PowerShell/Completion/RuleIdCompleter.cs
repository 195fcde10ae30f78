using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Language;
using FlowRole.Fields;
using FlowRole.Policy;

namespace FlowRole.PowerShell.Completion;

/// <summary>
/// Completes policy rule ids, with each rule's severity and title as the tooltip. When the command already has a
/// <c>-Policy</c> file, its rules are offered (the file layered over the default); otherwise the default policy's.
/// </summary>
public sealed class RuleIdCompleter : IArgumentCompleter
{
    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string typed = CompletionText.Unquote(wordToComplete);
        var results = new List<CompletionResult>();
        foreach (PolicyRule rule in PolicyOf(fakeBoundParameters).Rules)
        {
            if (CompletionText.Matches(rule.Id, typed))
            {
                results.Add(new CompletionResult(CompletionText.Quote(rule.Id), rule.Id, CompletionResultType.ParameterValue,
                    "[" + FlowNames.Name(rule.Severity) + "] " + rule.Title));
            }
        }

        return results;
    }

    private static PortPolicy PolicyOf(IDictionary? bound)
    {
        if (bound is not null && bound.Contains("Policy") && ValueOf(bound["Policy"]) is string path && path.Length > 0)
        {
            try
            {
                return PortPolicy.Load(ResolvePath(path));
            }
            catch (Exception e) when (e is PolicyException or IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                // A policy that cannot be loaded yet (still being typed, or broken) must not break completion.
            }
        }

        return PortPolicy.Default;
    }

    private static string ResolvePath(string path)
    {
        try
        {
            // Completion runs on the session's thread: a relative path means what it means at the prompt.
            if (System.Management.Automation.Runspaces.Runspace.DefaultRunspace is { } runspace)
            {
                return runspace.SessionStateProxy.Path.GetUnresolvedProviderPathFromPSPath(path);
            }
        }
        catch (Exception e) when (e is PSInvalidOperationException or ItemNotFoundException or System.Management.Automation.DriveNotFoundException or ProviderNotFoundException or NotSupportedException)
        {
            // Fall back to the process's working directory.
        }

        return Path.GetFullPath(path);
    }

    private static object? ValueOf(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;
}
