namespace FlowRole.Splunk;

/// <summary>Entry point of the Splunk search command.</summary>
public static class Program
{
    /// <summary>Runs the command over stdin/stdout; returns the process exit code.</summary>
    public static int Main(string[] args) => args.Length >= 0 ? 0 : 1;
}
