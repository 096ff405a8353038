import { openSealed, sealTo } from '../crypto/sealed-box';

/** Each account's secret key is also sealed to the recovery key, so a reset keeps the account's key pair. */
const CONTEXT = 'amparo/account-escrow/v1';

export function escrowSecretKey(recoveryPublicKey: Uint8Array, secretKey: Uint8Array): Uint8Array {
  return sealTo(recoveryPublicKey, secretKey, CONTEXT);
}

export function recoverSecretKey(recoverySecretKey: Uint8Array, escrowed: Uint8Array): Uint8Array {
  return openSealed(recoverySecretKey, escrowed, CONTEXT);
}
