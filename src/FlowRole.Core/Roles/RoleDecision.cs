using System.Runtime.CompilerServices;

namespace FlowRole.Roles;

/// <summary>One conclusion about roles: which side of the record is the client, on what evidence, how sure.</summary>
/// <remarks>
/// Packed into one 64-bit value (confidence bits high, basis, side low) so that it travels in a register: built from
/// three separate fields, it was assembled in memory by narrow stores and read back by one wide load, which stalls.
/// </remarks>
internal readonly struct RoleDecision
{
    private readonly ulong _bits;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public RoleDecision(bool sourceIsClient, RoleBasis basis, float confidence)
    {
        _bits = ((ulong)Unsafe.As<float, uint>(ref confidence) << 32) | ((ulong)basis << 8) | (sourceIsClient ? 1UL : 0UL);
    }

    private RoleDecision(ulong bits)
    {
        _bits = bits;
    }

    /// <summary>True when the record's source is the client.</summary>
    public bool SourceIsClient => (_bits & 1) != 0;

    /// <summary>The deciding evidence; <see cref="RoleBasis.None"/> for "no decision".</summary>
    public RoleBasis Basis => (RoleBasis)(byte)(_bits >> 8);

    /// <summary>0-1.</summary>
    public float Confidence
    {
        get
        {
            uint bits = (uint)(_bits >> 32);
            return Unsafe.As<uint, float>(ref bits);
        }
    }

    /// <summary>True when this holds a decision.</summary>
    public bool IsDecided => (_bits & 0xFF00) != 0;

    /// <summary><paramref name="first"/> when <paramref name="condition"/> holds, else <paramref name="second"/>, without a branch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RoleDecision Select(bool condition, RoleDecision first, RoleDecision second)
    {
        ulong mask = 0UL - (condition ? 1UL : 0UL);
        return new RoleDecision((first._bits & mask) | (second._bits & ~mask));
    }

    /// <summary>Source is the client.</summary>
    public static RoleDecision SourceClient(RoleBasis basis, float confidence) => new(true, basis, confidence);

    /// <summary>Destination is the client.</summary>
    public static RoleDecision DestinationClient(RoleBasis basis, float confidence) => new(false, basis, confidence);

    /// <summary>The side whose flag is set is the server.</summary>
    public static RoleDecision ServerIs(bool sourceIsServer, RoleBasis basis, float confidence) => new(!sourceIsServer, basis, confidence);
}
