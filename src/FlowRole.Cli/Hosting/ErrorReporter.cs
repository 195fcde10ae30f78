using System;
using System.Globalization;
using System.IO;

namespace FlowRole.Cli.Hosting;

/// <summary>
/// Lists record errors on standard error as <c>flowrole: FILE:LINE: message</c>, the first few only (the rest are
/// in the output's flowrole_error), and sums them up at the end.
/// </summary>
internal sealed class ErrorReporter
{
    /// <summary>How many record errors are listed before the rest are only counted.</summary>
    public const int Listed = 20;

    private const int MaxMessageChars = 300;

    private readonly TextWriter _error;
    private readonly bool _quiet;

    public ErrorReporter(TextWriter error, bool quiet)
    {
        _error = error;
        _quiet = quiet;
    }

    public long Count { get; private set; }

    /// <summary>A record error; <paramref name="message"/> may already start with "line N: ".</summary>
    public void Record(string source, long line, string message)
    {
        Count++;
        if (_quiet || Count > Listed)
        {
            return;
        }

        string prefix = "line " + line.ToString(CultureInfo.InvariantCulture) + ": ";
        if (message.StartsWith(prefix, StringComparison.Ordinal))
        {
            message = message.Substring(prefix.Length);
        }

        if (message.Length > MaxMessageChars)
        {
            message = message.Substring(0, MaxMessageChars) + "...";
        }

        _error.WriteLine("flowrole: " + source + ":" + line.ToString(CultureInfo.InvariantCulture) + ": " + message);
    }

    /// <summary>A problem with a whole input (reported once, not counted as a record).</summary>
    public void Input(string source, string message) => _error.WriteLine("flowrole: " + source + ": " + message);

    public void Warning(string message) => _error.WriteLine("flowrole: " + message);

    public void Summary(long records)
    {
        if (Count == 0)
        {
            return;
        }

        if (!_quiet && Count > Listed)
        {
            _error.WriteLine("flowrole: ... and " + (Count - Listed).ToString("N0", CultureInfo.InvariantCulture) + " more");
        }

        _error.WriteLine("flowrole: " + Count.ToString("N0", CultureInfo.InvariantCulture) + " of "
            + records.ToString("N0", CultureInfo.InvariantCulture) + (records == 1 ? " record" : " records")
            + " could not be classified; they carry flowrole_error in the output");
    }
}
