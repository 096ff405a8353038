import type { Channel, ParsedRequestOf, ResponseOf } from '../../../shared/contract';
import type { AppCore } from '../app/app-core';
import type { Session } from '../users/session';
import { createAccount, disableAccount, listAll, resetWithRecovery, changeOwnPassphrase, getAccount } from '../users/service';
import { toSessionInfo } from '../users/accounts';
import { createCase, getCaseFile, saveIdentity, saveSection, updateHeader } from '../cases/service';
import { addRecord, updateRecord } from '../cases/records';
import { caseHistory, caseTimeline, homeLists, listCases, searchCases } from '../cases/queries';
import { addAttachment, deleteAttachment, saveAttachmentCopy } from '../cases/attachments';
import { assertVisible } from '../cases/access';
import { createRecoveryShares, recoverWithShares } from '../app/recovery-shares';
import { reassignCase } from '../cases/reassign';
import { createTeam, listTeams, setTeam, staffDirectory } from '../users/teams';
import { queryAudit } from '../audit/query';
import { exportAuditCsv } from '../audit/export';
import { auditChainStatus } from '../audit/chain';
import { backupFileName, backupToChosenPath } from '../backup/create';
import { backupStatus } from '../backup/status';
import { referralHandlers } from '../referrals/handlers';
import { deletePastRetention, listPastRetention, rewriteIfPending } from '../retention/retention';
import { exportCaseReport } from '../reports/case-report';
import { exportSubjectAccess } from '../reports/subject-access';
import { statisticsHandlers } from '../statistics/handlers';

/** Validated input, the session (null only for public channels) and the core. */
type Handler<C extends Channel> = (input: ParsedRequestOf<C>, session: Session | null, core: AppCore) => Promise<ResponseOf<C>> | ResponseOf<C>;
export type Handlers = { [C in Channel]: Handler<C> };

const DONE = { done: true } as const;

/** Non-null for channels whose access is not 'public': the router has already checked. */
const signedIn = (session: Session | null): Session => session!;

