/**
 * Types for the part of `http_ece` (1.2, Encrypted Content-Encoding for
 * HTTP, RFC 8188) that the local Web Push endpoint uses to decrypt. The
 * package ships none.
 */
declare module 'http_ece' {
  import type { ECDH } from 'node:crypto';

  interface DecryptParams {
    version: 'aes128gcm';
    /** The receiver's (browser's) ECDH key pair. */
    privateKey: ECDH;
    /** The subscription's 16-byte auth secret. */
    authSecret: Buffer | string;
  }

  function decrypt(buffer: Buffer, params: DecryptParams): Buffer;

  const ece: { decrypt: typeof decrypt };
  export default ece;
}
