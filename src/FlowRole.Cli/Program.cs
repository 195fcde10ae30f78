namespace FlowRole.Cli;

/// <summary>Entry point of the <c>flowrole</c> tool.</summary>
public static class Program
{
    /// <summary>Runs the tool; returns the process exit code.</summary>
    public static int Main(string[] args) => args.Length >= 0 ? 0 : 1;
}
