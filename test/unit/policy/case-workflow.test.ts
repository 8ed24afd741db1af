import { expect } from 'chai';
import fc from 'fast-check';
import type { Role } from '../../../src/config.js';
import { isGatewayError } from '../../../src/errors.js';
import {
  approvalRule,
  approvalsSatisfied,
  CASE_STATES,
  caseKind,
  checkApproval,
  isOverdue,
  median,
  nextState,
  requireAssignee,
  requireCaseRole,
  transition,
  type ApprovalRule,
  type CaseAction,
  type CaseKind,
  type CaseState,
} from '../../../src/policy/index.js';
import { expectCode } from '../../helpers/expect-code.js';

const liaison = (id: string) => ({ id, roles: ['liaison'] as Role[] });
const supervisor = (id: string) => ({ id, roles: ['supervisor'] as Role[] });
const FOUR_EYES: ApprovalRule = { count: 2, supervisor: true };
const ONE: ApprovalRule = { count: 1, supervisor: false };
const SUPERVISOR: ApprovalRule = { count: 1, supervisor: true };

describe('case workflow', () => {
  describe('caseKind', () => {
    it('names the kind from direction and opening message type', () => {
      expect(caseKind('in', 'request')).to.equal('inbound_request');
      expect(caseKind('out', 'request')).to.equal('outbound_request');
      expect(caseKind('in', 'spontaneous_disclosure')).to.equal('inbound_disclosure');
      expect(caseKind('out', 'spontaneous_disclosure')).to.equal('outbound_disclosure');
      expect(caseKind('in', 'feedback')).to.equal(null);
    });
  });

  describe('transition', () => {
    it('walks an incoming request from open to responded, a rejection going back to assigned', () => {
      const k: CaseKind = 'inbound_request';
      expect(transition(k, 'open', 'assign')).to.equal('assigned');
      expect(transition(k, 'assigned', 'assign')).to.equal('assigned');
      expect(transition(k, 'assigned', 'draft')).to.equal('awaiting_approval');
      expect(transition(k, 'awaiting_approval', 'approve')).to.equal('awaiting_approval');
      expect(transition(k, 'awaiting_approval', 'reject')).to.equal('assigned');
      expect(transition(k, 'awaiting_approval', 'approve_and_send')).to.equal('responded');
    });

    it('walks outgoing requests and disclosures from awaiting_approval to their sent state', () => {
      expect(transition('outbound_request', 'awaiting_approval', 'approve_and_send')).to.equal(
        'awaiting_response',
      );
      expect(transition('outbound_request', 'awaiting_response', 'answer')).to.equal('answered');
      expect(transition('outbound_disclosure', 'awaiting_approval', 'approve_and_send')).to.equal(
        'disclosed',
      );
      expect(transition('outbound_disclosure', 'awaiting_approval', 'reject')).to.equal('closed');
      expect(transition('inbound_disclosure', 'open', 'assign')).to.equal('assigned');
    });

    it('allows nothing else', () => {
      expect(transition('inbound_request', 'open', 'draft')).to.equal(null);
      expect(transition('inbound_request', 'responded', 'approve')).to.equal(null);
      expect(transition('inbound_request', 'awaiting_approval', 'assign')).to.equal(null);
      expect(transition('inbound_disclosure', 'assigned', 'draft')).to.equal(null);
      expect(transition('outbound_request', 'awaiting_response', 'approve')).to.equal(null);
      expect(transition('outbound_disclosure', 'disclosed', 'reject')).to.equal(null);
    });

    it('nextState throws case.invalid_state naming the case and its state', async () => {
      const err = await expectCode(
        () => nextState('c-1', 'inbound_request', 'responded', 'approve_and_send'),
        'case.invalid_state',
      );
      expect(err.publicDetail).to.contain('c-1').and.to.contain('responded');
    });

    it('no action leaves the states of its kind (property)', () => {
      const kinds: CaseKind[] = [
        'inbound_request',
        'inbound_disclosure',
        'outbound_request',
        'outbound_disclosure',
      ];
      const actions: CaseAction[] = [
        'assign',
        'draft',
        'approve',
        'approve_and_send',
        'reject',
        'answer',
        'close',
      ];
      fc.assert(
        fc.property(
          fc.constantFrom(...kinds),
          fc.constantFrom(...CASE_STATES),
          fc.constantFrom(...actions),
          (k, s, a) => {
            const to = transition(k, s, a);
            return to === null || (CASE_STATES as readonly string[]).includes(to);
          },
        ),
      );
    });
  });

  describe('approvalRule', () => {
    const a = (disclosures: 1 | 2, outgoingRequestsNeedSupervisor: boolean) => ({
      approvals: { disclosures, outgoingRequestsNeedSupervisor },
    });
    it('asks disclosures for the agreement count, the second by a supervisor', () => {
      expect(approvalRule(a(2, false), 'response')).to.deep.equal(FOUR_EYES);
      expect(approvalRule(a(1, false), 'spontaneous_disclosure')).to.deep.equal(ONE);
    });
    it('asks outgoing requests for a supervisor only when the agreement says so', () => {
      expect(approvalRule(a(2, true), 'request')).to.deep.equal(SUPERVISOR);
      expect(approvalRule(a(2, false), 'request')).to.equal(null);
      expect(approvalRule(a(2, true), 'feedback')).to.equal(null);
    });
  });

  describe('checkApproval', () => {
    const draft = { drafter: 'liaison@B', approvals: [] };

    it('completes a one-approval draft with any approver but the drafter', () => {
      expect(checkApproval(ONE, draft, liaison('liaison-2@B'))).to.deep.equal({ complete: true });
    });

    it('refuses the drafter (self-approval)', async () => {
      await expectCode(() => checkApproval(ONE, draft, liaison('liaison@B')), 'case.self_approval');
    });

    it('refuses the same approver twice', async () => {
      const once = { drafter: 'liaison@B', approvals: [supervisor('supervisor@B')] };
      await expectCode(
        () => checkApproval(FOUR_EYES, once, supervisor('supervisor@B')),
        'case.already_approved',
      );
    });

    it('under four eyes: the first approval does not complete, the second must be a supervisor', async () => {
      expect(checkApproval(FOUR_EYES, draft, liaison('liaison-2@B'))).to.deep.equal({ complete: false });
      const once = { drafter: 'liaison@B', approvals: [liaison('liaison-2@B')] };
      await expectCode(
        () => checkApproval(FOUR_EYES, once, liaison('liaison-3@B')),
        'case.supervisor_required',
      );
      expect(checkApproval(FOUR_EYES, once, supervisor('supervisor@B'))).to.deep.equal({ complete: true });
    });

    it('refuses an approver with neither the liaison nor the supervisor role', async () => {
      await expectCode(
        () => checkApproval(ONE, draft, { id: 'analyst@B', roles: ['analyst'] }),
        'transport.operator_forbidden',
      );
    });

    it('refuses an outgoing request approval by anyone but a supervisor', async () => {
      await expectCode(
        () => checkApproval(SUPERVISOR, { drafter: 'analyst@B', approvals: [] }, liaison('l@B')),
        'case.supervisor_required',
      );
    });

    it('refuses an approval beyond the count', async () => {
      const full = { drafter: 'liaison@B', approvals: [supervisor('s1@B')] };
      await expectCode(() => checkApproval(ONE, full, supervisor('s2@B')), 'case.invalid_state');
    });
  });

  describe('no sequence of approvals sends a draft without the approvals it needs (property)', () => {
    const people = fc.constantFrom(
      liaison('liaison@B'),
      liaison('liaison-2@B'),
      supervisor('supervisor@B'),
      supervisor('supervisor-2@B'),
      { id: 'both@B', roles: ['liaison', 'supervisor'] as Role[] },
      { id: 'analyst@B', roles: ['analyst'] as Role[] },
    );
    const rules = fc.constantFrom(ONE, FOUR_EYES, SUPERVISOR);

    it('holds for every rule, drafter and order of attempts', () => {
      fc.assert(
        fc.property(rules, people, fc.array(people, { maxLength: 8 }), (rule, drafter, attempts) => {
          const approvals: Array<{ id: string; roles: readonly Role[] }> = [];
          for (const approver of attempts) {
            try {
              const { complete } = checkApproval(rule, { drafter: drafter.id, approvals }, approver);
              approvals.push(approver);
              if (complete) {
                // Sent: the rule must be satisfied, and never by the drafter.
                return approvalsSatisfied(rule, { drafter: drafter.id, approvals });
              }
            } catch (err) {
              if (!isGatewayError(err)) throw err;
            }
          }
          // Never sent: the draft never got its approvals.
          return (
            !approvalsSatisfied(rule, { drafter: drafter.id, approvals }) || approvals.length < rule.count
          );
        }),
        { numRuns: 500 },
      );
    });
  });

  describe('roles', () => {
    it('requireCaseRole names the roles needed', async () => {
      const err = await expectCode(
        () => requireCaseRole({ id: 'auditor@B', roles: ['auditor'] }, 'assign', 'assigning a case'),
        'transport.operator_forbidden',
      );
      expect(err.publicDetail).to.contain('liaison, supervisor');
    });

    it('requireAssignee refuses anyone but the assignee, and an unassigned case', async () => {
      expect(() => requireAssignee('c', 'liaison@B', liaison('liaison@B'))).not.to.throw();
      await expectCode(() => requireAssignee('c', 'liaison@B', liaison('liaison-2@B')), 'case.not_assignee');
      await expectCode(() => requireAssignee('c', null, liaison('liaison@B')), 'case.not_assignee');
    });
  });

  describe('isOverdue', () => {
    const now = new Date('2026-02-01T00:00:00Z');
    const base = {
      direction: 'in' as const,
      messageType: 'request',
      state: 'assigned' as CaseState,
      deadline: '2026-01-31T00:00:00.000Z',
    };
    it('flags a received request past its deadline that is not yet responded to', () => {
      expect(isOverdue(base, now)).to.equal(true);
      expect(isOverdue({ ...base, state: 'awaiting_approval' }, now)).to.equal(true);
    });
    it('does not flag one responded to, one before its deadline, one without, or one sent', () => {
      expect(isOverdue({ ...base, state: 'responded' }, now)).to.equal(false);
      expect(isOverdue({ ...base, deadline: '2026-02-02T00:00:00.000Z' }, now)).to.equal(false);
      expect(isOverdue({ ...base, deadline: null }, now)).to.equal(false);
      expect(isOverdue({ ...base, direction: 'out' }, now)).to.equal(false);
    });
  });

  describe('median', () => {
    it('is the middle value, or the mean of the two middle ones', () => {
      expect(median([])).to.equal(null);
      expect(median([5])).to.equal(5);
      expect(median([9, 1, 5])).to.equal(5);
      expect(median([4, 1, 3, 2])).to.equal(2.5);
    });
  });
});
