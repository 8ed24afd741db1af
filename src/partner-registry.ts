/**
 * The registry of an FIU's partners: for each partner FIU its gateway address and its registered
 * public keys: message signing (`sig`) and encryption (`enc`) keys, and the ledger keys (`ledger`) that
 * verify its audit-ledger checkpoints; at least one of each. Written by `fiugw pki init`, referenced
 * by the config's `partnersFile`.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { FIU_ID, formatIssues, parseDocument } from './config.js';
import { KEY_USES, keyRecordSchema } from './crypto/key-file.js';
import { GatewayError } from './errors.js';

export const partnerSchema = z
  .object({
    id: FIU_ID,
    /** host:port of the partner gateway's peer API. */
    address: z.string().regex(/^[^\s:]+:\d{1,5}$/, 'host:port of the partner gateway'),
    keys: z.array(keyRecordSchema).min(1, 'at least the partner signing, encryption and ledger keys'),
  })
  .strict()
  .superRefine((p, ctx) => {
    for (const use of KEY_USES) {
      if (!p.keys.some((k) => k.use === use)) {
        ctx.addIssue({
          code: 'custom',
          message: `no ${use} key: list at least one key of each use (${KEY_USES.join(', ')})`,
          path: ['keys'],
        });
      }
    }
  })
  .refine((p) => p.keys.every((k) => k.fiu === p.id), {
    message: 'every key must belong to this partner (fiu equal to id)',
    path: ['keys'],
  })
  .refine((p) => p.keys.every((k) => k.jwk.d === undefined), {
    message: 'a partner registry holds public keys only; remove the private part "d"',
    path: ['keys'],
  });

export const partnerRegistrySchema = z.object({ partners: z.array(partnerSchema) }).strict();

export type Partner = z.infer<typeof partnerSchema>;
export type PartnerRegistry = z.infer<typeof partnerRegistrySchema>;

/** Reads and validates a partner registry file; errors name the field. */
export function loadPartnerRegistry(file: string): PartnerRegistry {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new GatewayError('config.file_unreadable', `cannot read partner registry ${file}`, { cause: err });
  }
  const result = partnerRegistrySchema.safeParse(parseDocument(text, file));
  if (!result.success) {
    throw new GatewayError(
      'config.invalid',
      `${file}: invalid partner registry:\n${formatIssues(result.error.issues)}`,
    );
  }
  const seen = new Set<string>();
  for (const p of result.data.partners) {
    if (seen.has(p.id))
      throw new GatewayError('config.invalid', `${file}: partners: ${p.id} is listed twice`);
    seen.add(p.id);
  }
  return result.data;
}
