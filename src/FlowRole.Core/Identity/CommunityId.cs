using System;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
#if NET
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
#endif
using FlowRole.Addresses;
using FlowRole.Flows;

namespace FlowRole.Identity;

/// <summary>
/// Community ID v1 flow hashing (https://github.com/corelight/community-id-spec): the same value for both
/// orientations of a flow, so records from different tools join up.
/// </summary>
/// <remarks>
/// <para>The hash input is <c>seed | lower address | higher address | protocol | 0 | port | port</c> (network order,
/// the endpoint with the lower address, then lower port, first); protocols other than TCP, UDP, SCTP, ICMP and ICMPv6
/// carry no ports and leave the port fields out. For ICMP and ICMPv6 the source's <see cref="Endpoint.Port"/> is the
/// message type and the destination's the code (Zeek's convention): request/response types map to
/// (type, counterpart) and order like ports, other types map to (type, code) and keep their orientation.</para>
/// <para>An IPv4-mapped IPv6 address (<c>::ffff:a.b.c.d</c>, as dual-stack sockets log IPv4 peers) is hashed as
/// its IPv4 address when the other side is IPv4 or mapped too: on the wire the flow is IPv4, so this is the ID a
/// network sensor computes. A flow cannot be hashed, and its ID is empty (see <see cref="CanCompute(in FlowRecord)"/>),
/// when an address is missing, the families still differ, or the transport is <see cref="Transport.Unknown"/>.
/// Thread-safe.</para>
/// </remarks>
public sealed class CommunityId
{
    /// <summary>Length of the text form: "1:" plus 28 base64 characters.</summary>
    public const int TextLength = 30;

    /// <summary>Length of the SHA-1 digest the text encodes.</summary>
    public const int DigestLength = 20;

    private const string Base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    // Largest hash input: 2 (seed) + 16 + 16 + 1 (protocol) + 1 (pad) + 2 + 2.
    private const int MaxInputLength = 40;

    private readonly ushort _seed;

    /// <summary>Creates a hasher with a seed (default 0, as the spec).</summary>
    public CommunityId(ushort seed = 0)
    {
        _seed = seed;
    }

    /// <summary>The seed.</summary>
    public ushort Seed => _seed;

    /// <summary>True when the flow can be hashed: both addresses present and of one family (after unmapping), a known transport.</summary>
    public static bool CanCompute(in FlowRecord flow) => CanCompute(flow.Source, flow.Destination, flow.Transport);

    /// <summary>True when the endpoints and transport can be hashed (see <see cref="CanCompute(in FlowRecord)"/>).</summary>
    public static bool CanCompute(in Endpoint source, in Endpoint destination, Transport transport) =>
        transport != Transport.Unknown && TryNormalise(source.Address, destination.Address, out _, out _);

    /// <summary>
    /// Writes "1:&lt;base64&gt;" for the flow into <paramref name="destination"/> (at least <see cref="TextLength"/>
    /// chars). Allocation-free. A flow that cannot be hashed (<see cref="CanCompute(in FlowRecord)"/>) has an empty
    /// ID, as the spec allows: true with nothing written. False (nothing written) only when the destination is too short.
    /// </summary>
    public bool TryFormat(in FlowRecord flow, Span<char> destination, out int charsWritten) =>
        TryFormatCore(flow.Source, flow.Destination, flow.Transport, destination, out charsWritten);

    /// <summary>UTF-8 form of <see cref="TryFormat(in FlowRecord, Span{char}, out int)"/>.</summary>
    public bool TryFormat(in FlowRecord flow, Span<byte> utf8Destination, out int bytesWritten) =>
        TryFormatCore(flow.Source, flow.Destination, flow.Transport, utf8Destination, out bytesWritten);

    /// <summary>
    /// Writes the Community ID of a flow between two endpoints (e.g. a resolved client and server); same contract as
    /// <see cref="TryFormat(in FlowRecord, Span{char}, out int)"/>. For ICMP, the <paramref name="source"/> is the
    /// endpoint that sent the message: its port is the type, the destination's the code.
    /// </summary>
    public bool TryFormat(in Endpoint source, in Endpoint destination, Transport transport, Span<char> utf16Destination, out int charsWritten) =>
        TryFormatCore(source, destination, transport, utf16Destination, out charsWritten);

