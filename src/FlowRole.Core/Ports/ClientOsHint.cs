using System.Collections.Generic;
using System.Globalization;

namespace FlowRole.Ports;

/// <summary>
/// What a client's source port hints about its operating system, from the default ephemeral ranges of
/// <see cref="PortTable.EphemeralOsOf"/>: a hint with its basis, never a fact (NAT, load balancers and tuned ranges
/// all pick ports of their own).
/// </summary>
public static class ClientOsHint
{
    /// <summary>The caveat every hint carries.</summary>
    public const string Caveat = "A hint from the port number alone: NAT, proxies and tuned port ranges change it.";

    /// <summary>
    /// One or two sentences: which OS defaults the port lies in, and what that points to, e.g. <c>53210 is in the
    /// default client port ranges of Linux (32768-60999), Windows Vista and later and macOS (49152-65535) and FreeBSD
    /// (10000-65535): it fits all of them, so it does not single out an OS.</c> (no caveat; see <see cref="Caveat"/>).
    /// </summary>
    public static string Describe(ushort port)
    {
        EphemeralOs os = PortTable.EphemeralOsOf(port);
        string p = port.ToString(CultureInfo.InvariantCulture);
        if (os == EphemeralOs.None)
        {
            return p + " is below 1024, where no operating system picks client ports by default: a fixed or privileged source port, or a NAT device's choice.";
        }

        bool linux = (os & EphemeralOs.Linux) != 0;
        bool windows = (os & EphemeralOs.Windows) != 0;
        bool legacy = (os & EphemeralOs.WindowsLegacy) != 0;
        string conclusion =
            linux && windows ? "it fits all of them, so it does not single out an OS"
            : windows ? "that points to Windows or macOS (or FreeBSD), not Linux, whose default range ends at 60999"
            : linux ? "that points to Linux (or a BSD), not Windows Vista+ or macOS, which start at 49152"
            : legacy ? "that points to an old Windows (XP/Server 2003) or a host configured like one; modern Windows, macOS and Linux start higher"
            : (os & EphemeralOs.FreeBsd) != 0 ? "that points to FreeBSD (or OpenBSD), not the defaults of Windows, macOS or Linux"
            : "only OpenBSD picks such ports by default; a NAT device or a fixed source port is more likely";
        return p + " is in the default client port range" + (Count(os) > 1 ? "s" : string.Empty) + " of " + Names(os) + ": " + conclusion + ".";
    }

    private static int Count(EphemeralOs os)
    {
        int n = 0;
        for (int bits = (int)os; bits != 0; bits &= bits - 1)
        {
            n++;
        }

        // Windows and macOS share one range and are named together.
        return (os & (EphemeralOs.Windows | EphemeralOs.MacOs)) == (EphemeralOs.Windows | EphemeralOs.MacOs) ? n - 1 : n;
    }

    private static string Names(EphemeralOs os)
    {
        var names = new List<string>(5);
        if ((os & EphemeralOs.Linux) != 0)
        {
            names.Add("Linux (32768-60999)");
        }

        if ((os & EphemeralOs.Windows) != 0)
        {
            names.Add((os & EphemeralOs.MacOs) != 0 ? "Windows Vista and later and macOS (49152-65535)" : "Windows Vista and later (49152-65535)");
        }
        else if ((os & EphemeralOs.MacOs) != 0)
        {
            names.Add("macOS (49152-65535)");
        }

        if ((os & EphemeralOs.WindowsLegacy) != 0)
        {
            names.Add("Windows XP/Server 2003 (1025-5000)");
        }

        if ((os & EphemeralOs.FreeBsd) != 0)
        {
            names.Add("FreeBSD (10000-65535)");
        }

        if ((os & EphemeralOs.OpenBsd) != 0)
        {
            names.Add("OpenBSD (1024-49151)");
        }

        if (names.Count == 1)
        {
            return names[0];
        }

        return string.Join(", ", names.GetRange(0, names.Count - 1)) + " and " + names[names.Count - 1];
    }
}
