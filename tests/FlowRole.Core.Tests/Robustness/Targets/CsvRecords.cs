using System.Collections.Generic;
using System.IO;

namespace FlowRole.Fuzzing;

/// <summary>
/// A strict RFC 4180 reader for the writers' output, written independently of the product's readers: fields are
/// separated by commas, records end with LF (or CRLF when asked), a quoted field doubles its quotes; a quote, CR or LF
/// anywhere else is malformed output.
/// </summary>
internal static class CsvRecords
{
    public static List<List<byte[]>> Parse(byte[] text, bool crlf = false)
    {
        var records = new List<List<byte[]>>();
        var record = new List<byte[]>();
        var field = new MemoryStream();
        int i = 0;
        while (i < text.Length)
        {
            if (text[i] == (byte)'"')
            {
                i++;
                while (true)
                {
                    InvariantException.Check(i < text.Length, "CSV output: a quoted field is never closed");
                    if (text[i] == (byte)'"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == (byte)'"')
                        {
                            field.WriteByte((byte)'"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.WriteByte(text[i++]);
                }
            }
            else
            {
                while (i < text.Length && text[i] is not ((byte)',' or (byte)'\n' or (byte)'\r'))
                {
                    InvariantException.Check(text[i] != (byte)'"', "CSV output: a quote in an unquoted field");
                    field.WriteByte(text[i++]);
                }
            }

            record.Add(field.ToArray());
            field.SetLength(0);
            InvariantException.Check(i < text.Length, "CSV output: the last record has no line end");
            if (text[i] == (byte)',')
            {
                i++;
                continue;
            }

            if (crlf)
            {
                InvariantException.Check(text[i] == (byte)'\r' && i + 1 < text.Length && text[i + 1] == (byte)'\n', "CSV output: a record does not end with CRLF");
                i += 2;
            }
            else
            {
                InvariantException.Check(text[i] == (byte)'\n', "CSV output: a CR outside quotes or text after a closing quote");
                i++;
            }

            records.Add(record);
            record = new List<byte[]>();
        }

        return records;
    }
}
