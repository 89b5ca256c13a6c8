// Grows a real recorded trace into a big one for the UI benchmark: the recorded events are
// repeated, each copy renumbered (seq from 1 without gaps) and shifted in time (t and `at` keep
// going forward), so the result obeys every rule of shared/trace/reader.ts.

/** Pause between two copies of the story, in trace milliseconds. */
const GAP_MS = 1000;

/**
 * @param {string} text a trace as recorded: header line, then one event per line
 * @param {number} eventCount how many events the result holds
 * @returns {string} the big trace as JSON Lines text, ending with a newline
 */
export function repeatTrace(text, eventCount) {
  const [headerLine, ...lines] = text.split('\n').filter((line) => line.trim() !== '');
  if (headerLine === undefined || lines.length === 0) throw new Error('the trace has no events');
  const events = lines.map((line) => JSON.parse(line));
  const first = events[0];
  const last = events[events.length - 1];
  const span = last.t - first.t + GAP_MS;
  const out = [headerLine];
  for (let seq = 1; seq <= eventCount; seq++) {
    const copy = Math.floor((seq - 1) / events.length);
    const event = events[(seq - 1) % events.length];
    const shift = copy * span;
    const at = Date.parse(event.at);
    out.push(
      JSON.stringify({
        ...event,
        seq,
        // Rounded to the microsecond as the recorder stamps it, never below the previous one.
        t: Math.round((event.t + shift) * 1000) / 1000,
        at: Number.isNaN(at) ? event.at : new Date(at + Math.round(shift)).toISOString(),
      }),
    );
  }
  return out.join('\n') + '\n';
}
