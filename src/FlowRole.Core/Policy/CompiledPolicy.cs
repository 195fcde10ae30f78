using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
#if NET
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
#endif
using FlowRole.Addresses;
using FlowRole.Flows;

namespace FlowRole.Policy;

/// <summary>
/// A policy's rules precompiled into lookup tables so evaluating a flow is a handful of array reads and 256-bit ANDs.
/// Each port maps (through a 65,536-entry index) to a "port equivalence class": the set of rules whose port
/// conditions that port satisfies. Ports with the same set share one mask, so a policy holds a few dozen masks, not
/// 65,536. Transport, scope/internal-ness and direction each map to a small mask array the same way.
/// </summary>
internal sealed class CompiledPolicy
{
    private const int ScopeCount = ScopeState.ScopeCount;
    private const int TransportClassCount = 5;
    private const int DirectionCount = 5;
    private const int ScopeStates = ScopeState.Count;

    // Transport byte -> class: 0 TCP, 1 UDP, 2 SCTP, 3 ICMP/ICMPv6, 4 anything else. Class c is TransportFilter bit 1 << c.
    private static readonly byte[] TransportClass = BuildTransportClasses();

    // Every mask table is stored as 64-bit words, four per mask, so evaluation ANDs plain integers: a port's class
    // index (or a context index) times four is where its mask starts.
    private readonly ushort[] _serverClass;
    private readonly ulong[] _serverWords;
    private readonly ushort[] _clientClass;
    private readonly ulong[] _clientWords;

    // Transport class x direction, and client scope/internal-ness x server scope/internal-ness: two small combined
    // tables (25 and 1,296 masks) instead of four lookups.
    private readonly ulong[] _transportDirectionWords = new ulong[TransportClassCount * DirectionCount * 4];
    private readonly ulong[] _scopeWords = new ulong[ScopeStates * ScopeStates * 4];
    private readonly Severity[] _severityOf;

    // The severities rules have, highest first, each with the mask of its rules (also as words for vector loads).
    private readonly Severity[] _levels;
    private readonly RuleMask[] _levelMasks;
    private readonly ulong[] _levelWords;

    // The rules of each severity 1-5 as words (severity s at s * 4), for ranking a mask without a branch; null when
    // some rule's severity is outside 1-5 (the level loop then ranks).
    private readonly ulong[]? _severityWords;
    private readonly Allow[] _allow;

    // Per-port rows for the classifier (see CompiledPolicyRows), built on first use: 256 KB a policy.
    private uint[]? _portRows;
    private bool _rowsHaveClasses;

    public CompiledPolicy(IReadOnlyList<PolicyRule> rules, IReadOnlyList<PolicyAllowEntry> allow)
    {
        if (rules.Count > RuleMask.Capacity)
        {
            throw new ArgumentException("A policy holds at most 256 rules.", nameof(rules));
        }

        (_serverClass, _serverWords) = BuildPortIndex(rules, r => r.ServerPorts, r => r.NotServerPorts);
        (_clientClass, _clientWords) = BuildPortIndex(rules, r => r.ClientPorts, r => r.NotClientPorts);

        var transport = new RuleMask[TransportClassCount];
        var direction = new RuleMask[DirectionCount];
        var clientScope = new RuleMask[ScopeStates];
        var serverScope = new RuleMask[ScopeStates];
        var ids = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        _severityOf = new Severity[rules.Count];
        for (int i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var bit = RuleMask.Single(i);
            ids[rule.Id] = i;
            AllRules |= bit;
            _severityOf[i] = rule.Severity;

            for (int c = 0; c < TransportClassCount; c++)
            {
                if (TransportMatches(rule.Transports, rule.HasPortConditions, c))
                {
                    transport[c] |= bit;
                }
            }

            for (int d = 0; d < DirectionCount; d++)
            {
                if (rule.Directions == DirectionFilter.Any || ((int)rule.Directions & (1 << d)) != 0)
                {
                    direction[d] |= bit;
                }
            }

            for (int s = 0; s < ScopeCount; s++)
            {
                for (int k = 0; k < 3; k++)
                {
                    if (ScopeMatches(rule.ClientScopes, s, k))
                    {
                        clientScope[(s * 3) + k] |= bit;
                    }

                    if (ScopeMatches(rule.ServerScopes, s, k))
                    {
                        serverScope[(s * 3) + k] |= bit;
                    }
                }
            }
        }

        for (int c = 0; c < TransportClassCount; c++)
        {
            for (int d = 0; d < DirectionCount; d++)
            {
                (transport[c] & direction[d]).CopyTo(_transportDirectionWords, ((c * DirectionCount) + d) * 4);
            }
        }

        for (int a = 0; a < ScopeStates; a++)
        {
            for (int b = 0; b < ScopeStates; b++)
            {
                (clientScope[a] & serverScope[b]).CopyTo(_scopeWords, ((a * ScopeStates) + b) * 4);
            }
        }

        _allow = new Allow[allow.Count];
        for (int i = 0; i < _allow.Length; i++)
        {
            var entry = allow[i];
            RuleMask mask = default;
            foreach (string id in entry.Rules)
            {
                mask |= id == PolicyAllowEntry.AllRules ? AllRules : RuleMask.Single(ids[id]);
            }

            _allow[i] = new Allow(mask, entry);
        }

        ClassCount = (_serverWords.Length + _clientWords.Length) / 4;
        BuildSeverityLevels(out _levels, out _levelMasks, out _levelWords);
        _severityWords = BuildSeverityWords(_severityOf);
    }

