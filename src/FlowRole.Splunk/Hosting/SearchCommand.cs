using System;
using System.Collections.Generic;

namespace FlowRole.Splunk.Hosting;

/// <summary>
/// A streaming search command served by <see cref="SearchCommandHost"/>: it is configured once from its SPL
/// arguments, then transforms each execute chunk's records. Implementations must write every record they keep, in
/// order, with its input fields intact.
/// </summary>
public abstract class SearchCommand
{
    /// <summary>The command's name in SPL.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// The fields to ask splunkd for in the getinfo reply (it then sends only those plus <c>_chunked_idx</c>), or
    /// null to receive every field. Valid after <see cref="Configure"/>.
    /// </summary>
    public virtual IReadOnlyList<string>? RequiredFields => null;

    /// <summary>
    /// About how many bytes the reply to a request body takes: a sizing hint, so the reply buffer is made large
    /// enough once instead of regrowing while records are written. By default, the request's own size.
    /// </summary>
    public virtual long EstimateReplyBytes(ReadOnlySpan<byte> requestBody) => requestBody.Length;

    /// <summary>Parses and validates the arguments; throws <see cref="CommandArgumentException"/> for a bad one.</summary>
    public abstract void Configure(CommandContext context);

    /// <summary>
    /// Processes one chunk whose body has a header: writes the output header row and the records, and returns how
    /// many records it wrote (0 makes the reply metadata-only).
    /// </summary>
    public abstract int ProcessChunk(ChunkContext chunk);
}
