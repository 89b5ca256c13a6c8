// Runs one command in this process and prints its peak resident memory (KiB) on stderr's last
// line, for the benchmarks that measure memory:
//   node scripts/bench/peak-memory.mjs cli ARGS...       the built `a2a` CLI with ARGS
//   node scripts/bench/peak-memory.mjs parse FILE        the baseline: read + split + JSON.parse
import { readFileSync } from 'node:fs';

process.on('exit', () => {
  process.stderr.write(`\npeak-kib ${process.resourceUsage().maxRSS}\n`);
});

const [mode, ...rest] = process.argv.slice(2);
if (mode === 'parse') {
  const text = readFileSync(rest[0] ?? '', 'utf8');
  let events = 0;
  for (const line of text.split('\n')) if (line !== '' && JSON.parse(line) !== null) events++;
  process.stdout.write(`${events - 1} events\n`);
} else {
  // The CLI reads its arguments from argv after the script: make them the ones after `cli`.
  process.argv.splice(2, 1);
  await import('../../bin/a2a.mjs');
}