    /// <summary>Every rule of the policy.</summary>
    public RuleMask AllRules { get; }

    /// <summary>How many distinct port masks the two port indexes hold (a measure of table size).</summary>
    public int ClassCount { get; }

    /// <summary>The classifier's per-port rows for this policy (<see cref="CompiledPolicyRows"/>), built on first use.</summary>
    public uint[] PortRows
    {
        get
        {
            uint[]? rows = System.Threading.Volatile.Read(ref _portRows);
            if (rows is null)
            {
                // Two threads may both build: the rows are equal, and the flag is written before the rows are published.
                rows = CompiledPolicyRows.Build(_serverClass, _clientClass, out bool hasClasses);
                _rowsHaveClasses = hasClasses;
                System.Threading.Volatile.Write(ref _portRows, rows);
            }

            return rows;
        }
    }

    /// <summary>True when <see cref="PortRows"/> hold this policy's port classes (at most 256 per side).</summary>
    public bool RowsHaveClasses
    {
        get
        {
            _ = PortRows;
            return _rowsHaveClasses;
        }
    }

    /// <summary>True when the policy has allow entries (<see cref="ApplyAllow"/> then has work to do).</summary>
    public bool HasAllow => _allow.Length != 0;

    /// <summary>The rules that match, after allow-lists. Allocation-free.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public RuleMask Match(in PolicyInput input)
    {
        int scopes = ScopePair(input.ClientScope, input.ClientInternal, input.ServerScope, input.ServerInternal);
        RuleMask mask = MatchConditions(input.Transport, input.ClientPort, input.ServerPort, input.Direction, scopes);
        return mask.IsEmpty || _allow.Length == 0 ? mask : ApplyAllow(in input, mask);
    }

    /// <summary>The index of a client and server scope/internal-ness pair in the combined scope table (a <see cref="ScopeState.Pair"/>).</summary>
    public static int ScopePair(AddressScope clientScope, bool? clientInternal, AddressScope serverScope, bool? serverInternal) =>
        ScopeState.Pair(ScopeState.Of(clientScope, clientInternal), ScopeState.Of(serverScope, serverInternal));

    /// <summary>
    /// The rules whose conditions match, before allow-lists: four table reads and three 256-bit ANDs. The classifier
    /// calls this with values it already holds, so no <see cref="PolicyInput"/> (two addresses) is built per flow;
    /// <paramref name="scopePair"/> is a <see cref="ScopeState.Pair"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public RuleMask MatchConditions(Transport transport, ushort clientPort, ushort serverPort, Direction direction, int scopePair) =>
        MatchConditions(transport, clientPort, serverPort, direction, scopePair, out _, out _);

