using System.Collections.Generic;

namespace FlowRole.Policy;

/// <summary>
/// A rule's conditions in the policy file's own words (<c>server_ports 3389, transport tcp, direction inbound</c>),
/// for people reading a policy: <c>flowrole policy show</c>, <c>flowrole port</c>, <c>Get-FlowRoleRule</c> and
/// <c>Test-SuspiciousPort</c> all describe rules through this one class, so they never disagree.
/// </summary>
/// <remarks>Lists of names come in policy-file order (the order <see cref="PortPolicy.ToJson"/> writes them).</remarks>
public static class PolicyRuleText
{
    /// <summary>Separates conditions in a description.</summary>
    public const string ConditionSeparator = ", ";

    /// <summary>Separates the names within one condition in a description (<c>client_scope private|shared</c>).</summary>
    public const string NameSeparator = "|";

    /// <summary>The transports' policy names joined by <paramref name="separator"/> (<c>tcp,udp</c>); <c>any</c> for none.</summary>
    public static string Transports(TransportFilter filter, string separator = ",") =>
        filter == TransportFilter.Any ? "any" : string.Join(separator, PolicyNames.NamesOf(PolicyNames.Transports, (int)filter));

    /// <summary>The directions' policy names joined by <paramref name="separator"/> (<c>inbound</c>); <c>any</c> for none.</summary>
    public static string Directions(DirectionFilter filter, string separator = ",") =>
        filter == DirectionFilter.Any ? "any" : string.Join(separator, PolicyNames.NamesOf(PolicyNames.Directions, (int)filter));

    /// <summary>The scopes' policy names joined by <paramref name="separator"/> (<c>external</c>, <c>private|shared</c>); <c>any</c> for none.</summary>
    public static string Scopes(ScopeFilter filter, string separator = ",") =>
        filter == ScopeFilter.Any ? "any" : string.Join(separator, PolicyNames.NamesOf(PolicyNames.Scopes, (int)filter));

    /// <summary>Every condition of the rule (<c>server_ports 3389|3390, transport tcp, direction inbound</c>).</summary>
    public static string Conditions(PolicyRule rule)
    {
        var parts = new List<string>(8);
        if (rule.ServerPorts is { } serverPorts)
        {
            parts.Add("server_ports " + Ports(serverPorts));
        }

        if (rule.NotServerPorts is { } notServerPorts)
        {
            parts.Add("not_server_ports " + Ports(notServerPorts));
        }

        if (rule.Transports != TransportFilter.Any)
        {
            parts.Add("transport " + Transports(rule.Transports, NameSeparator));
        }

        AddBeyondServerPort(rule, parts);
        return string.Join(ConditionSeparator, parts);
    }

    /// <summary>
    /// What the rule needs besides a server port and transport it already names (client ports, scopes, direction),
    /// for a port tested without a flow around it (<c>direction inbound</c>); empty when the port alone fires it.
    /// </summary>
    public static string ConditionsBeyondServerPort(PolicyRule rule)
    {
        var parts = new List<string>(4);
        AddBeyondServerPort(rule, parts);
        return string.Join(ConditionSeparator, parts);
    }

    /// <summary>A port set's items (ports, ranges, service names) joined by <paramref name="separator"/> (<c>443|8000-8100</c>).</summary>
    public static string Ports(PortSet ports, string separator = NameSeparator) => string.Join(separator, ports.Items);

    private static void AddBeyondServerPort(PolicyRule rule, List<string> parts)
    {
        if (rule.ClientPorts is { } clientPorts)
        {
            parts.Add("client_ports " + Ports(clientPorts));
        }

        if (rule.NotClientPorts is { } notClientPorts)
        {
            parts.Add("not_client_ports " + Ports(notClientPorts));
        }

        if (rule.ClientScopes != ScopeFilter.Any)
        {
            parts.Add("client_scope " + Scopes(rule.ClientScopes, NameSeparator));
        }

        if (rule.ServerScopes != ScopeFilter.Any)
        {
            parts.Add("server_scope " + Scopes(rule.ServerScopes, NameSeparator));
        }

        if (rule.Directions != DirectionFilter.Any)
        {
            parts.Add("direction " + Directions(rule.Directions, NameSeparator));
        }
    }
}
