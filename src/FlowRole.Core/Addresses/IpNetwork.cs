using System;

namespace FlowRole.Addresses;

/// <summary>A CIDR block (<c>10.0.0.0/8</c>, <c>2001:db8::/32</c>). A bare address is a /32 or /128.</summary>
public readonly struct IpNetwork : IEquatable<IpNetwork>
{
    // HELPER-OWNED: Addresses helper implements.

    /// <summary>The first address of the block.</summary>
    public IpAddress BaseAddress => throw new NotImplementedException();

    /// <summary>The prefix length.</summary>
    public int PrefixLength => throw new NotImplementedException();

    /// <summary>True when the address lies in this block (IPv4-mapped IPv6 matches IPv4 blocks).</summary>
    public bool Contains(IpAddress address) => throw new NotImplementedException();

    /// <summary>Parses CIDR text. Non-zero host bits are an error (the text most likely has a typo).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out IpNetwork network) => throw new NotImplementedException();

    /// <summary>Parses, throwing <see cref="FormatException"/> that names the text on failure.</summary>
    public static IpNetwork Parse(string text) => throw new NotImplementedException();

    /// <summary>Canonical CIDR text.</summary>
    public override string ToString() => throw new NotImplementedException();

    /// <inheritdoc/>
    public bool Equals(IpNetwork other) => throw new NotImplementedException();

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is IpNetwork other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => throw new NotImplementedException();

    /// <summary>Equality.</summary>
    public static bool operator ==(IpNetwork left, IpNetwork right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(IpNetwork left, IpNetwork right) => !left.Equals(right);
}
