using System;

namespace FlowRole.Splunk.Protocol;

/// <summary>
/// The byte stream from splunkd broke the SCPv2 framing (garbage header, a length over the cap, invalid metadata JSON,
/// or a stream that ended inside a chunk). The exchange cannot continue after one.
/// </summary>
public sealed class ProtocolException : Exception
{
    /// <summary>Creates the exception (for serializers and analyzers).</summary>
    public ProtocolException()
    {
    }

    /// <summary>Creates the exception with a message that names the chunk and the byte offset.</summary>
    public ProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an inner cause.</summary>
    public ProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// True when the stream ended inside a chunk: the request never arrived whole, so there is nothing to answer,
    /// and nobody is left to read an answer.
    /// </summary>
    public bool Truncated { get; init; }
}