    /// <summary>
    /// <see cref="MatchConditions(Transport, ushort, ushort, Direction, int)"/>, also saying whether any rule matched
    /// and the highest severity among those that did (<see cref="Severity.None"/> when none). Where 256-bit vectors
    /// are accelerated the mask stays one vector throughout (tested, ranked and stored whole): taking a stored
    /// vector apart word by word stalls on store forwarding.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public RuleMask MatchConditions(Transport transport, ushort clientPort, ushort serverPort, Direction direction, int scopePair,
        out bool any, out Severity severity) =>
        MatchClasses(transport, _clientClass[clientPort], _serverClass[serverPort], direction, scopePair, out any, out severity);

    /// <summary>
    /// <see cref="MatchConditions(Transport, ushort, ushort, Direction, int, out bool, out Severity)"/> with the two
    /// ports already mapped to their classes (as <see cref="PortRows"/> holds them), so the classifier reads each
    /// port's facts from one row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public RuleMask MatchClasses(Transport transport, int clientClass, int serverClass, Direction direction, int scopePair,
        out bool any, out Severity severity)
    {
        int s = serverClass << 2;
        int c = clientClass << 2;
        int t = ((TransportClass[(byte)transport] * DirectionCount) + ((uint)direction < DirectionCount ? (int)direction : 0)) << 2;
        int x = scopePair << 2;
        RuleMask mask;
#if NET
        // Every index is a class or context number times four, and each table holds four words per class (built
        // together in the constructor), so the words are read without bounds checks.
        ref ulong sw = ref MemoryMarshal.GetArrayDataReference(_serverWords);
        ref ulong cw = ref MemoryMarshal.GetArrayDataReference(_clientWords);
        ref ulong tw = ref MemoryMarshal.GetArrayDataReference(_transportDirectionWords);
        ref ulong xw = ref MemoryMarshal.GetArrayDataReference(_scopeWords);
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<ulong> words = Vector256.LoadUnsafe(ref sw, (nuint)s) & Vector256.LoadUnsafe(ref cw, (nuint)c)
                & Vector256.LoadUnsafe(ref tw, (nuint)t) & Vector256.LoadUnsafe(ref xw, (nuint)x);
            any = words != Vector256<ulong>.Zero;
            severity = HighestSeverity(words);
            return RuleMask.FromVector(words);
        }

        Vector128<ulong> low = Vector128.LoadUnsafe(ref sw, (nuint)s) & Vector128.LoadUnsafe(ref cw, (nuint)c)
            & Vector128.LoadUnsafe(ref tw, (nuint)t) & Vector128.LoadUnsafe(ref xw, (nuint)x);
        Vector128<ulong> high = Vector128.LoadUnsafe(ref sw, (nuint)s + 2) & Vector128.LoadUnsafe(ref cw, (nuint)c + 2)
            & Vector128.LoadUnsafe(ref tw, (nuint)t + 2) & Vector128.LoadUnsafe(ref xw, (nuint)x + 2);
        mask = RuleMask.FromVectors(low, high);
#else
        ulong[] sw = _serverWords;
        ulong[] cw = _clientWords;
        ulong[] tw = _transportDirectionWords;
        ulong[] xw = _scopeWords;
        mask = RuleMask.FromWords(
            sw[s] & cw[c] & tw[t] & xw[x],
            sw[s + 1] & cw[c + 1] & tw[t + 1] & xw[x + 1],
            sw[s + 2] & cw[c + 2] & tw[t + 2] & xw[x + 2],
            sw[s + 3] & cw[c + 3] & tw[t + 3] & xw[x + 3]);
#endif
        any = !mask.IsEmpty;
        severity = any ? HighestSeverity(mask) : Severity.None;
        return mask;
    }

    /// <summary>
    /// The highest severity among the rules in <paramref name="mask"/>: the first severity level, highest first, whose
    /// rules meet the mask (a few 256-bit tests, however many rules match).
    /// </summary>
    public Severity HighestSeverity(RuleMask mask)
    {
        if (mask.IsEmpty)
        {
            return Severity.None;
        }

        for (int level = 0; level < _levels.Length; level++)
        {
            if (!(mask & _levelMasks[level]).IsEmpty)
            {
                return _levels[level];
            }
        }

        return Severity.None;
    }

