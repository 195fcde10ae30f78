using System;
using System.Buffers;
using System.Runtime.InteropServices;

namespace FlowRole.Splunk.Protocol;

/// <summary>
/// The buffer a reply body is built in, reused for every chunk. Unlike <see cref="ArrayBufferWriter{T}"/> it can be
/// sized before a chunk from an estimate, so a reply of many megabytes is not grown by doubling (each step a copy
/// into fresh pages: on the first 50,000-record chunk that was a tenth of the whole run's CPU); its memory is not
/// zeroed first; and on Linux a large buffer asks for transparent huge pages, so first touching it takes a few faults
/// instead of thousands.
/// </summary>
internal sealed class ReplyBuffer : IBufferWriter<byte>
{
    private const int HugePage = 2 * 1024 * 1024;
    private const int MadviseHugePage = 14; // MADV_HUGEPAGE (Linux)

    private byte[] _buffer;
    private int _written;

    /// <summary>Creates a buffer of <paramref name="capacity"/> bytes.</summary>
    public ReplyBuffer(int capacity) => _buffer = Allocate(Math.Max(capacity, 256));

    /// <summary>The bytes written since the last <see cref="Reset"/>.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    /// <summary>How many bytes the buffer holds without growing.</summary>
    public int Capacity => _buffer.Length;

    /// <summary>Forgets what was written; the memory is kept (and not cleared).</summary>
    public void Reset() => _written = 0;

    /// <summary>
    /// Makes room for <paramref name="bytes"/> in all (a hint: the estimate for the coming reply), keeping what is
    /// written. Capped at <see cref="Array.MaxLength"/>; a reply that outgrows the estimate still grows as needed.
    /// </summary>
    public void EnsureCapacity(long bytes)
    {
        if (bytes > _buffer.Length)
        {
            // An eighth more, so the next chunk's estimate (a few bytes longer, as often as not) fits without another
            // buffer: each replaced one is garbage of the reply's size until the next full collection.
            Resize((int)Math.Min(bytes + (bytes / 8), Array.MaxLength));
        }
    }

    /// <inheritdoc/>
    public void Advance(int count)
    {
        if ((uint)count > (uint)(_buffer.Length - _written))
        {
            throw new ArgumentOutOfRangeException(nameof(count), "advanced past the end of the buffer");
        }

        _written += count;
    }

    /// <inheritdoc/>
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsMemory(_written);
    }

    /// <inheritdoc/>
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsSpan(_written);
    }

    private void Reserve(int sizeHint)
    {
        int needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written < needed)
        {
            long next = Math.Max((long)_written + needed, Math.Min((long)_buffer.Length * 2, Array.MaxLength));
            if (next > Array.MaxLength)
            {
                throw new OutOfMemoryException("a reply body cannot exceed " + Array.MaxLength + " bytes");
            }

            Resize((int)next);
        }
    }

    private void Resize(int capacity)
    {
        byte[] bigger = Allocate(capacity);
        _buffer.AsSpan(0, _written).CopyTo(bigger);
        _buffer = bigger;
    }

    private static byte[] Allocate(int capacity)
    {
        if (!OperatingSystem.IsLinux() || capacity < 2 * HugePage)
        {
            return GC.AllocateUninitializedArray<byte>(capacity);
        }

        // On the pinned heap (it never moves, so the advice stays with it), then the whole huge pages inside it are
        // advised. Best effort: where transparent huge pages are off or refused, the call changes nothing.
        byte[] array = GC.AllocateUninitializedArray<byte>(capacity, pinned: true);
        GCHandle handle = GCHandle.Alloc(array, GCHandleType.Pinned);
        nint start = handle.AddrOfPinnedObject();
        handle.Free();
        nint first = (start + HugePage - 1) & ~(nint)(HugePage - 1);
        nint end = (start + capacity) & ~(nint)(HugePage - 1);
        if (end > first)
        {
            _ = Madvise(first, end - first, MadviseHugePage);
        }

        return array;
    }

    // Blittable arguments only, so the call needs no marshalling code (NativeAOT-safe without unsafe blocks).
    [DllImport("libc", EntryPoint = "madvise")]
    private static extern int Madvise(nint address, nint length, int advice);
}
