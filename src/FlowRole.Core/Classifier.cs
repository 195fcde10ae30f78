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
[SkipLocalsInit] // The hot path's locals are all written before they are read.
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

    // The state of each scope when no internal networks are configured (the default scopes decide).
    private static readonly int[] DefaultStates = BuildDefaultStates();

    // The shared tables the hot path reads, fetched on first use (so that building a classifier, at Splunk's getinfo
    // say, does not build them) and then held in a field.
    private HotTables? _tables;

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
    public FlowResult Classify(in FlowRecord record)
    {
        // Every field is written by ClassifyInto: no need to zero the result first.
        Unsafe.SkipInit(out FlowResult result);
        ClassifyInto(record, ref result);
        return result;
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
            ClassifyInto(records[i], ref results[i]);
        }
    }

    /// <summary>
    /// Classifies one record into <paramref name="result"/>, writing each field in place (no result is built aside
    /// and copied). <paramref name="result"/> must not be the storage of <paramref name="record"/>.
    /// </summary>
    internal void ClassifyInto(in FlowRecord record, ref FlowResult result)
    {
        HotTables tables = _tables ??= HotTables.Shared;
        int sourceState = StateOf(record.Source.Address, tables);
        int destinationState = StateOf(record.Destination.Address, tables);
        RoleDecision decision = _resolver.Resolve(record, sourceState, destinationState);
        bool swapped = !decision.SourceIsClient;

        // Everything below works on the client/server view with plain numbers: the policy's tables are read
        // directly, and a PolicyInput (two addresses) is built only when allow entries must look at addresses.
        int clientState = swapped ? destinationState : sourceState;
        int serverState = swapped ? sourceState : destinationState;
        ushort clientPort = swapped ? record.Destination.Port : record.Source.Port;
        ushort serverPort = swapped ? record.Source.Port : record.Destination.Port;
        int pair = ScopeState.Pair(clientState, serverState);
        Direction direction = tables.Directions[pair];
        Transport transport = record.Transport;

        CompiledPolicy compiled = _compiled;
        RuleMask matches = compiled.MatchConditions(transport, clientPort, serverPort, direction, pair, out bool any, out Severity severity);
        if (any && compiled.HasAllow)
        {
            matches = ApplyAllow(record, swapped, clientState, serverState, direction, matches);
            severity = compiled.HighestSeverity(matches);
        }

        bool suspicious = severity != Severity.None && severity >= _threshold;
        ushort service = transport switch
        {
            Transport.Tcp => tables.TcpServices[serverPort],
            Transport.Udp => tables.UdpServices[serverPort],
            _ => CommonServiceNames.IndexOf(serverPort, transport),
        };
        FlowResult.Write(ref result, record, swapped, decision.Basis, decision.Confidence, service,
            ScopeState.ScopeOf(clientState), ScopeState.ScopeOf(serverState), direction, matches, severity, suspicious);
    }

    /// <summary>
    /// An address's <see cref="ScopeState"/>: its scope, and whether it is internal as <see cref="AddressScopes.IsInternal"/>
    /// decides it, with the emptiness of the internal networks resolved once at construction.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int StateOf(IpAddress address, HotTables tables)
    {
        // AddressScopes.Classify, with the first-octet table read from a field (see ScopeTable.FirstOctetTable).
        AddressScope scope;
        if (address.IsIPv4)
        {
            uint value = (uint)address.Low;
            byte quick = tables.FirstOctet[value >> 24];
            scope = quick != ScopeTable.MixedOctetMarker ? (AddressScope)quick : ScopeTable.LookupMixedIPv4(value);
        }
        else
        {
            scope = AddressScopes.Classify(address);
        }

        NetworkSet? networks = _internalSet;
        if (networks is null)
        {
            // No address (scope Unknown) cannot say either: the table covers it.
            return tables.DefaultStates[(int)scope];
        }

        int isInternal = scope is AddressScope.Unknown or AddressScope.Multicast or AddressScope.Broadcast or AddressScope.Unspecified
            ? ScopeState.Undecided
            : scope is AddressScope.Loopback or AddressScope.LinkLocal || networks.Contains(address) ? ScopeState.Internal : ScopeState.External;
        return ScopeState.Of(scope, isInternal);
    }

    private static int[] BuildDefaultStates()
    {
        // One entry per byte value, so indexing by a scope needs no bounds check (scopes are 0-11).
        var states = new int[256];
        for (int scope = 0; scope < states.Length; scope++)
        {
            var s = (AddressScope)scope;
            bool? isInternal = s is AddressScope.Unknown or AddressScope.Multicast or AddressScope.Broadcast or AddressScope.Unspecified
                ? null
                : AddressScopes.IsInternalByDefault(s);
            states[scope] = ScopeState.Of(s, isInternal);
        }

        return states;
    }

    // Rare (policies with allow entries, on flows that matched a rule): kept out of line so ClassifyInto stays small.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private RuleMask ApplyAllow(in FlowRecord record, bool swapped, int clientState, int serverState, Direction direction, RuleMask matches)
    {
        Endpoint client = swapped ? record.Destination : record.Source;
        Endpoint server = swapped ? record.Source : record.Destination;
        var input = new PolicyInput(record.Transport, client.Address, client.Port, server.Address, server.Port, ScopeState.ScopeOf(clientState),
            ScopeState.ScopeOf(serverState), direction, ScopeState.InternalOf(clientState), ScopeState.InternalOf(serverState));
        return _compiled.ApplyAllow(input, matches);
    }

    /// <summary>
    /// The shared tables the hot path reads, in one object the classifier holds in a field: under NativeAOT every
    /// access to a static of a class with a static constructor goes through a helper call, which costs more than the
    /// lookup it guards.
    /// </summary>
    private sealed class HotTables
    {
        public static readonly HotTables Shared = new();

        public int[] DefaultStates { get; } = Classifier.DefaultStates;

        public byte[] FirstOctet { get; } = ScopeTable.FirstOctetTable;

        public Direction[] Directions { get; } = ScopeState.Directions;

        public ushort[] TcpServices { get; } = CommonServiceNames.TcpIndexes;

        public ushort[] UdpServices { get; } = CommonServiceNames.UdpIndexes;
    }

    /// <summary>Human-readable reasons for a result: the deciding evidence first, then port and scope facts, then findings.</summary>
    public IReadOnlyList<string> Explain(in FlowResult result) => Explanation.Reasons(this, result);
}
