using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using FlowRole.Splunk.Commands;
using FlowRole.Splunk.Hosting;
using FlowRole.Splunk.Protocol;
using FlowRole.Splunk.Tests.Infrastructure;
using Xunit;

namespace FlowRole.Splunk.Tests.Hosting;

/// <summary>The exchange itself, run through the pass-through command so only the protocol layer is under test.</summary>
public sealed class SearchCommandHostTests
{
    private const string Pass = PassThroughCommand.CommandName;

    [Fact]
    public void Getinfo_then_one_reply_per_execute_chunk_with_finished_echoed()
    {
        byte[] input = new ScpStream().GetInfo()
            .Execute("a,b\n1,2\n")
            .Execute("a,b\n3,4\n")
            .Execute("a,b\n5,6\n", finished: true)
            .ToArray();
        HostRun run = HostRun.Execute(input, Pass);
        Assert.Equal(0, run.ExitCode);
        List<ReplyChunk> replies = run.Replies;
        Assert.Equal(4, replies.Count);
        Assert.Equal("streaming", replies[0].Metadata.GetProperty("type").GetString());
        Assert.Empty(replies[0].Body);
        Assert.Equal([false, false, true], replies.Skip(1).Select(r => r.Finished));
        Assert.Equal("a,b\r\n1,2\r\n", replies[1].BodyText);
        Assert.Equal("a,b\r\n5,6\r\n", replies[3].BodyText);
        Assert.Equal("", run.Diagnostics);
    }

    [Fact]
    public void Replies_are_framed_byte_exactly()
    {
        byte[] input = new ScpStream().GetInfo().Execute("x\nท\n", finished: true).ToArray();
        HostRun run = HostRun.Execute(input, Pass);
        Assert.Equal("chunked 1.0,20,0\n{\"type\":\"streaming\"}chunked 1.0,17,8\n{\"finished\":true}x\r\nท\r\n", Encoding.UTF8.GetString(run.Output));
    }

    [Fact]
    public void Empty_and_header_only_chunks_get_metadata_only_replies()
    {
        byte[] input = new ScpStream().GetInfo()
            .Execute("")
            .Execute("_time,x\n")
            .Execute("_time,x\r\n")
            .Execute("", finished: true)
            .ToArray();
        HostRun run = HostRun.Execute(input, Pass);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(5, run.Replies.Count);
        Assert.All(run.Replies, r => Assert.Empty(r.Body));
        Assert.EndsWith("chunked 1.0,18,0\n{\"finished\":false}chunked 1.0,17,0\n{\"finished\":true}", Encoding.UTF8.GetString(run.Output), StringComparison.Ordinal);
    }

    [Fact]
    public void Eof_before_anything_and_right_after_getinfo_are_clean_exits()
    {
        HostRun nothing = HostRun.Execute([], Pass);
        Assert.Equal(0, nothing.ExitCode);
        Assert.Empty(nothing.Output);

        HostRun probe = HostRun.Execute(new ScpStream().GetInfo().Raw("\n").ToArray(), Pass);
        Assert.Equal(0, probe.ExitCode);
        Assert.Single(probe.Replies);
    }

    [Fact]
    public void Chunked_idx_and_mv_columns_round_trip_untouched()
    {
        const string body = "\"_time\",src,\"_chunked_idx\",\"__mv__time\",\"__mv_src\",\"__mv__chunked_idx\"\n"
            + "\"1599171244.277\",\"a\nb\",0,,\"$a$;$b$\",\n\"1599171244.278\",c,1,,,\n";
        HostRun run = HostRun.Execute(new ScpStream().GetInfo().Execute(body, finished: true).ToArray(), Pass);
        List<Dictionary<string, string>> records = TestCsv.Records(run.Replies[1].Body);
        Assert.Equal(["0", "1"], records.Select(r => r["_chunked_idx"]));
        Assert.Equal("$a$;$b$", records[0]["__mv_src"]);
        Assert.Equal("a\nb", records[0]["src"]);
    }

    [Fact]
    public void Sixteen_megabyte_chunk_passes_whole()
    {
        var body = new StringBuilder("_raw,n\n");
        int rows = 0;
        while (body.Length < 17 * 1024 * 1024)
        {
            body.Append("\"line with, comma and \"\"quotes\"\" ").Append('x', 200).Append("\",").Append(rows++).Append('\n');
        }

        HostRun run = HostRun.Execute(new ScpStream().GetInfo().Execute(body.ToString(), finished: true).ToArray(), Pass);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(2, run.Replies.Count);
        List<string[]> parsed = TestCsv.Parse(run.Replies[1].Body);
        Assert.Equal(rows + 1, parsed.Count);
        Assert.Equal((rows - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), parsed[^1][1]);
    }

