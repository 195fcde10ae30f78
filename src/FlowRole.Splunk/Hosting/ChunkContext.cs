using FlowRole.Splunk.Csv;
using FlowRole.Splunk.Protocol.Metadata;

namespace FlowRole.Splunk.Hosting;

/// <summary>One execute chunk as a command processes it: the parsed input body, the output writer and the reply's messages.</summary>
public sealed class ChunkContext
{
    internal ChunkContext(SplunkCsvReader input, SplunkCsvWriter output)
    {
        Input = input;
        Output = output;
    }

    /// <summary>The input body, its header already read.</summary>
    public SplunkCsvReader Input { get; }

    /// <summary>Where the output body goes: the command writes its header row, then its records.</summary>
    public SplunkCsvWriter Output { get; }

    /// <summary>The chunk's number in the stream (0 is getinfo).</summary>
    public long ChunkNumber { get; internal set; }

    /// <summary>True for the last chunk.</summary>
    public bool Finished { get; internal set; }

    /// <summary>Messages for this chunk's reply, or null until the first one is added.</summary>
    public InspectorMessages? Messages { get; private set; }

    /// <summary>Adds a message to this chunk's reply (at most one summary per chunk; never one per record).</summary>
    public void AddMessage(string level, string text)
    {
        Messages ??= new InspectorMessages();
        Messages.Add(level, text);
    }

    internal void Reset(long chunkNumber, bool finished)
    {
        ChunkNumber = chunkNumber;
        Finished = finished;
        Messages = null;
    }
}
