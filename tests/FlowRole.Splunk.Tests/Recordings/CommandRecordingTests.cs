using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using FlowRole.Splunk.Commands;
using FlowRole.Splunk.Tests.Infrastructure;
using Xunit;

namespace FlowRole.Splunk.Tests.Recordings;

/// <summary>Every real recording through the real commands.</summary>
public sealed class CommandRecordingTests
{
    public static TheoryData<string> Streams => new(Recording.Streams);

    [Theory]
    [MemberData(nameof(Streams))]
    public void Flowrole_returns_every_record_with_its_fields_and_one_warn_per_chunk(string recording)
    {
        List<RecordingExchange.ChunkPair> pairs = RecordingExchange.Run(recording, FlowRoleCommand.CommandName);
        foreach (RecordingExchange.ChunkPair pair in pairs)
        {
            if (pair.Input.Length == 0)
            {
                Assert.Empty(pair.Reply.Body);
                Assert.Empty(pair.Reply.Messages);
                continue;
            }

            // These searches carry no flows, so every record says why it was not classified, and nothing else changed.
            Assert.All(pair.Output, r => Assert.StartsWith("no source address field", r["flowrole_error"], StringComparison.Ordinal));
            Assert.All(pair.Output, r => Assert.Equal("", r["client_ip"]));
            string[] warn = Assert.Single(pair.Reply.Messages);
            Assert.Equal("WARN", warn[0]);
            Assert.Contains(pair.Input.Length + " of " + pair.Input.Length + " records", warn[1], StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public void Portinfo_returns_every_record_with_its_fields(string recording)
    {
        List<RecordingExchange.ChunkPair> pairs = RecordingExchange.Run(recording, PortInfoCommand.CommandName);
        Assert.All(pairs, p => Assert.Empty(p.Reply.Messages));
        Assert.All(pairs.SelectMany(p => p.Output), r => Assert.Equal("", r["port_service"]));
    }

    [Fact]
    public void Countmatches_input_reads_as_splunklib_read_it()
    {
        // The expected output is what splunklib parsed from the same input (plus word_count): our fields must match.
        List<RecordingExchange.ChunkPair> pairs = RecordingExchange.Run("countmatches", FlowRoleCommand.CommandName);
        List<ReplyChunk> expected = ReplyParser.Parse(File.ReadAllBytes(Recording.Path6("countmatches.output")), tolerant: true);
        List<Dictionary<string, string>> splunklib = TestCsv.Records(expected[1].Body);
        Dictionary<string, string>[] ours = pairs[0].Output;
        Assert.Equal(500, ours.Length);
        Assert.Equal(splunklib.Count, ours.Length);
        for (int i = 0; i < ours.Length; i++)
        {
            foreach (KeyValuePair<string, string> field in splunklib[i].Where(f => !f.Key.Contains("word_count", StringComparison.Ordinal)))
            {
                Assert.Equal(field.Value, ours[i][field.Key]);
            }
        }

        Assert.Contains(ours, r => r["text"].Contains('\n', StringComparison.Ordinal));
        Assert.Contains(ours, r => r["text"].Any(c => c > 0x7F));
    }

    [Fact]
    public void Original_arguments_of_the_recorded_command_are_refused()
    {
        HostRun run = HostRun.Execute(Recording.Load("countmatches").Input, FlowRoleCommand.CommandName);
        Assert.Equal(1, run.ExitCode);
        ReplyChunk reply = Assert.Single(run.Replies);
        Assert.StartsWith("flowrole: unexpected argument 'text'", reply.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_generatehello_stream_gets_its_getinfo_reply_and_nothing_more()
    {
        Recording recording = Recording.Load("generatehello");
        HostRun run = HostRun.Execute(recording.WithArgs(), FlowRoleCommand.CommandName);
        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.Replies);
        Assert.Contains("stream ended after 0 of the 150 body bytes", run.Diagnostics, StringComparison.Ordinal);
    }
}
