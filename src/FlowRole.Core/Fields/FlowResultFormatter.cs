using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using FlowRole.Addresses;
using FlowRole.Identity;
using FlowRole.Policy;
using FlowRole.Ports;

namespace FlowRole.Fields;

/// <summary>
/// Renders each output field of a <see cref="FlowResult"/> as UTF-8 into a caller's buffer, without allocating.
/// Multivalue fields are also exposed value by value (<see cref="GetValues"/>) so each writer joins them its own
/// way (CSV <c>;</c>, Splunk <c>__mv_</c>, JSON arrays). Immutable after construction; safe to share across threads.
/// </summary>
public sealed class FlowResultFormatter
{
    /// <summary>A buffer of this many bytes holds any single-valued field.</summary>
    public const int MaxSingleValueLength = 256;

    private readonly CommunityId? _communityId;
    private readonly byte[][] _ruleIds;
    private readonly string[] _ruleIdStrings;
    private readonly int[][] _ruleSelf;
    private readonly int[][] _ruleSources;
    private readonly int[][] _ruleTechniques;
    private readonly byte[][] _sources;
    private readonly string[] _sourceStrings;
    private readonly byte[][] _techniques;
    private readonly string[] _techniqueStrings;

    // The middle of a delimited row (role_basis to attack_techniques) by its facts key, separator and matched rules,
    // direct-mapped. Entries are immutable and replaced whole, so threads share the cache without locks.
    private const int MiddleSlotBits = 12;
    private readonly MiddleEntry?[] _middle = new MiddleEntry?[1 << MiddleSlotBits];

    /// <summary>Creates a formatter for a classifier's policy and Community ID seed.</summary>
    public FlowResultFormatter(Classifier classifier)
        : this((classifier ?? throw new ArgumentNullException(nameof(classifier))).Policy.Rules, classifier.CommunityId)
    {
    }

    /// <summary>Creates a formatter for a rule list (the <see cref="PortPolicy.Rules"/> the results index) and a Community ID hasher (null: the field stays empty).</summary>
    public FlowResultFormatter(IReadOnlyList<PolicyRule> rules, CommunityId? communityId)
    {
        if (rules is null)
        {
            throw new ArgumentNullException(nameof(rules));
        }

        _communityId = communityId;
        _ruleIds = new byte[rules.Count][];
        _ruleIdStrings = new string[rules.Count];
        _ruleSelf = new int[rules.Count][];
        _ruleSources = new int[rules.Count][];
        _ruleTechniques = new int[rules.Count][];
        var sources = new Interner();
        var techniques = new Interner();
        for (int i = 0; i < rules.Count; i++)
        {
            PolicyRule rule = rules[i];
            _ruleIdStrings[i] = rule.Id;
            _ruleIds[i] = Encoding.UTF8.GetBytes(rule.Id);
            _ruleSelf[i] = new[] { i };
            _ruleSources[i] = sources.AddAll(rule.Sources);
            _ruleTechniques[i] = techniques.AddAll(rule.AttackTechniques);
        }

        (_sourceStrings, _sources) = sources.ToArrays();
        (_techniqueStrings, _techniques) = techniques.ToArrays();
        MayNeedQuoting = AnyCsvSpecial(_ruleIdStrings) || AnyCsvSpecial(_sourceStrings) || AnyCsvSpecial(_techniqueStrings);
    }

    /// <summary>
    /// A port as decimal UTF-8 (<c>client_port</c>, <c>server_port</c>), for writers that lay out a row themselves.
    /// False when <paramref name="destination"/> is too small. Given eight bytes or more it stores one word, so bytes
    /// after the digits may change (writers go on from <paramref name="bytesWritten"/>).
    /// </summary>
    public static bool TryFormatPort(ushort port, Span<byte> destination, out int bytesWritten) =>
        AsciiText.TryFormatPort(port, destination, out bytesWritten);

    /// <summary>
    /// The <c>service</c> value of <paramref name="result"/> as UTF-8, straight from the port table (no copy; empty when
    /// the port has no service name). Writers quote it as their format needs, as for any other value.
    /// </summary>
    public static ReadOnlySpan<byte> ServiceUtf8(in FlowResult result) => CommonServiceNames.Utf8At(result.ServiceIndex);

