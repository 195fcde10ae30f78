using FlowRole.Text;
using Xunit;

namespace FlowRole.Tests.Text;

/// <summary>
/// The plain-language explanation of typical flows, checked word for word: alert text in, Core's parser and the default
/// classifier, <see cref="Classifier.Describe"/> out. A change of wording is a deliberate change of these texts.
/// </summary>
public sealed class ExplanationTextTests
{
    private static void Check(string alert, string expected)
    {
        AlertTextResult parsed = AlertTextParser.Parse(alert);
        Assert.True(parsed.IsSuccess, parsed.Message);
        FlowResult result = Classifier.Default.Classify(parsed.Record);
        Assert.Equal(expected, Classifier.Default.Describe(result));
    }

    [Fact]
    public void Seed_free_text_internal_https() => Check(
        "Source: 10.0.0.5:53210 -> Destination: 192.168.1.100:443",
        "Client: 10.0.0.5 (private), port 53210.\n" +
            "Server: 192.168.1.100 (private), port 443, service https.\n" +
            "Why: 443 is the well-known port of https and 53210 lies in the dynamic range 49152-65535 that Windows and macOS use for client ports (and in Linux's 32768-60999). Basis: service_port, confidence 0.90.\n" +
            "Direction: internal: both sides are internal (client private, server private).\n" +
            "Transport: not stated in the log; TCP's port facts were used.\n" +
            "Client OS hint: 53210 is in the default client port ranges of Linux (32768-60999), Windows Vista and later and macOS (49152-65535) and FreeBSD (10000-65535): it fits all of them, so it does not single out an OS. A hint from the port number alone: NAT, proxies and tuned port ranges change it.\n" +
            "Findings: none.\n" +
            "Verdict: nothing suspicious.");

    [Fact]
    public void Asa_inbound_rdp_from_the_internet() => Check(
        "%ASA-6-302013: Built inbound TCP connection 184467 for outside:198.51.7.20/54321 (198.51.7.20/54321) to inside:10.0.0.25/3389 (203.0.113.25/3389)",
        "Client: 198.51.7.20 (global), port 54321.\n" +
            "Server: 10.0.0.25 (private), port 3389, service rdp.\n" +
            "Why: the firewall's own connection record names 198.51.7.20 as the side that opened the connection (e.g. Cisco ASA \"Built inbound/outbound\", a PAN-OS session source). Basis: initiator, confidence 0.95.\n" +
            "Direction: inbound: an external client reaches an internal server (client global, server private).\n" +
            "Client OS hint: 54321 is in the default client port ranges of Linux (32768-60999), Windows Vista and later and macOS (49152-65535) and FreeBSD (10000-65535): it fits all of them, so it does not single out an OS. A hint from the port number alone: NAT, proxies and tuned port ranges change it.\n" +
            "Finding: [high] FR-RDP-INBOUND: Remote Desktop reached from outside. ATT&CK: T1133, T1021.001.\n" +
            "Finding: [low] FR-RDP-SESSION: Remote Desktop session. ATT&CK: T1021.001.\n" +
            "Verdict: suspicious (a finding at or above the policy threshold, medium).");

    [Fact]
    public void Asa_outbound_dns_listed_server_first() => Check(
        "%ASA-6-302015: Built outbound UDP connection 99731 for outside:8.8.8.8/53 (8.8.8.8/53) to inside:10.0.0.14/58912 (203.0.113.5/58912)",
        "Client: 10.0.0.14 (private), port 58912.\n" +
            "Server: 8.8.8.8 (global), port 53, service dns.\n" +
            "Why: the firewall's own connection record names 10.0.0.14 as the side that opened the connection (e.g. Cisco ASA \"Built inbound/outbound\", a PAN-OS session source). Basis: initiator, confidence 0.95.\n" +
            "Order: the log names the server first (as replies, server-side records and some firewalls do); read here from client to server.\n" +
            "Direction: outbound: an internal client reaches an external server (client private, server global).\n" +
            "Client OS hint: 58912 is in the default client port ranges of Linux (32768-60999), Windows Vista and later and macOS (49152-65535) and FreeBSD (10000-65535): it fits all of them, so it does not single out an OS. A hint from the port number alone: NAT, proxies and tuned port ranges change it.\n" +
            "Findings: none.\n" +
            "Verdict: nothing suspicious.");

