import { describe, expect, it } from 'vitest';
import { ANONYMOUS, PartnerPermission, Role, type Grant, type Principal } from '../../../common/auth.ts';
import { OutcomeScopeKind, type OutcomeScope } from './outcome-scope.ts';
import { outcomeDisclosure } from './outcomes.access.ts';

const M1 = '00000000-0000-4000-8000-000000000001';
const M2 = '00000000-0000-4000-8000-000000000002';
const M3 = '00000000-0000-4000-8000-000000000003';
const W = '00000000-0000-4000-8000-0000000000a1';
const R = '00000000-0000-4000-8000-0000000000b1';
const A = '00000000-0000-4000-8000-0000000000c1';

const as = (...grants: Grant[]): Principal => ({ subject: 'someone', grants });
const scope = (kind: OutcomeScopeKind, id: string, municipalities: string[]): OutcomeScope => ({
  kind,
  id,
  municipalities: municipalities.map((municipality) => ({ id: municipality, timeZone: 'Europe/Amsterdam' })),
});
const municipality = scope(OutcomeScopeKind.MUNICIPALITY, M1, [M1]);
const group = scope(OutcomeScopeKind.WORKING_GROUP, W, [M1, M2]);
const region = scope(OutcomeScopeKind.SECURITY_REGION, R, [M1, M2, M3]);
const partner = scope(OutcomeScopeKind.PARTNER_ASSOCIATION, A, [M1, M2, M3]);
const code = (run: () => unknown) => {
  try {
    run();
    return 'ALLOWED';
  } catch (error) {
    return (error as { extensions: { code: string } }).extensions.code;
  }
};

describe('outcomeDisclosure', () => {
  it('gives the coordinators of every municipality of the scope every figure', () => {
    expect(outcomeDisclosure(as({ role: Role.POLICY_OFFICER, scope: M1 }), municipality)).toEqual({ withholdSmallCells: false });
    const chair = as({ role: Role.CHAIR, scope: W, municipalityIds: [M1, M2] });
    expect(outcomeDisclosure(chair, group)).toEqual({ withholdSmallCells: false });
    expect(outcomeDisclosure(as({ role: Role.ADMIN }), partner)).toEqual({ withholdSmallCells: false });
  });

  it('withholds small cells for a coordinator of part of a working group or region, and for a dispatcher serving the region', () => {
    expect(outcomeDisclosure(as({ role: Role.POLICY_OFFICER, scope: M2 }), group)).toEqual({ withholdSmallCells: true });
    expect(outcomeDisclosure(as({ role: Role.CHAIR, scope: W, municipalityIds: [M1, M2] }), region)).toEqual({ withholdSmallCells: true });
    expect(outcomeDisclosure(as({ role: Role.DISPATCHER, scope: 'service', regionIds: [R] }), region)).toEqual({ withholdSmallCells: true });
  });

  it('gives a partner its own members only, and only with STATISTICS', () => {
    expect(outcomeDisclosure(as({ role: Role.PARTNER, scope: A }), partner)).toEqual({ withholdSmallCells: true });
    expect(code(() => outcomeDisclosure(as({ role: Role.PARTNER, scope: A, permissions: [PartnerPermission.ALERTS] }), partner))).toBe('FORBIDDEN');
    expect(code(() => outcomeDisclosure(as({ role: Role.PARTNER, scope: A, municipalityIds: [M1] }), municipality))).toBe('FORBIDDEN');
  });

  it('refuses everyone else, a policy officer of another municipality first', () => {
    const other = as({ role: Role.POLICY_OFFICER, scope: M3 });
    expect(code(() => outcomeDisclosure(other, municipality))).toBe('FORBIDDEN');
    expect(code(() => outcomeDisclosure(other, group))).toBe('FORBIDDEN');
    expect(code(() => outcomeDisclosure(as({ role: Role.DISPATCHER, scope: 'service', regionIds: [R] }), municipality))).toBe('FORBIDDEN');
    expect(code(() => outcomeDisclosure(as({ role: Role.VOLUNTEER, scope: M1 }), municipality))).toBe('FORBIDDEN');
    expect(code(() => outcomeDisclosure(ANONYMOUS, municipality))).toBe('UNAUTHENTICATED');
  });
});
