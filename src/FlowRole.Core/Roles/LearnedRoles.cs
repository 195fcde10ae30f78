using System;
using System.Collections.Generic;
using FlowRole.Addresses;
using FlowRole.Flows;

namespace FlowRole.Roles;

/// <summary>
/// What <see cref="RoleLearner"/> saw across a data set: how many distinct peers reach each endpoint (fan-in), which
/// host served whenever two hosts talked on clear service ports (host-pair context: passive FTP data, RPC dynamic
/// ports and DCC follow a control connection), and how often each host served or asked. Immutable; safe to share.
/// </summary>
public sealed class LearnedRoles
{
    /// <summary>Fan-in needs this many distinct peers before it speaks.</summary>
    internal const int MinFanIn = 3;

    /// <summary>Host-pair context only overrides port knowledge weaker than this.</summary>
    internal const float PairOverridesBelow = 0.7f;

    private readonly Dictionary<(IpAddress, ushort, Transport), int> _peerCounts;
    private readonly Dictionary<(IpAddress, IpAddress), (int FirstServes, int SecondServes)> _pairs;
    private readonly Dictionary<IpAddress, (int Asks, int Serves)> _hosts;

    internal LearnedRoles(
        Dictionary<(IpAddress, ushort, Transport), int> peerCounts,
        Dictionary<(IpAddress, IpAddress), (int, int)> pairs,
        Dictionary<IpAddress, (int, int)> hosts,
        long observed)
    {
        _peerCounts = peerCounts;
        _pairs = pairs;
        _hosts = hosts;
        Observed = observed;
    }

    /// <summary>How many records were observed.</summary>
    public long Observed { get; }

    /// <summary>How many distinct endpoints were seen.</summary>
    public int Endpoints => _peerCounts.Count;

    /// <summary>How many distinct peers reached an endpoint (0 when unseen).</summary>
    public int DistinctPeers(IpAddress address, ushort port, Transport transport) =>
        _peerCounts.TryGetValue((address, port, transport), out int count) ? count : 0;

    /// <summary>
    /// Decides from learned context, or returns false. <paramref name="portConfidence"/> is how sure port knowledge
    /// already is (0 when it had nothing), so weak context does not overrule a clear service port.
    /// </summary>
    internal bool TryDecide(in FlowRecord record, float portConfidence, out RoleDecision decision)
    {
        decision = default;
        var source = record.Source;
        var destination = record.Destination;

        // A host running a same-port service (ntpd asks every server from 123) has fan-out, not fan-in, on that port.
        bool symmetric = source.Port == destination.Port && SpecialCases.IsSymmetricService(record.Transport, source.Port);
        int sourcePeers = symmetric ? 0 : DistinctPeers(source.Address, source.Port, record.Transport);
        int destinationPeers = symmetric ? 0 : DistinctPeers(destination.Address, destination.Port, record.Transport);
        if (destinationPeers >= MinFanIn && sourcePeers <= 1)
        {
            decision = RoleDecision.SourceClient(RoleBasis.Learned, FanInConfidence(destinationPeers));
        }
        else if (sourcePeers >= MinFanIn && destinationPeers <= 1)
        {
            decision = RoleDecision.DestinationClient(RoleBasis.Learned, FanInConfidence(sourcePeers));
        }

        if (source.Address == destination.Address)
        {
            return decision.IsDecided;
        }

        if (portConfidence < PairOverridesBelow && 0.8f > decision.Confidence
            && _pairs.TryGetValue(PairKey(source.Address, destination.Address, out bool sourceFirst), out var votes))
        {
            int sourceServes = sourceFirst ? votes.FirstServes : votes.SecondServes;
            int destinationServes = sourceFirst ? votes.SecondServes : votes.FirstServes;
            if ((sourceServes == 0) != (destinationServes == 0))
            {
                decision = RoleDecision.ServerIs(sourceServes > 0, RoleBasis.Learned, 0.8f);
            }
        }

        _hosts.TryGetValue(source.Address, out var sourceHost);
        _hosts.TryGetValue(destination.Address, out var destinationHost);
        float sourceServing = (sourceHost.Serves + 1f) / (sourceHost.Asks + sourceHost.Serves + 2f);
        float destinationServing = (destinationHost.Serves + 1f) / (destinationHost.Asks + destinationHost.Serves + 2f);
        float gap = Math.Abs(sourceServing - destinationServing);
        if (gap > 0.3f)
        {
            float confidence = 0.5f + (gap * 0.45f);
            if (confidence > decision.Confidence)
            {
                decision = RoleDecision.ServerIs(sourceServing > destinationServing, RoleBasis.Learned, confidence);
            }
        }

        return decision.IsDecided;
    }

    internal static (IpAddress, IpAddress) PairKey(IpAddress a, IpAddress b, out bool aFirst)
    {
        aFirst = a.CompareTo(b) <= 0;
        return aFirst ? (a, b) : (b, a);
    }

    private static float FanInConfidence(int peers) => Math.Min(0.95f, 0.6f + (0.05f * peers));
}
