using System;
using System.Collections.Generic;
using FlowRole.Addresses;
using FlowRole.Flows;

namespace FlowRole.Tests.Properties;

/// <summary>Generators for flows: addresses from every scope, ports from every class, transports, and evidence.</summary>
internal static class FlowGen
{
    private static readonly Transport[] Transports =
        [Transport.Tcp, Transport.Tcp, Transport.Udp, Transport.Udp, Transport.Icmp, Transport.IcmpV6, Transport.Sctp, Transport.Unknown, (Transport)47];

    // Ports people see: well-known services, registered ones, Linux and Windows ephemeral, and the edges.
    private static readonly ushort[] NotablePorts =
        [0, 1, 20, 21, 22, 23, 25, 53, 67, 68, 80, 123, 135, 137, 139, 161, 389, 443, 445, 546, 547, 1024, 1433, 3389, 4444, 5353, 5985, 8080, 32768, 49152, 60999, 61000, 65535];

    private static readonly string[] Histories = ["S", "Sh", "ShA", "ShADadFf", "h", "hA", "^hADadf", "Dd", "ShAdDa^", "D^d", "^dD", "s", "Hs", "CCC", "ShR", "SaR"];

    public static IpAddress Address(Random random) => random.Next(10) switch
    {
        0 => IpAddress.FromIPv4(0x0A000000u | (uint)random.Next(1 << 24)), // 10/8
        1 => IpAddress.FromIPv4(0xC0A80000u | (uint)random.Next(1 << 16)), // 192.168/16
        2 => IpAddress.FromIPv4(0xE0000000u | (uint)random.Next(1 << 16)), // multicast
        3 => IpAddress.FromIPv4(random.Next(2) == 0 ? 0xFFFFFFFFu : 0u),
        4 => IpAddress.FromIPv6(0xFE80000000000000ul, (ulong)random.NextInt64()),
        5 => IpAddress.FromIPv6(0x20010DB800000000ul | (uint)random.Next(), (ulong)random.NextInt64()),
        6 => IpAddress.FromIPv6(0, 0x0000FFFF00000000ul | (uint)random.Next()), // IPv4-mapped
        7 => IpAddress.FromIPv6((ulong)random.NextInt64(), (ulong)random.NextInt64()),
        _ => IpAddress.FromIPv4((uint)random.NextInt64(0, 1L << 32)),
    };

    public static ushort Port(Random random) => random.Next(4) switch
    {
        0 => NotablePorts[random.Next(NotablePorts.Length)],
        1 => (ushort)random.Next(0, 1024),
        2 => (ushort)random.Next(1024, 49152),
        _ => (ushort)random.Next(49152, 65536),
    };

    public static Transport AnyTransport(Random random) => Transports[random.Next(Transports.Length)];

    /// <summary>A flow with any mix of ties (same host, same port) and evidence that survives reversal.</summary>
    public static FlowRecord Flow(Random random)
    {
        IpAddress a = Address(random);
        IpAddress b = random.Next(8) == 0 ? a : Address(random);
        ushort pa = Port(random);
        ushort pb = random.Next(6) == 0 ? pa : Port(random);
        var record = new FlowRecord(a, pa, b, pb, AnyTransport(random));
        if (random.Next(3) == 0 && ZeekHistory.TryParse(Histories[random.Next(Histories.Length)], out ZeekHistory history))
        {
            record = record with { History = history };
        }

        if (random.Next(4) == 0)
        {
            record = record with
            {
                Initiator = (Initiator)random.Next(3),
                InitiatorSource = (InitiatorSource)random.Next(1, 6),
            };
        }

        if (random.Next(3) == 0)
        {
            record = record with { Volume = new FlowVolume(random.Next(1 << 20), random.Next(1 << 20), random.Next(1000), random.Next(1000)) };
        }

        return record;
    }

    /// <summary>Simpler versions of a flow: without each kind of evidence, then with IPv4 documentation addresses.</summary>
    public static IEnumerable<FlowRecord> Shrink(FlowRecord record)
    {
        if (record.History.IsPresent)
        {
            yield return record with { History = default };
        }

        if (record.Initiator != Initiator.Unknown || record.InitiatorSource != InitiatorSource.None)
        {
            yield return record with { Initiator = Initiator.Unknown, InitiatorSource = InitiatorSource.None };
        }

        if (record.Volume.IsKnown)
        {
            yield return record with { Volume = default };
        }
    }

    public static string Show(FlowRecord r) =>
        r.Source + " -> " + r.Destination + " " + r.Transport + (r.History.IsPresent ? " history(first " + r.History.FirstEvent + ")" : "")
        + (r.Initiator != Initiator.Unknown ? " initiator " + r.Initiator + "/" + r.InitiatorSource : "")
        + (r.Volume.IsKnown ? " bytes " + r.Volume.SourceBytes + "/" + r.Volume.DestinationBytes : "");
}