    /// <summary>
    /// True when <paramref name="parsedText"/>, the text <paramref name="address"/> was parsed from (padding a binder
    /// trims included), is exactly what this formatter writes for the address: an IPv4 dotted quad without leading
    /// zeros or padding. A writer can then copy the text it has instead of formatting the address. Decided from the
    /// length alone (a dotted quad's parts cannot be shorter than their canonical digits, so equal lengths mean equal
    /// text), which is why the text must be the one parsed (and starts with a digit); IPv6 is always formatted.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // per address written
    public static bool IsCanonicalText(ReadOnlySpan<byte> parsedText, in IpAddress address)
    {
        uint v = (uint)address.Low;
        ref byte digits = ref MemoryMarshal.GetReference(OctetDigitCounts);
        int length = 3 + Unsafe.Add(ref digits, (nint)(v >> 24)) + Unsafe.Add(ref digits, (nint)((v >> 16) & 0xFF))
            + Unsafe.Add(ref digits, (nint)((v >> 8) & 0xFF)) + Unsafe.Add(ref digits, (nint)(v & 0xFF));
        return address.IsIPv4 & parsedText.Length == length && (uint)(parsedText[0] - '0') <= 9;
    }

    // The decimal digits of 0-255.
    private static ReadOnlySpan<byte> OctetDigitCounts =>
    [
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
        2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
        2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
        2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
        3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
        3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
        3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
        3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    ];

    /// <summary>
    /// True when <paramref name="parsedText"/>, the text <paramref name="port"/> was parsed from (padding a binder
    /// trims included), is exactly its decimal form: no leading zeros or padding (equal lengths mean equal digits).
    /// A port a binder filled in because the text was an unset marker (<c>-</c> for an ICMP flow's port 0) is told
    /// apart by its first character, which is not a digit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // per port written
    public static bool IsCanonicalText(ReadOnlySpan<byte> parsedText, ushort port) =>
        parsedText.Length == 1 + (port >= 10 ? 1 : 0) + (port >= 100 ? 1 : 0) + (port >= 1000 ? 1 : 0) + (port >= 10000 ? 1 : 0)
        && (uint)(parsedText[0] - '0') <= 9;

    /// <summary>True when some multivalue value holds a comma, quote or line break (CSV writers then check each).</summary>
    public bool MayNeedQuoting { get; }

    /// <summary>
    /// Writes a field's value. Multivalue fields are joined with <c>;</c>; use <see cref="GetValues"/> to join them
    /// otherwise. Returns false when <paramref name="destination"/> is too small. Bytes of
    /// <paramref name="destination"/> after the value may change (numbers and addresses are stored a word at a time).
    /// </summary>
    public bool TryFormat(OutputField field, in FlowResult result, Span<byte> destination, out int bytesWritten) =>
        TryFormat(field, result, destination, out bytesWritten, default, false);

    /// <summary>
    /// <see cref="TryFormat(OutputField, in FlowResult, Span{byte}, out int)"/> for a row whose Community ID the
    /// caller has computed as UTF-8 (empty: the flow has none), typically for a block of flows at once with
    /// <see cref="CommunityId.Format"/>: the <see cref="OutputField.CommunityId"/> field is then that text (it must
    /// come from this formatter's hasher; without one the field stays empty as always).
    /// </summary>
    public bool TryFormat(OutputField field, in FlowResult result, Span<byte> destination, out int bytesWritten, ReadOnlySpan<byte> communityId) =>
        TryFormat(field, result, destination, out bytesWritten, communityId, true);

