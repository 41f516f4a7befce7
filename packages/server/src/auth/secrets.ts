/**
 * @module auth/secrets
 * Random tokens, hashing of high-entropy secrets (SHA-256) and constant-time comparison.
 * Passwords use argon2id instead (see passwords.ts): they are low-entropy.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A URL-safe random token of `bytes` bytes of entropy. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** SHA-256 hex of a secret. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Constant-time equality of two strings. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A readable random password (base64url, 20 chars ≈ 120 bits). */
export function generatePassword(): string {
  return randomToken(15);
}
