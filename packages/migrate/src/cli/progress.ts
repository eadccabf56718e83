import cliProgress from "cli-progress";
import type { UserOutcome } from "../engine.js";

/** Feedback while a run goes: a bar with rate and ETA on a terminal, a plain line every few seconds otherwise. */
export interface Progress {
  user(outcome: UserOutcome): void;
  stop(): void;
}

/** Options of {@link createProgress}. */
export interface ProgressOptions {
  /** Users the source holds, when known (files are counted first); the ETA needs it. */
  total: number | null;
  /** Where feedback goes (stderr). */
  stream: NodeJS.WritableStream & { isTTY?: boolean };
  /** Seconds between plain lines; default 5. */
  intervalSec?: number;
  now?: () => number;
}

/** A {@link Progress} for a stream: cli-progress on a TTY, log lines elsewhere. */
export function createProgress(options: ProgressOptions): Progress {
  const now = options.now ?? Date.now;
  const started = now();
  const counts = { done: 0, created: 0, matched: 0, refused: 0, failed: 0, skipped: 0 };
  const rate = () => {
    const seconds = (now() - started) / 1000;
    return seconds > 0 ? Math.round(counts.done / seconds) : 0;
  };
  const count = (outcome: UserOutcome) => {
    counts.done++;
    if (outcome.state !== "seen") counts[outcome.state]++;
  };

  if (options.stream.isTTY === true) {
    const known = options.total !== null;
    const bar = new cliProgress.SingleBar({
      stream: options.stream,
      hideCursor: true,
      etaBuffer: 500,
      format: `${known ? "{bar} {value}/{total}" : "{value} users"} | {rate}/s${known ? " | ETA {eta_formatted}" : ""} | created {created} matched {matched} refused {refused} failed {failed}`,
    }, cliProgress.Presets.shades_classic);
    bar.start(options.total ?? 0, 0, { rate: 0, ...counts });
    return {
      user(outcome) {
        count(outcome);
        bar.update(counts.done, { rate: rate(), ...counts });
      },
      stop: () => bar.stop(),
    };
  }

  const every = (options.intervalSec ?? 5) * 1000;
  let last = started;
  const line = () =>
    `authmux migrate: ${counts.done}${options.total !== null ? `/${options.total}` : ""} users, ${rate()}/s — created ${counts.created}, matched ${counts.matched}, refused ${counts.refused}, failed ${counts.failed}, already done ${counts.skipped}\n`;
  return {
    user(outcome) {
      count(outcome);
      if (now() - last >= every) {
        last = now();
        options.stream.write(line());
      }
    },
    stop() {
      if (counts.done > 0) options.stream.write(line());
    },
  };
}