    /// <summary>
    /// <see cref="TryFormat(OutputField, in FlowResult, Span{byte}, out int)"/> with the row's Community ID given
    /// when <paramref name="hasCommunityId"/> (computed by the caller for a batch; the field stays empty without a
    /// hasher all the same).
    /// </summary>
    internal bool TryFormat(OutputField field, in FlowResult result, Span<byte> destination, out int bytesWritten,
        ReadOnlySpan<byte> communityId, bool hasCommunityId)
    {
        bytesWritten = 0;
        switch (field)
        {
            case OutputField.ClientIp:
                return result.Client.Address.TryFormat(destination, out bytesWritten);
            case OutputField.ServerIp:
                return result.Server.Address.TryFormat(destination, out bytesWritten);
            case OutputField.ClientPort:
                return AsciiText.TryFormatPort(result.Client.Port, destination, out bytesWritten);
            case OutputField.ServerPort:
                return AsciiText.TryFormatPort(result.Server.Port, destination, out bytesWritten);
            case OutputField.Transport:
                return Copy(FlowNames.Utf8Name(result.Transport), destination, out bytesWritten);
            case OutputField.Service:
                return Copy(CommonServiceNames.Utf8At(result.ServiceIndex), destination, out bytesWritten);
            case OutputField.RoleBasis:
                return Copy(FlowNames.Utf8Name(result.Basis), destination, out bytesWritten);
            case OutputField.RoleConfidence:
                return TryFormatConfidence(result.Confidence, destination, out bytesWritten);
            case OutputField.Swapped:
                return Copy(FlowNames.Utf8Boolean(result.Swapped), destination, out bytesWritten);
            case OutputField.ClientPortClass:
                return Copy(FlowNames.Utf8Name(result.ClientPortClass), destination, out bytesWritten);
            case OutputField.ServerPortClass:
                return Copy(FlowNames.Utf8Name(result.ServerPortClass), destination, out bytesWritten);
            case OutputField.ClientScope:
                return Copy(FlowNames.Utf8Name(result.ClientScope), destination, out bytesWritten);
            case OutputField.ServerScope:
                return Copy(FlowNames.Utf8Name(result.ServerScope), destination, out bytesWritten);
            case OutputField.Direction:
                return Copy(FlowNames.Utf8Name(result.Direction), destination, out bytesWritten);
            case OutputField.Suspicious:
                return Copy(FlowNames.Utf8Boolean(result.Suspicious), destination, out bytesWritten);
            case OutputField.Severity:
                return Copy(FlowNames.Utf8Name(result.Severity), destination, out bytesWritten);
            case OutputField.CommunityId:
                return _communityId is null
                    || (hasCommunityId ? Copy(communityId, destination, out bytesWritten) : _communityId.TryFormat(result.Record, destination, out bytesWritten));
            case OutputField.Findings:
            case OutputField.FindingSources:
            case OutputField.AttackTechniques:
                return TryJoin(field, result, destination, out bytesWritten);
            case OutputField.Error:
                return true;
            default:
                throw new ArgumentOutOfRangeException(nameof(field), field, null);
        }
    }

    /// <summary>A field's value as a string (allocates; for tests, messages and object front ends). Multivalue fields are joined with <c>;</c>.</summary>
    public string Format(OutputField field, in FlowResult result)
    {
        if (OutputContract.IsMultivalue(field))
        {
            return string.Join(";", GetStrings(field, result));
        }

        Span<byte> buffer = stackalloc byte[MaxSingleValueLength];
        return TryFormat(field, result, buffer, out int n)
            ? AsciiText.ToString(buffer.Slice(0, n))
            : throw new InvalidOperationException(OutputContract.NameOf(field) + " does not fit " + MaxSingleValueLength + " bytes.");
    }

    /// <summary>The values of a multivalue field as strings (allocates the list; the strings are shared).</summary>
    public IReadOnlyList<string> GetStrings(OutputField field, in FlowResult result)
    {
        var list = new List<string>();
        OutputValueEnumerator e = GetValues(field, result);
        while (e.MoveNext())
        {
            list.Add(e.CurrentString);
        }

        return list;
    }

    /// <summary>
    /// The values of a multivalue field (<see cref="OutputContract.IsMultivalue"/>), one by one, in policy order,
    /// without repeats. Single-valued fields have no values here.
    /// </summary>
    public OutputValueEnumerator GetValues(OutputField field, in FlowResult result) =>
        OutputContract.IsMultivalue(field) ? new OutputValueEnumerator(this, field, result.Verdict.Matches) : default;

    internal int[] ItemsOf(OutputField field, int rule) => field switch
    {
        OutputField.Findings => (uint)rule < (uint)_ruleSelf.Length ? _ruleSelf[rule] : Array.Empty<int>(),
        OutputField.FindingSources => (uint)rule < (uint)_ruleSources.Length ? _ruleSources[rule] : Array.Empty<int>(),
        _ => (uint)rule < (uint)_ruleTechniques.Length ? _ruleTechniques[rule] : Array.Empty<int>(),
    };

    internal byte[] ValueUtf8(OutputField field, int value) => field switch
    {
        OutputField.Findings => _ruleIds[value],
        OutputField.FindingSources => _sources[value],
        _ => _techniques[value],
    };

    internal string ValueString(OutputField field, int value) => field switch
    {
        OutputField.Findings => _ruleIdStrings[value],
        OutputField.FindingSources => _sourceStrings[value],
        _ => _techniqueStrings[value],
    };