    /// <summary>UTF-8 form of <see cref="TryFormat(in Endpoint, in Endpoint, Transport, Span{char}, out int)"/>.</summary>
    public bool TryFormat(in Endpoint source, in Endpoint destination, Transport transport, Span<byte> utf8Destination, out int bytesWritten) =>
        TryFormatCore(source, destination, transport, utf8Destination, out bytesWritten);

    /// <summary>
    /// Writes the Community ID of each flow as UTF-8, <see cref="TextLength"/> bytes per flow (flow <c>i</c> at byte
    /// <c>i * TextLength</c>), and each ID's length into <paramref name="lengths"/>: <see cref="TextLength"/>, or 0 for a
    /// flow that cannot be hashed (its ID is empty, as <see cref="TryFormat(in FlowRecord, Span{byte}, out int)"/>
    /// writes nothing). The bytes are those of <see cref="TryFormat(in FlowRecord, Span{byte}, out int)"/>, computed
    /// for many flows at once: where SIMD is available SHA-1 runs on 4, 8 or 16 flows per pass, several times faster
    /// than one by one. Allocation-free.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="utf8Destination"/> holds fewer than <c>flows.Length * TextLength</c>
    /// bytes, or <paramref name="lengths"/> fewer than <c>flows.Length</c> entries.</exception>
    public void Format(ReadOnlySpan<FlowRecord> flows, Span<byte> utf8Destination, Span<int> lengths)
    {
        if (utf8Destination.Length < flows.Length * TextLength)
        {
            throw new ArgumentException("The destination holds fewer than " + TextLength.ToString(System.Globalization.CultureInfo.InvariantCulture)
                + " bytes per flow.", nameof(utf8Destination));
        }

        if (lengths.Length < flows.Length)
        {
            throw new ArgumentException("The lengths span is shorter than the flows span.", nameof(lengths));
        }

#if NET
        if (Sha1Lanes.Width > 0)
        {
            FormatLanes(flows, utf8Destination, lengths);
            return;
        }
#endif

        for (int i = 0; i < flows.Length; i++)
        {
            TryFormatCore(flows[i].Source, flows[i].Destination, flows[i].Transport, utf8Destination.Slice(i * TextLength, TextLength), out lengths[i]);
        }
    }

    /// <summary>The Community ID as a string; empty when the flow cannot be hashed.</summary>
    public string Compute(in FlowRecord flow) => Compute(flow.Source, flow.Destination, flow.Transport);

    /// <summary>The Community ID of a flow between two endpoints as a string; empty when it cannot be hashed.</summary>
    public string Compute(in Endpoint source, in Endpoint destination, Transport transport)
    {
        Span<char> buffer = stackalloc char[TextLength];
        TryFormatCore(source, destination, transport, buffer, out int n);
        return n == 0 ? string.Empty : buffer.Slice(0, n).ToString();
    }

    /// <summary>
    /// Writes the raw 20-byte SHA-1 digest (before base64; the spec's "no base64" form prints it as hex). False when
    /// <paramref name="digest"/> is shorter than <see cref="DigestLength"/> or the flow cannot be hashed.
    /// </summary>
    public bool TryComputeDigest(in Endpoint source, in Endpoint destination, Transport transport, Span<byte> digest)
    {
        if (digest.Length < DigestLength)
        {
            return false;
        }

        Span<byte> input = stackalloc byte[MaxInputLength];
        if (!TryBuildInput(source, destination, transport, input, out int length))
        {
            return false;
        }

        // FlowRole's own span SHA-1 on every target: for these 40-76 byte inputs it runs about 2.5x faster than the
        // platform's (OpenSSL call overhead dominates), measured in bench/ Sha1Benchmarks.
        Sha1.HashData(input.Slice(0, length), digest);
        return true;
    }

