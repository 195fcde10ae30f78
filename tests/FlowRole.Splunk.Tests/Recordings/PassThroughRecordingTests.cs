using System.Collections.Generic;
using System.Linq;
using FlowRole.Splunk.Commands;
using FlowRole.Splunk.Tests.Infrastructure;
using Xunit;

namespace FlowRole.Splunk.Tests.Recordings;

public sealed class PassThroughRecordingTests
{
    public static TheoryData<string> Streams => new(Recording.Streams);

    [Theory]
    [MemberData(nameof(Streams))]
    public void Every_recording_round_trips_unchanged(string recording)
    {
        List<RecordingExchange.ChunkPair> pairs = RecordingExchange.Run(recording, PassThroughCommand.CommandName);
        foreach (RecordingExchange.ChunkPair pair in pairs)
        {
            Assert.All(pair.Output.Zip(pair.Input), p => Assert.Equal(p.Second.Count, p.First.Count));
        }
    }
}
