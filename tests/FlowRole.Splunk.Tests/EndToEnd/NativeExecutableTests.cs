using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Formats.Tar;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using FlowRole.Splunk.Commands;
using FlowRole.Splunk.Tests.Infrastructure;
using FlowRole.SplunkPackager;
using Xunit;
using Xunit.Abstractions;

namespace FlowRole.Splunk.Tests.EndToEnd;

/// <summary>The published NativeAOT executable, driven over stdin/stdout exactly as splunkd drives it.</summary>
public sealed class NativeExecutableTests
{
    private readonly ITestOutputHelper _output;

    public NativeExecutableTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public static TheoryData<string> Streams => new(Recording.Streams);

    [LinuxX64Fact]
    public void Answers_each_request_before_the_next_is_sent()
    {
        // splunkd is strictly request/response: a reply that waits in a buffer deadlocks the search.
        using var command = new CommandProcess(PublishedCommand.Path, "--command=flowrole");
        command.Send(new ScpStream().GetInfo().ToArray());
        ReplyChunk getinfo = command.ReadReply();
        Assert.Equal("streaming", getinfo.Metadata.GetProperty("type").GetString());
        Assert.Contains("src_ip", getinfo.Metadata.GetProperty("required_fields").EnumerateArray().Select(e => e.GetString()));

        command.Send(new ScpStream().Execute("src_ip,src_port,dest_ip,dest_port,transport,_chunked_idx\r\n81.2.69.142,50123,10.1.2.3,3389,tcp,0\r\n10.0.0.1,x,10.0.0.2,80,tcp,1\r\n").ToArray());
        ReplyChunk first = command.ReadReply();
        Assert.False(first.Finished);
        List<Dictionary<string, string>> records = TestCsv.Records(first.Body);
        Assert.Equal(["0", "1"], records.Select(r => r["_chunked_idx"]));
        Assert.Equal("true", records[0]["suspicious"]);
        Assert.Equal("src_port: 'x' is not a port (0-65535)", records[1]["flowrole_error"]);
        Assert.Equal("WARN", Assert.Single(first.Messages)[0]);

        command.Send(new ScpStream().Execute("src_ip,dest_ip\n").ToArray());
        ReplyChunk headerOnly = command.ReadReply();
        Assert.Empty(headerOnly.Body);

        command.Send(new ScpStream().Execute("", finished: true).ToArray());
        Assert.True(command.ReadReply().Finished);
        command.Input.Close();
        Assert.Equal(0, command.WaitForExit());
        Assert.Equal("", command.Errors);
        Assert.Equal(-1, command.Output.ReadByte());
    }

    [LinuxX64Theory]
    [MemberData(nameof(Streams))]
    public void Native_replies_are_byte_identical_to_the_in_process_host(string name)
    {
        byte[] input = Recording.Load(name).WithArgs();
        foreach (string commandName in new[] { FlowRoleCommand.CommandName, PortInfoCommand.CommandName })
        {
            HostRun expected = HostRun.Execute(input, commandName);
            var stopwatch = Stopwatch.StartNew();
            (int code, byte[] output, string errors) = CommandProcess.Run(PublishedCommand.Path, input, "--command=" + commandName);
            _output.WriteLine(name + " | " + commandName + ": " + input.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " bytes in "
                + stopwatch.ElapsedMilliseconds + " ms");
            Assert.Equal(0, code);
            Assert.Equal("", errors);
            Assert.Equal(expected.Replies.Count, ReplyParser.Parse(output).Count);
            Assert.True(expected.Output.AsSpan().SequenceEqual(output), name + " | " + commandName + ": native output differs from the in-process output");
        }
    }

    [LinuxX64Fact]
    public void Bad_argument_exits_1_with_one_error_reply()
    {
        (int code, byte[] output, string errors) = CommandProcess.Run(PublishedCommand.Path,
            new ScpStream().GetInfo("internal=10.0.0.0/99").Execute("a\n1\n", finished: true).ToArray(), "--command=flowrole");
        Assert.Equal(1, code);
        ReplyChunk reply = Assert.Single(ReplyParser.Parse(output));
        Assert.StartsWith("flowrole: internal=\"10.0.0.0/99\"", reply.Error, StringComparison.Ordinal);
        Assert.Equal([["ERROR", reply.Error!]], reply.Messages);
        Assert.Contains(reply.Error!, errors, StringComparison.Ordinal);
    }

