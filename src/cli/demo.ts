/**
 * `fiugw demo`: two gateways on loopback with a fresh dev PKI and SQLite in a temp folder, one whole
 * exchange, narrated step by step. Every step checks its outcome; the first that fails ends the demo
 * with a clear message and a non-zero exit.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { Gateway } from '../gateway.js';
import type { Logger, LogFields } from '../log.js';
import { ledgerVerifySource, verifyLedger } from '../ledger/index.js';
import { devAgreement, initPki } from '../pki/index.js';
import { AgreementsConnection } from '../transport/agreements-client.js';
import { storeExportSource } from '../services/audit.js';
import { loadOperatorProfile, OperatorConnection } from '../transport/operator-client.js';
import { playCaseWork } from './demo-case.js';
import { playConsentAndFeedback } from './demo-consent.js';
import { SAMPLE_REQUEST } from './demo-sample.js';

type Print = (line: string) => void;

/** Thrown when a step of the demo does not come out as expected. */
class DemoFailure extends Error {}

function expect(condition: unknown, what: string): asserts condition {
  if (!condition) throw new DemoFailure(what);
}

/** A logger that prints a gateway's log lines indented under the narration. */
function demoLogger(fiu: string, print: Print): Logger {
  const show = (msg: string, f: LogFields = {}) => {
    const extra = Object.entries(f)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    print(`      [${fiu} log] ${msg}${extra ? `  ${extra}` : ''}`);
  };
  return { info: show, warn: show, error: show };
}

async function ledgerSummary(g: Gateway): Promise<string[]> {
  const size = await g.store.ledgerSize();
  const rows = await g.store.ledgerRange(0, size);
  return rows.map((r) => {
    const e = JSON.parse(r.entry) as {
      event: string;
      message?: { id?: string };
      reason?: string;
      allow?: boolean;
      state?: string;
      case?: string;
      consent?: string;
      reasons?: string[];
      agreement?: { id: string; version: number } | null;
      caseId?: string;
      draft?: { type: string };
      position?: number;
      count?: number;
    };
    const policy =
      e.event === 'policy.decision'
        ? ` ${e.allow ? 'allowed' : `refused (${e.reasons?.join(', ')})`}${e.agreement ? ` under ${e.agreement.id} v${e.agreement.version}` : ''}`
        : '';
    const changed =
      e.event === 'agreement.changed' && e.agreement ? ` ${e.agreement.id} v${e.agreement.version}` : '';
    const flow =
      e.event === 'case.exported'
        ? ` case ${e.case} ${e.allow ? 'allowed' : 'refused'}`
        : e.event === 'consent.recorded'
          ? ` consent ${e.consent} ${e.state}`
          : '';
    const work = e.caseId
      ? ` case ${e.caseId}${e.draft ? ` (${e.draft.type} draft${e.position ? `, approval ${e.position} of ${e.count}` : ''})` : ''}`
      : '';
    return `#${r.index} ${e.event}${changed}${work}${flow}${e.message?.id ? ` ${e.message.id}` : ''}${policy}${e.reason ? ` (${e.reason})` : ''}`;
  });
}