    /// <summary>
    /// Writes every classification field in contract order, separated by <paramref name="separator"/>, multivalue
    /// fields joined with <c>;</c>, without quoting (a CSV writer takes this path only when
    /// <see cref="MayNeedQuoting"/> is false). One pass over the result: the row writers' fast path. Returns the bytes
    /// written, or -1 when <paramref name="destination"/> is too small.
    /// </summary>
    internal int WriteDelimited(in FlowResult result, Span<byte> destination, byte separator) =>
        WriteDelimited(result, destination, separator, default, false);

    /// <summary>
    /// <see cref="WriteDelimited(in FlowResult, Span{byte}, byte)"/> with the Community ID given when
    /// <paramref name="hasCommunityId"/> (computed by the caller for a batch).
    /// </summary>
    internal int WriteDelimited(in FlowResult result, Span<byte> destination, byte separator, ReadOnlySpan<byte> communityId, bool hasCommunityId)
    {
        int head = WriteDelimitedHead(result, destination, separator);
        if (head < 0)
        {
            return -1;
        }

        int middle = WriteDelimitedMiddle(result, destination.Slice(head), separator);
        if (middle < 0)
        {
            return -1;
        }

        int tail = WriteDelimitedCommunityId(result, destination.Slice(head + middle), communityId, hasCommunityId);
        return tail < 0 ? -1 : head + middle + tail;
    }

    /// <summary>
    /// The first part of <see cref="WriteDelimited(in FlowResult, Span{byte}, byte, ReadOnlySpan{byte}, bool)"/>: the
    /// endpoints, transport and service, each followed by <paramref name="separator"/>. -1 when it does not fit.
    /// </summary>
    private int WriteDelimitedHead(in FlowResult result, Span<byte> destination, byte separator)
    {
        var w = new SpanWriter(destination);
        Flows.Endpoint client = result.Client;
        Flows.Endpoint server = result.Server;
        bool ok = w.Address(client.Address) && w.Byte(separator)
            && w.Number(client.Port) && w.Byte(separator)
            && w.Address(server.Address) && w.Byte(separator)
            && w.Number(server.Port) && w.Byte(separator)
            && w.Bytes(FlowNames.Utf8Name(result.Transport)) && w.Byte(separator)
            && w.Bytes(CommonServiceNames.Utf8At(result.ServiceIndex)) && w.Byte(separator);
        return ok ? w.Written : -1;
    }

    /// <summary>
    /// The middle part of <see cref="WriteDelimited(in FlowResult, Span{byte}, byte, ReadOnlySpan{byte}, bool)"/>:
    /// <c>role_basis</c> to <c>severity</c>, each followed by <paramref name="separator"/>. Its text depends only on
    /// <see cref="GetFactsKey"/> (<see cref="WriteDelimitedMiddle"/> caches it by that key). -1 when it does not fit.
    /// </summary>
    private static int WriteDelimitedFacts(in FlowResult result, Span<byte> destination, byte separator)
    {
        var w = new SpanWriter(destination);
        bool ok = w.Bytes(FlowNames.Utf8Name(result.Basis)) && w.Byte(separator)
            && w.Confidence(result.Confidence) && w.Byte(separator)
            && w.Bytes(FlowNames.Utf8Boolean(result.Swapped)) && w.Byte(separator)
            && w.Bytes(FlowNames.Utf8Name(PortTable.ClassOf(result.Client.Port))) && w.Byte(separator)
            && w.Bytes(FlowNames.Utf8Name(PortTable.ClassOf(result.Server.Port))) && w.Byte(separator)
            && w.Bytes(FlowNames.Utf8Name(result.ClientScope)) && w.Byte(separator)
            && w.Bytes(FlowNames.Utf8Name(result.ServerScope)) && w.Byte(separator)
            && w.Bytes(FlowNames.Utf8Name(result.Direction)) && w.Byte(separator)
            && w.Bytes(FlowNames.Utf8Boolean(result.Suspicious)) && w.Byte(separator)
            && w.Bytes(FlowNames.Utf8Name(result.Severity)) && w.Byte(separator);
        return ok ? w.Written : -1;
    }

