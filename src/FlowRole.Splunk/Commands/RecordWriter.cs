using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using FlowRole.Fields;
using FlowRole.Formats;
using FlowRole.Policy;
using FlowRole.Splunk.Csv;
using FlowRole.Splunk.Hosting;

namespace FlowRole.Splunk.Commands;

/// <summary>
/// Writes a classified record for one chunk layout in a single pass into the output buffer: the copied input fields,
/// every output field in contract order (with a <c>__mv_</c> column after those that have one), the record end.
/// </summary>
/// <remarks>
/// <para>The twelve fields from <c>transport</c> to <c>severity</c> are a function of a few small values (transport,
/// server port, basis, confidence, swapped, client port class, scopes, direction, suspicious, severity), and flows
/// repeat them endlessly: their text, separators included, is kept in a small direct-mapped cache keyed by those
/// values, so a record usually copies one run of bytes where it would format twelve fields. A miss formats them with
/// Core's formatter and fills the slot. (The service is Core's answer for the server port and transport, and the
/// server port class follows from the port: the key covers both.)</para>
/// <para>Single values are addresses, numbers, fixed names and base64, which never need quoting; the service and
/// transport names and the multivalue fields are quoted exactly as <see cref="SplunkCsvWriter.WriteField(ReadOnlySpan{byte})"/>
/// quotes them. The output is byte for byte what writing field by field gives.</para>
/// </remarks>
internal sealed class RecordWriter
{
    private const int FirstFact = (int)OutputField.Transport;
    private const int LastFact = (int)OutputField.Severity;
    private const int CacheSlots = 1024;
    private const int SlotBytes = 512;
    private const int MultivalueSlots = 64;
    private const int MultivalueSlotBytes = 1024;

    // The multivalue fields, consecutive in the contract.
    private static readonly OutputField[] MultivalueFields = [OutputField.Findings, OutputField.FindingSources, OutputField.AttackTechniques];

    private readonly FlowResultFormatter _formatter;
    private readonly PassThroughColumns _passThrough;
    private readonly uint _multivalueColumns;
    private readonly MultivalueBuilder[] _multivalues = [new(), new(), new()];
    private readonly byte[] _scratch = new byte[FlowResultFormatter.MaxSingleValueLength];

    // The multivalue columns of a record without findings, and of recent rule sets (by slot, in a fixed arena).
    private readonly byte[] _emptyMultivalues;
    private readonly RuleMask[] _multivalueMasks = new RuleMask[MultivalueSlots];
    private readonly int[] _multivalueLengths = new int[MultivalueSlots];
    private readonly byte[] _multivalueText = new byte[MultivalueSlots * MultivalueSlotBytes];

    // The facts cache: two key words per slot (the second also marks the slot used), the text, and its length.
    private readonly ulong[] _keys = new ulong[CacheSlots * 2];
    private readonly byte[] _text = new byte[CacheSlots * SlotBytes];
    private readonly int[] _lengths = new int[CacheSlots];

    public RecordWriter(FlowResultFormatter formatter, PassThroughColumns passThrough, AddedColumns added)
    {
        _formatter = formatter;
        _passThrough = passThrough;
        for (int i = 0; i < added.Count; i++)
        {
            if (added.HasMultivalue(i))
            {
                _multivalueColumns |= 1u << i;
            }
        }

        foreach (MultivalueBuilder builder in _multivalues)
        {
            builder.Clear();
        }

        var empty = new byte[MultivalueFields.Length * 2];
        int at = 0;
        WriteMultivalues(empty, ref at);
        _emptyMultivalues = empty.AsSpan(0, at).ToArray();
    }

    /// <summary>The most bytes a record's output fields take, without multivalue values (a field at its longest, a comma, an empty __mv_ column each).</summary>
    private static int MaxFieldsLength => OutputContract.AllFields.Count * (FlowResultFormatter.MaxSingleValueLength + 2);

