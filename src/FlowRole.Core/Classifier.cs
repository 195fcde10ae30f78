using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using FlowRole.Addresses;
using FlowRole.Flows;
using FlowRole.Identity;
using FlowRole.Policy;
using FlowRole.Ports;
using FlowRole.Roles;

namespace FlowRole;

/// <summary>
/// The facade: classifies flows. Built once from options (policy, internal networks, listeners, learned roles), then
/// immutable, so one instance is safe to share across threads and PowerShell runspaces.
/// </summary>
public sealed class Classifier
{
    private static readonly Lazy<Classifier> DefaultClassifier = new(() => new Classifier());

    private readonly RoleResolver _resolver;
    private readonly NetworkSet _internalNetworks;

    // The hot path's view of the options, resolved once: the policy's tables, its threshold, and the internal
    // networks (null when empty, so the default scopes decide without a call per address).
    private readonly CompiledPolicy _compiled;
    private readonly Severity _threshold;
    private readonly NetworkSet? _internalSet;

    /// <summary>Creates a classifier.</summary>
    /// <param name="options">How to classify; null for every default.</param>
    public Classifier(ClassifierOptions? options = null)
    {
        Options = options ?? new ClassifierOptions();
        Policy = Options.Policy ?? PortPolicy.Default;
        _internalNetworks = Options.InternalNetworks ?? Policy.InternalNetworks;
        _resolver = new RoleResolver(PortRoleTable.Default, Options.Listeners, Options.Learned);
        CommunityId = new CommunityId(Options.CommunityIdSeed);
        _compiled = Policy.Compiled;
        _threshold = Policy.Threshold;
        _internalSet = _internalNetworks.IsEmpty ? null : _internalNetworks;
    }

    /// <summary>A classifier with every default (embedded policy, RFC 1918 and friends as internal, seed 0).</summary>
    public static Classifier Default => DefaultClassifier.Value;

    /// <summary>The options it was built from.</summary>
    public ClassifierOptions Options { get; }

    /// <summary>The policy in force.</summary>
    public PortPolicy Policy { get; }

    /// <summary>The internal networks in force (empty: the default internal scopes decide).</summary>
    public NetworkSet InternalNetworks => _internalNetworks;

    /// <summary>The Community ID hasher (seeded from the options).</summary>
    public CommunityId CommunityId { get; }

    /// <summary>Classifies one record. Allocation-free.</summary>
    public FlowResult Classify(in FlowRecord flow)
    {
        // A private copy: the result may live where the caller's record does (the JIT must assume so for a
        // reference), which would force building the result aside and copying it; a local cannot alias it.
        FlowRecord record = flow;
        IpAddress sourceAddress = record.Source.Address;
        IpAddress destinationAddress = record.Destination.Address;
        AddressScope sourceScope = AddressScopes.Classify(sourceAddress);
        AddressScope destinationScope = AddressScopes.Classify(destinationAddress);
        bool? sourceInternal = IsInternal(sourceAddress, sourceScope);
        bool? destinationInternal = IsInternal(destinationAddress, destinationScope);

        RoleDecision decision = _resolver.Resolve(record, sourceScope, sourceInternal, destinationScope, destinationInternal);
        bool swapped = !decision.SourceIsClient;

        // Everything below works on the client/server view with plain values: the policy's tables are read
        // directly, and a PolicyInput (two addresses) is built only when allow entries must look at addresses.
        AddressScope clientScope = swapped ? destinationScope : sourceScope;
        AddressScope serverScope = swapped ? sourceScope : destinationScope;
        bool? clientInternal = swapped ? destinationInternal : sourceInternal;
        bool? serverInternal = swapped ? sourceInternal : destinationInternal;
        ushort clientPort = swapped ? record.Destination.Port : record.Source.Port;
        ushort serverPort = swapped ? record.Source.Port : record.Destination.Port;
        Direction direction = AddressScopes.DirectionOf(clientInternal, serverInternal);
        Transport transport = record.Transport;

        CompiledPolicy compiled = _compiled;
        RuleMask matches = compiled.MatchConditions(transport, clientPort, serverPort, direction,
            CompiledPolicy.ScopePair(clientScope, clientInternal, serverScope, serverInternal));
        if (!matches.IsEmpty && compiled.HasAllow)
        {
            matches = ApplyAllow(record, swapped, clientScope, serverScope, direction, clientInternal, serverInternal, matches);
        }

        Severity severity = compiled.HighestSeverity(matches);
        bool suspicious = severity != Severity.None && severity >= _threshold;
        return new FlowResult(record, swapped, decision.Basis, decision.Confidence, CommonServiceNames.Get(serverPort, transport),
            clientScope, serverScope, direction, new PolicyVerdict(matches, severity), suspicious);
    }

    /// <summary>Classifies a batch into <paramref name="results"/> (same length or longer). Allocation-free.</summary>
    public void Classify(ReadOnlySpan<FlowRecord> records, Span<FlowResult> results)
    {
        if (results.Length < records.Length)
        {
            throw new ArgumentException("The results span is shorter than the records span.", nameof(results));
        }

        for (int i = 0; i < records.Length; i++)
        {
            results[i] = Classify(records[i]);
        }
    }

    /// <summary>
    /// Whether an address is internal, as <see cref="AddressScopes.IsInternal"/> decides it, with the emptiness of
    /// the internal networks resolved once at construction.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool? IsInternal(IpAddress address, AddressScope scope)
    {
        if (address.IsNone || scope is AddressScope.Unknown or AddressScope.Multicast or AddressScope.Broadcast or AddressScope.Unspecified)
        {
            return null;
        }

        NetworkSet? networks = _internalSet;
        return networks is null
            ? AddressScopes.IsInternalByDefault(scope)
            : scope is AddressScope.Loopback or AddressScope.LinkLocal || networks.Contains(address);
    }

    // Rare (policies with allow entries, on flows that matched a rule): kept out of line so Classify stays small.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private RuleMask ApplyAllow(in FlowRecord record, bool swapped, AddressScope clientScope, AddressScope serverScope, Direction direction,
        bool? clientInternal, bool? serverInternal, RuleMask matches)
    {
        Endpoint client = swapped ? record.Destination : record.Source;
        Endpoint server = swapped ? record.Source : record.Destination;
        var input = new PolicyInput(record.Transport, client.Address, client.Port, server.Address, server.Port, clientScope, serverScope,
            direction, clientInternal, serverInternal);
        return _compiled.ApplyAllow(input, matches);
    }

    /// <summary>Human-readable reasons for a result: the deciding evidence first, then port and scope facts, then findings.</summary>
    public IReadOnlyList<string> Explain(in FlowResult result) => Explanation.Reasons(this, result);
}
