using System;
using System.IO;
using FlowRole.Ports;
using Xunit;

namespace FlowRole.Tests.Ports;

public sealed class PortDataFormatTests
{
    private static byte[] Embedded() => PortTable.ReadEmbeddedBytes();

    [Fact]
    public void Pack_and_unpack_round_trip()
    {
        var payload = new byte[1000];
        new Random(42).NextBytes(payload);

        Assert.Equal(payload, PortDataFormat.Unpack(PortDataFormat.Pack(payload), "t"));
        Assert.Empty(PortDataFormat.Unpack(PortDataFormat.Pack([]), "t"));
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(127u)]
    [InlineData(128u)]
    [InlineData(65535u)]
    [InlineData(uint.MaxValue)]
    public void Varints_round_trip(uint value)
    {
        using var stream = new MemoryStream();
        PortDataFormat.WriteVarUInt(stream, value);
        var bytes = stream.ToArray();
        var offset = 0;

        Assert.Equal(value, PortDataFormat.ReadVarUInt(bytes, ref offset, "t"));
        Assert.Equal(bytes.Length, offset);
    }

    [Fact]
    public void Wrong_magic_is_rejected()
    {
        var file = Embedded();
        file[0] = (byte)'X';

        Assert.Contains("not a FlowRole port table", Assert.Throws<InvalidDataException>(() => PortTable.FromBinary(file, "bad.bin")).Message);
        Assert.Throws<InvalidDataException>(() => PortTable.FromBinary([1, 2, 3], "short.bin"));
    }

    [Fact]
    public void Other_versions_are_rejected_with_a_hint()
    {
        var file = Embedded();
        file[4] = 99;

        var ex = Assert.Throws<InvalidDataException>(() => PortTable.FromBinary(file, "bad.bin"));
        Assert.Contains("version 99", ex.Message);
        Assert.Contains("FlowRole.Generator", ex.Message);
    }

    [Fact]
    public void Corruption_is_caught_by_the_hash()
    {
        var file = Embedded();
        file[9] ^= 0xFF;

        Assert.Contains("hash mismatch", Assert.Throws<InvalidDataException>(() => PortTable.FromBinary(file, "bad.bin")).Message);
    }

    [Fact]
    public void Truncated_data_is_rejected()
    {
        var file = Embedded();
        Array.Resize(ref file, file.Length / 2);

        Assert.ThrowsAny<InvalidDataException>(() => PortTable.FromBinary(file, "cut.bin"));
    }

    [Fact]
    public void A_payload_that_is_not_a_table_is_rejected_with_its_source()
    {
        var ex = Assert.Throws<InvalidDataException>(() => PortTable.FromBinary(PortDataFormat.Pack([5, 1, 65, 1, 66]), "odd.bin"));

        Assert.StartsWith("odd.bin:", ex.Message);
    }
}
