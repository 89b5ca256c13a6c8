import { err, ok, type Result } from '@shared/result';
import { wireToMinor } from '@shared/protocol/money';
import { FAULT_NAMES, FaultCommand, type FaultName } from '@shared/simulator/faults';

/** One step of `a2a exec`, parsed and validated before anything starts. */
export type ExecStep =
  | { readonly kind: 'login'; readonly text: string }
  | { readonly kind: 'logout'; readonly text: string }
  | {
      readonly kind: 'pay';
      readonly text: string;
      readonly amountMinor: number;
      readonly currency: string;
    }
  | { readonly kind: 'status'; readonly text: string; readonly serviceId?: string }
  | { readonly kind: 'reverse'; readonly text: string; readonly poiTransactionId?: string }
  | { readonly kind: 'abort'; readonly text: string; readonly serviceId?: string }
  | { readonly kind: 'admin'; readonly text: string; readonly adminKind?: AdminKind }
  | { readonly kind: 'wait'; readonly text: string; readonly ms: number }
  | { readonly kind: 'fault'; readonly text: string; readonly command: FaultCommand };

/** What `admin[:KIND]` may ask for. */
export type AdminKind = 'diagnosis' | 'update';
const ADMIN_KINDS: readonly AdminKind[] = ['diagnosis', 'update'];

export type ExecStepKind = ExecStep['kind'];
/** Steps that are operations of the session manager (every step but `wait` and `fault`). */
export type OperationStep = Exclude<ExecStep, { kind: 'wait' | 'fault' }>;

export function isOperation(step: ExecStep): step is OperationStep {
  return step.kind !== 'wait' && step.kind !== 'fault';
}

export const DEFAULT_CURRENCY = 'EUR';
const MAX_WAIT_MS = 86_400_000;

/**
 * How the positional arguments of `fault:NAME[:ARG...]` map onto the fault's fields, in order;
 * numeric fields are read as integers. The zod schema then checks what was given.
 */
const FAULT_ARGS: Readonly<Record<FaultName, readonly string[]>> = {
  restart: [],
  update: [],
  dropLink: ['linkId'],
  resetSessions: [],
  busyNextLogins: ['count'],
  dropNextResponse: ['category'],
  delayResponses: ['ms', 'category'],
  approveThenDrop: [],
  restartDuringPayment: ['phase'],
  nextPaymentOutcome: ['outcome'],
};
const NUMERIC_FIELDS: ReadonlySet<string> = new Set(['count', 'ms']);

type StepParser = (args: readonly string[], text: string) => Result<ExecStep, string>;

const PARSERS: Readonly<Record<Exclude<ExecStepKind, 'fault'>, StepParser>> = {
  login: (args, text) => noArgs(args, text, { kind: 'login', text }),
  logout: (args, text) => noArgs(args, text, { kind: 'logout', text }),
  pay: parsePay,
  status: (args, text) =>
    optionalArg(args, text, (serviceId) => ({ kind: 'status', text, serviceId })),
  reverse: (args, text) =>
    optionalArg(args, text, (poiTransactionId) => ({ kind: 'reverse', text, poiTransactionId })),
  abort: (args, text) =>
    optionalArg(args, text, (serviceId) => ({ kind: 'abort', text, serviceId })),
  admin: parseAdmin,
  wait: parseWait,
};

function isStepName(name: string): name is keyof typeof PARSERS {
  return Object.hasOwn(PARSERS, name);
}

/**
 * Parses every step up front, so a typo in the tenth step is a usage error before the first
 * one runs. `fault:` steps are allowed only with an embedded simulator to apply them to.
 */
export function parseSteps(
  texts: readonly string[],
  options: { readonly faultsAllowed: boolean },
): Result<ExecStep[], string> {
  if (texts.length === 0) return err('no steps given (e.g. login pay:12.50 status)');
  const steps: ExecStep[] = [];
  for (const text of texts) {
    const step = parseStep(text, options);
    if (!step.ok) return step;
    steps.push(step.value);
  }
  return ok(steps);
}

