using System;
using System.Collections.Generic;
using FlowRole.Addresses;

namespace FlowRole.Policy;

/// <summary>
/// An allow-list entry: flows it matches do not report the listed rules (e.g. RDP from the jump hosts). All present
/// conditions must hold; lists are any-of. At least one condition is required (to switch a rule off everywhere,
/// disable it instead).
/// </summary>
public sealed class PolicyAllowEntry
{
    /// <summary>The id that stands for every rule.</summary>
    public const string AllRules = "*";

    /// <summary>The rule ids it silences, or <c>*</c> for all.</summary>
    public IReadOnlyList<string> Rules { get; init; } = Array.Empty<string>();

    /// <summary>The client must be in one of these blocks (empty: any client).</summary>
    public IReadOnlyList<IpNetwork> Clients { get; init; } = Array.Empty<IpNetwork>();

    /// <summary>The server must be in one of these blocks (empty: any server).</summary>
    public IReadOnlyList<IpNetwork> Servers { get; init; } = Array.Empty<IpNetwork>();

    /// <summary>The client port must be in this set (null: any).</summary>
    public PortSet? ClientPorts { get; init; }

    /// <summary>The server port must be in this set (null: any).</summary>
    public PortSet? ServerPorts { get; init; }

    /// <summary>The transports it applies to (<see cref="TransportFilter.Any"/>: all).</summary>
    public TransportFilter Transports { get; init; }

    /// <summary>Why the exception exists (shown by <c>flowrole policy show</c>; may be empty).</summary>
    public string Comment { get; init; } = "";

    /// <summary>True when the entry tests at least one condition.</summary>
    public bool HasConditions => Clients.Count > 0 || Servers.Count > 0 || ClientPorts is not null || ServerPorts is not null || Transports != TransportFilter.Any;
}