    /// <summary>
    /// Every value the fields <c>role_basis</c> to <c>severity</c> depend on, packed losslessly into two words (every
    /// enum is a byte; the confidence by its bits, or the hundredths it prints), so results with equal keys print
    /// those fields identically and writers can keep their text by it. <paramref name="key2"/> is never zero, so a
    /// zeroed cache slot matches nothing, and its bits 40 and up are zero: free for a writer's own values (this
    /// formatter's delimited rows put the separator there).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // per row written
    public static void GetFactsKey(in FlowResult result, out ulong key1, out ulong key2)
    {
#if NET
        // Equal bits print equal text, and the bits cost no rounding.
        uint confidence = BitConverter.SingleToUInt32Bits(result.Confidence);
#else
        uint confidence = (uint)ConfidenceHundredths(result.Confidence);
#endif
        key1 = confidence | ((ulong)(byte)result.Basis << 32) | ((ulong)(byte)result.Direction << 40) | ((ulong)(byte)result.Severity << 48)
            | (result.Swapped ? 1UL << 56 : 0) | (result.Suspicious ? 1UL << 57 : 0);
        key2 = (ulong)(byte)PortTable.ClassOf(result.Client.Port) | ((ulong)(byte)PortTable.ClassOf(result.Server.Port) << 8)
            | ((ulong)(byte)result.ClientScope << 16) | ((ulong)(byte)result.ServerScope << 24) | (1UL << 32);
    }

    /// <summary>
    /// <c>role_basis</c> to <c>attack_techniques</c> (<see cref="WriteDelimitedFacts"/>, then the multivalue fields
    /// joined with <c>;</c>), each followed by <paramref name="separator"/>. Rows with the same facts and the same matched
    /// rules print the same text, so it comes from a cache after the first such row. -1 when it does not fit.
    /// </summary>
    private int WriteDelimitedMiddle(in FlowResult result, Span<byte> destination, byte separator)
    {
        GetFactsKey(result, out ulong key1, out ulong key2);
        key2 |= (ulong)separator << 40;
        RuleMask matches = result.Verdict.Matches;
        int slot = (int)(((key1 ^ (key2 * 0x9E3779B97F4A7C15UL) ^ matches.Fold()) * 0xC2B2AE3D27D4EB4FUL) >> (64 - MiddleSlotBits));
        MiddleEntry? entry = _middle[slot];
        if (entry is not null && entry.Key1 == key1 && entry.Key2 == key2 && entry.Matches == matches)
        {
            return entry.Text.AsSpan().TryCopyTo(destination) ? entry.Text.Length : -1;
        }

        int facts = WriteDelimitedFacts(result, destination, separator);
        if (facts < 0)
        {
            return -1;
        }

        int values = WriteDelimitedMultivalues(matches, destination.Slice(facts), separator);
        if (values < 0)
        {
            return -1;
        }

        // A miss allocates the entry: a day of flows has a few hundred combinations for 4,096 slots, so few rows miss.
        _middle[slot] = new MiddleEntry(key1, key2, matches, destination.Slice(0, facts + values).ToArray());
        return facts + values;
    }

    /// <summary>The Community ID (given when <paramref name="hasCommunityId"/>, else computed); -1 when it does not fit.</summary>
    private int WriteDelimitedCommunityId(in FlowResult result, Span<byte> destination, ReadOnlySpan<byte> communityId, bool hasCommunityId)
    {
        if (_communityId is null)
        {
            return 0;
        }

        if (hasCommunityId)
        {
            return communityId.TryCopyTo(destination) ? communityId.Length : -1;
        }

        return _communityId.TryFormat(result.Record, destination, out int written) ? written : -1;
    }

    /// <summary>The multivalue fields joined with <c>;</c>, each followed by <paramref name="separator"/>; -1 when it does not fit.</summary>
    private int WriteDelimitedMultivalues(RuleMask matches, Span<byte> destination, byte separator)
    {
        var w = new SpanWriter(destination);
        for (OutputField f = OutputField.Findings; f <= OutputField.AttackTechniques; f++)
        {
            if (!matches.IsEmpty)
            {
                bool first = true;
                OutputValueEnumerator values = new(this, f, matches);
                while (values.MoveNext())
                {
                    if ((!first && !w.Byte((byte)OutputContract.MultivalueSeparator)) || !w.Bytes(values.Current))
                    {
                        return -1;
                    }

                    first = false;
                }
            }

            if (!w.Byte(separator))
            {
                return -1;
            }
        }

        return w.Written;
    }

