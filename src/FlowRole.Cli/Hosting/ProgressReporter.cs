using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace FlowRole.Cli.Hosting;

/// <summary>A record count on standard error, redrawn twice a second, only when a person is watching stderr.</summary>
internal sealed class ProgressReporter
{
    private readonly TextWriter _error;
    private readonly bool _enabled;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastDraw;
    private bool _drawn;

    public ProgressReporter(TextWriter error, bool enabled)
    {
        _error = error;
        _enabled = enabled;
    }

    /// <summary>Call per record; it looks at the clock only every 16,384 records.</summary>
    public void Tick(long records, string source)
    {
        if (!_enabled || (records & 0x3FFF) != 0)
        {
            return;
        }

        long now = _clock.ElapsedMilliseconds;
        if (now - _lastDraw < 500)
        {
            return;
        }

        _lastDraw = now;
        _drawn = true;
        _error.Write("\rflowrole: " + records.ToString("N0", CultureInfo.InvariantCulture) + " records (" + source + ")\u001b[K");
        _error.Flush();
    }

    public void Clear()
    {
        if (_drawn)
        {
            _error.Write("\r\u001b[K");
            _error.Flush();
            _drawn = false;
        }
    }
}
