using System;

namespace FlowRole.Text;

/// <summary>
/// The vocabulary of alert lines: labels that say which endpoint or port follows, transport names, flag words. Looked
/// up ignoring ASCII case in a small hash table; no allocation.
/// </summary>
internal static class AlertWords
{
    /// <summary>Longest word looked up; longer words are <see cref="WordKind.Other"/>.</summary>
    public const int MaxLength = 20;

    private static readonly (string Word, WordKind Kind)[] Vocabulary =
    {
        ("source", WordKind.SourceLabel), ("src", WordKind.SourceLabel), ("from", WordKind.SourceLabel), ("sip", WordKind.SourceLabel),
        ("saddr", WordKind.SourceLabel), ("srcip", WordKind.SourceLabel), ("src_ip", WordKind.SourceLabel), ("src-ip", WordKind.SourceLabel),
        ("srcaddr", WordKind.SourceLabel), ("src_addr", WordKind.SourceLabel), ("source_ip", WordKind.SourceLabel),
        ("sourceip", WordKind.SourceLabel), ("sourceaddress", WordKind.SourceLabel), ("source_address", WordKind.SourceLabel),
        ("orig_h", WordKind.SourceLabel),
        ("destination", WordKind.DestinationLabel), ("dest", WordKind.DestinationLabel), ("dst", WordKind.DestinationLabel),
        ("to", WordKind.DestinationLabel), ("on", WordKind.DestinationLabel), ("dip", WordKind.DestinationLabel),
        ("daddr", WordKind.DestinationLabel), ("dstip", WordKind.DestinationLabel), ("dst_ip", WordKind.DestinationLabel),
        ("dst-ip", WordKind.DestinationLabel), ("destip", WordKind.DestinationLabel), ("dest_ip", WordKind.DestinationLabel),
        ("dest-ip", WordKind.DestinationLabel), ("dstaddr", WordKind.DestinationLabel), ("dst_addr", WordKind.DestinationLabel),
        ("destination_ip", WordKind.DestinationLabel), ("destinationip", WordKind.DestinationLabel),
        ("destinationaddress", WordKind.DestinationLabel), ("destination_address", WordKind.DestinationLabel),
        ("resp_h", WordKind.DestinationLabel),
        ("ip", WordKind.Filler), ("ipv4", WordKind.Filler), ("ipv6", WordKind.Filler), ("addr", WordKind.Filler),
        ("address", WordKind.Filler), ("host", WordKind.Filler), ("endpoint", WordKind.Filler),
        ("spt", WordKind.SourcePortLabel), ("sport", WordKind.SourcePortLabel), ("srcport", WordKind.SourcePortLabel),
        ("src_port", WordKind.SourcePortLabel), ("src-port", WordKind.SourcePortLabel), ("s_port", WordKind.SourcePortLabel),
        ("sourceport", WordKind.SourcePortLabel), ("source_port", WordKind.SourcePortLabel), ("orig_p", WordKind.SourcePortLabel),
        ("dpt", WordKind.DestinationPortLabel), ("dport", WordKind.DestinationPortLabel), ("dstport", WordKind.DestinationPortLabel),
        ("dst_port", WordKind.DestinationPortLabel), ("dst-port", WordKind.DestinationPortLabel), ("d_port", WordKind.DestinationPortLabel),
        ("destport", WordKind.DestinationPortLabel), ("dest_port", WordKind.DestinationPortLabel), ("dest-port", WordKind.DestinationPortLabel),
        ("destinationport", WordKind.DestinationPortLabel), ("destination_port", WordKind.DestinationPortLabel),
        ("resp_p", WordKind.DestinationPortLabel),
        ("port", WordKind.Port),
        ("proto", WordKind.ProtocolLabel), ("protocol", WordKind.ProtocolLabel), ("ip_proto", WordKind.ProtocolLabel),
        ("ipproto", WordKind.ProtocolLabel), ("transport", WordKind.ProtocolLabel),
        ("tcp", WordKind.TransportName), ("udp", WordKind.TransportName), ("icmp", WordKind.TransportName), ("sctp", WordKind.TransportName),
        ("icmpv6", WordKind.TransportName), ("icmp6", WordKind.TransportName), ("ipv6-icmp", WordKind.TransportName),
        ("type", WordKind.IcmpTypeLabel), ("icmp_type", WordKind.IcmpTypeLabel), ("icmptype", WordKind.IcmpTypeLabel),
        ("icmp-type", WordKind.IcmpTypeLabel),
        ("code", WordKind.IcmpCodeLabel), ("icmp_code", WordKind.IcmpCodeLabel), ("icmpcode", WordKind.IcmpCodeLabel),
        ("icmp-code", WordKind.IcmpCodeLabel),
        ("flags", WordKind.FlagsLabel), ("tcp_flags", WordKind.FlagsLabel), ("tcpflags", WordKind.FlagsLabel),
        ("syn", WordKind.FlagWord), ("ack", WordKind.FlagWord), ("fin", WordKind.FlagWord), ("rst", WordKind.FlagWord),
        ("psh", WordKind.FlagWord), ("urg", WordKind.FlagWord),
    };

    // Words of up to 8 characters, packed lower-case into a ulong (first character lowest), in an open-addressing table:
    // a lookup is one multiply and usually one probe. Longer words are compared one by one (there are few).
    private const int TableBits = 8;
    private static readonly ulong[] Keys = new ulong[1 << TableBits];
    private static readonly WordKind[] Kinds = new WordKind[1 << TableBits];
    private static readonly (string Word, WordKind Kind)[] Long = BuildTables();

    /// <summary>Classifies text[start..end).</summary>
    public static WordKind Classify<T>(ReadOnlySpan<T> text, int start, int end)
        where T : unmanaged
    {
        int length = end - start;
        if (length <= 0 || length > MaxLength)
        {
            return WordKind.Other;
        }

        if (length <= 8)
        {
            ulong key = 0;
            for (int i = length - 1; i >= 0; i--)
            {
                int c = TextUnits.Lower(TextUnits.At(text, start + i));
                if (c > 0x7F)
                {
                    return WordKind.Other;
                }

                key = (key << 8) | (uint)c;
            }

            int slot = Slot(key);
            while (true)
            {
                ulong held = Keys[slot];
                if (held == key)
                {
                    return Kinds[slot];
                }

                if (held == 0)
                {
                    return WordKind.Other;
                }

                slot = (slot + 1) & ((1 << TableBits) - 1);
            }
        }

        foreach ((string word, WordKind kind) in Long)
        {
            if (word.Length == length && TextUnits.MatchesLower(text, start, word))
            {
                return kind;
            }
        }

        return WordKind.Other;
    }

    private static int Slot(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> (64 - TableBits));

    private static (string Word, WordKind Kind)[] BuildTables()
    {
        var longWords = new System.Collections.Generic.List<(string Word, WordKind Kind)>();
        foreach ((string word, WordKind kind) in Vocabulary)
        {
            if (word.Length > 8)
            {
                longWords.Add((word, kind));
                continue;
            }

            ulong key = 0;
            for (int i = word.Length - 1; i >= 0; i--)
            {
                key = (key << 8) | word[i];
            }

            int slot = Slot(key);
            while (Keys[slot] != 0)
            {
                slot = (slot + 1) & ((1 << TableBits) - 1);
            }

            Keys[slot] = key;
            Kinds[slot] = kind;
        }

        return longWords.ToArray();
    }
}