    [Fact]
    public void Netfilter_inbound_ssh_syn() => Check(
        "IN=eth0 OUT= SRC=198.51.7.45 DST=10.0.0.10 LEN=60 PROTO=TCP SPT=51514 DPT=22 WINDOW=29200 RES=0x00 SYN URGP=0",
        "Client: 198.51.7.45 (global), port 51514.\n" +
            "Server: 10.0.0.10 (private), port 22, service ssh.\n" +
            "Why: the logged packet is a bare SYN from 198.51.7.45, which only the side opening a connection sends. Basis: tcp_flags, confidence 0.99.\n" +
            "Direction: inbound: an external client reaches an internal server (client global, server private).\n" +
            "Client OS hint: 51514 is in the default client port ranges of Linux (32768-60999), Windows Vista and later and macOS (49152-65535) and FreeBSD (10000-65535): it fits all of them, so it does not single out an OS. A hint from the port number alone: NAT, proxies and tuned port ranges change it.\n" +
            "Finding: [medium] FR-SSH-INBOUND: SSH reached from outside. ATT&CK: T1133, T1021.004.\n" +
            "Verdict: suspicious (a finding at or above the policy threshold, medium).");

    [Fact]
    public void Netfilter_icmp_echo_outbound() => Check(
        "IN=eth0 OUT= SRC=10.0.0.10 DST=8.8.4.4 LEN=84 PROTO=ICMP TYPE=8 CODE=0 ID=1234 SEQ=1",
        "Client: 10.0.0.10 (private).\n" +
            "Server: 8.8.4.4 (global).\n" +
            "Why: 10.0.0.10 sent the ICMP request (type 8) and 8.8.4.4 answers with type 0. Basis: icmp_type, confidence 0.90.\n" +
            "Direction: outbound: an internal client reaches an external server (client private, server global).\n" +
            "Transport: icmp, which has no ports: type 8 from the client, 0 as the reply type or code.\n" +
            "Findings: none.\n" +
            "Verdict: nothing suspicious.");

    [Fact]
    public void Windows_firewall_outbound_https() => Check(
        "2024-01-15 10:25:13 ALLOW TCP 10.0.0.7 93.184.216.34 61234 443 0 - 0 0 0 - - - SEND",
        "Client: 10.0.0.7 (private), port 61234.\n" +
            "Server: 93.184.216.34 (global), port 443, service https.\n" +
            "Why: the host firewall log shows 10.0.0.7 sending the packet that opened the connection (path SEND or RECEIVE). Basis: initiator, confidence 0.90.\n" +
            "Direction: outbound: an internal client reaches an external server (client private, server global).\n" +
            "Client OS hint: 61234 is in the default client port ranges of Windows Vista and later and macOS (49152-65535) and FreeBSD (10000-65535): that points to Windows or macOS (or FreeBSD), not Linux, whose default range ends at 60999. A hint from the port number alone: NAT, proxies and tuned port ranges change it.\n" +
            "Findings: none.\n" +
            "Verdict: nothing suspicious.");

    [Fact]
    public void Old_windows_client_port_smb() => Check(
        "TCP 10.0.0.50:1035 -> 10.0.0.2:445",
        "Client: 10.0.0.50 (private), port 1035.\n" +
            "Server: 10.0.0.2 (private), port 445, service smb.\n" +
            "Why: 445 is the well-known port of smb (IANA name microsoft-ds) and 1035 lies in the range 1025-5000 that old Windows (XP/2003) used for client ports. Basis: service_port, confidence 0.75.\n" +
            "Direction: internal: both sides are internal (client private, server private).\n" +
            "Client OS hint: 1035 is in the default client port ranges of Windows XP/Server 2003 (1025-5000) and OpenBSD (1024-49151): that points to an old Windows (XP/Server 2003) or a host configured like one; modern Windows, macOS and Linux start higher. A hint from the port number alone: NAT, proxies and tuned port ranges change it.\n" +
            "Findings: none.\n" +
            "Verdict: nothing suspicious.");

    [Fact]
    public void Freebsd_range_client_port_smtp() => Check(
        "10.0.0.60:20000 -> 10.0.0.3:25",
        "Client: 10.0.0.60 (private), port 20000.\n" +
            "Server: 10.0.0.3 (private), port 25, service smtp.\n" +
            "Why: neither the record nor the ports settle it (25 and 20000 look alike to port knowledge), so by convention the lower port, 25, is taken as the server's; treat these roles as a guess. Basis: lower_port, confidence 0.51.\n" +
            "Direction: internal: both sides are internal (client private, server private).\n" +
            "Transport: not stated in the log; TCP's port facts were used.\n" +
            "Client OS hint: 20000 is in the default client port ranges of FreeBSD (10000-65535) and OpenBSD (1024-49151): that points to FreeBSD (or OpenBSD), not the defaults of Windows, macOS or Linux. A hint from the port number alone: NAT, proxies and tuned port ranges change it.\n" +
            "Findings: none.\n" +
            "Verdict: nothing suspicious.");