    private bool TryFormatCore<T>(in Endpoint source, in Endpoint destination, Transport transport, Span<T> output, out int written)
        where T : unmanaged
    {
        written = 0;
        Span<byte> digest = stackalloc byte[DigestLength];
        if (!TryComputeDigest(source, destination, transport, digest))
        {
            return true; // the empty ID
        }

        if (output.Length < TextLength)
        {
            return false;
        }

        CodeUnits.Set(output, 0, '1');
        CodeUnits.Set(output, 1, ':');
        WriteBase64(digest, output.Slice(2));
        written = TextLength;
        return true;
    }

#if NET
    /// <summary>The SIMD path of <see cref="Format(ReadOnlySpan{FlowRecord}, Span{byte}, Span{int})"/>.</summary>
    [SkipLocalsInit] // A group's words are cleared, and its state written by the hash, before they are read.
    private void FormatLanes(ReadOnlySpan<FlowRecord> flows, Span<byte> utf8Destination, Span<int> lengths)
    {
        // Groups are built a batch at a time and hashed after: the vector loads of a group's words then read stores
        // made several groups earlier, not the word-sized stores just made, which the CPU cannot forward to them.
        const int MaxLanes = 16, GroupsPerBatch = 8;
        Span<uint> words = stackalloc uint[16 * MaxLanes * GroupsPerBatch];
        Span<uint> state = stackalloc uint[5 * MaxLanes];
        int width = Sha1Lanes.Width;
        for (int batch = 0; batch < flows.Length; batch += width * GroupsPerBatch)
        {
            int batchEnd = Math.Min(flows.Length, batch + (width * GroupsPerBatch));
            int g = 0;
            for (int start = batch; start < batchEnd; start += width, g++)
            {
                int count = Math.Min(width, batchEnd - start);
                int lanes = Lanes(count);
                Span<uint> group = words.Slice(g * 16 * MaxLanes, 16 * lanes);
                group.Clear();
                for (int lane = 0; lane < count; lane++)
                {
                    ref readonly FlowRecord flow = ref flows[start + lane];
                    lengths[start + lane] = TryBuildBlock(flow.Source, flow.Destination, flow.Transport, group, lane, lanes) ? TextLength : 0;
                }
            }

            g = 0;
            for (int start = batch; start < batchEnd; start += width, g++)
            {
                int count = Math.Min(width, batchEnd - start);
                int lanes = Lanes(count);
                Sha1Lanes.Hash(lanes, ref words[g * 16 * MaxLanes], ref state[0]);
                for (int lane = 0; lane < count; lane++)
                {
                    int i = start + lane;
                    if (lengths[i] != 0)
                    {
                        WriteText(state, lane, lanes, utf8Destination.Slice(i * TextLength, TextLength));
                    }
                }
            }
        }

        // A short last group runs at the narrowest width that holds it.
        static int Lanes(int count) => count <= 4 ? 4 : count <= 8 ? 8 : 16;
    }