    /// <summary>Writes a confidence as <c>0.00</c>-<c>1.00</c> (two decimals, invariant).</summary>
    public static bool TryFormatConfidence(float confidence, Span<byte> destination, out int bytesWritten)
    {
        bytesWritten = 0;
        if (destination.Length < 4)
        {
            return false;
        }

        int hundredths = ConfidenceHundredths(confidence);
        destination[0] = (byte)('0' + (hundredths / 100));
        destination[1] = (byte)'.';
        destination[2] = (byte)('0' + (hundredths / 10 % 10));
        destination[3] = (byte)('0' + (hundredths % 10));
        bytesWritten = 4;
        return true;
    }

    private static int ConfidenceHundredths(float confidence)
    {
        float clamped = float.IsNaN(confidence) ? 0f : Math.Max(0f, Math.Min(1f, confidence));
        return (int)Math.Round(clamped * 100.0, MidpointRounding.AwayFromZero);
    }

    private bool TryJoin(OutputField field, in FlowResult result, Span<byte> destination, out int bytesWritten)
    {
        bytesWritten = 0;
        int n = 0;
        OutputValueEnumerator e = GetValues(field, result);
        while (e.MoveNext())
        {
            ReadOnlySpan<byte> value = e.Current;
            int needed = value.Length + (n > 0 ? 1 : 0);
            if (n + needed > destination.Length)
            {
                return false;
            }

            if (n > 0)
            {
                destination[n++] = (byte)OutputContract.MultivalueSeparator;
            }

            value.CopyTo(destination.Slice(n));
            n += value.Length;
        }

        bytesWritten = n;
        return true;
    }

    private static bool Copy(ReadOnlySpan<byte> value, Span<byte> destination, out int bytesWritten)
    {
        if (value.TryCopyTo(destination))
        {
            bytesWritten = value.Length;
            return true;
        }

        bytesWritten = 0;
        return false;
    }

    private static bool AnyCsvSpecial(string[] values)
    {
        foreach (string v in values)
        {
            if (v.IndexOfAny(new[] { ',', '"', '\r', '\n' }) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Appends to a span, reporting when it is full.</summary>
    private ref struct SpanWriter
    {
        private readonly Span<byte> _span;

        public SpanWriter(Span<byte> span)
        {
            _span = span;
            Written = 0;
        }

        public int Written { get; private set; }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public bool Byte(byte b)
        {
            if (Written >= _span.Length)
            {
                return false;
            }

            _span[Written++] = b;
            return true;
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public bool Bytes(ReadOnlySpan<byte> bytes)
        {
            if (!bytes.TryCopyTo(_span.Slice(Written)))
            {
                return false;
            }

            Written += bytes.Length;
            return true;
        }

        public bool Address(Addresses.IpAddress address)
        {
            if (!address.TryFormat(_span.Slice(Written), out int n))
            {
                return false;
            }

            Written += n;
            return true;
        }

        public bool Number(ushort value)
        {
            if (!AsciiText.TryFormatPort(value, _span.Slice(Written), out int n))
            {
                return false;
            }

            Written += n;
            return true;
        }

        public bool Confidence(float value)
        {
            if (!TryFormatConfidence(value, _span.Slice(Written), out int n))
            {
                return false;
            }

            Written += n;
            return true;
        }

        public void Skip(int count) => Written += count;
    }

    /// <summary>One <see cref="WriteDelimitedMiddle"/> cache entry: its key and text.</summary>
    private sealed class MiddleEntry
    {
        public MiddleEntry(ulong key1, ulong key2, RuleMask matches, byte[] text)
        {
            Key1 = key1;
            Key2 = key2;
            Matches = matches;
            Text = text;
        }

        public ulong Key1 { get; }

        public ulong Key2 { get; }

        public RuleMask Matches { get; }

        public byte[] Text { get; }
    }

    /// <summary>Gives each distinct string one index.</summary>
    private sealed class Interner
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly List<string> _values = new();

        public int[] AddAll(IReadOnlyList<string> values)
        {
            var result = new List<int>(values.Count);
            foreach (string v in values)
            {
                if (!_index.TryGetValue(v, out int i))
                {
                    i = _values.Count;
                    _index.Add(v, i);
                    _values.Add(v);
                }

                if (!result.Contains(i))
                {
                    result.Add(i);
                }
            }

            return result.ToArray();
        }

        public (string[] Strings, byte[][] Utf8) ToArrays()
        {
            string[] strings = _values.ToArray();
            return (strings, Array.ConvertAll(strings, s => Encoding.UTF8.GetBytes(s)));
        }
    }
}
