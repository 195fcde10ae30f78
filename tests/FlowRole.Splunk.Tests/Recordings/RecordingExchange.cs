using System;
using System.Collections.Generic;
using System.Linq;
using FlowRole.Splunk.Tests.Infrastructure;
using Xunit;

namespace FlowRole.Splunk.Tests.Recordings;

/// <summary>
/// Runs a real recording through a command and checks what must hold for every streaming command: valid framing,
/// one reply per request with <c>finished</c> echoed, and every record back in order with all its input fields
/// (including <c>__mv_</c> columns and <c>_chunked_idx</c>) intact.
/// </summary>
internal static class RecordingExchange
{
    public sealed record ChunkPair(Dictionary<string, string>[] Input, Dictionary<string, string>[] Output, ReplyChunk Reply);

    public static List<ChunkPair> Run(string recordingName, string command, string? appDirectory = null, params string[] args)
    {
        Recording recording = Recording.Load(recordingName);
        List<ReplyChunk> requests = recording.Requests;
        HostRun run = HostRun.Execute(recording.WithArgs(args), command, appDirectory);
        Assert.True(run.ExitCode == 0, "exit " + run.ExitCode + ": " + run.Diagnostics);
        List<ReplyChunk> replies = run.Replies;
        Assert.Equal(requests.Count, replies.Count);
        Assert.Equal("streaming", replies[0].Metadata.GetProperty("type").GetString());
        Assert.Null(replies[0].Error);

        var pairs = new List<ChunkPair>();
        for (int i = 1; i < requests.Count; i++)
        {
            Assert.Equal(requests[i].Finished, replies[i].Finished);
            Assert.Null(replies[i].Error);
            Dictionary<string, string>[] input = TestCsv.Records(requests[i].Body).ToArray();
            Dictionary<string, string>[] output = TestCsv.Records(replies[i].Body).ToArray();
            Assert.Equal(input.Length, output.Length);
            for (int r = 0; r < input.Length; r++)
            {
                foreach (KeyValuePair<string, string> field in input[r])
                {
                    Assert.True(output[r].TryGetValue(field.Key, out string? value), "chunk " + i + " row " + r + " lost field " + field.Key);
                    Assert.Equal(field.Value, value);
                }
            }

            pairs.Add(new ChunkPair(input, output, replies[i]));
        }

        return pairs;
    }
}
