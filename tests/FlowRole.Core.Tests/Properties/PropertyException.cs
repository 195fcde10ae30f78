using System;

namespace FlowRole.Tests.Properties;

/// <summary>A property did not hold; the message names the seed, the case and the (shrunk) counterexample.</summary>
public sealed class PropertyException : Exception
{
    public PropertyException()
    {
    }

    public PropertyException(string message)
        : base(message)
    {
    }

    public PropertyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
