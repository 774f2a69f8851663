/**
 * WeChat Pay API v3 cryptography: RSA-SHA256 signatures over "line\n" messages and the
 * AEAD_AES_256_GCM resource of callbacks. Used by the real adapter and by the sandbox alike, so
 * the sandbox's callbacks are verified by the very code that verifies WeChat's.
 */
import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, createVerify, randomBytes, sign as signAsync, type KeyObject } from 'node:crypto';

/** The signed message: each part followed by "\n" (e.g. timestamp, nonce, body). */
export function signatureMessage(parts: string[]): string {
  return parts.map((p) => `${p}\n`).join('');
}

/** Parsing a PEM costs more than signing with it: each key is parsed once (a process holds a handful). */
const parsed = new Map<string, KeyObject>();
function key(pem: string, parse: (pem: string) => KeyObject): KeyObject {
  let k = parsed.get(pem);
  if (!k) parsed.set(pem, (k = parse(pem)));
  return k;
}

/**
 * RSA-SHA256 on libuv's thread pool: a 2048-bit signature costs about 0.3 ms of CPU, four of them
 * per paid order (request, answer, pay parameters, callback), which would otherwise stall every
 * other request on the event loop meanwhile.
 */
export function sign(privateKeyPem: string, message: string): Promise<string> {
  return new Promise((resolve, reject) =>
    signAsync('sha256', Buffer.from(message, 'utf8'), key(privateKeyPem, createPrivateKey), (error, signature) => (error ? reject(error) : resolve(signature.toString('base64')))),
  );
}

export function verify(publicKeyPem: string, message: string, signature: string): boolean {
  try {
    return createVerify('RSA-SHA256').update(message).verify(key(publicKeyPem, createPublicKey), signature, 'base64');
  } catch {
    return false;
  }
}

export interface EncryptedResource {
  algorithm: 'AEAD_AES_256_GCM';
  ciphertext: string;
  nonce: string;
  associated_data: string;
  original_type: string;
}

export function encryptResource(apiV3Key: string, plaintext: string, associatedData: string, originalType = 'transaction'): EncryptedResource {
  const nonce = randomBytes(6).toString('hex');
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { algorithm: 'AEAD_AES_256_GCM', ciphertext: body.toString('base64'), nonce, associated_data: associatedData, original_type: originalType };
}

/** The plaintext, or null when the tag does not match (tampered or wrong key). */
export function decryptResource(apiV3Key: string, resource: EncryptedResource): string | null {
  try {
    const data = Buffer.from(resource.ciphertext, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(resource.nonce, 'utf8'));
    decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'));
    decipher.setAuthTag(data.subarray(data.length - 16));
    return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

export function nonce(): string {
  return randomBytes(16).toString('hex');
}
