import type { RequestOf } from '../../../shared/contract';
import type { SectionName } from '../../../shared/case-file/sections';
import type { Identity } from '../../../shared/case-file/identity';
import type { RecordKind } from '../../../shared/case-file/records';
import type { CaseRecord } from '../../../shared/case-file/case';
import { call } from '../../api/client';
import { isSealedPhoto, SEALED_PHOTO_NAME } from './photo';
import { useCaseStore } from './caseStore';

/** The writes of the case view: each names the version it was based on and updates the store. */
function currentCaseId(): string {
  const { caseId } = useCaseStore.getState();
  if (!caseId) throw new Error('no case is open');
  return caseId;
}

export function sectionSaver(section: SectionName) {
  return async (data: unknown, version: number) => {
    const result = await call('cases.saveSection', { caseId: currentCaseId(), version, section, data } as RequestOf<'cases.saveSection'>);
    useCaseStore.getState().setSection(section, result);
    return result;
  };
}

export async function saveIdentity(data: Identity, version: number) {
  const result = await call('cases.saveIdentity', { caseId: currentCaseId(), version, data });
  const store = useCaseStore.getState();
  store.setIdentity(result);
  // The chosen photo is now sealed with the case key, and listed under the name "photo" (as the core does).
  const photo = store.file?.attachments.find((a) => a.id === result.data.photoAttachmentId);
  if (photo && !isSealedPhoto(photo)) store.putAttachment({ ...photo, name: SEALED_PHOTO_NAME });
  return result;
}

export async function addRecord(kind: RecordKind, data: unknown): Promise<CaseRecord> {
  const record = await call('records.add', { caseId: currentCaseId(), kind, data } as RequestOf<'records.add'>);
  useCaseStore.getState().putRecord(record);
  return record;
}

export async function updateRecord(kind: RecordKind, recordId: string, version: number, data: unknown): Promise<CaseRecord> {
  const record = await call('records.update', { recordId, version, kind, data } as RequestOf<'records.update'>);
  useCaseStore.getState().putRecord(record);
  return record;
}

export async function updateHeader(version: number, change: RequestOf<'cases.updateHeader'>['change']) {
  const header = await call('cases.updateHeader', { caseId: currentCaseId(), version, change });
  useCaseStore.getState().setHeader(header);
  return header;
}

export async function addAttachment() {
  const attachment = await call('attachments.add', { caseId: currentCaseId() });
  if (attachment) useCaseStore.getState().putAttachment(attachment);
  return attachment;
}

/** Writes an unencrypted copy where the person chooses in the main process's save dialog; null when cancelled. */
export function saveAttachmentCopy(attachmentId: string) {
  return call('attachments.saveCopy', { attachmentId });
}

/** Deletes an attachment for good, with a reason, based on the case's version (a new one after). */
export async function deleteAttachment(attachmentId: string, version: number, reason: string) {
  const header = await call('attachments.delete', { caseId: currentCaseId(), attachmentId, version, reason });
  const store = useCaseStore.getState();
  store.setHeader(header);
  store.removeAttachment(attachmentId);
  if (store.timeline !== null) void store.loadActivity();
  return header;
}

/** A supervisor gives the case to other caseworkers of the team, with a reason (kept in its history). */
export async function reassign(version: number, assignedIds: string[], reason: string) {
  const header = await call('cases.reassign', { caseId: currentCaseId(), version, assignedIds, reason });
  const store = useCaseStore.getState();
  store.setHeader(header);
  // The change is in the timeline now: read it again if it is on screen.
  if (store.timeline !== null) void store.loadActivity();
  return header;
}
