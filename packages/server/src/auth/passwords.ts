/**
 * @module auth/passwords
 * argon2id password hashing (@node-rs/argon2) and the password policy.
 */
import { hash, verify } from '@node-rs/argon2';
import { VigilError } from '@vigil/contracts';

const ARGON2ID = 2;

/** An argon2id hash of a password. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 });
}

/** True when the password matches the hash. */
export async function verifyPassword(hashText: string, password: string): Promise<boolean> {
  try {
    return await verify(hashText, password);
  } catch {
    return false;
  }
}

/** Throws a coded validation error when a new password is too weak. */
export function checkPasswordPolicy(password: unknown): asserts password is string {
  if (typeof password !== 'string' || password.length < 10) {
    throw new VigilError('VIGIL_ERR_VALIDATION', 'A password needs at least 10 characters.', { field: 'password' });
  }
  if (password.length > 1024) throw new VigilError('VIGIL_ERR_VALIDATION', 'A password can have at most 1024 characters.', { field: 'password' });
}