function parseStep(
  text: string,
  options: { readonly faultsAllowed: boolean },
): Result<ExecStep, string> {
  const [name = '', ...args] = text.split(':');
  if (name === 'fault') {
    if (!options.faultsAllowed)
      return err(
        `step "${text}": fault steps need --embedded (or --endpoint with --control-token)`,
      );
    return parseFault(args, text);
  }
  if (!isStepName(name)) {
    return err(
      `unknown step "${text}" (steps: login, logout, pay:AMOUNT[:CURRENCY], status[:SERVICEID], reverse[:POITXID], abort, admin, wait:MS, fault:NAME[:ARG])`,
    );
  }
  return PARSERS[name](args, text);
}

function noArgs(args: readonly string[], text: string, step: ExecStep): Result<ExecStep, string> {
  return args.length === 0 ? ok(step) : err(`step "${text}" takes no argument`);
}

function optionalArg(
  args: readonly string[],
  text: string,
  build: (arg: string | undefined) => ExecStep,
): Result<ExecStep, string> {
  if (args.length > 1) return err(`step "${text}" takes at most one argument`);
  const [arg] = args;
  if (arg === '') return err(`step "${text}" has an empty argument`);
  return ok(build(arg));
}

function parsePay(args: readonly string[], text: string): Result<ExecStep, string> {
  const [amountText, currencyText = DEFAULT_CURRENCY, ...rest] = args;
  if (amountText === undefined || amountText === '' || rest.length > 0) {
    return err(`step "${text}" is not pay:AMOUNT[:CURRENCY]`);
  }
  const currency = currencyText.toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) {
    return err(`step "${text}": currency "${currencyText}" is not an ISO 4217 code`);
  }
  const minor = wireToMinor(amountText, currency);
  if (!minor.ok) return err(`step "${text}": ${minor.error.reason}`);
  if (minor.value <= 0) return err(`step "${text}": the amount must be positive`);
  return ok({ kind: 'pay', text, amountMinor: minor.value, currency });
}

function isAdminKind(text: string): text is AdminKind {
  return (ADMIN_KINDS as readonly string[]).includes(text);
}

function parseAdmin(args: readonly string[], text: string): Result<ExecStep, string> {
  const [kind, ...rest] = args;
  if (rest.length > 0 || (kind !== undefined && !isAdminKind(kind))) {
    return err(`step "${text}" is not admin[:${ADMIN_KINDS.join('|')}]`);
  }
  return ok({ kind: 'admin', text, adminKind: kind });
}

function parseWait(args: readonly string[], text: string): Result<ExecStep, string> {
  const [msText, ...rest] = args;
  const ms = Number(msText);
  if (msText === undefined || !/^\d+$/.test(msText) || rest.length > 0 || ms > MAX_WAIT_MS) {
    return err(`step "${text}" is not wait:MS (whole milliseconds, at most ${MAX_WAIT_MS})`);
  }
  return ok({ kind: 'wait', text, ms });
}

function isFaultName(name: string): name is FaultName {
  return (FAULT_NAMES as readonly string[]).includes(name);
}

function parseFault(args: readonly string[], text: string): Result<ExecStep, string> {
  const [name = '', ...values] = args;
  if (!isFaultName(name)) {
    return err(`step "${text}": unknown fault "${name}" (faults: ${FAULT_NAMES.join(', ')})`);
  }
  const fields = FAULT_ARGS[name];
  if (values.length > fields.length) {
    return err(
      `step "${text}": fault ${name} takes ${fields.length === 0 ? 'no argument' : `at most ${fields.join(', ')}`}`,
    );
  }
  const raw: Record<string, unknown> = { fault: name };
  values.forEach((value, index) => {
    const field = fields[index] ?? '';
    raw[field] = NUMERIC_FIELDS.has(field) && /^\d+$/.test(value) ? Number(value) : value;
  });
  const parsed = FaultCommand.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') ?? '';
    return err(`step "${text}": ${field === '' ? '' : `${field}: `}${issue?.message ?? 'invalid'}`);
  }
  return ok({ kind: 'fault', text, command: parsed.data });
}
