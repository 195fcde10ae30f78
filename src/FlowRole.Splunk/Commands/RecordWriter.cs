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
/// <para>The twelve fields from <c>transport</c> to <c>severity</c> are, but for the service, a function of a few small
/// values (transport, basis, confidence, swapped, the two port classes, scopes, direction, suspicious, severity), and
/// flows repeat them endlessly: their text, separators included, is kept in a small direct-mapped cache keyed by those
/// values, so a record usually copies two runs of bytes around its service name where it would format twelve fields.
/// A miss formats them with Core's formatter and fills the slot. The service (one of thousands of names, one per
/// port) is written on its own, so flows to the many high ports do not miss.</para>
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
    private const int ServiceSlots = 256;
    private const int ServiceSlotBytes = 64;
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

    // The facts cache: two key words per slot (the second also marks the slot used), the text without the service,
    // its length, and where the service goes in it.
    private readonly ulong[] _keys = new ulong[CacheSlots * 2];
    private readonly byte[] _text = new byte[CacheSlots * SlotBytes];
    private readonly int[] _lengths = new int[CacheSlots];
    private readonly int[] _splits = new int[CacheSlots];

    // The service cache: the name (compared by reference), its text with the separators after it, and its length.
    private readonly string?[] _serviceNames = new string?[ServiceSlots];
    private readonly byte[] _serviceText = new byte[ServiceSlots * ServiceSlotBytes];
    private readonly int[] _serviceLengths = new int[ServiceSlots];

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

    /// <summary>
    /// Writes one classified record (its input cells over <paramref name="data"/>; <paramref name="verbatim"/>: as
    /// received, see <see cref="SplunkCsvReader.RowVerbatim"/>) and its Community ID.
    /// </summary>
    public void Write(ReadOnlySpan<byte> data, ReadOnlySpan<Cell> cells, bool verbatim, in FlowResult result, ReadOnlySpan<byte> communityId, SplunkCsvWriter output)
    {
        ReadOnlySpan<byte> multivalues = Multivalues(result, out int slot, out int builtLength);
        Span<byte> span = output.BeginRecord(_passThrough.MaxLength(cells, verbatim) + MaxFieldsLength + multivalues.Length + builtLength + 2);
        int at = 0;
        _passThrough.Append(span, ref at, data, cells, verbatim);

        Single(span, ref at, OutputField.ClientIp, result, communityId);
        Single(span, ref at, OutputField.ClientPort, result, communityId);
        Single(span, ref at, OutputField.ServerIp, result, communityId);
        Single(span, ref at, OutputField.ServerPort, result, communityId);
        Facts(span, ref at, result, communityId);
        if (builtLength == 0)
        {
            SplunkCsvWriter.Copy(multivalues, span[at..]);
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

        // The Community ID comes computed for the block (base64 and "1:", never quoted).
        SplunkCsvWriter.Copy(communityId, span[at..]);
        at += communityId.Length;
        if ((_multivalueColumns & (1u << (int)OutputField.CommunityId)) != 0)
        {
            span[at++] = (byte)',';
        }

        span[at++] = (byte)',';

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
        // Each enum in its own byte, the two flags and a used mark beside the confidence: eight enums fill the key word.
        ulong key = (byte)result.Transport
            | ((ulong)(byte)result.ServerPortClass << 8)
            | ((ulong)(byte)result.Basis << 16)
            | ((ulong)(byte)result.ClientPortClass << 24)
            | ((ulong)(byte)result.ClientScope << 32)
            | ((ulong)(byte)result.ServerScope << 40)
            | ((ulong)(byte)result.Direction << 48)
            | ((ulong)(byte)result.Severity << 56);
        float confidence = result.Confidence;
        ulong check = Unsafe.As<float, uint>(ref confidence)
            | ((result.Swapped ? 1UL : 0UL) << 32)
            | ((result.Suspicious ? 1UL : 0UL) << 33)
            | (1UL << 34);
        int slot = (int)(((key * 0x9E3779B97F4A7C15UL) ^ (check * 0xC2B2AE3D27D4EB4FUL)) >> (64 - 10));
        Span<byte> cached = _text.AsSpan(slot * SlotBytes, SlotBytes);
        if (_keys[2 * slot] == key && _keys[(2 * slot) + 1] == check)
        {
            // The slot holds the text before the service (transport) and after it (basis to severity).
            int split = _splits[slot];
            SplunkCsvWriter.Copy(cached[..split], span[at..]);
            at += split;
            Service(span, ref at, result, communityId);
            int rest = _lengths[slot] - split;
            SplunkCsvWriter.Copy(cached.Slice(split, rest), span[at..]);
            at += rest;
            return;
        }

        // Formatted straight into the record, then copied into the slot (all but the service) when it fits.
        int start = at;
        int before = 0, after = 0;
        for (int f = FirstFact; f <= LastFact; f++)
        {
            var field = (OutputField)f;
            if (field is OutputField.Service)
            {
                before = at - start;
                Service(span, ref at, result, communityId);
                after = at;
                continue;
            }

            if (field is OutputField.Transport)
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

        int tail = at - after;
        if (before + tail <= SlotBytes)
        {
            span.Slice(start, before).CopyTo(cached);
            span.Slice(after, tail).CopyTo(cached[before..]);
            _splits[slot] = before;
            _lengths[slot] = before + tail;
            _keys[2 * slot] = key;
            _keys[(2 * slot) + 1] = check;
        }
    }

    /// <summary>The service field, its __mv_ column if it has one, and the comma after it.</summary>
    private void Service(Span<byte> span, ref int at, in FlowResult result, ReadOnlySpan<byte> communityId)
    {
        // Core hands out one string per service name, so the name's identity keys a small cache of its CSV text.
        string? service = result.Service;
        int slot = service is null ? 0 : RuntimeHelpers.GetHashCode(service) & (ServiceSlots - 1);
        Span<byte> cached = _serviceText.AsSpan(slot * ServiceSlotBytes, ServiceSlotBytes);
        int length = _serviceLengths[slot];
        if (length > 0 && ReferenceEquals(_serviceNames[slot], service))
        {
            SplunkCsvWriter.Copy(cached[..length], span[at..]);
            at += length;
            return;
        }

        int start = at;
        Named(span, ref at, OutputField.Service, result, communityId);
        if ((_multivalueColumns & (1u << (int)OutputField.Service)) != 0)
        {
            span[at++] = (byte)',';
        }

        span[at++] = (byte)',';
        if (at - start <= ServiceSlotBytes)
        {
            span[start..at].CopyTo(cached);
            _serviceLengths[slot] = at - start;
            _serviceNames[slot] = service;
        }
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
