using System;

namespace FlowRole.Cli.Arguments;

/// <summary>Bad usage or configuration: reported on stderr and exit code 2.</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException()
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
