import { createReadStream } from "node:fs";
import { parse } from "csv-parse";
import { clerkCsvUser } from "../sources/clerk-csv.js";
import type { SourceUser } from "../source-user.js";

/**
 * The users of a Clerk Dashboard CSV export at `path`, streamed (csv-parse): one row in memory at a time. Rows are
 * keyed by the header line; a row the header does not fit is refused, not dropped.
 */
export async function* clerkCsvFileSource(path: string): AsyncGenerator<SourceUser> {
  const parser = createReadStream(path).pipe(parse({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: true, trim: false }));
  let row = 0;
  for await (const record of parser as AsyncIterable<Record<string, string>>) {
    row++;
    yield clerkCsvUser(record, row);
  }
}
