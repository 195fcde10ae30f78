namespace FlowRole.PowerShell.Errors;

/// <summary>
/// The stable <c>ErrorId</c>s the FlowRole cmdlets report (PowerShell appends the cmdlet type to form the
/// <c>FullyQualifiedErrorId</c>, e.g. <c>InvalidPort,FlowRole.PowerShell.Commands.GetFlowRoleCommand</c>). Scripts may
/// match on them; they never change meaning. Record-level problems found by Core's binder use the name of
/// <see cref="FlowRole.Fields.FieldErrorKind"/> (<c>InvalidPort</c>, <c>InvalidAddress</c>, <c>NoColumn</c>...).
/// </summary>
public static class ErrorIds
{
    /// <summary>A row of a log file is structurally broken (wrong field count, bad quoting, bad JSON).</summary>
    public const string MalformedRow = "MalformedRow";

    /// <summary>A policy file cannot be read or is invalid.</summary>
    public const string InvalidPolicy = "InvalidPolicy";

    /// <summary>An <c>-InternalNetwork</c> item is not a CIDR block.</summary>
    public const string InvalidInternalNetwork = "InvalidInternalNetwork";

    /// <summary>A <c>-Listener</c> item is not <c>host:port/transport</c>.</summary>
    public const string InvalidListener = "InvalidListener";

    /// <summary>A <c>-Transport</c> value is not a transport name or protocol number.</summary>
    public const string InvalidTransport = "InvalidTransport";

    /// <summary>A value given as a port is not a port number (0-65535).</summary>
    public const string InvalidPort = "InvalidPort";

    /// <summary>A service name is unknown to the port table.</summary>
    public const string UnknownService = "UnknownService";

    /// <summary>A policy rule id matches no rule.</summary>
    public const string RuleNotFound = "RuleNotFound";

    /// <summary>An input object is neither a port nor a flow.</summary>
    public const string UnsupportedInput = "UnsupportedInput";

    /// <summary>A path matches no file.</summary>
    public const string PathNotFound = "PathNotFound";

    /// <summary>A file cannot be read.</summary>
    public const string FileReadError = "FileReadError";

    /// <summary>An output file cannot be written.</summary>
    public const string FileWriteError = "FileWriteError";

    /// <summary>The output file exists and <c>-NoClobber</c> was given.</summary>
    public const string FileExists = "FileExists";

    /// <summary>A result was classified under another policy than the results written before it.</summary>
    public const string PolicyMismatch = "PolicyMismatch";

    /// <summary>This host's connection table cannot be read.</summary>
    public const string LocalConnectionsUnavailable = "LocalConnectionsUnavailable";
}
