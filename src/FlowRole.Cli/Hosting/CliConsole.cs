using System;
using System.IO;

namespace FlowRole.Cli.Hosting;

/// <summary>The process's standard streams and what they are attached to; tests supply their own.</summary>
internal sealed class CliConsole
{
    public CliConsole(Stream input, Stream output, TextWriter error, bool inputIsTerminal, bool outputIsTerminal, bool errorIsTerminal)
    {
        Input = input;
        Output = output;
        Error = error;
        InputIsTerminal = inputIsTerminal;
        OutputIsTerminal = outputIsTerminal;
        ErrorIsTerminal = errorIsTerminal;
    }

    /// <summary>Standard input.</summary>
    public Stream Input { get; }

    /// <summary>Standard output (bytes: writers produce UTF-8 themselves).</summary>
    public Stream Output { get; }

    /// <summary>Standard error.</summary>
    public TextWriter Error { get; }

    public bool InputIsTerminal { get; }

    public bool OutputIsTerminal { get; }

    public bool ErrorIsTerminal { get; }

    /// <summary>The real console.</summary>
    public static CliConsole System()
    {
        if (global::System.Console.IsOutputRedirected)
        {
            PipeBuffers.WidenOutput();
        }

        var error = new StreamWriter(global::System.Console.OpenStandardError(), new global::System.Text.UTF8Encoding(false)) { AutoFlush = true };
        return new CliConsole(
            global::System.Console.OpenStandardInput(),
            OpenStandardOutput(),
            error,
            !global::System.Console.IsInputRedirected,
            !global::System.Console.IsOutputRedirected,
            !global::System.Console.IsErrorRedirected);
    }

    /// <summary>
    /// Standard output as a plain file stream on Unix: the console stream ignores a closed pipe (EPIPE) and would let
    /// <c>flowrole classify big.csv | head</c> read the whole input for nothing; a file stream reports it, and the
    /// run stops with exit code 141.
    /// </summary>
    private static Stream OpenStandardOutput()
    {
        if (OperatingSystem.IsWindows())
        {
            return global::System.Console.OpenStandardOutput();
        }

        return new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle((IntPtr)1, ownsHandle: false), FileAccess.Write, 1);
    }

    /// <summary>Writes text to standard output as UTF-8.</summary>
    public void Write(string text)
    {
        byte[] bytes = new global::System.Text.UTF8Encoding(false).GetBytes(text);
        Output.Write(bytes, 0, bytes.Length);
        Output.Flush();
    }
}
