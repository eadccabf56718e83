/** One line of a text stream, numbered from 1; `tooLong` when it passed the cap (its text is then cut). */
export interface TextLine {
  /** The line's number, from 1. */
  readonly number: number;
  /** Its text, without the line ending. */
  readonly text: string;
  /** True when it passed {@link MAX_LINE_CHARS} (the text is cut). */
  readonly tooLong: boolean;
}

/** The longest line kept whole: a user is far smaller; a longer line is a broken file, not a user. */
export const MAX_LINE_CHARS = 1_000_000;

/**
 * Splits a stream of UTF-8 chunks (a file read, a `fetch` body) into lines, holding one line at a time. `\r\n` and
 * `\n` both end a line; a last line without a newline still counts.
 */
export async function* readLines(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<TextLine> {
  const decoder = new TextDecoder("utf-8");
  let pending = "";
  let tooLong = false;
  let number = 0;
  const emit = (text: string): TextLine => ({ number: ++number, text: text.endsWith("\r") ? text.slice(0, -1) : text, tooLong });
  for await (const chunk of chunks) {
    pending += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    let newline = pending.indexOf("\n");
    while (newline !== -1) {
      yield emit(pending.slice(0, newline));
      tooLong = false;
      pending = pending.slice(newline + 1);
      newline = pending.indexOf("\n");
    }
    if (pending.length > MAX_LINE_CHARS) {
      // Keep counting the line's end without holding it.
      pending = pending.slice(0, MAX_LINE_CHARS);
      tooLong = true;
    }
  }
  pending += decoder.decode();
  if (pending.length > 0) yield emit(pending);
}
