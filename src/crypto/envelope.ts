/**
 * The routing fields of a sealed message, read from the JWE protected header without decrypting. They
 * let a receiver bind identities, pick its key and log a refusal before it decrypts anything; they are
 * what the peer claims, nothing more, until the message has been opened (crypto/open.ts).
 */
import { z } from 'zod';
import { FIU_ID } from '../config.js';
import { GatewayError } from '../errors.js';
import { MESSAGE_ID_PATTERN, MESSAGE_TYPES, type MessageType } from '../messages/index.js';
import { decodeHeader, extraMembers, KID_PATTERN, SEALED_JWE, splitCompact } from './profile.js';

/** The routing fields of a sealed message (the `fiu.*` members of its JWE protected header). */
export interface Envelope {
  /** `kid`: the recipient's encryption key. */
  kid: string;
  /** `fiu.id`: the message id. */
  id: string;
  /** `fiu.type`: the message type. */
  type: MessageType;
  /** `fiu.from`: the sender's FIU id. */
  from: string;
  /** `fiu.to`: the recipient's FIU id. */
  to: string;
  /** `fiu.skid`: the kid of the sender's signing key (of the inner JWS). */
  skid: string;
}

/** The members a sealed message's protected header must have, and may have: nothing else. */
const HEADER_MEMBERS = [
  'alg',
  'enc',
  'typ',
  'cty',
  'kid',
  'epk',
  'fiu.id',
  'fiu.type',
  'fiu.from',
  'fiu.to',
  'fiu.skid',
];

/** Members that would change how the JWE is processed; refused as unsupported (RFC 7516 4.1.3, 4.1.11). */
const PROCESSING_MEMBERS = ['zip', 'crit'];

const kid = z.string().regex(KID_PATTERN);
const routingSchema = z.object({
  kid,
  epk: z.strictObject({
    kty: z.literal('OKP'),
    crv: z.literal('X25519'),
    x: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  }),
  'fiu.id': z.string().regex(MESSAGE_ID_PATTERN),
  'fiu.type': z.enum(MESSAGE_TYPES),
  'fiu.from': z.string().pipe(FIU_ID),
  'fiu.to': z.string().pipe(FIU_ID),
  'fiu.skid': kid,
});

const EXPECTED: Record<string, string> = {
  kid: 'a key thumbprint (43 base64url characters)',
  epk: 'an X25519 public JWK',
  'fiu.id': 'a lower-case UUID',
  'fiu.type': 'a message type',
  'fiu.from': 'an FIU id',
  'fiu.to': 'an FIU id',
  'fiu.skid': 'a key thumbprint (43 base64url characters)',
};

function malformed(detail: string): GatewayError {
  return new GatewayError('crypto.malformed_seal', `sealed message: ${detail}`, {
    publicDetail: `sealed message: ${detail}`,
  });
}

/**
 * Reads the routing fields of a sealed message without decrypting it: checks that it is a JWE compact
 * serialization of 5 canonical base64url parts whose protected header has exactly the algorithms and
 * media types of the profile, and well-formed routing fields.
 *
 * @throws GatewayError `crypto.malformed_seal` (not a JWE, a missing or badly formed member, an unknown
 * member) or `crypto.unsupported_algorithm` (another `alg`, `enc`, `typ` or `cty`, or `zip`/`crit`).
 */
export function readEnvelope(sealed: string): Envelope {
  const parts = splitCompact(sealed, 5, 'crypto.malformed_seal', 'sealed message', true);
  const header = decodeHeader(sealed, 'crypto.malformed_seal', 'sealed message');
  for (const [name, value] of Object.entries(SEALED_JWE)) {
    if (header[name] !== value) {
      throw new GatewayError('crypto.unsupported_algorithm', `sealed message: ${name} is not ${value}`, {
        publicDetail: `sealed message: expected ${name} ${value}`,
      });
    }
  }
  const processing = PROCESSING_MEMBERS.filter((m) => m in header);
  if (processing.length > 0) {
    throw new GatewayError('crypto.unsupported_algorithm', `sealed message: has ${processing.join(', ')}`, {
      publicDetail: `sealed message: ${processing.join(', ')} not supported`,
    });
  }
  // ECDH-ES+A256KW with A256GCM: encrypted key, iv, ciphertext and tag are never empty.
  if (parts.some((p) => p.length === 0)) throw malformed('an empty part');
  if (extraMembers(header, HEADER_MEMBERS).length > 0) throw malformed('unknown protected header member');
  const parsed = routingSchema.safeParse(header);
  if (!parsed.success) {
    const name = String(parsed.error.issues[0]!.path[0] ?? 'kid');
    throw malformed(`${name}: expected ${EXPECTED[name] ?? 'a valid value'}`);
  }
  const h = parsed.data;
  return {
    kid: h.kid,
    id: h['fiu.id'],
    type: h['fiu.type'],
    from: h['fiu.from'],
    to: h['fiu.to'],
    skid: h['fiu.skid'],
  };
}

/** Longer than any protected header of the profile (about 600 characters); a longer one is not read. */
const MAX_HEADER_CHARS = 4096;

/**
 * The message type that a sealed message's protected header claims (`fiu.type`), when it is one of the
 * message types, else null. Decodes the header alone, with none of {@link readEnvelope}'s checks: for
 * labels (metrics), never for a decision. It costs about a tenth of `readEnvelope`, which checks the
 * whole serialization.
 */
export function claimedType(sealed: string): MessageType | null {
  const end = sealed.indexOf('.');
  if (end <= 0 || end > MAX_HEADER_CHARS) return null;
  try {
    const header: unknown = JSON.parse(Buffer.from(sealed.slice(0, end), 'base64url').toString('utf8'));
    const type = (header as Record<string, unknown> | null)?.['fiu.type'];
    return MESSAGE_TYPES.find((t) => t === type) ?? null;
  } catch {
    return null;
  }
}
