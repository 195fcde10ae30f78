using System.Collections.Generic;
using FlowRole.Policy;

namespace FlowRole.PowerShell.Results;

/// <summary>
/// <c>Test-SuspiciousPort</c>'s answer for one port or one flow: the policy rules that flag it, the highest severity,
/// and whether that reaches the policy's threshold.
/// </summary>
public sealed class PortTestResult
{
    internal PortTestResult(string target, int port, string transport, string? service, IReadOnlyList<RuleFinding> findings,
        Severity severity, Severity conditionalSeverity, bool suspicious, FlowRoleResult? flow, object? inputObject)
    {
        Target = target;
        Port = port;
        Transport = transport;
        Service = service;
        Findings = findings;
        Severity = severity;
        ConditionalSeverity = conditionalSeverity;
        Suspicious = suspicious;
        Flow = flow;
        InputObject = inputObject;
    }

    /// <summary>What was tested: <c>4444/tcp</c> for a port, <c>client -&gt; server/transport</c> for a flow.</summary>
    public string Target { get; }

    /// <summary>The port tested (for a flow, the server's port).</summary>
    public int Port { get; }

    /// <summary>The transport (tcp, udp, sctp...).</summary>
    public string Transport { get; }

    /// <summary>The port's service name; null when unknown.</summary>
    public string? Service { get; }

    /// <summary>
    /// The rules that flag it. For a port: every rule naming it as a server port, with what else the rule needs; for a
    /// flow: the rules that matched.
    /// </summary>
    public IReadOnlyList<RuleFinding> Findings { get; }

    /// <summary>
    /// The highest severity of the findings that hold as they are: for a flow, every matched rule; for a port, the rules
    /// the port alone fires (no <see cref="RuleFinding.Condition"/>). None when there is none.
    /// </summary>
    public Severity Severity { get; }

    /// <summary>
    /// The highest severity of all <see cref="Findings"/>, counting rules that need more context than a port gives
    /// (FR-RDP-INBOUND makes 3389 High when the client is external). Equal to <see cref="Severity"/> for a flow.
    /// </summary>
    public Severity ConditionalSeverity { get; }

    /// <summary>True when <see cref="Severity"/> reaches the policy's threshold: the flow, or the port alone, is suspicious.</summary>
    public bool Suspicious { get; }

    /// <summary>The classified flow, for a flow; null for a port.</summary>
    public FlowRoleResult? Flow { get; }

    /// <summary>The object that was tested.</summary>
    public object? InputObject { get; }

    /// <inheritdoc/>
    public override string ToString() => Target;
}
