using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using FlowRole.Splunk.Commands;
using FlowRole.Splunk.Hosting;
using FlowRole.Splunk.Protocol;

namespace FlowRole.Splunk.Tests.Infrastructure;

/// <summary>Runs the host in process over memory streams, with a timeout so a hang fails the test instead of the run.</summary>
internal sealed record HostRun(int ExitCode, byte[] Output, string Diagnostics)
{
    public static HostRun Execute(byte[] input, string? command = null, string? appDirectory = null, ChunkLimits? limits = null,
        Stream? inputStream = null, string? startupError = null)
    {
        var output = new MemoryStream();
        var diagnostics = new StringWriter();
        var options = new HostOptions
        {
            Commands = CommandCatalog.All,
            CommandName = command,
            AppDirectory = appDirectory,
            Limits = limits ?? ChunkLimits.Default,
            StartupError = startupError,
        };
        Stream source = inputStream ?? new MemoryStream(input);
        Task<int> run = Task.Run(() => new SearchCommandHost(options).Run(source, output, diagnostics));
        if (!run.Wait(TimeSpan.FromSeconds(60)))
        {
            throw new TimeoutException("the command did not finish within 60 s (hang)");
        }

        return new HostRun(run.Result, output.ToArray(), diagnostics.ToString());
    }

    public List<ReplyChunk> Replies => ReplyParser.Parse(Output);
}
