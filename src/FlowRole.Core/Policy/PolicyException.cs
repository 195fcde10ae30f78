using System;
using System.Collections.Generic;

namespace FlowRole.Policy;

/// <summary>
/// A policy could not be loaded. <see cref="Exception.Message"/> lists every error, one per line, each naming the
/// source, line, rule and field; <see cref="Errors"/> holds them individually.
/// </summary>
public sealed class PolicyException : Exception
{
    /// <summary>Creates the exception from the errors found (at least one).</summary>
    public PolicyException(IReadOnlyList<PolicyError> errors)
        : base(Format(errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception with a message and no structured errors.</summary>
    public PolicyException(string message)
        : base(message)
    {
        Errors = Array.Empty<PolicyError>();
    }

    /// <summary>Creates the exception with a message and the cause.</summary>
    public PolicyException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = Array.Empty<PolicyError>();
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public PolicyException()
        : base("The policy is invalid.")
    {
        Errors = Array.Empty<PolicyError>();
    }

    /// <summary>The errors, in document order.</summary>
    public IReadOnlyList<PolicyError> Errors { get; }

    private static string Format(IReadOnlyList<PolicyError> errors)
    {
        if (errors is null || errors.Count == 0)
        {
            return "The policy is invalid.";
        }

        var lines = new string[errors.Count];
        for (int i = 0; i < lines.Length; i++)
        {
            lines[i] = errors[i].ToString();
        }

        return string.Join("\n", lines);
    }
}