    /// <summary>
    /// Writes the flow's hash input, padded as SHA-1 pads it, as big-endian words into lane <paramref name="lane"/> of
    /// a cleared word-major group (word t at <c>t * lanes + lane</c>). Every input is at most 40 bytes, so exactly one
    /// 64-byte block; the words are assembled from the address halves directly, never through a byte buffer.
    /// </summary>
    private bool TryBuildBlock(in Endpoint source, in Endpoint destination, Transport transport, Span<uint> group, int lane, int lanes)
    {
        // Indexes below stay inside the group (at most word 15 of lane lanes - 1): no bounds checks.
        ref uint word = ref Unsafe.Add(ref MemoryMarshal.GetReference(group), lane);
        uint seed = _seed;
        uint protocol = (uint)(byte)transport << 8;
        ushort portA = source.Port, portB = destination.Port;
        int t;

        // Read in place: a copy of each address would be stored in pieces and read back whole (a stalled load).
        ref readonly IpAddress sourceAddress = ref Endpoint.AddressIn(in source);
        ref readonly IpAddress destinationAddress = ref Endpoint.AddressIn(in destination);
        if (sourceAddress.IsIPv4 && destinationAddress.IsIPv4 && transport is Transport.Tcp or Transport.Udp or Transport.Sctp)
        {
            // The common case, ordered as TryOrder orders it (lower address, then lower port, first).
            uint av = (uint)sourceAddress.Low, bv = (uint)destinationAddress.Low;
            if (av > bv || (av == bv && portA > portB))
            {
                (av, bv) = (bv, av);
                (portA, portB) = (portB, portA);
            }

            word = (seed << 16) | (av >> 16);
            Unsafe.Add(ref word, lanes) = (av << 16) | (bv >> 16);
            Unsafe.Add(ref word, 2 * lanes) = (bv << 16) | protocol;
            Unsafe.Add(ref word, 3 * lanes) = ((uint)portA << 16) | portB;
            t = 4;
        }
        else
        {
            if (!TryOrder(source, destination, transport, out IpAddress a, out IpAddress b, out portA, out portB, out bool hasPorts))
            {
                return false;
            }

            // The input as a bit stream: seed (16) | a | b | protocol (8) | 0 (8) | ports (32, when carried).
            if (a.IsIPv4)
            {
                uint av = (uint)a.Low, bv = (uint)b.Low;
                word = (seed << 16) | (av >> 16);
                Unsafe.Add(ref word, lanes) = (av << 16) | (bv >> 16);
                Unsafe.Add(ref word, 2 * lanes) = (bv << 16) | protocol;
                t = 3;
            }
            else
            {
                ulong ah = a.High, al = a.Low, bh = b.High, bl = b.Low;
                word = (seed << 16) | (uint)(ah >> 48);
                Unsafe.Add(ref word, lanes) = (uint)(ah >> 16);
                Unsafe.Add(ref word, 2 * lanes) = (uint)((ah << 16) | (al >> 48));
                Unsafe.Add(ref word, 3 * lanes) = (uint)(al >> 16);
                Unsafe.Add(ref word, 4 * lanes) = (uint)((al << 16) | (bh >> 48));
                Unsafe.Add(ref word, 5 * lanes) = (uint)(bh >> 16);
                Unsafe.Add(ref word, 6 * lanes) = (uint)((bh << 16) | (bl >> 48));
                Unsafe.Add(ref word, 7 * lanes) = (uint)(bl >> 16);
                Unsafe.Add(ref word, 8 * lanes) = ((uint)bl << 16) | protocol;
                t = 9;
            }

            if (hasPorts)
            {
                Unsafe.Add(ref word, t * lanes) = ((uint)portA << 16) | portB;
                t++;
            }
        }

        // The pad byte, then the input's length in bits in the block's last word (t whole words of input).
        Unsafe.Add(ref word, t * lanes) = 0x80000000;
        Unsafe.Add(ref word, 15 * lanes) = (uint)t * 32;
        return true;
    }

    /// <summary>"1:" and the base64 of the 160-bit digest in lane <paramref name="lane"/>, read straight from the state words.</summary>
    private static void WriteText(Span<uint> state, int lane, int lanes, Span<byte> text)
    {
        if (Ssse3.IsSupported)
        {
            WriteTextSsse3(state, lane, lanes, text);
            return;
        }

        WriteTextScalar(state, lane, lanes, text);
    }

    /// <summary>
    /// <see cref="WriteText"/> sixteen digits at a time (W. Mula's SSSE3 base64): one shuffle takes the big-endian
    /// bytes of each 3-byte group out of the little-endian state words, two multiplies split them into 6-bit digits,
    /// and a 16-entry table shuffle turns digits into characters. Digits 0-15 come from digest bytes 0-11 and digits
    /// 12-27 from bytes 9-20 (byte 20 is the zero padding), so the second store ends exactly at the '=' and neither
    /// writes past the text. Checked against the scalar path for every lane width.
    /// </summary>
    internal static void WriteTextSsse3(Span<uint> state, int lane, int lanes, Span<byte> text)
    {
        ref uint h = ref Unsafe.Add(ref MemoryMarshal.GetReference(state), lane);
        ref byte output = ref MemoryMarshal.GetReference(text);
        _ = text[TextLength - 1];
        _ = state[(4 * lanes) + lane];
        uint h2 = Unsafe.Add(ref h, 2 * lanes), h3 = Unsafe.Add(ref h, 3 * lanes);
        Vector128<byte> words0123 = Vector128.Create(h, Unsafe.Add(ref h, lanes), h2, h3).AsByte();
        Vector128<byte> words234 = Vector128.Create(h2, h3, Unsafe.Add(ref h, 4 * lanes), 0u).AsByte();
        output = (byte)'1';
        Unsafe.Add(ref output, 1) = (byte)':';
        Base64Digits(Ssse3.Shuffle(words0123, Vector128.Create((byte)2, 3, 1, 2, 7, 0, 6, 7, 4, 5, 11, 4, 9, 10, 8, 9))).StoreUnsafe(ref output, 2);
        Base64Digits(Ssse3.Shuffle(words234, Vector128.Create((byte)1, 2, 0, 1, 6, 7, 5, 6, 11, 4, 10, 11, 8, 9, 15, 8))).StoreUnsafe(ref output, 14);
        Unsafe.Add(ref output, 29) = (byte)'=';
    }

