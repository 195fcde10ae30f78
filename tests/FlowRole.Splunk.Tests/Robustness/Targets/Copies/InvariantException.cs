using System;

namespace FlowRole.Fuzzing;

/// <summary>
/// A fuzz target's invariant broke (records lost, output malformed, parsers disagreeing). Thrown so that AFL counts
/// the input as a crash and the replay tests fail on it; expected, documented errors never raise it.
/// </summary>
internal sealed class InvariantException : Exception
{
    public InvariantException()
    {
    }

    public InvariantException(string message)
        : base(message)
    {
    }

    public InvariantException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Throws when <paramref name="condition"/> is false.</summary>
    public static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvariantException(what);
        }
    }
}
