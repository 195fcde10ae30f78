using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using FlowRole.Addresses;

namespace FlowRole.Policy;

/// <summary>
/// Reads a policy file (see docs/policy.md) and layers it over its base, collecting every error with its line,
/// rule and field instead of stopping at the first, so <c>flowrole policy validate</c> can list them all.
/// </summary>
internal sealed class PolicyLoader
{
    /// <summary>Largest policy file accepted; real ones are a few kilobytes.</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    private static readonly string[] RootFields = { "version", "extends", "threshold", "internal_networks", "disable", "rules", "allow" };

    private static readonly string[] RuleFields =
    {
        "id", "title", "description", "severity", "attack_techniques", "sources", "transport", "server_ports",
        "not_server_ports", "client_ports", "not_client_ports", "client_scope", "server_scope", "direction",
    };

    private static readonly string[] AllowFields = { "rules", "client", "server", "client_ports", "server_ports", "transport", "comment" };

    private readonly string _source;
    private readonly List<PolicyError> _errors = new();

    private PolicyLoader(string source)
    {
        _source = source;
    }

    /// <summary>
    /// Loads a policy. <paramref name="basePolicy"/> supplies the default policy when the file extends it (called
    /// only then, so the embedded default can load itself with <c>"extends": "none"</c>). Returns null when there
    /// are errors.
    /// </summary>
    public static PortPolicy? Load(ReadOnlySpan<byte> utf8, string source, Func<PortPolicy> basePolicy, out IReadOnlyList<PolicyError> errors)
    {
        var loader = new PolicyLoader(source);
        var policy = loader.Run(utf8, basePolicy);
        errors = loader._errors
            .Select((e, i) => (e, i))
            .OrderBy(x => x.e.Line == 0 ? int.MaxValue : x.e.Line)
            .ThenBy(x => x.e.Line == 0 ? x.i : x.e.Column)
            .ThenBy(x => x.i)
            .Select(x => x.e)
            .ToArray();
        return errors.Count == 0 ? policy : null;
    }

    private PortPolicy? Run(ReadOnlySpan<byte> utf8, Func<PortPolicy> basePolicy)
    {
        if (utf8.Length > MaxBytes)
        {
            Error(0, 0, null, null, "the file is larger than 16 MB; a policy file is a few kilobytes");
            return null;
        }

        if (utf8.Length >= 3 && utf8[0] == 0xEF && utf8[1] == 0xBB && utf8[2] == 0xBF)
        {
            utf8 = utf8.Slice(3);
        }

        var lines = new PolicyJsonNode.LineIndex(utf8);
        var root = PolicyJsonNode.Parse(utf8, lines, out string? jsonError, out int errorLine, out int errorColumn);
        if (root is null)
        {
            Error(errorLine, errorColumn, null, null, jsonError!);
            return null;
        }

        if (root.Kind != JsonTokenType.StartObject)
        {
            Error(root, null, null, "the policy must be a JSON object, got " + root.KindName);
            return null;
        }

        var fields = Members(root, RootFields, null);

        // version and extends decide how to read the rest.
        if (!fields.TryGetValue("version", out var version))
        {
            Error(root, null, "version", "missing (write \"version\": 1)");
        }
        else if (version.Value.Kind != JsonTokenType.Number || version.Value.Text != "1")
        {
            Error(version.Value, null, "version", "'" + Show(version.Value) + "' is not a supported version (this FlowRole reads version 1)");
        }

        bool extendsDefault = true;
        if (fields.TryGetValue("extends", out var extends))
        {
            if (extends.Value.Kind == JsonTokenType.String && string.Equals(extends.Value.Text, "none", StringComparison.OrdinalIgnoreCase))
            {
                extendsDefault = false;
            }
            else if (extends.Value.Kind != JsonTokenType.String || !string.Equals(extends.Value.Text, "default", StringComparison.OrdinalIgnoreCase))
            {
                Error(extends.Value, null, "extends", "'" + Show(extends.Value) + "' is not a base policy (default, none)");
            }
        }

        var basis = extendsDefault ? basePolicy() : null;
        var working = new List<PolicyRule>(basis?.Rules ?? Array.Empty<PolicyRule>());
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < working.Count; i++)
        {
            index[working[i].Id] = i;
        }

