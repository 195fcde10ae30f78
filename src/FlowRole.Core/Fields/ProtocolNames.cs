using System;

namespace FlowRole.Fields;

/// <summary>IANA protocol keywords (protocol-numbers registry), lower case, indexed by protocol number.</summary>
internal static class ProtocolNames
{
    // From IANA "Assigned Internet Protocol Numbers": the registry's keyword, lower-cased, " (deprecated)" removed and
    // spaces turned into '-'. Unassigned numbers are null; 255 (reserved) is FlowRole's "unknown".
    private static readonly string?[] Keywords =
    {
        "hopopt", "icmp", "igmp", "ggp", "ipv4", "st", "tcp", "cbt", "egp", "igp", "bbn-rcc-mon", "nvp-ii",
        "pup", "argus", "emcon", "xnet", "chaos", "udp", "mux", "dcn-meas", "hmp", "prm", "xns-idp",
        "trunk-1", "trunk-2", "leaf-1", "leaf-2", "rdp", "irtp", "iso-tp4", "netblt", "mfe-nsp", "merit-inp",
        "dccp", "3pc", "idpr", "xtp", "ddp", "idpr-cmtp", "tp++", "il", "ipv6", "sdrp", "ipv6-route",
        "ipv6-frag", "idrp", "rsvp", "gre", "dsr", "bna", "esp", "ah", "i-nlsp", "swipe", "narp", "min-ipv4",
        "tlsp", "skip", "ipv6-icmp", "ipv6-nonxt", "ipv6-opts", null, "cftp", null, "sat-expak", "kryptolan",
        "rvd", "ippc", null, "sat-mon", "visa", "ipcv", "cpnx", "cphb", "wsn", "pvp", "br-sat-mon", "sun-nd",
        "wb-mon", "wb-expak", "iso-ip", "vmtp", "secure-vmtp", "vines", "iptm", "nsfnet-igp", "dgp", "tcf",
        "eigrp", "ospfigp", "sprite-rpc", "larp", "mtp", "ax.25", "ipip", "micp", "scc-sp", "etherip",
        "encap", null, "gmtp", "ifmp", "pnni", "pim", "aris", "scps", "qnx", "a/n", "ipcomp", "snp",
        "compaq-peer", "ipx-in-ip", "vrrp", "pgm", null, "l2tp", "ddx", "iatp", "stp", "srp", "uti", "smp",
        "sm", "ptp", "isis-over-ipv4", "fire", "crtp", "crudp", "sscopmce", "iplt", "sps", "pipe", "sctp",
        "fc", "rsvp-e2e-ignore", "mobility-header", "udplite", "mpls-in-ip", "manet", "hip", "shim6", "wesp",
        "rohc", "ethernet", "aggfrag", "nsh", "homa", "bit-emu", null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null
    };

    private static readonly byte[]?[] Utf8Keywords = BuildUtf8();

    /// <summary>The keyword for a protocol number, or null when unassigned.</summary>
    public static string? Keyword(int number) => (uint)number < (uint)Keywords.Length ? Keywords[number] : null;

    /// <summary>The keyword as UTF-8, or empty when unassigned.</summary>
    public static ReadOnlySpan<byte> Utf8Keyword(int number) =>
        (uint)number < (uint)Utf8Keywords.Length && Utf8Keywords[number] is { } k ? k : default;

    /// <summary>Finds a protocol by keyword; <paramref name="lowerName"/> must already be lower case.</summary>
    public static bool TryFind(ReadOnlySpan<byte> lowerName, out int number)
    {
        for (int i = 0; i < Utf8Keywords.Length; i++)
        {
            if (Utf8Keywords[i] is { } k && lowerName.SequenceEqual(k))
            {
                number = i;
                return true;
            }
        }

        number = -1;
        return false;
    }

    private static byte[]?[] BuildUtf8()
    {
        var result = new byte[]?[Keywords.Length];
        for (int i = 0; i < Keywords.Length; i++)
        {
            if (Keywords[i] is { } k)
            {
                result[i] = System.Text.Encoding.ASCII.GetBytes(k);
            }
        }

        return result;
    }
}
