using System;
using FlowRole.Addresses;
using FlowRole.Flows;

namespace FlowRole.Benchmarks;

/// <summary>A deterministic mix of realistic flows: clients on ephemeral ports, servers on service ports, some replies.</summary>
internal static class SampleFlows
{
    private static readonly ushort[] ServicePorts = [22, 23, 25, 53, 80, 123, 135, 443, 445, 1433, 3306, 3389, 4444, 5985, 6667, 8080, 8443, 9001];

    public static FlowRecord[] Create(int count, int seed = 42)
    {
        var random = new Random(seed);
        var flows = new FlowRecord[count];
        for (int i = 0; i < count; i++)
        {
            var client = random.Next(3) == 0
                ? IpAddress.FromIPv4((uint)random.Next(0x0B000000, 0x7F000000))
                : IpAddress.FromIPv4(0x0A000000u | (uint)random.Next(0, 1 << 24));
            var server = random.Next(2) == 0
                ? IpAddress.FromIPv4(0xC0A80000u | (uint)random.Next(0, 1 << 16))
                : IpAddress.FromIPv4((uint)random.Next(0x0B000000, 0x7F000000));
            ushort clientPort = (ushort)(random.Next(2) == 0 ? random.Next(49152, 65536) : random.Next(32768, 61000));
            ushort serverPort = random.Next(10) == 0 ? (ushort)random.Next(1024, 65536) : ServicePorts[random.Next(ServicePorts.Length)];
            var transport = serverPort is 53 or 123 ? Transport.Udp : Transport.Tcp;
            var record = new FlowRecord(client, clientPort, server, serverPort, transport);
            flows[i] = random.Next(4) == 0 ? record.Reverse() : record;
        }

        return flows;
    }
}