        if (fields.TryGetValue("rules", out var rules))
        {
            ReadRules(rules.Value, working, index);
        }

        var disabled = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (fields.TryGetValue("disable", out var disable) && ReadStrings(disable.Value, null, "disable", allowEmpty: true) is { } ids)
        {
            foreach (var (id, node) in ids)
            {
                if (index.ContainsKey(id))
                {
                    disabled.Add(id);
                }
                else
                {
                    Error(node, null, "disable", "'" + id + "' is not a rule of " + (extendsDefault ? "the default policy or this file" : "this file"));
                }
            }
        }

        var final = working.Where(r => !disabled.Contains(r.Id)).ToList();
        if (final.Count > RuleMask.Capacity)
        {
            Error(0, 0, null, null, "the policy has " + final.Count.ToString(CultureInfo.InvariantCulture) +
                " rules after layering; a policy holds at most 256");
        }

        var threshold = basis?.Threshold ?? Severity.Medium;
        if (fields.TryGetValue("threshold", out var thresholdField))
        {
            threshold = ReadSeverity(thresholdField.Value, null, "threshold") ?? threshold;
        }

        IReadOnlyList<IpNetwork> internalNetworks = basis?.InternalNetworks.Networks ?? Array.Empty<IpNetwork>();
        if (fields.TryGetValue("internal_networks", out var internalField))
        {
            internalNetworks = ReadNetworks(internalField.Value, null, "internal_networks", allowEmpty: true) ?? internalNetworks;
        }