#if NET
    /// <summary>
    /// The highest severity among the rules of a mask (<see cref="Severity.None"/> for an empty one) without a branch
    /// per level: one bit per severity that meets the mask, then the highest bit. Whether a flow matches, and what,
    /// varies flow by flow, so branches on it are mispredicted often.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Severity HighestSeverity(Vector256<ulong> mask)
    {
        ulong[]? table = _severityWords;
        if (table is null)
        {
            return HighestSeverityByLevels(mask);
        }

        ref ulong words = ref MemoryMarshal.GetArrayDataReference(table);
        uint hits = (Meets(mask, Vector256.LoadUnsafe(ref words, 4)) << 1)
            | (Meets(mask, Vector256.LoadUnsafe(ref words, 8)) << 2)
            | (Meets(mask, Vector256.LoadUnsafe(ref words, 12)) << 3)
            | (Meets(mask, Vector256.LoadUnsafe(ref words, 16)) << 4)
            | (Meets(mask, Vector256.LoadUnsafe(ref words, 20)) << 5);
        return (Severity)System.Numerics.BitOperations.Log2(hits | 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Meets(Vector256<ulong> mask, Vector256<ulong> rules) => (mask & rules) != Vector256<ulong>.Zero ? 1u : 0u;

    private Severity HighestSeverityByLevels(Vector256<ulong> mask)
    {
        ref ulong words = ref MemoryMarshal.GetArrayDataReference(_levelWords);
        for (int level = 0; level < _levels.Length; level++)
        {
            if ((mask & Vector256.LoadUnsafe(ref words, (nuint)(level * 4))) != Vector256<ulong>.Zero)
            {
                return _levels[level];
            }
        }

        return Severity.None;
    }
#endif

    private static ulong[]? BuildSeverityWords(Severity[] severityOf)
    {
        var words = new ulong[((int)Severity.Critical + 1) * 4];
        for (int rule = 0; rule < severityOf.Length; rule++)
        {
            int severity = (int)severityOf[rule];
            if (severity < (int)Severity.Info || severity > (int)Severity.Critical)
            {
                return null;
            }

            words[(severity * 4) + (rule >> 6)] |= 1UL << (rule & 63);
        }

        return words;
    }

    private void BuildSeverityLevels(out Severity[] levels, out RuleMask[] levelMasks, out ulong[] levelWords)
    {
        // Each severity that some rule has (None aside: it ranks below every finding), highest first, with its rules.
        var distinct = new SortedSet<Severity>();
        foreach (Severity severity in _severityOf)
        {
            if (severity != Severity.None)
            {
                distinct.Add(severity);
            }
        }

        levels = new Severity[distinct.Count];
        distinct.CopyTo(levels);
        Array.Reverse(levels);
        levelMasks = new RuleMask[levels.Length];
        levelWords = new ulong[levels.Length * 4];
        for (int level = 0; level < levels.Length; level++)
        {
            for (int rule = 0; rule < _severityOf.Length; rule++)
            {
                if (_severityOf[rule] == levels[level])
                {
                    levelMasks[level] |= RuleMask.Single(rule);
                }
            }

            levelMasks[level].CopyTo(levelWords, level * 4);
        }
    }

    private static bool TransportMatches(TransportFilter filter, bool hasPortConditions, int transportClass)
    {
        // ICMP "ports" are type and code: a port condition means nothing there unless the rule asks for ICMP.
        if (transportClass == 3 && hasPortConditions && (filter & TransportFilter.Icmp) == 0)
        {
            return false;
        }

        return filter == TransportFilter.Any || ((int)filter & (1 << transportClass)) != 0;
    }

    private static bool ScopeMatches(ScopeFilter filter, int scope, int internalState) =>
        filter == ScopeFilter.Any
        || ((int)filter & (1 << scope)) != 0
        || (internalState == 1 && (filter & ScopeFilter.Internal) != 0)
        || (internalState == 2 && (filter & ScopeFilter.External) != 0);

    /// <summary>Removes the rules an allow entry matching the flow covers.</summary>
    public RuleMask ApplyAllow(in PolicyInput input, RuleMask mask)
    {
        foreach (var entry in _allow)
        {
            if (!(mask & entry.Rules).IsEmpty && entry.Matches(in input))
            {
                mask &= ~entry.Rules;
                if (mask.IsEmpty)
                {
                    break;
                }
            }
        }

        return mask;
    }

    private static (ushort[] ClassOf, ulong[] Words) BuildPortIndex(IReadOnlyList<PolicyRule> rules,
        Func<PolicyRule, PortSet?> include, Func<PolicyRule, PortSet?> exclude)
    {
        // Each rule's allowed ports as merged ranges (null: unconstrained); the boundaries of all ranges split
        // 0-65535 into segments inside which every rule's answer is constant.
        var allowed = new PortRange[]?[rules.Count];
        var boundaries = new SortedSet<int> { 0 };
        for (int i = 0; i < rules.Count; i++)
        {
            var inc = include(rules[i]);
            var exc = exclude(rules[i]);
            if (inc is null && exc is null)
            {
                continue;
            }

            allowed[i] = PolicyValidation.EffectivePorts(inc, exc);
            foreach (var r in allowed[i]!)
            {
                boundaries.Add(r.Start);
                if (r.End < 65535)
                {
                    boundaries.Add(r.End + 1);
                }
            }
        }

        var classOf = new ushort[65536];
        var masks = new List<RuleMask>();
        var index = new Dictionary<RuleMask, int>();
        var starts = new List<int>(boundaries);
        for (int b = 0; b < starts.Count; b++)
        {
            int start = starts[b];
            int end = b + 1 < starts.Count ? starts[b + 1] - 1 : 65535;
            RuleMask mask = default;
            for (int i = 0; i < rules.Count; i++)
            {
                if (allowed[i] is null || Contains(allowed[i]!, start))
                {
                    mask |= RuleMask.Single(i);
                }
            }

            if (!index.TryGetValue(mask, out int cls))
            {
                cls = masks.Count;
                index.Add(mask, cls);
                masks.Add(mask);
            }

            for (int p = start; p <= end; p++)
            {
                classOf[p] = (ushort)cls;
            }
        }

        var words = new ulong[masks.Count * 4];
        for (int i = 0; i < masks.Count; i++)
        {
            masks[i].CopyTo(words, i * 4);
        }

        return (classOf, words);
    }

    private static bool Contains(PortRange[] ranges, int port)
    {
        int lo = 0;
        int hi = ranges.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >> 1;
            if (port < ranges[mid].Start)
            {
                hi = mid - 1;
            }
            else if (port > ranges[mid].End)
            {
                lo = mid + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    private static byte[] BuildTransportClasses()
    {
        var classes = new byte[256];
        for (int i = 0; i < classes.Length; i++)
        {
            classes[i] = 4;
        }

        classes[(int)Transport.Tcp] = 0;
        classes[(int)Transport.Udp] = 1;
        classes[(int)Transport.Sctp] = 2;
        classes[(int)Transport.Icmp] = 3;
        classes[(int)Transport.IcmpV6] = 3;
        return classes;
    }

    /// <summary>An allow entry with its networks built into sets once.</summary>
    private sealed class Allow
    {
        private readonly NetworkSet? _clients;
        private readonly NetworkSet? _servers;
        private readonly PortSet? _clientPorts;
        private readonly PortSet? _serverPorts;
        private readonly TransportFilter _transports;

        public Allow(RuleMask rules, PolicyAllowEntry entry)
        {
            Rules = rules;
            _clients = entry.Clients.Count > 0 ? new NetworkSet(entry.Clients) : null;
            _servers = entry.Servers.Count > 0 ? new NetworkSet(entry.Servers) : null;
            _clientPorts = entry.ClientPorts;
            _serverPorts = entry.ServerPorts;
            _transports = entry.Transports;
        }

        public RuleMask Rules { get; }

        public bool Matches(in PolicyInput input)
        {
            bool hasPorts = _clientPorts is not null || _serverPorts is not null;
            return TransportMatches(_transports, hasPorts, TransportClass[(byte)input.Transport])
                && (_serverPorts is null || _serverPorts.Contains(input.ServerPort))
                && (_clientPorts is null || _clientPorts.Contains(input.ClientPort))
                && (_clients is null || _clients.Contains(input.ClientAddress))
                && (_servers is null || _servers.Contains(input.ServerAddress));
        }
    }
}
