/**
 * Who is calling the gateway. A missing `Authorization` header makes the
 * caller anonymous (subgraphs then refuse anything that is not public); a
 * header that is present but wrong is refused outright.
 */
import { ANONYMOUS, createBearerVerifier, type BearerOptions, type Principal } from '../common/auth.ts';
import { unauthenticated } from '../common/errors.ts';

export type Authenticator = (authorization: string | undefined) => Promise<Principal>;

export function createAuthenticator(options: BearerOptions): Authenticator {
  const verifyBearer = createBearerVerifier(options);
  return async (authorization) => {
    if (!authorization) return ANONYMOUS;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>".');
    return verifyBearer(match[1]);
  };
}