        var finalIds = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var rule in final)
        {
            finalIds[rule.Id] = rule.Id;
        }

        var allow = new List<PolicyAllowEntry>();
        foreach (var inherited in basis?.Allow ?? Array.Empty<PolicyAllowEntry>())
        {
            // An inherited entry keeps only the rules still present; one left with none has nothing to silence.
            var kept = inherited.Rules.Where(id => id == PolicyAllowEntry.AllRules || finalIds.ContainsKey(id)).ToArray();
            if (kept.Length > 0)
            {
                allow.Add(Copy(inherited, kept));
            }
        }

        if (fields.TryGetValue("allow", out var allowField))
        {
            ReadAllow(allowField.Value, finalIds, allow);
        }

        if (_errors.Count > 0)
        {
            return null;
        }

        return new PortPolicy(final, threshold, new NetworkSet(internalNetworks), allow);
    }

    private void ReadRules(PolicyJsonNode value, List<PolicyRule> working, Dictionary<string, int> index)
    {
        if (value.Kind != JsonTokenType.StartArray)
        {
            Error(value, null, "rules", "expected an array of rule objects, got " + value.KindName);
            return;
        }

        if (value.Items.Count > RuleMask.Capacity)
        {
            Error(value, null, "rules", value.Items.Count.ToString(CultureInfo.InvariantCulture) +
                " rules given; a policy holds at most 256");
            return;
        }

        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < value.Items.Count; i++)
        {
            var node = value.Items[i];
            string numbered = "rule #" + (i + 1).ToString(CultureInfo.InvariantCulture);
            if (node.Kind != JsonTokenType.StartObject)
            {
                Error(node, numbered, null, "expected a rule object, got " + node.KindName);
                continue;
            }

            // The id names the rule in every other error, so it is read first.
            int errorsBefore = _errors.Count;
            var idMember = node.Members.FirstOrDefault(m => m.Name == "id");
            string? id = null;
            if (idMember is null)
            {
                Error(node, numbered, "id", "missing (every rule needs an id)");
            }
            else if (idMember.Value.Kind != JsonTokenType.String)
            {
                Error(idMember.Value, numbered, "id", "expected a string, got " + idMember.Value.KindName);
            }
            else if (PolicyValidation.CheckId(idMember.Value.Text) is { } idError)
            {
                Error(idMember.Value, numbered, "id", idError);
            }
            else
            {
                id = idMember.Value.Text;
            }

            string context = id is null ? numbered : "rule '" + id + "'";
            var members = Members(node, RuleFields, context);
            if (id is not null)
            {
                if (seen.TryGetValue(id, out int first))
                {
                    Error(idMember!.Value, context, "id", "'" + id + "' is defined twice (first as rule #" +
                        (first + 1).ToString(CultureInfo.InvariantCulture) + ")");
                    id = null;
                }
                else
                {
                    seen.Add(id, i);
                }
            }

            bool isOverride = id is not null && index.ContainsKey(id);
            var builder = isOverride ? RuleBuilder.From(working[index[id!]]) : new RuleBuilder { Id = id ?? "" };
            foreach (var member in members.Values)
            {
                ReadRuleField(member, context, builder);
            }

            if (id is null || _errors.Count > errorsBefore)
            {
                continue;
            }

            var rule = builder.Build();
            foreach (var (field, message) in PolicyValidation.CheckRule(rule))
            {
                var at = field is not null && members.TryGetValue(field, out var m) ? m.Value : node;
                Error(at, context, field, message);
            }

            if (_errors.Count > errorsBefore)
            {
                continue;
            }

            if (isOverride)
            {
                working[index[id]] = rule;
            }
            else
            {
                index[id] = working.Count;
                working.Add(rule);
            }
        }
    }

    private void ReadRuleField(PolicyJsonNode.Member member, string context, RuleBuilder builder)
    {
        var value = member.Value;
        bool isNull = value.Kind == JsonTokenType.Null;
        switch (member.Name)
        {
            case "id":
                break;
            case "title":
                if (ReadString(value, context, "title") is { } title)
                {
                    builder.Title = title;
                }

                break;
            case "description":
                builder.Description = isNull ? "" : ReadString(value, context, "description") ?? builder.Description;
                break;
            case "severity":
                builder.Severity = ReadSeverity(value, context, "severity") ?? builder.Severity;
                break;
            case "attack_techniques":
                builder.AttackTechniques = isNull ? Array.Empty<string>() : ReadChecked(value, context, "attack_techniques", PolicyValidation.CheckTechnique) ?? builder.AttackTechniques;
                break;
            case "sources":
                builder.Sources = isNull ? Array.Empty<string>() : ReadChecked(value, context, "sources", PolicyValidation.CheckSource) ?? builder.Sources;
                break;
            case "server_ports":
                builder.ServerPorts = isNull ? null : ReadPorts(value, context, member.Name) ?? builder.ServerPorts;
                break;
            case "not_server_ports":
                builder.NotServerPorts = isNull ? null : ReadPorts(value, context, member.Name) ?? builder.NotServerPorts;
                break;
            case "client_ports":
                builder.ClientPorts = isNull ? null : ReadPorts(value, context, member.Name) ?? builder.ClientPorts;
                break;
            case "not_client_ports":
                builder.NotClientPorts = isNull ? null : ReadPorts(value, context, member.Name) ?? builder.NotClientPorts;
                break;
            case "transport":
                builder.Transports = isNull ? TransportFilter.Any : (TransportFilter)(ReadFilter(value, context, "transport", PolicyNames.Transports, "transport") ?? (int)builder.Transports);
                break;
            case "client_scope":
                builder.ClientScopes = isNull ? ScopeFilter.Any : (ScopeFilter)(ReadFilter(value, context, "client_scope", PolicyNames.Scopes, "scope") ?? (int)builder.ClientScopes);
                break;
            case "server_scope":
                builder.ServerScopes = isNull ? ScopeFilter.Any : (ScopeFilter)(ReadFilter(value, context, "server_scope", PolicyNames.Scopes, "scope") ?? (int)builder.ServerScopes);
                break;
            case "direction":
                builder.Directions = isNull ? DirectionFilter.Any : (DirectionFilter)(ReadFilter(value, context, "direction", PolicyNames.Directions, "direction") ?? (int)builder.Directions);
                break;
        }
    }

    private void ReadAllow(PolicyJsonNode value, Dictionary<string, string> ruleIds, List<PolicyAllowEntry> allow)
    {
        if (value.Kind != JsonTokenType.StartArray)
        {
            Error(value, null, "allow", "expected an array of allow entries, got " + value.KindName);
            return;
        }

        if (value.Items.Count > PolicyValidation.MaxAllowEntries)
        {
            Error(value, null, "allow", value.Items.Count.ToString(CultureInfo.InvariantCulture) +
                " entries given; a policy holds at most 1024 (use CIDR blocks and port ranges to group them)");
            return;
        }

        for (int i = 0; i < value.Items.Count; i++)
        {
            var node = value.Items[i];
            string context = "allow #" + (i + 1).ToString(CultureInfo.InvariantCulture);
            if (node.Kind != JsonTokenType.StartObject)
            {
                Error(node, context, null, "expected an allow entry object, got " + node.KindName);
                continue;
            }

            int errorsBefore = _errors.Count;
            var members = Members(node, AllowFields, context);
            var rules = new List<string>();
            IReadOnlyList<IpNetwork> clients = Array.Empty<IpNetwork>();
            IReadOnlyList<IpNetwork> servers = Array.Empty<IpNetwork>();
            PortSet? clientPorts = null;
            PortSet? serverPorts = null;
            var transports = TransportFilter.Any;
            string comment = "";
            foreach (var member in members.Values)
            {
                var v = member.Value;
                if (v.Kind == JsonTokenType.Null)
                {
                    if (member.Name == "rules")
                    {
                        Error(v, context, "rules", "expected a rule id, \"*\" or an array of them, got null");
                    }

                    continue;
                }

                switch (member.Name)
                {
                    case "rules":
                        foreach (var (id, item) in ReadStrings(v, context, "rules", allowEmpty: false) ?? new List<(string, PolicyJsonNode)>())
                        {
                            if (id == PolicyAllowEntry.AllRules)
                            {
                                rules.Add(id);
                            }
                            else if (ruleIds.TryGetValue(id, out string? canonical))
                            {
                                rules.Add(canonical);
                            }
                            else
                            {
                                Error(item, context, "rules", "'" + id + "' is not a rule of this policy");
                            }
                        }

                        break;
                    case "client":
                        clients = ReadNetworks(v, context, "client", allowEmpty: false) ?? clients;
                        break;
                    case "server":
                        servers = ReadNetworks(v, context, "server", allowEmpty: false) ?? servers;
                        break;
                    case "client_ports":
                        clientPorts = ReadPorts(v, context, "client_ports");
                        break;
                    case "server_ports":
                        serverPorts = ReadPorts(v, context, "server_ports");
                        break;
                    case "transport":
                        transports = (TransportFilter)(ReadFilter(v, context, "transport", PolicyNames.Transports, "transport") ?? 0);
                        break;
                    case "comment":
                        comment = ReadString(v, context, "comment") ?? "";
                        break;
                }
            }

            if (!members.ContainsKey("rules"))
            {
                Error(node, context, "rules", "missing (list the rule ids it silences, or \"*\" for all)");
            }

            if (_errors.Count > errorsBefore)
            {
                continue;
            }

            var entry = new PolicyAllowEntry
            {
                Rules = rules.ToArray(),
                Clients = clients,
                Servers = servers,
                ClientPorts = clientPorts,
                ServerPorts = serverPorts,
                Transports = transports,
                Comment = comment,
            };
            foreach (var (field, message) in PolicyValidation.CheckAllow(entry, ruleIds.ContainsKey))
            {
                Error(field is not null && members.TryGetValue(field, out var m) ? m.Value : node, context, field, message);
            }

            if (_errors.Count == errorsBefore)
            {
                allow.Add(entry);
            }
        }
    }

    /// <summary>An object's members by name, reporting unknown and repeated names.</summary>
    private Dictionary<string, PolicyJsonNode.Member> Members(PolicyJsonNode node, string[] known, string? context)
    {
        var members = new Dictionary<string, PolicyJsonNode.Member>(StringComparer.Ordinal);
        foreach (var member in node.Members)
        {
            if (Array.IndexOf(known, member.Name) < 0)
            {
                Error(member.Line, member.Column, context, member.Name, "unknown field (expected one of: " + string.Join(", ", known) + ")");
            }
            else if (members.TryGetValue(member.Name, out var first))
            {
                Error(member.Line, member.Column, context, member.Name, "given twice (first on line " +
                    first.Line.ToString(CultureInfo.InvariantCulture) + ")");
            }
            else
            {
                members.Add(member.Name, member);
            }
        }

        return members;
    }

    private string? ReadString(PolicyJsonNode value, string? context, string field)
    {
        if (value.Kind == JsonTokenType.String)
        {
            return value.Text;
        }

        Error(value, context, field, "expected a string, got " + value.KindName);
        return null;
    }

    private Severity? ReadSeverity(PolicyJsonNode value, string? context, string field)
    {
        if (value.Kind == JsonTokenType.String && PolicyNames.TryParse(PolicyNames.Severities, value.Text, out Severity severity))
        {
            return severity;
        }

        Error(value, context, field, "'" + Show(value) + "' is not a severity (" + PolicyNames.SeverityList + ")");
        return null;
    }

    /// <summary>A string or an array of strings (a single value is a one-item list).</summary>
    private List<(string Text, PolicyJsonNode Node)>? ReadStrings(PolicyJsonNode value, string? context, string field, bool allowEmpty)
    {
        var result = new List<(string, PolicyJsonNode)>();
        if (value.Kind == JsonTokenType.String)
        {
            result.Add((value.Text, value));
            return result;
        }

        if (value.Kind != JsonTokenType.StartArray)
        {
            Error(value, context, field, "expected a string or an array of strings, got " + value.KindName);
            return null;
        }

        if (value.Items.Count == 0 && !allowEmpty)
        {
            Error(value, context, field, EmptyListMessage);
            return null;
        }

        bool ok = true;
        foreach (var item in value.Items)
        {
            if (item.Kind == JsonTokenType.String)
            {
                result.Add((item.Text, item));
            }
            else
            {
                Error(item, context, field, "expected a string, got " + item.KindName);
                ok = false;
            }
        }

        return ok ? result : null;
    }

    private string[]? ReadChecked(PolicyJsonNode value, string context, string field, Func<string, string?> check)
    {
        var items = ReadStrings(value, context, field, allowEmpty: true);
        if (items is null)
        {
            return null;
        }

        bool ok = true;
        foreach (var (text, node) in items)
        {
            if (check(text) is { } error)
            {
                Error(node, context, field, error);
                ok = false;
            }
        }

        return ok ? items.Select(x => x.Text).ToArray() : null;
    }

    private PortSet? ReadPorts(PolicyJsonNode value, string? context, string field)
    {
        var items = value.Kind == JsonTokenType.StartArray ? value.Items : new List<PolicyJsonNode> { value };
        if (value.Kind == JsonTokenType.StartArray && items.Count == 0)
        {
            Error(value, context, field, EmptyListMessage);
            return null;
        }

        var canonical = new List<string>(items.Count);
        bool ok = true;
        foreach (var item in items)
        {
            string? error;
            string? text = null;
            if (item.Kind == JsonTokenType.Number)
            {
                bool digits = item.Text.Length > 0 && item.Text.All(c => c >= '0' && c <= '9');
                error = digits && PortSet.TryParseItem(item.Text, out _, out text, out _) ? null : "'" + item.Text + "' is not a port (0-65535)";
            }
            else if (item.Kind == JsonTokenType.String)
            {
                PortSet.TryParseItem(item.Text, out _, out text, out error);
            }
            else
            {
                error = value.Kind == JsonTokenType.StartArray
                    ? "expected a port number or a string (range or named set), got " + item.KindName
                    : "expected a port, a string (range or named set) or an array of them, got " + item.KindName;
            }

            if (error is not null)
            {
                Error(item, context, field, error);
                ok = false;
            }
            else
            {
                canonical.Add(text!);
            }
        }

        return ok ? PortSet.Create(canonical) : null;
    }

    private int? ReadFilter<T>(PolicyJsonNode value, string? context, string field, (string Name, T Value)[] table, string what)
        where T : Enum
    {
        var items = ReadStrings(value, context, field, allowEmpty: false);
        if (items is null)
        {
            return null;
        }

        int flags = 0;
        bool ok = true;
        foreach (var (text, node) in items)
        {
            if (string.Equals(text, "any", StringComparison.OrdinalIgnoreCase))
            {
                if (items.Count > 1)
                {
                    Error(node, context, field, "'any' cannot be combined with other values (it already means every " + what + ")");
                    ok = false;
                }

                continue;
            }

            if (PolicyNames.TryParse(table, text, out T parsed))
            {
                flags |= Convert.ToInt32(parsed, CultureInfo.InvariantCulture);
            }
            else
            {
                Error(node, context, field, "'" + text + "' is not a " + what + " (" + PolicyNames.ListOf(table) + ", any)");
                ok = false;
            }
        }

        return ok ? flags : null;
    }

    private IReadOnlyList<IpNetwork>? ReadNetworks(PolicyJsonNode value, string? context, string field, bool allowEmpty)
    {
        var items = ReadStrings(value, context, field, allowEmpty);
        if (items is null)
        {
            return null;
        }

        var networks = new List<IpNetwork>(items.Count);
        bool ok = true;
        foreach (var (text, node) in items)
        {
            if (IpNetwork.TryParse(text.AsSpan(), out var network, out string? error))
            {
                networks.Add(network);
            }
            else
            {
                // The address parser's message quotes the text and says what is wrong (e.g. which bits are host bits).
                Error(node, context, field, (error ?? "'" + text + "' is not a valid CIDR block").TrimEnd('.'));
                ok = false;
            }
        }

        return ok ? networks : null;
    }

    private const string EmptyListMessage = "the list is empty, so nothing could match (leave the field out, or set it to null, for no condition)";

    private static string Show(PolicyJsonNode value) => value.Kind switch
    {
        JsonTokenType.String or JsonTokenType.Number => value.Text,
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        _ => value.KindName,
    };

    private static PolicyAllowEntry Copy(PolicyAllowEntry e, string[] rules) => new()
    {
        Rules = rules,
        Clients = e.Clients,
        Servers = e.Servers,
        ClientPorts = e.ClientPorts,
        ServerPorts = e.ServerPorts,
        Transports = e.Transports,
        Comment = e.Comment,
    };

    private void Error(PolicyJsonNode at, string? context, string? field, string message) => Error(at.Line, at.Column, context, field, message);

    private void Error(int line, int column, string? context, string? field, string message) =>
        _errors.Add(new PolicyError(_source, line, column, context, field, message));

    /// <summary>A mutable copy of a rule's fields while a file overrides them.</summary>
    private sealed class RuleBuilder
    {
        public string Id { get; set; } = "";

        public string Title { get; set; } = "";

        public string Description { get; set; } = "";

        public Severity Severity { get; set; }

        public IReadOnlyList<string> AttackTechniques { get; set; } = Array.Empty<string>();

        public IReadOnlyList<string> Sources { get; set; } = Array.Empty<string>();

        public PortSet? ServerPorts { get; set; }

        public PortSet? NotServerPorts { get; set; }

        public PortSet? ClientPorts { get; set; }

        public PortSet? NotClientPorts { get; set; }

        public TransportFilter Transports { get; set; }

        public ScopeFilter ClientScopes { get; set; }

        public ScopeFilter ServerScopes { get; set; }

        public DirectionFilter Directions { get; set; }

        public static RuleBuilder From(PolicyRule r) => new()
        {
            Id = r.Id,
            Title = r.Title,
            Description = r.Description,
            Severity = r.Severity,
            AttackTechniques = r.AttackTechniques,
            Sources = r.Sources,
            ServerPorts = r.ServerPorts,
            NotServerPorts = r.NotServerPorts,
            ClientPorts = r.ClientPorts,
            NotClientPorts = r.NotClientPorts,
            Transports = r.Transports,
            ClientScopes = r.ClientScopes,
            ServerScopes = r.ServerScopes,
            Directions = r.Directions,
        };

        public PolicyRule Build() => new()
        {
            Id = Id,
            Title = Title,
            Description = Description,
            Severity = Severity,
            AttackTechniques = AttackTechniques,
            Sources = Sources,
            ServerPorts = ServerPorts,
            NotServerPorts = NotServerPorts,
            ClientPorts = ClientPorts,
            NotClientPorts = NotClientPorts,
            Transports = Transports,
            ClientScopes = ClientScopes,
            ServerScopes = ServerScopes,
            Directions = Directions,
        };
    }
}
