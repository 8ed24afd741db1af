import { expect } from 'chai';
import type { Role } from '../../../src/config.js';
import {
  CASE_STATES,
  CLOSE_REASONS,
  nextState,
  parseCloseReason,
  requireCloser,
  transition,
  type CaseKind,
  type CaseState,
} from '../../../src/policy/index.js';
import { expectCode } from '../../helpers/expect-code.js';

const as = (id: string, ...roles: Role[]) => ({ id, roles });
const LIAISON = as('liaison@B', 'liaison');
const LIAISON_2 = as('liaison-2@B', 'liaison');
const SUPERVISOR = as('supervisor@B', 'supervisor');
const ANALYST = as('analyst@B', 'analyst');
const AUDITOR = as('auditor@B', 'auditor');
const ADMIN = as('admin@B', 'admin');

/** The states each kind may be closed from; every other state refuses. */
const CLOSABLE: Record<CaseKind, CaseState[]> = {
  inbound_request: ['responded'],
  inbound_disclosure: ['assigned'],
  outbound_request: ['awaiting_response', 'answered'],
  outbound_disclosure: ['disclosed'],
};

describe('closing a case', () => {
  describe('transition', () => {
    for (const [kind, from] of Object.entries(CLOSABLE) as Array<[CaseKind, CaseState[]]>) {
      describe(`of a ${kind.replace('_', ' ')}`, () => {
        for (const state of from) {
          it(`closes it from ${state}`, () => {
            expect(transition(kind, state, 'close')).to.equal('closed');
            expect(nextState('c-1', kind, state, 'close')).to.equal('closed');
          });
        }
        for (const state of CASE_STATES.filter((s) => !from.includes(s))) {
          it(`refuses it from ${state} with case.invalid_state`, async () => {
            expect(transition(kind, state, 'close')).to.equal(null);
            const err = await expectCode(() => nextState('c-1', kind, state, 'close'), 'case.invalid_state');
            expect(err.publicDetail).to.contain('c-1').and.to.contain(state).and.to.contain('closed');
          });
        }
      });
    }

    it('refuses a received disclosure still open: someone must take it first', async () => {
      const err = await expectCode(
        () => nextState('c-2', 'inbound_disclosure', 'open', 'close'),
        'case.invalid_state',
      );
      expect(err.publicDetail).to.equal('case c-2 is open: it cannot be closed (inbound disclosure)');
    });

    it('closes nothing twice', () => {
      for (const kind of Object.keys(CLOSABLE) as CaseKind[]) {
        expect(transition(kind, 'closed', 'close')).to.equal(null);
      }
    });
  });

  describe('requireCloser', () => {
    for (const kind of ['inbound_request', 'inbound_disclosure'] as const) {
      describe(`a ${kind.replace('_', ' ')}`, () => {
        it('may be closed by its assignee', () => {
          expect(() => requireCloser('c', kind, LIAISON.id, LIAISON)).not.to.throw();
        });

        it('may be closed by any supervisor, assigned to someone else or to nobody', () => {
          expect(() => requireCloser('c', kind, LIAISON.id, SUPERVISOR)).not.to.throw();
          expect(() => requireCloser('c', kind, null, SUPERVISOR)).not.to.throw();
        });

        it('refuses another liaison officer with case.not_assignee', async () => {
          const err = await expectCode(
            () => requireCloser('c', kind, LIAISON.id, LIAISON_2),
            'case.not_assignee',
          );
          expect(err.publicDetail).to.contain(LIAISON.id).and.to.contain(LIAISON_2.id);
        });

        it('refuses analysts, auditors and administrators', async () => {
          for (const op of [ANALYST, AUDITOR, ADMIN]) {
            const err = await expectCode(
              () => requireCloser('c', kind, LIAISON.id, op),
              'transport.operator_forbidden',
            );
            expect(err.publicDetail).to.contain('liaison, supervisor');
          }
        });
      });
    }

    it('lets a liaison officer or supervisor close a disclosure we sent, nobody else', async () => {
      expect(() => requireCloser('c', 'outbound_disclosure', null, LIAISON_2)).not.to.throw();
      expect(() => requireCloser('c', 'outbound_disclosure', null, SUPERVISOR)).not.to.throw();
      for (const op of [ANALYST, AUDITOR, ADMIN]) {
        await expectCode(
          () => requireCloser('c', 'outbound_disclosure', null, op),
          'transport.operator_forbidden',
        );
      }
    });

    it('lets an analyst, liaison officer or supervisor close a request we sent, nobody else', async () => {
      for (const op of [ANALYST, LIAISON, SUPERVISOR]) {
        expect(() => requireCloser('c', 'outbound_request', null, op)).not.to.throw();
      }
      for (const op of [AUDITOR, ADMIN]) {
        const err = await expectCode(
          () => requireCloser('c', 'outbound_request', null, op),
          'transport.operator_forbidden',
        );
        expect(err.publicDetail).to.contain('analyst, liaison, supervisor');
      }
    });
  });

  describe('parseCloseReason', () => {
    it('accepts every code', () => {
      for (const code of CLOSE_REASONS) expect(parseCloseReason(code)).to.equal(code);
      expect(CLOSE_REASONS).to.deep.equal(['handled', 'no_response', 'duplicate', 'other']);
    });

    it('refuses anything else, free text included, naming the codes', async () => {
      for (const bad of ['', 'Handled', 'closed by J. Smith', 'handled ']) {
        const err = await expectCode(() => parseCloseReason(bad), 'message.invalid');
        expect(err.publicDetail).to.equal('reason: expected one of handled, no_response, duplicate, other');
      }
    });
  });
});
