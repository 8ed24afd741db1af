/**
 * `fiugw pki init`: the development PKI (see src/pki). DEVELOPMENT ONLY: the keys it writes are meant
 * to be published.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { GatewayError } from '../errors.js';
import {
  DEFAULT_BASE_PORT,
  DEFAULT_DAYS,
  initPki,
  MAX_FIUS,
  MIN_FIUS,
  REVOCATION_REASONS,
  revokeCertificate,
  splitFiuList,
  type RevocationReason,
} from '../pki/index.js';

interface InitOptions {
  out: string;
  fius: string;
  force: boolean;
  basePort: string;
  days: string;
}

/** A whole number from an option, or `pki.invalid_argument` naming the option. */
function wholeNumber(text: string, option: string): number {
  if (!/^\d{1,9}$/.test(text.trim())) {
    throw new GatewayError('pki.invalid_argument', `${option}: expected a whole number, got "${text}"`);
  }
  return Number(text.trim());
}

interface RevokeCliOptions {
  out: string;
  cert: string;
  reason: string;
  days: string;
  json: boolean;
}

/** Registers `fiugw pki revoke`. */
function registerRevoke(pki: Command): void {
  pki
    .command('revoke')
    .description(
      'revoke a certificate of the development network CA: add it to DIR/ca/network-ca.crl (created if ' +
        'missing) and sign the list again; gateways that list the file in tls.crl refuse it',
    )
    .requiredOption('--out <dir>', 'the dev PKI folder made by `fiugw pki init`')
    .requiredOption('--cert <file>', 'the certificate to revoke (PEM), e.g. DIR/FIU-C/tls/gateway.crt')
    .option('--reason <reason>', `the reason: ${REVOCATION_REASONS.join(', ')}`, 'unspecified')
    .option('--days <n>', 'days until the list’s next update', '30')
    .option('--json', 'print the result as JSON', false)
    .action(async (opts: RevokeCliOptions) => {
      if (!(REVOCATION_REASONS as readonly string[]).includes(opts.reason)) {
        throw new GatewayError(
          'pki.invalid_argument',
          `--reason: expected one of ${REVOCATION_REASONS.join(', ')}, got "${opts.reason}"`,
        );
      }
      const result = await revokeCertificate({
        out: opts.out,
        cert: opts.cert,
        reason: opts.reason as RevocationReason,
        days: wholeNumber(opts.days, '--days'),
      });
      if (opts.json) {
        console.log(JSON.stringify(result));
        return;
      }
      console.log(
        `${result.added ? 'revoked' : 'already revoked'}: serial ${result.serial}; ${result.crlFile} lists ${result.entries} certificate(s).`,
      );
      console.log(
        'Gateways refuse it once the file is in their config (tls: { crl: [FILE] }); they reload it when it changes.',
      );
    });
}

/** Registers `fiugw pki init` and `fiugw pki revoke`. */
export function registerPkiCommands(program: Command): void {
  const pki = program
    .command('pki')
    .description('the development PKI (DEVELOPMENT ONLY: never use its keys in production)');
  pki
    .command('init')
    .description(
      'make a development network CA and, for each FIU, a TLS certificate, an operator CA and operator ' +
        'certificates, signing, encryption and ledger keys, a partner registry and a config for `fiugw serve`',
    )
    .requiredOption('--out <dir>', 'output folder (created if missing; must be empty unless --force)')
    .requiredOption(
      '--fius <ids>',
      `${MIN_FIUS} to ${MAX_FIUS} FIU ids separated by commas, e.g. FIU-A,FIU-B`,
    )
    .option('--force', 'write into a non-empty folder, replacing only the files pki init writes', false)
    .option(
      '--base-port <n>',
      'peer port of the first FIU; FIU i gets peer port n+i and operator port n+100+i (0: all ports 0)',
      String(DEFAULT_BASE_PORT),
    )
    .option('--days <n>', 'validity of the certificates and keys, in days', String(DEFAULT_DAYS))
    .action(async (opts: InitOptions) => {
      const started = performance.now();
      const layout = await initPki({
        out: opts.out,
        fius: splitFiuList(opts.fius),
        basePort: wholeNumber(opts.basePort, '--base-port'),
        days: wholeNumber(opts.days, '--days'),
        force: opts.force,
        log: (line) => console.log(line),
      });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const shown = (id: string, ...rest: string[]) => path.join(opts.out, id, ...rest);
      console.log(
        `done in ${seconds} s. DEVELOPMENT ONLY: these keys are public; never use them in production.`,
      );
      console.log('\nStart the gateways, one terminal each:');
      for (const id of layout.ids) console.log(`  fiugw serve --config ${shown(id, 'config.yaml')}`);
      console.log(
        `\nOperators reach their gateway with a profile, e.g. --profile ${shown(layout.ids[0]!, 'operators', 'analyst.profile.json')}`,
      );
    });
  registerRevoke(pki);
}
