using System;
using System.Buffers;
using System.Text;
using FlowRole.Splunk.Commands;
using FlowRole.Splunk.Csv;
using FlowRole.Splunk.Hosting;
using Xunit;

namespace FlowRole.Splunk.Tests.Commands;

/// <summary>The per-record path allocates nothing: processing a chunk again costs a small constant, not bytes per record.</summary>
public sealed class AllocationTests
{
    private const int Records = 20_000;

    private static byte[] CimBody()
    {
        var text = new StringBuilder("\"_time\",\"src_ip\",\"src_port\",\"dest_ip\",\"dest_port\",transport,\"_chunked_idx\",\"__mv__time\",\"__mv_src_ip\"\n");
        for (int i = 0; i < Records; i++)
        {
            // A mix of orientations, services, a suspicious inbound RDP flow and IPv6.
            switch (i % 4)
            {
                case 0: text.Append("\"1599171244.277\",\"10.1.2.3\",").Append(40000 + (i % 20000)).Append(",\"93.184.216.34\",443,tcp,").Append(i).Append(",,\n"); break;
                case 1: text.Append("\"1599171244.278\",\"93.184.216.34\",443,\"10.1.2.3\",").Append(40000 + (i % 20000)).Append(",tcp,").Append(i).Append(",,\n"); break;
                case 2: text.Append("\"1599171244.279\",\"81.2.69.142\",50123,\"10.1.2.3\",3389,6,").Append(i).Append(",,\n"); break;
                default: text.Append("\"1599171244.280\",\"fd00::1\",5353,\"ff02::fb\",5353,udp,").Append(i).Append(",,\n"); break;
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static long Measure(SearchCommand command, string[] args)
    {
        command.Configure(new CommandContext(command.Name, args, null, null, null));
        byte[] pristine = CimBody();
        var output = new ArrayBufferWriter<byte>(pristine.Length * 4);
        var reader = new SplunkCsvReader();
        var context = new ChunkContext(reader, new SplunkCsvWriter(output));
        // The least of several warm runs: a tiered-JIT recompilation can allocate once in the middle of any one run.
        long allocated = long.MaxValue;
        for (int run = 0; run < 5; run++)
        {
            byte[] body = (byte[])pristine.Clone();
            output.ResetWrittenCount();
            context.Reset(run, false);
            long before = GC.GetAllocatedBytesForCurrentThread();
            reader.Reset(body);
            Assert.True(reader.ReadHeader());
            Assert.Equal(Records, command.ProcessChunk(context));
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Null(context.Messages);
        }

        return allocated;
    }

    [Theory]
    [InlineData(FlowRoleCommand.CommandName)]
    [InlineData(PortInfoCommand.CommandName)]
    [InlineData(PassThroughCommand.CommandName)]
    public void Processing_a_warm_chunk_allocates_a_constant_not_per_record(string name)
    {
        long allocated = Measure(CommandCatalog.All[name](), []);

        // The header row is parsed per chunk (a few hundred bytes); 20,000 records at even one byte each would be 20 KB.
        Assert.True(allocated < 8 * 1024, name + " allocated " + allocated + " bytes for a warm chunk of " + Records + " records");
    }
}
