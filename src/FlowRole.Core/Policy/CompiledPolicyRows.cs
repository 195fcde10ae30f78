using System;
using System.Runtime.CompilerServices;
using FlowRole.Flows;
using FlowRole.Roles;

namespace FlowRole.Policy;

/// <summary>
/// One 32-bit row per port holding what the classifier's hot path asks about that port: its role score on TCP and on
/// UDP (each with a flag for ports a protocol special case may decide) and the policy's server-port and client-port
/// classes. A flow reads two rows instead of four tables, and the whole table is 256 KB, so it mostly stays in cache.
/// </summary>
/// <remarks>
/// Bits 0-7: TCP score, bit 7 set on a TCP special-case port; bits 8-15: the same for UDP; bits 16-23: server-port
/// class; bits 24-31: client-port class. Scores are at most <see cref="PortRoleTable.CommonService"/>, so bit 7 of a
/// score byte is free for the flag. A policy with more than 256 classes on a side (none so far: the default policy
/// has a few dozen) gets rows with zero classes, and <see cref="CompiledPolicy.RowsHaveClasses"/> false tells the classifier to read the
/// policy's own port indexes instead.
/// </remarks>
internal static class CompiledPolicyRows
{
    /// <summary>Set in a score byte (after the transport's shift) on a special-case port.</summary>
    public const int SpecialFlag = 0x80;

    /// <summary>Builds the rows of a policy from its two port-class indexes.</summary>
    public static uint[] Build(ushort[] serverClass, ushort[] clientClass, out bool hasClasses)
    {
        PortRoleTable roles = PortRoleTable.Default;
        byte[] tcp = roles.TableFor(Transport.Tcp);
        byte[] udp = roles.TableFor(Transport.Udp);
        hasClasses = Max(serverClass) <= byte.MaxValue && Max(clientClass) <= byte.MaxValue;
        var rows = new uint[65536];
        for (int p = 0; p < rows.Length; p++)
        {
            ushort port = (ushort)p;
            if (tcp[p] >= SpecialFlag || udp[p] >= SpecialFlag)
            {
                throw new InvalidOperationException("A port role score does not fit in seven bits.");
            }

            uint tcpScore = tcp[p] | (SpecialCases.IsSpecialPort(Transport.Tcp, port) ? (uint)SpecialFlag : 0);
            uint udpScore = udp[p] | (SpecialCases.IsSpecialPort(Transport.Udp, port) ? (uint)SpecialFlag : 0);
            uint classes = hasClasses ? ((uint)serverClass[p] << 16) | ((uint)clientClass[p] << 24) : 0;
            rows[p] = tcpScore | (udpScore << 8) | classes;
        }

        return rows;
    }

    /// <summary>The score byte (with its special flag) of a row on TCP (<paramref name="shift"/> 0) or UDP (8).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Score(uint row, int shift) => (int)(row >> shift) & 0xFF;

    /// <summary>The server-port class of a row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ServerClass(uint row) => (int)(row >> 16) & 0xFF;

    /// <summary>The client-port class of a row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ClientClass(uint row) => (int)(row >> 24);

    private static int Max(ushort[] values)
    {
        int max = 0;
        foreach (ushort value in values)
        {
            max = Math.Max(max, value);
        }

        return max;
    }
}