    [Fact]
    public void Bad_argument_is_a_fatal_getinfo_error_with_exit_code_1()
    {
        HostRun run = HostRun.Execute(new ScpStream().GetInfo("bogus=1").Execute("a\n1\n", finished: true).ToArray(), Pass);
        Assert.Equal(1, run.ExitCode);
        ReplyChunk reply = Assert.Single(run.Replies);
        Assert.True(reply.Finished);
        Assert.Equal("passthrough: unknown option 'bogus'; passthrough takes no options", reply.Error);
        Assert.Equal([["ERROR", reply.Error!]], reply.Messages);
        Assert.Equal("streaming", reply.Metadata.GetProperty("type").GetString());

        // inspector precedes error in the JSON, as Splunk's MLTK insists.
        string json = reply.Metadata.GetRawText();
        Assert.True(json.IndexOf("\"inspector\"", StringComparison.Ordinal) < json.IndexOf("\"error\"", StringComparison.Ordinal));
        Assert.Contains("unknown option 'bogus'", run.Diagnostics, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"action\":\"getinfo\"}")]
    [InlineData("{\"action\":\"getinfo\",\"searchinfo\":{}}")]
    [InlineData("{\"searchinfo\":{\"earliest_time\":1599084000.0,\"latest_time\":\"0\",\"splunk_version\":\"20150522\",\"maxresultrows\":\"50000\",\"x\":{\"y\":[1,{}]}},\"action\":\"getinfo\"}")]
    [InlineData("{\"action\":\"getinfo\",\"preview\":true,\"streaming_command_will_restart\":true,\"searchinfo\":{\"args\":[],\"search\":\"%7C%20flowrole\",\"splunkd_protocol\":\"https\",\"splunkd_port\":8089}}")]
    public void Getinfo_tolerates_every_searchinfo_shape_seen_in_the_wild(string metadata)
    {
        HostRun run = HostRun.Execute(new ScpStream().Chunk(metadata, "").Execute("a\n1\n", finished: true).ToArray(), Pass);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(2, run.Replies.Count);
        Assert.Null(run.Replies[0].Error);
    }

    [Fact]
    public void Execute_without_finished_is_answered_not_finished()
    {
        HostRun run = HostRun.Execute(new ScpStream().GetInfo().Chunk("{\"action\":\"execute\"}", "a\n1\n").ToArray(), Pass);
        Assert.Equal(0, run.ExitCode);
        Assert.False(run.Replies[1].Finished);
        Assert.Equal("{\"finished\":false}", run.Replies[1].Metadata.GetRawText());
    }

