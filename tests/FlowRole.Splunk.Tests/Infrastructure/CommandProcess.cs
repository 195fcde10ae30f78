using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading.Tasks;

namespace FlowRole.Splunk.Tests.Infrastructure;

/// <summary>The executable driven over its stdin and stdout, as splunkd drives it.</summary>
internal sealed class CommandProcess : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly Task<string> _stderr;

    public CommandProcess(string executable, params string[] args)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start)!;
        _stderr = _process.StandardError.ReadToEndAsync();
    }

    public Stream Input => _process.StandardInput.BaseStream;

    public Stream Output => _process.StandardOutput.BaseStream;

    /// <summary>Runs a whole exchange: writes the input, closes stdin, collects stdout, stderr and the exit code.</summary>
    public static (int ExitCode, byte[] Output, string Errors) Run(string executable, byte[] input, params string[] args)
    {
        using var process = new CommandProcess(executable, args);
        var output = new MemoryStream();
        Task copy = process.Output.CopyToAsync(output);
        try
        {
            process.Input.Write(input);
            process.Input.Close();
        }
        catch (IOException)
        {
            // The command may stop reading after a fatal error; what it wrote is what counts.
        }

        if (!copy.Wait(Timeout))
        {
            throw new TimeoutException("no end of output within " + Timeout.TotalSeconds + " s (hang)");
        }

        int code = process.WaitForExit();
        return (code, output.ToArray(), process.Errors);
    }

    public string Errors => _stderr.Wait(Timeout) ? _stderr.Result : throw new TimeoutException("stderr did not close");

    public void Send(byte[] bytes)
    {
        Input.Write(bytes);
        Input.Flush();
    }

    /// <summary>Reads exactly one reply chunk: the header line, then the declared bytes. Times out instead of hanging.</summary>
    public ReplyChunk ReadReply()
    {
        Task<ReplyChunk> read = Task.Run(() =>
        {
            var header = new List<byte>();
            while (true)
            {
                int b = Output.ReadByte();
                if (b < 0)
                {
                    throw new EndOfStreamException("stdout ended before a reply header; got '" + Encoding.ASCII.GetString(header.ToArray()) + "'");
                }

                header.Add((byte)b);
                if (b == '\n')
                {
                    break;
                }
            }

            string[] parts = Encoding.ASCII.GetString(header.ToArray()).TrimEnd('\n').Split(',');
            int length = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) + int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture);
            byte[] rest = new byte[length];
            Output.ReadExactly(rest);
            return ReplyParser.Parse([.. header, .. rest])[0];
        });
        return read.Wait(Timeout) ? read.Result : throw new TimeoutException("no reply within " + Timeout.TotalSeconds + " s: the command did not flush or hung");
    }

    public int WaitForExit()
    {
        if (!_process.WaitForExit(Timeout))
        {
            _process.Kill();
            throw new TimeoutException("the command did not exit within " + Timeout.TotalSeconds + " s");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}
