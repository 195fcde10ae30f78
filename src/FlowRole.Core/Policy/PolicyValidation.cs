using System;
using System.Collections.Generic;

namespace FlowRole.Policy;

/// <summary>The checks every rule and allow entry must pass, however it was built (file or code).</summary>
internal static class PolicyValidation
{
    /// <summary>Longest rule id; ids travel in CSV cells and Splunk multivalues.</summary>
    public const int MaxIdLength = 64;

    /// <summary>Most allow entries one policy may hold (they are scanned for flagged flows only, but linearly).</summary>
    public const int MaxAllowEntries = 1024;

    /// <summary>Null when the id is acceptable, else why not.</summary>
    public static string? CheckId(string id)
    {
        if (id.Length == 0)
        {
            return "the id is empty";
        }

        if (id.Length > MaxIdLength)
        {
            return "'" + id + "' is longer than " + MaxIdLength.ToString(System.Globalization.CultureInfo.InvariantCulture) + " characters";
        }

        bool ok = IsAsciiLetterOrDigit(id[0]);
        foreach (char c in id)
        {
            ok &= IsAsciiLetterOrDigit(c) || c == '-' || c == '_' || c == '.';
        }

        return ok ? null : "'" + id + "' is not a rule id (letters, digits, '-', '_', '.'; starting with a letter or digit)";
    }

    /// <summary>Null when the text is an ATT&amp;CK technique id (T1234 or T1234.001), else why not.</summary>
    public static string? CheckTechnique(string text)
    {
        bool ok = (text.Length == 5 || (text.Length == 9 && text[5] == '.')) && text[0] == 'T';
        for (int i = 1; ok && i < text.Length; i++)
        {
            ok = i == 5 || (text[i] >= '0' && text[i] <= '9');
        }

        return ok ? null : "'" + text + "' is not an ATT&CK technique id (T1234 or T1234.001)";
    }

    /// <summary>Null when the text is a source reference (<c>prefix:id</c>), else why not.</summary>
    public static string? CheckSource(string text)
    {
        int colon = text.IndexOf(':');
        bool ok = colon > 0 && colon < text.Length - 1;
        for (int i = 0; ok && i < text.Length; i++)
        {
            char c = text[i];
            ok = i < colon
                ? (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                : c > ' ' && c < 0x7F && c != ';' && c != ',' && c != '"';
        }

        return ok ? null : "'" + text + "' is not a source reference (lower-case prefix, ':', id; e.g. sigma:<uuid>, splunk:<uuid>)";
    }

    /// <summary>Everything wrong with a complete rule, as (field or null, message).</summary>
    public static List<(string? Field, string Message)> CheckRule(PolicyRule rule)
    {
        var errors = new List<(string?, string)>();
        if (CheckId(rule.Id ?? "") is { } idError)
        {
            errors.Add(("id", idError));
        }

        if (string.IsNullOrWhiteSpace(rule.Title))
        {
            errors.Add(("title", "missing or empty (every rule needs a title)"));
        }

        if (rule.Severity < Severity.Info || rule.Severity > Severity.Critical)
        {
            errors.Add(("severity", rule.Severity == Severity.None
                ? "missing (one of " + PolicyNames.SeverityList + ")"
                : "'" + ((int)rule.Severity).ToString(System.Globalization.CultureInfo.InvariantCulture) + "' is not a severity (" + PolicyNames.SeverityList + ")"));
        }

        foreach (string t in rule.AttackTechniques ?? Array.Empty<string>())
        {
            if (CheckTechnique(t ?? "") is { } e)
            {
                errors.Add(("attack_techniques", e));
            }
        }

        foreach (string s in rule.Sources ?? Array.Empty<string>())
        {
            if (CheckSource(s ?? "") is { } e)
            {
                errors.Add(("sources", e));
            }
        }

        if ((rule.Transports & ~PolicyNames.AllTransports) != 0)
        {
            errors.Add(("transport", "holds flags that name no transport"));
        }

        if ((rule.ClientScopes & ~PolicyNames.AllScopes) != 0)
        {
            errors.Add(("client_scope", "holds flags that name no scope"));
        }

        if ((rule.ServerScopes & ~PolicyNames.AllScopes) != 0)
        {
            errors.Add(("server_scope", "holds flags that name no scope"));
        }

        if ((rule.Directions & ~PolicyNames.AllDirections) != 0)
        {
            errors.Add(("direction", "holds flags that name no direction"));
        }

        if (!rule.HasConditions)
        {
            errors.Add((null, "the rule has no condition, so it would flag every flow (give at least one of server_ports, " +
                "not_server_ports, client_ports, not_client_ports, transport, client_scope, server_scope, direction)"));
        }

        if (rule.NotServerPorts is not null && EffectivePorts(rule.ServerPorts, rule.NotServerPorts).Length == 0)
        {
            errors.Add(("not_server_ports", "excludes every server port the rule would match, so it could never match"));
        }

        if (rule.NotClientPorts is not null && EffectivePorts(rule.ClientPorts, rule.NotClientPorts).Length == 0)
        {
            errors.Add(("not_client_ports", "excludes every client port the rule would match, so it could never match"));
        }

        return errors;
    }

    /// <summary>Everything wrong with an allow entry, given the ids of the policy's rules.</summary>
    public static List<(string? Field, string Message)> CheckAllow(PolicyAllowEntry entry, Func<string, bool> ruleExists)
    {
        var errors = new List<(string?, string)>();
        if (entry.Rules is null || entry.Rules.Count == 0)
        {
            errors.Add(("rules", "missing (list the rule ids it silences, or \"*\" for all)"));
        }
        else
        {
            foreach (string id in entry.Rules)
            {
                if (id != PolicyAllowEntry.AllRules && !ruleExists(id ?? ""))
                {
                    errors.Add(("rules", "'" + id + "' is not a rule of this policy"));
                }
            }
        }

        if ((entry.Transports & ~PolicyNames.AllTransports) != 0)
        {
            errors.Add(("transport", "holds flags that name no transport"));
        }

        if (!entry.HasConditions)
        {
            errors.Add((null, "the entry has no condition (give client, server, client_ports, server_ports or transport; " +
                "to switch a rule off everywhere, list it under 'disable')"));
        }

        return errors;
    }

    /// <summary>The ports a side's port conditions let through, as merged ranges.</summary>
    public static PortRange[] EffectivePorts(PortSet? include, PortSet? exclude)
    {
        PortRange[] ports = include is null ? new[] { new PortRange(0, 65535) } : include.ToRangeArray();
        return exclude is null ? ports : PortSet.Subtract(ports, exclude.Ranges);
    }

    private static bool IsAsciiLetterOrDigit(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
