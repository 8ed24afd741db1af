import { expect } from 'chai';
import { identifyOperator, requireRole } from '../../../src/services/authorize.js';
import { expectCode } from '../../helpers/expect-code.js';

describe('identifyOperator', () => {
  const configured = [
    { name: 'analyst@FIU-A', roles: ['analyst' as const] },
    { name: 'boss@FIU-A', roles: ['liaison' as const, 'supervisor' as const] },
  ];

  it('gives the roles of the configuration', () => {
    expect(identifyOperator('boss@FIU-A', configured)).to.deep.equal({
      id: 'boss@FIU-A',
      roles: ['liaison', 'supervisor'],
    });
  });

  it('refuses an operator the configuration does not know', async () => {
    await expectCode(() => identifyOperator('intruder@FIU-A', configured), 'transport.operator_forbidden');
  });
});

describe('requireRole', () => {
  it('allows an operator holding one of the roles', () => {
    expect(() =>
      requireRole({ id: 'x', roles: ['liaison'] }, ['analyst', 'liaison'], 'reading'),
    ).not.to.throw();
  });

  it('refuses one that holds none, naming the roles needed', async () => {
    const err = await expectCode(
      () => requireRole({ id: 'x', roles: ['auditor'] }, ['analyst'], 'submitting'),
      'transport.operator_forbidden',
    );
    expect(err.publicDetail).to.contain('analyst');
  });
});
