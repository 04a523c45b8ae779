/**
 * A self-signed TLS certificate for 127.0.0.1 and localhost, made when a
 * local push server starts (fake-apns.ts, fake-web-push.ts). The client
 * trusts it through the settings' test-only `ca`; TLS stays verified.
 */
import { generate } from 'selfsigned';

/** PEM key and certificate; the certificate is also the CA to trust. */
export interface TestCertificate {
  key: string;
  cert: string;
}

export async function testCertificate(): Promise<TestCertificate> {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
