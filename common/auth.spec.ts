import { describe, expect, it, vi } from 'vitest';
import { Role, hasRole, mintBearerToken, createBearerVerifier, signForSubgraph, verifyFromGateway } from './auth.ts';

const bearer = { jwtSecret: 'secret-for-tests', issuer: 'heartsafe', audience: 'heartsafe-api' };

describe('auth', () => {
  it('round-trips a bearer token into a principal', async () => {
    const token = await mintBearerToken(bearer, 'user-1', [{ role: Role.CHAIR, scope: 'wg-1' }]);
    const principal = await createBearerVerifier(bearer)(token);
    expect(principal).toEqual({ subject: 'user-1', grants: [{ role: Role.CHAIR, scope: 'wg-1' }] });
    expect(hasRole(principal, Role.CHAIR, 'wg-1')).toBe(true);
    expect(hasRole(principal, Role.CHAIR, 'wg-2')).toBe(false);
  });

  it('refuses a token signed with another secret', async () => {
    const token = await mintBearerToken({ ...bearer, jwtSecret: 'other' }, 'user-1', []);
    await expect(createBearerVerifier(bearer)(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses unknown roles', async () => {
    const token = await mintBearerToken(bearer, 'user-1', [{ role: 'KING' as Role, scope: 'x' }]);
    await expect(createBearerVerifier(bearer)(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('accepts only principals signed with the gateway secret', async () => {
    const signed = await signForSubgraph({ subject: 's', grants: [{ role: Role.ADMIN }] }, 'gw');
    await expect(verifyFromGateway(signed, 'gw')).resolves.toMatchObject({ subject: 's' });
    await expect(verifyFromGateway(signed, 'not-gw')).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await expect(verifyFromGateway(undefined, 'gw')).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});

describe('service principals', () => {
  it('are never accepted from a bearer token', async () => {
    const token = await mintBearerToken(bearer, 'intruder', [{ role: Role.SERVICE, scope: 'incidents' }]);
    await expect(createBearerVerifier(bearer)(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});

describe('signatures between services', () => {
  it('signs a principal once while the signature is fresh, and anew when the principal differs', async () => {
    const principal = { subject: 'svc', grants: [{ role: Role.SERVICE, scope: 'incidents' }] };
    const first = await signForSubgraph(principal, 'gw');
    expect(await signForSubgraph({ ...principal }, 'gw')).toBe(first);
    expect(await signForSubgraph({ ...principal, grants: [{ role: Role.SERVICE, scope: 'aeds' }] }, 'gw')).not.toBe(first);
    expect(await signForSubgraph(principal, 'other-gw')).not.toBe(first);
  });

  it('does not accept, from what it checked before, a token under another secret or after it expired', async () => {
    const signed = await signForSubgraph({ subject: 'cached', grants: [] }, 'gw');
    await expect(verifyFromGateway(signed, 'gw')).resolves.toMatchObject({ subject: 'cached' });
    await expect(verifyFromGateway(signed, 'not-gw')).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    const { exp } = JSON.parse(Buffer.from(signed.split('.')[1]!, 'base64url').toString()) as { exp: number };
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(exp * 1000 + 1);
      await expect(verifyFromGateway(signed, 'gw')).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    } finally {
      vi.useRealTimers();
    }
  });
});
