using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks;
using FlowRole.Fields;
using FlowRole.Formats;

namespace FlowRole.Cli.Pipeline;

/// <summary>
/// Runs blocks of rows through a worker on the thread pool, a few blocks in flight, and hands them back in input
/// order, so the output is the same as a single thread's. Memory is bounded by the blocks in flight.
/// </summary>
internal sealed class BatchRunner
{
    private readonly int _workers;
    private readonly Action<RowBatch> _process;
    private readonly Action<RowBatch> _complete;
    private readonly Queue<(RowBatch Batch, Task Work)> _inFlight = new();
    private readonly Stack<RowBatch> _free = new();
    private RowBatch? _current;

    /// <param name="workers">Threads to use; 1 processes each block on the calling thread.</param>
    /// <param name="process">Binds, classifies and formats a block (runs on a worker).</param>
    /// <param name="complete">Takes a processed block, in input order (runs on the calling thread).</param>
    public BatchRunner(int workers, Action<RowBatch> process, Action<RowBatch> complete)
    {
        _workers = Math.Max(1, workers);
        _process = process;
        _complete = complete;
    }

    /// <summary>Copies the reader's current row into the open block, handing the block on when full.</summary>
    public void Add(FlowReader reader, FlowRecordBinder binder)
    {
        if (_current is null)
        {
            _current = _free.Count > 0 ? _free.Pop() : new RowBatch();
            _current.Reset(reader.SourceName);
        }

        _current.Add(reader, binder);
        if (_current.IsFull)
        {
            Submit();
        }
    }

    /// <summary>Hands on the open block (a block never spans two inputs).</summary>
    public void EndInput()
    {
        if (_current is { Count: > 0 })
        {
            Submit();
        }
    }

    /// <summary>Waits for every block and completes them in order.</summary>
    public void Finish()
    {
        EndInput();
        while (_inFlight.Count > 0)
        {
            CompleteOldest();
        }
    }

    private void Submit()
    {
        RowBatch batch = _current!;
        _current = null;
        if (_workers == 1)
        {
            _process(batch);
            _complete(batch);
            _free.Push(batch);
            return;
        }

        _inFlight.Enqueue((batch, Task.Run(() => _process(batch))));
        while (_inFlight.Count > _workers)
        {
            CompleteOldest();
        }
    }

    private void CompleteOldest()
    {
        (RowBatch batch, Task work) = _inFlight.Dequeue();
        try
        {
            work.GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            // Let the first failure surface as itself (an I/O or usage error), after the other blocks stop.
            foreach ((_, Task other) in _inFlight)
            {
                try
                {
                    other.Wait();
                }
                catch (AggregateException)
                {
                }
            }

            _inFlight.Clear();
            ExceptionDispatchInfo.Capture(ex).Throw();
        }

        _complete(batch);
        _free.Push(batch);
    }
}
