/**
 * `npm run token -- --role <ROLE> [--scope <id>] [--role … --scope …] [--subject <id>] [--expires 12h]`
 * mints a development bearer token signed with JWT_SECRET, with `exp` and `iat`:
 * the gateway refuses it after `--expires`, or after JWT_MAX_AGE_SECONDS (default 24 h) if that comes first.
 */
import { parseArgs } from 'node:util';
import { ROLES, Role, mintBearerToken, type Grant } from '../common/auth.ts';
import { loadConfig } from '../common/config.ts';

const { values } = parseArgs({
  options: {
    role: { type: 'string', multiple: true },
    scope: { type: 'string', multiple: true },
    subject: { type: 'string' },
    expires: { type: 'string', default: '12h' },
  },
});

const roles = values.role ?? [];
const scopes = values.scope ?? [];
if (roles.length === 0) {
  console.error(`Usage: npm run token -- --role <ROLE> [--scope <id>] …\nRoles: ${ROLES.join(', ')}`);
  process.exit(2);
}
const grants: Grant[] = roles.map((role, index) => {
  if (!ROLES.includes(role as Role)) {
    console.error(`Unknown role ${role}. Roles: ${ROLES.join(', ')}`);
    process.exit(2);
  }
  const scope = scopes[index];
  if (role !== Role.ADMIN && !scope) {
    console.error(`Role ${role} needs a --scope (the id it applies to).`);
    process.exit(2);
  }
  return scope ? { role: role as Role, scope } : { role: role as Role };
});
const config = loadConfig();
const subject = values.subject ?? (grants[0].role === Role.VOLUNTEER ? grants[0].scope! : `dev-${grants[0].role.toLowerCase()}`);
console.log(await mintBearerToken({ jwtSecret: config.jwtSecret, issuer: config.jwtIssuer, audience: config.jwtAudience }, subject, grants, values.expires));
