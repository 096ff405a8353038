import { CHANNELS } from './contract';
import { authorizationTable } from './authorization';

/** docs/authorization.md, generated from the matrix so the two cannot drift apart. */
export function authorizationDocument(): string {
  return `# Who may call what

Generated from \`src/shared/authorization.ts\` by \`npm run docs:authorization\`; a test fails if
this page and the matrix differ. The router (\`src/main/core/ipc/router.ts\`) enforces the
matrix on every call: a channel a role may not call answers \`FORBIDDEN\`, and signed out,
\`NOT_SIGNED_IN\`. The renderer only hides what a role may not use.

Beyond the matrix, the case channels are filtered by need-to-know (\`src/main/core/cases/access.ts\`):
a caseworker sees only the cases assigned to them, a supervisor the cases of the teams they
lead (and any assigned to them). A case outside that set answers \`NOT_FOUND\`, as a case that
does not exist. The identity part of a case is sealed with its own key, wrapped only for the
people assigned, the team's supervisor and the recovery key (DESIGN.md §3).

Restoring a backup replaces the whole vault (docs/backup.md). Over an existing vault only the
signed-in administrator may do it (\`backup.restore\`). \`vault.restore\` is public, as
\`vault.create\` is, and like it works only on a computer without a vault — a new laptop set up
from the backup of a stolen or broken one: the core refuses it (\`VAULT_EXISTS\`) as soon as a
vault exists or someone is signed in. Both need the passphrase of an account in the backup (its
key slot opens the file) and check the backup completely before anything is replaced; the
session ends afterwards and everyone signs in again to the restored vault.

${authorizationTable(CHANNELS)}

¹ Also allowed while the account must still choose a new passphrase (first sign-in or after a reset).
`;
}
