using System;
using System.Runtime.InteropServices;
using FlowRole.Addresses;
using FlowRole.Fields;
using FlowRole.Flows;

namespace FlowRole.Text;

/// <summary>Reads typed values from positional fields of the structured formats, turning a bad value into an error result.</summary>
internal static class FieldReader
{
    public static bool TryAddress<T>(ReadOnlySpan<T> text, int start, int end, out IpAddress address)
        where T : unmanaged => TextUnits.TryParseAddress(text, start, end, out address);

    public static bool TryPort<T>(ReadOnlySpan<T> text, int start, int end, out ushort port)
        where T : unmanaged
    {
        bool ok = TextUnits.TryParseNumber(text, start, end, ushort.MaxValue, out uint value);
        port = (ushort)value;
        return ok;
    }

    public static bool TryTransport<T>(ReadOnlySpan<T> text, int start, int end, out Transport transport)
        where T : unmanaged
    {
        ReadOnlySpan<T> value = text.Slice(start, end - start);
        return typeof(T) == typeof(byte)
            ? FlowValueParser.TryParseTransport(MemoryMarshal.AsBytes(value), out transport)
            : FlowValueParser.TryParseTransport(MemoryMarshal.Cast<T, char>(value), out transport);
    }

    public static bool TryFlags<T>(ReadOnlySpan<T> text, int start, int end, out TcpFlags flags)
        where T : unmanaged
    {
        flags = TcpFlags.None;
        if (end <= start)
        {
            return false;
        }

        ReadOnlySpan<T> value = text.Slice(start, end - start);
        return typeof(T) == typeof(byte)
            ? FlowValueParser.TryParseTcpFlags(MemoryMarshal.AsBytes(value), out flags)
            : FlowValueParser.TryParseTcpFlags(MemoryMarshal.Cast<T, char>(value), out flags);
    }

    public static AlertTextResult Missing(AlertFormat format, string field) =>
        new(AlertTextStatus.MissingField, format, default, 0, false, false, false, field);

    public static AlertTextResult Invalid(AlertFormat format, string field, int index) =>
        new(AlertTextStatus.InvalidValue, format, default, 0, false, false, false, field, index + 1);

    /// <summary>Adds first-packet flags to a TCP record when they include SYN (a handshake packet says who opened the connection).</summary>
    public static FlowRecord WithHandshakeFlags(in FlowRecord record, TcpFlags flags) =>
        record.Transport == Transport.Tcp && (flags & TcpFlags.Syn) != 0
            ? record with { FirstPacketFlags = flags, HasFirstPacketFlags = true }
            : record;
}
