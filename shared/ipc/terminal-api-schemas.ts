import { z } from 'zod';
import type {
  NexoKeyRequest,
  TerminalApiInfo,
  TerminalApiListenSettings,
  TerminalApiPeerSettings,
} from './terminal-api';

/**
 * The passphrase is read as Latin-1 when the key is derived (README "Terminal API wire"), so a
 * character beyond it would silently become another key; it is refused here instead.
 */
const LATIN1 = /^[\u0020-\u007e\u00a0-\u00ff]+$/;

/** Schema of {@link NexoKeyRequest}. */
export const nexoKeyRequestSchema = z.strictObject({
  keyIdentifier: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces'),
  keyVersion: z.number().int().min(0).max(2_147_483_647),
  passphrase: z
    .string()
    .min(1)
    .max(256)
    .regex(LATIN1, 'Latin-1 characters only (the key is derived from its Latin-1 bytes)'),
}) satisfies z.ZodType<NexoKeyRequest>;

/** Schema of {@link TerminalApiPeerSettings}: trust one CA file, or skip the check, not both. */
export const terminalApiPeerSettingsSchema = z
  .strictObject({
    caFile: z.string().min(1).max(4096).optional(),
    insecure: z.boolean().optional(),
    key: nexoKeyRequestSchema.optional(),
  })
  .refine((s) => !(s.caFile !== undefined && s.insecure === true), {
    message: 'caFile and insecure exclude each other: trust one CA, or skip the check',
    path: ['insecure'],
  }) satisfies z.ZodType<TerminalApiPeerSettings>;

/** Schema of {@link TerminalApiListenSettings}. */
export const terminalApiListenSettingsSchema = z.strictObject({
  key: nexoKeyRequestSchema.optional(),
  requireEncryption: z.boolean().optional(),
}) satisfies z.ZodType<TerminalApiListenSettings>;

/** Schema of {@link TerminalApiInfo}: strict, so a passphrase can never ride along. */
export const terminalApiInfoSchema = z.strictObject({
  keyIdentifier: z.string().optional(),
  keyVersion: z.number().int().optional(),
  requireEncryption: z.boolean().optional(),
  caFile: z.string().optional(),
  insecure: z.boolean().optional(),
}) satisfies z.ZodType<TerminalApiInfo>;
