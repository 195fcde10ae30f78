using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
#if NET
using System.Runtime.InteropServices;
#endif
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

#if NET
    // How many records ahead the batch loop fetches port rows.
    private const int PrefetchDistance = 4;
#endif

    // True when no listeners or learned roles are configured: flows without evidence are then decided by ports alone.
    private readonly bool _portsOnly;

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
        _portsOnly = Options.Listeners is not { Count: > 0 } && Options.Learned is null;
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

#if NET
        // A batch knows which ports come next: their rows are fetched a few records ahead, so the two reads per flow
        // that miss the cache (a client's random ephemeral port) overlap the work on the records before it.
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported && records.Length > PrefetchDistance)
        {
            HotTables tables = _tables ??= new HotTables(_compiled);
            for (int i = 0; i < records.Length; i++)
            {
                if (i + PrefetchDistance < records.Length)
                {
                    ref readonly FlowRecord ahead = ref records[i + PrefetchDistance];
                    tables.Prefetch(ahead.Source.Port);
                    tables.Prefetch(ahead.Destination.Port);
                }

                ClassifyInto(records[i], ref results[i]);
            }

            return;
        }
#endif

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
        HotTables tables = _tables ??= new HotTables(_compiled);
        int sourceState = StateOf(record.Source.Address, tables);
        int destinationState = StateOf(record.Destination.Address, tables);
        Transport transport = record.Transport;
        ushort sourcePort = record.Source.Port;
        ushort destinationPort = record.Destination.Port;

        // Each port's facts (role score per transport, policy port classes) come from one row.
        uint sourceRow = tables.Row(sourcePort);
        uint destinationRow = tables.Row(destinationPort);

        // The common case, decided here from the two rows: TCP or UDP, distinct ports neither of which a special case
        // claims, no evidence in the record, no listeners or learned roles. It is exactly what the resolver would
        // conclude (its knowledge step, ports then the lower port); anything else goes to the resolver.
        RoleDecision decision;
        int shift = transport == Transport.Udp ? 8 : 0;
        int sourceScore = CompiledPolicyRows.Score(sourceRow, shift);
        int destinationScore = CompiledPolicyRows.Score(destinationRow, shift);
        if (_portsOnly && transport is Transport.Tcp or Transport.Udp && sourcePort != destinationPort
            && ((sourceScore | destinationScore) & CompiledPolicyRows.SpecialFlag) == 0 && HasNoEvidence(record))
        {
            // Both answers are computed and one is selected, without a branch: which side serves varies flow by flow
            // (replies, reversed records), and a mispredicted branch costs more than the arithmetic.
            int difference = sourceScore - destinationScore;
            int sign = difference >> 31;
            int delta = (difference ^ sign) - sign;
            int higher = destinationScore + (difference & ~sign);
            RoleBasis basis = higher >= PortRoleTable.ServiceThreshold ? RoleBasis.ServicePort : RoleBasis.EphemeralPort;
            RoleDecision byScores = RoleDecision.ServerIs(difference > 0, basis, tables.Confidence(delta));
            RoleDecision byLowerPort = RoleDecision.ServerIs(sourcePort < destinationPort, RoleBasis.LowerPort, 0.51f);
            decision = RoleDecision.Select(difference != 0, byScores, byLowerPort);
        }
        else
        {
            decision = Resolve(record, sourceState, destinationState);
        }

        bool swapped = !decision.SourceIsClient;

        // Everything below works on the client/server view with plain numbers: the policy's tables are read
        // directly, and a PolicyInput (two addresses) is built only when allow entries must look at addresses.
        int clientState = swapped ? destinationState : sourceState;
        int serverState = swapped ? sourceState : destinationState;
        ushort serverPort = swapped ? sourcePort : destinationPort;
        int pair = ScopeState.Pair(clientState, serverState);
        Direction direction = tables.Direction(pair);

        CompiledPolicy compiled = _compiled;
        RuleMask matches;
        bool any;
        Severity severity;
        if (tables.RowsHaveClasses)
        {
            uint clientRow = swapped ? destinationRow : sourceRow;
            uint serverRow = swapped ? sourceRow : destinationRow;
            matches = compiled.MatchClasses(transport, CompiledPolicyRows.ClientClass(clientRow), CompiledPolicyRows.ServerClass(serverRow),
                direction, pair, out any, out severity);
        }
        else
        {
            matches = compiled.MatchConditions(transport, swapped ? destinationPort : sourcePort, serverPort, direction, pair, out any, out severity);
        }

        if (compiled.HasAllow && any)
        {
            matches = ApplyAllow(record, swapped, clientState, serverState, direction, matches);
            severity = compiled.HighestSeverity(matches);
        }

        bool suspicious = (severity != Severity.None) & (severity >= _threshold);
        ushort service = tables.Service(transport, serverPort);
        if (transport is not (Transport.Tcp or Transport.Udp))
        {
            service = CommonServiceNames.IndexOf(serverPort, transport);
        }

        FlowResult.Write(ref result, record, swapped, decision.Basis, decision.Confidence, service,
            ScopeState.ScopeOf(clientState), ScopeState.ScopeOf(serverState), direction, matches, severity, suspicious);
    }

    /// <summary>True when the record carries no orientation evidence (flags, Zeek history or state, an initiator).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool HasNoEvidence(in FlowRecord record) =>
        !record.HasFirstPacketFlags & !record.History.IsPresent & record.ConnState == ConnState.None & record.Initiator == Initiator.Unknown;

    // Flows with evidence, special or same ports, other transports, listeners or learning: the full resolver.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private RoleDecision Resolve(in FlowRecord record, int sourceState, int destinationState) =>
        _resolver.Resolve(record, sourceState, destinationState);

    /// <summary>
    /// An address's <see cref="ScopeState"/>: its scope, and whether it is internal as <see cref="AddressScopes.IsInternal"/>
    /// decides it, with the emptiness of the internal networks resolved once at construction.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int StateOf(IpAddress address, HotTables tables)
    {
        // AddressScopes.Classify, with the scope tables read from fields (see ScopeTable.OctetRowTable): the /8's
        // entry and its /16 row are both read, and one is selected without a branch; only a mixed /16 searches.
        AddressScope scope;
        if (address.IsIPv4)
        {
            uint value = (uint)address.Low;
            int octet = tables.OctetRows[value >> 24];
            int sixteen = tables.CompactSixteen[(octet & 0xFF00) | (int)((value >> 16) & 0xFF)];
            int quick = octet & 0xFF;
            quick = quick != ScopeTable.MixedOctetMarker ? quick : sixteen;
            scope = quick != ScopeTable.MixedOctetMarker ? (AddressScope)quick : ScopeTable.LookupMixedSixteenIPv4(value);
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
    /// The tables the hot path reads, in one object the classifier holds in a field: under NativeAOT every access to
    /// a static of a class with a static constructor goes through a helper call, which costs more than the lookup it
    /// guards. The port rows belong to the classifier's policy; the rest is shared.
    /// </summary>
    private sealed class HotTables
    {
        private readonly uint[] _rows;
        private readonly Direction[] _directions = ScopeState.Directions;
        private readonly ushort[] _tcpServices = CommonServiceNames.TcpIndexes;
        private readonly ushort[] _udpServices = CommonServiceNames.UdpIndexes;
        private readonly float[] _confidence = PortRoleTable.Default.DeltaConfidence;

        public HotTables(CompiledPolicy policy)
        {
            _rows = policy.PortRows;
            RowsHaveClasses = policy.RowsHaveClasses;
            if (_rows.Length != 65536 || _tcpServices.Length != 65536 || _udpServices.Length != 65536 || _directions.Length != ScopeState.Count * ScopeState.Count
                || _confidence.Length != 256)
            {
                // The unchecked reads below rely on these sizes.
                throw new InvalidOperationException("A classifier table has an unexpected size.");
            }
        }

        public int[] DefaultStates { get; } = Classifier.DefaultStates;

        public ushort[] OctetRows { get; } = ScopeTable.OctetRowTable;

        public byte[] CompactSixteen { get; } = ScopeTable.CompactSixteenTable;

        /// <summary>True when the rows carry the policy's port classes (see <see cref="CompiledPolicyRows"/>).</summary>
        public bool RowsHaveClasses { get; }

#if NET
        /// <summary>Starts fetching a port's row into the cache.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public unsafe void Prefetch(ushort port) =>
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_rows), port)));
#endif

        /// <summary>A port's row (see <see cref="CompiledPolicyRows"/>).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public uint Row(ushort port) => Read(_rows, port);

        /// <summary>A port's service name index on UDP, or on TCP for any other transport (the caller handles those).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ushort Service(Transport transport, ushort port) => Read(transport == Transport.Udp ? _udpServices : _tcpServices, port);

        /// <summary>The direction of a <see cref="ScopeState.Pair"/> (always below 1,296).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Direction Direction(int pair) => Read(_directions, pair);

        /// <summary>The confidence of a port decision whose scores differ by <paramref name="delta"/> (0-127).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public float Confidence(int delta) => Read(_confidence, delta & 0xFF);

        // Every index is in range by construction (a port, a pair, a masked delta; sizes checked above).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static T Read<T>(T[] table, int index)
        {
#if NET
            return Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(table), index);
#else
            return table[index];
#endif
        }
    }

    /// <summary>Human-readable reasons for a result: the deciding evidence first, then port and scope facts, then findings.</summary>
    public IReadOnlyList<string> Explain(in FlowResult result) => Explanation.Reasons(this, result);

    /// <summary>
    /// A plain-language explanation of a result for an analyst, one statement per line: who is the client and why
    /// (evidence and port reasoning), who is the server and its service, the direction, a client-OS hint from the
    /// client port, each finding with its severity and ATT&amp;CK techniques, and the verdict. Deterministic text.
    /// </summary>
    public string Describe(in FlowResult result) => Explanation.Describe(this, result);
}
