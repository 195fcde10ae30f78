using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using FlowRole.Addresses;

namespace FlowRole.Policy;

/// <summary>
/// The suspicious-port policy: rules evaluated on the role-resolved flow, allow-lists, internal networks and the
/// severity threshold that makes a flow suspicious. Immutable and thread-safe once built; evaluation is table-driven
/// and allocation-free.
/// </summary>
public sealed class PortPolicy
{
    /// <summary>The resource name of the embedded default policy file.</summary>
    internal const string DefaultResourceName = "FlowRole.Policy.default-policy.json";

    /// <summary>The name errors in the embedded default policy carry.</summary>
    internal const string DefaultSourceName = "default-policy.json";

    private const string CodeSourceName = "PortPolicy";

    private static readonly Lazy<PortPolicy> DefaultPolicy = new(LoadDefault);

    private static readonly Lazy<PortPolicy> EmptyPolicy = new(() =>
        new PortPolicy(Array.Empty<PolicyRule>(), Severity.Medium, new NetworkSet(Array.Empty<IpNetwork>()), Array.Empty<PolicyAllowEntry>()));

    private readonly PolicyRule[] _rules;
    private readonly PolicyAllowEntry[] _allow;
    private readonly Dictionary<string, int> _index;
    private readonly CompiledPolicy _compiled;

    /// <summary>
    /// Builds a policy from rules made in code. Throws <see cref="PolicyException"/> listing every problem (bad or
    /// duplicate ids, missing titles or severities, rules without conditions, more than 256 rules, allow entries
    /// naming unknown rules).
    /// </summary>
    public PortPolicy(IEnumerable<PolicyRule> rules, Severity threshold = Severity.Medium, NetworkSet? internalNetworks = null,
        IEnumerable<PolicyAllowEntry>? allow = null)
        : this(Validate(rules, threshold, allow), threshold, internalNetworks ?? new NetworkSet(Array.Empty<IpNetwork>()),
            allow is null ? Array.Empty<PolicyAllowEntry>() : new List<PolicyAllowEntry>(allow))
    {
    }

    /// <summary>Builds a policy from parts that were already validated.</summary>
    internal PortPolicy(IReadOnlyList<PolicyRule> rules, Severity threshold, NetworkSet internalNetworks, IReadOnlyList<PolicyAllowEntry> allow)
    {
        _rules = new PolicyRule[rules.Count];
        _index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < _rules.Length; i++)
        {
            _rules[i] = rules[i];
            _index[rules[i].Id] = i;
        }

        _allow = new PolicyAllowEntry[allow.Count];
        for (int i = 0; i < _allow.Length; i++)
        {
            _allow[i] = allow[i];
        }

