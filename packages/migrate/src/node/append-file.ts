import { type FileHandle, open, stat } from "node:fs/promises";

/** An append-only text file whose `append` resolves once the lines are on disk (fdatasync). */
export interface AppendFile {
  /** Appends lines; resolves once they are on disk. */
  append(lines: readonly string[]): Promise<void>;
  /** Closes the file. */
  close(): Promise<void>;
}

/**
 * Opens `path` for appending (created when absent). A last line without its newline — a write the process did not
 * finish — is cut off first, so the next line starts clean.
 */
export async function openAppendFile(path: string): Promise<AppendFile> {
  await dropTornTail(path);
  const handle = await open(path, "a");
  let queue = Promise.resolve();
  return {
    append(lines) {
      // One write at a time, in call order: concurrent callers never interleave half lines.
      const run = queue.then(async () => {
        if (lines.length === 0) return;
        await handle.write(lines.map((l) => `${l}\n`).join(""));
        await handle.datasync();
      });
      queue = run.catch(() => undefined);
      return run;
    },
    async close() {
      await queue;
      await handle.close();
    },
  };
}

/** Cuts the file after its last newline (no-op for a missing or clean file). */
export async function dropTornTail(path: string): Promise<void> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  if (size === 0) return;
  const handle = await open(path, "r+");
  try {
    const keep = await lastNewlineEnd(handle, size);
    if (keep < size) await handle.truncate(keep);
  } finally {
    await handle.close();
  }
}

/** The offset just past the last `\n` (0 when there is none). */
async function lastNewlineEnd(handle: FileHandle, size: number): Promise<number> {
  const chunk = Buffer.alloc(64 * 1024);
  let end = size;
  while (end > 0) {
    const start = Math.max(0, end - chunk.length);
    const { bytesRead } = await handle.read(chunk, 0, end - start, start);
    const at = chunk.subarray(0, bytesRead).lastIndexOf(0x0a);
    if (at !== -1) return start + at + 1;
    end = start;
  }
  return 0;
}
