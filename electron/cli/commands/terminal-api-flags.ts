import type { Command } from 'commander';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { err, ok, type Result } from '@shared/result';
import type { TerminalApiOptions } from '../../core/link/dial';
import type { NexoKeySettings } from '../../core/link/nexo-crypto';

/**
 * Where the CLI keeps what it reuses between runs (the simulator's TLS identity for the Terminal
 * API wire) unless `--data-dir` says otherwise.
 */
export const DEFAULT_DATA_DIR = join(homedir(), '.a2a-harness');

/** The NexoCrypto key flags, shared by `a2a simulator`, `a2a exec` and `a2a run`. */
export interface KeyFlags {
  readonly keyId?: string;
  readonly keyVersion?: string;
  readonly passphrase?: string;
}

/** Adds `--key-id`, `--key-version` and `--passphrase` to a command. */
export function addKeyOptions(command: Command): Command {
  return command
    .option('--key-id <id>', 'NexoCrypto shared key identifier (Terminal API wire)')
    .option('--key-version <n>', 'NexoCrypto shared key version (Terminal API wire)')
    .option(
      '--passphrase <text>',
      'NexoCrypto shared key passphrase (Terminal API wire); also read from A2A_PASSPHRASE',
    );
}

/**
 * The key the three flags name: all three or none. The passphrase may come from the
 * `A2A_PASSPHRASE` environment variable instead, so it need not show in a process list.
 */
export function parseKeyFlags(
  flags: KeyFlags,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Result<NexoKeySettings | undefined, string> {
  const passphrase = flags.passphrase ?? env.A2A_PASSPHRASE;
  const given = [flags.keyId, flags.keyVersion, passphrase].filter((v) => v !== undefined);
  if (flags.keyId === undefined && flags.keyVersion === undefined) {
    return flags.passphrase === undefined
      ? ok(undefined)
      : err('--passphrase needs --key-id and --key-version');
  }
  if (given.length < 3) {
    return err(
      'a NexoCrypto key needs --key-id, --key-version and --passphrase (or A2A_PASSPHRASE)',
    );
  }
  const keyId = flags.keyId ?? '';
  if (!/^\S{1,64}$/.test(keyId)) return err(`--key-id must be 1 to 64 characters without spaces`);
  const version = Number(flags.keyVersion);
  if (!/^\d{1,9}$/.test(flags.keyVersion ?? '')) {
    return err(`--key-version must be a whole number (0 or more), not "${flags.keyVersion ?? ''}"`);
  }
  if (passphrase === undefined || passphrase === '') return err('--passphrase must not be empty');
  return ok({ keyIdentifier: keyId, keyVersion: version, passphrase });
}

/** The client side of the wire: the key flags plus `--ca` and `--insecure`. */
export interface ClientTlsFlags extends KeyFlags {
  readonly ca?: string;
  readonly insecure?: boolean;
}

/** Adds `--ca`, `--insecure` and the key flags to a client command (`a2a exec`, `a2a run`). */
export function addTerminalApiClientOptions(command: Command): Command {
  return addKeyOptions(
    command
      .option('--ca <file>', 'Terminal API: the CA file that signed the terminal’s certificate')
      .option('--insecure', 'Terminal API: skip the certificate check (test terminals only)'),
  );
}

/** The Terminal API options of a client command; `--ca` and `--insecure` exclude each other. */
export function parseTerminalApiClientFlags(
  flags: ClientTlsFlags,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Result<TerminalApiOptions, string> {
  if (flags.ca !== undefined && flags.insecure === true) {
    return err('--ca and --insecure exclude each other: trust one CA, or skip the check');
  }
  const key = parseKeyFlags(flags, env);
  if (!key.ok) return key;
  return ok({
    ...(flags.ca === undefined ? {} : { caFile: flags.ca }),
    ...(flags.insecure === true ? { insecure: true } : {}),
    ...(key.value === undefined ? {} : { key: key.value }),
  });
}
