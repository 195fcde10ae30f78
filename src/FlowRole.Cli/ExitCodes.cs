namespace FlowRole.Cli;

/// <summary>The process exit codes of <c>flowrole</c>. When several apply, the first listed wins: 2, then 1, then 3.</summary>
internal static class ExitCodes
{
    /// <summary>Everything was read, classified and written.</summary>
    public const int Success = 0;

    /// <summary>A finding at or above <c>--fail-on SEVERITY</c> (only with that option).</summary>
    public const int Findings = 1;

    /// <summary>Bad usage or configuration: unknown option, unreadable file, invalid policy, listeners or CIDR list. Nothing (more) was written.</summary>
    public const int Usage = 2;

    /// <summary>Some records could not be classified (they carry <c>flowrole_error</c>); the output is otherwise complete.</summary>
    public const int InputErrors = 3;

    /// <summary>The reader of standard output went away (a closed pipe), as a Unix tool killed by SIGPIPE reports.</summary>
    public const int BrokenPipe = 141;

    /// <summary>Lines for help text and docs/cli.md.</summary>
    public static readonly (int Code, string Meaning)[] Descriptions =
    {
        (Success, "Everything was read, classified and written."),
        (Findings, "A finding at or above the --fail-on severity (only when --fail-on is given)."),
        (Usage, "Bad usage or configuration: unknown command or option, unreadable file, invalid policy, listener list or CIDR list."),
        (InputErrors, "Some records could not be classified; they are in the output with flowrole_error set, and the output is otherwise complete."),
        (BrokenPipe, "Standard output was closed by its reader (e.g. piped into head)."),
    };
}
