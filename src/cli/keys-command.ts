/**
 * `fiugw keys rotate` (new message keys for one's own gateway, written to its files) and
 * `fiugw partners refresh-keys` (make the running gateway fetch its partners' current keys through
 * the keys API; admin profile). docs/OPERATIONS.md, "Rotating message keys".
 */
import type { Command } from 'commander';
import { GatewayError } from '../errors.js';
import { rotateKeys, type RotateUse } from '../pki/rotate.js';
import { KeysConnection } from '../transport/keys-client.js';
import { table } from './format.js';
import { withConnection } from './profile.js';

interface RotateCli {
  config: string;
  use: string;
  overlapDays: string;
  days: string;
  json?: boolean;
}

interface RefreshCli {
  partner?: string;
  profile?: string;
  json?: boolean;
}

/** A non-negative whole number from an option, or `pki.invalid_argument` naming the option. */
function wholeNumber(text: string, option: string): number {
  if (!/^\d{1,6}$/.test(text.trim())) {
    throw new GatewayError('pki.invalid_argument', `${option}: expected a whole number, got "${text}"`);
  }
  return Number(text.trim());
}

/** Registers `keys rotate` and `partners refresh-keys`. */
export function registerKeyCommands(program: Command): void {
  const keys = program.command('keys').description("the gateway's own message keys");
  keys
    .command('rotate')
    .description(
      'generate new signing and/or encryption keys beside the current ones, add them to the config and ' +
        'rewrite keys/public.json; restart the gateway to use them, then have partners run ' +
        '`fiugw partners refresh-keys`',
    )
    .requiredOption('-c, --config <file>', 'the gateway config file (YAML or JSON)')
    .option('--use <use>', 'which keys: sig, enc or all', 'all')
    .option(
      '--overlap-days <n>',
      'days before the new signing key becomes valid (time for partners to learn it); 0 = at once',
      '1',
    )
    .option('--days <n>', 'validity of the new keys in days, from when each becomes valid', '365')
    .option('--json', 'print JSON for scripts instead of a table')
    .action(async (o: RotateCli) => {
      if (!['sig', 'enc', 'all'].includes(o.use)) {
        throw new GatewayError('pki.invalid_argument', `--use: expected sig, enc or all, got "${o.use}"`);
      }
      const days = wholeNumber(o.days, '--days');
      if (days === 0) throw new GatewayError('pki.invalid_argument', '--days: expected at least 1');
      const r = await rotateKeys({
        config: o.config,
        use: o.use as RotateUse,
        overlapDays: wholeNumber(o.overlapDays, '--overlap-days'),
        days,
      });
      if (o.json) {
        console.log(JSON.stringify(r, null, 2));
        return;
      }
      console.log(
        table(
          ['use', 'kid', 'not before', 'not after', 'file'],
          r.keys.map((k) => [k.use, k.kid, k.notBefore, k.notAfter, k.file]),
        ),
      );
      console.log(`updated ${r.configFile} and ${r.publicKeysFile}; restart the gateway to use the new keys`);
    });

  const partners = program.command('partners').description("the partner FIUs of one's own gateway");
  partners
    .command('refresh-keys')
    .description(
      "fetch each partner's signed key set (peer RPC GetKeys), verify it with a signing key already " +
        'registered for that partner, and register the new keys (admin)',
    )
    .option('--partner <id>', 'one partner FIU id (default: every partner)')
    .option(
      '-p, --profile <file>',
      'admin operator profile (e.g. certs-dev/FIU-B/operators/admin.profile.json); default $FIUGW_PROFILE',
    )
    .option('--json', 'print JSON for scripts instead of a table')
    .action(async (o: RefreshCli) => {
      const res = await withConnection(
        o,
        'admin',
        (p) => new KeysConnection(p),
        (c) => c.refreshPartnerKeys(o.partner ?? ''),
      );
      if (o.json) console.log(JSON.stringify(res, null, 2));
      else {
        console.log(
          table(
            ['partner', 'result', 'keys in set', 'learned'],
            res.partners.map((p) => [
              p.partner,
              p.ok ? 'ok' : `refused: ${p.errorCode}`,
              p.ok ? String(p.keysInSet) : '',
              p.learned.map((l) => `${l.use} ${l.kid} (${l.notBefore}..${l.notAfter})`).join(', '),
            ]),
          ),
        );
      }
      if (res.partners.some((p) => !p.ok)) process.exitCode = 1;
    });
}