    [Fact]
    public void Messages_are_written_as_readable_utf8_json()
    {
        HostRun run = HostRun.Execute(new ScpStream().GetInfo("ชื่อ=1").ToArray(), Pass);
        string raw = Encoding.UTF8.GetString(run.Output);
        Assert.Contains("unknown option 'ชื่อ'", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", raw, StringComparison.Ordinal);
        Assert.Equal("passthrough: unknown option 'ชื่อ'; passthrough takes no options", Assert.Single(run.Replies).Error);
    }

    [Fact]
    public void Startup_error_from_the_command_line_is_shown_at_getinfo()
    {
        HostRun run = HostRun.Execute(new ScpStream().GetInfo().ToArray(), Pass, startupError: "unexpected command-line argument '__GETINFO__'");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("__GETINFO__", Assert.Single(run.Replies).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void First_request_must_be_getinfo()
    {
        HostRun run = HostRun.Execute(new ScpStream().Execute("a\n1\n", finished: true).ToArray(), Pass);
        Assert.Equal(1, run.ExitCode);
        ReplyChunk reply = Assert.Single(run.Replies);
        Assert.Contains("expected the getinfo request first, got action 'execute'", reply.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_metadata_json_gets_one_error_reply()
    {
        HostRun run = HostRun.Execute(new ScpStream().GetInfo().Chunk("{\"action\":", "a\n1\n").ToArray(), Pass);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(2, run.Replies.Count);
        Assert.Contains("chunk 1", run.Replies[1].Error, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", run.Replies[1].Error, StringComparison.Ordinal);
        Assert.True(run.Replies[1].Finished);
    }

    [Fact]
    public void Unknown_action_is_a_protocol_error()
    {
        HostRun run = HostRun.Execute(new ScpStream().GetInfo().Chunk("{\"action\":\"dance\"}", "").ToArray(), Pass);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("unknown action 'dance'", run.Replies[1].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_header_mid_stream_gets_exactly_one_error_reply()
    {
        HostRun run = HostRun.Execute(new ScpStream().GetInfo().Execute("a\n1\n").Raw("GET / HTTP/1.1\r\n\r\n").ToArray(), Pass);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(3, run.Replies.Count);
        Assert.Contains("protocol error: chunk 2", run.Replies[2].Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("chunked 1.0,36,")]
    [InlineData("chunked 1.0,36,10\n{\"action\":\"execute\",")]
    [InlineData("chunked 1.0,36,10\n{\"action\":\"execute\",\"finished\":true}a,b\n")]
    public void Truncated_stream_writes_no_extra_chunk_and_exits_1(string tail)
    {
        HostRun run = HostRun.Execute(new ScpStream().GetInfo().Execute("a\n1\n").Raw(tail).ToArray(), Pass);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(2, run.Replies.Count);
        Assert.Contains("stream ended", run.Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public void Lengths_that_lie_never_hang_and_never_add_a_chunk()
    {
        // Metadata declared too short: the JSON is cut, so it is invalid.
        HostRun tooShort = HostRun.Execute(new ScpStream().GetInfo().Raw("chunked 1.0,20,4\n{\"action\":\"execute\",\"finished\":true}a\n1\n").ToArray(), Pass);
        Assert.Equal(1, tooShort.ExitCode);
        Assert.Equal(2, tooShort.Replies.Count);
        Assert.NotNull(tooShort.Replies[1].Error);

        // Body declared too long: the read runs off the end of the stream.
        HostRun tooLong = HostRun.Execute(new ScpStream().GetInfo().Raw("chunked 1.0,36,400\n{\"action\":\"execute\",\"finished\":true}a\n1\n").ToArray(), Pass);
        Assert.Equal(1, tooLong.ExitCode);
        Assert.Single(tooLong.Replies);

        // Body declared too short: the first chunk is answered, the leftover bytes are not a header.
        HostRun shortBody = HostRun.Execute(new ScpStream().GetInfo().Raw("chunked 1.0,36,2\n{\"action\":\"execute\",\"finished\":true}a\n1\n").ToArray(), Pass);
        Assert.Equal(1, shortBody.ExitCode);
        Assert.Equal(3, shortBody.Replies.Count);
        Assert.Null(shortBody.Replies[1].Error);
        Assert.NotNull(shortBody.Replies[2].Error);

        // A length over the cap is refused without reading it.
        HostRun huge = HostRun.Execute(new ScpStream().GetInfo().Raw("chunked 1.0,36,900000000000\n").ToArray(), Pass,
            limits: new ChunkLimits { MaxBodyBytes = 1000 });
        Assert.Equal(1, huge.ExitCode);
        Assert.Contains("exceeds the limit", huge.Replies[1].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_body_header_is_a_protocol_error_for_that_chunk()
    {
        HostRun run = HostRun.Execute(new ScpStream().GetInfo().Execute("a,\"b\n1,2\n", finished: true).ToArray(), Pass);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("CSV header", run.Replies[1].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Second_getinfo_is_answered_again()
    {
        HostRun run = HostRun.Execute(new ScpStream().GetInfo().GetInfo().Execute("a\n1\n", true).ToArray(), Pass);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(3, run.Replies.Count);
        Assert.Equal(run.Replies[0].Metadata.GetRawText(), run.Replies[1].Metadata.GetRawText());
    }

    [Fact]
    public void Works_over_a_pipe_that_trickles_bytes()
    {
        byte[] input = new ScpStream().GetInfo().Execute("a,b\n\"x\ny\",2\n").Execute("a,b\n3,4\n", true).ToArray();
        HostRun run = HostRun.Execute([], Pass, inputStream: new TrickleStream(input, 3));
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(3, run.Replies.Count);
        Assert.Equal("a,b\r\n\"x\ny\",2\r\n", run.Replies[1].BodyText);
    }

    [Fact]
    public void Broken_output_pipe_is_reported_on_stderr_only()
    {
        var diagnostics = new StringWriter();
        var host = new SearchCommandHost(new HostOptions { Commands = CommandCatalog.All, CommandName = Pass });
        int code = host.Run(new MemoryStream(new ScpStream().GetInfo().ToArray()), new BrokenStream(), diagnostics);
        Assert.Equal(1, code);
        Assert.Contains("I/O error", diagnostics.ToString(), StringComparison.Ordinal);
    }

    private sealed class BrokenStream : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("Broken pipe");

        public override void Write(ReadOnlySpan<byte> buffer) => throw new IOException("Broken pipe");
    }
}
