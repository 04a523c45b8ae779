import { SignJWT } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import {
  Role,
  SIGNED_PRINCIPAL_LIFETIME_SECONDS,
  bearerExpiresAt,
  createBearerVerifier,
  hasRole,
  mintBearerToken,
  requireRole,
  signForSubgraph,
  verifyFromGateway,
} from './auth.ts';

const bearer = { jwtSecret: 'secret-for-tests', issuer: 'heartsafe', audience: 'heartsafe-api' };

/** A token as a careless identity provider might mint it: exactly the claims given. */
async function rawToken(claims: Record<string, unknown>): Promise<string> {
  return new SignJWT({ roles: [], sub: 'user-1', iss: bearer.issuer, aud: bearer.audience, ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(bearer.jwtSecret));
}

const now = () => Math.floor(Date.now() / 1000);

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

  it('refuses unknown roles, saying which', async () => {
    const token = await mintBearerToken(bearer, 'user-1', [{ role: 'KING' as Role, scope: 'x' }]);
    await expect(createBearerVerifier(bearer)(token)).rejects.toMatchObject({
      message: expect.stringContaining('unknown role "KING"'),
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('refuses a scoped role without its scope, saying so', async () => {
    const token = await mintBearerToken(bearer, 'user-1', [{ role: Role.DISPATCHER } as never]);
    await expect(createBearerVerifier(bearer)(token)).rejects.toMatchObject({ message: expect.stringContaining('role DISPATCHER has no scope') });
  });

  it('refuses a token without exp, without iat, expired, or older than the maximum age', async () => {
    const verify = createBearerVerifier({ ...bearer, maxAgeSeconds: 3600 });
    await expect(verify(await rawToken({ iat: now() }))).rejects.toMatchObject({ message: expect.stringContaining('no expiry (exp)') });
    await expect(verify(await rawToken({ exp: now() + 60 }))).rejects.toMatchObject({ message: expect.stringContaining('"iat"') });
    await expect(verify(await rawToken({ iat: now() - 120, exp: now() - 60 }))).rejects.toMatchObject({ message: expect.stringContaining('has expired') });
    await expect(verify(await rawToken({ iat: now() - 3700, exp: now() + 3600 }))).rejects.toMatchObject({
      message: expect.stringContaining('more than 3600 s ago'),
    });
    await expect(verify(await rawToken({ iat: now() - 60, exp: now() + 3600 }))).resolves.toMatchObject({ subject: 'user-1' });
  });

  it('tells when an accepted token stops being valid: exp, or iat plus the maximum age', async () => {
    const iat = now();
    expect(bearerExpiresAt(await rawToken({ iat, exp: iat + 60 }), 3600)).toBe((iat + 60) * 1000);
    expect(bearerExpiresAt(await rawToken({ iat, exp: iat + 7200 }), 3600)).toBe((iat + 3600) * 1000);
  });

  it('says which role and scope a refusal needed, and what the caller holds', () => {
    const officer = { subject: 'o', grants: [{ role: Role.POLICY_OFFICER, scope: 'm-1' }] };
    expect(() => requireRole(officer, Role.ADMIN)).toThrow('This needs the role ADMIN, which you do not hold.');
    expect(() => requireRole(officer, Role.POLICY_OFFICER, 'm-2')).toThrow('This needs the role POLICY_OFFICER for m-2; you hold it only for m-1.');
    expect(() => requireRole(officer, Role.CHAIR, 'wg-1')).toThrow('This needs the role CHAIR for wg-1, which you do not hold.');
    expect(() => requireRole(officer, Role.POLICY_OFFICER, 'm-1')).not.toThrow();
  });

  it('accepts only principals signed with the gateway secret', async () => {
    const signed = await signForSubgraph({ subject: 's', grants: [{ role: Role.ADMIN }] }, 'gw', 'aeds');
    await expect(verifyFromGateway(signed, 'gw', 'aeds')).resolves.toMatchObject({ subject: 's' });
    await expect(verifyFromGateway(signed, 'not-gw', 'aeds')).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await expect(verifyFromGateway(undefined, 'gw', 'aeds')).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});

describe('service principals', () => {
  it('are never accepted from a bearer token', async () => {
    const token = await mintBearerToken(bearer, 'intruder', [{ role: Role.SERVICE, scope: 'incidents' }]);
    await expect(createBearerVerifier(bearer)(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});

describe('signatures between services', () => {
  it('signs a principal once per subgraph while the signature is fresh, and anew when the principal differs', async () => {
    const principal = { subject: 'svc', grants: [{ role: Role.SERVICE, scope: 'incidents' }] };
    const first = await signForSubgraph(principal, 'gw', 'volunteers');
    expect(await signForSubgraph({ ...principal }, 'gw', 'volunteers')).toBe(first);
    expect(await signForSubgraph(principal, 'gw', 'aeds')).not.toBe(first);
    expect(await signForSubgraph({ ...principal, grants: [{ role: Role.SERVICE, scope: 'aeds' }] }, 'gw', 'volunteers')).not.toBe(first);
    expect(await signForSubgraph(principal, 'other-gw', 'volunteers')).not.toBe(first);
  });

  it('re-signs at half the lifetime, and the signature lives seconds, not minutes', async () => {
    const principal = { subject: 'renewed', grants: [] };
    const first = await signForSubgraph(principal, 'gw', 'aeds');
    const { iat, exp } = JSON.parse(Buffer.from(first.split('.')[1]!, 'base64url').toString()) as { iat: number; exp: number };
    expect(exp - iat).toBe(SIGNED_PRINCIPAL_LIFETIME_SECONDS);
    expect(SIGNED_PRINCIPAL_LIFETIME_SECONDS).toBeLessThanOrEqual(30);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(iat * 1000 + (SIGNED_PRINCIPAL_LIFETIME_SECONDS * 1000) / 2 - 1_000);
      expect(await signForSubgraph(principal, 'gw', 'aeds')).toBe(first);
      vi.setSystemTime(iat * 1000 + (SIGNED_PRINCIPAL_LIFETIME_SECONDS * 1000) / 2 + 1_000);
      expect(await signForSubgraph(principal, 'gw', 'aeds')).not.toBe(first);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses a principal whose header, claims or signature were changed', async () => {
    const signed = await signForSubgraph({ subject: 'tampered', grants: [] }, 'gw', 'aeds');
    const [header, body, signature] = signed.split('.') as [string, string, string];
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    for (const forged of [
      `${encode({ alg: 'none', typ: 'JWT' })}.${body}.`,
      `${encode({ alg: 'HS512', typ: 'JWT' })}.${body}.${signature}`,
      `${header}.${encode({ ...claims, roles: [{ role: Role.ADMIN }] })}.${signature}`,
      `${header}.${encode({ ...claims, aud: 'volunteers' })}.${signature}`,
      `${header}.${body}.${signature.slice(0, -2)}`,
      `${signed}.extra`,
    ]) {
      await expect(verifyFromGateway(forged, 'gw', 'aeds'), forged).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    }
    await expect(verifyFromGateway(signed, 'gw', 'aeds')).resolves.toMatchObject({ subject: 'tampered' });
  });

  it('does not accept, from what it checked before, a token under another secret, for another subgraph, or after it expired', async () => {
    const signed = await signForSubgraph({ subject: 'cached', grants: [] }, 'gw', 'incidents');
    await expect(verifyFromGateway(signed, 'gw', 'incidents')).resolves.toMatchObject({ subject: 'cached' });
    await expect(verifyFromGateway(signed, 'not-gw', 'incidents')).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await expect(verifyFromGateway(signed, 'gw', 'volunteers')).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    const { exp } = JSON.parse(Buffer.from(signed.split('.')[1]!, 'base64url').toString()) as { exp: number };
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(exp * 1000 + 1);
      await expect(verifyFromGateway(signed, 'gw', 'incidents')).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    } finally {
      vi.useRealTimers();
    }
  });
});
