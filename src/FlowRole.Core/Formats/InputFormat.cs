namespace FlowRole.Formats;

/// <summary>The input formats FlowRole reads.</summary>
public enum InputFormat : byte
{
    /// <summary>Detect from the first bytes (see <see cref="FormatDetector"/>).</summary>
    Auto = 0,

    /// <summary>Comma-separated values with a header row (RFC 4180 quoting, CRLF or LF, optional BOM).</summary>
    Csv,

    /// <summary>Tab-separated values with a header row, no quoting (zeek-cut, spreadsheets' TSV).</summary>
    Tsv,

    /// <summary>Zeek ASCII log (<c>#separator</c>, <c>#fields</c>, <c>#types</c> headers), e.g. conn.log.</summary>
    Zeek,

    /// <summary>JSON records: JSON lines, concatenated or pretty-printed objects, or one array of objects (Zeek JSON logs, Suricata eve.json, ECS, OCSF).</summary>
    Json,

    /// <summary>W3C extended log with a <c>#Fields:</c> header, space separated: the Windows Firewall log (pfirewall.log).</summary>
    WindowsFirewall,
}
