/**
 * The crypto floor of one delivery: the CPU time that the cryptographic operations the design asks for
 * (docs/PROTOCOL.md sections 4 to 6, and the sender's own sealed copy) take on this machine, measured
 * with node:crypto alone, in this process, in the same run as the echo baseline.
 *
 * No implementation of this design can deliver a message with less CPU than the echo call plus this
 * floor: so `echo CPU / (echo CPU + floor)` is a ceiling for the exchange ratio on the machine the bench
 * runs on, for an exchange that uses the cores as the echo does (docs/PERFORMANCE.md, "The ceiling",
 * also gives the looser bound of both cores fully busy). The floor leaves out everything that is amortised over
 * a batch (checkpoint signatures and their verification), the ledger's Merkle hashing, storage,
 * validation and canonical JSON: it is a lower bound, not an estimate.
 */
import {
  createCipheriv,
  createHash,
  diffieHellman,
  generateKeyPairSync,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';
import { BODY_BYTES } from './sample.js';

/** Bytes of a signed request (JWS of the canonical message: the body, its header fields, base64url). */
const SIGNED_BYTES = Math.ceil(((BODY_BYTES + 700) * 4) / 3);
/** Bytes of a signed receipt's signing input (claims and the checkpoint note, base64url). */
const RECEIPT_BYTES = 1200;
/** AES key wrap's default initial value (RFC 3394). */
const KW_IV = Buffer.from('A6A6A6A6A6A6A6A6', 'hex');

/** One operation's cost, microseconds of CPU. */
export interface FloorPart {
  name: string;
  /** How many times one delivery does it (sender and receiver together). */
  perDelivery: number;
  us: number;
}

export interface CryptoFloor {
  /** CPU ms per delivery, both sides together. */
  ms: number;
  /** CPU ms per delivery without the sender's own copy (what the protocol alone asks for). */
  protocolMs: number;
  parts: FloorPart[];
}

/** CPU microseconds per call of `fn`: best of three rounds of `n` calls (after a warm-up round). */
function cpuUs(n: number, fn: () => unknown): number {
  let best = Infinity;
  for (let round = 0; round < 4; round++) {
    const start = process.cpuUsage();
    for (let i = 0; i < n; i++) fn();
    const used = process.cpuUsage(start);
    if (round > 0) best = Math.min(best, (used.user + used.system) / n);
  }
  return best;
}

/**
 * Measures the floor with `n` calls per round of each operation. Sender: sign the message (Ed25519),
 * encrypt it to the partner and to itself (each: an X25519 key pair, the agreement, the Concat KDF, the
 * AES key wrap, AES-256-GCM), hash the sealed bytes, verify the receipt. Receiver: decrypt (agreement,
 * KDF, unwrap, AES-GCM), verify the signature, hash the sealed bytes, sign the receipt.
 */
export function measureCryptoFloor(n = 2000): CryptoFloor {
  const signer = generateKeyPairSync('ed25519');
  const recipient = generateKeyPairSync('x25519');
  const message = randomBytes(SIGNED_BYTES);
  const receipt = randomBytes(RECEIPT_BYTES);
  const messageSig = sign(null, message, signer.privateKey);
  const receiptSig = sign(null, receipt, signer.privateKey);
  const cek = randomBytes(32);
  const ephemeral = generateKeyPairSync('x25519');
  const sealedBytes = Math.ceil((SIGNED_BYTES * 4) / 3) + 300;
  const sealed = randomBytes(sealedBytes);
  const gcm = (plain: Buffer) => {
    const c = createCipheriv('aes-256-gcm', cek, randomBytes(12));
    c.setAAD(sealed.subarray(0, 400));
    c.update(plain);
    c.final();
    return c.getAuthTag();
  };
  const agreement = () => diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient.publicKey });
  const z = agreement();
  const otherInfo = randomBytes(64);
  const measured = {
    sign: cpuUs(n, () => sign(null, message, signer.privateKey)),
    signReceipt: cpuUs(n, () => sign(null, receipt, signer.privateKey)),
    verify: cpuUs(n, () => verify(null, message, signer.publicKey, messageSig)),
    verifyReceipt: cpuUs(n, () => verify(null, receipt, signer.publicKey, receiptSig)),
    keyPair: cpuUs(n, () => generateKeyPairSync('x25519')),
    agreement: cpuUs(n, agreement),
    kdf: cpuUs(n, () => createHash('sha256').update(z).update(otherInfo).digest()),
    wrap: cpuUs(n, () => {
      const c = createCipheriv('id-aes256-wrap', z, KW_IV);
      return Buffer.concat([c.update(cek), c.final()]);
    }),
    gcm: cpuUs(n, () => gcm(message)),
    digest: cpuUs(n, () => createHash('sha256').update(sealed).digest()),
  };
  const parts: FloorPart[] = [
    { name: 'Ed25519 sign (message)', perDelivery: 1, us: measured.sign },
    { name: 'X25519 key pair (partner, own copy)', perDelivery: 2, us: measured.keyPair },
    { name: 'X25519 agreement (2 sender, 1 receiver)', perDelivery: 3, us: measured.agreement },
    { name: 'Concat KDF SHA-256', perDelivery: 3, us: measured.kdf },
    { name: 'AES-256 key wrap / unwrap', perDelivery: 3, us: measured.wrap },
    { name: 'AES-256-GCM', perDelivery: 3, us: measured.gcm },
    { name: 'SHA-256 of the sealed bytes (both sides)', perDelivery: 2, us: measured.digest },
    { name: 'Ed25519 verify (message)', perDelivery: 1, us: measured.verify },
    { name: 'Ed25519 sign (receipt)', perDelivery: 1, us: measured.signReceipt },
    { name: 'Ed25519 verify (receipt)', perDelivery: 1, us: measured.verifyReceipt },
  ];
  const totalUs = parts.reduce((sum, p) => sum + p.perDelivery * p.us, 0);
  const ownCopyUs = measured.keyPair + measured.agreement + measured.kdf + measured.wrap + measured.gcm;
  return { ms: totalUs / 1000, protocolMs: (totalUs - ownCopyUs) / 1000, parts };
}
