using System;
using System.Collections.Generic;
using FlowRole.Addresses;

namespace FlowRole.Policy;

/// <summary>
/// The suspicious-port policy: rules evaluated on the role-resolved flow, allow-lists, internal networks and the
/// severity threshold that makes a flow suspicious. Immutable and thread-safe once built; evaluation is table-driven
/// and allocation-free.
/// </summary>
public sealed class PortPolicy
{
    // HELPER-OWNED: Policy helper implements (model, JSON loader, embedded default, compiled tables).

    /// <summary>The embedded default policy.</summary>
    public static PortPolicy Default => throw new NotImplementedException();

    /// <summary>The rules, in evaluation order; a <see cref="RuleMask"/> indexes this list.</summary>
    public IReadOnlyList<PolicyRule> Rules => throw new NotImplementedException();

    /// <summary>Findings at or above this severity make a flow suspicious (default: medium).</summary>
    public Severity Threshold => throw new NotImplementedException();

    /// <summary>Internal networks named by the policy (empty: RFC 1918 and friends decide).</summary>
    public NetworkSet InternalNetworks => throw new NotImplementedException();

    /// <summary>Evaluates the rules on a role-resolved flow.</summary>
    public PolicyVerdict Evaluate(in PolicyInput input) => throw new NotImplementedException();

    /// <summary>Loads a user policy file layered over the default (add, override, disable rules).</summary>
    public static PortPolicy Load(string path) => throw new NotImplementedException();

    /// <summary>Parses user policy JSON layered over the default; <paramref name="sourceName"/> names it in errors.</summary>
    public static PortPolicy Parse(string json, string sourceName) => throw new NotImplementedException();
}
