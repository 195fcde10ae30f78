using System;
using System.Collections.Generic;

namespace FlowRole.Policy;

/// <summary>One rule of a <see cref="PortPolicy"/>.</summary>
public sealed class PolicyRule
{
    // HELPER-OWNED: Policy helper completes (conditions etc.).

    /// <summary>Stable id, e.g. <c>FR-RDP-EXPOSED</c>.</summary>
    public string Id { get; init; } = "";

    /// <summary>Short title shown to analysts.</summary>
    public string Title { get; init; } = "";

    /// <summary>Severity when it matches.</summary>
    public Severity Severity { get; init; }

    /// <summary>ATT&amp;CK technique ids (e.g. T1021.001).</summary>
    public IReadOnlyList<string> AttackTechniques { get; init; } = Array.Empty<string>();

    /// <summary>External rule ids it implements (e.g. <c>sigma:&lt;uuid&gt;</c>, <c>splunk:&lt;uuid&gt;</c>).</summary>
    public IReadOnlyList<string> Sources { get; init; } = Array.Empty<string>();
}
