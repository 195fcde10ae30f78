using System;
using System.Collections.Generic;
using FlowRole.Addresses;
using FlowRole.Flows;
using Xunit;

namespace FlowRole.Tests.Fields;

/// <summary>Records are equal exactly when every field is: front ends rely on it to tell two records apart.</summary>
public class FlowRecordEqualityTests
{
    private static FlowRecord Full()
    {
        Assert.True(ZeekHistory.TryParse("ShADadFf", out ZeekHistory history));
        return new FlowRecord(IpAddress.Parse("10.0.0.1"), 50000, IpAddress.Parse("10.0.0.2"), 443, Transport.Tcp)
        {
            FirstPacketFlags = TcpFlags.Syn,
            HasFirstPacketFlags = true,
            History = history,
            ConnState = ConnState.SF,
            Initiator = Initiator.Source,
            InitiatorSource = InitiatorSource.Explicit,
            Volume = new FlowVolume(100, 200, 3, 4),
        };
    }

    [Fact]
    public void A_change_to_any_one_field_makes_records_unequal()
    {
        FlowRecord a = Full();
        FlowRecord same = Full();
        Assert.True(a.Equals(same));
        Assert.True(a == same);
        Assert.Equal(a.GetHashCode(), same.GetHashCode());

        Assert.True(ZeekHistory.TryParse("hSAD", out ZeekHistory otherHistory));
        Assert.NotEqual(a.History, otherHistory);
        var variants = new List<(string Field, FlowRecord Record)>
        {
            ("source address", a with { Source = new Endpoint(IpAddress.Parse("10.0.0.9"), 50000) }),
            ("source port", a with { Source = new Endpoint(a.Source.Address, 50001) }),
            ("destination", a with { Destination = new Endpoint(a.Destination.Address, 444) }),
            ("transport", a with { Transport = Transport.Udp }),
            ("first-packet flags", a with { FirstPacketFlags = TcpFlags.Syn | TcpFlags.Ack }),
            ("has flags", a with { HasFirstPacketFlags = false }),
            ("history", a with { History = otherHistory }),
            ("conn_state", a with { ConnState = ConnState.S0 }),
            ("initiator", a with { Initiator = Initiator.Destination }),
            ("initiator source", a with { InitiatorSource = InitiatorSource.None }),
            ("volume", a with { Volume = new FlowVolume(100, 200, 3, 5) }),
            ("volume known", a with { Volume = default }),
        };
        foreach ((string field, FlowRecord record) in variants)
        {
            Assert.False(a.Equals(record), field);
            Assert.True(a != record, field);
            Assert.False(a.Equals((object)record), field);
        }
    }
}
