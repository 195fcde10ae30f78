using System;
using System.Collections.Generic;
using FlowRole.Addresses;
using FlowRole.Fields;
using FlowRole.Policy;

namespace FlowRole.PowerShell.Results;

/// <summary>
/// Describes, in the policy file's own words, what a rule needs beyond a server port and transport it already
/// names (client ports, scopes, direction), for a port tested without a flow around it. Empty: the port alone fires it.
/// </summary>
internal static class RuleConditions
{
    public static string Describe(PolicyRule rule)
    {
        var parts = new List<string>();
        if (rule.ClientPorts is { } clientPorts)
        {
            parts.Add("client_ports " + clientPorts);
        }

        if (rule.NotClientPorts is { } notClientPorts)
        {
            parts.Add("not_client_ports " + notClientPorts);
        }

        if (rule.ClientScopes != ScopeFilter.Any)
        {
            parts.Add("client_scope " + Scopes(rule.ClientScopes));
        }

        if (rule.ServerScopes != ScopeFilter.Any)
        {
            parts.Add("server_scope " + Scopes(rule.ServerScopes));
        }

        if (rule.Directions != DirectionFilter.Any)
        {
            var directions = new List<string>();
            foreach (Direction direction in (Direction[])Enum.GetValues(typeof(Direction)))
            {
                if (((int)rule.Directions & (1 << (int)direction)) != 0)
                {
                    directions.Add(FlowNames.Name(direction));
                }
            }

            parts.Add("direction " + string.Join("|", directions));
        }

        return string.Join(", ", parts);
    }

    private static string Scopes(ScopeFilter filter)
    {
        var names = new List<string>();
        foreach (AddressScope scope in (AddressScope[])Enum.GetValues(typeof(AddressScope)))
        {
            if (((int)filter & (1 << (int)scope)) != 0)
            {
                names.Add(FlowNames.Name(scope));
            }
        }

        if ((filter & ScopeFilter.Internal) != 0)
        {
            names.Add("internal");
        }

        if ((filter & ScopeFilter.External) != 0)
        {
            names.Add("external");
        }

        return string.Join("|", names);
    }
}
