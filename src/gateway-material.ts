/**
 * What a gateway is built from, read from the files its configuration names and checked: TLS material,
 * the operator CA, the revocation lists, its own private keys, the partner registry and the partners'
 * keys; and the store opened with the keys and partners recorded.
 */
import { readFileSync } from 'node:fs';
import type { GatewayConfig } from './config.js';
import { checkKeyRecord, KeyRing, type KeyRecord, type KeyUse } from './crypto/index.js';
import { GatewayError } from './errors.js';
import type { Logger } from './log.js';
import { loadPartnerRegistry, type PartnerRegistry } from './partner-registry.js';
import { openStore, type Store } from './store/index.js';
import { loadTlsMaterial, loadTrustAnchors, type TlsMaterial } from './transport/credentials.js';
import { Revocation } from './transport/revocation.js';

/** The files of a gateway's configuration, loaded and checked. */
export interface GatewayMaterial {
  tls: TlsMaterial;
  operatorCa: Buffer;
  revocation: Revocation;
  registry: PartnerRegistry;
  /** The own private keys, as read from the key files. */
  own: KeyRecord[];
  /** The partners' keys listed in the registry. */
  partnerKeys: KeyRecord[];
  ring: KeyRing;
}

/** Reads and checks the gateway's own private key files: each must belong to this FIU and hold `d`. */
export async function loadOwnKeys(config: GatewayConfig): Promise<KeyRecord[]> {
  const files = [
    ...config.keys.signing.map((f) => ['sig', f]),
    ...config.keys.encryption.map((f) => ['enc', f]),
    ...config.keys.ledger.map((f) => ['ledger', f]),
  ];
  const keys: KeyRecord[] = [];
  for (const [use, file] of files as Array<[KeyUse, string]>) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new GatewayError('config.file_unreadable', `cannot read key file ${file}`, { cause: err });
    }
    const key = await checkKeyRecord(raw, file);
    if (key.fiu !== config.fiu || key.use !== use || !key.jwk.d) {
      throw new GatewayError(
        'config.invalid',
        `${file}: expected a private ${use} key of ${config.fiu}, found a ${key.jwk.d ? 'private' : 'public'} ${key.use} key of ${key.fiu}`,
      );
    }
    keys.push(key);
  }
  return keys;
}

function publicPart(k: KeyRecord): KeyRecord {
  const { d: _d, ...jwk } = k.jwk;
  return { ...k, jwk };
}

/** Loads keys, partners, TLS material and revocation lists; the key ring holds the own and registry keys. */
export async function loadGatewayMaterial(
  config: GatewayConfig,
  log: Logger,
  clock: () => Date,
): Promise<GatewayMaterial> {
  const tls = loadTlsMaterial(config.tls);
  const operatorCa = loadTrustAnchors(config.operatorTls.ca);
  const own = await loadOwnKeys(config);
  const revocation = await Revocation.load(config.tls.crl, tls.ca, log, clock);
  const registry = loadPartnerRegistry(config.partnersFile);
  if (registry.partners.some((p) => p.id === config.fiu)) {
    throw new GatewayError(
      'config.invalid',
      `${config.partnersFile}: lists this gateway's own FIU ${config.fiu}`,
    );
  }
  const partnerKeys: KeyRecord[] = [];
  for (const p of registry.partners) {
    for (const [i, k] of p.keys.entries()) partnerKeys.push(await checkKeyRecord(k, `${p.id}.keys.${i}`));
  }
  const ring = await KeyRing.create(config.fiu, own, partnerKeys);
  return { tls, operatorCa, revocation, registry, own, partnerKeys, ring };
}

/**
 * Opens (and migrates) the store and records in it the own public keys, the registry's keys and
 * partners; the ring learns the partner keys stored since. The store is closed again if this fails.
 */
export async function openGatewayStore(
  config: GatewayConfig,
  material: GatewayMaterial,
  clock: () => Date,
): Promise<Store> {
  const { own, partnerKeys, registry, ring } = material;
  const store = await openStore(config.databaseUrl);
  try {
    await store.registerKeys([...own.map(publicPart), ...partnerKeys]);
    for (const p of registry.partners) {
      await store.upsertPartner({ id: p.id, address: p.address, updatedAt: clock().toISOString() });
      // Keys learned from the partner's key sets (GetKeys) since the registry was written.
      await ring.addPartnerKeys(
        p.id,
        (await store.keysOf(p.id)).map((k) => k.record),
      );
    }
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}