    /// <summary>Writes one classified record (its input cells over <paramref name="data"/>) and its Community ID.</summary>
    public void Write(ReadOnlySpan<byte> data, ReadOnlySpan<Cell> cells, in FlowResult result, ReadOnlySpan<byte> communityId, SplunkCsvWriter output)
    {
        ReadOnlySpan<byte> multivalues = Multivalues(result, out int slot, out int builtLength);
        Span<byte> span = output.BeginRecord(_passThrough.MaxLength(cells) + MaxFieldsLength + multivalues.Length + builtLength + 2);
        int at = 0;
        _passThrough.Append(span, ref at, data, cells);

        Single(span, ref at, OutputField.ClientIp, result, communityId);
        Single(span, ref at, OutputField.ClientPort, result, communityId);
        Single(span, ref at, OutputField.ServerIp, result, communityId);
        Single(span, ref at, OutputField.ServerPort, result, communityId);
        Facts(span, ref at, result, communityId);
        if (builtLength == 0)
        {
            multivalues.CopyTo(span[at..]);
            at += multivalues.Length;
        }
        else
        {
            // A rule set not seen lately: written from the builders, then kept in its slot when it fits.
            int start = at;
            WriteMultivalues(span, ref at);
            if (at - start <= MultivalueSlotBytes)
            {
                span[start..at].CopyTo(_multivalueText.AsSpan(slot * MultivalueSlotBytes));
                _multivalueLengths[slot] = at - start;
                _multivalueMasks[slot] = result.Verdict.Matches;
            }
        }

        Single(span, ref at, OutputField.CommunityId, result, communityId);

        // The error field is empty on a classified record.
        if ((_multivalueColumns & (1u << (int)OutputField.Error)) != 0)
        {
            span[at++] = (byte)',';
        }

        if (output.CrlfRecords)
        {
            span[at++] = (byte)'\r';
        }

        span[at++] = (byte)'\n';
        output.CommitRecord(at);
    }

    /// <summary>
    /// The three multivalue fields' columns (plain and __mv_, quoted as needed, each followed by a comma) when they are
    /// known: they are a function of the matched rules alone, so the text of recent rule sets is kept by slot, and a
    /// record without findings has empty columns. Otherwise the builders are filled, <paramref name="builtLength"/> is
    /// the most bytes they write, and the caller writes them (<paramref name="slot"/> is where to keep the text).
    /// </summary>
    private ReadOnlySpan<byte> Multivalues(in FlowResult result, out int slot, out int builtLength)
    {
        slot = 0;
        builtLength = 0;
        RuleMask matches = result.Verdict.Matches;
        if (matches.IsEmpty)
        {
            return _emptyMultivalues;
        }

        slot = (int)((uint)matches.GetHashCode() % MultivalueSlots);
        if (_multivalueLengths[slot] > 0 && _multivalueMasks[slot] == matches)
        {
            return _multivalueText.AsSpan(slot * MultivalueSlotBytes, _multivalueLengths[slot]);
        }

        for (int m = 0; m < _multivalues.Length; m++)
        {
            MultivalueBuilder builder = _multivalues[m];
            builder.Clear();
            OutputValueEnumerator values = _formatter.GetValues(MultivalueFields[m], result);
            while (values.MoveNext())
            {
                builder.Add(values.Current);
            }

            builtLength += SplunkCsvWriter.MaxEncodedLength(builder.Joined.Length) + SplunkCsvWriter.MaxEncodedLength(builder.Encoded.Length) + 2;
        }

        return default;
    }

    /// <summary>Writes the builders' values: each field's plain column, its __mv_ column when it has one, a comma after each.</summary>
    private void WriteMultivalues(Span<byte> span, ref int at)
    {
        for (int m = 0; m < MultivalueFields.Length; m++)
        {
            MultivalueBuilder values = _multivalues[m];
            SplunkCsvWriter.Append(span, ref at, values.Joined);
            if ((_multivalueColumns & (1u << (int)MultivalueFields[m])) != 0)
            {
                span[at++] = (byte)',';
                SplunkCsvWriter.Append(span, ref at, values.Encoded);
            }

            span[at++] = (byte)',';
        }
    }

