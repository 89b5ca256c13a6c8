import { open, type FileHandle } from 'node:fs/promises';
import type { Clock, TimerId } from '@shared/time/clock';
import { err, ok, type Result } from '@shared/result';
import type { EventSink, Observer, TraceHeader } from '@shared/trace/events';
import { buildTraceHeader, formatTraceLine, type TraceHeaderInit } from '@shared/trace/format';
import { createTraceStamper, type TraceStamper } from '@shared/trace/stamper';
import { HARNESS_VERSION } from '../version';

/** Longest wait before queued events reach the disk (DESIGN §8: "small batches"). */
export const DEFAULT_BATCH_MS = 50;
/** Most events in one batch; a full batch is written at once. */
export const DEFAULT_BATCH_MAX = 256;

export interface TraceRecorderOptions {
  /** The trace file; created, or truncated when it exists. */
  readonly path: string;
  /** Stamps `t` and `at`, and times the batches. */
  readonly clock: Clock;
  /** Descriptive header fields; `harnessVersion` defaults to this build's version. */
  readonly header: Omit<TraceHeaderInit, 'harnessVersion'> & { readonly harnessVersion?: string };
  /** Mask card data in `message` events (default true). */
  readonly mask?: boolean;
  /** Whose view of the wire to keep (client role: `['pos']`, terminal role: `['poi']`). */
  readonly observers?: readonly Observer[];
  readonly batchMs?: number;
  readonly batchMax?: number;
}

/** A trace being written to disk. */
export interface TraceRecorder {
  readonly path: string;
  readonly header: TraceHeader;
  /**
   * Stamps one event and queues it. Usable directly as an {@link EventSink}; the client, the
   * session runner and an embedded simulator can all share it, and the file keeps call order.
   * Events recorded after `close()` are counted as dropped, not written.
   */
  readonly record: EventSink;
  /** Events stamped so far (equals the last `seq`). */
  recorded(): number;
  /** Events that arrived after `close()`. */
  dropped(): number;
  /** Writes everything queued and syncs it to disk; the error of a failed write, if any. */
  flush(): Promise<Result<void, string>>;
  /** Flushes, then closes the file. Safe to call twice. */
  close(): Promise<Result<void, string>>;
}

/**
 * Opens a trace file and writes its header (synced), so a path that cannot be written is
 * reported here as a value rather than lost later. Events are appended in batches (at most every
 * `batchMs` or `batchMax` events), each batch synced to disk: a crash loses at most the last
 * batch, and a torn last line is what `parseTrace` tolerates. After a failed write the recorder
 * stops writing, so the file stays a valid prefix of the trace.
 */
export async function createTraceRecorder(
  options: TraceRecorderOptions,
): Promise<Result<TraceRecorder, string>> {
  const mask = options.mask ?? true;
  const header = buildTraceHeader(
    { harnessVersion: HARNESS_VERSION, ...options.header },
    options.clock.wallNow(),
    mask,
  );
  let handle: FileHandle;
  try {
    handle = await open(options.path, 'w');
  } catch (error) {
    return err(`cannot create trace ${options.path}: ${describe(error)}`);
  }
  try {
    await handle.write(formatTraceLine(header));
    await handle.datasync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    return err(`cannot write trace ${options.path}: ${describe(error)}`);
  }
  return ok(new FileTraceRecorder(options, header, handle, mask));
}

class FileTraceRecorder implements TraceRecorder {
  readonly path: string;
  private readonly stamper: TraceStamper;
  private readonly clock: Clock;
  private readonly batchMs: number;
  private readonly batchMax: number;
  private queued: string[] = [];
  private timer: TimerId | undefined;
  /** Every write runs after the previous one: one ordered append stream. */
  private writes: Promise<void> = Promise.resolve();
  private failure: string | undefined;
  private closing: Promise<Result<void, string>> | undefined;
  private droppedCount = 0;

  constructor(
    options: TraceRecorderOptions,
    readonly header: TraceHeader,
    private readonly handle: FileHandle,
    mask: boolean,
  ) {
    this.path = options.path;
    this.clock = options.clock;
    this.batchMs = options.batchMs ?? DEFAULT_BATCH_MS;
    this.batchMax = options.batchMax ?? DEFAULT_BATCH_MAX;
    this.stamper = createTraceStamper({ clock: options.clock, mask, observers: options.observers });
  }

  readonly record: EventSink = (body) => {
    if (this.closing !== undefined) {
      this.droppedCount += 1;
      return;
    }
    const event = this.stamper.stamp(body);
    if (event === undefined) return;
    this.queued.push(formatTraceLine(event));
    if (this.queued.length >= this.batchMax) this.writeBatch();
    else this.timer ??= this.clock.setTimeout(() => this.writeBatch(), this.batchMs);
  };

  recorded(): number {
    return this.stamper.count();
  }

  dropped(): number {
    return this.droppedCount;
  }

  async flush(): Promise<Result<void, string>> {
    this.writeBatch();
    await this.writes;
    return this.failure === undefined ? ok(undefined) : err(this.failure);
  }

  close(): Promise<Result<void, string>> {
    this.closing ??= this.flush().then(async (flushed) => {
      try {
        await this.handle.close();
      } catch (error) {
        return flushed.ok ? err(`cannot close trace ${this.path}: ${describe(error)}`) : flushed;
      }
      return flushed;
    });
    return this.closing;
  }

  private writeBatch(): void {
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.queued.length === 0) return;
    const text = this.queued.join('');
    this.queued = [];
    this.writes = this.writes.then(async () => {
      if (this.failure !== undefined) return;
      try {
        await this.handle.write(text);
        await this.handle.datasync();
      } catch (error) {
        this.failure = `cannot write trace ${this.path}: ${describe(error)}`;
      }
    });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
