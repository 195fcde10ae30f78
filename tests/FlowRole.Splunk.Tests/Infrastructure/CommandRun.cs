using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace FlowRole.Splunk.Tests.Infrastructure;

/// <summary>Runs a command over one getinfo and one or more execute chunks built from rows, and parses the replies.</summary>
internal sealed class CommandRun
{
    private CommandRun(HostRun run)
    {
        Host = run;
    }

    public HostRun Host { get; }

    public List<ReplyChunk> Replies => Host.Replies;

    public ReplyChunk GetInfo => Replies[0];

    public string[] RequiredFields => GetInfo.Metadata.GetProperty("required_fields").EnumerateArray().Select(e => e.GetString()!).ToArray();

    public List<Dictionary<string, string>> Records(int chunk = 1) => TestCsv.Records(Replies[chunk].Body);

    public string[] Header(int chunk = 1) => TestCsv.Parse(Replies[chunk].Body)[0];

    public static string Csv(params string[][] rows)
    {
        var text = new StringBuilder();
        foreach (string[] row in rows)
        {
            text.AppendJoin(',', row.Select(Quote)).Append('\n');
        }

        return text.ToString();
    }

    public static CommandRun Execute(string command, string[] args, params string[] bodies) => ExecuteInApp(command, args, null, bodies);

    public static CommandRun ExecuteInApp(string command, string[] args, string? appDirectory, params string[] bodies)
    {
        var stream = new ScpStream().Chunk(ScpStream.GetInfoMetadata(args, command), "");
        for (int i = 0; i < bodies.Length; i++)
        {
            stream.Execute(bodies[i], finished: i == bodies.Length - 1);
        }

        return new CommandRun(HostRun.Execute(stream.ToArray(), command, appDirectory));
    }

    /// <summary>Quotes like splunkd: anything not purely alphanumeric.</summary>
    private static string Quote(string value) =>
        value.Length == 0 ? "" : value.All(char.IsAsciiLetterOrDigit) ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