/** Runs the demo; resolves to the exit code. `keep` leaves the temp folder for inspection. */
export async function runDemo(options: { print?: Print; keep?: boolean } = {}): Promise<number> {
  const print = options.print ?? ((l: string) => console.log(l));
  const dir = await mkdtemp(path.join(tmpdir(), 'fiugw-demo-'));
  const gateways: Gateway[] = [];
  let step = 0;
  const say = (text: string) => print(`\n${++step}. ${text}`);
  try {
    say(
      'Creating a development PKI for FIU-A and FIU-B: a network CA, TLS certificates, operator certificates, and signing and encryption keys.',
    );
    const pki = await initPki({ out: path.join(dir, 'pki'), fius: ['FIU-A', 'FIU-B'], basePort: 0 });
    print(`   done, in ${pki.root}`);

    say("Starting FIU-B's gateway, then FIU-A's, each with its own SQLite database, on free loopback ports.");
    const open = async (fiu: string) => {
      const config = loadConfig(pki.fius[fiu]!.configFile, {});
      config.peer.port = 0;
      config.operator.port = 0;
      const g = await Gateway.open(config, { log: demoLogger(fiu, print) });
      gateways.push(g);
      return { g, ports: await g.start() };
    };
    const b = await open('FIU-B');
    const a = await open('FIU-A');
    a.g.partners.setAddress('FIU-B', `127.0.0.1:${b.ports.peerPort}`);
    b.g.partners.setAddress('FIU-A', `127.0.0.1:${a.ports.peerPort}`);

    const profileOf = (fiu: string, role: string, port: number) => ({
      ...loadOperatorProfile(pki.fius[fiu]!.profiles[role]!),
      address: `127.0.0.1:${port}`,
    });
    const operator = (fiu: string, role: string, port: number) =>
      new OperatorConnection(profileOf(fiu, role, port));

    say(
      'admin@FIU-A and admin@FIU-B each apply their copy of the sharing agreement between them: money laundering and terrorist financing only.',
    );
    const window = {
      notBefore: new Date(Date.now() - 3600_000),
      notAfter: new Date(Date.now() + 365 * 86400_000),
    };
    for (const [fiu, partner, port] of [
      ['FIU-A', 'FIU-B', a.ports.operatorPort],
      ['FIU-B', 'FIU-A', b.ports.operatorPort],
    ] as const) {
      const admin = new AgreementsConnection(profileOf(fiu, 'admin', port));
      try {
        const agreement = devAgreement(fiu, partner, window);
        agreement.purposes = ['money_laundering', 'terrorist_financing'];
        const r = await admin.apply(agreement);
        const rev = r.revision!;
        expect(r.changed && rev.status === 'active', `${fiu} did not apply its agreement`);
        print(
          `   ${fiu}: agreement ${rev.agreementId} version ${rev.version} with ${rev.partner} is active (ledger entry #${rev.ledgerIndex})`,
        );
      } finally {
        admin.close();
      }
    }

    say(
      'analyst@FIU-A submits a request for information about a (fictional) subject, Jane Example, to FIU-B.',
    );
    print(
      "   FIU-A checks it against the message schema, signs it (JWS, Ed25519), encrypts it to FIU-B's key",
    );
    print('   (JWE, X25519 + AES-256-GCM), logs it, and delivers it over mutual TLS.');
    const analyst = operator('FIU-A', 'analyst', a.ports.operatorPort);
    const deadline = new Date(Date.now() + 30 * 86400_000).toISOString();
    const sent = await analyst
      .submitRequest('FIU-B', { ...SAMPLE_REQUEST, deadline })
      .finally(() => analyst.close());
    expect(
      sent.status === 'delivered',
      `the request was not delivered: ${sent.errorCode} ${sent.errorDetail}`,
    );
    expect(sent.receipt, 'no receipt came back');

    say("FIU-B's signed receipt came back and FIU-A verified it; both gateways checked the agreement first.");
    print(
      `   message ${sent.messageId}: stored by FIU-B at ${sent.receipt.receivedAt}, FIU-B ledger entry #${sent.receipt.ledgerIndex}`,
    );
    print(`   digest of the sealed bytes (both sides log the same): ${sent.receipt.digest}`);

    say('liaison@FIU-B looks at the inbox and opens the new case (decrypted and verified again on opening).');
    const liaison = operator('FIU-B', 'liaison', b.ports.operatorPort);
    let caseAtB = '';
    try {
      const inbox = await liaison.listInbox();
      expect(inbox.cases.length === 1, `expected one case in FIU-B's inbox, found ${inbox.cases.length}`);
      const c = inbox.cases[0]!;
      caseAtB = c.caseId;
      print(
        `   case ${c.caseId}: ${c.messageType} from ${c.partner}, ${c.purpose}, ${c.urgency}, due ${c.deadline}`,
      );
      const shown = await liaison.showCase(c.caseId);
      const msg = JSON.parse(shown.messages[0]!.messageJson) as typeof SAMPLE_REQUEST & {
        header: { id: string; from: string };
      };
      expect(msg.header.id === sent.messageId, 'the case holds a different message');
      const person = msg.body.subjects[0] as { first_name: string; last_name: string };
      print(
        `   subject: ${person.first_name} ${person.last_name}; ${msg.body.questions.length} questions, e.g. "${msg.body.questions[0]}"`,
      );
    } finally {
      liaison.close();
    }

    const portOf = (fiu: string) => (fiu === 'FIU-A' ? a : b).ports.operatorPort;
    const caseWork = {
      say,
      print,
      expect,
      with: async <T>(fiu: string, slot: string, fn: (c: OperatorConnection) => Promise<T>) => {
        const c = operator(fiu, slot, portOf(fiu));
        try {
          return await fn(c);
        } finally {
          c.close();
        }
      },
      caseId: caseAtB,
      caseAtA: sent.caseId,
      requestId: sent.messageId,
    };
    const responseId = await playCaseWork(caseWork);
    await playConsentAndFeedback({ ...caseWork, responseId });

    say(
      'analyst@FIU-A now asks FIU-B about proliferation financing, which the agreement does not cover: FIU-A refuses it before anything is sealed.',
    );
    const refusing = operator('FIU-A', 'analyst', a.ports.operatorPort);
    try {
      await refusing.submitRequest('FIU-B', {
        ...SAMPLE_REQUEST,
        purpose: 'proliferation_financing',
        deadline,
      });
      throw new DemoFailure('a request outside the agreement was accepted');
    } catch (err) {
      if (err instanceof DemoFailure) throw err;
      const code = (err as { code?: string }).code;
      expect(
        code === 'policy.purpose_not_allowed',
        `expected policy.purpose_not_allowed, got ${String(err)}`,
      );
      print(`   refused: ${(err as Error).message} [${code}]`);
    } finally {
      refusing.close();
    }

    say('Both ledgers recorded all of it (ids, digests and decisions only, never the content):');
    for (const [name, g] of [
      ['FIU-A', a.g],
      ['FIU-B', b.g],
    ] as const) {
      for (const line of await ledgerSummary(g)) print(`   ${name} ${line}`);
    }
    say(
      'Each gateway verifies its own ledger: every leaf, the Merkle tree (RFC 9162) and every signed checkpoint.',
    );
    for (const [name, g] of [
      ['FIU-A', a.g],
      ['FIU-B', b.g],
    ] as const) {
      const source = await storeExportSource(g.store, name, g.ring);
      const result = await verifyLedger(ledgerVerifySource(source), { keys: [source.vkey] });
      expect(
        result.ok,
        `${name}'s ledger did not verify: ${result.ok ? '' : JSON.stringify(result.problem)}`,
      );
      print(
        `   ${name}: ${result.size} entries, ${result.checkpoints} checkpoints, root ${result.root.toString('base64')}`,
      );
    }

    say(
      "Each gateway checks the other's ledger: an inclusion proof of the shared message in the partner's signed checkpoint, consistent with what it saw before.",
    );
    for (const [name, g, partner] of [
      ['FIU-A', a.g, 'FIU-B'],
      ['FIU-B', b.g, 'FIU-A'],
    ] as const) {
      const proof = await g.partnerLedgers.verifyDigestInclusion(partner, sent.receipt.digest);
      expect(proof.alarm === null, `${name} raised an alarm about ${partner}: ${proof.alarm?.detail}`);
      print(
        `   ${name}: ${partner}'s entry #${proof.index} holds the message, in its checkpoint of size ${proof.treeSize}: consistent`,
      );
    }
    print(
      '\nDemo finished: under their sharing agreement, the request went from FIU-A to FIU-B signed, encrypted, logged on both sides, with a verified receipt; FIU-B answered it after two different supervisors approved the response (four eyes), and FIU-A received it linked to its request; FIU-B consented to passing it to the police, so the export to them was allowed and one elsewhere refused, and the feedback of FIU-A reached the case at FIU-B; a request outside the agreement was refused and logged; both ledgers verify, and each gateway cross-checked the other.',
    );
    return 0;
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    print(`\nDemo FAILED at step ${step}: ${why}`);
    return 1;
  } finally {
    for (const g of gateways.reverse()) await g.stop().catch(() => undefined);
    if (options.keep) print(`(files kept in ${dir})`);
    else await rm(dir, { recursive: true, force: true });
  }
}
