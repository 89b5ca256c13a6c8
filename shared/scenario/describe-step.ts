import type { Step } from './schema';

/** The name a step goes by in progress lines: its id in brackets, when it has one. */
function tag(step: Step): string {
  return step.id === undefined ? '' : ` [${step.id}]`;
}

function outcomes(value: string | readonly string[]): string {
  return typeof value === 'string' ? value : value.join('|');
}

/**
 * One line per step for progress output, JUnit and the scenarios panel, e.g.
 * `pay 12.50 EUR [p1] (no wait)`, `fault busyNextLogins count=3`, `expect p1 recovered`.
 */
export function describeStep(step: Step): string {
  const noWait = 'await' in step && !step.await ? ' (no wait)' : '';
  switch (step.kind) {
    case 'login':
    case 'logout':
      return `${step.kind}${tag(step)}${noWait}`;
    case 'pay':
      return `pay ${step.amount}${step.currency === undefined ? '' : ` ${step.currency}`}${tag(step)}${noWait}`;
    case 'status': {
      const about = step.of ?? step.serviceId;
      return `status${about === undefined ? '' : ` of ${about}`}${tag(step)}${noWait}`;
    }
    case 'reverse': {
      const about = step.of ?? step.poiTransactionId;
      return `reverse${about === undefined ? ' last approved' : ` ${about}`}${tag(step)}${noWait}`;
    }
    case 'abort':
      return `abort${step.of === undefined ? '' : ` ${step.of}`}${tag(step)}${noWait}`;
    case 'admin':
      return `admin ${step.request}${tag(step)}${noWait}`;
    case 'send':
      return `send ${step.category}${tag(step)}${step.reuseServiceIdOf === undefined ? '' : ` reusing ${step.reuseServiceIdOf}'s ServiceID`}${noWait}`;
    case 'fault': {
      const { fault, ...fields } = step.command;
      const args = Object.entries(fields).map(([key, value]) => ` ${key}=${String(value)}`);
      return `fault ${fault}${args.join('')}${tag(step)}`;
    }
    case 'wait':
      return `wait ${step.ms} ms`;
    case 'waitFor':
      return step.session !== undefined
        ? `wait for session ${step.session}`
        : `wait for ${step.op ?? '?'}`;
    case 'expectOutcome':
      return `expect ${step.of} ${outcomes(step.outcome)}`;
    case 'expectResponse':
      return `expect ${step.of} answered ${step.none === true ? 'nothing' : [step.result, step.errorCondition].filter(Boolean).join('/')}`;
    case 'expectLedger':
      return `expect ledger${step.sale === undefined && step.saleTransactionId === undefined ? '' : ` of ${step.sale ?? step.saleTransactionId ?? ''}`}`;
    case 'expectVerdicts':
      return step.fail.length === 0
        ? 'expect every checker to pass'
        : `expect ${step.fail.join(', ')} to fail`;
  }
}

/**
 * True for steps that need control of the simulator (its faults, its ledger): against an
 * external endpoint the runner fails them with a clear message instead of pretending.
 */
export function needsSimulator(step: Step): boolean {
  if (step.kind === 'fault') return step.command.fault !== 'restartClient';
  return step.kind === 'expectLedger';
}