    [Fact]
    public void Ntp_same_port_address_hint() => Check(
        "UDP 10.0.0.5:123 -> 203.0.113.7:123",
        "Client: 10.0.0.5 (private), port 123.\n" +
            "Server: 203.0.113.7 (documentation), port 123, service ntp.\n" +
            "Why: both sides use port 123, so ports cannot decide; facts about the addresses break the tie (a group address only receives, an internal host usually asks). Basis: address_hint, confidence 0.60.\n" +
            "Direction: outbound: an internal client reaches an external server (client private, server documentation).\n" +
            "Client OS hint: 123 is below 1024, where no operating system picks client ports by default: a fixed or privileged source port, or a NAT device's choice. A hint from the port number alone: NAT, proxies and tuned port ranges change it.\n" +
            "Findings: none.\n" +
            "Verdict: nothing suspicious.");

    [Fact]
    public void Dhcp_special_case() => Check(
        "UDP from 0.0.0.0 port 68 to 255.255.255.255 port 67",
        "Client: 0.0.0.0 (unspecified), port 68.\n" +
            "Server: 255.255.255.255 (broadcast), port 67, service dhcp.\n" +
            "Why: DHCP: the client's port 68 and the server's port 67 are both fixed by the protocol. Basis: special_case, confidence 0.95.\n" +
            "Direction: unknown: the address scopes do not decide it (client unspecified, server broadcast).\n" +
            "Findings: none.\n" +
            "Verdict: nothing suspicious.");

    [Fact]
    public void Reply_first_record_is_swapped() => Check(
        "Source: 93.184.216.34:443 -> Destination: 10.0.0.5:53210",
        "Client: 10.0.0.5 (private), port 53210.\n" +
            "Server: 93.184.216.34 (global), port 443, service https.\n" +
            "Why: 443 is the well-known port of https and 53210 lies in the dynamic range 49152-65535 that Windows and macOS use for client ports (and in Linux's 32768-60999). Basis: service_port, confidence 0.90.\n" +
            "Order: the log names the server first (as replies, server-side records and some firewalls do); read here from client to server.\n" +
            "Direction: outbound: an internal client reaches an external server (client private, server global).\n" +
            "Transport: not stated in the log; TCP's port facts were used.\n" +
            "Client OS hint: 53210 is in the default client port ranges of Linux (32768-60999), Windows Vista and later and macOS (49152-65535) and FreeBSD (10000-65535): it fits all of them, so it does not single out an OS. A hint from the port number alone: NAT, proxies and tuned port ranges change it.\n" +
            "Findings: none.\n" +
            "Verdict: nothing suspicious.");

    [Fact]
    public void Asa_deny_telnet_three_findings() => Check(
        "%ASA-4-106023: Deny tcp src outside:198.51.7.66/40122 dst inside:10.0.0.9/23 by access-group \"outside_in\" [0x0, 0x0]",
        "Client: 198.51.7.66 (global), port 40122.\n" +
            "Server: 10.0.0.9 (private), port 23, service telnet.\n" +
            "Why: 23 is the well-known port of telnet and 40122 lies in Linux's client port range 32768-60999. Basis: service_port, confidence 0.83.\n" +
            "Direction: inbound: an external client reaches an internal server (client global, server private).\n" +
            "Client OS hint: 40122 is in the default client port ranges of Linux (32768-60999), FreeBSD (10000-65535) and OpenBSD (1024-49151): that points to Linux (or a BSD), not Windows Vista+ or macOS, which start at 49152. A hint from the port number alone: NAT, proxies and tuned port ranges change it.\n" +
            "Finding: [high] FR-TELNET-INBOUND: Telnet reached from outside. ATT&CK: T1133.\n" +
            "Finding: [low] FR-CLEARTEXT-SERVICE: Cleartext service in use. ATT&CK: T1040.\n" +
            "Finding: [medium] FR-CLEARTEXT-LOGIN: Login protocol that sends passwords in cleartext. ATT&CK: T1040.\n" +
            "Verdict: suspicious (a finding at or above the policy threshold, medium).");

    [Fact]
    public void Lower_port_guess() => Check(
        "10.0.0.5:40000 -> 10.0.0.6:45000",
        "Client: 10.0.0.6 (private), port 45000.\n" +
            "Server: 10.0.0.5 (private), port 40000, service safetynetp.\n" +
            "Why: neither the record nor the ports settle it (40000 and 45000 look alike to port knowledge), so by convention the lower port, 40000, is taken as the server's; treat these roles as a guess. Basis: lower_port, confidence 0.51.\n" +
            "Order: the log names the server first (as replies, server-side records and some firewalls do); read here from client to server.\n" +
            "Direction: internal: both sides are internal (client private, server private).\n" +
            "Transport: not stated in the log; TCP's port facts were used.\n" +
            "Client OS hint: 45000 is in the default client port ranges of Linux (32768-60999), FreeBSD (10000-65535) and OpenBSD (1024-49151): that points to Linux (or a BSD), not Windows Vista+ or macOS, which start at 49152. A hint from the port number alone: NAT, proxies and tuned port ranges change it.\n" +
            "Findings: none.\n" +
            "Verdict: nothing suspicious.");
}
