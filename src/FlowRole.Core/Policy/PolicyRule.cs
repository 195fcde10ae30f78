using System;
using System.Collections.Generic;

namespace FlowRole.Policy;

/// <summary>
/// One rule of a <see cref="PortPolicy"/>: what it flags, how seriously, what it maps to (ATT&amp;CK, external rule
/// ids), and its conditions on the role-resolved flow (client to server). Every condition is optional; the rule
/// matches when all present conditions hold. Port conditions never match ICMP/ICMPv6 flows (whose "ports" are type
/// and code) unless <see cref="Transports"/> names <see cref="TransportFilter.Icmp"/>.
/// </summary>
public sealed class PolicyRule
{
    /// <summary>Stable id, e.g. <c>FR-RDP-INBOUND</c>: letters, digits, <c>.</c>, <c>_</c>, <c>-</c>; compared ignoring case.</summary>
    public string Id { get; init; } = "";

    /// <summary>Short title shown to analysts.</summary>
    public string Title { get; init; } = "";

    /// <summary>Why the rule exists and what a match usually means (may be empty).</summary>
    public string Description { get; init; } = "";

    /// <summary>Severity when it matches.</summary>
    public Severity Severity { get; init; }

    /// <summary>ATT&amp;CK technique ids (e.g. T1021.001).</summary>
    public IReadOnlyList<string> AttackTechniques { get; init; } = Array.Empty<string>();

    /// <summary>External rule ids it implements (e.g. <c>sigma:&lt;uuid&gt;</c>, <c>splunk:&lt;uuid&gt;</c>).</summary>
    public IReadOnlyList<string> Sources { get; init; } = Array.Empty<string>();

    /// <summary>The server port must be in this set (null: any port).</summary>
    public PortSet? ServerPorts { get; init; }

    /// <summary>The server port must not be in this set (null: no exclusion).</summary>
    public PortSet? NotServerPorts { get; init; }

    /// <summary>The client port must be in this set (null: any port).</summary>
    public PortSet? ClientPorts { get; init; }

    /// <summary>The client port must not be in this set (null: no exclusion).</summary>
    public PortSet? NotClientPorts { get; init; }

    /// <summary>The transports it applies to (<see cref="TransportFilter.Any"/>: all).</summary>
    public TransportFilter Transports { get; init; }

    /// <summary>What the client's address must be (<see cref="ScopeFilter.Any"/>: anything).</summary>
    public ScopeFilter ClientScopes { get; init; }

    /// <summary>What the server's address must be (<see cref="ScopeFilter.Any"/>: anything).</summary>
    public ScopeFilter ServerScopes { get; init; }

    /// <summary>The directions it applies to (<see cref="DirectionFilter.Any"/>: all).</summary>
    public DirectionFilter Directions { get; init; }

    /// <summary>True when the rule tests at least one condition (a rule without one would flag every flow).</summary>
    public bool HasConditions =>
        ServerPorts is not null || NotServerPorts is not null || ClientPorts is not null || NotClientPorts is not null ||
        Transports != TransportFilter.Any || ClientScopes != ScopeFilter.Any || ServerScopes != ScopeFilter.Any ||
        Directions != DirectionFilter.Any;

    /// <summary>True when any of the four port conditions is present.</summary>
    public bool HasPortConditions => ServerPorts is not null || NotServerPorts is not null || ClientPorts is not null || NotClientPorts is not null;

    /// <summary>The id and title.</summary>
    public override string ToString() => Id + ": " + Title;
}