    /// <summary>A field whose value never needs quoting, then its empty __mv_ column if it has one, then a comma.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Single(Span<byte> span, ref int at, OutputField field, in FlowResult result, ReadOnlySpan<byte> communityId)
    {
        if (!_formatter.TryFormat(field, result, span[at..], out int n, communityId))
        {
            throw new InvalidOperationException(OutputContract.NameOf(field) + " does not fit "
                + FlowResultFormatter.MaxSingleValueLength.ToString(CultureInfo.InvariantCulture) + " bytes");
        }

        at += n;
        if ((_multivalueColumns & (1u << (int)field)) != 0)
        {
            span[at++] = (byte)',';
        }

        span[at++] = (byte)',';
    }

    /// <summary>The twelve fields from transport to severity and the comma after them: from the cache, or formatted into it.</summary>
    private void Facts(Span<byte> span, ref int at, in FlowResult result, ReadOnlySpan<byte> communityId)
    {
        ulong key = (byte)result.Transport
            | ((ulong)result.Server.Port << 8)
            | ((ulong)(byte)result.Basis << 24)
            | ((result.Swapped ? 1UL : 0UL) << 32)
            | ((ulong)(byte)result.ClientPortClass << 33)
            | ((ulong)(byte)result.ClientScope << 36)
            | ((ulong)(byte)result.ServerScope << 44)
            | ((ulong)(byte)result.Direction << 52)
            | ((result.Suspicious ? 1UL : 0UL) << 55)
            | ((ulong)(byte)result.Severity << 56);
        float confidence = result.Confidence;
        ulong check = Unsafe.As<float, uint>(ref confidence) | (1UL << 32);
        int slot = (int)(((key * 0x9E3779B97F4A7C15UL) ^ (check * 0xC2B2AE3D27D4EB4FUL)) >> (64 - 10));
        Span<byte> cached = _text.AsSpan(slot * SlotBytes, SlotBytes);
        if (_keys[2 * slot] != key || _keys[(2 * slot) + 1] != check)
        {
            // Formatted straight into the record, then copied into the slot when it fits (names are short).
            int start = at;
            for (int f = FirstFact; f <= LastFact; f++)
            {
                var field = (OutputField)f;
                if (field is OutputField.Service or OutputField.Transport)
                {
                    Named(span, ref at, field, result, communityId);
                }
                else if (!_formatter.TryFormat(field, result, span[at..], out int n, communityId))
                {
                    throw new InvalidOperationException(OutputContract.NameOf(field) + " does not fit "
                        + FlowResultFormatter.MaxSingleValueLength.ToString(CultureInfo.InvariantCulture) + " bytes");
                }
                else
                {
                    at += n;
                }

                if ((_multivalueColumns & (1u << f)) != 0)
                {
                    span[at++] = (byte)',';
                }

                span[at++] = (byte)',';
            }

            int length = at - start;
            if (length <= SlotBytes)
            {
                span.Slice(start, length).CopyTo(cached);
                _lengths[slot] = length;
                _keys[2 * slot] = key;
                _keys[(2 * slot) + 1] = check;
            }

            return;
        }

        int cachedLength = _lengths[slot];
        cached.Slice(0, cachedLength).CopyTo(span[at..]);
        at += cachedLength;
    }

    /// <summary>A name that comes from tables (service, transport): quoted if it should ever hold a special character.</summary>
    private void Named(Span<byte> span, ref int at, OutputField field, in FlowResult result, ReadOnlySpan<byte> communityId)
    {
        if (!_formatter.TryFormat(field, result, _scratch, out int n, communityId))
        {
            throw new InvalidOperationException(OutputContract.NameOf(field) + " does not fit " + _scratch.Length.ToString(CultureInfo.InvariantCulture) + " bytes");
        }

        SplunkCsvWriter.Append(span, ref at, _scratch.AsSpan(0, n));
    }
}
