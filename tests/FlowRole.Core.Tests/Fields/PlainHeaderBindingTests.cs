using System;
using System.Collections.Generic;
using FlowRole.Fields;
using FlowRole.Flows;
using Xunit;

namespace FlowRole.Tests.Fields;

/// <summary>
/// A plain header (the four endpoint columns and a transport, nothing else) binds its common rows on a straight path.
/// Every row must come out exactly as the general path makes it: the same record, or the same error.
/// </summary>
public class PlainHeaderBindingTests
{
    private static readonly string[] Plain = ["src_ip", "src_port", "dest_ip", "dest_port", "transport"];

    // The same columns plus an evidence column that is always unset: bound, so the binder takes the general path,
    // and empty, so it changes nothing in any record.
    private static readonly string[] General = ["src_ip", "src_port", "dest_ip", "dest_port", "transport", "conn_state"];

    private static readonly string?[] Addresses = ["10.0.0.1", " 192.168.1.9 ", "2001:db8::1", "[2001:db8::2]", "fe80::1%eth0", "", "-", "(empty)", null, "10.0.0.256", "x", "1.2.3"];

    private static readonly string?[] Ports = ["0", "80", "443", " 51000 ", "65535", "65536", "-1", "", "-", null, "0x50", "8O"];

    private static readonly string?[] Transports = ["tcp", "UDP", "6", "17", "icmp", "1", "sctp", "", "-", null, "bogus", "(empty)", " tcp "];

    [Fact]
    public void Every_row_binds_as_the_general_path_binds_it()
    {
        var random = new Random(20261122);
        int records = 0, errors = 0;
        for (int i = 0; i < 20_000; i++)
        {
            string?[] row =
            [
                Pick(random, Addresses), Pick(random, Ports), Pick(random, Addresses), Pick(random, Ports), Pick(random, Transports),
            ];
            (bool ok, FlowRecord record, FieldError error) = BindHelper.Bind(Plain, row);
            (bool ok2, FlowRecord record2, FieldError error2) = BindHelper.Bind(General, [.. row, ""]);
            string what = string.Join(" | ", row);
            Assert.True(ok == ok2, what);
            if (ok)
            {
                Assert.True(BindHelper.Same(record, record2), what);
                records++;
            }
            else
            {
                Assert.Equal(error2.Message, error.Message);
                errors++;
            }
        }

        // Both outcomes were exercised in numbers.
        Assert.True(records > 1_000 && errors > 1_000, $"{records} records, {errors} errors");
    }

    [Fact]
    public void A_header_with_two_candidates_for_a_field_still_takes_the_first_nonempty_one()
    {
        // Not plain (src and src_ip both name the source): the general path's precedence must hold.
        FlowRecord record = BindHelper.BindOk(["src_ip", "src", "src_port", "dest_ip", "dest_port"], "", "10.0.0.7", "50000", "10.0.0.8", "443");
        Assert.Equal("10.0.0.7", record.Source.Address.ToString());
    }

    private static string? Pick(Random random, IReadOnlyList<string?> values) =>
        random.Next(4) == 0 ? values[random.Next(values.Count)] : values[random.Next(Math.Min(5, values.Count))];
}