        Threshold = threshold;
        InternalNetworks = internalNetworks;
        _compiled = new CompiledPolicy(_rules, _allow);
    }

    /// <summary>The rules compiled into lookup tables (the classifier's hot path reads them directly).</summary>
    internal CompiledPolicy Compiled => _compiled;

    /// <summary>The embedded default policy (built from the Sigma, Splunk and ATT&amp;CK knowledge; see docs/policy.md).</summary>
    public static PortPolicy Default => DefaultPolicy.Value;

    /// <summary>A policy with no rules: nothing is ever flagged.</summary>
    public static PortPolicy Empty => EmptyPolicy.Value;

    /// <summary>The rules, in evaluation order; a <see cref="RuleMask"/> indexes this list.</summary>
    public IReadOnlyList<PolicyRule> Rules => _rules;

    /// <summary>The allow-list entries, in file order.</summary>
    public IReadOnlyList<PolicyAllowEntry> Allow => _allow;

    /// <summary>Findings at or above this severity make a flow suspicious (default: medium).</summary>
    public Severity Threshold { get; }

    /// <summary>Internal networks named by the policy (empty: RFC 1918 and friends decide).</summary>
    public NetworkSet InternalNetworks { get; }

    /// <summary>Evaluates the rules on a role-resolved flow. Allocation-free.</summary>
    public PolicyVerdict Evaluate(in PolicyInput input)
    {
        var matches = _compiled.Match(in input);
        return new PolicyVerdict(matches, _compiled.HighestSeverity(matches));
    }

    /// <summary>True when the verdict reaches the policy's threshold.</summary>
    public bool IsSuspicious(in PolicyVerdict verdict) => verdict.Severity != Severity.None && verdict.Severity >= Threshold;

    /// <summary>The rule with this id (ignoring case), or null.</summary>
    public PolicyRule? FindRule(string id) => id is not null && _index.TryGetValue(id, out int i) ? _rules[i] : null;

    /// <summary>The index (into <see cref="Rules"/>, the <see cref="RuleMask"/> bit) of the rule with this id, or -1.</summary>
    public int IndexOf(string id) => id is not null && _index.TryGetValue(id, out int i) ? i : -1;

    /// <summary>
    /// The rules that name <paramref name="port"/> as a server port on <paramref name="transport"/> (its server ports
    /// hold it, its excluded server ports do not, its transports allow it), in policy order: what could fire for a
    /// service on that port. Each may still need more than the port (see <see cref="PolicyRuleText.ConditionsBeyondServerPort"/>).
    /// <c>flowrole port</c> and <c>Test-SuspiciousPort</c> list these.
    /// </summary>
    public IReadOnlyList<int> RulesForServerPort(ushort port, Flows.Transport transport)
    {
        TransportFilter flag = transport switch
        {
            Flows.Transport.Tcp => TransportFilter.Tcp,
            Flows.Transport.Udp => TransportFilter.Udp,
            Flows.Transport.Sctp => TransportFilter.Sctp,
            Flows.Transport.Icmp or Flows.Transport.IcmpV6 => TransportFilter.Icmp,
            _ => TransportFilter.Other,
        };
        var indexes = new List<int>();
        for (int i = 0; i < _rules.Length; i++)
        {
            PolicyRule rule = _rules[i];
            if (rule.ServerPorts is not { } ports || !ports.Contains(port) || (rule.NotServerPorts?.Contains(port) ?? false))
            {
                continue;
            }

            // As in evaluation: an ICMP "port" is a type or code, so port rules reach ICMP only when they name it.
            bool transportOk = flag == TransportFilter.Icmp
                ? (rule.Transports & TransportFilter.Icmp) != 0
                : rule.Transports == TransportFilter.Any || (rule.Transports & flag) != 0;
            if (transportOk)
            {
                indexes.Add(i);
            }
        }

        return indexes;
    }

    /// <summary>
    /// The effective policy as a self-contained policy file (<c>"extends": "none"</c>), in the canonical layout;
    /// <see cref="Parse(string, string)"/> of the text gives an equal policy. <c>flowrole policy show</c> prints this.
    /// </summary>
    public string ToJson() => PolicyJsonWriter.Render(this);

    /// <summary>The largest policy file accepted (16 MiB; real ones are a few kilobytes): front ends check it before reading.</summary>
    public const int MaxFileBytes = PolicyLoader.MaxBytes;

    /// <summary>Loads a user policy file layered over the default (add, override, disable rules).</summary>
    /// <exception cref="PolicyException">The file cannot be read or is invalid; the message lists every error.</exception>
    public static PortPolicy Load(string path)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        return Parse(ReadFile(path), path);
    }

    /// <summary>Parses user policy JSON layered over the default; <paramref name="sourceName"/> names it in errors.</summary>
    /// <exception cref="PolicyException">The text is invalid; the message lists every error.</exception>
    public static PortPolicy Parse(string json, string sourceName)
    {
        if (json is null)
        {
            throw new ArgumentNullException(nameof(json));
        }

        return Parse(Encoding.UTF8.GetBytes(json), sourceName);
    }

    /// <summary>Parses UTF-8 policy JSON layered over the default; <paramref name="sourceName"/> names it in errors.</summary>
    /// <exception cref="PolicyException">The text is invalid; the message lists every error.</exception>
    public static PortPolicy Parse(ReadOnlySpan<byte> utf8Json, string sourceName)
    {
        var policy = PolicyLoader.Load(utf8Json, sourceName ?? "policy", () => Default, out var errors);
        return policy ?? throw new PolicyException(errors);
    }

    /// <summary>Parses policy JSON without throwing: the policy, or null and every error found.</summary>
    public static bool TryParse(string json, string sourceName, out PortPolicy? policy, out IReadOnlyList<PolicyError> errors)
    {
        if (json is null)
        {
            throw new ArgumentNullException(nameof(json));
        }

        policy = PolicyLoader.Load(Encoding.UTF8.GetBytes(json), sourceName ?? "policy", () => Default, out errors);
        return policy is not null;
    }

    /// <summary>Every error in policy JSON (empty when valid); for <c>flowrole policy validate</c>.</summary>
    public static IReadOnlyList<PolicyError> Validate(string json, string sourceName)
    {
        TryParse(json, sourceName, out _, out var errors);
        return errors;
    }

    /// <summary>Every error in a policy file (empty when valid); an unreadable file is one error.</summary>
    public static IReadOnlyList<PolicyError> ValidateFile(string path)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        byte[] bytes;
        try
        {
            bytes = ReadFile(path);
        }
        catch (PolicyException ex)
        {
            return ex.Errors;
        }

        PolicyLoader.Load(bytes, path, () => Default, out var errors);
        return errors;
    }

    private static byte[] ReadFile(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > PolicyLoader.MaxBytes)
            {
                throw new PolicyException(new[] { new PolicyError(path, 0, 0, null, null, "the file is larger than 16 MB; a policy file is a few kilobytes") });
            }

            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new PolicyException(new[] { new PolicyError(path, 0, 0, null, null, "cannot read the policy file: " + ex.Message) });
        }
    }

    private static IReadOnlyList<PolicyRule> Validate(IEnumerable<PolicyRule> rules, Severity threshold, IEnumerable<PolicyAllowEntry>? allow)
    {
        if (rules is null)
        {
            throw new ArgumentNullException(nameof(rules));
        }

        var list = new List<PolicyRule>(rules);
        var errors = new List<PolicyError>();
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (list.Count > RuleMask.Capacity)
        {
            errors.Add(new PolicyError(CodeSourceName, 0, 0, null, null,
                list.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " rules given; a policy holds at most 256"));
        }

        for (int i = 0; i < list.Count; i++)
        {
            var rule = list[i] ?? throw new ArgumentException("Rule #" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + " is null.", nameof(rules));
            string context = PolicyValidation.CheckId(rule.Id ?? "") is null ? "rule '" + rule.Id + "'" : "rule #" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var (field, message) in PolicyValidation.CheckRule(rule))
            {
                errors.Add(new PolicyError(CodeSourceName, 0, 0, context, field, message));
            }

            if (rule.Id is { Length: > 0 } id && !ids.Add(id))
            {
                errors.Add(new PolicyError(CodeSourceName, 0, 0, context, "id", "'" + rule.Id + "' is defined twice"));
            }
        }

        if (threshold < Severity.Info || threshold > Severity.Critical)
        {
            errors.Add(new PolicyError(CodeSourceName, 0, 0, null, "threshold", "not a severity (" + PolicyNames.SeverityList + ")"));
        }

        int n = 0;
        foreach (var entry in allow ?? Array.Empty<PolicyAllowEntry>())
        {
            n++;
            string context = "allow #" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (entry is null)
            {
                throw new ArgumentException("Allow entry #" + n.ToString(System.Globalization.CultureInfo.InvariantCulture) + " is null.", nameof(allow));
            }

            foreach (var (field, message) in PolicyValidation.CheckAllow(entry, ids.Contains))
            {
                errors.Add(new PolicyError(CodeSourceName, 0, 0, context, field, message));
            }
        }

        if (n > PolicyValidation.MaxAllowEntries)
        {
            errors.Add(new PolicyError(CodeSourceName, 0, 0, null, "allow", "at most 1024 entries"));
        }

        if (errors.Count > 0)
        {
            throw new PolicyException(errors);
        }

        return list;
    }

    private static PortPolicy LoadDefault()
    {
        using var stream = typeof(PortPolicy).Assembly.GetManifestResourceStream(DefaultResourceName)
            ?? throw new InvalidOperationException("The embedded default policy (" + DefaultResourceName + ") is missing from FlowRole.Core.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var policy = PolicyLoader.Load(buffer.ToArray(), DefaultSourceName,
            () => throw new InvalidOperationException("The default policy cannot extend itself."), out var errors);
        return policy ?? throw new InvalidOperationException("The embedded default policy is invalid:\n" + new PolicyException(errors).Message);
    }
}
