import { generateKeyPair } from '../../src/main/core/crypto/sealed-box';

/** For tests that migrate a bare database: a recovery public key nobody holds the secret of. */
export const MIGRATION_CONTEXT = { recoveryPublicKey: generateKeyPair().publicKey };