    /// <summary>Four 3-byte groups, each laid out as bytes 1, 0, 2, 1 of the group, to their sixteen base64 characters.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Base64Digits(Vector128<byte> groups)
    {
        Vector128<ushort> high = Sse2.MultiplyHigh((groups & Vector128.Create(0x0FC0FC00u).AsByte()).AsUInt16(), Vector128.Create(0x04000040u).AsUInt16());
        Vector128<short> low = Sse2.MultiplyLow((groups & Vector128.Create(0x003F03F0u).AsByte()).AsInt16(), Vector128.Create(0x01000010u).AsInt16());
        Vector128<byte> digits = high.AsByte() | low.AsByte();

        // The offset from digit to character by range: table entry 13 for A-Z, 0 for a-z, 1-10 for 0-9, 11 '+', 12 '/'.
        Vector128<byte> range = Sse2.SubtractSaturate(digits, Vector128.Create((byte)51))
            | (Sse2.CompareGreaterThan(Vector128.Create((sbyte)26), digits.AsSByte()).AsByte() & Vector128.Create((byte)13));
        const sbyte Lower = 'a' - 26, Digit = '0' - 52, Plus = '+' - 62, Slash = '/' - 63, Upper = (sbyte)'A';
        Vector128<byte> offsets = Vector128.Create(Lower, Digit, Digit, Digit, Digit, Digit, Digit, Digit, Digit, Digit, Digit, Plus, Slash, Upper, 0, 0).AsByte();
        return Ssse3.Shuffle(offsets, range) + digits;
    }

    /// <summary><see cref="WriteText"/> a digit at a time, where SSSE3 is missing.</summary>
    internal static void WriteTextScalar(Span<uint> state, int lane, int lanes, Span<byte> text)
    {
        // The state holds five words per lane and the text is TextLength bytes (both checked by the caller's
        // slicing), so the reads and writes below need no bounds checks.
        ref uint h = ref Unsafe.Add(ref MemoryMarshal.GetReference(state), lane);
        ref byte alphabet = ref MemoryMarshal.GetReference(Base64Utf8);
        ref byte output = ref MemoryMarshal.GetReference(text);
        ulong high = ((ulong)h << 32) | Unsafe.Add(ref h, lanes);
        ulong low = ((ulong)Unsafe.Add(ref h, 2 * lanes) << 32) | Unsafe.Add(ref h, 3 * lanes);
        uint last = Unsafe.Add(ref h, 4 * lanes);
        output = (byte)'1';
        Unsafe.Add(ref output, 1) = (byte)':';

        // 160 bits are 26 whole six-bit digits and four bits over: digits 0-9 from the first 60 bits, digit 10 spans
        // the two halves, 11-20 from the next 60, 21 spans into the last word, 22-25 from it, 26 is its last four
        // bits padded with zeros, then one '='.
        for (int i = 0; i < 10; i++)
        {
            Unsafe.Add(ref output, 2 + i) = Unsafe.Add(ref alphabet, (nint)(high >> (58 - (6 * i))) & 63);
        }

        Unsafe.Add(ref output, 12) = Unsafe.Add(ref alphabet, (nint)(((high & 0xF) << 2) | (low >> 62)));
        for (int i = 0; i < 10; i++)
        {
            Unsafe.Add(ref output, 13 + i) = Unsafe.Add(ref alphabet, (nint)(low >> (56 - (6 * i))) & 63);
        }

        Unsafe.Add(ref output, 23) = Unsafe.Add(ref alphabet, (nint)(((low & 0x3) << 4) | (last >> 28)));
        for (int i = 0; i < 4; i++)
        {
            Unsafe.Add(ref output, 24 + i) = Unsafe.Add(ref alphabet, (nint)(last >> (22 - (6 * i))) & 63);
        }

        Unsafe.Add(ref output, 28) = Unsafe.Add(ref alphabet, (nint)((last & 0xF) << 2));
        Unsafe.Add(ref output, 29) = (byte)'=';
    }

    private static ReadOnlySpan<byte> Base64Utf8 => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"u8;
#endif

