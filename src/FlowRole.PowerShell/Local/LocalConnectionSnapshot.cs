using System;
using System.Collections.Generic;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using FlowRole.Addresses;
using FlowRole.Flows;

namespace FlowRole.PowerShell.Local;

/// <summary>
/// This host's TCP connections and TCP/UDP listeners, read once through .NET's <see cref="IPGlobalProperties"/>
/// (Windows, Linux and macOS alike). The listeners become listener evidence for Core: a connection to one of them
/// has its server side settled by fact rather than by port heuristics.
/// </summary>
internal sealed class LocalConnectionSnapshot
{
    private LocalConnectionSnapshot(List<LocalConnection> connections, List<(IpAddress, ushort, Transport)> listeners)
    {
        Connections = connections;
        Listeners = listeners;
    }

    /// <summary>The TCP connections (listening sockets excluded: they are not flows).</summary>
    public List<LocalConnection> Connections { get; }

    /// <summary>The listeners as Core listener entries (<c>host:port/transport</c>).</summary>
    public List<(IpAddress Address, ushort Port, Transport Transport)> Listeners { get; }

    /// <summary>Reads the tables. Throws <see cref="NetworkInformationException"/> or <see cref="System.PlatformNotSupportedException"/> when the OS refuses.</summary>
    public static LocalConnectionSnapshot Read()
    {
        IPGlobalProperties properties = IPGlobalProperties.GetIPGlobalProperties();
        var connections = new List<LocalConnection>();
        var localAddresses = new HashSet<IPAddress>();
        foreach (TcpConnectionInformation connection in properties.GetActiveTcpConnections())
        {
            if (connection.State == TcpState.Listen)
            {
                continue;
            }

            IPAddress local = Plain(connection.LocalEndPoint.Address);
            localAddresses.Add(local);
            connections.Add(new LocalConnection(local.ToString(), connection.LocalEndPoint.Port,
                Plain(connection.RemoteEndPoint.Address).ToString(), connection.RemoteEndPoint.Port,
                connection.State == TcpState.Unknown ? null : connection.State.ToString()));
        }

        AddInterfaceAddresses(localAddresses);
        var listeners = new List<(IpAddress, ushort, Transport)>();
        AddListeners(listeners, properties.GetActiveTcpListeners(), Transport.Tcp, localAddresses);
        AddListeners(listeners, properties.GetActiveUdpListeners(), Transport.Udp, localAddresses);
        return new LocalConnectionSnapshot(connections, listeners);
    }

    private static void AddListeners(List<(IpAddress, ushort, Transport)> listeners, IPEndPoint[] endpoints, Transport transport,
        HashSet<IPAddress> localAddresses)
    {
        foreach (IPEndPoint endpoint in endpoints)
        {
            ushort port = (ushort)endpoint.Port;
            IPAddress bound = Plain(endpoint.Address);
            if (bound.Equals(IPAddress.Any) || bound.Equals(IPAddress.IPv6Any))
            {
                // A wildcard listener answers on every local address (an IPv6 wildcard usually on IPv4 too): vouch for
                // each of them, never for the port on other hosts.
                bool v6 = bound.AddressFamily == AddressFamily.InterNetworkV6;
                foreach (IPAddress local in localAddresses)
                {
                    if (v6 || local.AddressFamily == AddressFamily.InterNetwork)
                    {
                        Add(listeners, local, port, transport);
                    }
                }
            }
            else
            {
                Add(listeners, bound, port, transport);
            }
        }
    }

    private static void Add(List<(IpAddress, ushort, Transport)> listeners, IPAddress address, ushort port, Transport transport)
    {
        if (IpAddress.TryParse(address.ToString().AsSpan(), out IpAddress parsed))
        {
            listeners.Add((parsed, port, transport));
        }
    }

    private static void AddInterfaceAddresses(HashSet<IPAddress> addresses)
    {
        addresses.Add(IPAddress.Loopback);
        addresses.Add(IPAddress.IPv6Loopback);
        try
        {
            foreach (NetworkInterface nic in NetworkInterface.GetAllNetworkInterfaces())
            {
                foreach (UnicastIPAddressInformation unicast in nic.GetIPProperties().UnicastAddresses)
                {
                    addresses.Add(Plain(unicast.Address));
                }
            }
        }
        catch (NetworkInformationException)
        {
            // Interface enumeration is best effort: the connections' own local addresses are already known.
        }
    }

    /// <summary>IPv4 seen through a dual-stack socket (::ffff:a.b.c.d) is written as plain IPv4, as the OS tools show it.</summary>
    private static IPAddress Plain(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
