using System;
using FlowRole.Splunk.Hosting;

namespace FlowRole.Splunk.Commands;

/// <summary>
/// Copies every record unchanged: the full protocol and CSV path without classification. Hidden (chosen with
/// <c>--passthrough</c>), so benchmarks can measure what the protocol layer alone costs.
/// </summary>
public sealed class PassThroughCommand : SearchCommand
{
    /// <summary>The command's name.</summary>
    public const string CommandName = "passthrough";

    /// <inheritdoc/>
    public override string Name => CommandName;

    /// <inheritdoc/>
    public override void Configure(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        CommandArguments.Parse(Name, context.Args).ThrowIfUnknown();
    }

    /// <inheritdoc/>
    public override int ProcessChunk(ChunkContext chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var columns = new PassThroughColumns(chunk.Input.Header!, []);
        columns.WriteHeader(chunk.Output);
        chunk.Output.EndRow();
        int records = 0;
        while (chunk.Input.ReadRow())
        {
            columns.WriteRecord(chunk.Input, chunk.Output);
            records++;
        }

        return records;
    }
}
