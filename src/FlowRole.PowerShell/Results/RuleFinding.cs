using System.Collections.Generic;
using FlowRole.Policy;

namespace FlowRole.PowerShell.Results;

/// <summary>
/// A policy rule that flags a port or a flow, as <c>Test-SuspiciousPort</c> reports it. For a port alone the rule may
/// need more than the port to fire (a direction, a scope, a client port): <see cref="Condition"/> says what.
/// </summary>
public sealed class RuleFinding
{
    internal RuleFinding(PolicyRule rule, string condition)
    {
        Rule = rule;
        Condition = condition;
    }

    /// <summary>The rule's id (e.g. FR-RDP-INBOUND).</summary>
    public string RuleId => Rule.Id;

    /// <summary>The rule's title.</summary>
    public string Title => Rule.Title;

    /// <summary>The rule's severity.</summary>
    public Severity Severity => Rule.Severity;

    /// <summary>ATT&amp;CK technique ids of the rule.</summary>
    public IReadOnlyList<string> AttackTechniques => Rule.AttackTechniques;

    /// <summary>External rules it implements (sigma:&lt;id&gt;, splunk:&lt;id&gt;...).</summary>
    public IReadOnlyList<string> Sources => Rule.Sources;

    /// <summary>What else the rule needs besides the port (e.g. "direction inbound"); empty when the port alone fires it or the flow matched.</summary>
    public string Condition { get; }

    /// <summary>The policy rule itself.</summary>
    public PolicyRule Rule { get; }

    /// <inheritdoc/>
    public override string ToString() => Condition.Length == 0 ? RuleId : RuleId + " (" + Condition + ")";
}
