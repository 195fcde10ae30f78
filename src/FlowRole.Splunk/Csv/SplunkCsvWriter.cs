using System;
using System.Buffers;
using System.Text;

namespace FlowRole.Splunk.Csv;

/// <summary>
/// Writes a CSV body for splunkd: a value is quoted only when it holds a comma, quote, CR or LF (embedded quotes
/// doubled), and records end with CRLF as splunklib's replies do (splunkd accepts LF too). Writes straight into a
/// buffer; nothing is allocated per field.
/// </summary>
public sealed class SplunkCsvWriter
{
    private static readonly SearchValues<byte> NeedsQuoting = SearchValues.Create(",\"\r\n"u8);

    private readonly IBufferWriter<byte> _output;
    private readonly bool _crlf;
    private bool _rowStarted;

    /// <summary>Creates a writer; <paramref name="crlf"/> false ends records with LF alone.</summary>
    public SplunkCsvWriter(IBufferWriter<byte> output, bool crlf = true)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _crlf = crlf;
    }

    /// <summary>Writes one field of the current row.</summary>
    public void WriteField(ReadOnlySpan<byte> value)
    {
        if (_rowStarted)
        {
            WriteByte((byte)',');
        }

        _rowStarted = true;
        if (value.IndexOfAny(NeedsQuoting) < 0)
        {
            value.CopyTo(_output.GetSpan(value.Length));
            _output.Advance(value.Length);
            return;
        }

        // Worst case every byte is a quote.
        Span<byte> span = _output.GetSpan((value.Length * 2) + 2);
        int at = 0;
        span[at++] = (byte)'"';
        while (!value.IsEmpty)
        {
            int quote = value.IndexOf((byte)'"');
            int take = quote < 0 ? value.Length : quote + 1;
            value[..take].CopyTo(span[at..]);
            at += take;
            if (quote >= 0)
            {
                span[at++] = (byte)'"';
            }

            value = value[take..];
        }

        span[at++] = (byte)'"';
        _output.Advance(at);
    }

    /// <summary>Writes one field given as text (header names; not for the per-record path).</summary>
    public void WriteField(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        WriteField(Encoding.UTF8.GetBytes(value));
    }

    /// <summary>Writes a field and its <c>__mv_</c> companion from a multivalue builder.</summary>
    public void WriteMultivalue(MultivalueBuilder values)
    {
        ArgumentNullException.ThrowIfNull(values);
        WriteField(values.Joined);
        WriteField(values.Encoded);
    }

    /// <summary>Ends the current row.</summary>
    public void EndRow()
    {
        if (_crlf)
        {
            WriteByte((byte)'\r');
        }

        WriteByte((byte)'\n');
        _rowStarted = false;
    }

    private void WriteByte(byte value)
    {
        _output.GetSpan(1)[0] = value;
        _output.Advance(1);
    }
}
