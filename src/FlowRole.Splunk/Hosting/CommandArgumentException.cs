using System;

namespace FlowRole.Splunk.Hosting;

/// <summary>
/// A search command's SPL arguments (or its command-line set-up) are wrong. Fatal: the getinfo reply carries the
/// message as an inspector ERROR and as <c>error</c>, and the process exits with code 1.
/// </summary>
public sealed class CommandArgumentException : Exception
{
    /// <summary>Creates the exception (for serializers and analyzers).</summary>
    public CommandArgumentException()
    {
    }

    /// <summary>Creates the exception with the message the user will see.</summary>
    public CommandArgumentException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an inner cause.</summary>
    public CommandArgumentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
