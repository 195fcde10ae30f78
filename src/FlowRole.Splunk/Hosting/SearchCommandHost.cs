using System;
using System.Buffers;
using System.Globalization;
using System.IO;
using System.Text.Json;
using FlowRole.Splunk.Csv;
using FlowRole.Splunk.Protocol;
using FlowRole.Splunk.Protocol.Metadata;

namespace FlowRole.Splunk.Hosting;

/// <summary>
/// Runs a search command over the SCPv2 exchange on any pair of streams: getinfo first, then one reply per execute
/// chunk, in order, until the input ends. A bad argument or a broken stream is fatal (inspector ERROR plus
/// <c>error</c>, exit code 1); a bad record never is.
/// </summary>
public sealed class SearchCommandHost
{
    /// <summary>The exit code of a clean run.</summary>
    public const int ExitSuccess = 0;

    /// <summary>The exit code after a fatal error.</summary>
    public const int ExitFailure = 1;

    private readonly HostOptions _options;

    /// <summary>Creates a host.</summary>
    public SearchCommandHost(HostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>
    /// Serves one exchange: reads requests from <paramref name="input"/> until it ends and writes the replies to
    /// <paramref name="output"/>. Diagnostics (never protocol bytes) go to <paramref name="diagnostics"/>. Returns the
    /// process exit code.
    /// </summary>
    public int Run(Stream input, Stream output, TextWriter diagnostics)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(diagnostics);

        var reader = new ChunkReader(input, _options.Limits);
        var writer = new ChunkWriter(output);
        var body = new ReplyBuffer(64 * 1024);
        var chunkContext = new ChunkContext(new SplunkCsvReader(), new SplunkCsvWriter(body, _options.CrlfRecords));
        SearchCommand? command = null;
        byte[]? getInfoReply = null;
        string commandName = _options.CommandName ?? _options.DefaultCommand;
        try
        {
            while (reader.TryRead(out Chunk chunk))
            {
                RequestMetadata request = ParseMetadata(chunk);
                if (getInfoReply is null)
                {
                    if (!string.Equals(request.Action, "getinfo", StringComparison.Ordinal))
                    {
                        throw new ProtocolException(Where(chunk) + "expected the getinfo request first, got "
                            + (request.Action is null ? "no action" : "action '" + request.Action + "'"));
                    }

                    commandName = ResolveCommandName(request.SearchInfo);
                    try
                    {
                        command = CreateCommand(commandName, request.SearchInfo);
                    }
                    catch (CommandArgumentException e)
                    {
                        return Fatal(writer, diagnostics, e.Message, getInfo: true);
                    }
#pragma warning disable CA1031 // A policy file that fails to load (I/O, JSON) is a configuration error shown to the user.
                    catch (Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
                    {
                        return Fatal(writer, diagnostics, commandName + ": " + e.Message, getInfo: true);
                    }

                    getInfoReply = JsonSerializer.SerializeToUtf8Bytes(
                        new GetInfoReply { Type = "streaming", RequiredFields = command.RequiredFields },
                        ProtocolJsonContext.Protocol.GetInfoReply);
                    writer.Write(getInfoReply, default);
                    continue;
                }

                if (string.Equals(request.Action, "getinfo", StringComparison.Ordinal))
                {
                    // Not expected twice, but answering it again keeps the exchange one-to-one.
                    writer.Write(getInfoReply, default);
                    continue;
                }

                if (request.Action is not null && !string.Equals(request.Action, "execute", StringComparison.Ordinal))
                {
                    throw new ProtocolException(Where(chunk) + "unknown action '" + request.Action + "'");
                }

                Execute(command!, chunk, request.Finished, chunkContext, body, writer);
            }

            return ExitSuccess;
        }
        catch (ProtocolException e) when (e.Truncated)
        {
            // The request never arrived whole and splunkd has closed the pipe: there is no one to answer.
            diagnostics.WriteLine(commandName + ": " + e.Message);
            return ExitFailure;
        }
        catch (ProtocolException e)
        {
            return Fatal(writer, diagnostics, commandName + ": protocol error: " + e.Message, getInfoReply is null);
        }
        catch (IOException e)
        {
            diagnostics.WriteLine(commandName + ": I/O error on the splunkd pipe: " + e.Message);
            return ExitFailure;
        }
#pragma warning disable CA1031 // Any other failure is a bug; splunkd must still get one well-formed error reply.
        catch (Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            diagnostics.WriteLine(e.ToString());
            return Fatal(writer, diagnostics, commandName + ": internal error: " + e.GetType().Name + ": " + e.Message, getInfoReply is null);
        }
    }

    private static void Execute(SearchCommand command, Chunk chunk, bool finished, ChunkContext context, ReplyBuffer body, ChunkWriter writer)
    {
        body.Reset();
        body.EnsureCapacity(command.EstimateReplyBytes(chunk.Body.Span));
        context.Reset(chunk.Number, finished);
        SplunkCsvReader csv = context.Input;
        csv.Reset(chunk.Body);
        bool hasHeader;
        try
        {
            hasHeader = csv.ReadHeader();
        }
        catch (FormatException e)
        {
            throw new ProtocolException(Where(chunk) + e.Message, e);
        }

        // An empty or header-only body holds no records: the reply is metadata only, as splunklib sends.
        int records = hasHeader ? command.ProcessChunk(context) : 0;
        context.Output.Flush();
        byte[] metadata = JsonSerializer.SerializeToUtf8Bytes(
            new ExecuteReply { Finished = finished, Inspector = context.Messages },
            ProtocolJsonContext.Protocol.ExecuteReply);
        writer.Write(metadata, records > 0 ? body.WrittenSpan : default);
    }

    private static RequestMetadata ParseMetadata(Chunk chunk)
    {
        try
        {
            return JsonSerializer.Deserialize(chunk.Metadata.Span, ProtocolJsonContext.Protocol.RequestMetadata)
                ?? throw new ProtocolException(Where(chunk) + "the metadata is JSON null, expected an object");
        }
        catch (JsonException e)
        {
            throw new ProtocolException(Where(chunk) + "the metadata is not valid JSON (" + e.Message + "): '"
                + ChunkReader.Printable(chunk.Metadata.Span) + "'", e);
        }
    }

    private static string Where(Chunk chunk) =>
        "chunk " + chunk.Number.ToString(CultureInfo.InvariantCulture) + " (byte offset " + chunk.Offset.ToString(CultureInfo.InvariantCulture) + "): ";

    private static int Fatal(ChunkWriter writer, TextWriter diagnostics, string message, bool getInfo)
    {
        diagnostics.WriteLine(message);
        var inspector = new InspectorMessages();
        inspector.Add("ERROR", message);
        byte[] metadata = getInfo
            ? JsonSerializer.SerializeToUtf8Bytes(
                new GetInfoReply { Type = "streaming", Inspector = inspector, Finished = true, Error = message },
                ProtocolJsonContext.Protocol.GetInfoReply)
            : JsonSerializer.SerializeToUtf8Bytes(
                new ExecuteReply { Inspector = inspector, Finished = true, Error = message },
                ProtocolJsonContext.Protocol.ExecuteReply);
        try
        {
            writer.Write(metadata, default);
        }
        catch (IOException e)
        {
            diagnostics.WriteLine("could not send the error to splunkd: " + e.Message);
        }

        return ExitFailure;
    }

    private string ResolveCommandName(SearchInfo? searchInfo)
    {
        if (_options.CommandName is not null)
        {
            return _options.CommandName;
        }

        string? fromSplunk = searchInfo?.Command;
        return fromSplunk is not null && _options.Commands.ContainsKey(fromSplunk) ? fromSplunk : _options.DefaultCommand;
    }

    private SearchCommand CreateCommand(string name, SearchInfo? searchInfo)
    {
        if (_options.StartupError is not null)
        {
            throw new CommandArgumentException(name + ": " + _options.StartupError);
        }

        if (!_options.Commands.TryGetValue(name, out Func<SearchCommand>? factory))
        {
            throw new CommandArgumentException("unknown command '" + name + "'; this executable serves "
                + string.Join(", ", _options.Commands.Keys));
        }

        SearchCommand command = factory();
        command.Configure(new CommandContext(name, searchInfo?.Args ?? [], _options.AppDirectory, searchInfo?.DispatchDir, searchInfo?.SplunkVersion));
        return command;
    }
}
