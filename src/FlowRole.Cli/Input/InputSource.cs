using System;
using System.IO;
using FlowRole.Cli.Arguments;
using FlowRole.Formats;

namespace FlowRole.Cli.Input;

/// <summary>
/// One input: a file, or standard input. Standard input can be read once; when a second pass is needed (learning,
/// or collecting JSON/Zeek columns for a CSV header) it is first copied to a temporary file, deleted afterwards.
/// </summary>
internal sealed class InputSource : IDisposable
{
    private const int FileBufferBytes = 4096;

    private readonly Stream? _stdin;
    private string? _path;
    private bool _spooled;
    private bool _stdinTaken;
    private byte[]? _sniffed;
    private int _sniffedLength;

    private InputSource(string? path, Stream? stdin)
    {
        _path = path;
        _stdin = stdin;
    }

    /// <summary>The name in messages: the path as given, or <c>-</c>.</summary>
    public string DisplayName { get; private init; } = "-";

    public bool IsStandardInput => _stdin is not null;

    /// <summary>True when it can be opened again (a file, or standard input once copied to one).</summary>
    public bool CanReopen => _path is not null;

    public static InputSource File(string path)
    {
        if (!System.IO.File.Exists(path))
        {
            throw new UsageException("cannot read '" + path + "': " + (Directory.Exists(path) ? "it is a directory" : "no such file"));
        }

        return new InputSource(path, null) { DisplayName = path };
    }

    public static InputSource StandardInput(Stream stdin) => new(null, stdin) { DisplayName = "-" };

    /// <summary>The format of the input's first bytes (reading standard input's first bytes now and keeping them).</summary>
    public InputFormat Sniff()
    {
        if (_path is not null)
        {
            using Stream s = OpenFile(_path);
            byte[] head = new byte[FormatDetector.SniffBytes];
            int n = ReadFully(s, head);
            return FormatDetector.Detect(head.AsSpan(0, n));
        }

        if (_sniffed is null)
        {
            _sniffed = new byte[FormatDetector.SniffBytes];
            _sniffedLength = ReadFully(_stdin!, _sniffed);
        }

        return FormatDetector.Detect(_sniffed.AsSpan(0, _sniffedLength));
    }

    /// <summary>Copies standard input to a temporary file so it can be read more than once.</summary>
    public void Spool()
    {
        if (_path is not null || _stdin is null)
        {
            return;
        }

        string temp = Path.Combine(Path.GetTempPath(), "flowrole-stdin-" + Guid.NewGuid().ToString("N") + ".tmp");
        using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        {
            if (_sniffed is not null)
            {
                file.Write(_sniffed, 0, _sniffedLength);
            }

            _stdin.CopyTo(file, 1 << 16);
        }

        _path = temp;
        _spooled = true;
    }

    /// <summary>Opens the bytes for reading (standard input only once, unless spooled).</summary>
    public Stream Open()
    {
        if (_path is not null)
        {
            return OpenFile(_path);
        }

        if (_stdinTaken)
        {
            throw new InvalidOperationException("Standard input was already read.");
        }

        _stdinTaken = true;
        return _sniffed is null ? _stdin! : new ReplayStream(_sniffed, _sniffedLength, _stdin!);
    }

    public void Dispose()
    {
        if (_spooled && _path is not null)
        {
            try
            {
                System.IO.File.Delete(_path);
            }
            catch (IOException)
            {
                // A temporary file left behind is harmless; the OS cleans its temp folder.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private static Stream OpenFile(string path)
    {
        try
        {
            // The readers buffer themselves; FileStream's own buffer would only copy twice.
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, FileBufferBytes, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException("cannot read '" + path + "': " + ex.Message);
        }
    }

    private static int ReadFully(Stream stream, byte[] buffer)
    {
        int n = 0;
        while (n < buffer.Length)
        {
            int r = stream.Read(buffer, n, buffer.Length - n);
            if (r == 0)
            {
                break;
            }

            n += r;
        }

        return n;
    }
}
