using System;

namespace FlowRole.Roles;

/// <summary>
/// Ports that are servers in practice, not merely registered: Zeek's default <c>likely_server_ports</c> plus the
/// services every SOC sees daily (databases, remote admin, proxies, message brokers). A port here outranks any
/// IANA-only assignment when deciding which side listens.
/// </summary>
internal static class CommonServicePorts
{
    /// <summary>TCP service ports.</summary>
    public static ReadOnlySpan<ushort> Tcp =>
    [
        20, 21, 22, 23, 25, 43, 53, 79, 80, 81, 88, 110, 111, 113, 119, 135, 139, 143, 179, 389, 443, 445, 464, 465,
        502, 512, 513, 514, 515, 543, 544, 548, 554, 563, 585, 587, 614, 631, 636, 853, 873, 902, 989, 990, 992, 993,
        995, 1080, 1194, 1433, 1434, 1521, 1723, 1883, 2049, 2181, 2375, 2376, 2379, 2380, 2811, 3128, 3268, 3269,
        3306, 3389, 4444, 5000, 5060, 5061, 5222, 5223, 5269, 5432, 5601, 5672, 5900, 5901, 5984, 5985, 5986, 6379,
        6443, 6666, 6667, 6668, 6669, 6697, 7001, 8000, 8008, 8080, 8081, 8088, 8443, 8888, 9000, 9001, 9042, 9050,
        9090, 9092, 9100, 9200, 9300, 9418, 10250, 11211, 15672, 20000, 27017, 50000, 50070,
    ];

    /// <summary>UDP service ports.</summary>
    public static ReadOnlySpan<ushort> Udp =>
    [
        53, 67, 69, 88, 111, 123, 137, 138, 161, 162, 389, 443, 500, 514, 520, 546, 547, 623, 1194, 1812, 1813, 1900,
        2049, 2123, 2152, 3389, 3478, 3544, 4011, 4500, 4754, 4789, 5060, 5353, 5355, 6081, 11211, 20000,
    ];
}
