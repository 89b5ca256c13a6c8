import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runInProcess } from '../testing/in-process';
import { createDecodeCommand } from './decode';

const conformance = resolve(
  import.meta.dirname,
  '../../../resources/conformance/adyen-mock-terminal-api',
);
const paymentResponse = join(conformance, 'payment__134_paymentWrongPinResponse.json');

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'a2a-decode-'));
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
  // The command reports through process.exitCode; do not let it leak into the test run.
  process.exitCode = undefined;
});

/** Runs `a2a <args>` in-process with captured output and the given standard input. */
function run(args: string[], stdin = '') {
  return runInProcess(args, (io) => [
    createDecodeCommand({ ...io, readStdin: () => Promise.resolve(stdin) }),
  ]);
}

describe('a2a decode', () => {
  it.each([100, 3000, 100_000])(
    'refuses a message nested %i levels as not JSON without crashing (exit 1)',
    async (depth) => {
      const nested = `${'['.repeat(depth)}${']'.repeat(depth)}`;
      const message = `{"SaleToPOIRequest":{"MessageHeader":{"ProtocolVersion":"3.1","MessageClass":"Service","MessageCategory":"Login","MessageType":"Request","ServiceID":"1","SaleID":"S","POIID":"P"},"LoginRequest":{"X":${nested}}}}`;
      const { code, stdout } = await run(['decode', '-'], message);
      expect(code).toBe(1);
      expect(stdout).toMatch(/nested deeper than 64 levels/);
    },
  );

  it('summarises a valid response from a file and prints it as pretty JSON', async () => {
    const { code, stdout, stderr } = await run(['decode', paymentResponse]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('valid nexo response');
    expect(stdout).toMatch(/MessageClass +Service/);
    expect(stdout).toMatch(/MessageCategory +Payment/);
    expect(stdout).toMatch(/MessageType +Response/);
    expect(stdout).toMatch(/ServiceID +1234567890AB/);
    expect(stdout).toMatch(/SaleID +SALE_ID_42/);
    expect(stdout).toMatch(/POIID +V400m-123456789/);
    expect(stdout).toMatch(/Result +Failure/);
    expect(stdout).toMatch(/ErrorCondition +WrongPIN/);
    expect(stdout).toContain('warnings (1):');
    expect(stdout).toContain('ServiceID "1234567890AB" has 12 characters');
    const json = stdout.slice(stdout.indexOf('\n{') + 1);
    expect(JSON.parse(json)).toEqual(JSON.parse(await readFile(paymentResponse, 'utf8')));
  });

  it('reads standard input for "-" and for no argument', async () => {
    const text = await readFile(paymentResponse, 'utf8');
    for (const args of [['decode', '-'], ['decode']]) {
      const { code, stdout } = await run(args, text);
      expect(code).toBe(0);
      expect(stdout.startsWith('valid nexo response\n')).toBe(true);
    }
  });

  it('prints one JSON line with --json for a valid message', async () => {
    const { code, stdout } = await run(['decode', paymentResponse, '--json']);
    expect(code).toBe(0);
    expect(stdout.endsWith('\n')).toBe(true);
    expect(stdout.trimEnd().split('\n')).toHaveLength(1);
    const line = JSON.parse(stdout) as { valid: boolean; envelope: unknown; warnings: string[] };
    expect(Object.keys(line)).toEqual(['valid', 'envelope', 'warnings']);
    expect(line.valid).toBe(true);
    expect(line.envelope).toEqual(JSON.parse(await readFile(paymentResponse, 'utf8')));
    expect(line.warnings).toHaveLength(1);
  });

  it('names the JSON path and the reason of an invalid message, exit 1', async () => {
    const bad = JSON.stringify({
      SaleToPOIRequest: {
        MessageHeader: {
          MessageClass: 'Service',
          MessageCategory: 'Login',
          MessageType: 'Request',
          ServiceID: '1',
          POIID: 'P',
        },
        LoginRequest: {},
      },
    });
    const human = await run(['decode'], bad);
    expect(human.code).toBe(1);
    expect(human.stdout).toBe(
      'invalid nexo message\n  path    $.SaleToPOIRequest.MessageHeader.SaleID\n  reason  missing required field SaleID\n',
    );
    const machine = await run(['decode', '--json'], bad);
    expect(machine.code).toBe(1);
    expect(JSON.parse(machine.stdout)).toEqual({
      valid: false,
      error: {
        path: '$.SaleToPOIRequest.MessageHeader.SaleID',
        reason: 'missing required field SaleID',
        kind: 'invalid',
      },
    });
  });

  it('treats text that is not JSON as invalid (exit 1), not as unreadable', async () => {
    const file = join(folder, 'log.txt');
    await writeFile(file, 'POS -> POI: {"SaleToPOIRequest": ...');
    const { code, stdout, stderr } = await run(['decode', file, '--json']);
    expect(code).toBe(1);
    expect(stderr).toBe('');
    expect(JSON.parse(stdout)).toMatchObject({
      valid: false,
      error: { kind: 'notJson', path: '$' },
    });
  });

  it('accepts a file saved with a byte-order mark', async () => {
    const file = join(folder, 'bom.json');
    await writeFile(file, '\uFEFF' + (await readFile(paymentResponse, 'utf8')));
    expect((await run(['decode', file])).code).toBe(0);
  });

  it.each([
    [
      'a missing file',
      () => join(folder, 'nope.json'),
      /^a2a decode: cannot read .*nope\.json: no such file$/,
    ],
    ['a folder', () => folder, /^a2a decode: cannot read .*: it is a folder$/],
  ])('exits 2 with one line on stderr for %s', async (_label, path, message) => {
    const { code, stdout, stderr } = await run(['decode', path()]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
  });

  it('exits 2 on an unknown flag', async () => {
    const { code, usage } = await run(['decode', '--yaml']);
    expect(code).toBe(2);
    expect(usage).toContain("unknown option '--yaml'");
  });
});
