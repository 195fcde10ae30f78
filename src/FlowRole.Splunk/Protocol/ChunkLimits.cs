using System;

namespace FlowRole.Splunk.Protocol;

/// <summary>
/// Hard caps on what one incoming chunk may declare. A length over a cap fails before anything is allocated, so a
/// corrupt or hostile header cannot make the command reserve gigabytes.
/// </summary>
public sealed class ChunkLimits
{
    /// <summary>The default caps: 16 MiB of metadata (splunkd's are about 1 KB) and 1 GiB of body.</summary>
    public static ChunkLimits Default { get; } = new();

    /// <summary>The largest metadata length accepted, in bytes.</summary>
    public int MaxMetadataBytes { get; init; } = 16 << 20;

    /// <summary>
    /// The largest body length accepted, in bytes. splunkd sends at most <c>maxresultrows</c> rows per chunk (16 MB
    /// for 50,000 rows of 24 fields in the recordings); fields such as <c>_raw</c> can be large, hence the headroom.
    /// </summary>
    public int MaxBodyBytes { get; init; } = 1 << 30;

    /// <summary>Throws when a cap is not positive.</summary>
    internal void Validate()
    {
        if (MaxMetadataBytes <= 0 || MaxBodyBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBodyBytes), "Chunk limits must be positive.");
        }
    }
}