    private bool TryBuildInput(in Endpoint source, in Endpoint destination, Transport transport, Span<byte> input, out int length)
    {
        length = 0;
        if (!TryOrder(source, destination, transport, out IpAddress a, out IpAddress b, out ushort portA, out ushort portB, out bool hasPorts))
        {
            return false;
        }

        BinaryPrimitives.WriteUInt16BigEndian(input, _seed);
        int n = 2;
        n += a.WriteBytes(input.Slice(n));
        n += b.WriteBytes(input.Slice(n));
        input[n++] = (byte)transport;
        input[n++] = 0;
        if (hasPorts)
        {
            BinaryPrimitives.WriteUInt16BigEndian(input.Slice(n), portA);
            BinaryPrimitives.WriteUInt16BigEndian(input.Slice(n + 2), portB);
            n += 4;
        }

        length = n;
        return true;
    }

    /// <summary>
    /// The hash input's two endpoints in hashing order (addresses normalised, then ordered by address and port so
    /// both directions hash alike; one-way ICMP keeps its direction) and whether the protocol carries ports.
    /// </summary>
    private static bool TryOrder(in Endpoint source, in Endpoint destination, Transport transport, out IpAddress a, out IpAddress b,
        out ushort portA, out ushort portB, out bool hasPorts)
    {
        portA = source.Port;
        portB = destination.Port;
        hasPorts = false;
        if (transport == Transport.Unknown || !TryNormalise(source.Address, destination.Address, out a, out b))
        {
            a = b = default;
            return false;
        }

        hasPorts = transport is Transport.Tcp or Transport.Udp or Transport.Sctp or Transport.Icmp or Transport.IcmpV6;
        bool oneWay = false;
        if (transport is Transport.Icmp or Transport.IcmpV6)
        {
            IcmpPortEquivalents.Map(transport, source.Port, destination.Port, out portA, out portB, out oneWay);
        }

        if (!oneWay)
        {
            int c = CompareAddresses(a, b);
            bool ordered = c < 0 || (c == 0 && hasPorts && portA < portB);
            if (!ordered)
            {
                (a, b) = (b, a);
                (portA, portB) = (portB, portA);
            }
        }

        return true;
    }

    private static bool TryNormalise(IpAddress source, IpAddress destination, out IpAddress a, out IpAddress b)
    {
        a = source;
        b = destination;
        if (a.IsNone || b.IsNone)
        {
            return false;
        }

        // Unmap only when the other side is IPv4-shaped too; a mapped address beside a real IPv6 one stays IPv6.
        bool aV4 = a.IsIPv4 || a.IsIPv4MappedToIPv6;
        bool bV4 = b.IsIPv4 || b.IsIPv4MappedToIPv6;
        if (aV4 && bV4)
        {
            a = a.Unmap();
            b = b.Unmap();
        }

        return a.IsIPv4 == b.IsIPv4;
    }

    // Network byte order compares like the numbers (zones play no part in the hash).
    private static int CompareAddresses(IpAddress a, IpAddress b)
    {
        int c = a.High.CompareTo(b.High);
        return c != 0 ? c : a.Low.CompareTo(b.Low);
    }

    private static void WriteBase64<T>(ReadOnlySpan<byte> data, Span<T> output)
        where T : unmanaged
    {
        int o = 0, i = 0;
        for (; i + 3 <= data.Length; i += 3)
        {
            int v = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
            CodeUnits.Set(output, o++, Base64Alphabet[v >> 18]);
            CodeUnits.Set(output, o++, Base64Alphabet[(v >> 12) & 63]);
            CodeUnits.Set(output, o++, Base64Alphabet[(v >> 6) & 63]);
            CodeUnits.Set(output, o++, Base64Alphabet[v & 63]);
        }

        int rest = data.Length - i;
        if (rest > 0)
        {
            int v = data[i] << 16;
            if (rest == 2)
            {
                v |= data[i + 1] << 8;
            }

            CodeUnits.Set(output, o++, Base64Alphabet[v >> 18]);
            CodeUnits.Set(output, o++, Base64Alphabet[(v >> 12) & 63]);
            CodeUnits.Set(output, o++, rest == 2 ? Base64Alphabet[(v >> 6) & 63] : '=');
            CodeUnits.Set(output, o, '=');
        }
    }
}
