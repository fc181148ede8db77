import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WriteItem } from './write-item.js';

const SEGMENT = /^(\d+)-(\d+)-(\d+)\.ndjson(?:\.claimed-(\d+))?$/;

/**
 * Items the database could not take yet, kept on disk as NDJSON segment files, oldest
 * first. Segments are written whole (temp file + rename), so a crash never leaves half a
 * segment; a segment is claimed for replay by renaming it to `.claimed-<pid>`, so two
 * processes sharing a spool never replay the same one, and a claim left by a dead process
 * is taken over.
 */
export class DiskSpool {
  private sequence = 0;
  /** Items in segments this process wrote or claimed and has not replayed yet. */
  private known = 0;

  constructor(readonly dir: string) {}

  /** Items waiting on disk (counted from this process's view). */
  get size(): number {
    return this.known;
  }

  /** True when there is any segment to replay. */
  hasSegments(): boolean {
    return this.listReplayable().length > 0;
  }

  /** Write items as one new segment. Synchronous: called only when memory must be freed now. */
  write(items: WriteItem[]): void {
    if (items.length === 0) return;
    mkdirSync(this.dir, { recursive: true });
    const name = `${Date.now()}-${process.pid}-${this.sequence++}.ndjson`;
    const temp = join(this.dir, `.${name}.tmp`);
    writeFileSync(temp, `${items.map((item) => JSON.stringify(item)).join('\n')}\n`);
    renameSync(temp, join(this.dir, name));
    this.known += items.length;
  }

  /** Claim the oldest segment and read it; null when there is none. */
  claimOldest(): { file: string; items: WriteItem[] } | null {
    for (const name of this.listReplayable()) {
      const claimed = join(this.dir, `${name.replace(/\.claimed-\d+$/, '')}.claimed-${process.pid}`);
      try {
        if (!name.endsWith(`.claimed-${process.pid}`)) renameSync(join(this.dir, name), claimed);
      } catch {
        continue; // another process claimed it first
      }
      const items = readFileSync(claimed, 'utf8')
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => reviveItem(JSON.parse(line)));
      return { file: claimed, items };
    }
    return null;
  }

  /** Delete a replayed segment. */
  remove(file: string, itemCount: number): void {
    rmSync(file, { force: true });
    this.known = Math.max(0, this.known - itemCount);
  }

  /** Drop the count of items no longer on disk for this process to replay. */
  forgetUnclaimed(): void {
    this.known = 0;
  }

  /** Count items of segments left by earlier runs, so `pending` reflects them. */
  adoptExisting(): void {
    for (const name of this.listReplayable()) {
      try {
        this.known += readFileSync(join(this.dir, name), 'utf8').split('\n').filter(Boolean).length;
      } catch {
        // claimed by another process meanwhile
      }
    }
  }

  /** Unclaimed segments and segments claimed by this or a dead process, oldest first. */
  private listReplayable(): string[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return [];
    }
    return names
      .map((name) => ({ name, match: SEGMENT.exec(name) }))
      .filter(({ match }) => match && (!match[4] || Number(match[4]) === process.pid || !isAlive(Number(match[4]))))
      .sort((a, b) => compareSegments(a.match as RegExpExecArray, b.match as RegExpExecArray))
      .map(({ name }) => name);
  }
}

function compareSegments(a: RegExpExecArray, b: RegExpExecArray): number {
  return Number(a[1]) - Number(b[1]) || Number(a[2]) - Number(b[2]) || Number(a[3]) - Number(b[3]);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** JSON turned Dates into strings; turn the known date fields back. */
function reviveItem(item: WriteItem): WriteItem {
  const date = (value: unknown) => (value == null ? null : new Date(value as string));
  if (item.kind === 'session' || item.kind === 'stub') {
    const s = item.session;
    s.startTime = date(s.startTime) as Date;
    s.endTime = date(s.endTime);
    s.createdAt = date(s.createdAt) as Date;
  } else if (item.kind === 'call') {
    item.call.timestamp = date(item.call.timestamp) as Date;
    item.call.createdAt = date(item.call.createdAt) as Date;
  } else {
    item.end.endTime = date(item.end.endTime) as Date;
  }
  return item;
}
