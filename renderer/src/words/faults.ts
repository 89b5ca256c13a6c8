/**
 * How the window says what happened to a fault (README "Fault buttons"): the trace's phase
 * names (`armed`, `hit`, `applied`, `disarmed`) stay the machine names; these are the words on
 * screen. A phase a newer harness introduced shows as it is.
 */
export const FAULT_PHASE_WORDS: Readonly<Record<string, string>> = {
  armed: 'armed',
  hit: 'took effect',
  applied: 'done',
  disarmed: 'taken back',
};

export function faultPhaseWords(phase: string): string {
  return Object.hasOwn(FAULT_PHASE_WORDS, phase) ? (FAULT_PHASE_WORDS[phase] ?? phase) : phase;
}

/** A fault's parameters as a person reads them: "count 3 · category Payment", not `count=3`. */
export function faultArgsWords(args: Readonly<Record<string, unknown>>): string {
  return Object.entries(args)
    .map(([key, value]) => `${key} ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ');
}