export const handlers: Handlers = {
  'app.status': (_input, _session, core) => core.status(),
  'preferences.setLanguage': (input, _session, core) => ({ language: core.setLanguage(input.language) }),
  'vault.create': (input, _session, core) =>
    core.createVault({ username: input.username, displayName: input.displayName, passphrase: input.passphrase }),
  'vault.confirmRecoveryKey': async (input, session, core) => {
    await core.confirmRecoveryKey(signedIn(session), input.recoveryKey);
    return DONE;
  },
  'auth.login': (input, _session, core) => core.login(input.username, input.passphrase),
  'auth.recover': async (input, _session, core) => {
    await core.recover({ recoveryKey: input.recoveryKey, username: input.username, newPassphrase: input.newPassphrase });
    return DONE;
  },
  'auth.recoverWithShares': async (input, _session, core) => {
    await recoverWithShares(core, input);
    return DONE;
  },
  'session.lock': (input, _session, core) => {
    core.lockNow(input.reason);
    return DONE;
  },
  'session.activity': (_input, _session, core) => {
    core.lock.activity();
    return DONE;
  },
  'session.changePassphrase': async (input, session) => {
    const s = signedIn(session);
    await changeOwnPassphrase(s, input.currentPassphrase, input.newPassphrase);
    return toSessionInfo(getAccount(s.vault, s.accountId));
  },
  'settings.get': (_input, session, core) => core.settings(signedIn(session)),
  'settings.update': (input, session, core) => core.updateSettings(signedIn(session), input),
  'users.list': (_input, session) => listAll(signedIn(session).vault),
  'users.create': (input, session) => createAccount(signedIn(session), input),
  'users.disable': (input, session) => disableAccount(signedIn(session), input.accountId),
  'users.resetPassphrase': (input, session) => {
    const s = signedIn(session);
    return resetWithRecovery(s.vault, {
      accountId: input.accountId,
      recoveryKey: input.recoveryKey,
      newPassphrase: input.newPassphrase,
      actorId: s.accountId,
      // Someone else's temporary passphrase must be replaced by its owner at first login.
      mustChange: input.accountId !== s.accountId,
    });
  },
  'users.setTeam': (input, session) => setTeam(signedIn(session), input.accountId, input.teamId),
  'teams.list': (_input, session) => listTeams(signedIn(session).vault.db),
  'teams.create': (input, session) => createTeam(signedIn(session), input),
  'staff.directory': (_input, session) => staffDirectory(signedIn(session).vault.db),
  'recovery.createShares': (input, session, core) => createRecoveryShares(signedIn(session), input, core.location.now),
  'backup.create': (_input, session, core) => backupToChosenPath(signedIn(session), () => core.pickSavePath(backupFileName(core.location.now()), 'backup')),
  'backup.status': (_input, session, core) => backupStatus(signedIn(session).vault.db, core.location.paths.dataDir, core.location.now()),
  'backup.restore': (input, session, core) => core.restoreBackup(signedIn(session), input),
  // Public: the core refuses it whenever a vault exists (then only `backup.restore` may replace it).
  'vault.restore': (input, _session, core) => core.restoreBackup(null, input),
  'audit.query': (input, session) => queryAudit(signedIn(session).vault.db, input),
  'audit.exportCsv': (input, session, core) =>
    exportAuditCsv(signedIn(session), input, () => core.pickSavePath(`amparo-audit-${core.location.now().toISOString().slice(0, 10)}.csv`, 'csv')),
  'audit.verify': (_input, session, core) => auditChainStatus(signedIn(session).vault.db, () => core.location.now()),
  'cases.list': (input, session) => listCases(signedIn(session), input),
  'cases.create': (input, session) => createCase(signedIn(session), input),
  'cases.get': (input, session) => getCaseFile(signedIn(session), input.caseId),
  'cases.updateHeader': (input, session) => updateHeader(signedIn(session), input.caseId, input.version, input.change),
  'cases.reassign': (input, session) => reassignCase(signedIn(session), input),
  'cases.saveSection': (input, session) => saveSection(signedIn(session), input.caseId, input.section, input.version, input.data),
  'cases.saveIdentity': (input, session) => saveIdentity(signedIn(session), input.caseId, input.version, input.data),
  'records.add': (input, session) => addRecord(signedIn(session), input.caseId, input.kind, input.data),
  'records.update': (input, session) => updateRecord(signedIn(session), input.recordId, input.version, input.data),
  'cases.search': (input, session) => searchCases(signedIn(session), input.query, input.limit),
  'cases.home': (_input, session) => homeLists(signedIn(session)),
  'cases.timeline': (input, session) => caseTimeline(signedIn(session), input.caseId),
  'cases.history': (input, session) => caseHistory(signedIn(session), input.caseId),
  'attachments.add': async (input, session, core) => {
    const s = signedIn(session);
    // Checked before the dialog opens, so nobody is asked for a file for a case they cannot see.
    assertVisible(s, input.caseId);
    const file = await core.pickFile();
    return file ? addAttachment(s, input.caseId, file) : null;
  },
  'attachments.saveCopy': (input, session, core) => saveAttachmentCopy(signedIn(session), input.attachmentId, (name) => core.pickSavePath(name, 'attachment')),
  'attachments.delete': (input, session) => deleteAttachment(signedIn(session), input),
  'retention.list': async (_input, session) => {
    const s = signedIn(session);
    // A deletion whose rewrite did not finish (a crash, a full disk) is cleaned up first; if it
    // fails again, the list says so (cleanupPending) and the next visit tries again.
    await rewriteIfPending(s).catch(() => undefined);
    return listPastRetention(s);
  },
  'retention.delete': (input, session) => deletePastRetention(signedIn(session), input),
  'reports.caseReport': (input, session, core) => exportCaseReport(signedIn(session), input, (name) => core.pickSavePath(name, 'pdf')),
  'reports.subjectAccess': (input, session, core) => exportSubjectAccess(signedIn(session), input, (name) => core.pickSavePath(name, input.format)),
  ...referralHandlers,
  ...statisticsHandlers,
};
