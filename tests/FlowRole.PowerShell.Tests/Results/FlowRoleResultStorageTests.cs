using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using FlowRole.Addresses;
using FlowRole.Fields;
using FlowRole.Flows;
using FlowRole.PowerShell.Results;
using Xunit;

namespace FlowRole.PowerShell.Tests.Results;

/// <summary>
/// A FlowRoleResult keeps its flow record packed, or whole, and classifies it again when read: what it shows must be
/// exactly what Core says of the record it was given, whichever way it was kept.
/// </summary>
public class FlowRoleResultStorageTests
{
    private static readonly Transport[] Transports = { Transport.Tcp, Transport.Udp, Transport.Icmp, Transport.Sctp, Transport.Unknown };

    [Fact]
    public void FlowRecord_has_only_the_fields_PackedRecord_knows()
    {
        // A field added to Core's record would be lost by packing: this fails first, so PackedRecord gets it too.
        string[] fields = typeof(FlowRecord).GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Select(f => f.Name.Replace("<", string.Empty, StringComparison.Ordinal).Replace(">k__BackingField", string.Empty, StringComparison.Ordinal))
            .Select(n => n.StartsWith('_') ? char.ToUpperInvariant(n[1]) + n[2..] : n) // explicit fields: _source is Source
            .OrderBy(n => n, StringComparer.Ordinal).ToArray();
        Assert.Equal(
            new[] { "ConnState", "Destination", "FirstPacketFlags", "HasFirstPacketFlags", "History", "Initiator", "InitiatorSource", "Source", "Transport", "Volume" },
            fields);
    }

    [Fact]
    public void Packed_records_unpack_equal_in_every_field()
    {
        var random = new Random(20261122);
        for (int i = 0; i < 20_000; i++)
        {
            FlowRecord record = RandomIPv4Record(random);
            Assert.True(PackedRecord.TryPack(record, out PackedRecord packed));
            AssertSameRecord(record, packed.Unpack());
        }
    }

    [Fact]
    public void Records_with_IPv6_history_or_counts_are_not_packed()
    {
        var random = new Random(7);
        FlowRecord plain = RandomIPv4Record(random);
        Assert.False(PackedRecord.TryPack(plain with { Source = new Endpoint(IpAddress.Parse("2001:db8::1"), 50000) }, out _));
        Assert.False(PackedRecord.TryPack(plain with { Destination = new Endpoint(IpAddress.Parse("::ffff:10.0.0.1"), 443) }, out _));
        Assert.True(ZeekHistory.TryParse("ShADadFf", out ZeekHistory history));
        Assert.False(PackedRecord.TryPack(plain with { History = history }, out _));
        Assert.False(PackedRecord.TryPack(plain with { Volume = new FlowVolume(10, 20, 1, 2) }, out _));
    }

    [Fact]
    public void A_result_shows_what_Core_says_of_its_record_whether_packed_or_kept_whole()
    {
        var classifier = new Classifier(new ClassifierOptions());
        var context = new ClassificationContext(classifier);
        var random = new Random(11);
        Assert.True(ZeekHistory.TryParse("Sr", out ZeekHistory history));
        var records = new List<FlowRecord>();
        for (int i = 0; i < 500; i++)
        {
            FlowRecord record = RandomIPv4Record(random);
            records.Add(record);
            records.Add(record with { History = history, Volume = new FlowVolume(random.Next(0, 1000), random.Next(0, 1000), -1, -1) });
            records.Add(record with { Destination = new Endpoint(IpAddress.FromIPv6(0x20010db800000000, (ulong)random.Next()), record.Destination.Port) });
        }

        foreach (FlowRecord record in records)
        {
            FlowResult expected = classifier.Classify(record);
            var result = new FlowRoleResult(record, context, "input", null);
            AssertSameRecord(record, result.Record);
            foreach (OutputField field in Enum.GetValues<OutputField>())
            {
                Assert.Equal(context.Formatter.Format(field, expected), context.Formatter.Format(field, result.Result));
            }

            Assert.Equal(expected.Severity, result.Severity);
            Assert.Equal(expected.Suspicious, result.Suspicious);
            Assert.Equal(expected.Client.Port, result.ClientPort);
            Assert.Equal(expected.Server.Port, result.ServerPort);
            Assert.Equal(FlowNames.Name(expected.Transport), result.Transport);
            Assert.Equal("input", result.InputObject);
        }
    }

    private static FlowRecord RandomIPv4Record(Random random) =>
        new(IpAddress.FromIPv4((uint)random.NextInt64(0, 1L << 32)), (ushort)random.Next(0, 65536),
            IpAddress.FromIPv4((uint)random.NextInt64(0, 1L << 32)), (ushort)random.Next(0, 65536), Transports[random.Next(Transports.Length)])
        {
            FirstPacketFlags = (TcpFlags)random.Next(0, 256),
            HasFirstPacketFlags = random.Next(2) == 0,
            ConnState = (ConnState)random.Next(0, (int)ConnState.OTH + 1),
            Initiator = (Initiator)random.Next(0, 3),
            InitiatorSource = (InitiatorSource)random.Next(0, (int)InitiatorSource.Perimeter + 1),
        };

    private static void AssertSameRecord(in FlowRecord expected, in FlowRecord actual)
    {
        Assert.Equal(expected.Source, actual.Source);
        Assert.Equal(expected.Destination, actual.Destination);
        Assert.Equal(expected.Transport, actual.Transport);
        Assert.Equal(expected.FirstPacketFlags, actual.FirstPacketFlags);
        Assert.Equal(expected.HasFirstPacketFlags, actual.HasFirstPacketFlags);
        Assert.Equal(expected.History, actual.History);
        Assert.Equal(expected.ConnState, actual.ConnState);
        Assert.Equal(expected.Initiator, actual.Initiator);
        Assert.Equal(expected.InitiatorSource, actual.InitiatorSource);
        Assert.Equal(expected.Volume.IsKnown, actual.Volume.IsKnown);
        Assert.Equal(expected.Volume.SourceBytes, actual.Volume.SourceBytes);
        Assert.Equal(expected.Volume.DestinationBytes, actual.Volume.DestinationBytes);
        Assert.Equal(expected.Volume.SourcePackets, actual.Volume.SourcePackets);
        Assert.Equal(expected.Volume.DestinationPackets, actual.Volume.DestinationPackets);

        // And Core's own equality, which covers any field added after these lines were written.
        Assert.Equal(expected, actual);
    }
}