    [LinuxX64Fact]
    public void Truncated_stream_exits_1_without_an_extra_chunk()
    {
        byte[] input = new ScpStream().GetInfo().Execute("a\n1\n").Raw("chunked 1.0,36,100\n{\"action\":\"execute\",\"finished\":true}a,b\n").ToArray();
        (int code, byte[] output, string errors) = CommandProcess.Run(PublishedCommand.Path, input);
        Assert.Equal(1, code);
        Assert.Equal(2, ReplyParser.Parse(output).Count);
        Assert.Contains("stream ended after", errors, StringComparison.Ordinal);
    }

    [LinuxX64Fact]
    public void Unknown_command_line_argument_is_reported_at_getinfo()
    {
        (int code, byte[] output, _) = CommandProcess.Run(PublishedCommand.Path, new ScpStream().GetInfo().ToArray(), "__GETINFO__");
        Assert.Equal(1, code);
        Assert.Contains("__GETINFO__", Assert.Single(ReplyParser.Parse(output)).Error, StringComparison.Ordinal);
    }

    [LinuxX64Fact]
    public void Getinfo_probe_starts_fast_and_exits_0()
    {
        byte[] probe = new ScpStream().GetInfo().ToArray();
        var times = new List<double>();
        for (int i = 0; i < 5; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            (int code, byte[] output, string errors) = CommandProcess.Run(PublishedCommand.Path, probe);
            times.Add(stopwatch.Elapsed.TotalMilliseconds);
            Assert.Equal(0, code);
            Assert.Single(ReplyParser.Parse(output));
            Assert.Equal("", errors);
        }

        _output.WriteLine("getinfo probe wall times (ms): " + string.Join(", ", times.Select(t => t.ToString("F1", System.Globalization.CultureInfo.InvariantCulture))));
        Assert.True(times.Min() < 1000, "a getinfo probe took " + times.Min() + " ms at best");
    }

    [LinuxX64Fact]
    public void Version_is_printed_on_request()
    {
        (int code, byte[] output, _) = CommandProcess.Run(PublishedCommand.Path, [], "--version");
        Assert.Equal(0, code);
        Assert.StartsWith("flowrole ", Encoding.UTF8.GetString(output), StringComparison.Ordinal);
    }

    [LinuxX64Fact]
    public void Installed_package_runs_both_commands_and_finds_the_sample_policy()
    {
        string root = Directory.CreateTempSubdirectory("flowrole-installed-").FullName;
        try
        {
            // Build the .spl with the real executable and install it the way Splunk does: extract the archive.
            List<PackageFile> files = SplunkPackage.Layout(AppPaths.App, "0.0.0-test", PublishedCommand.Path, null);
            var spl = new MemoryStream();
            SplunkPackage.Write(files, spl, DateTimeOffset.UtcNow);
            spl.Position = 0;
            using (var gzip = new GZipStream(spl, CompressionMode.Decompress))
            {
                TarFile.ExtractToDirectory(gzip, root, overwriteFiles: false);
            }

            string bin = Path.Combine(root, "flowrole", "linux_x86_64", "bin");
            if (OperatingSystem.IsLinux())
            {
                Assert.True((File.GetUnixFileMode(Path.Combine(bin, "portinfo")) & UnixFileMode.OtherExecute) != 0);
            }

            string body = CommandRun.Csv(["src_ip", "src_port", "dest_ip", "dest_port", "transport"], ["10.9.9.9", "50123", "81.2.69.142", "9100", "tcp"]);
            byte[] withPolicy = new ScpStream().Chunk(ScpStream.GetInfoMetadata(["policy=flowrole_sample_policy"], "flowrole"), "").Execute(body, finished: true).ToArray();
            (int code, byte[] output, string errors) = CommandProcess.Run(Path.Combine(bin, "flowrole"), withPolicy, "--command=flowrole");
            Assert.True(code == 0, errors);
            Dictionary<string, string> record = Assert.Single(TestCsv.Records(ReplyParser.Parse(output)[1].Body));
            Assert.Contains("LOCAL-PRINT-OUTBOUND", record["findings"].Split('\n'));

            byte[] ports = new ScpStream().Chunk(ScpStream.GetInfoMetadata([], "portinfo"), "").Execute(CommandRun.Csv(["dest_port"], ["443"]), finished: true).ToArray();
            (code, output, errors) = CommandProcess.Run(Path.Combine(bin, "portinfo"), ports, "--command=portinfo");
            Assert.True(code == 0, errors);
            Assert.Equal("https", Assert.Single(TestCsv.Records(ReplyParser.Parse(output)[1].Body))["port_service"]);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
