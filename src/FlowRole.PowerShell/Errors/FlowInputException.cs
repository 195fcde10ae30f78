using System;
using FlowRole.Fields;

namespace FlowRole.PowerShell.Errors;

/// <summary>
/// Why one input object could not be classified: Core's <see cref="FieldError"/> (field, column, offending value) and
/// where the object stood in the pipeline. It is the exception of the non-terminating error record, so scripts can
/// read <c>$err.Exception.Column</c> or <c>$err.Exception.InputObject</c>.
/// </summary>
public sealed class FlowInputException : Exception
{
    /// <summary>Creates the exception for a binding error.</summary>
    public FlowInputException(FieldError error, long position, object? inputObject)
        : base(Describe(error.Message, position))
    {
        Error = error;
        Position = position;
        InputObject = inputObject;
    }

    /// <summary>Creates the exception for a problem that is not a field error (e.g. a malformed row).</summary>
    public FlowInputException(string message, long position, object? inputObject)
        : base(Describe(message, position))
    {
        Position = position;
        InputObject = inputObject;
    }

    /// <summary>Creates an exception with a message only.</summary>
    public FlowInputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    public FlowInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with a default message.</summary>
    public FlowInputException()
    {
    }

    /// <summary>Core's description of the problem; <c>default</c> when it is not a field error.</summary>
    public FieldError Error { get; }

    /// <summary>The field concerned (meaningful when <see cref="FieldError.IsError"/>).</summary>
    public FlowField Field => Error.Field;

    /// <summary>The input column (property) concerned, when there is one.</summary>
    public string? Column => Error.Column;

    /// <summary>The offending value as given, when there is one.</summary>
    public string? Value => Error.Value;

    /// <summary>The 1-based position of the object in the cmdlet's input (0 when not from the pipeline).</summary>
    public long Position { get; }

    /// <summary>The object that could not be classified.</summary>
    public object? InputObject { get; }

    private static string Describe(string message, long position) =>
        position > 0 ? "input " + position.ToString(System.Globalization.CultureInfo.InvariantCulture) + ": " + message : message;
}
