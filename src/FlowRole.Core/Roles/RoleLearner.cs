using System;
using System.Collections.Generic;
using FlowRole.Addresses;
using FlowRole.Flows;

namespace FlowRole.Roles;

/// <summary>
/// Learns roles across a data set, for when the caller asks for it (<c>--learn</c>, <c>-Learn</c>): feed every record
/// to <see cref="Observe"/>, then <see cref="Build"/> and pass the result in <see cref="ClassifierOptions.Learned"/>.
/// Orientation-free: a record and its reverse teach the same thing. Memory grows with distinct endpoint pairs.
/// </summary>
public sealed class RoleLearner
{
    /// <summary>Only decisions at least this sure teach host roles.</summary>
    private const float TeachingConfidence = 0.85f;

    private readonly RoleResolver _resolver;
    private readonly HashSet<((IpAddress, ushort, Transport), (IpAddress, ushort, Transport))> _seenPairs = new();
    private readonly Dictionary<(IpAddress, ushort, Transport), int> _peerCounts = new();
    private readonly Dictionary<(IpAddress, IpAddress), (int, int)> _pairs = new();
    private readonly Dictionary<IpAddress, (int, int)> _hosts = new();
    private long _observed;

    /// <summary>Creates a learner; known listeners in <paramref name="options"/> count as evidence while learning.</summary>
    public RoleLearner(ClassifierOptions? options = null)
    {
        _resolver = new RoleResolver(PortRoleTable.Default, options?.Listeners, learned: null);
    }

    /// <summary>How many records were observed so far.</summary>
    public long Observed => _observed;

    /// <summary>Takes one record into account.</summary>
    public void Observe(in FlowRecord record)
    {
        _observed++;
        var a = (record.Source.Address, record.Source.Port, record.Transport);
        var b = (record.Destination.Address, record.Destination.Port, record.Transport);
        var key = Compare(a, b) <= 0 ? (a, b) : (b, a);
        if (_seenPairs.Add(key))
        {
            Increment(_peerCounts, a);
            Increment(_peerCounts, b);
        }

        RoleDecision decision = _resolver.ResolveFromEvidence(record);
        if (!decision.IsDecided)
        {
            decision = _resolver.ResolveFromKnowledge(record, learned: null);
        }

        if (!decision.IsDecided || decision.Confidence < TeachingConfidence || record.Source.Address == record.Destination.Address)
        {
            return;
        }

        IpAddress server = decision.SourceIsClient ? record.Destination.Address : record.Source.Address;
        IpAddress client = decision.SourceIsClient ? record.Source.Address : record.Destination.Address;
        var pairKey = LearnedRoles.PairKey(server, client, out bool serverFirst);
        _pairs.TryGetValue(pairKey, out var votes);
        _pairs[pairKey] = serverFirst ? (votes.Item1 + 1, votes.Item2) : (votes.Item1, votes.Item2 + 1);

        _hosts.TryGetValue(server, out var serverVotes);
        _hosts[server] = (serverVotes.Item1, serverVotes.Item2 + 1);
        _hosts.TryGetValue(client, out var clientVotes);
        _hosts[client] = (clientVotes.Item1 + 1, clientVotes.Item2);
    }

    /// <summary>Freezes what was learned. The learner may keep observing; later builds include the new records.</summary>
    public LearnedRoles Build() => new(
        new Dictionary<(IpAddress, ushort, Transport), int>(_peerCounts),
        new Dictionary<(IpAddress, IpAddress), (int, int)>(_pairs),
        new Dictionary<IpAddress, (int, int)>(_hosts),
        _observed);

    private static int Compare((IpAddress Address, ushort Port, Transport Transport) x, (IpAddress Address, ushort Port, Transport Transport) y)
    {
        int c = x.Address.CompareTo(y.Address);
        return c != 0 ? c : x.Port.CompareTo(y.Port);
    }

    private static void Increment<TKey>(Dictionary<TKey, int> counts, TKey key)
        where TKey : notnull
    {
        counts.TryGetValue(key, out int count);
        counts[key] = count + 1;
    }
}
