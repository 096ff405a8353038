import type { SessionInfo } from '../../../shared/schemas';
import type { UnlockedVault } from '../vault/vault';
import { wipe } from '../crypto/bytes';

/** A signed-in person: their account, their role, and the open vault. Ends on lock. */
export class Session {
  constructor(
    public info: SessionInfo,
    readonly vault: UnlockedVault,
    private secretKeyBuffer: Uint8Array,
  ) {}

  get accountId(): string {
    return this.info.accountId;
  }

  get role() {
    return this.info.role;
  }

  /** The account's X25519 secret key (the sealed identity of cases will be wrapped to it). */
  get secretKey(): Uint8Array {
    return this.secretKeyBuffer;
  }

  end(): void {
    wipe(this.secretKeyBuffer);
    this.vault.lock();
  }
}
