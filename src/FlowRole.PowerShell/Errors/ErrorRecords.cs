using System;
using System.Management.Automation;
using FlowRole.Fields;

namespace FlowRole.PowerShell.Errors;

/// <summary>Builds the cmdlets' error records: a stable id, a category, and the offending value as the target.</summary>
internal static class ErrorRecords
{
    /// <summary>A record that could not be bound: the id is the <see cref="FieldErrorKind"/> name.</summary>
    public static ErrorRecord ForField(FieldError error, long position, object? inputObject)
    {
        var exception = new FlowInputException(error, position, inputObject);
        ErrorCategory category = error.Kind == FieldErrorKind.NotAFlow ? ErrorCategory.InvalidType : ErrorCategory.InvalidData;
        return new ErrorRecord(exception, error.Kind.ToString(), category, (object?)error.Value ?? inputObject);
    }

    /// <summary>A row the reader found structurally broken.</summary>
    public static ErrorRecord MalformedRow(string message, long position, object? inputObject) =>
        new(new FlowInputException(message, position, inputObject), ErrorIds.MalformedRow, ErrorCategory.InvalidData, inputObject);

    /// <summary>Alert text that states no flow: the id is the <see cref="FlowRole.Text.AlertTextStatus"/> name (NoEndpoint, OneEndpoint...).</summary>
    public static ErrorRecord AlertText(in FlowRole.Text.AlertTextResult parsed, long position, string text) =>
        new(new FlowInputException(parsed.Message, position, text), parsed.Status.ToString(), ErrorCategory.InvalidData, text);

    /// <summary>A parameter value that is wrong.</summary>
    public static ErrorRecord InvalidArgument(string errorId, string message, object? value) =>
        new(new ArgumentException(message), errorId, ErrorCategory.InvalidArgument, value);

    /// <summary>Something asked for that does not exist (a service name, a rule id, a path).</summary>
    public static ErrorRecord NotFound(string errorId, string message, object? value) =>
        new(new ItemNotFoundException(message), errorId, ErrorCategory.ObjectNotFound, value);

    /// <summary>An input object of a kind the cmdlet cannot take.</summary>
    public static ErrorRecord InvalidInput(string errorId, string message, object? value) =>
        new(new ArgumentException(message), errorId, ErrorCategory.InvalidType, value);

    /// <summary>A file that cannot be read.</summary>
    public static ErrorRecord ReadError(string path, Exception exception) =>
        new(new System.IO.IOException("Cannot read '" + path + "': " + exception.Message, exception), ErrorIds.FileReadError, ErrorCategory.ReadError, path);

    /// <summary>A file that cannot be written.</summary>
    public static ErrorRecord WriteError(string path, Exception exception) =>
        new(new System.IO.IOException("Cannot write '" + path + "': " + exception.Message, exception), ErrorIds.FileWriteError, ErrorCategory.WriteError, path);
}
