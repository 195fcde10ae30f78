using System;
using System.Collections.Generic;
using FlowRole.Addresses;
using FlowRole.Fields;
using FlowRole.Policy;
using FlowRole.Splunk.Hosting;

namespace FlowRole.Splunk.Commands;

/// <summary>
/// The validated arguments of <c>| flowrole</c>:
/// <c>[src=&lt;field&gt;] [src_port=&lt;field&gt;] [dest=&lt;field&gt;] [dest_port=&lt;field&gt;] [transport=&lt;field&gt;]
/// [flags=&lt;field&gt;] [raw=&lt;field&gt;] [policy=&lt;name&gt;] [internal="&lt;cidr&gt;,..."] [prefix=&lt;string&gt;] [only_suspicious=&lt;bool&gt;]
/// [explanation=&lt;bool&gt;]</c>.
/// </summary>
public sealed class FlowRoleOptions
{
    /// <summary>The field-override options and the Core field each one names.</summary>
    public static IReadOnlyList<KeyValuePair<string, FlowField>> FieldOptions { get; } =
    [
        new("src", FlowField.SourceAddress),
        new("src_port", FlowField.SourcePort),
        new("dest", FlowField.DestinationAddress),
        new("dest_port", FlowField.DestinationPort),
        new("transport", FlowField.Transport),
        new("flags", FlowField.TcpFlags),
    ];

    /// <summary>Every option the command accepts, in the order the documentation lists them.</summary>
    public static IReadOnlyList<string> OptionNames { get; } =
        ["src", "src_port", "dest", "dest_port", "transport", "flags", "raw", "policy", "internal", "prefix", "only_suspicious", "explanation"];

    private readonly PortPolicy? _policy;

    private FlowRoleOptions(IReadOnlyDictionary<FlowField, string> overrides, string? policyName, PortPolicy? policy, NetworkSet? internalNetworks,
        string prefix, bool onlySuspicious)
    {
        FieldOverrides = overrides;
        PolicyName = policyName;
        _policy = policy;
        InternalNetworks = internalNetworks;
        Prefix = prefix;
        OnlySuspicious = onlySuspicious;
    }

    /// <summary>Input columns named explicitly; they replace Core's alias lookup for those fields.</summary>
    public IReadOnlyDictionary<FlowField, string> FieldOverrides { get; }

    /// <summary>The <c>policy=</c> name, or null for the embedded default policy.</summary>
    public string? PolicyName { get; }

    /// <summary>
    /// The policy in force. A <c>policy=</c> file is loaded (and checked) by <see cref="Parse"/>; the embedded default,
    /// known good, only when first asked for, so that the getinfo reply does not wait for it.
    /// </summary>
    public PortPolicy Policy => _policy ?? PortPolicy.Default;

    /// <summary>The <c>internal=</c> networks, or null for the policy's (or the RFC 1918 default).</summary>
    public NetworkSet? InternalNetworks { get; }

    /// <summary>Put in front of every added field's name (default: none).</summary>
    public string Prefix { get; }

    /// <summary>True to keep only suspicious records (records that could not be classified are kept too, with their error).</summary>
    public bool OnlySuspicious { get; }

    /// <summary>
    /// The <c>raw=</c> field: when a record's structured flow fields are absent or empty, its endpoints are read from
    /// this field's alert text by Core's <see cref="FlowRole.Text.AlertTextParser"/>. Null when not given.
    /// </summary>
    public string? RawField { get; private init; }

    /// <summary>True (<c>explanation=true</c>) to add an <c>explanation</c> field: Core's plain-language explanation.</summary>
    public bool Explanation { get; private init; }

    /// <summary>Parses and validates the arguments; throws <see cref="CommandArgumentException"/> naming the bad one.</summary>
    public static FlowRoleOptions Parse(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string command = context.CommandName;
        CommandArguments args = CommandArguments.Parse(command, context.Args);
        var overrides = new Dictionary<FlowField, string>();
        foreach (KeyValuePair<string, FlowField> option in FieldOptions)
        {
            if (args.TakeField(option.Key) is { } column)
            {
                overrides[option.Value] = column;
            }
        }

        string? policyName = args.Take("policy");
        string? internalText = args.Take("internal");
        string prefix = args.Take("prefix") ?? string.Empty;
        bool onlySuspicious = args.TakeBoolean("only_suspicious", false);
        string? rawField = args.TakeField("raw");
        bool explanation = args.TakeBoolean("explanation", false);
        args.ThrowIfUnknown();

        ValidatePrefix(command, prefix);
        NetworkSet? internalNetworks = null;
        if (internalText is not null)
        {
            if (!NetworkSet.TryParse(internalText.AsSpan(), out internalNetworks, out string? error) || internalNetworks is null)
            {
                throw new CommandArgumentException(command + ": internal=\"" + internalText + "\": " + error);
            }
        }

        PortPolicy? policy = policyName is null ? null : PolicyFiles.Load(command, policyName, context.AppDirectory);
        return new FlowRoleOptions(overrides, policyName, policy, internalNetworks, prefix, onlySuspicious)
        {
            RawField = rawField,
            Explanation = explanation,
        };
    }

    /// <summary>Prefixes are letters, digits, <c>_</c> and <c>.</c>, so every output name stays a plain Splunk field name.</summary>
    internal static void ValidatePrefix(string command, string prefix)
    {
        foreach (char c in prefix)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '_' and not '.')
            {
                throw new CommandArgumentException(command + ": prefix=" + prefix + ": only letters, digits, '_' and '.' are allowed, found '" + c + "'");
            }
        }
    }
}
