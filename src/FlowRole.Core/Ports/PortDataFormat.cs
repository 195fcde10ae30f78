using System;
using System.IO;
using System.IO.Compression;

namespace FlowRole.Ports;

/// <summary>
/// The container of <c>ports.bin</c>: a 13-byte header (magic <c>FRPT</c>, format version, payload length, FNV-1a
/// hash of the payload) followed by the payload, raw-deflated. The payload itself is written by
/// <see cref="PortTableBuilder"/> and read by <see cref="PortTable"/>; integers in it are unsigned LEB128 varints.
/// </summary>
/// <remarks>
/// The hash covers the uncompressed payload, so corruption is caught whatever the compressor did, and the staleness
/// test compares payloads: zlib-ng's output may differ between CPUs and runtime versions, the payload never does.
/// </remarks>
internal static class PortDataFormat
{
    /// <summary>Bump when the payload layout changes.</summary>
    public const byte Version = 1;

    /// <summary>Bytes before the compressed payload.</summary>
    public const int HeaderSize = 13;

    /// <summary>Caps what a corrupt length field can make the reader allocate.</summary>
    private const int MaxPayload = 16 * 1024 * 1024;

    private static ReadOnlySpan<byte> Magic => "FRPT"u8;

    /// <summary>Wraps a payload: header, then deflate.</summary>
    public static byte[] Pack(byte[] payload)
    {
        using var output = new MemoryStream(payload.Length / 2);
        output.Write(Magic.ToArray(), 0, Magic.Length);
        output.WriteByte(Version);
        WriteInt32(output, payload.Length);
        WriteInt32(output, unchecked((int)Fnv1a(payload)));
        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(payload, 0, payload.Length);
        }

        return output.ToArray();
    }

    /// <summary>Checks the header, inflates and verifies the payload; <paramref name="source"/> names the data in errors.</summary>
    public static byte[] Unpack(byte[] file, string source)
    {
        if (file.Length < HeaderSize || !file.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new InvalidDataException(source + ": not a FlowRole port table (no FRPT header)");
        }

        if (file[4] != Version)
        {
            throw new InvalidDataException(source + ": port table format version " + file[4].ToString(System.Globalization.CultureInfo.InvariantCulture) +
                " is not the supported version " + Version.ToString(System.Globalization.CultureInfo.InvariantCulture) + "; regenerate it with tools/FlowRole.Generator");
        }

        var length = ReadInt32(file, 5);
        var expectedHash = unchecked((uint)ReadInt32(file, 9));
        if (length < 0 || length > MaxPayload)
        {
            throw new InvalidDataException(source + ": payload length " + length.ToString(System.Globalization.CultureInfo.InvariantCulture) + " is out of range");
        }

        var payload = new byte[length];
        using (var deflate = new DeflateStream(new MemoryStream(file, HeaderSize, file.Length - HeaderSize, writable: false), CompressionMode.Decompress))
        {
            var read = 0;
            while (read < length)
            {
                var n = deflate.Read(payload, read, length - read);
                if (n == 0)
                {
                    throw new InvalidDataException(source + ": payload ends after " + read.ToString(System.Globalization.CultureInfo.InvariantCulture) +
                        " of " + length.ToString(System.Globalization.CultureInfo.InvariantCulture) + " bytes");
                }

                read += n;
            }
        }

        if (Fnv1a(payload) != expectedHash)
        {
            throw new InvalidDataException(source + ": payload hash mismatch (the data is corrupt)");
        }

        return payload;
    }

    /// <summary>Appends an unsigned LEB128 varint.</summary>
    public static void WriteVarUInt(Stream stream, uint value)
    {
        while (value >= 0x80)
        {
            stream.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        stream.WriteByte((byte)value);
    }

    /// <summary>Reads an unsigned LEB128 varint, advancing <paramref name="offset"/>.</summary>
    public static uint ReadVarUInt(byte[] data, ref int offset, string source)
    {
        uint value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (offset >= data.Length)
            {
                throw new InvalidDataException(source + ": payload truncated at byte " + offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            var b = data[offset++];
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException(source + ": malformed varint ending at byte " + offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>FNV-1a, 32 bits: tiny, dependency-free, ample for catching corruption (not an adversary).</summary>
    public static uint Fnv1a(byte[] data)
    {
        var hash = 2166136261u;
        foreach (var b in data)
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return hash;
    }

    private static void WriteInt32(Stream stream, int value)
    {
        stream.WriteByte((byte)value);
        stream.WriteByte((byte)(value >> 8));
        stream.WriteByte((byte)(value >> 16));
        stream.WriteByte((byte)(value >> 24));
    }

    private static int ReadInt32(byte[] data, int offset) =>
        data[offset] | (data[offset + 1] << 8) | (data[offset + 2] << 16) | (data[offset + 3] << 24);
}
